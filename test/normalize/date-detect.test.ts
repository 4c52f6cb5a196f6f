import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { DATE_SAMPLE, DATE_SAMPLE_MAX, DateSample, detectColumn, FileDates, readNumericDate } from '../../src/normalize/date-detect.js';
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
    expect(detectColumn(values('', '03/04/2026', '05/06/2026'))).toEqual({ kind: 'ambiguous', example: '03/04/2026', line: 3 });
    expect(detectColumn(values('05-01-2026')).kind).toBe('ambiguous');
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

  it('converts the values of each detected date column, and records its format', () => {
    const ctx = context();
    const resolve = new FileDates(sample, ctx).resolver(column, { sourceKey: 'sources[0]' });
    const created = resolve('Created', 'sources[0].columns.date');
    const closed = resolve('Closed', 'sources[0].rules[1].date');
    const owner = resolve('Owner', 'sources[0].columns.rep');
    const row = ['Ann', '01.07.2024 08:00', '02.07.2024', '3'];
    expect([created(row), closed(row), owner(row)]).toEqual(['2024-07-01', '2024-07-02', 'Ann']);
    expect(ctx.formats).toEqual({ Created: 'dd.MM.yyyy HH:mm', Closed: 'dd.MM.yyyy' });
  });

  it('a value that does not fit the detected format: a bad-date rejection naming the format', () => {
    const dates = new FileDates(sample, context());
    const closed = dates.resolver(column, { sourceKey: 'sources[0]' })('Closed', 'sources[0].columns.date');
    expect(closed(['Ann', '', '31.02.2024', ''])).toBe('31.02.2024');
    expect(dates.invalidDate('31.02.2024')).toEqual({
      code: 'BAD_DATE',
      field: 'Closed',
      value: '31.02.2024',
      reason: '"31.02.2024" is not a date (expected dd.MM.yyyy, detected from the file; set dateFormat if that is wrong) in column "Closed"',
    });
    // Another value, or one read fine since, is not this column's problem.
    expect(dates.invalidDate('n/a')).toBeNull();
    closed(['Ann', '', '01.03.2024', '']);
    expect(dates.invalidDate('31.02.2024')).toBeNull();
  });

  it("with the source's dateFormat: no detection, values untouched, the format reported", () => {
    const ctx = context();
    const created = new FileDates(sample, ctx).resolver(column, { dateFormat: 'dd.MM.yyyy HH:mm', sourceKey: 'sources[0]' })('Created', 'sources[0].columns.date');
    expect(created(['Ann', '01.07.2024 08:00'])).toBe('01.07.2024 08:00');
    expect(ctx.formats).toEqual({ Created: 'dd.MM.yyyy HH:mm' });
  });

  it('a column mixing both orders stops the run, naming the dateFormat key', () => {
    const mixed = [
      { record: ['Ann', '25/01/2026'], line: 2 },
      { record: ['Ann', '01/25/2026'], line: 3 },
    ];
    const resolve = new FileDates(mixed, context()).resolver(column, { sourceKey: 'sources[2]' });
    try {
      resolve('Created', 'sources[2].columns.date');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FunnelError);
      expect((err as FunnelError).code).toBe('AMBIGUOUS_DATES');
      expect((err as FunnelError).where).toEqual({ file: 'deals.csv', key: 'sources[2].dateFormat' });
    }
  });

  describe('ids shortened by Excel', () => {
    const watch = () => {
      const ctx = context();
      const id = new FileDates(null, ctx).resolver(column, { sourceKey: 'sources[0]' })('Id', 'sources[0].columns.id');
      return { ctx, id: (v: string) => id(['', '', '', v]) };
    };

    it.each(['5.80503E+18', '5.8050280000439E18', '5,80503E+18'])('%j (scientific notation): a warning naming the column and the example', (v) => {
      const { ctx, id } = watch();
      expect(id('5805028000056864695')).toBe('5805028000056864695');
      expect(id(v)).toBe(v);
      id(v);
      expect(ctx.warnings).toEqual([
        `ids in column "Id" look shortened by Excel (e.g. "${v}"): Excel keeps 15 digits, so different records can end up with one id and be dropped as duplicates; export ids as text, or leave columns.id unset`,
      ]);
    });

    it('long ids that all end in zeros past the 15th digit: a warning', () => {
      const { ctx, id } = watch();
      id('5805028000056860000');
      id('5805028000056850000');
      expect(ctx.warnings).toHaveLength(1);
      expect(ctx.warnings[0]).toContain('"5805028000056850000"');
    });

    it('one genuine id ending in zeros among many: no warning', () => {
      const { ctx, id } = watch();
      for (let i = 0; i < 20; i++) id(`58050280000568646${String(10 + i)}`);
      id('5805028000056860000');
      id('123456789012345');
      expect(ctx.warnings).toEqual([]);
    });
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
