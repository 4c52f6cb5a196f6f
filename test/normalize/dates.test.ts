import { describe, expect, it } from 'vitest';
import { compileDateParser, excelSerialToDate } from '../../src/normalize/dates.js';

describe('dates without dateFormat', () => {
  const parse = compileDateParser(undefined);
  it.each([
    ['2026-11-03', '2026-11-03'],
    // The calendar date as written, whatever the time or zone.
    ['2026-11-03T23:30:00-05:00', '2026-11-03'],
    ['2026-11-03T01:30:00Z', '2026-11-03'],
    ['2026-11-03 10:30', '2026-11-03'],
    [' 2026-11-03 ', '2026-11-03'],
    ['2026/11/03', '2026-11-03'],
    ['2028-02-29', '2028-02-29'],
    // Excel serials: 45292 is 2024-01-01, so 45963 (671 days later) is 2025-11-02;
    // the fraction is the time of day.
    ['45963', '2025-11-02'],
    ['46329.75', '2026-11-03'],
  ])('%j → %s', (value, date) => expect(parse(value)).toBe(date));

  it.each([
    ['2026-02-30', 'a real calendar date'],
    ['2027-02-29', 'a real calendar date'],
    ['tomorrow', 'expected YYYY-MM-DD, or set dateFormat'],
    ['#VALUE!', 'is not a date'],
    ['', 'the date is empty'],
    // A four-digit number is not taken for an Excel serial.
    ['2026', 'is not a date'],
  ])('%j is rejected (%s)', (value, reason) => {
    const got = parse(value);
    expect(typeof got).toBe('object');
    expect((got as { reason: string }).reason).toContain(reason);
  });

  it.each(['03/04/2026', '3.4.2026', '03-04-2026 10:30'])('%j needs a dateFormat: an ambiguous problem, returned (never thrown)', (value) => {
    expect(parse(value)).toEqual({ reason: `"${value}" could be day-first or month-first`, isAmbiguous: true });
  });
});

describe('dates with dateFormat', () => {
  it.each([
    ['dd/MM/yyyy', '03/04/2026', '2026-04-03'],
    ['MM/dd/yyyy', '03/04/2026', '2026-03-04'],
    ['M/d/yyyy', '1/5/2026', '2026-01-05'],
    ['dd.MM.yyyy HH:mm', '21.06.2024 15:30', '2024-06-21'],
    ['yyyy-MM-dd HH:mm', '2026-09-14 10:32', '2026-09-14'],
  ])('%s reads %j as %s', (format, value, date) => {
    expect(compileDateParser(format)(value)).toBe(date);
  });

  it.each([
    ['dd/MM/yyyy', '31/02/2026'],
    // yyyy is exactly four digits.
    ['dd/MM/yyyy', '03/04/26'],
    ['dd/MM/yyyy', '03/04/20266'],
    // The value must match the format whole.
    ['dd/MM/yyyy', '03/04/2026 10:30'],
    ['dd.MM.yyyy HH:mm', '21.06.2024'],
  ])('%s rejects %j, naming the format', (format, value) => {
    const got = compileDateParser(format)(value) as { reason: string };
    expect(got.reason).toBe(`"${value}" is not a date (expected dateFormat "${format}")`);
  });
});

describe('excelSerialToDate', () => {
  it.each([
    [45292.5, '2024-01-01'],
    [10000, '1927-05-18'],
    [99999, '2173-10-13'],
  ])('%d → %s', (serial, date) => expect(excelSerialToDate(serial)).toBe(date));
});

describe('compileDateParser: the reason names what was expected', () => {
  it.each([
    ['dd.MM.yyyy', '2026-03-02', '"2026-03-02" is not a date (expected dateFormat "dd.MM.yyyy")'],
    [undefined, 'soon', '"soon" is not a date (expected YYYY-MM-DD, or set dateFormat)'],
    [undefined, '2026-02-30', '"2026-02-30" is not a date (expected a real calendar date)'],
  ])('dateFormat %j, %j → %s', (format, value, reason) => {
    expect(compileDateParser(format)(value)).toEqual({ reason });
  });
});
