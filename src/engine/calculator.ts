import { neededFor, shortfallsOf } from './needed.js';
import { hasReached, settleReached, statusOf, type RepStatus } from './status.js';
import type { Counts, PeriodInfo, Ratios, StageId } from './model.js';

/** One stage of `funnel needed`. */
export interface NeededStage {
  stage: StageId;
  perClose: number | null;
  required: number | null;
  done: number;
  remaining: number | null;
  perWorkingDay: number | null;
  perWeek: number | null;
  projected: number | null;
}

/**
 * Reverse funnel: activity per stage for `goal` closes, from ratios (activity per close) and what
 * is done. A goal already reached leaves nothing to do: remaining and per day are 0.
 */
export function neededStages(
  goal: number,
  ratios: Ratios,
  done: Counts,
  stages: readonly StageId[],
  period: PeriodInfo,
  workdaysPerWeek: number,
): NeededStage[] {
  const open = neededFor(goal, ratios, done, stages, period);
  const needed = hasReached(goal, done[stages[stages.length - 1]] ?? 0) ? settleReached(open) : open;
  return stages.map((stage) => {
    const n = needed[stage];
    return {
      stage,
      perClose: ratios[stage],
      required: n.required,
      done: n.done,
      remaining: n.remaining,
      perWorkingDay: n.perWorkingDay,
      perWeek: n.perWorkingDay === null ? null : n.perWorkingDay * workdaysPerWeek,
      projected: n.projected,
    };
  });
}

/** `reached`, else the severity of the worst stage projected below its need, as in the report. */
export function neededStatus(goal: number, rows: readonly NeededStage[]): RepStatus {
  const stages = rows.map((r) => r.stage);
  const isReached = hasReached(goal, rows[rows.length - 1]?.done ?? 0);
  const needed = Object.fromEntries(rows.map((r) => [r.stage, { required: r.required, done: r.done, remaining: r.remaining, perWorkingDay: r.perWorkingDay, projected: r.projected }]));
  return statusOf(isReached, isReached ? [] : shortfallsOf(needed, stages));
}
