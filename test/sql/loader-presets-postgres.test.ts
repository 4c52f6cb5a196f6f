import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, funnel, json, tempDir } from '../e2e/run.js';
import { LOADER_PRESETS } from './loaders.js';
import { parseCsv, postgresBin, startPostgres, type PgServer } from './postgres.js';

// The loader presets on a real PostgreSQL server: each fixture loaded with COPY into a table
// typed as a loader types it (a column of whole numbers BIGINT, of true/false BOOLEAN, of ISO
// dates and times TIMESTAMP, empty cells NULL), `funnel sql --dialect postgres --source` run
// on them, the result exported and reported: the same report, row accounting and duplicates as
// `funnel report` on the exports. Skipped without Debian's postgresql package.

const bin = postgresBin();
if (!bin) console.warn('PostgreSQL is not installed (apt-get install postgresql): the loader preset PostgreSQL test is skipped');

const PERIOD = ['--as-of', '2025-06-30', '--period', '2025-01-01..2025-06-30'];

let pg: PgServer;
beforeAll(() => {
  if (bin) pg = startPostgres(bin);
}, 60_000);
afterAll(() => pg?.stop());

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The type a loader would give a column holding these values. */
function typeOf(values: string[]): string {
  const filled = values.filter((v) => v !== '');
  if (filled.length === 0) return 'TEXT';
  if (filled.every((v) => /^\d{1,15}$/.test(v))) return 'BIGINT';
  if (filled.every((v) => /^(?:true|false)$/i.test(v))) return 'BOOLEAN';
  if (filled.every((v) => /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.test(v))) return 'TIMESTAMP';
  return 'TEXT';
}

describe.skipIf(!bin)('loader presets on PostgreSQL', () => {
  it('typed tables through funnel sql --dialect postgres give the report of the exports', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tables'));
    const sources: string[] = [];
    const bindings: string[] = [];
    const types: Record<string, string> = {};
    pg.psql(['-c', 'DROP SCHEMA IF EXISTS loader CASCADE; CREATE SCHEMA loader']);
    for (const p of LOADER_PRESETS) {
      const name = p.replace(/-/g, '_');
      const file = join(FIXTURES, 'presets', `${p}.csv`);
      copyFileSync(file, join(dir, 'tables', `${name}.csv`));
      sources.push(`  - path: tables/${name}.csv\n    preset: ${p}\n`);
      bindings.push('--source', `${name}=loader.${name}`);
      const text = readFileSync(file, 'utf8');
      const rows = parseCsv(text).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ''])));
      const header = text.split('\n')[0].split(',');
      const cols = header.map((h) => `${q(h)} ${(types[`${name}.${h}`] = typeOf(rows.map((r) => r[h])))}`);
      pg.psql(['-c', `CREATE TABLE loader.${name} (_row BIGSERIAL, ${cols.join(', ')})`]);
      pg.psql(['-c', `\\copy loader.${name} (${header.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`], text);
    }
    expect([types['fivetran_hubspot_calls._fivetran_deleted'], types['fivetran_hubspot_calls.property_hs_timestamp'], types['fivetran_hubspot_calls.engagement_id']]).toEqual([
      'BOOLEAN',
      'TIMESTAMP',
      'BIGINT',
    ]);
    writeFileSync(join(dir, 'funnel.config.yaml'), `sources:\n${sources.join('')}`);
    const compiled = await funnel(['sql', '--dialect', 'postgres', '--row-number', '_row', '--as-of', '2025-06-30', ...bindings], { cwd: dir });
    expect(compiled.code, compiled.stderr).toBe(0);
    const csv = pg.query(compiled.stdout);
    const fromFiles = json(await funnel(['report', ...PERIOD, '--format', 'json'], { cwd: dir }));
    const byFile = Object.fromEntries(fromFiles.input.files.map((f: any) => [f.path.replace(/^tables\/|\.csv$/g, ''), [f.rows, f.used, f.ignored, f.rejected]]));
    const result = parseCsv(csv);
    const inputs = result.filter((r) => r.kind === 'input');
    expect(Object.fromEntries(inputs.map((r) => [r.source, [r.rows, r.used, r.ignored, r.rejected].map(Number)]))).toEqual(byFile);
    expect(inputs.reduce((n, r) => n + Number(r.duplicates), 0)).toBe(fromFiles.input.duplicates);
    const out = tempDir({ 'funnel-tally.csv': csv });
    const exported = json(await funnel(['report', 'funnel-tally.csv', ...PERIOD, '--format', 'json'], { cwd: out }));
    const { input: _a, ...warehouse } = exported;
    const { input: _b, ...files } = fromFiles;
    expect(warehouse).toEqual(files);
    expect(files.reps.length).toBe(4);
  }, 120_000);
});
