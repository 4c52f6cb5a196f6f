import { describe, expect, it } from 'vitest';
import { bottleneckOf, MIN_RELATIVE_GAP } from '../../src/engine/coaching/bottleneck.js';
import type { ConversionStep } from '../../src/engine/coaching/conversion.js';
import { DEFAULT_DIAGNOSIS_OPTIONS, diagnose, type DiagnosisInput } from '../../src/engine/coaching/diagnosis.js';
import { goalForecast, poissonAtLeast } from '../../src/engine/coaching/probability.js';
import { checkCommitments } from '../../src/engine/coaching/commitments.js';
import { activityOf } from '../../src/engine/coaching/time-off.js';
import { Tally } from '../../src/engine/tally.js';
import type { PeriodInfo, StageNeed } from '../../src/engine/model.js';
import { neededFor, shortfallsOf } from '../../src/engine/needed.js';
import { repRatios } from '../../src/engine/ratios.js';
import { wilson } from '../../src/engine/coaching/wilson.js';
import {
  BASELINE_WEEKS,
  declineOf,
  FALLING_WEEKS,
  MIN_WEEKLY_BASELINE,
  RECENT_WEEKS,
  SLIDE_DROP,
  SLUMP_DROP,
} from '../../src/engine/trend.js';

// Every threshold of the engine, pinned on both sides: the value at the threshold and the nearest
// value across it. A threshold moved by one (`>=` written `>`) fails one of these rows.

const need = (required: number | null, projected: number | null): StageNeed => ({ required, done: 0, remaining: null, perWorkingDay: null, projected });

describe('shortfallsOf: a projection equal to the need is not a shortfall', () => {
  it.each([
    // [required, projected, shortfall?]
    [10, 10, false],
    [10, 10.5, false],
    [10, 9.999, true],
    [1, 1, false],
    [1, 0, true],
  ])('required %d, projected %d → shortfall %s', (required, projected, isShort) => {
    expect(shortfallsOf({ s: need(required, projected) }, ['s']).length).toBe(isShort ? 1 : 0);
  });

  it.each([
    // warning at ≥ 80 % of the requirement, critical below: 0.8 × 10 = 8.
    [10, 8, 'warning', 2],
    [10, 7.99, 'critical', 3], // gap ceil(10 − 7.99) = ceil(2.01) = 3
    [10, 9.5, 'warning', 1], // gap ceil(0.5) = 1
    [10, 0, 'critical', 10],
    [5, 4, 'warning', 1], // 0.8 × 5 = 4, the boundary itself
  ])('required %d, projected %d → %s, gap %d', (required, projected, severity, gap) => {
    expect(shortfallsOf({ s: need(required, projected) }, ['s'])).toEqual([{ stage: 's', required, projected, gap, severity }]);
  });

  it('skips a stage without a requirement or a projection', () => {
    expect(shortfallsOf({ a: need(null, 1), b: need(5, null) }, ['a', 'b'])).toEqual([]);
  });

  it('end to end: 5 done in 10 of 20 working days projects exactly the 10 required', () => {
    // goal 10 closes × 1 per close = 10 required; projected 5 × 20 / 10 = 10: on pace, no shortfall.
    const period: PeriodInfo = { label: 'p', start: '2026-11-01', end: '2026-11-30', workingDays: 20, workingDaysElapsed: 10, workingDaysLeft: 10 };
    const needed = neededFor(10, { close: 1 }, { close: 5 }, ['close'], period);
    expect(needed.close).toEqual({ required: 10, done: 5, remaining: 5, perWorkingDay: 0.5, projected: 10 });
    expect(shortfallsOf(needed, ['close'])).toEqual([]);
    // One fewer: projected 4 × 20 / 10 = 8 = 80 % of 10, a warning with gap 2.
    const behind = neededFor(10, { close: 1 }, { close: 4 }, ['close'], period);
    expect(shortfallsOf(behind, ['close'])).toEqual([{ stage: 'close', required: 10, projected: 8, gap: 2, severity: 'warning' }]);
  });
});

// A rep with nothing to report but what each row changes.
const quiet: DiagnosisInput = {
  rep: 'Jane Doe',
  goal: 10,
  closesDone: 4,
  closesInLookback: 12,
  status: 'on_track',
  probability: 0.5,
  workingDays: { total: 20, elapsed: 13, left: 7, off: 0 },
  shortfalls: [],
  needed: {},
  ratios: {},
  bottleneck: null,
  commitments: [{ stage: 'dial', committed: 60, per: 'week', actual: 160, expected: 156, periodTotal: 240, shortBy: 0, isMet: true }],
  checkIn: 'weekly',
  lastActivity: '2026-11-18',
  idleWorkingDays: 0,
};
const labels = { dial: 'Dials', close: 'Closes' };
const ids = (change: Partial<DiagnosisInput>, options = DEFAULT_DIAGNOSIS_OPTIONS) => diagnose({ ...quiet, ...change }, labels, options).map((d) => d.id);

describe('diagnose: the idle and history thresholds', () => {
  it('defaults to idle after 5 working days and 3 closes of history', () => {
    expect(DEFAULT_DIAGNOSIS_OPTIONS).toEqual({ idleDays: 5, minCloses: 3 });
  });

  it.each([
    // [idle working days, idle?] — idle from idleDays (5) on, not before.
    [0, false],
    [4, false],
    [5, true],
    [6, true],
    [null, true], // never any activity
  ])('%s idle working days → idle %s', (idleWorkingDays, isIdle) => {
    const found = ids({ idleWorkingDays, lastActivity: idleWorkingDays === null ? null : '2026-11-10' });
    expect(found.includes('idle')).toBe(isIdle);
    // on_track is never said of an idle rep.
    expect(found.includes('on_track')).toBe(!isIdle);
  });

  it.each([
    [2, false],
    [3, true],
  ])('with idleDays 3, %d idle working days → idle %s', (idleWorkingDays, isIdle) => {
    expect(ids({ idleWorkingDays }, { idleDays: 3, minCloses: 3 }).includes('idle')).toBe(isIdle);
  });

  it('writes the idle days, singular for one', () => {
    const [idle] = diagnose({ ...quiet, idleWorkingDays: 1, lastActivity: '2026-11-17' }, labels, { idleDays: 1, minCloses: 3 });
    expect(idle.vars).toMatchObject({ idleDays: '1', lastActivity: '2026-11-17', since: 'since 2026-11-17 (1 working day)' });
    const [never] = diagnose({ ...quiet, idleWorkingDays: null, lastActivity: null }, labels);
    expect(never.vars).toMatchObject({ idleDays: '0', lastActivity: 'never', since: 'at all' });
  });

  it.each([
    // [closes in the lookback, too little history?] — flagged under minCloses (3).
    [0, true],
    [2, true],
    [3, false],
    [12, false],
  ])('%d closes in the lookback → too_little_history %s', (closesInLookback, isThin) => {
    expect(ids({ closesInLookback }).includes('too_little_history')).toBe(isThin);
  });

  it.each([
    // [goal, closes done, reached?] — reached at closes ≥ goal.
    [10, 9, false],
    [10, 10, true],
    [10, 11, true],
    [null, 10, false],
  ])('goal %s with %d closes → goal_reached %s', (goal, closesDone, isReached) => {
    const found = ids({ goal, closesDone });
    expect(found.includes('goal_reached')).toBe(isReached);
    expect(found.includes('no_goal')).toBe(goal === null);
  });
});

// A conversion step as bottleneckOf reads it; the interval is given, not computed, to pin the rule.
const step = (rate: number, low: number, high: number, teamRate: number, trials = 100): ConversionStep => ({
  from: 'a',
  to: 'b',
  rate,
  low,
  high,
  teamRate,
  trials,
  successes: Math.round(rate * trials),
  cumulativeRate: null,
  teamCumulativeRate: null,
});

describe('bottleneckOf: material (15 %) and real (interval below the team)', () => {
  it('is 15 %', () => expect(MIN_RELATIVE_GAP).toBe(0.15));

  it.each([
    // [rate, high, team rate, bottleneck?]
    // 0.34 / 0.4 = 0.85 = 1 − 0.15 exactly: material.
    [0.34, 0.39, 0.4, true],
    // 0.35 / 0.4 = 0.875 > 0.85: a real gap, too small to matter.
    [0.35, 0.39, 0.4, false],
    // The interval's top equal to the team rate: not wholly below it.
    [0.2, 0.4, 0.4, false],
    [0.2, 0.3999, 0.4, true],
    // A team rate of 1 is a proportion; above 1 it is not.
    [0.5, 0.6, 1, true],
    [0.5, 0.6, 1.01, false],
    // A team rate of 0 leaves nothing to fall short of.
    [0, 0, 0, false],
  ])('rate %d, interval top %d, team %d → %s', (rate, high, teamRate, isBottleneck) => {
    const b = bottleneckOf([step(rate, rate / 2, high, teamRate)]);
    expect(b !== null).toBe(isBottleneck);
    if (b) expect(b).toEqual({ from: 'a', to: 'b', rate, teamRate, low: rate / 2, high });
  });

  it('takes the minimum gap as a parameter', () => {
    // 0.35 / 0.4 = 0.875: a bottleneck once anything 12.5 % under the team counts.
    expect(bottleneckOf([step(0.35, 0.3, 0.39, 0.4)], 0.125)).not.toBeNull();
    expect(bottleneckOf([step(0.35, 0.3, 0.39, 0.4)], 0.13)).toBeNull();
  });

  it('skips a step without a rate, an interval or a team rate, and one with more successes than trials', () => {
    expect(bottleneckOf([{ ...step(0.2, 0.1, 0.3, 0.5), rate: null }])).toBeNull();
    expect(bottleneckOf([{ ...step(0.2, 0.1, 0.3, 0.5), high: null }])).toBeNull();
    expect(bottleneckOf([{ ...step(0.2, 0.1, 0.3, 0.5), teamRate: null }])).toBeNull();
    expect(bottleneckOf([{ ...step(0.2, 0.1, 0.3, 0.5), trials: 10, successes: 11 }])).toBeNull();
    expect(bottleneckOf([{ ...step(0.2, 0.1, 0.3, 0.5), trials: 10, successes: 10 }])).not.toBeNull();
  });

  it('prefers the smaller fraction of the team rate, the earlier step on a tie', () => {
    const first = { ...step(0.2, 0.1, 0.3, 0.5), from: 'x', to: 'y' }; // 0.4 of the team
    const second = { ...step(0.1, 0.05, 0.2, 0.5), from: 'y', to: 'z' }; // 0.2 of the team
    const tie = { ...step(0.2, 0.1, 0.3, 0.5), from: 'z', to: 'w' }; // 0.4 again
    expect(bottleneckOf([first, second])).toMatchObject({ from: 'y' });
    expect(bottleneckOf([second, first])).toMatchObject({ from: 'y' });
    expect(bottleneckOf([first, tie])).toMatchObject({ from: 'x' });
  });
});

describe('declineOf: the slump and slide thresholds (5 working days a week)', () => {
  it('uses the documented constants', () => {
    expect([RECENT_WEEKS, BASELINE_WEEKS, SLUMP_DROP, FALLING_WEEKS, SLIDE_DROP, MIN_WEEKLY_BASELINE]).toEqual([2, 4, 0.25, 3, 0.15, 5]);
  });

  it.each([
    // Slump: the last 2 weeks' mean against the 4 before; (1 − 0.25) × 2 = 1.5 a day.
    [[2, 2, 2, 2, 1.5, 1.5], 'slump'], // 1.5 ≤ 1.5: exactly 25 % down
    [[2, 2, 2, 2, 1.5, 1.52], null], // mean 1.51 > 1.5
    [[2, 2, 2, 2, 1, 2], 'slump'], // mean 1.5: one very low week and one normal one
    // Only the 4 weeks before the last 2 are the baseline: the oldest week (9) is outside it.
    [[9, 2, 2, 2, 2, 1.5, 1.5], 'slump'],
    // A baseline of exactly 5 a week (1 a day × 5) is enough; 0.98 × 5 = 4.9 is not.
    [[1, 1, 1, 1, 0.5, 0.5], 'slump'],
    [[0.98, 0.98, 0.98, 0.98, 0.1, 0.1], null],
    // Five weeks are too few for a slump (and 2, 2, 2, 1.5 is not falling every week).
    [[2, 2, 2, 1.5, 1.5], null],
  ])('%j → %s', (rates, decline) => expect(declineOf(rates, 5)).toBe(decline));

  it.each([
    // Slide: each of the last 3 weeks below the one before, the last ≤ (1 − 0.15) × the start = 1.7.
    [[2, 1.9, 1.8, 1.7], 'slide'],
    [[2, 1.9, 1.8, 1.71], null], // 1.71 > 1.7
    [[2, 1.9, 1.9, 1.7], null], // level for a week: not falling
    [[2, 2.1, 1.8, 1.7], null], // up for a week
    [[1.9, 1.8, 1.7], null], // three weeks are two falls, not three
    // Only the last 4 weeks count: an older rise does not matter.
    [[0.5, 2, 1.9, 1.8, 1.7], 'slide'],
    // Baseline: the starting week, 1 a day = 5 a week is enough; 0.9 a day is not.
    [[1, 0.95, 0.9, 0.85], 'slide'],
    [[0.9, 0.85, 0.8, 0.7], null],
  ])('%j → %s', (rates, decline) => expect(declineOf(rates, 5)).toBe(decline));

  it('reads the weekly baseline with the calendar\'s working days', () => {
    // 1 a day is 5 a week on a five-day calendar, 4 on a four-day one (too thin).
    expect(declineOf([1, 1, 1, 1, 0.5, 0.5], 5)).toBe('slump');
    expect(declineOf([1, 1, 1, 1, 0.5, 0.5], 4)).toBeNull();
    expect(declineOf([1, 0.95, 0.9, 0.85], 4)).toBeNull();
  });

  it('calls a slump before a slide when both hold', () => {
    // 2, 2, 2, 1.9, 1.5, 1.2: recent mean 1.35 ≤ 0.75 × 1.975; and 2 > 1.9 > 1.5 > 1.2 ≤ 1.7.
    expect(declineOf([2, 2, 2, 2, 1.5, 1.2], 5)).toBe('slump');
  });
});

describe('poissonAtLeast and goalForecast at their edges', () => {
  it.each([
    // P(X ≥ 0) = 1 whatever λ; P(X ≥ 1) = 1 − e^−λ; λ = 0 never reaches 1.
    [0, 0, 1],
    [0, 2, 1],
    [1, 0, 0],
    [1, 1, 1 - Math.exp(-1)],
    // P(X ≥ 2) at λ = 2: 1 − e^−2 (1 + 2) = 1 − 3e^−2 = 0.59399…
    [2, 2, 1 - 3 * Math.exp(-2)],
    // P(X ≥ 3) at λ = 1: 1 − e^−1 (1 + 1 + 1/2) = 0.08030…
    [3, 1, 1 - 2.5 * Math.exp(-1)],
  ])('P(X ≥ %d), λ = %d → %d', (k, lambda, p) => expect(poissonAtLeast(k, lambda)).toBeCloseTo(p, 12));

  it('is 1 once the goal is reached, unknown without history', () => {
    // 10 closes over 50 history days = 0.2 a day; 7 days left → 4 + 1.4 = 5.4 expected.
    const base = { goal: 10, closesDone: 4, closesInLookback: 10, historyWorkingDays: 50, workingDaysLeft: 7 };
    const f = goalForecast(base);
    expect(f.closesPerWorkingDay).toBeCloseTo(0.2, 12);
    expect(f.expectedCloses).toBeCloseTo(5.4, 12);
    // 6 still needed, λ = 1.4.
    expect(f.probability).toBeCloseTo(poissonAtLeast(6, 1.4), 12);
    expect(goalForecast({ ...base, closesDone: 10 }).probability).toBe(1);
    expect(goalForecast({ ...base, closesDone: 9 }).probability).toBeCloseTo(1 - Math.exp(-1.4), 12);
    expect(goalForecast({ ...base, historyWorkingDays: 0 })).toEqual({ probability: null, closesPerWorkingDay: null, expectedCloses: null });
    expect(goalForecast({ ...base, goal: null })).toMatchObject({ probability: null, expectedCloses: 5.4 });
  });
});

describe('checkCommitments: met at exactly the promise to date', () => {
  const days = { total: 20, elapsed: 10, left: 10, off: 0 };
  it.each([
    // 50 a week over 10 elapsed days of 5-day weeks = 50 × 10 / 5 = 100 expected by now.
    [50, 'week', 100, true, 0],
    [50, 'week', 99, false, 1],
    // 120 for the period, pro rata: 120 × 10 / 20 = 60.
    [120, 'period', 60, true, 0],
    [120, 'period', 58.5, false, 2], // ceil(1.5) = 2
  ] as const)('%d per %s, %d done → met %s, short by %d', (committed, per, actual, isMet, shortBy) => {
    const [c] = checkCommitments({ dial: committed }, { dial: per }, { dial: actual }, ['dial'], days, 5);
    expect(c).toMatchObject({ isMet, shortBy, expected: per === 'week' ? 100 : 60, periodTotal: per === 'week' ? 200 : 120 });
  });

  it('expects nothing of a period without working days', () => {
    const [c] = checkCommitments({ dial: 10 }, { dial: 'period' }, { dial: 0 }, ['dial'], { total: 0, elapsed: 0, left: 0, off: 5 }, 5);
    expect(c).toMatchObject({ expected: 0, shortBy: 0, isMet: true });
  });
});

describe('edges of the forecast, the interval and the blend', () => {
  it('a goal already reached is certain, even without history', () => {
    expect(goalForecast({ goal: 3, closesDone: 3, closesInLookback: 0, historyWorkingDays: 0, workingDaysLeft: 5 })).toEqual({ probability: 1, closesPerWorkingDay: null, expectedCloses: null });
  });

  it('the interval touches 0 and 1 exactly at 0 and all successes', () => {
    expect(wilson(0, 5)!.low).toBe(0);
    expect(wilson(5, 5)!.high).toBe(1);
    // In between, both ends strictly inside. 2 of 5, z² = 1.642374: center (0.4 + 0.164237) / 1.328475
    // = 0.424726, half 0.964677 × √(0.048 + 0.016424) = 0.244853 → [0.17987, 0.66958].
    expect(wilson(2, 5)!.low).toBeCloseTo(0.17987, 4);
    expect(wilson(2, 5)!.high).toBeCloseTo(0.66958, 4);
  });

  it('without a team ratio the blend falls back to the raw ratio, or none without closes', () => {
    // Team has no closes (ratio null); the rep's 40 dials over 5 closes = 8, whatever K.
    expect(repRatios({ dial: 40, close: 5 }, { dial: null, close: 1 }, ['dial', 'close'], 'close', 2)).toEqual({ dial: 8, close: 1 });
    expect(repRatios({ dial: 40, close: 0 }, { dial: null, close: 1 }, ['dial', 'close'], 'close', 2)).toEqual({ dial: null, close: 1 });
  });
});

describe('activityOf: which events count as activity', () => {
  // Monday-to-Friday weeks, no holidays.
  const calendar = { weekStartsOn: 1 as const, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri'] as const), holidays: new Set<string>() };

  it('an event on as-of is activity: no idle day', () => {
    const t = new Tally();
    t.add('ann', 'Ann', 'dial', '2026-11-18', 1);
    expect(activityOf(t.reps.get('ann'), '2026-11-18', '2026-11-01', calendar)).toEqual({ lastActivity: '2026-11-18', idleWorkingDays: 0, historyWorkingDays: 1 });
  });

  it('takes the latest and earliest dates whatever order they were added in, and ignores zero counts', () => {
    const t = new Tally();
    // Added newest first, across stages; a zero count on the 17th is no activity.
    t.add('ann', 'Ann', 'dial', '2026-11-10', 2);
    t.add('ann', 'Ann', 'dial', '2026-11-03', 2);
    t.add('ann', 'Ann', 'conversation', '2026-11-12', 1);
    t.add('ann', 'Ann', 'conversation', '2026-11-02', 1);
    t.add('ann', 'Ann', 'close', '2026-11-17', 0);
    // Last activity Thu 12: idle Fri 13, Mon 16, Tue 17, Wed 18 = 4 working days. History from Mon 2
    // to Wed 18: 5 + 5 + 3 = 13 working days.
    expect(activityOf(t.reps.get('ann'), '2026-11-18', '2026-10-20', calendar)).toEqual({ lastActivity: '2026-11-12', idleWorkingDays: 4, historyWorkingDays: 13 });
    // The history starts at the lookback when the first event is earlier: Mon 9 to Wed 18 = 8.
    expect(activityOf(t.reps.get('ann'), '2026-11-18', '2026-11-09', calendar).historyWorkingDays).toBe(8);
  });

  it('a rep whose only counts are zero has no activity', () => {
    const t = new Tally();
    t.add('ann', 'Ann', 'dial', '2026-11-10', 0);
    expect(activityOf(t.reps.get('ann'), '2026-11-18', '2026-10-20', calendar)).toEqual({ lastActivity: null, idleWorkingDays: null, historyWorkingDays: 0 });
  });
});
