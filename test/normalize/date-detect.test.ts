import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { DATE_SAMPLE, DATE_SAMPLE_MAX, DateSample, detectColumn, FileDates, readNumericDate, type DetectionContext } from '../../src/normalize/date-detect.js';
import { compileDateReader } from '../../src/normalize/date-read.js';
import { MangledIds } from '../../src/normalize/mangled-ids.js';
import type { ColumnResolver } from '../../src/normalize/source.js';

const values = (...vs: string[]) => vs.map((value, i) => ({ value, line: i + 2 }));

describe('detectColumn', () => {
  it.each([
    // US: a second part above 12 decides month-first.
    [['1/5/2026', '1/13/2026', '12/1/2026'], 'month-first', 'M/d/yyyy'],
    [['01/05/2026', '01/13/2026'], 'month-first', 'MM/dd/yyyy'],
    [['1/13/2026 2:30 PM', '1/5/2026 11:05 AM'], 'month-first', 'M/d/yyyy h:mm a'],
    [['10/20/2016', '3/1/2017', ''], 'month-first', 'M/d/yyyy'],
    // EU: a first part above 12 decides day-first.
    [['05.01.2026 14:30', '21.06.2024 15:30'], 'day-first', 'dd.MM.yyyy HH:mm'],
    [['05-01-2026', '26-02-2018'], 'day-first', 'dd-MM-yyyy'],
    [['26-02-2018 19:58', '08-05-2018 20:17'], 'day-first', 'dd-MM-yyyy HH:mm'],
    [['13/1/2026 9:05:30', '2/1/2026 10:00:00'], 'day-first', 'd/M/yyyy H:mm:ss'],
    // Dotted dates are day-first by convention, even without a day above 12.
    [['05.01.2026', '06.02.2026'], 'day-first', 'dd.MM.yyyy'],
    // Some values with a time, some without.
    [['21.06.2024', '22.06.2024 09:00'], 'day-first', 'dd.MM.yyyy[ HH:mm]'],
  ])('%j → %s, %s', (vs, order, format) => {
    expect(detectColumn(values(...vs))).toEqual({ kind: 'numeric', order, format });
  });

  it('slashes or dashes with no part above 12: ambiguous, with the first such value and its line', () => {
    expect(detectColumn(values('', '03/04/2026', '05/06/2026'))).toEqual({
      kind: 'ambiguous',
      example: '03/04/2026',
      line: 3,
      sep: '/',
      formats: { 'day-first': 'dd/MM/yyyy', 'month-first': 'MM/dd/yyyy' },
    });
    expect(detectColumn(values('05-01-2026')).kind).toBe('ambiguous');
  });

  it('ambiguous values with AM/PM times: the formats that fit name the time as written', () => {
    expect(detectColumn(values('3/4/2025 10:37 AM', '3/5/2025 2:05 PM'))).toMatchObject({
      kind: 'ambiguous',
      formats: { 'day-first': 'd/M/yyyy h:mm a', 'month-first': 'M/d/yyyy h:mm a' },
    });
    expect(detectColumn(values('03/04/2025 10:37:12'))).toMatchObject({ formats: { 'month-first': 'MM/dd/yyyy HH:mm:ss' } });
  });

  it('both orders in one column: a conflict naming a value of each', () => {
    expect(detectColumn(values('25/01/2026', '03/04/2026', '01/25/2026'))).toEqual({
      kind: 'conflict',
      dayFirst: { value: '25/01/2026', line: 2 },
      monthFirst: { value: '01/25/2026', line: 4 },
    });
  });

  it.each([
    [['2026-11-02', '2026-11-03'], 'yyyy-MM-dd'],
    [['2026-11-02 10:30', '2026-11-02 11:00:05'], 'yyyy-MM-dd HH:mm'],
    [['2026-11-02T10:30:00Z'], 'ISO 8601'],
    [['2026/11/02'], 'yyyy/MM/dd'],
    [['46329', '46329.75'], 'Excel serial'],
    [['', 'n/a'], null],
    [[], null],
  ])('%j needs no detection: labelled %j', (vs, format) => {
    expect(detectColumn(values(...vs))).toEqual({ kind: 'plain', format });
  });
});

describe('readNumericDate', () => {
  it.each([
    ['1/13/2026', 'month-first', '2026-01-13'],
    ['13/1/2026', 'day-first', '2026-01-13'],
    ['05.01.2026 14:30', 'day-first', '2026-01-05'],
    ['1/5/2026, 2:30 PM', 'month-first', '2026-01-05'],
    ['29.02.2028', 'day-first', '2028-02-29'],
    [' 05-01-2026 ', 'day-first', '2026-01-05'],
  ] as const)('%j (%s) → %s', (value, order, date) => {
    expect(readNumericDate(value, order)).toBe(date);
  });

  it.each([
    ['13/1/2026', 'month-first'],
    ['31.02.2026', 'day-first'],
    ['29.02.2027', 'day-first'],
    ['05.01.2026 25:00', 'day-first'],
    ['1/5/2026 13:30 PM', 'month-first'],
    ['1/5/26', 'month-first'],
    ['2026-01-05', 'day-first'],
  ] as const)('%j is not a date read %s', (value, order) => {
    expect(readNumericDate(value, order)).toBeNull();
  });
});

describe('FileDates', () => {
  const headers = ['Owner', 'Created', 'Closed', 'Id'];
  const column: ColumnResolver = (name) => {
    const i = headers.indexOf(name);
    return (r) => (r as string[])[i] ?? '';
  };
  const sample = [
    { record: ['Ann', '21.06.2024 15:30', '24.06.2024', '1'], line: 2 },
    { record: ['Ann', '22.06.2024 09:00', '', '2'], line: 3 },
  ];
  const context = () => ({ file: 'deals.csv', warnings: [] as string[], formats: {} as Record<string, string> });
  /** Decides a date column's reading and compiles its reader, as the plan stage does. */
  const reader = (dates: FileDates, col: ColumnResolver, name: string, opts: { sourceKey: string; dateFormat?: string }) => {
    const get = col(name, `${opts.sourceKey}.columns.date`);
    const reading = dates.decide(name, get, opts);
    const read = compileDateReader(reading, { name, column: name, key: `${opts.sourceKey}.columns.date` });
    return Object.assign((row: string[]) => read(get(row)), { reading });
  };

  it('decides each date column once, reads its values by the detected order, and records its format', () => {
    const ctx = context();
    const dates = new FileDates(sample, ctx);
    const created = reader(dates, column, 'Created', { sourceKey: 'sources[0]' });
    const closed = reader(dates, column, 'Closed', { sourceKey: 'sources[0]' });
    expect(created.reading).toEqual({ kind: 'day-month', order: 'day-first', label: 'dd.MM.yyyy HH:mm' });
    const row = ['Ann', '01.07.2024 08:00', '02.07.2024', '3'];
    expect([created(row), closed(row)]).toEqual(['2024-07-01', '2024-07-02']);
    expect(ctx.formats).toEqual({ Created: 'dd.MM.yyyy HH:mm', Closed: 'dd.MM.yyyy' });
  });

  it('a value that does not fit the detected format: a bad-date value naming the format (never thrown)', () => {
    const closed = reader(new FileDates(sample, context()), column, 'Closed', { sourceKey: 'sources[0]' });
    expect(closed(['Ann', '', '31.02.2024', ''])).toEqual({
      field: 'Closed',
      value: '31.02.2024',
      reason: '"31.02.2024" is not a date (expected dd.MM.yyyy, detected from the file; set dateFormat if that is wrong) in column "Closed"',
      isAmbiguous: false,
    });
    // Not a day/month date at all: the same reason. ISO dates still read; an empty cell says so.
    expect(closed(['Ann', '', 'n/a', ''])).toMatchObject({ reason: '"n/a" is not a date (expected dd.MM.yyyy, detected from the file; set dateFormat if that is wrong) in column "Closed"' });
    expect(closed(['Ann', '', '2024-03-01', ''])).toBe('2024-03-01');
    expect(closed(['Ann', '', ' ', ''])).toEqual({ field: 'Closed', value: ' ', reason: 'the date is empty in column "Closed"', isAmbiguous: false });
  });

  it("with the source's dateFormat: no detection, values read by the format, the format reported", () => {
    const ctx = context();
    const created = reader(new FileDates(sample, ctx), column, 'Created', { dateFormat: 'dd.MM.yyyy HH:mm', sourceKey: 'sources[0]' });
    expect(created.reading).toEqual({ kind: 'format', format: 'dd.MM.yyyy HH:mm' });
    expect(created(['Ann', '01.07.2024 08:00'])).toBe('2024-07-01');
    expect(ctx.formats).toEqual({ Created: 'dd.MM.yyyy HH:mm' });
  });

  it('a column mixing both orders: the file has a problem naming the dateFormat key; values read as written', () => {
    const mixed = [
      { record: ['Ann', '25/01/2026'], line: 2 },
      { record: ['Ann', '01/25/2026'], line: 3 },
    ];
    const dates = new FileDates(mixed, context());
    const created = reader(dates, column, 'Created', { sourceKey: 'sources[2]' });
    expect(created.reading).toEqual({ kind: 'auto' });
    expect(created(['Ann', '25/01/2026'])).toMatchObject({ isAmbiguous: true, value: '25/01/2026' });
    const problem = dates.problem();
    expect(problem).toBeInstanceOf(FunnelError);
    expect(problem?.code).toBe('AMBIGUOUS_DATES');
    expect(problem?.where).toEqual({ file: 'deals.csv', key: 'sources[2].dateFormat' });
    expect(problem?.message).toBe('column "Created" mixes day-first dates ("25/01/2026", line 2) and month-first dates ("01/25/2026", line 3)');
  });

  it('a late ambiguity (a day/month date the sample did not show) is the file problem, once', () => {
    const dates = new FileDates([{ record: ['Ann', '2026-01-05'], line: 2 }], context());
    const created = reader(dates, column, 'Created', { sourceKey: 'sources[0]' });
    expect(created(['Ann', ' 03/04/2026 '])).toEqual({ field: '', value: '03/04/2026', reason: '"03/04/2026" could be day-first or month-first', isAmbiguous: true });
    expect(dates.problem()).toBeNull();
    dates.lateAmbiguity('03/04/2026', 7, 'sources[0]');
    dates.lateAmbiguity('05/06/2026', 9, 'sources[0]');
    expect(dates.problem()?.message).toBe('dates like "03/04/2026" (line 7) could be day-first or month-first');
    expect(dates.problem()?.where).toEqual({ file: 'deals.csv', key: 'sources[0].dateFormat' });
  });

  describe('day/month order settled by the whole file', () => {
    // A US Salesforce opportunities report: Close Date has 3/28/2025, Created Date only days up to 12.
    const names = ['Owner', 'Close Date', 'Created Date', 'Due'];
    const col: ColumnResolver = (name) => {
      const i = names.indexOf(name);
      return (r) => (r as string[])[i] ?? '';
    };
    const us = [
      { record: ['Ann', '3/28/2025', '3/4/2025', '03.04.2025'], line: 2 },
      { record: ['Ben', '4/15/2025', '3/7/2025', '04.05.2025'], line: 3 },
    ];
    const ctx = (extra: Partial<DetectionContext> = {}) => ({ ...context(), columnName: (k: string) => names[Number(k)] ?? k, ...extra });

    it('a value above 12 in one column decides every column written with the same separator', () => {
      const c = ctx();
      const dates = new FileDates(us, c);
      const created = reader(dates, col, 'Created Date', { sourceKey: 'preset x' });
      expect(created(['Ann', '', '3/4/2025'])).toBe('2025-03-04');
      expect(c.formats).toEqual({ 'Created Date': 'M/d/yyyy' });
      expect(dates.problem()).toBeNull();
    });

    it('dates written with another separator are not settled by it (dotted ones are day-first by convention)', () => {
      const due = reader(new FileDates(us, ctx()), col, 'Due', { sourceKey: 'preset x' });
      expect(due(['', '', '', '03.04.2025'])).toBe('2025-04-03');
    });

    it('nothing settles it: one problem for the file naming every such column and both formats', () => {
      const open = [
        { record: ['Ann', '3/4/2025 10:37 AM', '3/5/2025 2:05 PM'], line: 2 },
        { record: ['Ben', '3/6/2025 9:00 AM', '3/7/2025 11:00 AM'], line: 3 },
      ];
      const dates = new FileDates(open, ctx());
      const close = reader(dates, col, 'Close Date', { sourceKey: 'sources[1]' });
      reader(dates, col, 'Created Date', { sourceKey: 'sources[1]' });
      reader(dates, col, 'Close Date', { sourceKey: 'sources[1]' });
      expect(close(['Ann', '3/4/2025 10:37 AM'])).toMatchObject({ isAmbiguous: true });
      const problem = dates.problem();
      expect(problem?.message).toBe(
        'dates like "3/4/2025 10:37 AM" in columns "Close Date", "Created Date" (line 2) could be day-first or month-first, and no other date in the file tells',
      );
      expect(problem?.where).toEqual({ file: 'deals.csv', key: 'sources[1].dateFormat' });
      expect(problem?.hint).toBe('set sources[1].dateFormat to "M/d/yyyy h:mm a" (month-first) or "d/M/yyyy h:mm a" (day-first), or pass --month-first or --day-first');
    });

    it('without a config source, the fix names the flags and funnel init', () => {
      const dates = new FileDates([{ record: ['Ann', '3/4/2025'], line: 2 }], ctx());
      reader(dates, col, 'Close Date', { sourceKey: 'preset x' });
      expect(dates.problem()?.where).toEqual({ file: 'deals.csv', key: undefined });
      expect(dates.problem()?.hint).toBe(
        'pass --month-first or --day-first, or run "funnel init deals.csv" and set dateFormat to "M/d/yyyy" (month-first) or "d/M/yyyy" (day-first) on the source it writes',
      );
    });

    it.each([
      [{ order: 'day-first', flag: '--day-first' }, '2025-04-03'],
      [{ order: 'month-first', flag: '--month-first' }, '2025-03-04'],
      [{ format: 'M/d/yyyy', flag: '--date-format "M/d/yyyy"' }, '2025-03-04'],
    ] as const)('the command line decides what the file leaves open: %j', (fallback, date) => {
      const dates = new FileDates([{ record: ['Ann', '3/4/2025'], line: 2 }], ctx({ fallback }));
      const close = reader(dates, col, 'Close Date', { sourceKey: 'preset x' });
      expect(close(['Ann', '3/4/2025'])).toBe(date);
      expect(dates.problem()).toBeNull();
    });

    it("the file's own order wins over the command line's, with one warning", () => {
      const c = ctx({ fallback: { order: 'day-first', flag: '--day-first' } });
      const dates = new FileDates(us, c);
      expect(reader(dates, col, 'Close Date', { sourceKey: 'preset x' })(['', '4/15/2025'])).toBe('2025-04-15');
      expect(reader(dates, col, 'Created Date', { sourceKey: 'preset x' })(['', '', '3/7/2025'])).toBe('2025-03-07');
      expect(c.warnings).toEqual(['--day-first is not used for this file: its own dates are month-first (column "Close Date" tells)']);
    });

    it('a --date-format that does not fit: the rejection names the flag', () => {
      const dates = new FileDates([{ record: ['Ann', '3/4/2025 10:37 AM'], line: 2 }], ctx({ fallback: { format: 'd/M/yyyy', flag: '--date-format "d/M/yyyy"' } }));
      const close = reader(dates, col, 'Close Date', { sourceKey: 'preset x' });
      expect(close.reading).toEqual({ kind: 'flag-format', format: 'd/M/yyyy', flag: '--date-format "d/M/yyyy"' });
      expect(close(['Ann', '3/4/2025 10:37 AM'])).toMatchObject({
        field: 'Close Date',
        reason: '"3/4/2025 10:37 AM" is not a date (expected d/M/yyyy, given with --date-format "d/M/yyyy") in column "Close Date"',
      });
    });
  });
});

describe('MangledIds', () => {
  const watch = () => {
    const warnings: string[] = [];
    const ids = new MangledIds(warnings);
    return { warnings, id: (v: string) => ids.check('Id', v) };
  };

  it.each(['5.80503E+18', '5.8050280000439E18', '5,80503E+18', '5.80503e+18', '6E+18'])('%j (scientific notation): a warning naming the column and the example', (v) => {
    const { warnings, id } = watch();
    id('5805028000056864695');
    expect(warnings).toEqual([]);
    id(v);
    id(v);
    expect(warnings).toEqual([
      `ids in column "Id" look shortened by Excel (e.g. "${v}"): Excel keeps 15 digits, so different records can end up with one id and be dropped as duplicates; export ids as text, or leave columns.id unset`,
    ]);
  });

  it('long ids that all end in zeros past the 15th digit: a warning', () => {
    const { warnings, id } = watch();
    id('5805028000056860000');
    id('5805028000056850000');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"5805028000056850000"');
  });

  it.each([
    // [long ids, of which ending in zeros past the 15th digit, warned]: at least two, and at least half.
    [4, 2, true],
    [5, 2, false],
    [6, 3, true],
    [10, 2, false],
    [2, 1, false],
  ])('%i long ids, %i of them ending in zeros: warned %s', (long, zeroTailed, isWarned) => {
    const { warnings, id } = watch();
    // The zero-tailed ids come last: the check is made as ids arrive.
    for (let i = 0; i < long; i++) id(i >= long - zeroTailed ? `58050280000568${i}0000` : `5805028000056864${String(100 + i)}`);
    expect(warnings).toHaveLength(isWarned ? 1 : 0);
  });

  it('one genuine id ending in zeros among many: no warning', () => {
    const { warnings, id } = watch();
    for (let i = 0; i < 20; i++) id(`58050280000568646${String(10 + i)}`);
    id('5805028000056860000');
    id('123456789012345');
    expect(warnings).toEqual([]);
  });
});

describe('DateSample', () => {
  /** Feeds records until the sample stops taking them; returns how many were read. */
  function feed(sample: DateSample, rows: (line: number) => unknown[] | Record<string, unknown>, max = DATE_SAMPLE_MAX + 10): number {
    let n = 0;
    while (n < max && sample.take(rows(n + 2) as string[], n + 2)) n++;
    return n + 1;
  }

  it('ISO dates: the first DATE_SAMPLE records, then it stops', () => {
    const s = new DateSample();
    expect(feed(s, () => ['Ann', '2026-11-02'])).toBe(DATE_SAMPLE);
    expect(s.records).toHaveLength(DATE_SAMPLE);
  });

  it('day-first settled early: stops at DATE_SAMPLE', () => {
    const s = new DateSample();
    expect(feed(s, (line) => ['Ann', line === 5 ? '25/01/2026' : '03/01/2026'])).toBe(DATE_SAMPLE);
  });

  it('a column of days up to 12 beside one that settles the separator: stops at DATE_SAMPLE', () => {
    const s = new DateSample();
    expect(feed(s, () => ['Ann', '3/28/2025', '3/4/2025'])).toBe(DATE_SAMPLE);
  });

  it('weeks of days up to 12 first: reads on until a record settles the order, and keeps it', () => {
    const s = new DateSample();
    const read = feed(s, (line) => ['Ann', line < 3000 ? '1/5/2026' : '1/13/2026']);
    expect(read).toBe(2999);
    expect(s.records).toHaveLength(DATE_SAMPLE + 1);
    expect(s.records[DATE_SAMPLE]).toEqual({ record: ['Ann', '1/13/2026'], line: 3000 });
    expect(detectColumn(s.records.map((r) => ({ value: (r.record as string[])[1], line: r.line })))).toMatchObject({ order: 'month-first' });
  });

  it('a column that never settles: stops at DATE_SAMPLE_MAX', () => {
    const s = new DateSample();
    expect(feed(s, () => ['03/04/2026'])).toBe(DATE_SAMPLE_MAX);
  });

  it('dotted dates need nothing more; JSON values by dot path are looked at too', () => {
    expect(feed(new DateSample(), () => ['05.01.2026'])).toBe(DATE_SAMPLE);
    const s = new DateSample();
    const read = feed(s, (line) => ({ owner: 'Ann', meta: { when: line < 1500 ? '05-01-2026' : '25-01-2026' } }));
    expect(read).toBe(1499);
  });
});
