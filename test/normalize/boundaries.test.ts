import { describe, expect, it } from 'vitest';
import { DATE_SAMPLE, DATE_SAMPLE_MAX, DateSample, detectColumn, readNumericDate } from '../../src/normalize/date-detect.js';
import { compileDateParser } from '../../src/normalize/dates.js';

// The edges of date reading (docs/formats.md): month 1..12, day 1..the month's last, years
// 1900..2199 for formats, Excel serials of five digits, and a day/month order decided by a part
// above 12. Each row sits on one side of an edge.

const isRejected = (got: unknown) => typeof got === 'object' && got !== null && 'reason' in got;

// Each test compiles its own reader: mutation testing attributes code to the test that runs it.
const detect = (value: string) => compileDateParser(undefined)(value);

describe('ISO and YYYY/MM/DD dates: real calendar dates only', () => {
  it.each([
    ['2026-12-05', '2026-12-05'],
    ['2026-01-31', '2026-01-31'],
    ['2026-12-31', '2026-12-31'],
    ['2024-02-29', '2024-02-29'], // 2024 is a leap year
    ['2000-02-29', '2000-02-29'], // divisible by 400: leap
    ['2026/12/05', '2026-12-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026-12-05T00:00:00', '2026-12-05'],
  ])('%j → %s', (value, date) => expect(detect(value)).toBe(date));

  it.each([
    '2026-13-05', // no month 13
    '2026-00-05', // no month 0
    '2026-12-00', // no day 0
    '2026-12-32',
    '2026-04-31', // April has 30 days
    '2026-02-29', // 2026 is not a leap year
    '1900-02-29', // divisible by 100, not by 400: not leap
    '2026/13/05',
    '2026/12/32',
    '2026-13-05T10:00:00Z', // the date part of a datetime is checked too
  ])('%j is rejected as not a real calendar date', (value) => {
    expect(detect(value)).toEqual({ reason: `"${value.slice(0, 10)}" is not a date (expected a real calendar date)` });
  });

  it('reads the same value the same way twice (the cache)', () => {
    const parse = compileDateParser(undefined);
    expect(parse('2026-13-05')).toEqual(parse('2026-13-05'));
    expect(parse('2026-11-05T08:00:00Z')).toBe('2026-11-05');
    expect(parse('2026-11-05T23:00:00Z')).toBe('2026-11-05');
  });
});

describe('Excel serials: five digits, 10000..99999', () => {
  it.each([
    ['10000', '1927-05-18'],
    ['99999', '2173-10-13'],
    ['99999.9', '2173-10-13'],
  ])('%j → %s', (value, date) => expect(detect(value)).toBe(date));

  it.each(['9999', '100000', '45292.', '-45292'])('%j is not a date', (value) => {
    expect(isRejected(detect(value))).toBe(true);
  });
});

describe('dates with dateFormat: years 1900..2199', () => {
  const parse = (value: string) => compileDateParser('dd/MM/yyyy')(value);
  it.each([
    ['01/01/1900', '1900-01-01'],
    ['31/12/2199', '2199-12-31'],
  ])('%j → %s', (value, date) => expect(parse(value)).toBe(date));

  it.each(['31/12/1899', '01/01/2200', '00/01/2026', '01/13/2026'])('%j is rejected', (value) => {
    expect(parse(value)).toEqual({ reason: `"${value}" is not a date (expected dateFormat "dd/MM/yyyy")` });
  });

  it('rejects an empty value without trying the format', () => {
    expect(parse('  ')).toEqual({ reason: 'the date is empty' });
  });
});

describe('day/month order decided at 12', () => {
  const values = (...vs: string[]) => vs.map((value, i) => ({ value, line: i + 2 }));

  it.each([
    // [values, detection] — 12 fits either part, so it decides nothing; 13 only fits a day.
    [['12/01/2026'], 'ambiguous'],
    [['13/01/2026'], 'day-first'],
    [['01/12/2026'], 'ambiguous'],
    [['01/13/2026'], 'month-first'],
    [['12/12/2026', '11/12/2026'], 'ambiguous'],
    [['12/11/2026', '13/11/2026'], 'day-first'],
    [['11/12/2026', '11/13/2026'], 'month-first'],
    [['31/12/2026'], 'day-first'],
    [['12/31/2026'], 'month-first'],
  ])('%j → %s', (vs, expected) => {
    const d = detectColumn(values(...vs));
    expect(d.kind === 'numeric' ? d.order : d.kind).toBe(expected);
  });

  it('without dateFormat and without detection, a day/month date needs a format whatever its parts', () => {
    const parse = compileDateParser(undefined);
    for (const v of ['12/01/2026', '13/01/2026', '01/13/2026']) expect(parse(v)).toMatchObject({ isAmbiguous: true });
  });

  it.each([
    // [value, order, date | null]: month 12 is the last month, 13 none.
    ['12/01/2026', 'month-first', '2026-12-01'],
    ['13/01/2026', 'month-first', null],
    ['01/12/2026', 'day-first', '2026-12-01'],
    ['01/13/2026', 'day-first', null],
    ['00/01/2026', 'day-first', null],
    ['01/00/2026', 'day-first', null],
    ['31/01/2026', 'day-first', '2026-01-31'],
    ['32/01/2026', 'day-first', null],
    ['30/04/2026', 'day-first', '2026-04-30'],
    ['31/04/2026', 'day-first', null],
    ['01/01/1900', 'day-first', '1900-01-01'],
    ['31/12/1899', 'day-first', null],
    ['31/12/2199', 'day-first', '2199-12-31'],
    ['01/01/2200', 'day-first', null],
  ] as const)('%j read %s → %s', (value, order, date) => expect(readNumericDate(value, order)).toBe(date));

  it.each([
    // [value, date | null]: 24-hour times 0..23, 12-hour times 1..12, minutes and seconds 0..59.
    ['05.01.2026 00:00', '2026-01-05'],
    ['05.01.2026 23:59:59', '2026-01-05'],
    ['05.01.2026 24:00', null],
    ['05.01.2026 23:60', null],
    ['05.01.2026 23:59:60', null],
    ['05.01.2026 12:00 PM', '2026-01-05'],
    ['05.01.2026 1:00 AM', '2026-01-05'],
    ['05.01.2026 0:30 AM', null],
    ['05.01.2026 13:00 PM', null],
    ['05.01.2026 12:00 p.m.', '2026-01-05'],
  ] as const)('%j (day-first) → %s', (value, date) => expect(readNumericDate(value, 'day-first')).toBe(date));
});

describe('date reading is anchored at both ends', () => {
  it.each([
    'x2026-11-03', // text before an ISO date
    '12026-11-03', // a five-digit year
    '2026/11/03x', // text after a YYYY/MM/DD date
    '2026/11/3/4',
  ])('%j is not a date', (value) => {
    expect(isRejected(detect(value))).toBe(true);
  });

  it.each([
    ['2026/11/03T10:00', '2026-11-03'],
    ['2026/11/03 10:00', '2026-11-03'],
    ['2026-11-03T10:00', '2026-11-03'],
    ['0999-01-01', '0999-01-01'], // the year keeps its four digits
  ])('%j → %s', (value, date) => expect(detect(value)).toBe(date));

  it.each([
    '03/04/2026x', // a day/month date followed by text is no date at all, not an ambiguous one
    'x03/04/2026',
  ])('%j is rejected, not asked about', (value) => {
    expect(isRejected(detect(value))).toBe(true);
  });

  it.each(['03/04/2026', '03/04/2026 10:30', '03/04/2026T10:30', '03/04/2026, 10:30'])('%j is asked about', (value) => {
    expect(detect(value)).toEqual({ reason: `"${value}" could be day-first or month-first`, isAmbiguous: true });
  });

  it('a date that is not day/month is not ambiguous', () => {
    expect(detect('2026-13-05')).not.toHaveProperty('isAmbiguous');
    expect(detect('n/a')).not.toHaveProperty('isAmbiguous');
  });
});

describe('detectColumn labels only whole values', () => {
  const values = (...vs: string[]) => vs.map((value, i) => ({ value, line: i + 2 }));
  it.each([
    [['x2026-11-02'], null],
    [['2026-11-02x'], null],
    [['x2026-11-02 10:30'], null],
    [['2026-11-02 10:30x'], null],
    [['2026-11-02 10:30:5'], null],
    [['2026-11-02 10:30:55'], 'yyyy-MM-dd HH:mm'],
    [['x2026-11-02T10:30'], null],
    [['x2026/11/02'], null],
    [['2026/11/2'], 'yyyy/MM/dd'],
    [['x46329'], null],
    [['46329x'], null],
    [['46329.'], null],
    [['46329.5'], 'Excel serial'],
    // The most common kind names the column; the first of equals wins.
    [['2026-11-02', '46329', '46330'], 'Excel serial'],
    [['2026-11-02', '46329'], 'yyyy-MM-dd'],
  ])('%j → %j', (vs, format) => expect(detectColumn(values(...vs))).toEqual({ kind: 'plain', format }));

  it.each([
    'x03/04/2026',
    '03/04/2026x',
    '03/04/2026 10:3',
  ])('%j is not a day/month date', (value) => expect(detectColumn(values(value))).toEqual({ kind: 'plain', format: null }));
});

describe('detectColumn: the detected format', () => {
  const values = (...vs: string[]) => vs.map((value, i) => ({ value, line: i + 2 }));
  const format = (...vs: string[]) => {
    const d = detectColumn(values(...vs));
    return d.kind === 'numeric' ? d.format : d.kind;
  };
  it.each([
    // Padding is read per part: the day is padded here, the month is not.
    [['13/1/2026', '05/2/2026'], 'dd/M/yyyy'],
    [['1/13/2026', '2/05/2026'], 'M/dd/yyyy'],
    [['01/13/2026', '02/5/2026'], 'MM/d/yyyy'],
    // The separator most values use.
    [['13/01/2026', '14-01-2026', '15-01-2026'], 'dd-MM-yyyy'],
    [['13.01.2026', '14.01.2026', '15/01/2026'], 'dd.MM.yyyy'],
    // Seconds only when every timed value has them; a 12-hour clock when any value has AM/PM.
    [['13/01/2026 10:00:00', '14/01/2026 11:00'], 'dd/MM/yyyy HH:mm'],
    [['13/01/2026 9:00 am', '14/01/2026 11:00'], 'dd/MM/yyyy h:mm a'],
    [['13/01/2026 09:00 PM', '14/01/2026 11:00 AM'], 'dd/MM/yyyy hh:mm a'],
    [['13/01/2026 9:00', '14/01/2026 11:00'], 'dd/MM/yyyy H:mm'],
  ])('%j → %s', (vs, expected) => expect(format(...vs)).toBe(expected));

  it('dotted dates are day-first only when every such value is dotted', () => {
    expect(format('05.01.2026', '06.02.2026')).toBe('dd.MM.yyyy');
    expect(format('05.01.2026', '06/02/2026')).toBe('ambiguous');
  });

  it('skips blank values', () => {
    expect(detectColumn(values('  ', '13/01/2026', ''))).toEqual({ kind: 'numeric', order: 'day-first', format: 'dd/MM/yyyy' });
    expect(detectColumn(values('  '))).toEqual({ kind: 'plain', format: null });
  });

  it('reads a time without seconds as minutes, and lower-cases am/pm', () => {
    expect(readNumericDate('05.01.2026 23:59', 'day-first')).toBe('2026-01-05');
    expect(readNumericDate('05.01.2026 11:59 PM', 'day-first')).toBe('2026-01-05');
    expect(readNumericDate('05.01.2026 12:00 Am', 'day-first')).toBe('2026-01-05');
  });
});

describe('DateSample: when reading ahead stops', () => {
  /** Feeds records until the sample stops taking them; returns how many it took. */
  function feed(rows: (line: number) => unknown): number {
    const sample = new DateSample();
    let n = 0;
    while (n < DATE_SAMPLE_MAX + 10 && sample.take(rows(n + 2) as string[], n + 2)) n++;
    return n + 1;
  }

  it('a first part of 12 settles nothing; 13 does', () => {
    // 3/4/2026 until line 2999, 12/4/2026 until 3999, then 13/4/2026: the 13 settles it.
    expect(feed((line) => [line < 3000 ? '3/4/2026' : line < 4000 ? '12/4/2026' : '13/4/2026'])).toBe(3999);
    // And a second part of 12 the same way.
    expect(feed((line) => [line < 3000 ? '3/4/2026' : line < 4000 ? '4/12/2026' : '4/13/2026'])).toBe(3999);
  });

  it('reads values trimmed', () => {
    expect(feed((line) => [line < 3000 ? '3/4/2026' : ' 13/4/2026 '])).toBe(2999);
  });

  it('settles the order for the whole file: a value over 12 in one column decides every column written the same way', () => {
    // `when` is settled at once, and so is `meta.when`, written with the same separator: reading
    // stops after the first part.
    expect(feed(() => ({ when: '13/01/2026', meta: { when: '03/04/2026' } }))).toBe(DATE_SAMPLE);
    // Two top-level columns: `a` settles "/" on line 5, which settles `b` too.
    expect(feed((line) => ({ a: line === 5 ? '25/01/2026' : '03/01/2026', b: '03/04/2026' }))).toBe(DATE_SAMPLE);
  });

  it('does not look inside JSON arrays', () => {
    expect(feed(() => ({ owner: 'Ann', dates: ['03/04/2026'] }))).toBe(DATE_SAMPLE);
  });
});

describe('the spellings of dates and times read', () => {
  it.each([
    ['05.01.2026  14:30', 'day-first', '2026-01-05'], // two spaces before the time
    ['05.01.2026T14:30', 'day-first', '2026-01-05'],
    ['1/13/2026,2:30 PM', 'month-first', '2026-01-13'], // no space after the comma
    ['1/13/2026 2:30PM', 'month-first', '2026-01-13'], // none before PM
    ['05.01.2026 14:30:15.25', 'day-first', '2026-01-05'], // fractions of a second
  ] as const)('%j (%s) → %s', (value, order, date) => expect(readNumericDate(value, order)).toBe(date));

  it('labels a column by its one kind of value', () => {
    const values = (...vs: string[]) => vs.map((value, i) => ({ value, line: i + 2 }));
    expect(detectColumn(values('2026-11-02 10:30'))).toEqual({ kind: 'plain', format: 'yyyy-MM-dd HH:mm' });
    expect(detectColumn(values('46329.75'))).toEqual({ kind: 'plain', format: 'Excel serial' });
  });

  it('reads YYYY/MM/DD only from the start of the value', () => {
    expect(isRejected(detect('x2026/11/03'))).toBe(true);
  });
});
