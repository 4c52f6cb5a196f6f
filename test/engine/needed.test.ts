import { describe, expect, it } from 'vitest';
import { neededStages } from '../../src/engine/calculator.js';
import type { PeriodInfo } from '../../src/engine/model.js';
import { ceilNeeded, neededFor, shortfallsOf } from '../../src/engine/needed.js';

// November 2026 with Thanksgiving off, as of the 18th: 20 working days, 13 elapsed, 7 left.
const nov: PeriodInfo = { label: '2026-11', start: '2026-11-01', end: '2026-11-30', workingDays: 20, workingDaysElapsed: 13, workingDaysLeft: 7 };

describe('ceilNeeded', () => {
  it.each([
    [12, 12],
    [12.2, 13],
    // 15 × 16.6 is 249.00000000000003 in floating point: the goal needs 249, not 250.
    [15 * 16.6, 249],
    [0, 0],
    [0.5, 1],
  ])('ceil(%d − 1e-9) = %i', (x, n) => expect(ceilNeeded(x)).toBe(n));
});

describe('neededFor', () => {
  const stages = ['dial', 'conversation', 'close'];
  const ratios = { dial: 40, conversation: 9, close: 1 };
  const done = { dial: 130, conversation: 50, close: 3 };

  it('computes required, remaining, per day and projected', () => {
    const needed = neededFor(10, ratios, done, stages, nov);
    // dial: required 10 × 40 = 400; remaining 400 − 130 = 270; 270 / 7 per day; projected 130 × 20 / 13 = 200.
    expect(needed.dial.required).toBe(400);
    expect(needed.dial.remaining).toBe(270);
    expect(needed.dial.perWorkingDay).toBeCloseTo(270 / 7, 12);
    expect(needed.dial.projected).toBeCloseTo(200, 12);
    // conversation: 90 required, 40 remaining, projected 50 × 20 / 13 = 76.923…
    expect(needed.conversation).toMatchObject({ required: 90, done: 50, remaining: 40 });
    expect(needed.conversation.projected).toBeCloseTo(1000 / 13, 12);
    // close: 10 required, 7 remaining, projected 3 × 20 / 13 = 4.615…
    expect(needed.close).toMatchObject({ required: 10, remaining: 7 });
  });

  it('never has negative remaining', () => {
    const ahead = neededFor(2, ratios, { dial: 500, conversation: 50, close: 3 }, stages, nov);
    // 2 × 40 = 80 required, 500 done.
    expect(ahead.dial).toMatchObject({ required: 80, remaining: 0, perWorkingDay: 0 });
  });

  it('has no per-day number with no working days left and no projection before the first', () => {
    const ended = neededFor(10, ratios, done, stages, { ...nov, workingDaysElapsed: 20, workingDaysLeft: 0 });
    expect(ended.dial.perWorkingDay).toBeNull();
    expect(ended.dial.projected).toBe(130);
    const notStarted = neededFor(10, ratios, done, stages, { ...nov, workingDaysElapsed: 0, workingDaysLeft: 20 });
    expect(notStarted.dial.projected).toBeNull();
  });

  it('has no requirement without a goal or a ratio', () => {
    const noGoal = neededFor(null, ratios, done, stages, nov);
    expect(noGoal.dial).toMatchObject({ required: null, remaining: null, perWorkingDay: null, done: 130 });
    const noRatio = neededFor(10, { dial: null, conversation: null, close: 1 }, done, stages, nov);
    expect(noRatio.dial.required).toBeNull();
    expect(noRatio.close.required).toBe(10);
  });
});

describe('shortfallsOf', () => {
  const stages = ['dial', 'conversation', 'close'];
  it('flags stages projected under their requirement, with the gap and severity', () => {
    const needed = neededFor(10, { dial: 40, conversation: 9, close: 1 }, { dial: 130, conversation: 50, close: 7 }, stages, nov);
    expect(shortfallsOf(needed, stages)).toEqual([
      // dial: projected 200 < 400; gap 200; 200 < 80 % of 400 = 320 → critical.
      { stage: 'dial', required: 400, projected: 200, gap: 200, severity: 'critical' },
      // conversation: projected 76.92 < 90; gap ceil(13.08) = 14; 76.92 ≥ 72 → warning.
      { stage: 'conversation', required: 90, projected: 1000 / 13, gap: 14, severity: 'warning' },
      // close: projected 7 × 20 / 13 = 10.77 ≥ 10 → none.
    ]);
  });

  it('treats exactly 80 % as a warning', () => {
    // done 52 of 20 days at 13 elapsed → projected 80; required 100 → 80 % exactly.
    const needed = neededFor(10, { dial: 10, close: 1 }, { dial: 52, close: 10 }, ['dial', 'close'], nov);
    expect(shortfallsOf(needed, ['dial', 'close'])).toEqual([{ stage: 'dial', required: 100, projected: 80, gap: 20, severity: 'warning' }]);
  });
});

describe('neededStages', () => {
  it('adds per-week numbers from the working days per week', () => {
    // Calculator: goal 10 at 15 dials per close = 150 dials, none done, 7 days left → 21.43/day, ×5 = 107.14/week.
    const [dial, close] = neededStages(10, { dial: 15, close: 1 }, {}, ['dial', 'close'], nov, 5);
    expect(dial).toMatchObject({ stage: 'dial', perClose: 15, required: 150, done: 0, remaining: 150 });
    expect(dial.perWorkingDay).toBeCloseTo(150 / 7, 12);
    expect(dial.perWeek).toBeCloseTo((150 / 7) * 5, 12);
    expect(close).toMatchObject({ required: 10, remaining: 10 });
  });
});
