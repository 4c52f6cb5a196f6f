import { lookbackWindow } from './periods.js';
import { countsIn, sumCounts, type Tally } from './tally.js';
import { neededFor, shortfallsOf } from './needed.js';
import { repRatios, teamRatios } from './ratios.js';
import { periodInfo } from './workdays.js';
import { activityOf, repCalendar } from './coaching/time-off.js';
import type { Calendar, DateRange, DateStr, EngineReport, Period, RepReport, StageId } from './model.js';

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
  /** Reps named in config or targets, by rep key, with their display name, goal and time off. */
  namedReps: Map<string, { name: string; goal: number | null; timeOff?: DateRange[] }>;
}

/** The per-rep and team funnel: counts, ratios, needed activity, pace and shortfalls. */
export function buildReport(input: ReportInput): EngineReport {
  const { tally, calendar, asOf, priorCloses } = input;
  const stageIds = input.stages.map((s) => s.id);
  const closeStage = stageIds[stageIds.length - 1];
  const period = periodInfo(input.period, asOf, calendar);
  const lookback = lookbackWindow(asOf, input.lookbackDays);
  // Events after as-of count nowhere.
  const periodEnd = period.end < asOf ? period.end : asOf;

  const repKeys = new Set<string>(input.namedReps.keys());
  for (const key of tally.reps.keys()) {
    if (tally.hasEventsIn(key, period.start, periodEnd) || tally.hasEventsIn(key, lookback.start, lookback.end)) {
      repKeys.add(key);
    }
  }

  const rows = [...repKeys].map((key) => {
    const rep = tally.reps.get(key);
    const named = input.namedReps.get(key);
    const timeOff = named?.timeOff ?? [];
    const ownCalendar = repCalendar(calendar, timeOff);
    return {
      name: named?.name ?? rep?.name ?? key,
      goal: named?.goal ?? null,
      counts: countsIn(rep, stageIds, period.start, periodEnd),
      lookbackCounts: countsIn(rep, stageIds, lookback.start, lookback.end),
      timeOff,
      // Time off shortens the rep's own period: pace and per-day need use these working days.
      period: timeOff.length === 0 ? period : periodInfo(input.period, asOf, ownCalendar),
      activity: activityOf(rep, asOf, lookback.start, ownCalendar),
    };
  });

  const teamCounts = sumCounts(
    [...tally.reps.values()].map((r) => countsIn(r, stageIds, period.start, periodEnd)),
    stageIds,
  );
  const teamLookback = sumCounts(
    [...tally.reps.values()].map((r) => countsIn(r, stageIds, lookback.start, lookback.end)),
    stageIds,
  );
  const team = { counts: teamCounts, lookbackCounts: teamLookback, ratios: teamRatios(teamLookback, stageIds, closeStage) };

  const reps: RepReport[] = rows
    .sort((a, b) => compareNames(a.name, b.name))
    .map((row) => {
      const ratios = repRatios(row.lookbackCounts, team.ratios, stageIds, closeStage, priorCloses);
      const needed = neededFor(row.goal, ratios, row.counts, stageIds, row.period);
      return {
        rep: row.name,
        goal: row.goal,
        counts: row.counts,
        lookbackCounts: row.lookbackCounts,
        ratios,
        rawRatios: repRatios(row.lookbackCounts, team.ratios, stageIds, closeStage, 0),
        needed,
        shortfalls: shortfallsOf(needed, stageIds),
        bottleneck: null,
        prompts: [],
        timeOff: row.timeOff,
        workingDays: {
          total: row.period.workingDays,
          elapsed: row.period.workingDaysElapsed,
          left: row.period.workingDaysLeft,
          off: period.workingDays - row.period.workingDays,
        },
        ...row.activity,
      };
    });

  return { asOf, period, lookback, stages: input.stages, team, reps };
}

/** Case-insensitive name order, ties broken by code points so the order is total. */
export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
