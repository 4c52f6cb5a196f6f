import { lookbackWindow, type GoalPeriodKind } from './periods.js';
import { countsIn, sumCountsIn, type Tally } from './tally.js';
import { neededFor, shortfallsOf } from './needed.js';
import { repRatios, teamRatios } from './ratios.js';
import { periodInfo } from './workdays.js';
import { activityOf, repCalendar } from './coaching/time-off.js';
import { coachRep, type RepCoaching } from './coaching/coach.js';
import { DEFAULT_DIAGNOSIS_OPTIONS, type DiagnosisOptions } from './coaching/diagnosis.js';
import type { PromptTemplate } from './prompts.js';
import { bestDailyRates, cycleDays, cycleOf, isBeyondHistory, lookbackWeeks, nextGoalPeriod, nextPeriodPlan } from './cycle.js';
import { fixedGoalBook, goalOf, shareCommitments, shareGoal, type GoalBook } from './goals.js';
import { activityWorth, hasReached, settleReached, statusOf } from './status.js';
import { decliningStages } from './decline.js';
import { ruleWeekSpans } from './trend.js';
import type { Calendar, DateRange, DateStr, EngineReport, Period, RepReport, StageId } from './model.js';

/** A rep named in the config or targets. */
export interface NamedRepInput {
  name: string;
  /** Goals and commitments by goal period; without one the rep has no goal. */
  book?: GoalBook;
  timeOff?: DateRange[];
  /** How the rep wants to be held to account. */
  checkIn?: string | null;
}

/** Everything the report depends on; the engine reads no files and no clock. */
export interface ReportInput {
  tally: Tally;
  /** Tracked stages, top of the funnel first; the last is the goal unit. */
  stages: { id: StageId; label: string }[];
  calendar: Calendar;
  asOf: DateStr;
  period: Period;
  lookbackDays: number;
  priorCloses: number;
  /** How long goals are set for (`goalPeriod`); default month. */
  goalPeriod?: GoalPeriodKind;
  /** Reps named in config or targets, by rep key. */
  namedReps: Map<string, NamedRepInput>;
  /** The prompt library and thresholds for the coaching fields. */
  coaching?: { library: readonly PromptTemplate[]; options?: DiagnosisOptions };
}

/** One rep of the report with its coaching fields. */
export type RepEntry = RepReport & RepCoaching;

/** The engine's report, every rep coached. */
export interface CoachedReport extends Omit<EngineReport, 'reps'> {
  reps: RepEntry[];
}

/** A rep of the report before its entry is built: the key it is tallied under and the name it is shown and sorted by. */
export interface RepRef {
  key: string;
  name: string;
}

/**
 * The report in two steps: first what rests on every rep (the team, its ratios and cycle, the
 * order of the reps), then each rep's entry on demand. An entry depends on the team and the rep
 * alone, so thousands of reps can be built, written and dropped one at a time.
 */
export interface ReportPlan {
  /** The report without its reps. */
  head: Omit<CoachedReport, 'reps'>;
  /** Every rep of the report, in the report's order (by name). */
  reps: RepRef[];
  /** The entry of one of `reps`; the same each time it is asked for. */
  entry: (rep: RepRef) => RepEntry;
}

/** The per-rep and team funnel: counts, ratios, goal share, needed activity, pace, status, cycle and coaching. */
export function buildReport(input: ReportInput): CoachedReport {
  const plan = planReport(input);
  return { ...plan.head, reps: plan.reps.map(plan.entry) };
}

/** The team and the order of the reps of buildReport, with each rep's entry left to build (see ReportPlan). */
export function planReport(input: ReportInput): ReportPlan {
  const { tally, calendar, asOf, priorCloses } = input;
  const kind = input.goalPeriod ?? 'month';
  const stageIds = input.stages.map((s) => s.id);
  const closeStage = stageIds[stageIds.length - 1];
  const period = { ...periodInfo(input.period, asOf, calendar), goalPeriod: kind };
  const lookback = lookbackWindow(asOf, input.lookbackDays);
  // Events after as-of count nowhere.
  const periodEnd = period.end < asOf ? period.end : asOf;

  const repKeys = new Set<string>(input.namedReps.keys());
  for (const key of tally.reps.keys()) {
    if (tally.hasEventsIn(key, period.start, periodEnd) || tally.hasEventsIn(key, lookback.start, lookback.end)) {
      repKeys.add(key);
    }
  }

  const teamCounts = sumCountsIn(tally.reps.values(), stageIds, period.start, periodEnd);
  const teamLookback = sumCountsIn(tally.reps.values(), stageIds, lookback.start, lookback.end);
  const team = { counts: teamCounts, lookbackCounts: teamLookback, ratios: teamRatios(teamLookback, stageIds, closeStage) };
  const teamCycleDays = [...tally.cycles.values()].flatMap((samples) => cycleDays(samples, lookback.start, lookback.end));
  const next = nextGoalPeriod(kind, periodEnd, calendar);
  const library = input.coaching?.library ?? [];
  const options = input.coaching?.options ?? DEFAULT_DIAGNOSIS_OPTIONS;
  // The weeks the best rates and the decline rule read depend on the calendar alone: worked out
  // once for every rep without time off, not per rep and stage.
  const weeks = { lookback: lookbackWeeks(lookback.start, asOf, calendar), rule: ruleWeekSpans(asOf, calendar) };

  const nextGoals: (number | null)[] = [];
  const reps: RepRef[] = [];
  for (const key of repKeys) {
    const named = input.namedReps.get(key);
    nextGoals.push(goalOf(named?.book ?? fixedGoalBook(null), next.label));
    reps.push({ key, name: named?.name ?? tally.reps.get(key)?.name ?? key });
  }
  reps.sort((a, b) => compareNames(a.name, b.name));

  const entry = ({ key, name }: RepRef): RepEntry => {
    const rep = tally.reps.get(key);
    const named = input.namedReps.get(key);
    const book = named?.book ?? fixedGoalBook(null);
    const timeOff = named?.timeOff ?? [];
    const ownCalendar = repCalendar(calendar, timeOff);
    // Time off shortens the rep's own period: pace and per-day need use these working days.
    const ownPeriod = timeOff.length === 0 ? period : periodInfo(input.period, asOf, ownCalendar);
    const counts = countsIn(rep, stageIds, period.start, periodEnd);
    const lookbackCounts = countsIn(rep, stageIds, lookback.start, lookback.end);
    const ratios = repRatios(lookbackCounts, team.ratios, stageIds, closeStage, priorCloses);
    const { goal, parts } = shareGoal(book, period, kind, calendar);
    const isReached = hasReached(goal, counts[closeStage] ?? 0);
    const open = neededFor(goal, ratios, counts, stageIds, ownPeriod);
    const needed = isReached ? settleReached(open) : open;
    const shortfalls = isReached ? [] : shortfallsOf(needed, stageIds);
    const ownWeeks = ownCalendar === calendar ? weeks : { lookback: undefined, rule: undefined };
    const best = bestDailyRates(rep, stageIds, lookback.start, asOf, ownCalendar, ownWeeks.lookback);
    const cycle = cycleOf({
      repDays: cycleDays(tally.cycles.get(key) ?? [], lookback.start, lookback.end),
      teamDays: teamCycleDays,
      asOf,
      periodEnd: period.end,
      tallies: [rep],
      stages: stageIds,
    });
    const report: RepReport = {
      rep: name,
      goal,
      goalParts: parts,
      status: statusOf(isReached, shortfalls),
      counts,
      lookbackCounts,
      ratios,
      rawRatios: repRatios(lookbackCounts, team.ratios, stageIds, closeStage, 0),
      needed,
      shortfalls,
      activityWorth: activityWorth(needed, ratios, stageIds),
      bestPerWorkingDay: best,
      beyondHistory: stageIds.filter((s) => s !== closeStage && isBeyondHistory(needed[s].perWorkingDay, best[s])),
      declining: decliningStages(rep ? [rep] : [], stageIds, asOf, ownCalendar, ownWeeks.rule),
      cycle,
      nextPeriod: cycle?.landsAfterPeriod ? nextPeriodPlan(next, goalOf(book, next.label), ratios, stageIds, ownCalendar) : null,
      bottleneck: null,
      prompts: [],
      timeOff,
      workingDays: {
        total: ownPeriod.workingDays,
        elapsed: ownPeriod.workingDaysElapsed,
        left: ownPeriod.workingDaysLeft,
        off: period.workingDays - ownPeriod.workingDays,
      },
      ...activityOf(rep, asOf, lookback.start, ownCalendar),
    };
    const plan = shareCommitments(book, parts, periodEnd, kind, calendar);
    const coaching = coachRep(report, {
      stages: input.stages,
      team,
      plan: { commitments: plan.commitments, commitmentsPer: plan.per, checkIn: named?.checkIn ?? null },
      library,
      workdaysPerWeek: calendar.workdays.size,
      options,
      asOf,
    });
    // Object.assign, not `{ ...report, ...coaching }`: in Node 20 that spread left garbage that
    // only a full collection frees, and a report built a rep at a time grew by tens of MB.
    return Object.assign({}, report, coaching);
  };

  // The team's cycle rests on every close with a created date; its next goal is the sum of the reps'.
  const teamCycle = cycleOf({ repDays: [], teamDays: teamCycleDays, asOf, periodEnd: period.end, tallies: [...tally.reps.values()], stages: stageIds });
  const nextGoal = nextGoals.some((g) => g !== null) ? nextGoals.reduce<number>((sum, g) => sum + (g ?? 0), 0) : null;
  const head = {
    asOf,
    period,
    lookback,
    stages: input.stages,
    team: {
      ...team,
      cycle: teamCycle,
      nextPeriod: teamCycle?.landsAfterPeriod ? nextPeriodPlan(next, nextGoal, team.ratios, stageIds, calendar) : null,
    },
  };
  return { head, reps, entry };
}

/** Case-insensitive name order, ties broken by code points so the order is total. */
export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
