import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { funnel, json, ROOT, tempDir } from '../e2e/run.js';
import { csvLine } from './postgres.js';
import { writeFiles } from './spread-fixture.js';

// The warehouse path without a warehouse server: `funnel sql --dialect duckdb` run by DuckDB on
// tables loaded from the files, its result written as CSV, and `funnel report` on that export
// compared with `funnel report` on the files (everything but the input section, which describes
// other files). Covers the funnel-tally preset's tally and cycle rows and weekly spreads.

/** Runs `sql` in a fresh DuckDB with one all-text table per entry (rows numbered `_row` in file order); returns the result as CSV. */
async function runInDuckdb(sql: string, tables: Record<string, string[]>): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const [table, files] of Object.entries(tables)) {
      const list = files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ');
      await conn.run(`CREATE TABLE "${table}" AS SELECT row_number() OVER () AS _row, * FROM read_csv([${list}], all_varchar = true, header = true)`);
    }
    const reader = await conn.runAndReadAll(sql);
    const names = reader.columnNames();
    const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    return [csvLine(names), ...rows.map((r) => csvLine(names.map((n) => (r[n] === null ? '' : String(r[n])))))].join('\n') + '\n';
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The report JSON without its input section. */
function withoutInput(r: Awaited<ReturnType<typeof funnel>>): Record<string, unknown> {
  expect(r.code, r.stderr).toBe(0);
  const { input: _input, ...rest } = json(r);
  return rest;
}

describe('funnel sql --dialect duckdb, run in DuckDB, exported and reported', () => {
  it('the example: the same report, sales cycle included, as from the files', async () => {
    const acme = join(ROOT, 'examples', 'acme');
    const config = join(acme, 'funnel.config.yaml');
    const compiled = await funnel(['sql', '--dialect', 'duckdb', '--config', config, '--row-number', '_row']);
    expect(compiled.code, compiled.stderr).toBe(0);
    const ex = (f: string) => join(acme, 'exports', f);
    const csv = await runInDuckdb(compiled.stdout, {
      hubspot_calls: [ex('hubspot-calls-2026-q3.csv'), ex('hubspot-calls-2026-q4.csv')],
      hubspot_meetings: [ex('hubspot-meetings.csv')],
      hubspot_deals: [ex('hubspot-deals.csv')],
    });
    // The example's closes with a created date, one row per rep, close date and days.
    const cycleRows = csv.split('\n').filter((l) => l.startsWith('"cycle"'));
    expect(cycleRows.length).toBeGreaterThan(100);
    const dir = tempDir({ 'funnel-tally.csv': csv });
    const args = ['--config', config, '--as-of', '2026-11-18', '--format', 'json'];
    const fromFiles = withoutInput(await funnel(['report', ...args]));
    const exported = await funnel(['report', ...args, join(dir, 'funnel-tally.csv')]);
    const fromExport = withoutInput(exported);
    expect(json(exported).input.files[0].preset).toBe('funnel-tally');
    const cycles = (fromFiles.reps as { cycle: unknown }[]).filter((r) => r.cycle !== null);
    expect(cycles.length).toBeGreaterThan(5);
    expect(fromExport).toEqual(fromFiles);
  }, 120_000);

  it('weekly tallies: spread in the warehouse up to --as-of, the same report as from the sheets', async () => {
    const dir = writeFiles(tempDir());
    const config = join(dir, 'funnel.config.yaml');
    const compiled = await funnel(['sql', '--dialect', 'duckdb', '--config', config, '--row-number', '_row', '--as-of', '2026-11-24']);
    expect(compiled.code, compiled.stderr).toBe(0);
    const csv = await runInDuckdb(compiled.stdout, { weekly: [join(dir, 'weekly.csv')], weekend: [join(dir, 'weekend.csv')] });
    // Ann's 7 dials of the week of the 23rd: 4 on Monday, 3 on Tuesday (as-of); her week of the 30th stays on its date.
    const ann = csv.split('\n').filter((l) => l.startsWith('"tally","weekly"') && l.includes('"Ann"'));
    expect(ann.map((l) => l.split(',').slice(4, 7).join(','))).toEqual(['"2026-11-23","4","1"', '"2026-11-24","3","0"', '"2026-11-30","5","0"']);
    writeFileSync(join(dir, 'funnel-tally.csv'), csv);
    const args = ['--config', config, '--as-of', '2026-11-24', '--period', '2026-11', '--format', 'json'];
    const fromSheets = withoutInput(await funnel(['report', ...args]));
    expect(withoutInput(await funnel(['report', ...args, join(dir, 'funnel-tally.csv')]))).toEqual(fromSheets);
  }, 60_000);

  it('without --as-of the query stops weekly shares at the current date of the warehouse', async () => {
    const dir = writeFiles(tempDir());
    for (const dialect of ['duckdb', 'postgres', 'snowflake', 'bigquery']) {
      const r = await funnel(['sql', '--dialect', dialect, '--config', join(dir, 'funnel.config.yaml')]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/CURRENT_DATE/i);
    }
    const bad = await funnel(['sql', '--dialect', 'duckdb', '--config', join(dir, 'funnel.config.yaml'), '--as-of', '24/11/2026']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of "24/11/2026" is not a date');
  });
});
