import { dayNumber, dayString } from './day-counts.js';
import { weekdayOf } from './dates.js';
import { WEEKDAYS, type Calendar, type DateStr, type Period, type PeriodInfo } from './model.js';

export function isWorkingDay(date: DateStr, calendar: Calendar): boolean {
  return calendar.workdays.has(WEEKDAYS[weekdayOf(date)]) && !calendar.holidays.has(date);
}

/** Working days in [start, end], inclusive; 0 when start > end. */
export function countWorkingDays(start: DateStr, end: DateStr, calendar: Calendar): number {
  return end < start ? 0 : countWorkingDayNumbers(dayNumber(start), dayNumber(end), calendar);
}

/** Working days in the period: in all, up to and including as-of, and after as-of. */
export function periodInfo(period: Period, asOf: DateStr, calendar: Calendar): PeriodInfo {
  const from = dayNumber(period.start);
  const to = dayNumber(period.end);
  const workingDays = period.end < period.start ? 0 : countWorkingDayNumbers(from, to, calendar);
  const elapsedEnd = Math.min(to, dayNumber(asOf));
  const workingDaysElapsed = elapsedEnd < from ? 0 : countWorkingDayNumbers(from, elapsedEnd, calendar);
  return { ...period, workingDays, workingDaysElapsed, workingDaysLeft: workingDays - workingDaysElapsed };
}

// Counted on day numbers: the engine asks this for every rep and week, and Date objects per day
// made it most of a many-rep report's time.
function countWorkingDayNumbers(from: number, to: number, calendar: Calendar): number {
  const isWorkday = WEEKDAYS.map((w) => calendar.workdays.has(w));
  const hasHolidays = calendar.holidays.size > 0;
  let n = 0;
  for (let d = from; d <= to; d++) {
    // Day 0, 1970-01-01, was a Thursday (4).
    if (isWorkday[(((d + 4) % 7) + 7) % 7] && !(hasHolidays && calendar.holidays.has(dayString(d)))) n++;
  }
  return n;
}
