import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { ingest } from '../../src/run/pipeline.js';
import { compileQuery, type SqlInput } from '../../src/sql/compile.js';
import { runReps, toIngestResult } from '../../src/run/duckdb.js';
import { prepareFile, readPreparedFile, type PreparedFile } from '../../src/run/sql-input.js';
import type { RejectedRow } from '../../src/run/pipeline.js';
import { funnel, json, ROOT } from '../e2e/run.js';
import type { DateFallback } from '../../src/normalize/date-detect.js';
import { nearMissDate, rng, writeGenerated } from './generated.js';
import { AS_OF_24, UNCAPPED, writeFiles } from './spread-fixture.js';
import { loadFolder, summarize, type Outcome } from './harness.js';
import { csvLine, parseCsv, postgresBin, startPostgres, type PgServer } from './postgres.js';

// The compiled query on a real PostgreSQL server, data loaded with COPY: the same tally,
// accounting and rejections as the streaming engine. Needs Debian's postgresql package
// (.ci/run installs it); without it the tests are skipped with a message saying so.

const bin = postgresBin();
if (!bin) console.warn('PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL differential tests are skipped');

let pg: PgServer;
const tmp = mkdtempSync(join(tmpdir(), 'funnel-sql-pg-'));
beforeAll(() => {
  if (bin) pg = startPostgres(bin);
}, 60_000);
afterAll(() => {
  pg?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Loads each file's mapped columns into its own table with COPY and runs the compiled query. */
async function postgresOutcome(dir: string, schema: string, asOf: string | null = null, dateFallback: DateFallback | null = null): Promise<Outcome> {
  const { loaded, inputs } = loadFolder(dir);
  pg.psql(['-c', `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`]);
  const prepared: PreparedFile[] = [];
  const readerRejects: RejectedRow[][] = [];
  const unmapped: number[] = [];
  const sqlInputs: SqlInput[] = [];
  let row = 0;
  try {
    for (const [i, input] of inputs.entries()) {
      const file = await prepareFile(input, loaded.config.stages, { dateFallback });
      prepared.push(file);
      readerRejects.push([]);
      unmapped.push(0);
      const lines: string[] = [];
      await readPreparedFile(file, {
        row: (line, values) => lines.push(csvLine([String(row++), String(line), ...values])),
        reject: (line, reason, code) => readerRejects[i].push({ file: input.display, line, code, field: null, value: null, reason }),
        unmapped: () => unmapped[i]++,
      });
      if (!file.mapping) continue;
      const table = `${schema}.in_${i}`;
      const cols = ['_row', '_line', ...file.columns];
      pg.psql(['-c', `CREATE TABLE ${table} (_row BIGINT, _line BIGINT${file.columns.map((c) => `, ${q(c)} TEXT`).join('')})`]);
      pg.psql(['-c', `\\copy ${table} (${cols.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv)`], lines.join('\n') + (lines.length ? '\n' : ''));
      sqlInputs.push({ label: String(i), relation: table, mapping: file.mapping, rowNumber: '_row', lineColumn: '_line' });
    }
    const { config } = loaded;
    const sql = compileQuery(sqlInputs, { dialect: 'postgres', stages: config.stages, reps: runReps(loaded), calendar: { workdays: config.workdays, holidays: config.holidays }, asOf });
    const rows = parseCsv(pg.query(sql));
    return summarize(toIngestResult(loaded, prepared, rows, readerRejects, unmapped, { keepRejects: 5000 }));
  } catch (err) {
    if (err instanceof FunnelError) return { error: { code: err.code, message: err.message } };
    throw err;
  }
}

async function streamingOutcome(dir: string, asOf?: string, dateFallback: DateFallback | null = null): Promise<Outcome> {
  const { loaded, inputs } = loadFolder(dir);
  try {
    return summarize(await ingest(loaded, inputs, { keepRejects: 5000, asOf, dateFallback }));
  } catch (err) {
    if (err instanceof FunnelError) return { error: { code: err.code, message: err.message } };
    throw err;
  }
}

describe.skipIf(!bin)('PostgreSQL = streaming engine', () => {
  it.each([1, 2, 3])('generated hostile inputs, seed %i', async (seed) => {
    const dir = join(tmp, `gen-${seed}`);
    writeGenerated(dir, seed);
    const streaming = await streamingOutcome(dir);
    expect(streaming.totals?.duplicates).toBeGreaterThan(0);
    expect(await postgresOutcome(dir, `gen_${seed}`)).toEqual(streaming);
  }, 60_000);

  it('weekly tallies spread over working days, without as-of and as of 2026-11-24 (hand-computed)', async () => {
    const dir = writeFiles(join(tmp, 'spread'));
    const uncapped = await postgresOutcome(dir, 'spread');
    expect(uncapped.tally).toEqual(UNCAPPED);
    expect(uncapped).toEqual(await streamingOutcome(dir));
    const capped = await postgresOutcome(dir, 'spread_capped', '2026-11-24');
    expect(capped.tally).toEqual(AS_OF_24);
    expect(capped).toEqual(await streamingOutcome(dir, '2026-11-24'));
  }, 60_000);

  it.each(['duplicates', 'formats-dates', 'tallies', 'json', 'rejects', 'team', 'semicolon', 'formats-ids'])('fixture %s', async (name) => {
    const dir = join(ROOT, 'test', 'e2e', 'fixtures', name);
    expect(await postgresOutcome(dir, `fx_${name.replace(/-/g, '_')}`)).toEqual(await streamingOutcome(dir));
  }, 60_000);

  /** A folder of near-miss dates in one column, read with a source dateFormat (or none, for --date-format). */
  function dateFolder(name: string, format: string | null, seed: number): string {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    const r = rng(seed);
    // Both orders in the sample: without a dateFormat only --date-format settles the column.
    const lines = ['Rep,When', 'Ann,25/12/2026', 'Ann,12/25/2026', 'Ann,2026-02-30', 'Ann,46330', 'Ann,'];
    for (let i = 0; i < 3000; i++) lines.push(`Ann,"${nearMissDate(r)}"`);
    writeFileSync(join(dir, 'rows.csv'), `${lines.join('\n')}\n`);
    const dateFormat = format === null ? '' : `    dateFormat: "${format}"\n`;
    writeFileSync(join(dir, 'funnel.config.yaml'), `sources:\n  - path: rows.csv\n${dateFormat}    columns: { rep: Rep, date: When }\n    rules:\n      - stage: dial\n`);
    return dir;
  }

  it.each(['dd/MM/yyyy', 'M/d/yyyy h:mm a', "MM-dd-yyyy'T'HH:mm", 'd MMM yyyy', 'MMMM d, yyyy h:mm a'])('dateFormat %s on near-miss values, invalid dates included', async (format) => {
    const dir = dateFolder(`fmt-${format.replace(/[^A-Za-z0-9]/g, '_')}`, format, format.length * 7919);
    const streaming = await streamingOutcome(dir);
    expect(streaming.totals?.used).toBeGreaterThan(0);
    expect(streaming.totals?.rejected).toBeGreaterThan(0);
    expect(await postgresOutcome(dir, `fmt_${format.replace(/[^A-Za-z0-9]/g, '_').toLowerCase()}`)).toEqual(streaming);
  }, 60_000);

  it.each(['M/d/yyyy h:mm a', 'd MMM yyyy'])('--date-format %s on a column both orders share', async (format) => {
    const dir = dateFolder(`fallback-${format.replace(/[^A-Za-z0-9]/g, '_')}`, null, format.length * 104729);
    const fallback = { format, flag: `--date-format "${format}"` };
    const streaming = await streamingOutcome(dir, undefined, fallback);
    expect(streaming.totals?.used).toBeGreaterThan(0);
    expect(JSON.stringify(streaming.files)).toContain(`given with --date-format \\"${format}\\"`);
    expect(await postgresOutcome(dir, `fb_${format.replace(/[^A-Za-z0-9]/g, '_').toLowerCase()}`, null, fallback)).toEqual(streaming);
  }, 60_000);

  it('funnel sql --dialect postgres on the example, its three exports loaded with COPY: funnel report on the result = funnel report on the files', async () => {
    const acme = join(ROOT, 'examples', 'acme');
    const config = join(acme, 'funnel.config.yaml');
    const compiled = await funnel(['sql', '--dialect', 'postgres', '--config', config, '--row-number', '_row']);
    expect(compiled.code, compiled.stderr).toBe(0);
    // One table per export, columns as the header names them, every value text, rows numbered as loaded.
    const tables: [string, string[]][] = [
      ['hubspot_calls', ['hubspot-calls-2026-q3.csv', 'hubspot-calls-2026-q4.csv']],
      ['hubspot_meetings', ['hubspot-meetings.csv']],
      ['hubspot_deals', ['hubspot-deals.csv']],
    ];
    pg.psql(['-c', 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public']);
    for (const [table, files] of tables) {
      const header = readFileSync(join(acme, 'exports', files[0]), 'utf8').replace(/^\uFEFF/, '').split('\n')[0].split(',');
      pg.psql(['-c', `CREATE TABLE ${table} (_row BIGSERIAL, ${header.map((h) => `${q(h)} TEXT`).join(', ')})`]);
      for (const f of files) {
        pg.psql(['-c', `\\copy ${table} (${header.map(q).join(', ')}) FROM '${join(acme, 'exports', f)}' WITH (FORMAT csv, HEADER true)`]);
      }
    }
    const tally = join(tmp, 'funnel-tally.csv');
    writeFileSync(tally, pg.query(compiled.stdout));
    const args = ['--config', config, '--as-of', '2026-11-18', '--format', 'json'];
    const fromFiles = json(await funnel(['report', ...args]));
    const fromWarehouse = json(await funnel(['report', ...args, tally]));
    expect(fromWarehouse.input.files[0].preset).toBe('funnel-tally');
    expect(fromWarehouse.reps.length).toBeGreaterThanOrEqual(8);
    const { input: _a, ...files } = fromFiles;
    const { input: _b, ...warehouse } = fromWarehouse;
    expect(warehouse).toEqual(files);
  }, 120_000);
});
