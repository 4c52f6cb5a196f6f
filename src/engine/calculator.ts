import { neededFor } from './needed.js';
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

/** Reverse funnel: activity per stage for `goal` closes, from ratios (activity per close) and what is done. */
export function neededStages(
  goal: number,
  ratios: Ratios,
  done: Counts,
  stages: readonly StageId[],
  period: PeriodInfo,
  workdaysPerWeek: number,
): NeededStage[] {
  const needed = neededFor(goal, ratios, done, stages, period);
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
