import type { NeededStage } from '../engine/calculator.js';
import type { Cycle, NextPeriodPlan } from '../engine/cycle.js';
import type { GoalPart } from '../engine/goals.js';
import type { PeriodInfo } from '../engine/model.js';
import type { RepStatus } from '../engine/status.js';
import type { InputWarning } from '../engine/input-health.js';

/** One stage of `funnel needed`, with the rep's best week beside the per-day need. */
export interface NeededStageRow extends NeededStage {
  label: string;
  /** The best per-working-day rate over the lookback's complete weeks; null without data. */
  bestPerWorkingDay?: number | null;
  /** The per-day need is far beyond the best week: not reachable by activity alone. */
  isBeyondHistory?: boolean;
}

/** The `funnel needed` document (`--format json`). */
export interface NeededDocument {
  schemaVersion: 1;
  asOf: string;
  period: PeriodInfo;
  rep: string | null;
  /** Closes planned for: --goal, else the rep's goal for the period (or the sum of the reps' for --team). */
  goal: number;
  /** How the goal was shared out from goal periods, when it is the rep's own; else empty. */
  goalParts?: GoalPart[];
  /** Where the ratios come from: the rep's (blended), the team's, or --ratios. */
  ratiosFrom: 'rep' | 'team' | 'given';
  /** `reached` when the period's closes are at the goal; else from the pace (null for --ratios). */
  status?: RepStatus | null;
  stages: NeededStageRow[];
  /** The sales cycle of the rep (or the team); null when unknown or for --ratios. */
  cycle?: Cycle | null;
  /** The plan for the next goal period, when new activity now lands after this one. */
  nextPeriod?: NextPeriodPlan | null;
  /** Stale input, files that matched no rule; absent for --ratios. */
  warnings?: InputWarning[];
}
