import { addDaysStr, eachDate, isDateStr, maxDate } from '../dates.js';
import type { Calendar, DateRange, DateStr } from '../model.js';
import type { RepTally } from '../tally.js';
import { countWorkingDays } from '../workdays.js';

/** The team calendar with a rep's time off added to the holidays. */
export function repCalendar(calendar: Calendar, timeOff: readonly DateRange[]): Calendar {
  if (timeOff.length === 0) return calendar;
  const holidays = new Set(calendar.holidays);
  for (const range of timeOff) for (const d of eachDate(range.from, range.to)) holidays.add(d);
  return { ...calendar, holidays };
}

/** When a rep was last active, how long ago in their working days, and how much lookback history they have. */
export function activityOf(
  rep: RepTally | undefined,
  asOf: DateStr,
  lookbackStart: DateStr,
  calendar: Calendar,
): { lastActivity: DateStr | null; idleWorkingDays: number | null; historyWorkingDays: number } {
  let first: DateStr | null = null;
  let last: DateStr | null = null;
  for (const byDate of rep?.byStage.values() ?? []) {
    for (const [date, n] of byDate) {
      // Events after as-of count nowhere.
      if (n <= 0 || date > asOf) continue;
      if (first === null || date < first) first = date;
      if (last === null || date > last) last = date;
    }
  }
  if (first === null || last === null) return { lastActivity: null, idleWorkingDays: null, historyWorkingDays: 0 };
  return {
    lastActivity: last,
    idleWorkingDays: countWorkingDays(addDaysStr(last, 1), asOf, calendar),
    historyWorkingDays: countWorkingDays(maxDate(first, lookbackStart), asOf, calendar),
  };
}

/**
 * Reads `YYYY-MM-DD` (one day) or `YYYY-MM-DD..YYYY-MM-DD` (inclusive); the problem as text when
 * it is neither or runs backwards.
 */
export function parseDateRange(text: string): DateRange | string {
  const [from, to = from, ...rest] = text.trim().split('..');
  if (rest.length > 0 || !isDateStr(from) || !isDateStr(to)) {
    return `"${text}" is not a date or a range; write 2026-11-23 or 2026-11-23..2026-11-25`;
  }
  if (from > to) return `"${text}" ends before it starts`;
  return { from, to };
}
