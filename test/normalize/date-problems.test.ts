import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { FileDates, type DateFallback, type DetectionContext, type SampledRecord } from '../../src/normalize/date-detect.js';

// FileDates' decisions and the errors and warnings users read, word for word: a column that
// mixes both orders, columns nothing settles, a day/month date the sample did not show, and the
// command line's --day-first / --month-first / --date-format.

const COLUMNS = ['Owner', 'Close Date', 'Created Date', 'Due'];

/** A sample of CSV records (cells by position), from line 2 on. */
const sample = (...rows: string[][]): SampledRecord[] => rows.map((record, i) => ({ record, line: i + 2 }));

function context(opts: { fallback?: DateFallback; isNamed?: boolean } = {}): DetectionContext & { warnings: string[]; formats: Record<string, string> } {
  return {
    file: 'deals.csv',
    warnings: [],
    formats: {},
    fallback: opts.fallback ?? null,
    ...(opts.isNamed === false ? {} : { columnName: (key: string) => COLUMNS[Number(key)] ?? key }),
  };
}

/** Decides the column `name` (read by its position in COLUMNS). */
const decide = (dates: FileDates, name: string, opts: { sourceKey: string; dateFormat?: string }) =>
  dates.decide(name, (r) => (r as string[])[COLUMNS.indexOf(name)] ?? '', opts);

describe('a column with both orders', () => {
  const mixed = sample(['Ann', '25/01/2026'], ['Ben', '01/25/2026'], ['Cy', '26/01/2026']);

  it('in a config source: the error names the dateFormat key and how to fix it; values read as written', () => {
    const ctx = context();
    const dates = new FileDates(mixed, ctx);
    expect(decide(dates, 'Close Date', { sourceKey: 'sources[2]' })).toEqual({ kind: 'auto' });
    expect(ctx.formats).toEqual({ 'Close Date': 'mixed day-first and month-first' });
    const problem = dates.problem();
    expect(problem).toBeInstanceOf(FunnelError);
    expect(problem).toMatchObject({
      code: 'AMBIGUOUS_DATES',
      message: 'column "Close Date" mixes day-first dates ("25/01/2026", line 2) and month-first dates ("01/25/2026", line 3)',
      where: { file: 'deals.csv', key: 'sources[2].dateFormat' },
      hint: 'set sources[2].dateFormat to the format most rows use (date-fns tokens, e.g. dd/MM/yyyy); rows in the other format are then rejected',
    });
  });

  it('through a preset: the fix is --date-format, and no config key is named', () => {
    const dates = new FileDates(mixed, context());
    decide(dates, 'Close Date', { sourceKey: 'preset salesforce-opportunities' });
    expect(dates.problem()).toMatchObject({
      where: { file: 'deals.csv', key: undefined },
      hint: 'pass --date-format FMT to the format most rows use (date-fns tokens, e.g. dd/MM/yyyy); rows in the other format are then rejected',
    });
  });

  it('the first such column is the one named, and a late ambiguity does not replace it', () => {
    const both = sample(['Ann', '25/01/2026', '02/13/2026'], ['Ben', '01/25/2026', '13/02/2026']);
    const dates = new FileDates(both, context());
    decide(dates, 'Close Date', { sourceKey: 'sources[0]' });
    decide(dates, 'Created Date', { sourceKey: 'sources[0]' });
    dates.lateAmbiguity('03/04/2026', 9, 'sources[0]');
    expect(dates.problem()?.message).toBe('column "Close Date" mixes day-first dates ("25/01/2026", line 2) and month-first dates ("01/25/2026", line 3)');
  });

  it('a --date-format reads such a column with it, and the file has no problem; --day-first does not', () => {
    const flag = { format: 'dd/MM/yyyy', flag: '--date-format dd/MM/yyyy' };
    const ctx = context({ fallback: flag });
    const dates = new FileDates(mixed, ctx);
    expect(decide(dates, 'Close Date', { sourceKey: 'sources[0]' })).toEqual({ kind: 'flag-format', format: 'dd/MM/yyyy', flag: '--date-format dd/MM/yyyy' });
    expect(ctx.formats).toEqual({ 'Close Date': 'dd/MM/yyyy' });
    expect(dates.problem()).toBeNull();
    const byOrder = new FileDates(mixed, context({ fallback: { order: 'day-first', flag: '--day-first' } }));
    expect(decide(byOrder, 'Close Date', { sourceKey: 'sources[0]' })).toEqual({ kind: 'auto' });
    expect(byOrder.problem()?.code).toBe('AMBIGUOUS_DATES');
  });
});

describe('columns nothing settles', () => {
  it('one column: named alone, with the two dateFormats that fit', () => {
    const ctx = context();
    const dates = new FileDates(sample(['Ann', '03/04/2026'], ['Ben', '05/06/2026']), ctx);
    expect(decide(dates, 'Close Date', { sourceKey: 'sources[1]' })).toEqual({ kind: 'auto' });
    // Asked again (a second rule's date), the column is named once.
    decide(dates, 'Close Date', { sourceKey: 'sources[1]' });
    expect(ctx.formats).toEqual({ 'Close Date': 'ambiguous' });
    expect(dates.problem()).toMatchObject({
      code: 'AMBIGUOUS_DATES',
      message: 'dates like "03/04/2026" in column "Close Date" (line 2) could be day-first or month-first, and no other date in the file tells',
      where: { file: 'deals.csv', key: 'sources[1].dateFormat' },
      hint: 'set sources[1].dateFormat to "MM/dd/yyyy" (month-first) or "dd/MM/yyyy" (day-first), or pass --month-first or --day-first',
    });
  });

  it('other columns with both orders: the message says so', () => {
    // Created Date has a day above 12 first (13/02), Due a month-first 02/14: the file has both.
    const dates = new FileDates(sample(['Ann', '03/04/2026', '13/02/2026', '02/14/2026']), context());
    decide(dates, 'Close Date', { sourceKey: 'sources[0]' });
    expect(dates.problem()?.message).toBe('dates like "03/04/2026" in column "Close Date" (line 2) could be day-first or month-first (other date columns have both orders)');
  });

  it('a value above 12 that is no real date settles nothing', () => {
    // 31/02/2026 would be day-first, but February has no 31st; 02/30/2026 month-first, no 30th.
    const dates = new FileDates(sample(['Ann', '03/04/2026', '31/02/2026', '02/30/2026']), context());
    decide(dates, 'Close Date', { sourceKey: 'sources[0]' });
    expect(dates.problem()?.message).toBe(
      'dates like "03/04/2026" in column "Close Date" (line 2) could be day-first or month-first, and no other date in the file tells',
    );
  });

  it('values with and without a time: no one dateFormat reads them all, so only the flags are offered', () => {
    const rows = sample(['Ann', '03/04/2026'], ['Ben', '05/06/2026 10:30']);
    const config = new FileDates(rows, context());
    decide(config, 'Close Date', { sourceKey: 'sources[0]' });
    expect(config.problem()?.hint).toBe('pass --month-first or --day-first');
    const preset = new FileDates(rows, context());
    decide(preset, 'Close Date', { sourceKey: 'preset x' });
    expect(preset.problem()?.hint).toBe('pass --month-first or --day-first');
  });

  it('a late ambiguity never replaces them', () => {
    const dates = new FileDates(sample(['Ann', '03/04/2026']), context());
    decide(dates, 'Close Date', { sourceKey: 'sources[0]' });
    dates.lateAmbiguity('05/06/2026', 30, 'sources[0]');
    expect(dates.problem()?.message).toMatch(/^dates like "03\/04\/2026" in column "Close Date"/);
  });
});

describe('a day/month date the sample did not show', () => {
  const iso = sample(['Ann', '2026-01-05']);

  it.each([
    [
      'sources[3]',
      { file: 'deals.csv', key: 'sources[3].dateFormat' },
      'set sources[3].dateFormat, e.g. dateFormat: dd/MM/yyyy or dateFormat: MM/dd/yyyy (date-fns tokens), or pass --month-first or --day-first',
    ],
    ['preset hubspot-calls', { file: 'deals.csv', key: undefined }, 'pass --month-first or --day-first, or run "funnel init deals.csv" and set dateFormat on the source it writes'],
    [null, { file: 'deals.csv', key: undefined }, 'pass --month-first or --day-first, or run "funnel init deals.csv" and set dateFormat on the source it writes'],
  ])('mapped by %j: where and fix', (key, where, hint) => {
    const dates = new FileDates(iso, context());
    decide(dates, 'Close Date', { sourceKey: 'sources[0]' });
    expect(dates.problem()).toBeNull();
    dates.lateAmbiguity('03/04/2026', 7, key);
    dates.lateAmbiguity('05/06/2026', 9, 'sources[0]');
    expect(dates.problem()).toMatchObject({ code: 'AMBIGUOUS_DATES', message: 'dates like "03/04/2026" (line 7) could be day-first or month-first', where, hint });
  });
});

describe('what a column reads as, and what is recorded as its format', () => {
  it('plain dates: the label of the kind most values have; nothing recognisable: no format', () => {
    const ctx = context();
    const dates = new FileDates(sample(['Ann', '2026-01-05', '45000', 'n/a'], ['Ben', '2026-01-06', '45001', '']), ctx);
    expect(decide(dates, 'Close Date', { sourceKey: 's' })).toEqual({ kind: 'auto' });
    expect(decide(dates, 'Created Date', { sourceKey: 's' })).toEqual({ kind: 'auto' });
    expect(decide(dates, 'Due', { sourceKey: 's' })).toEqual({ kind: 'auto' });
    expect(ctx.formats).toEqual({ 'Close Date': 'yyyy-MM-dd', 'Created Date': 'Excel serial' });
  });

  it('no sample (nothing read ahead): auto, nothing recorded', () => {
    const ctx = context();
    expect(decide(new FileDates(null, ctx), 'Close Date', { sourceKey: 's' })).toEqual({ kind: 'auto' });
    expect(ctx.formats).toEqual({});
  });

  it("the source's dateFormat: no detection, even of a column that mixes both orders", () => {
    const ctx = context();
    const dates = new FileDates(sample(['Ann', '25/01/2026'], ['Ben', '01/25/2026']), ctx);
    expect(decide(dates, 'Close Date', { sourceKey: 'sources[0]', dateFormat: 'dd/MM/yyyy' })).toEqual({ kind: 'format', format: 'dd/MM/yyyy' });
    expect(ctx.formats).toEqual({ 'Close Date': 'dd/MM/yyyy' });
    expect(dates.problem()).toBeNull();
  });

  it('a --date-format that spells the detected format is named as given', () => {
    const rows = sample(['Ann', '25/03/2026']);
    const same = new FileDates(rows, context({ fallback: { format: 'dd/MM/yyyy', flag: '--date-format dd/MM/yyyy' } }));
    expect(decide(same, 'Close Date', { sourceKey: 's' })).toEqual({ kind: 'day-month', order: 'day-first', label: 'dd/MM/yyyy', given: '--date-format dd/MM/yyyy' });
    const other = new FileDates(rows, context({ fallback: { format: 'd/M/yyyy', flag: '--date-format d/M/yyyy' } }));
    expect(decide(other, 'Close Date', { sourceKey: 's' })).toEqual({ kind: 'day-month', order: 'day-first', label: 'dd/MM/yyyy' });
  });

  it('a column settled by another: read in its order, with its own format recorded', () => {
    const ctx = context();
    const dates = new FileDates(sample(['Ann', '3/28/2025', '03/04/2025'], ['Ben', '4/1/2025', '03/05/2025']), ctx);
    expect(decide(dates, 'Created Date', { sourceKey: 's' })).toEqual({ kind: 'day-month', order: 'month-first', label: 'MM/dd/yyyy' });
    expect(ctx.formats).toEqual({ 'Created Date': 'MM/dd/yyyy' });
  });

  it('--day-first or --month-first for a column nothing settles', () => {
    const rows = sample(['Ann', '03/04/2026']);
    const ctx = context({ fallback: { order: 'day-first', flag: '--day-first' } });
    expect(decide(new FileDates(rows, ctx), 'Close Date', { sourceKey: 's' })).toEqual({ kind: 'day-month', order: 'day-first', label: 'dd/MM/yyyy' });
    expect(ctx).toMatchObject({ formats: { 'Close Date': 'dd/MM/yyyy' }, warnings: [] });
    const month = context({ fallback: { order: 'month-first', flag: '--month-first' } });
    expect(decide(new FileDates(rows, month), 'Close Date', { sourceKey: 's' })).toEqual({ kind: 'day-month', order: 'month-first', label: 'MM/dd/yyyy' });
  });
});

describe('when the file contradicts --day-first / --month-first', () => {
  it('one warning naming the column that tells, however many columns it settles', () => {
    const ctx = context({ fallback: { order: 'day-first', flag: '--day-first' } });
    const dates = new FileDates(sample(['Ann', '3/28/2025', '3/4/2025', '4/15/2025']), ctx);
    decide(dates, 'Close Date', { sourceKey: 's' });
    decide(dates, 'Created Date', { sourceKey: 's' });
    decide(dates, 'Due', { sourceKey: 's' });
    expect(ctx.warnings).toEqual(['--day-first is not used for this file: its own dates are month-first (column "Close Date" tells)']);
  });

  it('a column settled by another names the other (by its header, or its position without one)', () => {
    const named = context({ fallback: { order: 'month-first', flag: '--month-first' } });
    const rows = sample(['Ann', '03/04/2025', '28/03/2025']);
    decide(new FileDates(rows, named), 'Close Date', { sourceKey: 's' });
    expect(named.warnings).toEqual(['--month-first is not used for this file: its own dates are day-first (column "Created Date" tells)']);
    const unnamed = context({ fallback: { order: 'month-first', flag: '--month-first' }, isNamed: false });
    decide(new FileDates(rows, unnamed), 'Close Date', { sourceKey: 's' });
    expect(unnamed.warnings).toEqual(['--month-first is not used for this file: its own dates are day-first (column "2" tells)']);
  });

  it('no warning when the file agrees, or for --date-format', () => {
    const agrees = context({ fallback: { order: 'month-first', flag: '--month-first' } });
    decide(new FileDates(sample(['Ann', '3/28/2025']), agrees), 'Close Date', { sourceKey: 's' });
    const format = context({ fallback: { format: 'd/M/yyyy', flag: '--date-format d/M/yyyy' } });
    decide(new FileDates(sample(['Ann', '3/28/2025']), format), 'Close Date', { sourceKey: 's' });
    expect([agrees.warnings, format.warnings]).toEqual([[], []]);
  });
});
