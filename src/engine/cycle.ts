import { addDaysStr, toDate } from './dates.js';
import type { Calendar, Counts, DateStr, Period, Ratios, StageId } from './model.js';
import { ceilNeeded } from './needed.js';
import { periodContaining, type GoalPeriodKind } from './periods.js';
import { dayNumber } from './day-counts.js';
import type { RepTally } from './tally.js';
import { countWorkingDays } from './workdays.js';

/** One close with a known creation date: the days the deal took. */
export interface CycleSample {
  /** The close event's date. */
  close: DateStr;
  /** Calendar days from the deal's creation to its close. */
  days: number;
}

/** How long the rep's deals take from creation to close, and what that means for the period. */
export interface Cycle {
  /** Median calendar days from created to close. */
  medianDays: number;
  /** How many closes the median rests on. */
  closes: number;
  /** `rep` when the rep has at least `MIN_CYCLE_CLOSES` of their own, else the team's. */
  basis: 'rep' | 'team';
  /** `as-of + medianDays` falls after the period end: new activity now mostly closes after it. */
  landsAfterPeriod: boolean;
  /** The deals already under way: the last stages before a close, counted over the last `medianDays` days. */
  underWay: { since: DateStr; counts: Counts };
}

/** Fewer closes with a created date than this, and the rep's cycle is the team's. */
export const MIN_CYCLE_CLOSES = 3;

/** How many stages before the goal stage count as deals under way (proposals and second meetings). */
const UNDER_WAY_STAGES = 2;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Calendar days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: DateStr, to: DateStr): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

/** The cycle days of the closes dated in [start, end]; a deal closed before it was created is left out. */
export function cycleDays(samples: readonly CycleSample[], start: DateStr, end: DateStr): number[] {
  return samples.filter((s) => s.close >= start && s.close <= end && s.days >= 0).map((s) => s.days);
}

/**
 * The rep's median days from created to close over their closes in the lookback, when they have at
 * least `MIN_CYCLE_CLOSES` with a created date; else the team's over the same window; null when the
 * team has none either.
 */
export function cycleOf(input: {
  repDays: readonly number[];
  teamDays: readonly number[];
  asOf: DateStr;
  periodEnd: DateStr;
  /** The rep's counts per day (every rep's, for the team), to count the deals under way. */
  tallies: readonly (RepTally | undefined)[];
  stages: readonly StageId[];
}): Cycle | null {
  const isOwn = input.repDays.length >= MIN_CYCLE_CLOSES;
  const days = isOwn ? input.repDays : input.teamDays;
  const medianDays = median(days);
  if (medianDays === null) return null;
  const since = addDaysStr(input.asOf, -Math.max(0, Math.ceil(medianDays) - 1));
  const underWayStages = input.stages.slice(Math.max(0, input.stages.length - 1 - UNDER_WAY_STAGES), input.stages.length - 1);
  const counts: Counts = {};
  for (const stage of underWayStages) {
    let n = 0;
    if (since <= input.asOf) {
      const from = dayNumber(since);
      const to = dayNumber(input.asOf);
      for (const tally of input.tallies) n += tally?.byStage.get(stage)?.sumIn(from, to) ?? 0;
    }
    counts[stage] = n;
  }
  return {
    medianDays,
    closes: days.length,
    basis: isOwn ? 'rep' : 'team',
    landsAfterPeriod: medianDays > daysBetween(input.asOf, input.periodEnd),
    underWay: { since, counts },
  };
}

/** The plan for the goal period after the current one. */
export interface NextPeriodPlan {
  label: string;
  start: DateStr;
  end: DateStr;
  /** The whole goal of that goal period; null when none is set. */
  goal: number | null;
  /** Working days of that period, after the rep's time off. */
  workingDays: number;
  stages: { stage: StageId; required: number | null; perWorkingDay: number | null }[];
}

/** The goal period after the one holding `referenceDay`. */
export function nextGoalPeriod(kind: GoalPeriodKind, referenceDay: DateStr, calendar: Calendar): Period {
  const current = periodContaining(kind, referenceDay, calendar);
  return periodContaining(kind, addDaysStr(current.end, 1), calendar);
}

/** `ceil(goal × ratio)` per stage over the next goal period, spread over its working days. */
export function nextPeriodPlan(next: Period, goal: number | null, ratios: Ratios, stages: readonly StageId[], calendar: Calendar): NextPeriodPlan {
  const workingDays = countWorkingDays(next.start, next.end, calendar);
  return {
    label: next.label,
    start: next.start,
    end: next.end,
    goal,
    workingDays,
    stages: stages.map((stage) => {
      const ratio = ratios[stage];
      const required = goal === null || ratio === null ? null : ceilNeeded(goal * ratio);
      return { stage, required, perWorkingDay: required === null || workingDays === 0 ? null : required / workingDays };
    }),
  };
}

/** Beyond this multiple of the rep's best week, a per-day need is not reachable by activity alone. */
export const BEYOND_HISTORY_FACTOR = 2;

/** The complete weeks of a lookback: from the first week start on or after its start, one every 7 days, up to as-of. */
export interface LookbackWeeks {
  /** Day number of the first week's first day. */
  from: number;
  /** Each week's working days, oldest first. */
  workingDays: number[];
}

/**
 * The complete weeks of the lookback (weeks that start on or after its start and end on or before
 * as-of). They depend on the calendar alone: a report works them out once for every rep without time off.
 */
export function lookbackWeeks(lookbackStart: DateStr, asOf: DateStr, calendar: Calendar): LookbackWeeks {
  let first = lookbackStart;
  while (toDate(first).getDay() !== calendar.weekStartsOn) first = addDaysStr(first, 1);
  const workingDays: number[] = [];
  for (let start = first; addDaysStr(start, 6) <= asOf; start = addDaysStr(start, 7)) {
    workingDays.push(countWorkingDays(start, addDaysStr(start, 6), calendar));
  }
  return { from: dayNumber(first), workingDays };
}

/**
 * The rep's best per-working-day rate of each stage over the complete weeks of the lookback (see
 * lookbackWeeks; `weeks` when worked out already); null when the rep did none of it in those weeks.
 */
export function bestDailyRates(
  rep: RepTally | undefined,
  stages: readonly StageId[],
  lookbackStart: DateStr,
  asOf: DateStr,
  calendar: Calendar,
  weeks: LookbackWeeks = lookbackWeeks(lookbackStart, asOf, calendar),
): Record<StageId, number | null> {
  const { from, workingDays } = weeks;
  const best: Record<StageId, number | null> = {};
  for (const stage of stages) {
    const perWeek = new Array<number>(workingDays.length).fill(0);
    if (workingDays.length > 0) {
      rep?.byStage.get(stage)?.forEachIn(from, from + 7 * workingDays.length - 1, (day, n) => {
        perWeek[Math.floor((day - from) / 7)] += n;
      });
    }
    // A stage the rep never did in these weeks says nothing about what they can do.
    let top: number | null = null;
    workingDays.forEach((days, i) => {
      if (days > 0 && perWeek[i] > 0) top = Math.max(top ?? 0, perWeek[i] / days);
    });
    best[stage] = top;
  }
  return best;
}

/** A per-day need far beyond the rep's own best week: `need > BEYOND_HISTORY_FACTOR × best`. */
export function isBeyondHistory(perWorkingDay: number | null, best: number | null): boolean {
  return perWorkingDay !== null && best !== null && perWorkingDay > 0 && perWorkingDay > BEYOND_HISTORY_FACTOR * best;
}
