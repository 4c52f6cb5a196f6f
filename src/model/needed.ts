import type { NeededStage } from '../engine/calculator.js';
import type { PeriodInfo } from '../engine/model.js';

/** The `funnel needed` document (`--format json`). */
export interface NeededDocument {
  schemaVersion: 1;
  asOf: string;
  period: PeriodInfo;
  rep: string | null;
  goal: number;
  /** Where the ratios come from: the rep's (blended), the team's, or --ratios. */
  ratiosFrom: 'rep' | 'team' | 'given';
  stages: (NeededStage & { label: string })[];
}
