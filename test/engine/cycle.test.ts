import { describe, expect, it } from 'vitest';
import {
  bestDailyRates,
  cycleDays,
  cycleOf,
  daysBetween,
  isBeyondHistory,
  lookbackWeeks,
  median,
  nextGoalPeriod,
  nextPeriodPlan,
} from '../../src/engine/cycle.js';
import { fixedGoalBook, type GoalBook } from '../../src/engine/goals.js';
import type { Calendar } from '../../src/engine/model.js';
import { buildReport } from '../../src/engine/report.js';
import { Tally } from '../../src/engine/tally.js';

// Mon–Fri, Thanksgiving and Christmas off. December 2026 (Tue 1 – Thu 31): 4+5+5+4+4 = 22 working days.
const calendar: Calendar = {
  weekStartsOn: 1,
  workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']),
  holidays: new Set(['2026-11-26', '2026-12-25']),
};
const STAGES = ['dial', 'second_meeting', 'proposal', 'close'];
const AS_OF = '2026-11-18';
// From as-of to the end of November: 30 − 18 = 12 calendar days.
const NOV_END = '2026-11-30';

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    // Even counts: the mean of the middle two, (2 + 3) / 2.
    [[4, 1, 3, 2], 2.5],
    [[12, 13], 12.5],
    // The example's Kenji Watanabe: 12, 17, 18, 20, 23, 24, 29 → 20.
    [[29, 23, 20, 18, 12, 24, 17], 20],
  ])('%j → %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('daysBetween and cycleDays', () => {
  it.each<[string, string, number]>([
    ['2026-10-12', '2026-10-29', 17],
    [AS_OF, NOV_END, 12],
    // Across the end of daylight saving (in zones that have it) and the year.
    ['2026-10-20', '2026-11-10', 21],
    ['2026-12-28', '2027-01-04', 7],
    ['2026-11-18', '2026-11-11', -7],
  ])('%s → %s: %i', (from, to, days) => expect(daysBetween(from, to)).toBe(days));

  it('keeps the closes dated in the window and leaves out deals closed before they were created', () => {
    const samples = [
      { close: '2026-08-20', days: 40 }, // before the window
      { close: '2026-08-21', days: 10 },
      { close: '2026-11-12', days: -3 }, // closed before it was created
      { close: '2026-11-18', days: 0 },
      { close: '2026-11-19', days: 5 }, // after as-of
    ];
    expect(cycleDays(samples, '2026-08-21', AS_OF)).toEqual([10, 0]);
  });
});

/** A tally with second meetings and proposals around as-of. */
function underWayTally(): Tally {
  const tally = new Tally();
  tally.add('ann', 'Ann', 'second_meeting', '2026-11-05', 4); // before the cycle's start
  tally.add('ann', 'Ann', 'second_meeting', '2026-11-06', 2);
  tally.add('ann', 'Ann', 'second_meeting', AS_OF, 1);
  tally.add('ann', 'Ann', 'second_meeting', '2026-11-19', 9); // after as-of
  tally.add('ann', 'Ann', 'proposal', '2026-11-10', 3);
  tally.add('ann', 'Ann', 'dial', '2026-11-10', 50); // not a stage under way
  tally.add('ann', 'Ann', 'close', '2026-11-10', 1); // nor is the goal stage
  return tally;
}

describe('cycleOf', () => {
  const base = { asOf: AS_OF, periodEnd: NOV_END, tallies: [], stages: STAGES };

  it('uses the rep own median with 3 closes or more (basis rep)', () => {
    const cycle = cycleOf({ ...base, repDays: [30, 10, 20], teamDays: [1, 2, 3, 10, 20, 30] });
    // Sorted 10, 20, 30 → 20 over 3 closes; 20 > 12 days left: lands after the period.
    expect(cycle).toMatchObject({ medianDays: 20, closes: 3, basis: 'rep', landsAfterPeriod: true });
  });

  it('falls back to the team with fewer than 3 (basis team)', () => {
    const cycle = cycleOf({ ...base, repDays: [5, 6], teamDays: [14, 10, 40, 12] });
    // Team sorted 10, 12, 14, 40 → (12 + 14) / 2 = 13 over 4 closes.
    expect(cycle).toMatchObject({ medianDays: 13, closes: 4, basis: 'team', landsAfterPeriod: true });
  });

  it('is null when nobody has a close with a created date', () => {
    expect(cycleOf({ ...base, repDays: [], teamDays: [] })).toBeNull();
  });

  it('takes the team median for a rep with no closes of their own', () => {
    expect(cycleOf({ ...base, repDays: [], teamDays: [8] })).toMatchObject({ medianDays: 8, closes: 1, basis: 'team', landsAfterPeriod: false });
  });

  it.each<[string, number[], number, boolean]>([
    // As of 18 Nov, the period ends 12 days later: as-of + 12 = 30 Nov is not after the end.
    ['12 days lands on the last day', [12, 12, 12], 12, false],
    // Even count: (12 + 13) / 2 = 12.5 > 12.
    ['12.5 days lands after', [12, 12, 13, 13], 12.5, true],
    ['13 days lands after', [13, 13, 13], 13, true],
    ['11 days lands before', [11, 11, 11], 11, false],
  ])('landsAfterPeriod at the boundary: %s', (_name, repDays, medianDays, lands) => {
    expect(cycleOf({ ...base, repDays, teamDays: repDays })).toMatchObject({ medianDays, landsAfterPeriod: lands });
  });

  it('counts the two stages before the goal stage since as-of − ceil(median) + 1', () => {
    const tally = underWayTally();
    // Median 12.5 → ceil 13 days ending on as-of: 18 Nov − 12 = 6 Nov. Second meetings on 6 Nov (2) and
    // 18 Nov (1) = 3, not 5 Nov (4) nor 19 Nov (9); proposals on 10 Nov = 3. Dials and closes are not counted.
    const cycle = cycleOf({ ...base, repDays: [12, 12, 13, 13], teamDays: [], tallies: [tally.reps.get('ann')] });
    expect(cycle?.underWay).toEqual({ since: '2026-11-06', counts: { second_meeting: 3, proposal: 3 } });
    // Median 13 → the same 13 days; median 14 → since 5 Nov: 4 + 2 + 1 = 7 second meetings.
    const longer = cycleOf({ ...base, repDays: [14, 14, 14], teamDays: [], tallies: [tally.reps.get('ann')] });
    expect(longer?.underWay).toEqual({ since: '2026-11-05', counts: { second_meeting: 7, proposal: 3 } });
  });

  it('adds the reps up for the team', () => {
    const tally = underWayTally();
    tally.add('bo', 'Bo', 'proposal', '2026-11-17', 2);
    const cycle = cycleOf({ ...base, repDays: [], teamDays: [12, 13], tallies: [...tally.reps.values()] });
    // Since 6 Nov: second meetings 2 + 1 = 3 (Ann); proposals 3 (Ann) + 2 (Bo) = 5.
    expect(cycle?.underWay.counts).toEqual({ second_meeting: 3, proposal: 5 });
  });
});

describe('nextGoalPeriod', () => {
  it.each<[string, 'week' | 'month' | 'quarter', string, string, string]>([
    ['month', 'month', '2026-12', '2026-12-01', '2026-12-31'],
    ['quarter', 'quarter', '2027-Q1', '2027-01-01', '2027-03-31'],
    // 18 Nov is in week 47 (16–22 Nov); the next is week 48.
    ['week', 'week', '2026-W48', '2026-11-23', '2026-11-29'],
  ])('after 18 Nov by %s', (_name, kind, label, start, end) => {
    expect(nextGoalPeriod(kind, AS_OF, calendar)).toEqual({ label, start, end });
  });

  it('after the last day of a month comes the next month', () => {
    expect(nextGoalPeriod('month', '2026-12-31', calendar).label).toBe('2027-01');
  });
});

describe('nextPeriodPlan', () => {
  const december = { label: '2026-12', start: '2026-12-01', end: '2026-12-31' };
  it('asks ceil(goal × ratio) per stage, spread over the next period working days', () => {
    const plan = nextPeriodPlan(december, 4, { dial: 12.5, second_meeting: null, proposal: 1.3, close: 1 }, STAGES, calendar);
    // Dials ceil(4 × 12.5) = 50 → 50/22 a day; no second-meeting ratio → null; proposals ceil(5.2) = 6 → 6/22;
    // closes 4 → 4/22 = 0.18 a day.
    expect(plan).toEqual({
      label: '2026-12',
      start: '2026-12-01',
      end: '2026-12-31',
      goal: 4,
      workingDays: 22,
      stages: [
        { stage: 'dial', required: 50, perWorkingDay: 50 / 22 },
        { stage: 'second_meeting', required: null, perWorkingDay: null },
        { stage: 'proposal', required: 6, perWorkingDay: 6 / 22 },
        { stage: 'close', required: 4, perWorkingDay: 4 / 22 },
      ],
    });
  });

  it('has no numbers without a goal', () => {
    const plan = nextPeriodPlan(december, null, { dial: 12.5, second_meeting: 3, proposal: 1.3, close: 1 }, STAGES, calendar);
    expect(plan.goal).toBeNull();
    expect(plan.stages.every((s) => s.required === null && s.perWorkingDay === null)).toBe(true);
  });

  it('has no per-day number in a period without working days', () => {
    const plan = nextPeriodPlan(december, 4, { dial: 12.5, second_meeting: 3, proposal: 1.3, close: 1 }, STAGES, { ...calendar, workdays: new Set() });
    expect(plan.workingDays).toBe(0);
    expect(plan.stages[0]).toEqual({ stage: 'dial', required: 50, perWorkingDay: null });
  });
});

describe('bestDailyRates and isBeyondHistory', () => {
  // Lookback from Wed 28 Oct to as-of Wed 18 Nov. Complete weeks start on the first Monday on or after
  // 28 Oct (2 Nov) and end on or before as-of: 2–8 Nov and 9–15 Nov; 16–22 Nov is not complete.
  // With Wed 11 Nov a holiday, the week of 9 Nov has 4 working days.
  const holidayCalendar: Calendar = { ...calendar, holidays: new Set([...calendar.holidays, '2026-11-11']) };
  const tally = new Tally();
  tally.add('ann', 'Ann', 'dial', '2026-10-29', 100); // before the first complete week
  tally.add('ann', 'Ann', 'dial', '2026-11-03', 20);
  tally.add('ann', 'Ann', 'dial', '2026-11-05', 15);
  tally.add('ann', 'Ann', 'dial', '2026-11-10', 45);
  tally.add('ann', 'Ann', 'dial', '2026-11-17', 200); // in the incomplete week
  tally.add('ann', 'Ann', 'proposal', '2026-11-07', 2); // a Saturday, still in the week of 2 Nov

  it('is the best complete week per working day; null for a stage never done', () => {
    const best = bestDailyRates(tally.reps.get('ann'), STAGES, '2026-10-28', AS_OF, holidayCalendar);
    // Dials: week of 2 Nov 35 / 5 = 7; week of 9 Nov 45 / 4 = 11.25 → 11.25. Proposals 2 / 5 = 0.4.
    expect(best).toEqual({ dial: 11.25, second_meeting: null, proposal: 0.4, close: null });
    // Without the holiday the week of 9 Nov has 5 days: 45 / 5 = 9.
    expect(bestDailyRates(tally.reps.get('ann'), STAGES, '2026-10-28', AS_OF, calendar).dial).toBe(9);
  });

  it('reads the complete weeks of the lookback, with their working days, from lookbackWeeks', () => {
    // First Monday on or after 28 Oct: 2 Nov, day 20,759 since 1970-01-01. Weeks 2–8 Nov (5 working
    // days) and 9–15 Nov (4: the 11th off); 16–22 Nov ends after as-of.
    expect(lookbackWeeks('2026-10-28', AS_OF, holidayCalendar)).toEqual({ from: 20759, workingDays: [5, 4] });
    // From 16 Nov (day 20,773) there is no complete week.
    expect(lookbackWeeks('2026-11-16', AS_OF, calendar)).toEqual({ from: 20773, workingDays: [] });
  });

  it('takes the weeks when they are worked out already, whatever the calendar says', () => {
    const weeks = lookbackWeeks('2026-10-28', AS_OF, holidayCalendar);
    expect(bestDailyRates(tally.reps.get('ann'), STAGES, '2026-10-28', AS_OF, holidayCalendar, weeks)).toEqual(bestDailyRates(tally.reps.get('ann'), STAGES, '2026-10-28', AS_OF, holidayCalendar));
    // The weeks of the calendar without the holiday: 45 dials over 5 days in the week of 9 Nov, 9 a day.
    expect(bestDailyRates(tally.reps.get('ann'), ['dial'], '2026-10-28', AS_OF, holidayCalendar, lookbackWeeks('2026-10-28', AS_OF, calendar))).toEqual({ dial: 9 });
  });

  it('has nothing to go on without a complete week or without the rep', () => {
    // 16 – 18 Nov is no complete week.
    expect(bestDailyRates(tally.reps.get('ann'), ['dial'], '2026-11-16', AS_OF, calendar)).toEqual({ dial: null });
    expect(bestDailyRates(undefined, ['dial'], '2026-10-28', AS_OF, calendar)).toEqual({ dial: null });
  });

  it.each<[string, number | null, number | null, boolean]>([
    // The example's Connor Walsh: 20.4 dials a day against a best week of 9.0 a day: 20.4 > 2 × 9 = 18.
    ['20.4 a day against 9', 20.4, 9, true],
    // Exactly twice the best week is still within reach (need > 2 × best).
    ['18 a day against 9', 18, 9, false],
    ['18.01 a day against 9', 18.01, 9, true],
    ['nothing needed', 0, 9, false],
    ['no need known', null, 9, false],
    ['no history', 40, null, false],
  ])('isBeyondHistory: %s', (_name, need, best, expected) => expect(isBeyondHistory(need, best)).toBe(expected));
});

describe('buildReport: the cycle of each rep', () => {
  // Lookback 90 days to 18 Nov: 21 Aug – 18 Nov.
  //   ann: closes created 10, 20 and 30 days before → her own median 20 (basis rep, 3 closes).
  //   bo:  closes of 5 and 7 days in the lookback, one of 100 days on 1 Aug (before the lookback), and one
  //        closed 3 days before it was created: 2 usable → the team's median over
  //        10, 20, 30, 5, 7 → sorted 5, 7, 10, 20, 30 → 10 (basis team, 5 closes).
  //   cy:  no created dates at all → the team's too.
  const tally = new Tally();
  const close = (key: string, name: string, date: string, days: number) => {
    tally.add(key, name, 'close', date);
    tally.addCycle(key, date, days);
  };
  close('ann', 'Ann', '2026-10-06', 10);
  close('ann', 'Ann', '2026-10-20', 20);
  close('ann', 'Ann', '2026-11-16', 30);
  close('bo', 'Bo', '2026-11-02', 5);
  close('bo', 'Bo', '2026-11-10', 7);
  close('bo', 'Bo', '2026-08-01', 100);
  close('bo', 'Bo', '2026-11-12', -3);
  tally.add('bo', 'Bo', 'second_meeting', '2026-11-12', 2);
  tally.add('bo', 'Bo', 'proposal', '2026-11-17', 1);
  tally.add('cy', 'Cy', 'close', '2026-11-03');
  const books: [string, string, GoalBook][] = [
    ['ann', 'Ann', { byPeriod: new Map([['2026-12', { goal: 5, commitments: {}, commitmentsPer: {} }]]), general: null, config: { goal: 3, commitments: {}, commitmentsPer: {} } }],
    ['bo', 'Bo', fixedGoalBook(2)],
    ['cy', 'Cy', fixedGoalBook(1)],
  ];
  const report = buildReport({
    tally,
    stages: STAGES.map((id) => ({ id, label: id })),
    calendar,
    asOf: AS_OF,
    period: { label: '2026-11', start: '2026-11-01', end: NOV_END },
    lookbackDays: 90,
    priorCloses: 0,
    namedReps: new Map(books.map(([key, name, book]) => [key, { name, book }])),
  });
  const rep = (name: string) => report.reps.find((r) => r.rep === name)!;

  it('rep basis with 3 closes; lands after the period and plans next month with next month goal', () => {
    const ann = rep('Ann');
    // 20 > 12 days to the end of November.
    expect(ann.cycle).toMatchObject({ medianDays: 20, closes: 3, basis: 'rep', landsAfterPeriod: true });
    // since 18 Nov − 19 = 30 Oct; Ann has no second meetings or proposals.
    expect(ann.cycle?.underWay).toEqual({ since: '2026-10-30', counts: { second_meeting: 0, proposal: 0 } });
    // December's goal is the targets row for 2026-12 (5), not the config's 3; closes ceil(5 × 1) = 5 over 22 days.
    expect(ann.nextPeriod).toMatchObject({ label: '2026-12', goal: 5, workingDays: 22 });
    expect(ann.nextPeriod?.stages.find((s) => s.stage === 'close')).toEqual({ stage: 'close', required: 5, perWorkingDay: 5 / 22 });
  });

  it('team basis under 3 closes; a cycle inside the period has no next-period plan', () => {
    const bo = rep('Bo');
    // 10 ≤ 12 days: new activity can still close in November.
    expect(bo.cycle).toMatchObject({ medianDays: 10, closes: 5, basis: 'team', landsAfterPeriod: false });
    // since 18 Nov − 9 = 9 Nov: second meetings 12 Nov (2), proposals 17 Nov (1).
    expect(bo.cycle?.underWay).toEqual({ since: '2026-11-09', counts: { second_meeting: 2, proposal: 1 } });
    expect(bo.nextPeriod).toBeNull();
    expect(rep('Cy').cycle).toMatchObject({ medianDays: 10, closes: 5, basis: 'team' });
  });

  it('the team cycle rests on every close with a created date in the lookback', () => {
    expect(report.team.cycle).toMatchObject({ medianDays: 10, closes: 5, basis: 'team', landsAfterPeriod: false });
    expect(report.team.nextPeriod).toBeNull();
  });

  it('no created dates anywhere: no cycle and no next-period plan', () => {
    const plain = new Tally();
    plain.add('ann', 'Ann', 'close', '2026-11-03', 2);
    const none = buildReport({
      tally: plain,
      stages: STAGES.map((id) => ({ id, label: id })),
      calendar,
      asOf: AS_OF,
      period: { label: '2026-11', start: '2026-11-01', end: NOV_END },
      lookbackDays: 90,
      priorCloses: 0,
      namedReps: new Map([['ann', { name: 'Ann', book: fixedGoalBook(3) }]]),
    });
    expect(none.reps[0].cycle).toBeNull();
    expect(none.reps[0].nextPeriod).toBeNull();
    expect(none.team.cycle).toBeNull();
  });
});
