import { describe, expect, it } from 'vitest';
import { DATE_SAMPLE, DATE_SAMPLE_MAX, DateSample, detectColumn, FileDates, type DetectionContext, type SampledRecord } from '../../src/normalize/date-detect.js';

// What counts as evidence of a day/month order: in the sample (when reading ahead stops and
// which records are kept), in one column (detectColumn) and across the file's other columns.

/** Feeds records until the sample stops taking them; returns the sample and how many it read. */
function feed(rows: (line: number) => unknown): { sample: DateSample; read: number } {
  const sample = new DateSample();
  let n = 0;
  while (n < DATE_SAMPLE_MAX + 10 && sample.take(rows(n + 2) as string[], n + 2)) n++;
  return { sample, read: n + 1 };
}

describe('DateSample: a column stays open until its own values or its separator settle it', () => {
  it('a slashed first date keeps the column open even if dotted ones follow (dots only are day-first)', () => {
    expect(feed((line) => [line === 2 ? '03/04/2026' : '03.04.2026']).read).toBe(DATE_SAMPLE_MAX);
  });

  it('a day above 12 written with another separator still settles the column', () => {
    // The column's first date has "/"; its day-first evidence is written with "-".
    expect(feed((line) => [line === 5 ? '13-04-2026' : '03/04/2026']).read).toBe(DATE_SAMPLE);
  });

  it('a day-first date after the first part is kept with the sample, and reading stops there', () => {
    const { sample, read } = feed((line) => ['Ann', line < 3000 ? '05/01/2026' : '13/01/2026']);
    expect(read).toBe(2999);
    expect(sample.records).toHaveLength(DATE_SAMPLE + 1);
    expect(sample.records[DATE_SAMPLE]).toEqual({ record: ['Ann', '13/01/2026'], line: 3000 });
  });

  it('JSON columns are told apart by their key paths', () => {
    // `a` is open ("/" never settled); `b` is dotted and day-first, which settles only ".".
    expect(feed(() => ({ a: '03/04/2026', b: '13.04.2026' })).read).toBe(DATE_SAMPLE_MAX);
    expect(feed(() => ({ a: '03/04/2026', n: { b: '13.04.2026' } })).read).toBe(DATE_SAMPLE_MAX);
  });
});

describe('detectColumn', () => {
  const values = (...vs: string[]) => vs.map((value, i) => ({ value, line: i + 2 }));

  it('reads values trimmed, and gives the example trimmed', () => {
    expect(detectColumn(values(' 25/01/2026 ', '03/04/2026'))).toEqual({ kind: 'numeric', order: 'day-first', format: 'dd/MM/yyyy' });
    expect(detectColumn(values(' 03/04/2026 '))).toMatchObject({ kind: 'ambiguous', example: '03/04/2026' });
  });

  it.each([
    // The separator most values use; on a tie, the first seen.
    [['13/01/2026', '14-01-2026'], 'dd/MM/yyyy'],
    [['13-01-2026', '14/01/2026'], 'dd-MM-yyyy'],
    [['13-01-2026', '14/01/2026', '15/01/2026'], 'dd/MM/yyyy'],
  ])('%j → %s', (vs, format) => {
    expect(detectColumn(values(...vs))).toEqual({ kind: 'numeric', order: 'day-first', format });
  });
});

describe("the file's other columns as evidence", () => {
  const COLUMNS = ['Owner', 'Close Date', 'Other'];
  const rows = (...others: string[]): SampledRecord[] => others.map((other, i) => ({ record: ['Ann', '03/04/2026', other], line: i + 2 }));
  const context = (): DetectionContext & { warnings: string[]; formats: Record<string, string> } => ({
    file: 'deals.csv',
    warnings: [],
    formats: {},
    columnName: (key) => COLUMNS[Number(key)] ?? key,
  });
  const closeDate = (sample: SampledRecord[], sourceKey = 'sources[0]') => {
    const dates = new FileDates(sample, context());
    const reading = dates.decide('Close Date', (r) => (r as string[])[1], { sourceKey });
    return { reading, dates };
  };

  it.each([
    [[' 28/03/2025 '], 'day-first'], // read trimmed
    [['3/28/2025'], 'month-first'],
    [['12/13/2026'], 'month-first'], // a first part of 12 is no day above 12
    [['13/12/2026'], 'day-first'],
  ])('%j settles the order: %s', (others, order) => {
    expect(closeDate(rows(...others)).reading).toMatchObject({ kind: 'day-month', order });
  });

  it.each([
    [['12/04/2026', '04/12/2026']], // 12 is no part above 12
    [['31/02/2026']], // not a real date read either way
    [['']],
  ])('%j settles nothing', (others) => {
    const { reading, dates } = closeDate(rows(...others));
    expect(reading).toEqual({ kind: 'auto' });
    expect(dates.problem()?.message).toBe('dates like "03/04/2026" in column "Close Date" (line 2) could be day-first or month-first, and no other date in the file tells');
  });

  it('the first evidence of an order in the file is the one named', () => {
    // Month-first evidence: 3/28/2025 in Other on line 3, then 3/29/2025 in Close Date on line 4.
    const ctx = { ...context(), fallback: { order: 'day-first' as const, flag: '--day-first' } };
    const sample: SampledRecord[] = [
      { record: ['Ann', '03/04/2026', '01/02/2026'], line: 2 },
      { record: ['Ann', '03/04/2026', '3/28/2025'], line: 3 },
      { record: ['Ann', '3/29/2025', ''], line: 4 },
    ];
    const reading = new FileDates(sample, ctx).decide('Due', () => '03/04/2026', { sourceKey: 's' });
    expect(reading).toEqual({ kind: 'day-month', order: 'month-first', label: 'MM/dd/yyyy' });
    expect(ctx.warnings).toEqual(['--day-first is not used for this file: its own dates are month-first (column "Other" tells)']);
  });

  it('JSON records: a nested column is named by its key path', () => {
    const ctx: DetectionContext & { warnings: string[] } = { file: 'deals.json', warnings: [], formats: {}, fallback: { order: 'day-first', flag: '--day-first' } };
    const sample: SampledRecord[] = [{ record: { owner: 'Ann', deal: { closed: '3/28/2025', created: '3/4/2025' } }, line: 1 }];
    const reading = new FileDates(sample, ctx).decide('created', (r) => ((r as { deal: { created: string } }).deal.created), { sourceKey: 's' });
    expect(reading).toEqual({ kind: 'day-month', order: 'month-first', label: 'M/d/yyyy' });
    expect(ctx.warnings).toEqual(['--day-first is not used for this file: its own dates are month-first (column "deal.closed" tells)']);
  });

  it('a column asked for by two sources: the first names the fix', () => {
    const dates = new FileDates(rows('01/02/2026'), context());
    dates.decide('Close Date', (r) => (r as string[])[1], { sourceKey: 'sources[0]' });
    dates.decide('Close Date', (r) => (r as string[])[1], { sourceKey: 'sources[1]' });
    expect(dates.problem()?.where).toEqual({ file: 'deals.csv', key: 'sources[0].dateFormat' });
  });
});
