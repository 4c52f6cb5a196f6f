import type { Counts, Ratios, StageId } from './model.js';

/**
 * Team activity per close: `teamLookback_s / teamLookbackCloses`; null without closes. The goal
 * stage's own ratio is 1 by definition: a close is one close.
 */
export function teamRatios(lookback: Counts, stages: readonly StageId[], closeStage: StageId): Ratios {
  const closes = lookback[closeStage] ?? 0;
  const ratios: Ratios = {};
  for (const s of stages) ratios[s] = s === closeStage ? 1 : closes > 0 ? (lookback[s] ?? 0) / closes : null;
  return ratios;
}

/**
 * Rep activity per close blended toward the team:
 * `(repLookback_s + K × teamRatio_s) / (repLookbackCloses + K)`.
 * K = 0 gives the raw ratio (null without closes); null when the team ratio is needed but unknown.
 * The goal stage's own ratio is always 1, whatever K and the rep's history.
 */
export function repRatios(
  lookback: Counts,
  team: Ratios,
  stages: readonly StageId[],
  closeStage: StageId,
  priorCloses: number,
): Ratios {
  const closes = lookback[closeStage] ?? 0;
  const ratios: Ratios = {};
  for (const s of stages) {
    if (s === closeStage) {
      ratios[s] = 1;
      continue;
    }
    const teamRatio = team[s];
    if (priorCloses > 0 && teamRatio === null) {
      ratios[s] = closes > 0 ? (lookback[s] ?? 0) / closes : null;
      continue;
    }
    const denominator = closes + priorCloses;
    ratios[s] = denominator > 0 ? ((lookback[s] ?? 0) + priorCloses * (teamRatio ?? 0)) / denominator : null;
  }
  return ratios;
}
