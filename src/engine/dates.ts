import { addDays } from 'date-fns/addDays';
import { getDay } from 'date-fns/getDay';
import type { DateStr } from './model.js';

// Dates are handled as local-midnight Date objects only inside this module's helpers;
// everything crossing module boundaries is a `YYYY-MM-DD` string.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Local midnight of a calendar date, `monthIndex` 0-11 (overflow rolls over, as in `new Date`).
 * `new Date(y, m, d)` reads years 0-99 as 1900-1999; setFullYear takes the year as given.
 */
export function localDate(year: number, monthIndex: number, day: number): Date {
  const d = new Date(2000, 0, 1);
  d.setFullYear(year, monthIndex, day);
  return d;
}

/** Days in a month, month 1-12. */
export function daysInMonth(year: number, month: number): number {
  return localDate(year, month, 0).getDate();
}

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isDateStr(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** `YYYY-MM-DD` → local-midnight Date. The caller guarantees a valid string. */
export function toDate(s: DateStr): Date {
  return localDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
}

/** Local calendar date of `d`, written `YYYY-MM-DD`. */
export function toDateStr(d: Date): DateStr {
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDaysStr(s: DateStr, days: number): DateStr {
  return toDateStr(addDays(toDate(s), days));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(s: DateStr): number {
  return getDay(toDate(s));
}

/** Every date from `start` to `end`, inclusive; empty when start > end. */
export function* eachDate(start: DateStr, end: DateStr): Generator<DateStr> {
  let d = toDate(start);
  const last = toDate(end);
  while (d <= last) {
    yield toDateStr(d);
    d = addDays(d, 1);
  }
}

export function minDate(a: DateStr, b: DateStr): DateStr {
  return a < b ? a : b;
}

export function maxDate(a: DateStr, b: DateStr): DateStr {
  return a > b ? a : b;
}
