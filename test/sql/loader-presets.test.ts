import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { FIXTURES, funnel, json, tempDir } from '../e2e/run.js';
import { LOADER_PRESETS } from './loaders.js';
import { csvLine } from './postgres.js';

// The presets for loader-written tables on the warehouse path: `funnel sql --dialect duckdb
// --source NAME=TABLE` compiled from a config whose sources name the presets (a local export
// gives the headers), run by DuckDB on typed tables as a loader leaves them (BOOLEAN flags,
// TIMESTAMP columns, BIGINT ids, NULLs), exported and read by `funnel report`: the same numbers,
// row accounting and duplicates as the streaming engine on the exports themselves.

const PRESETS = join(FIXTURES, 'presets');
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
    // Each fixture's own (1 + 1 + 1 + 2 + 2 + 2 + 0 + 2 + 3 + 2 + 0 + 2), and ids shared across
    // sources: the calls table repeats the engagement table's dials 5001, 5002 and 5005 (its second
    // copy was already one), the meetings table its meetings set 7001 and 7004 (likewise); deal_stage
    // repeats the deal table's 9001 (proposal, close), 9002 (proposal), 9006 (proposal, close), and the
    // opportunity history the opportunities Cc001 and Cc005 (proposal, close each).
    expect(duplicates).toBe(18 + 3 + 2 + 5 + 4);

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

  it('funnel report --engine duckdb on each table export prints the streaming engine\'s JSON', async () => {
    for (const p of LOADER_PRESETS) {
      const dir = tempDir();
      copyFileSync(join(PRESETS, `${p}.csv`), join(dir, 'export.csv'));
      const args = ['report', 'export.csv', ...AS_OF, '--period', '2025-01-01..2025-06-30', '--format', 'json'];
      const streaming = await funnel(args, { cwd: dir });
      const duckdb = await funnel([...args, '--engine', 'duckdb', '--memory', '256MB'], { cwd: dir });
      expect(streaming.code, streaming.stderr).toBe(0);
      expect({ p, ...duckdb }).toEqual({ p, ...streaming });
    }
  }, 180_000);

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

describe('the walk-through of docs/warehouse.md, in DuckDB', () => {
  it('header exports, owners.csv, the deal_stage view with the owner joined: names, deleted deals ignored, duplicates once', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tables'));
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const load = (table: string, preset: string) =>
        conn.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${join(PRESETS, `${preset}.csv`)}', header = true)`);
      await conn.run('CREATE SCHEMA hubspot');
      await conn.run('CREATE SCHEMA analytics');
      await load('hubspot.engagement_call', 'fivetran-hubspot-calls');
      await load('hubspot.deal', 'fivetran-hubspot-deals');
      await conn.run(`CREATE TABLE hubspot.owner (owner_id BIGINT, first_name TEXT, last_name TEXT, email TEXT)`);
      await conn.run(`INSERT INTO hubspot.owner VALUES (1001, 'Jane', 'Cooper', 'jane@acme.example'), (1002, 'Omar', 'Haddad', 'omar@acme.example')`);
      await conn.run(`CREATE TABLE hubspot.deal_stage (deal_id BIGINT, _fivetran_start TIMESTAMP, _fivetran_active BOOLEAN, date_entered TIMESTAMP, value TEXT)`);
      // 9003 is a deleted deal (is_deleted in the deal table); 9006 is in the deal table twice.
      await conn.run(`INSERT INTO hubspot.deal_stage VALUES
        (9001, '2025-02-10 09:00', false, '2025-02-10 09:00', 'appointmentscheduled'),
        (9001, '2025-03-01 08:00', false, '2025-03-01 08:00', 'contractsent'),
        (9001, '2025-03-20 10:00', true, '2025-03-20 10:00', 'closedwon'),
        (9002, '2025-03-05 10:00', true, '2025-03-05 10:00', 'contractsent'),
        (9003, '2025-03-18 09:00', true, '2025-03-18 09:00', 'closedwon'),
        (9006, '2025-01-20 09:00', false, '2025-01-20 09:00', '12345678'),
        (9006, '2025-03-25 12:00', true, '2025-03-25 12:00', 'closedwon')`);
      // The view of the walk-through, as written there.
      await conn.run(`CREATE VIEW analytics.hubspot_deal_stage AS
        SELECT s.deal_id, s.value, s.date_entered, s._fivetran_start,
               d.property_hubspot_owner_id, d.is_deleted, d._fivetran_deleted
        FROM hubspot.deal_stage s
        JOIN hubspot.deal d ON d.deal_id = s.deal_id`);
      // Step 1: small exports for the headers, and the owners file.
      const out = (f: string) => join(dir, f).replace(/'/g, "''");
      await conn.run(`COPY (SELECT * FROM hubspot.engagement_call LIMIT 100) TO '${out('tables/engagement_call.csv')}' (HEADER)`);
      await conn.run(`COPY (SELECT * FROM analytics.hubspot_deal_stage LIMIT 100) TO '${out('tables/deal_stage.csv')}' (HEADER)`);
      await conn.run(`COPY (SELECT owner_id AS id, first_name || ' ' || last_name AS name FROM hubspot.owner) TO '${out('owners.csv')}' (HEADER)`);
      // Step 2: the config.
      writeFileSync(
        join(dir, 'funnel.config.yaml'),
        'owners: owners.csv\nsources:\n  - path: tables/engagement_call.csv\n    preset: fivetran-hubspot-calls\n  - path: tables/deal_stage.csv\n    preset: fivetran-hubspot-deal-stages\n',
      );
      // Step 3: compile, binding the sources to the table and the view.
      const compiled = await funnel(['sql', '--dialect', 'duckdb', ...AS_OF, '--source', 'engagement_call=hubspot.engagement_call', '--source', 'deal_stage=analytics.hubspot_deal_stage'], { cwd: dir });
      expect(compiled.code, compiled.stderr).toBe(0);
      // Step 4: run it.
      const reader = await conn.runAndReadAll(compiled.stdout);
      const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
      const tally: Record<string, Record<string, number>> = {};
      for (const r of rows.filter((x) => x.kind === 'tally')) {
        const t = (tally[String(r.rep)] ??= {});
        for (const s of ['dial', 'conversation', 'proposal', 'close']) t[s] = (t[s] ?? 0) + Number(r[s]);
      }
      expect(tally).toEqual({
        'Jane Cooper': { dial: 3, conversation: 1, proposal: 2, close: 1 },
        'Omar Haddad': { dial: 3, conversation: 1, proposal: 1, close: 1 },
      });
      const input = Object.fromEntries(rows.filter((x) => x.kind === 'input').map((x) => [x.source, [x.rows, x.used, x.ignored, x.rejected, x.duplicates].map(Number)]));
      // deal_stage: 9 rows (9006's two stages twice through the duplicate deal); ignored: 9001's
      // appointmentscheduled, the deleted deal 9003, 9006's numbered stage twice; duplicates:
      // 9001's won proposal, and 9006's second copy (proposal, close).
      expect(input).toEqual({ engagement_call: [10, 7, 2, 1, 1], deal_stage: [9, 5, 4, 0, 3] });
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }, 60_000);
});
