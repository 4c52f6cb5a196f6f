import { addDaysStr, toDate, toDateStr } from '../engine/dates.js';
import type { Calendar, Counts, DateStr } from '../engine/model.js';
import { countsIn, sumCounts } from '../engine/tally.js';
import { countWorkingDays } from '../engine/workdays.js';
import { repCalendar } from '../engine/coaching/time-off.js';
import { startOfWeek } from 'date-fns/startOfWeek';
import { textKey } from '../text.js';
import type { PreparedRun } from './prepare.js';
import type { RangeCounts, WeeklyActivity } from '../model/weekly.js';

// Counts by week, for the HTML sparklines and the e-mail digest's week-on-week comparison.
// Read from the run's tally: no second pass over the input.

/** First day of the week holding `date`. */
export function weekStart(date: DateStr, calendar: Calendar): DateStr {
  return toDateStr(startOfWeek(toDate(date), { weekStartsOn: calendar.weekStartsOn }));
}

/** The day a run's weekly numbers end on: as-of, or the period's end when that comes first. */
export function referenceDay(run: Pick<PreparedRun, 'asOf' | 'period'>): DateStr {
  return run.period.end < run.asOf ? run.period.end : run.asOf;
}

/** Counts in [start, end] for the team and for each rep named in `reps`. */
export function countsInRange(run: PreparedRun, reps: readonly string[], start: DateStr, end: DateStr): RangeCounts {
  const stages = run.stages.map((s) => s.id);
  const byRep: Record<string, Counts> = {};
  for (const name of reps) {
    const key = run.data.reps.resolve(name)?.key ?? textKey(name);
    byRep[name] = countsIn(run.data.tally.reps.get(key), stages, start, end);
  }
  const team = sumCounts([...run.data.tally.reps.values()].map((r) => countsIn(r, stages, start, end)), stages);
  return { start, end, team, reps: byRep };
}

/**
 * The last `weeks` weeks up to the reference day, for the first stage. The last week is cut at
 * the reference day, so its count is what was done so far.
 */
export function weeklyActivity(run: PreparedRun, reps: readonly string[], weeks = 8): WeeklyActivity {
  const stage = run.stages[0].id;
  const ref = referenceDay(run);
  const lastStart = weekStart(ref, run.calendar);
  const ranges: { start: DateStr; end: DateStr }[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const start = addDaysStr(lastStart, -7 * i);
    ranges.push({ start, end: addDaysStr(start, 6) });
  }
  const counted = ranges.map((w) => countsInRange(run, reps, w.start, w.end < ref ? w.end : ref));
  const days = (calendar: Calendar) => ranges.map((w) => countWorkingDays(w.start, w.end < ref ? w.end : ref, calendar));
  const ownCalendar = (name: string) => repCalendar(run.calendar, run.named.get(run.data.reps.resolve(name)?.key ?? textKey(name))?.timeOff ?? []);
  return {
    stage,
    weeks: ranges,
    isLastPartial: ranges[ranges.length - 1].end > ref,
    team: counted.map((c) => c.team[stage] ?? 0),
    reps: Object.fromEntries(reps.map((name) => [name, counted.map((c) => c.reps[name][stage] ?? 0)])),
    teamWorkingDays: days(run.calendar),
    repWorkingDays: Object.fromEntries(reps.map((name) => [name, days(ownCalendar(name))])),
  };
}
