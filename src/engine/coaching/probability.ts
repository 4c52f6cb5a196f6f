import { ceilNeeded } from '../needed.js';

/** How likely a rep is to reach the goal, and the close rate that estimate rests on. */
export interface GoalForecast {
  /** P(closes by period end ≥ goal), 0..1; null without a goal or without any history. */
  probability: number | null;
  /** The rep's closes per working day over their lookback history. */
  closesPerWorkingDay: number | null;
  /** Closes done plus those expected in the working days left. */
  expectedCloses: number | null;
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonAtLeast(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // Sum P(X < k) term by term: P(X = i) = P(X = i − 1) × λ / i.
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.min(1, Math.max(0, 1 - below));
}

/**
 * Closes still to come are modelled as a Poisson process over the rep's working days left, at the
 * rep's own close rate per working day over the lookback (their history, which ends on as-of and
 * so includes this period). A rate from the lookback rather than from the period alone, because
 * two weeks hold too few closes to estimate one. Deterministic and analytical.
 */
export function goalForecast(input: {
  goal: number | null;
  closesDone: number;
  closesInLookback: number;
  historyWorkingDays: number;
  workingDaysLeft: number;
}): GoalForecast {
  const { goal, closesDone, closesInLookback, historyWorkingDays, workingDaysLeft } = input;
  const rate = historyWorkingDays > 0 ? closesInLookback / historyWorkingDays : null;
  const expectedCloses = rate === null ? null : closesDone + rate * workingDaysLeft;
  if (goal === null) return { probability: null, closesPerWorkingDay: rate, expectedCloses };
  const stillNeeded = ceilNeeded(goal - closesDone);
  if (stillNeeded <= 0) return { probability: 1, closesPerWorkingDay: rate, expectedCloses };
  if (rate === null) return { probability: null, closesPerWorkingDay: null, expectedCloses: null };
  return { probability: poissonAtLeast(stillNeeded, rate * workingDaysLeft), closesPerWorkingDay: rate, expectedCloses };
}
