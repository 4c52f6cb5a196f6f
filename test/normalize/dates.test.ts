import { describe, expect, it } from 'vitest';
import { compileDateParser, excelSerialToDate, isoDigits } from '../../src/normalize/dates.js';
import { rng } from '../random.js';

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

describe('ISO cells, kept by their digits', () => {
  // The answer for a cell starting YYYY-MM-DD is kept under the number YYYYMMDD. That is right only
  // where the general path (trim, then the ISO date part) reads those same ten characters.
  const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
  const generalValue = (raw: string) => {
    const trimmed = raw.trim();
    return trimmed.length > 10 && ISO.test(trimmed) ? trimmed.slice(0, 10) : trimmed;
  };

  it.each([
    ['2026-05-21', 20260521],
    ['2026-05-21 13:58', 20260521],
    ['2026-05-21T13:58:00Z', 20260521],
    ['2026-05-21 ', 20260521],
    ['0001-01-01', 10101],
    ['2026-13-45 10:00', 20261345],
    [' 2026-05-21', -1],
    ['2026-05-21\t', -1],
    ['2026-05-21x', -1],
    ['2026-5-21', -1],
    ['2026/05/21', -1],
    ['２０２６-05-21', -1],
    ['2026-05-2', -1],
    ['', -1],
  ])('%j → %i', (raw, digits) => expect(isoDigits(raw)).toBe(digits));

  it('where it takes a cell, the general path reads the same date part; every answer is the same', () => {
    const next = rng(5);
    const alphabet = ['0', '1', '2', '9', '-', '-', 'T', ' ', '\t', 'x', '/', '\u00a0'];
    const cells: string[] = [];
    for (let i = 0; i < 20000; i++) {
      // Mostly near-ISO text: a real date with a character or two changed, cut or extended.
      const chars = [...'2026-05-21 13:58'.slice(0, 8 + Math.floor(next() * 9))];
      for (let k = Math.floor(next() * 3); k > 0; k--) chars[Math.floor(next() * chars.length)] = alphabet[Math.floor(next() * alphabet.length)];
      cells.push(chars.join(''));
    }
    let taken = 0;
    for (const raw of cells) {
      const digits = isoDigits(raw);
      if (digits < 0) continue;
      taken++;
      const value = generalValue(raw);
      expect(value, JSON.stringify(raw)).toBe(raw.slice(0, 10));
      expect(digits).toBe(Number(value.replaceAll('-', '')));
    }
    expect(taken).toBeGreaterThan(2000);
    // And the parser gives each cell the answer a fresh parser gives it (no answer kept under the wrong key).
    const parse = compileDateParser(undefined);
    for (const raw of cells) expect(parse(raw), JSON.stringify(raw)).toEqual(compileDateParser(undefined)(raw));
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
