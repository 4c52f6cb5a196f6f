import { describe, expect, it } from 'vitest';
import { repRatios, teamRatios } from '../../src/engine/ratios.js';

const stages = ['dial', 'appointment_set', 'close'];

describe('teamRatios', () => {
  it('divides lookback activity by lookback closes', () => {
    // 300 dials / 10 closes = 30; 30 appointments / 10 = 3; closes per close = 1.
    expect(teamRatios({ dial: 300, appointment_set: 30, close: 10 }, stages, 'close')).toEqual({ dial: 30, appointment_set: 3, close: 1 });
  });
  it('is null for every stage but the goal stage without closes: a close is one close', () => {
    expect(teamRatios({ dial: 300, appointment_set: 30, close: 0 }, stages, 'close')).toEqual({ dial: null, appointment_set: null, close: 1 });
  });
});

describe('repRatios', () => {
  const team = { dial: 30, appointment_set: 3, close: 1 };
  it.each([
    // (100 + 2×30) / (2 + 2) = 40; (20 + 2×3) / 4 = 6.5; (2 + 2×1) / 4 = 1.
    ['blended, K=2', { dial: 100, appointment_set: 20, close: 2 }, 2, { dial: 40, appointment_set: 6.5, close: 1 }],
    // Raw: 100 / 2 = 50; 20 / 2 = 10.
    ['raw, K=0', { dial: 100, appointment_set: 20, close: 2 }, 0, { dial: 50, appointment_set: 10, close: 1 }],
    // No closes, K=2: (40 + 60) / 2 = 50; (5 + 6) / 2 = 5.5.
    ['no closes, K=2', { dial: 40, appointment_set: 5, close: 0 }, 2, { dial: 50, appointment_set: 5.5, close: 1 }],
    // No closes, K=0: no ratio for the activity stages; the goal stage's is 1 by definition.
    ['no closes, K=0', { dial: 40, appointment_set: 5, close: 0 }, 0, { dial: null, appointment_set: null, close: 1 }],
    // Fractional K: (90 + 0.5×30) / (3 + 0.5) = 30.
    ['K=0.5', { dial: 90, appointment_set: 9, close: 3 }, 0.5, { dial: 30, appointment_set: 3, close: 1 }],
  ])('%s', (_name, lookback, k, expected) => {
    const got = repRatios(lookback, team, stages, 'close', k);
    for (const s of stages) {
      if (expected[s as keyof typeof expected] === null) expect(got[s]).toBeNull();
      else expect(got[s]).toBeCloseTo(expected[s as keyof typeof expected] as number, 12);
    }
  });

  it('is null when the team has no closes either, except the goal stage', () => {
    const none = { dial: null, appointment_set: null, close: 1 };
    expect(repRatios({ dial: 10, appointment_set: 1, close: 0 }, none, stages, 'close', 2)).toEqual(none);
    expect(repRatios({ dial: 10, appointment_set: 1, close: 0 }, none, stages, 'close', 0)).toEqual(none);
  });
});
