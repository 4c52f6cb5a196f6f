import { describe, expect, it } from 'vitest';
import { detectColumn, readNumericDate } from '../../src/normalize/date-detect.js';
import { AmbiguousDateError, compileDateParser } from '../../src/normalize/dates.js';

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
    for (const v of ['12/01/2026', '13/01/2026', '01/13/2026']) expect(() => parse(v)).toThrow(AmbiguousDateError);
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
