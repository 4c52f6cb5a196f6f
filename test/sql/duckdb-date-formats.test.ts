import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nearMissDate, rng } from './generated.js';
import { bothEngines } from './harness.js';

// dateFormat as the compiled query reads it (regular expressions) against date-fns's parse, on
// random near-miss values: one-digit and padded fields, out-of-range days, months and hours,
// two-digit years, stray spaces, 12-hour clocks, missing and extra parts.

const root = mkdtempSync(join(tmpdir(), 'funnel-sql-fmt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FORMATS = ['dd/MM/yyyy', 'M/d/yyyy h:mm a', 'yyyy-MM-dd HH:mm:ss', 'd.M.yyyy', "MM-dd-yyyy'T'HH:mm", 'yyyy/M/d', 'd MMM yyyy', 'MMMM d, yyyy h:mm a', 'dd-MMM-yyyy'];

describe('dateFormat in SQL = date-fns', () => {
  it.each(FORMATS)('%s', async (format) => {
    const dir = join(root, format.replace(/[^A-Za-z0-9]/g, '_'));
    mkdirSync(dir, { recursive: true });
    const r = rng(format.length * 7919);
    const lines = ['Rep,When'];
    for (let i = 0; i < 3000; i++) lines.push(`Ann,"${nearMissDate(r)}"`);
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
