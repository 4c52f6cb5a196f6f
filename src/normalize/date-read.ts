import type { DateStr } from '../engine/model.js';
import { readNumericDate } from './date-detect.js';
import { compileDateParser } from './dates.js';
import type { DateReading, MappedColumn } from './mapping.js';

// The JavaScript reader of one date column, compiled from its DateReading (the SQL compiler reads
// the same value in src/sql/dates.ts). A value it cannot read comes back as a value, never thrown.

/** Why a date cell cannot be read: the rejection's field, value and reason. */
export interface DateFailure {
  field: string;
  value: string;
  reason: string;
  /** A day/month date with no order to read it by: the file needs a dateFormat (see DateProblem). */
  isAmbiguous: boolean;
}

/** Reads one cell of a date column: the date, or why not. */
export type DateReader = (raw: string) => DateStr | DateFailure;

/**
 * Compiles the reader of `column` (as the source names it) for its reading:
 * - `format`: the source's dateFormat, whole; `auto`: ISO, YYYY/MM/DD, Excel serials (a day/month
 *   date is ambiguous);
 * - `day-month` / `flag-format`: values that fit the detected order (or the --date-format) are
 *   read so; others as `auto`, and one that still does not read is rejected naming the format it
 *   was expected in, and where that came from.
 */
export function compileDateReader(reading: DateReading, column: MappedColumn): DateReader {
  const parse = compileDateParser(reading.kind === 'format' ? reading.format : undefined);
  const plain: DateReader = (raw) => {
    const date = parse(raw);
    if (typeof date === 'string') return date;
    if (date.isAmbiguous) {
      const value = raw.trim();
      return { field: '', value, reason: `"${value}" could be day-first or month-first`, isAmbiguous: true };
    }
    return { field: column.name, value: raw, reason: `${date.reason} in column "${column.name}"`, isAmbiguous: false };
  };
  if (reading.kind === 'auto' || reading.kind === 'format') return plain;

  const name = column.name.trim();
  const expected = reading.kind === 'day-month' ? reading.label : reading.format;
  const given = reading.kind === 'day-month' ? reading.given : reading.flag;
  const by = given ? `given with ${given}` : 'detected from the file; set dateFormat if that is wrong';
  const first: (raw: string) => DateStr | null =
    reading.kind === 'day-month' ? (raw) => readNumericDate(raw, reading.order) : flagFormat(reading.format);
  return (raw) => {
    if (raw.trim() === '') return plain(raw);
    const date = first(raw);
    if (date !== null) return date;
    // ISO dates and Excel serials still read in a column of day/month dates.
    const other = parse(raw);
    if (typeof other === 'string') return other;
    return { field: name, value: raw, reason: `"${raw.trim()}" is not a date (expected ${expected}, ${by}) in column "${name}"`, isAmbiguous: false };
  };
}

function flagFormat(format: string): (raw: string) => DateStr | null {
  const parse = compileDateParser(format);
  return (raw) => {
    const date = parse(raw);
    return typeof date === 'string' ? date : null;
  };
}
