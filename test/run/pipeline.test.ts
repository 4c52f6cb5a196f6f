import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config/load.js';
import { configSchema, type SourceConfig } from '../../src/config/schema.js';
import { DATE_SAMPLE } from '../../src/normalize/date-detect.js';
import { ingest, type RejectedRow } from '../../src/run/pipeline.js';

// ingest() as open → plan → map → sink: hand-written sources find columns as presets do, date
// problems come back as rejections (and as the file's problem), and every row is accounted for.

const dir = mkdtempSync(join(tmpdir(), 'funnel-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(source: Record<string, unknown>, text: string, opts: { dateFallback?: { order: 'day-first' | 'month-first'; flag: string } } = {}) {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, text);
  const config = configSchema.parse({ stages: ['dial', 'close'], sources: [{ path: 'x.csv', ...source }] });
  const loaded: LoadedConfig = { config, path: null, dir };
  const rejected: RejectedRow[] = [];
  const input = { path, display: 'calls.csv', source: config.sources[0] as SourceConfig, sourceKey: 'sources[0]', forcedPreset: null };
  const data = await ingest(loaded, [input], { onReject: (r) => rejected.push(r), dateFallback: opts.dateFallback ?? null, asOf: '2026-12-31' });
  const file = data.files[0];
  expect(file.rows).toBe(file.used + file.ignored + file.rejected);
  return { data, file, rejected };
}

describe('hand-written sources find columns as presets do', () => {
  it('`activity_type` and `owner` name the `Activity Type` and `Owner` columns', async () => {
    const { file } = await run(
      { columns: { rep: 'owner', date: 'activity_date' }, rules: [{ stage: 'dial', when: { activity_type: 'call' } }] },
      'Owner,Activity Type,Activity Date\nAnn Lee,Call,2026-03-02\nAnn Lee,Email,2026-03-03\n',
    );
    expect([file.rows, file.used, file.ignored, file.rejected]).toEqual([2, 1, 1, 0]);
    expect(file.events).toEqual({ dial: 1 });
  });
});

describe('date problems are values', () => {
  it('a day/month date the sample did not show: the row is rejected and the file has a problem naming its line', async () => {
    const rows = Array.from({ length: DATE_SAMPLE + 5 }, (_, i) => `Ann Lee,call,2026-03-${String((i % 28) + 1).padStart(2, '0')}`);
    const late = DATE_SAMPLE + 7;
    const { file, rejected } = await run(
      { columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { Type: 'call' } }] },
      `Owner,Type,Date\n${rows.join('\n')}\nAnn Lee,call,03/04/2026\nAnn Lee,call,05/06/2026\n`,
    );
    expect([file.used, file.rejected]).toEqual([DATE_SAMPLE + 5, 2]);
    expect(rejected[0]).toEqual({ file: 'calls.csv', line: late, code: 'BAD_DATE', field: '', value: '03/04/2026', reason: '"03/04/2026" could be day-first or month-first' });
    expect(file.dateProblem?.code).toBe('AMBIGUOUS_DATES');
    expect(file.dateProblem?.message).toBe(`dates like "03/04/2026" (line ${late}) could be day-first or month-first`);
    expect(file.dateProblem?.where).toEqual({ file: 'calls.csv', key: 'sources[0].dateFormat' });
  });

  it('a value the detected order cannot read: a rejection naming the detected format, the other rows used', async () => {
    const { file, rejected } = await run(
      { columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { Type: 'call' } }] },
      'Owner,Type,Date\nAnn Lee,call,25/03/2026\nAnn Lee,call,31/02/2026\nAnn Lee,call,n/a\nAnn Lee,call,04/03/2026\n',
    );
    expect([file.used, file.rejected]).toEqual([2, 2]);
    expect(file.meta.dateFormats).toEqual({ Date: 'dd/MM/yyyy' });
    expect(rejected.map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, 'Date', '"31/02/2026" is not a date (expected dd/MM/yyyy, detected from the file; set dateFormat if that is wrong) in column "Date"'],
      [4, 'Date', '"n/a" is not a date (expected dd/MM/yyyy, detected from the file; set dateFormat if that is wrong) in column "Date"'],
    ]);
    expect(file.dateRange).toEqual({ start: '2026-03-04', end: '2026-03-25' });
    expect(file.dateProblem).toBeNull();
  });

  it('the order given on the command line reads a file that leaves it open', async () => {
    const { file } = await run(
      { columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { Type: 'call' } }] },
      'Owner,Type,Date\nAnn Lee,call,03/04/2026\n',
      { dateFallback: { order: 'month-first', flag: '--month-first' } },
    );
    expect(file.dateRange).toEqual({ start: '2026-03-04', end: '2026-03-04' });
    expect(file.dateProblem).toBeNull();
  });
});

describe('sink', () => {
  it('totals rows are ignored and listed; duplicates across rows count once; ids shortened by Excel are warned about', async () => {
    const { data, file } = await run(
      { columns: { rep: 'Owner', date: 'Date', id: 'Id' }, rules: [{ stage: 'dial', when: { Type: 'call' } }] },
      'Id,Owner,Type,Date\n5.80503E+18,Ann Lee,call,2026-03-02\n5.80503E+18,Ann Lee,call,2026-03-03\nx,TOTAL,call,\n',
    );
    expect([file.rows, file.used, file.ignored, file.rejected]).toEqual([3, 2, 1, 0]);
    expect(file.totals).toEqual({ count: 1, lines: [4] });
    expect(file.events).toEqual({ dial: 1 });
    expect(data.duplicates).toBe(1);
    expect(file.meta.warnings.filter((w) => w.includes('shortened by Excel'))).toHaveLength(1);
  });
});

describe("a file's accounting", () => {
  it('events per stage in the order the file first gives them, its reps, and its first and last dates', async () => {
    const { file } = await run(
      {
        columns: { rep: 'Owner', date: 'Date', id: 'Id' },
        rules: [
          { stage: 'dial', when: { Type: 'call' } },
          { stage: 'close', when: { Type: 'won' } },
        ],
      },
      [
        'Id,Owner,Type,Date',
        '1,Bo Chen,won,2026-03-09',
        '2,Ann Lee,call,2026-03-02',
        '3,ann lee,call,2026-03-31',
        '3,Ann Lee,call,2026-02-01',
        '4,Cy Ode,email,2026-01-01',
        '5,Bo Chen,won,2026-03-10',
        '6,Bo Chen,call,2026-03-03',
      ].join('\n') + '\n',
    );
    // The duplicate id 3 counts nothing (its date is not the file's first); Cy Ode's row matches no rule.
    expect(Object.entries(file.events)).toEqual([
      ['close', 2],
      ['dial', 3],
    ]);
    expect(file.reps).toEqual(['Ann Lee', 'Bo Chen']);
    expect(file.dateRange).toEqual({ start: '2026-03-02', end: '2026-03-31' });
    expect([file.rows, file.used, file.ignored, file.rejected]).toEqual([7, 6, 1, 0]);
  });

  it('a tallies file: its counts per stage in column order of first count, spread over working days', async () => {
    const { file } = await run(
      { shape: 'tallies', columns: { rep: 'Rep', date: 'Week' }, counts: { close: 'Closes', dial: 'Dials' } },
      'Rep,Week,Dials,Closes\nAnn Lee,2026-03-02,10,\nBo Chen,2026-03-09,5,1\n',
    );
    expect(Object.entries(file.events)).toEqual([
      ['dial', 15],
      ['close', 1],
    ]);
    expect(file.reps).toEqual(['Ann Lee', 'Bo Chen']);
    expect(file.dateRange).toEqual({ start: '2026-03-02', end: '2026-03-13' });
  });
  it('past the reps whose series it keeps at hand, a file counts the same', async () => {
    // 2,100 reps, then each again: the last 52 are past SERIES_REPS (2,048).
    const rows = ['Owner,Type,Date'];
    for (let round = 0; round < 2; round++) for (let i = 0; i < 2100; i++) rows.push(`Rep ${i},${round === 0 ? 'call' : 'won'},2026-03-${String(2 + (i % 20)).padStart(2, '0')}`);
    const { data, file } = await run({ columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { Type: 'call' } }, { stage: 'close', when: { Type: 'won' } }] }, rows.join('\n') + '\n');
    expect(Object.entries(file.events)).toEqual([
      ['dial', 2100],
      ['close', 2100],
    ]);
    expect(file.reps.length).toBe(2100);
    expect(file.dateRange).toEqual({ start: '2026-03-02', end: '2026-03-21' });
    // The last rep's series, counted past the bound, hold its one dial and one close.
    const last = data.tally.reps.get('rep 2099');
    expect([...(last?.byStage.get('dial') ?? [])]).toEqual([['2026-03-21', 1]]);
    expect([...(last?.byStage.get('close') ?? [])]).toEqual([['2026-03-21', 1]]);
  });
});

describe('files of one export share a row function', () => {
  async function runFiles(texts: string[]) {
    const config = configSchema.parse({
      stages: ['dial', 'close'],
      sources: [{ path: 'x.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { Type: 'call' } }, { stage: 'close', when: { Type: 'won' } }] }],
    });
    const loaded: LoadedConfig = { config, path: null, dir };
    const inputs = texts.map((text, i) => {
      const path = join(dir, `s${i}-${Math.random().toString(36).slice(2)}.csv`);
      writeFileSync(path, text);
      return { path, display: `f${i}.csv`, source: config.sources[0] as SourceConfig, sourceKey: 'sources[0]', forcedPreset: null };
    });
    return ingest(loaded, inputs, { asOf: '2026-12-31' });
  }

  it('only where the header and the mapping are the same: a file with other columns or another date order reads its own way', async () => {
    const data = await runFiles([
      'Owner,Type,Date\nAnn Lee,call,2026-03-02\nAnn Lee,won,2026-03-03\n',
      // The same header: the same row function, warm.
      'Owner,Type,Date\nAnn Lee,call,2026-03-04\nBo Chen,email,2026-03-05\n',
      // The columns in another order: the rep, type and date are found at other places.
      'Date,Type,Owner\n2026-03-06,call,Bo Chen\n2026-03-07,won,Bo Chen\n',
      // Day-first dates (13/03 shows the order): read day-first, not as the files before them.
      'Owner,Type,Date\nCy Ode,call,13/03/2026\nCy Ode,call,02/03/2026\n',
    ]);
    expect(data.files.map((f) => [f.used, f.ignored, f.rejected, f.dateRange])).toEqual([
      [2, 0, 0, { start: '2026-03-02', end: '2026-03-03' }],
      [1, 1, 0, { start: '2026-03-04', end: '2026-03-04' }],
      [2, 0, 0, { start: '2026-03-06', end: '2026-03-07' }],
      [2, 0, 0, { start: '2026-03-02', end: '2026-03-13' }],
    ]);
    expect([...(data.tally.reps.get('cy ode')?.byStage.get('dial') ?? [])]).toEqual([
      ['2026-03-02', 1],
      ['2026-03-13', 1],
    ]);
    expect([...(data.tally.reps.get('bo chen')?.byStage.get('close') ?? [])]).toEqual([['2026-03-07', 1]]);
  });
});
