import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../../src/engine/model.js';
import { Tally } from '../../../src/engine/tally.js';
import { buildTrend, declineOf, sparkline, trendWeeks } from '../../../src/engine/trend.js';

const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set(['2026-11-11']) };

describe('sparkline', () => {
  it('maps 0..max onto eight bars, zero-based, with a blank for a week without working days', () => {
    // max 8: 0 → bar 0; 1 → floor(1/8 × 8) = 1; 2 → 2; 4 → 4; 8 → 8, capped at the top bar 7.
    expect(sparkline([0, 1, 2, 4, 8, null])).toBe('▁▂▃▅█ ');
    expect(sparkline([0, 0])).toBe('▁▁');
    // 30 and 15 a day: half way, bar floor(0.5 × 8) = 4.
    expect(sparkline([30, 15])).toBe('█▅');
  });
});

describe('declineOf (per working day, complete weeks, oldest first; 5 working days a week)', () => {
  it.each([
    // Slump: the last two weeks average 3, the four before 6: 3 ≤ (1 − 0.25) × 6 = 4.5.
    [[6, 6, 6, 6, 3, 3], 'slump'],
    // 5 > 4.5, and 6, 6, 5, 5 is not falling every week.
    [[6, 6, 6, 6, 5, 5], null],
    // Slide: 10 > 9 > 8 > 7, and 7 ≤ (1 − 0.15) × 10 = 8.5 (too few weeks for a slump).
    [[10, 9, 8, 7], 'slide'],
    // Falling every week but only 3 % in all: 9.7 > 8.5.
    [[10, 9.9, 9.8, 9.7], null],
    // A baseline of 0.8 a day is 4 a week, under 5: too thin to call.
    [[0.8, 0.8, 0.8, 0.8, 0.1, 0.1], null],
    // Not enough weeks for either rule.
    [[6, 3], null],
  ])('%j → %s', (rates, decline) => expect(declineOf(rates, 5)).toBe(decline));
});

describe('trendWeeks', () => {
  it('ends with the week of as-of, labelled by ISO week, the last one partial', () => {
    expect(trendWeeks('2026-11-18', 3, calendar)).toEqual([
      { label: 'W45', start: '2026-11-02', end: '2026-11-08', isPartial: false },
      { label: 'W46', start: '2026-11-09', end: '2026-11-15', isPartial: false },
      { label: 'W47', start: '2026-11-16', end: '2026-11-22', isPartial: true },
    ]);
  });

  it('labels weeks by their start date when they do not start on Monday', () => {
    expect(trendWeeks('2026-11-18', 2, { ...calendar, weekStartsOn: 0 }).map((w) => w.label)).toEqual(['11-08', '11-15']);
  });
});

describe('buildTrend', () => {
  // Built inside each test: mutation testing attributes code to the test that runs it.
  const build = () => {
    const tally = new Tally();
    // Ann: 10 dials a working day in W45 (50), 40 in W46 (4 working days: the 11th is a holiday),
    // and 30 so far in W47 (Mon–Wed). Appointments: 5, 2 and 3.
    tally.add('ann', 'Ann', 'dial', '2026-11-02', 50);
    tally.add('ann', 'Ann', 'dial', '2026-11-10', 40);
    tally.add('ann', 'Ann', 'dial', '2026-11-16', 30);
    tally.add('ann', 'Ann', 'appointment_set', '2026-11-03', 5);
    tally.add('ann', 'Ann', 'appointment_set', '2026-11-12', 2);
    tally.add('ann', 'Ann', 'appointment_set', '2026-11-17', 3);
    // After as-of: counts nowhere.
    tally.add('ann', 'Ann', 'dial', '2026-11-20', 99);
    tally.add('bo', 'Bo', 'dial', '2026-11-04', 20);
    return buildTrend({
      tally,
      stages: [{ id: 'dial', label: 'Dials' }, { id: 'appointment_set', label: 'Appts set' }],
      calendar,
      asOf: '2026-11-18',
      weeks: 3,
      namedReps: new Map([['cy', { name: 'Cy' }]]),
    });
  };

  it('counts per week, per working day, with the change over the last two complete weeks', () => {
    const trend = build();
    const [ann] = trend.reps;
    const dial = ann.stages[0];
    expect(dial.counts).toEqual([50, 40, 30]);
    expect(dial.workingDays).toEqual([5, 4, 3]);
    // 50 / 5 = 10, 40 / 4 = 10, 30 / 3 = 10 a day: level, so no change and full bars.
    expect(dial.perWorkingDay).toEqual([10, 10, 10]);
    expect(dial.change).toBe(0);
    expect(dial.sparkline).toBe('███');
    // Appointments a day: 1, then 0.5: 0.5 / 1 − 1 = −50 %.
    expect(ann.stages[1].change).toBeCloseTo(-0.5, 12);
  });

  it('gives each step\'s conversion within each week, and its change in points', () => {
    const trend = build();
    // 5 / 50 = 10 %, 2 / 40 = 5 %, 3 / 30 = 10 %; W46 against W45: 5 − 10 = −5 points.
    const [step] = trend.reps[0].conversion;
    expect(step.rates).toEqual([0.1, 0.05, 0.1]);
    expect(step.change).toBeCloseTo(-5, 12);
  });

  it('lists reps with events in the weeks and named reps, by name, and sums the team', () => {
    const trend = build();
    expect(trend.reps.map((r) => r.rep)).toEqual(['Ann', 'Bo', 'Cy']);
    expect(trend.reps[2].stages[0].counts).toEqual([0, 0, 0]);
    expect(trend.team.stages[0].counts).toEqual([70, 40, 30]);
  });
});
