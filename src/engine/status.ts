import type { Ratios, Shortfall, StageId, StageNeed } from './model.js';

/** `reached` when the goal for the period is reached, else the worst shortfall's severity. */
export type RepStatus = 'reached' | 'on_track' | 'behind' | 'critical';

// A fractional goal (a week's share of a month) is reached by the whole closes at or above it.
const EPSILON = 1e-9;

/** True when the rep has a goal above 0 for the period and as many closes as it. */
export function hasReached(goal: number | null, closesDone: number): boolean {
  return goal !== null && goal > 0 && closesDone >= goal - EPSILON;
}

/** `reached` first; else `critical` if any shortfall is critical, `behind` if any is a warning, else `on_track`. */
export function statusOf(isReached: boolean, shortfalls: readonly Shortfall[]): RepStatus {
  if (isReached) return 'reached';
  if (shortfalls.some((s) => s.severity === 'critical')) return 'critical';
  return shortfalls.length > 0 ? 'behind' : 'on_track';
}

/** A reached rep has nothing left to do this period: remaining and per day are 0 at every stage. */
export function settleReached(needed: Record<StageId, StageNeed>): Record<StageId, StageNeed> {
  const settled: Record<StageId, StageNeed> = {};
  for (const [stage, need] of Object.entries(needed)) settled[stage] = { ...need, remaining: 0, perWorkingDay: 0 };
  return settled;
}

/**
 * The closes each stage's projected activity is worth at the rep's own ratio:
 * `projected_s / ratio_s`; null when either is unknown.
 */
export function activityWorth(needed: Readonly<Record<StageId, StageNeed>>, ratios: Ratios, stages: readonly StageId[]): Record<StageId, number | null> {
  const worth: Record<StageId, number | null> = {};
  for (const stage of stages) {
    const projected = needed[stage]?.projected ?? null;
    const ratio = ratios[stage];
    worth[stage] = projected === null || ratio === null || ratio === undefined || ratio === 0 ? null : projected / ratio;
  }
  return worth;
}
