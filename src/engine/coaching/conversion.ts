import type { Counts, StageId } from '../model.js';
import { wilson } from './wilson.js';

/** One step of the funnel, from a stage to the next tracked one, on lookback counts. */
export interface ConversionStep {
  from: StageId;
  to: StageId;
  /** Rep's `lookback[to] / lookback[from]`; null when the rep has no `from` events. */
  rate: number | null;
  /** 80 % Wilson interval around `rate`. */
  low: number | null;
  high: number | null;
  /** Team's `lookback[to] / lookback[from]`; null when the team has no `from` events. */
  teamRate: number | null;
  /** The rep's `from` and `to` counts the rate rests on. */
  trials: number;
  successes: number;
  /** Rep's `lookback[to] / lookback[first stage]`: how much of the top of the funnel gets this far. */
  cumulativeRate: number | null;
  teamCumulativeRate: number | null;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** Next-step conversion for each pair of consecutive stages, with the team's rate beside it. */
export function conversionSteps(rep: Counts, team: Counts, stages: readonly StageId[]): ConversionStep[] {
  const first = stages[0];
  const steps: ConversionStep[] = [];
  for (let i = 0; i + 1 < stages.length; i++) {
    const from = stages[i];
    const to = stages[i + 1];
    const trials = rep[from] ?? 0;
    const successes = rep[to] ?? 0;
    const interval = wilson(successes, trials);
    steps.push({
      from,
      to,
      rate: ratio(successes, trials),
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      teamRate: ratio(team[to] ?? 0, team[from] ?? 0),
      trials,
      successes,
      cumulativeRate: ratio(successes, rep[first] ?? 0),
      teamCumulativeRate: ratio(team[to] ?? 0, team[first] ?? 0),
    });
  }
  return steps;
}
