import { describe, expect, it } from 'vitest';
import { conversionSteps } from '../../../src/engine/coaching/conversion.js';
import { wilson } from '../../../src/engine/coaching/wilson.js';

const stages = ['dial', 'conversation', 'appointment_set', 'close'];

describe('conversionSteps', () => {
  // Rep: 200 dials → 50 conversations → 10 appointments → 4 closes.
  // Team: 1000 → 300 → 90 → 30.
  const rep = { dial: 200, conversation: 50, appointment_set: 10, close: 4 };
  const team = { dial: 1000, conversation: 300, appointment_set: 90, close: 30 };
  // Computed inside each test: mutation testing attributes code to the test that runs it.
  const stepsOf = () => conversionSteps(rep, team, stages);

  it('has one step per pair of consecutive stages', () => {
    const steps = stepsOf();
    expect(steps.map((s) => [s.from, s.to])).toEqual([
      ['dial', 'conversation'],
      ['conversation', 'appointment_set'],
      ['appointment_set', 'close'],
    ]);
  });

  it.each([
    // [step, rate, teamRate, cumulative, team cumulative]
    [0, 50 / 200, 300 / 1000, 50 / 200, 300 / 1000], // 25 % vs 30 %
    [1, 10 / 50, 90 / 300, 10 / 200, 90 / 1000], // 20 % vs 30 %; 5 % vs 9 % of dials get this far
    [2, 4 / 10, 30 / 90, 4 / 200, 30 / 1000], // 40 % vs 33.3 %; 2 % vs 3 %
  ])('step %d: rate %d, team %d, cumulative %d, team cumulative %d', (i, rate, teamRate, cumulative, teamCumulative) => {
    expect(stepsOf()[i]).toMatchObject({ rate, teamRate, cumulativeRate: cumulative, teamCumulativeRate: teamCumulative });
  });

  it('carries the counts the rate rests on and the 80 % Wilson interval around it', () => {
    const steps = stepsOf();
    expect(steps[1]).toMatchObject({ trials: 50, successes: 10 });
    const interval = wilson(10, 50)!;
    expect(steps[1].low).toBe(interval.low);
    expect(steps[1].high).toBe(interval.high);
    // 10 of 50: the interval holds the rate.
    expect(steps[1].low!).toBeLessThan(0.2);
    expect(steps[1].high!).toBeGreaterThan(0.2);
  });

  it('has no rate, interval or cumulative rate without events at the start of the step or the funnel', () => {
    const none = conversionSteps({ dial: 0, conversation: 0, appointment_set: 5 }, {}, stages);
    expect(none[0]).toEqual({
      from: 'dial',
      to: 'conversation',
      rate: null,
      low: null,
      high: null,
      teamRate: null,
      trials: 0,
      successes: 0,
      cumulativeRate: null,
      teamCumulativeRate: null,
    });
    // 5 appointments from 0 conversations: no rate; the closes step has trials 5, successes 0.
    expect(none[1]).toMatchObject({ rate: null, trials: 0, successes: 5 });
    expect(none[2]).toMatchObject({ rate: 0, trials: 5, successes: 0, low: 0, cumulativeRate: null });
  });

  it('has no steps for a single stage', () => {
    expect(conversionSteps({ close: 3 }, { close: 9 }, ['close'])).toEqual([]);
  });
});
