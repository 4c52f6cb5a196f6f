import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { funnel } from '../e2e/run.js';
import { nearMissDate, rng } from './generated.js';
import { bothEngines } from './harness.js';

// `--date-format` under --engine duckdb: a column that mixes day-first and month-first dates is
// read with the command line's format; values that do not fit it are read as without a format
// (ISO, YYYY/M/D, Excel serials), and the rest are rejected naming the flag. Compared with the
// streaming engine on random near-miss values.

const root = mkdtempSync(join(tmpdir(), 'funnel-sql-fallback-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FORMATS = ['M/d/yyyy h:mm a', 'dd/MM/yyyy', 'd.M.yyyy HH:mm', 'd MMM yyyy'];
const OTHERS = ['2026-11-05', '2026-11-05 14:00', '2026-02-30', '2026/11/5', '46330', '46330.5', '', '  ', 'n/a', '13/13/2026'];

describe('--date-format in SQL = the streaming engine', () => {
  it.each(FORMATS)('%s', async (format) => {
    const dir = join(root, format.replace(/[^A-Za-z0-9]/g, '_'));
    mkdirSync(dir, { recursive: true });
    const r = rng(format.length * 104729);
    // The sample shows both orders (a conflict): only the command line's format settles the column.
    const lines = ['Rep,When', 'Ann,25/12/2026', 'Ann,12/25/2026'];
    for (let i = 0; i < 3000; i++) lines.push(`Ann,"${r() < 0.15 ? OTHERS[Math.floor(r() * OTHERS.length)] : nearMissDate(r)}"`);
    writeFileSync(join(dir, 'rows.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'funnel.config.yaml'), 'sources:\n  - path: rows.csv\n    columns: { rep: Rep, date: When }\n    rules:\n      - stage: dial\n');
    const flag = `--date-format "${format}"`;
    const { streaming, duckdb } = await bothEngines(dir, { keepRejects: 5000, dateFallback: { format, flag } });
    const file = (streaming.files as { dateFormats: Record<string, string>; rejects: { reason: string }[] }[])[0];
    expect(file.dateFormats.When).toBe(format);
    expect(streaming.totals?.used).toBeGreaterThan(0);
    // Rejections name the flag; empty dates say so.
    expect(file.rejects.some((x) => x.reason.includes(`(expected ${format}, given with ${flag}) in column "When"`))).toBe(true);
    expect(file.rejects.some((x) => x.reason.startsWith('the date is empty'))).toBe(true);
    expect(duckdb).toEqual(streaming);
  }, 60_000);

  it('funnel report --engine duckdb --date-format prints the streaming engine\'s JSON', async () => {
    const dir = join(root, 'e2e');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'rows.csv'), 'Rep,When\nAnn,25/12/2026\nAnn,12/25/2026\nBo,03/04/2026\nBo,2026-11-05\nAnn,31/02/2026\n');
    writeFileSync(join(dir, 'funnel.config.yaml'), 'sources:\n  - path: rows.csv\n    columns: { rep: Rep, date: When }\n    rules:\n      - stage: dial\n');
    const args = ['report', '--as-of', '2026-12-31', '--period', '2026-01-01..2026-12-31', '--format', 'json', '--date-format', 'dd/MM/yyyy'];
    const streaming = await funnel(args, { cwd: dir });
    const duckdb = await funnel([...args, '--engine', 'duckdb'], { cwd: dir });
    expect(streaming.code, streaming.stderr).toBe(0);
    expect(streaming.stderr).toContain('rows.csv:6: "31/02/2026" is not a date (expected dd/MM/yyyy, given with --date-format "dd/MM/yyyy") in column "When"');
    expect(JSON.parse(streaming.stdout).input).toMatchObject({ rows: 5, used: 3, rejected: 2 });
    expect(duckdb.stderr).toBe(streaming.stderr);
    expect(duckdb.stdout).toBe(streaming.stdout);
    expect(duckdb.code).toBe(streaming.code);
  }, 60_000);
});
