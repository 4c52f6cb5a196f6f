import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addWeeks } from 'date-fns/addWeeks';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { getQuarter } from 'date-fns/getQuarter';
import { setISOWeek } from 'date-fns/setISOWeek';
import { startOfISOWeekYear } from 'date-fns/startOfISOWeekYear';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfWeek } from 'date-fns/startOfWeek';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { isDateStr, localDate, toDate, toDateStr } from './dates.js';
import type { Calendar, DateStr, Period } from './model.js';
import { RELATIVE_PERIODS, type RelativePeriod } from './period-forms.js';

export { PERIOD_FORMS } from './period-forms.js';

export class PeriodError extends Error {}

function monthPeriod(d: Date): Period {
  const start = startOfMonth(d);
  return { label: toDateStr(start).slice(0, 7), start: toDateStr(start), end: toDateStr(endOfMonth(d)) };
}

function quarterPeriod(d: Date): Period {
  const start = startOfQuarter(d);
  return {
    label: `${toDateStr(start).slice(0, 4)}-Q${getQuarter(start)}`,
    start: toDateStr(start),
    end: toDateStr(endOfQuarter(d)),
  };
}

function weekPeriod(d: Date, calendar: Calendar): Period {
  const start = startOfWeek(d, { weekStartsOn: calendar.weekStartsOn });
  return weekFrom(start, calendar);
}

/** Weeks starting on Monday carry their ISO label (`2026-W47`); others are labelled by their dates. */
function weekFrom(start: Date, calendar: Calendar): Period {
  const startStr = toDateStr(start);
  const end = toDateStr(addDays(start, 6));
  if (calendar.weekStartsOn !== 1) return { label: `${startStr}..${end}`, start: startStr, end };
  // The ISO week year is the year of the week's Thursday.
  const thursday = addDays(start, 3);
  const isoYearStart = startOfISOWeekYear(thursday);
  const week = Math.round((start.getTime() - isoYearStart.getTime()) / (7 * 86400000)) + 1;
  return { label: `${toDateStr(thursday).slice(0, 4)}-W${String(week).padStart(2, '0')}`, start: startStr, end };
}

/** How each relative period is found from as-of; the compiler asks for one per form listed. */
const RELATIVE: Record<RelativePeriod, (today: Date, calendar: Calendar) => Period> = {
  'this-week': (today, calendar) => weekPeriod(today, calendar),
  'last-week': (today, calendar) => weekPeriod(addWeeks(today, -1), calendar),
  'this-month': (today) => monthPeriod(today),
  'last-month': (today) => monthPeriod(addMonths(today, -1)),
  'this-quarter': (today) => quarterPeriod(today),
  'last-quarter': (today) => quarterPeriod(addQuarters(today, -1)),
};

function isRelative(text: string): text is RelativePeriod {
  return (RELATIVE_PERIODS as readonly string[]).includes(text);
}

/**
 * Resolves a period expression relative to `asOf`.
 * `YYYY-Www` is the ISO 8601 week; when weeks start on another day, the week starts on
 * that day on or before the ISO week's Monday.
 */
export function resolvePeriod(expr: string, asOf: DateStr, calendar: Calendar): Period {
  const today = toDate(asOf);
  const text = expr.trim().toLowerCase();
  if (isRelative(text)) return RELATIVE[text](today, calendar);

  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new PeriodError(`"${expr}" has no month ${m[2]}`);
    return monthPeriod(localDate(Number(m[1]), month - 1, 1));
  }
  m = /^(\d{4})-q([1-4])$/.exec(text);
  if (m) return quarterPeriod(localDate(Number(m[1]), (Number(m[2]) - 1) * 3, 1));
  m = /^(\d{4})-w(\d{2})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    const jan4 = localDate(year, 0, 4);
    if (week < 1 || week > getISOWeeksInYear(jan4)) throw new PeriodError(`${year} has no ISO week ${week}`);
    const monday = setISOWeek(startOfISOWeekYear(jan4), week);
    return weekFrom(startOfWeek(monday, { weekStartsOn: calendar.weekStartsOn }), calendar);
  }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m) {
    const [, start, end] = m;
    for (const d of [start, end]) if (!isDateStr(d)) throw new PeriodError(`"${d}" is not a calendar date`);
    if (start > end) throw new PeriodError(`the range starts (${start}) after it ends (${end})`);
    return { label: `${start}..${end}`, start, end };
  }
  throw new PeriodError(`"${expr}" is not a period`);
}

/** Lookback window of `days` days ending on (and including) as-of. */
export function lookbackWindow(asOf: DateStr, days: number): { start: DateStr; end: DateStr } {
  return { start: toDateStr(addDays(toDate(asOf), -(days - 1))), end: asOf };
}


/** How long a goal is set for (`goalPeriod` in the config). */
export type GoalPeriodKind = 'week' | 'month' | 'quarter';

/** The week, month or quarter holding `date`; weeks follow the calendar's first weekday. */
export function periodContaining(kind: GoalPeriodKind, date: DateStr, calendar: Calendar): Period {
  const d = toDate(date);
  if (kind === 'week') return weekPeriod(d, calendar);
  return kind === 'month' ? monthPeriod(d) : quarterPeriod(d);
}

/** Every goal period that overlaps [period.start, period.end], in date order. */
export function periodsOverlapping(kind: GoalPeriodKind, period: Period, calendar: Calendar): Period[] {
  const found: Period[] = [];
  let at = period.start;
  while (at <= period.end) {
    const q = periodContaining(kind, at, calendar);
    found.push(q);
    at = toDateStr(addDays(toDate(q.end), 1));
  }
  return found;
}
