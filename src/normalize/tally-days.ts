import { addDaysStr, eachDate } from '../engine/dates.js';
import type { Calendar, DateStr } from '../engine/model.js';
import { isWorkingDay } from '../engine/workdays.js';

/**
 * What a tally row's date stands for, from the date column's header: `Week Of`, `Week Starting`,
 * `Week` → the seven days from it; `Week Ending`, `W/E` → the seven days up to it; anything
 * else (`Date`, `Day`) → that day alone.
 */
export type TallySpan = 'week-from' | 'week-to' | 'day';

export function tallySpan(dateHeader: string): TallySpan {
  const h = dateHeader.trim().toLowerCase();
  if (/week\s*-?\s*(?:end|ending|to)\b|^w\s*\/\s*e\b|^we$/.test(h)) return 'week-to';
  if (/week/.test(h)) return 'week-from';
  return 'day';
}

/** How tally counts are put on days: the team calendar, and the day nothing is put after. */
export interface TallyDays {
  calendar: Calendar;
  /** Days after as-of get no share (a week still under way is spread over its days so far); null: none. */
  asOf: DateStr | null;
}

/**
 * Spreads one tally row's count over the working days its date stands for, as whole numbers:
 * each day gets the count divided by the number of days, rounded down, and the remainder goes
 * one each to the earliest days (7 over five days: 2, 2, 1, 1, 1). Holidays and non-working
 * days get nothing; days after as-of get nothing. A span without such a day (a week of
 * holidays, a week entirely after as-of) keeps the whole count on the row's date.
 */
export function spreadCount(date: DateStr, count: number, span: TallySpan, days: TallyDays | null): [DateStr, number][] {
  if (span === 'day' || days === null) return [[date, count]];
  const start = span === 'week-from' ? date : addDaysStr(date, -6);
  const end = span === 'week-from' ? addDaysStr(date, 6) : date;
  const working: DateStr[] = [];
  for (const d of eachDate(start, end)) {
    if (days.asOf !== null && d > days.asOf) break;
    if (isWorkingDay(d, days.calendar)) working.push(d);
  }
  if (working.length === 0) return [[date, count]];
  const base = Math.floor(count / working.length);
  const extra = count - base * working.length;
  const out: [DateStr, number][] = [];
  working.forEach((d, i) => {
    const n = base + (i < extra ? 1 : 0);
    if (n > 0) out.push([d, n]);
  });
  return out;
}
