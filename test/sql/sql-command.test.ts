import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnel, ROOT, tempDir } from '../e2e/run.js';
import { writeFiles } from './spread-fixture.js';

// `funnel sql` through the built binary: the example's query in every dialect against golden
// files (Snowflake and BigQuery are checked this way only; rewrite with UPDATE_GOLDEN=1 and read
// the diff), bindings, and patterns a dialect cannot express refused with the rule named.

const GOLDEN = join(ROOT, 'test', 'sql', 'golden');
const CONFIG = join(ROOT, 'examples', 'acme', 'funnel.config.yaml');

describe('funnel sql', () => {
  it.each(['duckdb', 'postgres', 'snowflake', 'bigquery'])('the example in %s matches its golden file', async (dialect) => {
    const r = await funnel(['sql', '--dialect', dialect, '--config', CONFIG, '--row-number', '_row', '--source', 'hubspot_deals=crm.deals']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const file = join(GOLDEN, `acme.${dialect}.sql`);
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, r.stdout);
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
  });

  it.each(['duckdb', 'postgres', 'snowflake', 'bigquery'])('weekly tallies spread up to --as-of in %s match the golden file', async (dialect) => {
    const dir = writeFiles(tempDir());
    const r = await funnel(['sql', '--dialect', dialect, '--config', join(dir, 'funnel.config.yaml'), '--as-of', '2026-11-24']);
    expect(r.code, r.stderr).toBe(0);
    // The holiday and as-of as day numbers: 2026-11-26 is JDN 2461371, 2026-11-24 is 2461369.
    expect(r.stdout).toContain('NOT IN (2461371)');
    expect(r.stdout).toContain('<= 2461369');
    const file = join(GOLDEN, `weekly.${dialect}.sql`);
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, r.stdout);
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
  });

  const lookahead = `sources:
  - path: calls.csv
    columns: { rep: Owner, date: Date }
    rules:
      - stage: dial
        when: { Outcome: { match: "^(?!no answer)" } }
`;

  it('refuses a lookahead for BigQuery and DuckDB (RE2), naming the rule; PostgreSQL keeps it', async () => {
    const dir = tempDir({ 'funnel.config.yaml': lookahead });
    for (const dialect of ['bigquery', 'duckdb']) {
      const r = await funnel(['sql', '--dialect', dialect], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`funnel: error: sources[0].rules[0].when.Outcome: the pattern "^(?!no answer)" uses the lookahead (?!…), which ${dialect}'s regular expressions cannot express exactly`);
      expect(r.stderr).toContain('fix: rewrite the pattern without it');
    }
    const pg = await funnel(['sql', '--dialect', 'postgres'], { cwd: dir });
    expect(pg.code, pg.stderr).toBe(0);
    expect(pg.stdout).toContain(`(x_c2 ~* '^(?!no answer)')`);
    expect(pg.stdout).toContain('FROM "calls"');
  });

  it('an unknown --source name is a usage error that lists the sources', async () => {
    const dir = tempDir({ 'funnel.config.yaml': lookahead });
    const r = await funnel(['sql', '--dialect', 'postgres', '--source', 'cals=x'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--source: no source "cals" (did you mean "calls"?)');
    expect(r.stderr).toContain('the sources are: calls');
  });

  it('refuses a dateFormat with two numbers side by side', async () => {
    const dir = tempDir({ 'funnel.config.yaml': lookahead.replace('    columns:', '    dateFormat: yyyyMMdd\n    columns:').replace('^(?!no answer)', '^conn') });
    const r = await funnel(['sql', '--dialect', 'postgres'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sources[0].dateFormat: dateFormat "yyyyMMdd" has two numbers with nothing between them');
  });
});

describe('funnel report --engine duckdb', () => {
  const fixtures = join(ROOT, 'test', 'e2e', 'fixtures');
  it('prints the same JSON, warnings, errors and exit code as the streaming engine on every fixture', async () => {
    const { readdirSync } = await import('node:fs');
    const dirs = readdirSync(fixtures).filter((d) => existsSync(join(fixtures, d, 'funnel.config.yaml')));
    expect(dirs.length).toBeGreaterThan(25);
    for (const d of dirs) {
      const args = ['report', '--as-of', '2026-11-18', '--format', 'json'];
      const streaming = await funnel(args, { cwd: join(fixtures, d) });
      const duckdb = await funnel([...args, '--engine', 'duckdb', '--memory', '256MB'], { cwd: join(fixtures, d) });
      expect({ d, ...duckdb }).toEqual({ d, ...streaming });
    }
  }, 300_000);

  it('a size that is not one is a usage error', async () => {
    const r = await funnel(['report', '--engine', 'duckdb', '--memory', 'lots'], { cwd: join(fixtures, 'team') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--memory "lots" is not a size');
  });
});

describe('funnel report on a funnel-tally export', () => {
  const header = 'kind,source,line,rep,date,dial,conversation,appointment_set,appointment_kept,second_meeting,proposal,close,rows,used,ignored,rejected,duplicates,code,field,value,reason,cycle_days,cycle_closes';
  const tally = (date: string, closes: number) => `tally,deals,,Ann,${date},0,0,0,0,0,0,${closes},,,,,,,,,,,`;
  const cycle = (date: string, days: string, closes: string) => `cycle,deals,,Ann,${date},,,,,,,,,,,,,,,,,${days},${closes}`;

  it('cycle rows give the sales cycle back: samples 10, 20, 20, 31 days → median 20 over 4 closes; a bad one is rejected', async () => {
    const csv = [
      header,
      tally('2026-11-02', 1),
      tally('2026-11-05', 2),
      tally('2026-11-09', 1),
      cycle('2026-11-02', '10', '1'),
      cycle('2026-11-05', '20', '2'),
      cycle('2026-11-09', '31', '1'),
      cycle('2026-11-10', 'x', '1'),
      'input,deals,,,,,,,,,,,10,9,0,1,0,,,,,,',
      'reject,deals,7,,,,,,,,,,,,,,,BAD_DATE,Close,n/a,"""n/a"" is not a date",,',
    ].join('\n');
    const dir = tempDir({ 'funnel-tally.csv': `${csv}\n` });
    const r = await funnel(['report', 'funnel-tally.csv', '--as-of', '2026-11-18', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.reps.map((x: { rep: string; cycle: { medianDays: number; closes: number; basis: string } }) => [x.rep, x.cycle.medianDays, x.cycle.closes, x.cycle.basis])).toEqual([['Ann', 20, 4, 'rep']]);
    // Tally and cycle rows are used, the input and reject rows ignored, the unreadable cycle row rejected.
    expect([out.input.rows, out.input.used, out.input.ignored, out.input.rejected]).toEqual([9, 6, 2, 1]);
    expect(r.stderr).toContain('funnel-tally.csv:8: "x" in column "cycle_days" is not a whole number');
    // DuckDB would drop the cycle rows: it refuses the file instead.
    const duck = await funnel(['report', 'funnel-tally.csv', '--as-of', '2026-11-18', '--engine', 'duckdb'], { cwd: dir });
    expect(duck.code).toBe(2);
    expect(duck.stderr).toContain('the cycle rows of a funnel-tally export are read by the streaming engine only');
  });

  it('an export without cycle columns (from an older query) still reads: no cycle', async () => {
    const old = header.replace(',cycle_days,cycle_closes', '');
    const dir = tempDir({ 'funnel-tally.csv': `${old}\n${tally('2026-11-02', 1).replace(/,,$/, '')}\n` });
    const r = await funnel(['report', 'funnel-tally.csv', '--as-of', '2026-11-18', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.reps[0].cycle).toBeNull();
    expect(out.input.used).toBe(1);
  });
});
