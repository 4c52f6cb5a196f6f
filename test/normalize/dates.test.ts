import { format as formatDate } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { describe, expect, it } from 'vitest';
import { compileDateParser, excelSerialToDate, isoDigits, splitAtTime } from '../../src/normalize/dates.js';
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

describe('date-time formats, read by their date and time parts', () => {
  it.each([
    ['M/d/yyyy h:mm a', { date: 'M/d/yyyy', sep: ' ', time: 'h:mm a' }],
    ['dd.MM.yyyy HH:mm', { date: 'dd.MM.yyyy', sep: ' ', time: 'HH:mm' }],
    ["yyyy-MM-dd'T'HH:mm:ss", { date: 'yyyy-MM-dd', sep: 'T', time: 'HH:mm:ss' }],
    ['d/M/yyyy, H:mm', { date: 'd/M/yyyy', sep: ', ', time: 'H:mm' }],
    ["dd/MM/yyyy 'at' HH:mm", { date: 'dd/MM/yyyy', sep: ' at ', time: 'HH:mm' }],
    // Read whole: no time; a zone (it can move the date); a month name; a time first; a date
    // whose own literals hold the separator; a separator with a digit.
    ['dd/MM/yyyy', null],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", null],
    ['MMM d, yyyy h:mm a', null],
    ['HH:mm dd.MM.yyyy', null],
    ['d M yyyy HH:mm', null],
    ["yyyy-MM-dd'1'HH:mm", null],
  ])('%s → %j', (format, split) => expect(splitAtTime(format)).toEqual(split));

  // The reference: date-fns reading the value whole, as a format that is not split is read.
  const whole = (format: string, raw: string) => {
    const value = raw.trim();
    if (value === '') return { reason: 'the date is empty' };
    const d = parse(value, format, new Date(2000, 0, 1));
    const year = d.getFullYear();
    if (!isValid(d) || year < 1900 || year > 2199) return { reason: `"${value}" is not a date (expected dateFormat "${format}")` };
    return formatDate(d, 'yyyy-MM-dd');
  };
  const FORMATS = [
    'M/d/yyyy h:mm a',
    'd/M/yyyy h:mm a',
    'MM-dd-yyyy hh:mm:ss a',
    'yyyy-MM-dd HH:mm',
    "yyyy-MM-dd'T'HH:mm:ss",
    'yyyy-MM-dd HH:mm:ss.SSS',
    'dd.MM.yyyy H:mm',
    'd/M/yyyy, H:mm',
    'M/d/yy h:mm a',
    'yyyy/M/d k:mm',
    "yyyy-MM-dd'T'HH:mm:ssXXX",
  ];
  const SEEDS = Number(process.env.FUNNEL_DATE_SEEDS ?? 2000);

  it(`agree with the format read whole on ${SEEDS} values per format, valid, mangled and near midnight`, () => {
    const next = rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const alphabet = [...'0123456789', ' ', ' ', ':', '/', '.', '-', ',', 'T', 'A', 'P', 'M', 'a', 'm', '\t', 'Z', '+'];
    let split = 0;
    for (const format of FORMATS) {
      const read = compileDateParser(format);
      if (splitAtTime(format)) split++;
      let dates = 0;
      for (let i = 0; i < SEEDS; i++) {
        const at = new Date(1890 + Math.floor(next() * 330), Math.floor(next() * 12), 1 + Math.floor(next() * 31), pick([0, 0, 1, 11, 12, 13, 23, 23]), Math.floor(next() * 60), Math.floor(next() * 60), Math.floor(next() * 1000));
        let value = formatDate(at, format.replace('XXX', "'Z'"));
        if (format.endsWith('XXX')) value = value.slice(0, -1) + pick(['Z', '+05:30', '-05:00', '+14:00', '-12:00', '+00:00']);
        const chars = [...value];
        for (let k = next() < 0.5 ? 0 : 1 + Math.floor(next() * 2); k > 0; k--) {
          const p = Math.floor(next() * (chars.length + 1));
          const r = next();
          if (r < 0.4) chars[p] = pick(alphabet);
          else if (r < 0.7) chars.splice(p, 0, pick(alphabet));
          else chars.splice(p, 1);
        }
        const raw = chars.join('');
        const expected = whole(format, raw);
        if (typeof expected === 'string') dates++;
        expect(read(raw), `${format}: ${JSON.stringify(raw)}`).toEqual(expected);
        // Read again: what is kept gives the same answer.
        expect(read(raw)).toEqual(expected);
      }
      expect(dates, format).toBeGreaterThan(SEEDS / 3);
    }
    expect(split).toBe(FORMATS.length - 1);
  });
});
