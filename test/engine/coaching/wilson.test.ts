import { describe, expect, it } from 'vitest';
import { conversionSteps } from '../../../src/engine/coaching/conversion.js';
import { wilson, Z80 } from '../../../src/engine/coaching/wilson.js';

// Textbook Wilson score interval with z = 1.2815515655446004 (80 %, two-sided):
//   center = (p + z²/2n) / (1 + z²/n)
//   half   = z / (1 + z²/n) × √(p(1 − p)/n + z²/4n²)
// z² = 1.642374415149816.

describe('wilson', () => {
  it('uses the 90th percentile of the normal for 80 %', () => expect(Z80).toBe(1.2815515655446004));

  it.each([
    // 5/10: z²/n = 0.164237, 1 + z²/n = 1.164237; center = (0.5 + 0.082119) / 1.164237 = 0.5;
    // half = 1.281552 / 1.164237 × √(0.025 + 0.0041059) = 1.100766 × 0.170604 = 0.187796.
    [5, 10, 0.3122044449, 0.6877955551],
    // 0/10: center = 0.082119 / 1.164237 = 0.070534 and half = 1.100766 × √0.0041059 = 0.070534: [0, 0.141069].
    [0, 10, 0, 0.1410686821],
    // 10/10 mirrors 0/10: [1 − 0.141069, 1].
    [10, 10, 0.8589313179, 1],
    // 46/184 (Aisha Bello's appointments kept of set): z²/n = 0.0089259, center = (0.25 + 0.0044630) / 1.0089259
    // = 0.252212; half = 1.270213 × √(0.00101902 + 0.00001213) = 1.270213 × 0.032111 = 0.040788.
    [46, 184, 0.2114232588, 0.2930002313],
    // 13/63: p = 0.206349, z²/n = 0.0260694, center = (0.206349 + 0.0130347) / 1.0260694 = 0.213810;
    // half = 1.249003 × √(0.0025990 + 0.0001034) = 1.249003 × 0.051988 = 0.064935.
    [13, 63, 0.1488749556, 0.2787450795],
  ])('%i of %i → [%f, %f]', (s, n, low, high) => {
    const i = wilson(s, n)!;
    expect(i.low).toBeCloseTo(low, 9);
    expect(i.high).toBeCloseTo(high, 9);
  });

  it('is null without trials', () => expect(wilson(0, 0)).toBeNull());

  it('touches 0 and 1 exactly at the ends', () => {
    expect(wilson(0, 7)!.low).toBe(0);
    expect(wilson(7, 7)!.high).toBe(1);
  });

  it('caps successes at trials, so the interval stays a proportion', () => {
    expect(wilson(12, 10)).toEqual(wilson(10, 10));
  });

  it('narrows as the sample grows, around the same rate', () => {
    const small = wilson(1, 4)!;
    const large = wilson(250, 1000)!;
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(large.low).toBeLessThan(0.25);
    expect(large.high).toBeGreaterThan(0.25);
  });
});

describe('conversionSteps', () => {
  const stages = ['dial', 'conversation', 'appointment_set', 'close'];
  const rep = { dial: 200, conversation: 50, appointment_set: 10, close: 0 };
  const team = { dial: 1000, conversation: 300, appointment_set: 100, close: 20 };

  it('has one step per consecutive pair, with the team rate beside it', () => {
    const steps = conversionSteps(rep, team, stages);
    expect(steps.map((s) => `${s.from}>${s.to}`)).toEqual(['dial>conversation', 'conversation>appointment_set', 'appointment_set>close']);
    // 50 / 200 = 0.25 against 300 / 1000 = 0.3; cumulative 10 / 200 = 0.05 against 100 / 1000 = 0.1.
    expect(steps[0]).toMatchObject({ rate: 0.25, teamRate: 0.3, trials: 200, successes: 50, cumulativeRate: 0.25, teamCumulativeRate: 0.3 });
    expect(steps[1]).toMatchObject({ rate: 0.2, teamRate: 1 / 3, cumulativeRate: 0.05, teamCumulativeRate: 0.1 });
    expect(steps[0].low).toBeCloseTo(wilson(50, 200)!.low, 12);
  });

  it('leaves the rate and interval null when the rep has nothing to convert', () => {
    const none = conversionSteps({ dial: 0, conversation: 0, appointment_set: 0, close: 0 }, team, stages);
    expect(none[0]).toMatchObject({ rate: null, low: null, high: null, teamRate: 0.3, cumulativeRate: null });
  });
});
