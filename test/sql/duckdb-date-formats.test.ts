import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from './generated.js';
import { bothEngines } from './harness.js';

// dateFormat as the compiled query reads it (regular expressions) against date-fns's parse, on
// random near-miss values: one-digit and padded fields, out-of-range days, months and hours,
// two-digit years, stray spaces, 12-hour clocks, missing and extra parts.

const root = mkdtempSync(join(tmpdir(), 'funnel-sql-fmt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FORMATS = ['dd/MM/yyyy', 'M/d/yyyy h:mm a', 'yyyy-MM-dd HH:mm:ss', 'd.M.yyyy', "MM-dd-yyyy'T'HH:mm", 'yyyy/M/d', 'd MMM yyyy', 'MMMM d, yyyy h:mm a', 'dd-MMM-yyyy'];

// Month words: names, abbreviations, single letters (J is January, M March, A April), near misses.
const MONTHS = ['Jan', 'jan', 'JANUARY', 'June', 'Jun', 'Ju', 'J', 'M', 'A', 'S', 'Sept', 'Sep', 'May', 'Mayo', 'Dec', 'december', 'Febr', 'x', 'Feb.', 'Mär'];

function value(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const num = (max: number, pad: boolean) => {
    const n = Math.floor(r() * (max + 1));
    return pad && r() < 0.7 ? String(n).padStart(2, '0') : String(n);
  };
  const year = pick(['2026', '2024', '1899', '2200', '26', '02026', '2000']);
  const sep = () => pick(['/', '/', '-', '.', ' ']);
  const date = pick([
    () => `${num(32, true)}${sep()}${num(13, true)}${sep()}${year}`,
    () => `${year}${sep()}${num(13, true)}${sep()}${num(32, true)}`,
    () => `${num(13, true)}-${num(32, true)}-${year}T${num(25, true)}:${num(61, true)}`,
    () => `${num(32, true)}${pick([' ', ' ', '-', '  '])}${pick(MONTHS)}${pick([' ', ' ', '-', ', '])}${year}`,
    () => `${pick(MONTHS)} ${num(32, false)}${pick([', ', ', ', ' '])}${year}`,
  ])();
  const time = pick(['', ` ${num(25, true)}:${num(61, true)}`, ` ${num(13, false)}:${num(61, true)} ${pick(['AM', 'pm', 'a.m.', 'P M', 'noon', 'x'])}`, ` ${num(24, true)}:${num(60, true)}:${num(61, true)}`]);
  return date + time;
}

describe('dateFormat in SQL = date-fns', () => {
  it.each(FORMATS)('%s', async (format) => {
    const dir = join(root, format.replace(/[^A-Za-z0-9]/g, '_'));
    mkdirSync(dir, { recursive: true });
    const r = rng(format.length * 7919);
    const lines = ['Rep,When'];
    for (let i = 0; i < 3000; i++) lines.push(`Ann,"${value(r)}"`);
    writeFileSync(join(dir, 'rows.csv'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(dir, 'funnel.config.yaml'),
      `sources:\n  - path: rows.csv\n    dateFormat: "${format}"\n    columns: { rep: Rep, date: When }\n    rules:\n      - stage: dial\n`,
    );
    const { streaming, duckdb } = await bothEngines(dir, { keepRejects: 5000 });
    // Both kinds occur: some values read, some rejected.
    expect(streaming.totals?.used).toBeGreaterThan(0);
    expect(streaming.totals?.rejected).toBeGreaterThan(0);
    expect(duckdb).toEqual(streaming);
  }, 60_000);
});
