import type { Bottleneck } from '../model.js';
import type { ConversionStep } from './conversion.js';

/**
 * A gap smaller than this share of the team's rate is not a bottleneck even when it is real: with
 * hundreds of events, 44 % against 47 % is certain but not worth a 1:1.
 */
export const MIN_RELATIVE_GAP = 0.15;

/**
 * The weakest step: among the steps where the gap to the team is real (the rep's whole 80 %
 * interval lies below the team's rate) and material (the rep's rate is at least MIN_RELATIVE_GAP
 * below the team's), the one where the rep's rate is the smallest fraction of the team's; ties go
 * to the earlier step. Null otherwise, so noise is never a diagnosis. Steps that are not
 * proportions (a team rate above 1, or more `to` than `from` events) are skipped.
 */
export function bottleneckOf(steps: readonly ConversionStep[], minRelativeGap = MIN_RELATIVE_GAP): Bottleneck | null {
  let best: { step: ConversionStep; relative: number } | null = null;
  for (const step of steps) {
    const { rate, high, teamRate } = step;
    if (rate === null || high === null || teamRate === null || teamRate <= 0 || teamRate > 1) continue;
    if (step.successes > step.trials) continue;
    if (!(high < teamRate)) continue;
    const relative = rate / teamRate;
    if (relative > 1 - minRelativeGap) continue;
    if (best === null || relative < best.relative) best = { step, relative };
  }
  if (best === null) return null;
  const { step } = best;
  return { from: step.from, to: step.to, rate: step.rate!, teamRate: step.teamRate!, low: step.low!, high: step.high! };
}
