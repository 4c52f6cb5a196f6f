import { describe, expect, it } from 'vitest';
import { goalForecast, poissonAtLeast } from '../../../src/engine/coaching/probability.js';

describe('poissonAtLeast', () => {
  it.each([
    // P(X ≥ 0) = 1 whatever λ.
    [0, 2, 1],
    // P(X ≥ 1) = 1 − e^−1.3 = 1 − 0.272532 = 0.727468.
    [1, 1.3, 0.7274682069659875],
    // P(X ≥ 3), λ = 2: 1 − e^−2 (1 + 2 + 2²/2) = 1 − 5 × 0.135335 = 0.323324.
    [3, 2, 0.3233235838169365],
    // λ = 0: nothing more will come.
    [1, 0, 0],
  ])('P(X ≥ %i | λ = %f) = %f', (k, lambda, p) => expect(poissonAtLeast(k, lambda)).toBeCloseTo(p, 12));
});

describe('goalForecast', () => {
  // 12 closes over 60 working days of history = 0.2 a working day; 10 working days left → λ = 2.
  const base = { goal: 5, closesDone: 2, closesInLookback: 12, historyWorkingDays: 60, workingDaysLeft: 10 };

  it('models the closes still needed as Poisson at the rep\'s lookback close rate', () => {
    // 3 more needed: P(X ≥ 3 | λ = 2) = 0.323324; expected closes 2 + 0.2 × 10 = 4.
    const f = goalForecast(base);
    expect(f.probability).toBeCloseTo(0.3233235838169365, 12);
    expect(f.closesPerWorkingDay).toBeCloseTo(0.2, 12);
    expect(f.expectedCloses).toBeCloseTo(4, 12);
  });

  it('is 1 once the goal is reached', () => expect(goalForecast({ ...base, closesDone: 5 }).probability).toBe(1));

  it('rounds a fractional goal up: 4.5 closes need 5', () => {
    // 3 needed from 2 done, as for goal 5.
    expect(goalForecast({ ...base, goal: 4.5 }).probability).toBeCloseTo(0.3233235838169365, 12);
  });

  it('is 0 with closes still needed and no working days left', () => {
    expect(goalForecast({ ...base, workingDaysLeft: 0 }).probability).toBe(0);
  });

  it('is 0 for a rep with history but no closes in it', () => {
    expect(goalForecast({ ...base, closesInLookback: 0 }).probability).toBe(0);
  });

  it('is null without a goal, or without any history to take a rate from', () => {
    expect(goalForecast({ ...base, goal: null }).probability).toBeNull();
    expect(goalForecast({ ...base, historyWorkingDays: 0 }).probability).toBeNull();
  });
});
