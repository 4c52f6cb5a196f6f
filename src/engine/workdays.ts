import { eachDate, weekdayOf } from './dates.js';
import { WEEKDAYS, type Calendar, type DateStr, type Period, type PeriodInfo } from './model.js';

export function isWorkingDay(date: DateStr, calendar: Calendar): boolean {
  return calendar.workdays.has(WEEKDAYS[weekdayOf(date)]) && !calendar.holidays.has(date);
}

/** Working days in [start, end], inclusive; 0 when start > end. */
export function countWorkingDays(start: DateStr, end: DateStr, calendar: Calendar): number {
  let n = 0;
  for (const d of eachDate(start, end)) if (isWorkingDay(d, calendar)) n++;
  return n;
}

/** Working days in the period: in all, up to and including as-of, and after as-of. */
export function periodInfo(period: Period, asOf: DateStr, calendar: Calendar): PeriodInfo {
  let workingDays = 0;
  let workingDaysElapsed = 0;
  for (const d of eachDate(period.start, period.end)) {
    if (!isWorkingDay(d, calendar)) continue;
    workingDays++;
    if (d <= asOf) workingDaysElapsed++;
  }
  return { ...period, workingDays, workingDaysElapsed, workingDaysLeft: workingDays - workingDaysElapsed };
}
