import { describe, expect, it } from 'vitest';
import { bottleneckOf, MIN_RELATIVE_GAP } from '../../../src/engine/coaching/bottleneck.js';
import { conversionSteps } from '../../../src/engine/coaching/conversion.js';

const stages = ['dial', 'conversation', 'appointment_set', 'appointment_kept', 'close'];
// Team: 30 % of dials connect, 50 % of conversations book, 50 % of meetings are kept, 25 % close.
const team = { dial: 2000, conversation: 600, appointment_set: 300, appointment_kept: 150, close: 38 };

describe('bottleneckOf', () => {
  it('names a real gap: the whole 80 % interval lies below the team rate', () => {
    // Kept 13 of 63 set = 20.6 %, Wilson 80 % [14.9 %, 27.9 %] (see wilson.test.ts); team 50 %.
    const rep = { dial: 400, conversation: 120, appointment_set: 63, appointment_kept: 13, close: 4 };
    const b = bottleneckOf(conversionSteps(rep, team, stages));
    expect(b).toMatchObject({ from: 'appointment_set', to: 'appointment_kept', teamRate: 0.5 });
    expect(b!.rate).toBeCloseTo(13 / 63, 12);
    expect(b!.low).toBeCloseTo(0.1488749556, 9);
    expect(b!.high).toBeCloseTo(0.2787450795, 9);
  });

  it('returns null for a gap within the noise', () => {
    // Kept 3 of 8 = 37.5 % against 50 %: z²/n = 0.205297, center = (0.375 + 0.102648) / 1.205297 = 0.396293,
    // half = 1.063262 × √(0.029297 + 0.006415) = 0.200932, so [19.5 %, 59.7 %], which holds 50 %.
    const steps = conversionSteps({ appointment_set: 8, appointment_kept: 3 }, team, ['appointment_set', 'appointment_kept']);
    expect(steps[0].low).toBeCloseTo(0.1953580, 6);
    expect(steps[0].high).toBeCloseTo(0.5972243, 6);
    expect(bottleneckOf(steps)).toBeNull();
  });

  it('returns null for a real gap that is too small to matter', () => {
    // 440 of 1,000 = 44 % against 47 %: [42.0 %, 46.0 %] lies below 47 %, but 44 / 47 = 0.936 > 1 − 0.15.
    expect(MIN_RELATIVE_GAP).toBe(0.15);
    const steps = conversionSteps({ a: 1000, b: 440 }, { a: 10000, b: 4700 }, ['a', 'b']);
    expect(steps[0].high).toBeLessThan(0.47);
    expect(bottleneckOf(steps)).toBeNull();
    expect(bottleneckOf(steps, 0)).toMatchObject({ from: 'a', to: 'b' });
  });

  it('picks the step furthest below the team, relative to the team rate', () => {
    // dial→conversation 150/1000 = 15 % vs 30 % (half); set→kept 60/300 = 20 % vs 50 % (0.4 of it): the latter wins.
    const rep = { dial: 1000, conversation: 150, appointment_set: 300, appointment_kept: 60, close: 15 };
    expect(bottleneckOf(conversionSteps(rep, team, stages))).toMatchObject({ from: 'appointment_set', to: 'appointment_kept' });
  });

  it('skips steps that are not proportions', () => {
    // More closes than proposals (dated differently): rate 1.5 and team 1.2 are not conversion rates.
    const steps = conversionSteps({ proposal: 10, close: 15 }, { proposal: 100, close: 120 }, ['proposal', 'close']);
    expect(bottleneckOf(steps)).toBeNull();
  });

  it('is null for a rep ahead of the team everywhere', () => {
    const rep = { dial: 1000, conversation: 400, appointment_set: 250, appointment_kept: 200, close: 60 };
    expect(bottleneckOf(conversionSteps(rep, team, stages))).toBeNull();
  });
});
