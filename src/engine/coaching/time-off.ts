import { addDaysStr, eachDate, isDateStr, maxDate } from '../dates.js';
import type { Calendar, DateRange, DateStr } from '../model.js';
import { dayNumber, dayString } from '../day-counts.js';
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
  let firstDay: number | null = null;
  let lastDay: number | null = null;
  for (const byDay of rep?.byStage.values() ?? []) {
    // Events after as-of count nowhere.
    const span = byDay.activeSpan(dayNumber(asOf));
    if (!span) continue;
    if (firstDay === null || span.first < firstDay) firstDay = span.first;
    if (lastDay === null || span.last > lastDay) lastDay = span.last;
  }
  if (firstDay === null || lastDay === null) return { lastActivity: null, idleWorkingDays: null, historyWorkingDays: 0 };
  const first = dayString(firstDay);
  const last = dayString(lastDay);
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
