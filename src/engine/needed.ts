import type { Counts, PeriodInfo, Ratios, Shortfall, StageId, StageNeed } from './model.js';

// Guards ceil() against floating-point noise: 10 × 1.2 = 12.000000000000002 needs 12, not 13.
const EPSILON = 1e-9;

/** `ceil(x − 1e-9)`, the contract's rounding for required activity and gaps. */
export function ceilNeeded(x: number): number {
  // `|| 0` turns ceil(−1e-9) = −0 into 0, which prints as "0".
  return Math.ceil(x - EPSILON) || 0;
}

/** `done × periodWorkingDays / elapsedWorkingDays`; null before the first working day. */
export function projectedCount(done: number, period: PeriodInfo): number | null {
  return period.workingDaysElapsed > 0 ? (done * period.workingDays) / period.workingDaysElapsed : null;
}

/** Required, remaining, per-day and projected activity per stage for `goal` closes. */
export function neededFor(
  goal: number | null,
  ratios: Ratios,
  done: Counts,
  stages: readonly StageId[],
  period: PeriodInfo,
): Record<StageId, StageNeed> {
  const needed: Record<StageId, StageNeed> = {};
  for (const s of stages) {
    const ratio = ratios[s];
    const doneS = done[s] ?? 0;
    const required = goal === null || ratio === null ? null : ceilNeeded(goal * ratio);
    const remaining = required === null ? null : Math.max(0, required - doneS);
    needed[s] = {
      required,
      done: doneS,
      remaining,
      perWorkingDay: remaining === null || period.workingDaysLeft === 0 ? null : remaining / period.workingDaysLeft,
      projected: projectedCount(doneS, period),
    };
  }
  return needed;
}

/** A shortfall for every stage projected below its requirement; `warning` at ≥ 80 %, else `critical`. */
export function shortfallsOf(needed: Record<StageId, StageNeed>, stages: readonly StageId[]): Shortfall[] {
  const shortfalls: Shortfall[] = [];
  for (const stage of stages) {
    const { required, projected } = needed[stage];
    if (required === null || projected === null || projected >= required) continue;
    shortfalls.push({
      stage,
      required,
      projected,
      gap: ceilNeeded(required - projected),
      severity: projected >= 0.8 * required ? 'warning' : 'critical',
    });
  }
  return shortfalls;
}
