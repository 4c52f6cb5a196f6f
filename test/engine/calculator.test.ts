import { describe, expect, it } from 'vitest';
import { neededStages, neededStatus } from '../../src/engine/calculator.js';
import type { PeriodInfo } from '../../src/engine/model.js';

// 20 working days, 13 elapsed, 7 left (November 2026 with Thanksgiving off, as of the 18th).
const nov: PeriodInfo = { label: '2026-11', start: '2026-11-01', end: '2026-11-30', workingDays: 20, workingDaysElapsed: 13, workingDaysLeft: 7 };
const stages = ['dial', 'conversation', 'close'];
const ratios = { dial: 40, conversation: 9, close: 1 };

describe('neededStages', () => {
  it('leaves nothing to do once the goal is reached', () => {
    // 7 closes done against a goal of 5: remaining, per day and per week are 0 at every stage.
    const rows = neededStages(5, ratios, { dial: 10, conversation: 5, close: 7 }, stages, nov, 5);
    expect(rows.map((r) => [r.stage, r.required, r.remaining, r.perWorkingDay, r.perWeek])).toEqual([
      ['dial', 200, 0, 0, 0],
      ['conversation', 45, 0, 0, 0],
      ['close', 5, 0, 0, 0],
    ]);
  });

  it('has no per-week number without working days left', () => {
    const [dial] = neededStages(5, ratios, {}, stages, { ...nov, workingDaysElapsed: 20, workingDaysLeft: 0 }, 5);
    expect(dial).toMatchObject({ remaining: 200, perWorkingDay: null, perWeek: null, projected: 0 });
  });
});

describe('neededStatus', () => {
  it.each([
    // [closes and dials done, status] with a goal of 10: 400 dials, 90 conversations, 10 closes.
    // 10 closes: reached, whatever the rest.
    [{ dial: 0, conversation: 0, close: 10 }, 'reached'],
    // Projected 260 × 20 / 13 = 400 dials, 59 × 20 / 13 = 90.8 conversations, 6.5 × 20 / 13 = 10 closes: on track.
    [{ dial: 260, conversation: 59, close: 6.5 }, 'on_track'],
    // 52 conversations project 80 (≥ 72 = 80 % of 90): behind.
    [{ dial: 260, conversation: 52, close: 6.5 }, 'behind'],
    // 130 dials project 200 (< 320): critical.
    [{ dial: 130, conversation: 59, close: 6.5 }, 'critical'],
  ])('%j → %s', (done, status) => {
    expect(neededStatus(10, neededStages(10, ratios, done, stages, nov, 5))).toBe(status);
  });

  it('is on track with no rows at all', () => {
    expect(neededStatus(10, [])).toBe('on_track');
  });
});
