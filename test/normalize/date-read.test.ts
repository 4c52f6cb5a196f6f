import { describe, expect, it } from 'vitest';
import { compileDateReader } from '../../src/normalize/date-read.js';
import type { DateReading } from '../../src/normalize/mapping.js';

// The reader of one date column, for each kind of DateReading, and the rejection reasons it gives.

const column = (name: string) => ({ name, column: name.trim(), key: 'sources[0].columns.date' });
const read = (reading: DateReading, raw: string, name = 'Close Date') => compileDateReader(reading, column(name))(raw);

describe('compileDateReader', () => {
  it("format: the source's dateFormat, whole; the reason names it", () => {
    const format: DateReading = { kind: 'format', format: 'dd.MM.yyyy' };
    expect(read(format, '02.03.2026')).toBe('2026-03-02');
    // An ISO date is no dd.MM.yyyy date.
    expect(read(format, '2026-03-02')).toEqual({
      field: 'Close Date',
      value: '2026-03-02',
      reason: '"2026-03-02" is not a date (expected dateFormat "dd.MM.yyyy") in column "Close Date"',
      isAmbiguous: false,
    });
  });

  it('day-month: values in the order read so, ISO dates and serials as auto; a rejection names the column trimmed and the raw value', () => {
    const dm: DateReading = { kind: 'day-month', order: 'day-first', label: 'dd/MM/yyyy' };
    expect(read(dm, '03/04/2026', ' Close Date ')).toBe('2026-04-03');
    expect(read(dm, '2026-04-03', ' Close Date ')).toBe('2026-04-03');
    expect(read(dm, ' 31/02/2026 ', ' Close Date ')).toEqual({
      field: 'Close Date',
      value: ' 31/02/2026 ',
      reason: '"31/02/2026" is not a date (expected dd/MM/yyyy, detected from the file; set dateFormat if that is wrong) in column "Close Date"',
      isAmbiguous: false,
    });
  });

  it('day-month given on the command line: the rejection names the flag', () => {
    const given: DateReading = { kind: 'day-month', order: 'month-first', label: 'MM/dd/yyyy', given: '--date-format MM/dd/yyyy' };
    expect(read(given, '04/03/2026')).toBe('2026-04-03');
    expect(read(given, '13/01/2026')).toMatchObject({
      reason: '"13/01/2026" is not a date (expected MM/dd/yyyy, given with --date-format MM/dd/yyyy) in column "Close Date"',
    });
  });

  it('flag-format: values that fit the flag read with it, ISO dates still read as auto, others name the flag', () => {
    const flag: DateReading = { kind: 'flag-format', format: 'd/M/yyyy', flag: '--date-format d/M/yyyy' };
    expect(read(flag, '3/4/2026')).toBe('2026-04-03');
    expect(read(flag, '2026-03-02')).toBe('2026-03-02');
    expect(read(flag, '46000')).toBe('2025-12-09');
    expect(read(flag, 'soon')).toEqual({
      field: 'Close Date',
      value: 'soon',
      reason: '"soon" is not a date (expected d/M/yyyy, given with --date-format d/M/yyyy) in column "Close Date"',
      isAmbiguous: false,
    });
  });

  it('an empty cell: "the date is empty", whatever the reading', () => {
    for (const reading of [
      { kind: 'auto' },
      { kind: 'format', format: 'dd.MM.yyyy' },
      { kind: 'day-month', order: 'day-first', label: 'dd/MM/yyyy' },
      { kind: 'flag-format', format: 'd/M/yyyy', flag: '--date-format d/M/yyyy' },
    ] as DateReading[]) {
      expect(read(reading, '  ')).toEqual({ field: 'Close Date', value: '  ', reason: 'the date is empty in column "Close Date"', isAmbiguous: false });
    }
  });
});
