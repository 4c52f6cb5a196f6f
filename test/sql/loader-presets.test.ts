import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { FIXTURES, funnel, json, tempDir } from '../e2e/run.js';
import { csvLine } from './postgres.js';

// The presets for loader-written tables on the warehouse path: `funnel sql --dialect duckdb
// --source NAME=TABLE` compiled from a config whose sources name the presets (a local export
// gives the headers), run by DuckDB on typed tables as a loader leaves them (BOOLEAN flags,
// TIMESTAMP columns, BIGINT ids, NULLs), exported and read by `funnel report`: the same numbers,
// row accounting and duplicates as the streaming engine on the exports themselves.

const PRESETS = join(FIXTURES, 'presets');
const LOADER_PRESETS = [
  'fivetran-hubspot-calls',
  'fivetran-hubspot-meetings',
  'fivetran-hubspot-deals',
  'fivetran-hubspot-deal-stages',
  'fivetran-salesforce-task',
  'fivetran-salesforce-event',
  'fivetran-salesforce-opportunity',
  'fivetran-salesforce-opportunity-history',
  'airbyte-hubspot-calls',
  'airbyte-hubspot-meetings',
  'airbyte-hubspot-deals',
];
const AS_OF = ['--as-of', '2025-06-30'];

/** A folder with one export per preset under tables/, and a config with one source each. */
function folder(presets: readonly string[]): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'tables'));
  const sources = presets.map((p) => {
    copyFileSync(join(PRESETS, `${p}.csv`), join(dir, 'tables', `${p.replace(/-/g, '_')}.csv`));
    return `  - path: tables/${p.replace(/-/g, '_')}.csv\n    preset: ${p}\n`;
  });
  writeFileSync(join(dir, 'funnel.config.yaml'), `sources:\n${sources.join('')}`);
  return dir;
}

/** Runs `sql` in DuckDB on typed tables loaded from CSV files (`_row` numbers rows in file order); the result as CSV. */
async function runTyped(sql: string, tables: Record<string, string>): Promise<{ csv: string; types: Record<string, string> }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const types: Record<string, string> = {};
    for (const [table, file] of Object.entries(tables)) {
      const [schema] = table.split('.');
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await conn.run(`CREATE TABLE ${table} AS SELECT row_number() OVER () AS _row, * FROM read_csv('${file.replace(/'/g, "''")}', header = true)`);
      const cols = await conn.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table.split('.')[1]}'`);
      for (const r of cols.getRowObjectsJS() as { column_name: string; data_type: string }[]) types[`${table}.${r.column_name}`] = r.data_type;
    }
    const reader = await conn.runAndReadAll(sql);
    const names = reader.columnNames();
    const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    const csv = [csvLine(names), ...rows.map((r) => csvLine(names.map((n) => (r[n] === null ? '' : String(r[n])))))].join('\n') + '\n';
    return { csv, types };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe('loader presets through funnel sql', () => {
  it('Fivetran and Airbyte tables in DuckDB give the tally, accounting and duplicates of the streaming engine', async () => {
    const dir = folder(LOADER_PRESETS);
    const names = LOADER_PRESETS.map((p) => p.replace(/-/g, '_'));
    const tables = Object.fromEntries(names.map((n) => [`${n.startsWith('airbyte') ? 'airbyte' : 'fivetran'}.${n}`, join(dir, 'tables', `${n}.csv`)]));
    const bindings = Object.keys(tables).flatMap((t) => ['--source', `${t.split('.')[1]}=${t}`]);
    const compiled = await funnel(['sql', '--dialect', 'duckdb', '--row-number', '_row', ...AS_OF, ...bindings], { cwd: dir });
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(compiled.stdout).toContain('FROM "fivetran"."fivetran_hubspot_calls"');
    const { csv, types } = await runTyped(compiled.stdout, tables);
    // The loader's types, not text: the compiled query casts them.
    expect(types['fivetran.fivetran_hubspot_calls._fivetran_deleted']).toBe('BOOLEAN');
    expect(types['fivetran.fivetran_hubspot_calls.property_hs_timestamp']).toBe('TIMESTAMP');
    expect(types['fivetran.fivetran_hubspot_calls.property_hubspot_owner_id']).toBe('BIGINT');
    expect(types['airbyte.airbyte_hubspot_calls.archived']).toBe('BOOLEAN');

    // The warehouse's row accounting per table equals funnel report's per file.
    const files = await funnel(['report', ...AS_OF, '--period', '2025-01-01..2025-06-30', '--format', 'json'], { cwd: dir });
    expect(files.code, files.stderr).toBe(0);
    const byFile = Object.fromEntries(json(files).input.files.map((f: any) => [f.path.replace(/^tables\/|\.csv$/g, ''), [f.rows, f.used, f.ignored, f.rejected]]));
    const inputs = csv.split('\n').filter((l) => l.startsWith('"input"')).map((l) => l.slice(1, -1).split('","'));
    const header = csv.split('\n')[0].slice(1, -1).split('","');
    const at = (name: string) => header.indexOf(name);
    const byTable = Object.fromEntries(inputs.map((r) => [r[at('source')], [r[at('rows')], r[at('used')], r[at('ignored')], r[at('rejected')]].map(Number)]));
    expect(byTable).toEqual(byFile);
    // Hand-counted: the calls table has 10 rows, 7 used, 2 ignored (deleted, inbound), 1 rejected (no owner).
    expect(byTable.fivetran_hubspot_calls).toEqual([10, 7, 2, 1]);
    const duplicates = inputs.reduce((n, r) => n + Number(r[at('duplicates')]), 0);
    expect(duplicates).toBe(json(files).input.duplicates);
    // Each fixture's own (1 + 1 + 2 + 2 + 2 + 0 + 2 + 3 + 2 + 0 + 2), and ids shared across sources:
    // deal_stage repeats the deal table's 9001 (proposal, close), 9002 (proposal), 9006 (proposal,
    // close), and the opportunity history the opportunities Cc001 and Cc005 (proposal, close each).
    expect(duplicates).toBe(17 + 5 + 4);

    // The export read by funnel report: the same reps and numbers as the files.
    writeFileSync(join(dir, 'funnel-tally.csv'), csv);
    const out = tempDir({ 'funnel-tally.csv': csv });
    const exported = await funnel(['report', 'funnel-tally.csv', ...AS_OF, '--period', '2025-01-01..2025-06-30', '--format', 'json'], { cwd: out });
    expect(exported.code, exported.stderr).toBe(0);
    // Everything but the input section (which describes the export, not the tables): reps,
    // counts by day, pace, coaching, the sales cycle.
    const { input: _a, ...fromExport } = json(exported);
    const { input: _b, ...fromFiles } = json(files);
    expect(fromExport).toEqual(fromFiles);
    const dials = Object.fromEntries(fromFiles.reps.map((r: any) => [r.rep, [r.counts.dial, r.counts.conversation]]));
    expect(dials['1001']).toEqual([5, 2]);
  }, 120_000);

  it('every loader preset compiles to all four dialects', async () => {
    const dir = folder(LOADER_PRESETS);
    for (const dialect of ['duckdb', 'postgres', 'snowflake', 'bigquery']) {
      const r = await funnel(['sql', '--dialect', dialect, ...AS_OF], { cwd: dir });
      expect({ dialect, code: r.code, stderr: r.stderr }).toEqual({ dialect, code: 0, stderr: '' });
    }
  }, 60_000);

  it('a preset whose pattern a dialect cannot express is refused with the rule named (hubspot-calls: \\b in Snowflake)', async () => {
    const dir = tempDir({ 'funnel.config.yaml': 'sources:\n  - path: calls.csv\n    preset: hubspot-calls\n' });
    copyFileSync(join(PRESETS, 'hubspot-calls.csv'), join(dir, 'calls.csv'));
    const r = await funnel(['sql', '--dialect', 'snowflake', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('funnel: error: sources[0].rules[1].when.Call outcome: the pattern');
    expect(r.stderr).toContain('\\b (word boundary), which snowflake');
    const pg = await funnel(['sql', '--dialect', 'postgres', ...AS_OF], { cwd: dir });
    expect(pg.code, pg.stderr).toBe(0);
  });
});
