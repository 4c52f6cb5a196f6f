import { describe, expect, it } from 'vitest';
import { fixedGoalBook, goalOf, goalParts, shareCommitments, shareGoal, type GoalBook, type PlanRow } from '../../src/engine/goals.js';
import type { Calendar, Period } from '../../src/engine/model.js';
import type { GoalPeriodKind } from '../../src/engine/periods.js';
import { resolvePeriod } from '../../src/engine/periods.js';

// The team calendar: Mon–Fri, Thanksgiving (Thu 2026-11-26) and Christmas (Fri 2026-12-25) off.
// Working days, counted by hand:
//   Oct 2026 (Oct 1 is a Thursday): 1–2, 5–9, 12–16, 19–23, 26–30        = 2+5+5+5+5   = 22
//   Nov 2026 (Nov 1 is a Sunday):   2–6, 9–13, 16–20, 23–27 − 26th, 30   = 5+5+5+4+1   = 20
//   Dec 2026 (Dec 1 is a Tuesday):  1–4, 7–11, 14–18, 21–25 − 25th, 28–31 = 4+5+5+4+4  = 22
//   Jan 2027 (Jan 1 is a Friday):   1, 4–8, 11–15, 18–22, 25–29          = 1+5+5+5+5   = 21
//   Q4 2026 = 22 + 20 + 22 = 64
const calendar: Calendar = {
  weekStartsOn: 1,
  workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']),
  holidays: new Set(['2026-11-26', '2026-12-25']),
};
// The same with Tue 2026-11-17 off too: November has 19 working days, week 47 has 4.
const withTuesdayOff: Calendar = { ...calendar, holidays: new Set([...calendar.holidays, '2026-11-17']) };

const row = (goal: number | null, commitments: Record<string, number> = {}, per: 'week' | 'period' = 'week'): PlanRow => ({
  goal,
  commitments,
  commitmentsPer: Object.fromEntries(Object.keys(commitments).map((s) => [s, per])),
});

/** A book from targets rows by goal period label, an optional row without a period and a config goal. */
function book(byPeriod: Record<string, number | null>, general: number | null = null, config: number | null = null): GoalBook {
  return {
    byPeriod: new Map(Object.entries(byPeriod).map(([label, goal]) => [label.toLowerCase(), row(goal)])),
    general: general === null ? null : row(general),
    config: config === null ? null : row(config),
  };
}

const period = (expr: string, cal: Calendar = calendar): Period => resolvePeriod(expr, '2026-11-18', cal);

/** [label, goal of the goal period, its working days, its working days inside the reported period] */
type Part = [string, number | null, number, number];

describe('shareGoal: G = Σ goal_Q × wd(P ∩ Q) / wd(Q)', () => {
  it.each<[string, string, GoalPeriodKind, GoalBook, Calendar, number | null, Part[]]>([
    // Week 47 (Mon 16 – Sun 22 Nov) holds 5 of November's 20 working days: 10 × 5/20 = 2.5.
    ['a week inside a month', '2026-W47', 'month', book({}, 10), calendar, 2.5, [['2026-11', 10, 20, 5]]],
    // Week 48 (23–29 Nov) has Thanksgiving: 4 working days, 10 × 4/20 = 2.
    ['a week with a holiday', '2026-W48', 'month', book({}, 10), calendar, 2, [['2026-11', 10, 20, 4]]],
    // Tue 17 off too: November has 19 working days and week 47 has 4: 10 × 4/19 = 40/19 = 2.105…
    ['a holiday inside the week also shortens the month', '2026-W47', 'month', book({}, 10), withTuesdayOff, 40 / 19, [['2026-11', 10, 19, 4]]],
    // Week 49 is Mon 30 Nov – Sun 6 Dec: 1 of November's 20 days, 4 (Tue 1 – Fri 4) of December's 22:
    // 10 × 1/20 + 12 × 4/22 = 0.5 + 2.1818… = 11/22 + 48/22 = 59/22 = 2.6818…
    ['a week across two months with different goals', '2026-W49', 'month', book({ '2026-11': 10, '2026-12': 12 }), calendar, 59 / 22, [
      ['2026-11', 10, 20, 1],
      ['2026-12', 12, 22, 4],
    ]],
    // Week 53 is Mon 28 Dec 2026 – Sun 3 Jan 2027: Dec 28–31 (4 of 22), Fri Jan 1 (1 of 21; not a holiday here):
    // 11 × 4/22 + 21 × 1/21 = 2 + 1 = 3; January's goal comes from the row without a period.
    ['a week across two years', '2026-W53', 'month', book({ '2026-12': 11 }, 21), calendar, 3, [
      ['2026-12', 11, 22, 4],
      ['2027-01', 21, 21, 1],
    ]],
    // 1–15 Nov: working days 2–6 and 9–13 = 10 of 20: 10 × 10/20 = 5.
    ['a range', '2026-11-01..2026-11-15', 'month', book({}, 10), calendar, 5, [['2026-11', 10, 20, 10]]],
    // The whole month is its own goal, exactly: 7 × 20/20 = 7.
    ['the goal period itself', '2026-11', 'month', book({ '2026-11': 7 }), calendar, 7, [['2026-11', 7, 20, 20]]],
    // Q4 under monthly goals: 8 + 10 + 12 = 30, each month whole.
    ['a quarter of monthly goals', '2026-Q4', 'month', book({ '2026-10': 8, '2026-11': 10, '2026-12': 12 }), calendar, 30, [
      ['2026-10', 8, 22, 22],
      ['2026-11', 10, 20, 20],
      ['2026-12', 12, 22, 22],
    ]],
    // November under goalPeriod quarter: 20 of Q4's 64 working days: 30 × 20/64 = 9.375.
    ['a month under goalPeriod quarter', '2026-11', 'quarter', book({ '2026-Q4': 30 }), calendar, 9.375, [['2026-Q4', 30, 64, 20]]],
    // November under weekly goals of 3: W44 (26 Oct – 1 Nov) shares 0 days (1 Nov is a Sunday) and adds 0;
    // W45, W46, W47 whole (5 of 5), W48 whole (4 of 4, Thanksgiving), W49 1 of 5 (Mon 30 Nov; Dec 1–4 work):
    // 0 + 3 + 3 + 3 + 3 + 3 × 1/5 = 12.6.
    ['a month under weekly goals', '2026-11', 'week', book({}, 3), calendar, 12.6, [
      ['2026-W44', 3, 5, 0],
      ['2026-W45', 3, 5, 5],
      ['2026-W46', 3, 5, 5],
      ['2026-W47', 3, 5, 5],
      ['2026-W48', 3, 4, 4],
      ['2026-W49', 3, 5, 1],
    ]],
    // Only November has a goal: December adds nothing, 10 × 1/20 = 0.5.
    ['a goal period with no goal adds nothing', '2026-W49', 'month', book({ '2026-11': 10 }), calendar, 0.5, [
      ['2026-11', 10, 20, 1],
      ['2026-12', null, 22, 4],
    ]],
    // No goal anywhere: no goal at all (null, not 0), the goal periods still listed.
    ['no goal in any goal period', '2026-W49', 'month', book({}), calendar, null, [
      ['2026-11', null, 20, 1],
      ['2026-12', null, 22, 4],
    ]],
    // A week off entirely (Mon 21 – Fri 25 Dec all holidays) under weekly goals: wd(Q) = 0 adds 0.
    ['a goal period without working days adds 0', '2026-W52', 'week', book({}, 5), { ...calendar, holidays: new Set(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25']) }, 0, [
      ['2026-W52', 5, 0, 0],
    ]],
  ])('%s (%s, goalPeriod %s)', (_name, expr, kind, goals, cal, expected, parts) => {
    const share = shareGoal(goals, period(expr, cal), kind, cal);
    if (expected === null) expect(share.goal).toBeNull();
    else expect(share.goal).toBeCloseTo(expected, 12);
    expect(share.parts.map((p) => [p.label, p.goal, p.workingDays, p.sharedWorkingDays])).toEqual(parts);
  });

  it('gives a whole goal period its goal exactly, not merely close to it', () => {
    // Integer goals and the quarter's sum are exact: 8 + 10 + 12 = 30, 7 × 20/20 = 7.
    expect(shareGoal(book({ '2026-10': 8, '2026-11': 10, '2026-12': 12 }), period('2026-Q4'), 'month', calendar).goal).toBe(30);
    expect(shareGoal(book({ '2026-11': 7 }), period('2026-11'), 'month', calendar).goal).toBe(7);
    // A fractional monthly goal of 1.7 over a month of 21 working days (November without Thanksgiving):
    // the contract says "P equal to one goal period gives exactly goal_Q", so 1.7, not 1.7 × 21 / 21 = 1.6999999999999997.
    const noHolidays: Calendar = { ...calendar, holidays: new Set() };
    expect(shareGoal(book({ '2026-11': 1.7 }), period('2026-11', noHolidays), 'month', noHolidays).goal).toBe(1.7);
  });

  it('does not move the goal for a rep calendar: the share is over the team calendar passed in', () => {
    // The same week under the team calendar is 2.5 whatever anyone's time off (time off is not a holiday here).
    const parts = goalParts(book({}, 10), period('2026-W47'), 'month', calendar);
    expect(parts).toEqual([{ label: '2026-11', start: '2026-11-01', end: '2026-11-30', goal: 10, workingDays: 20, sharedWorkingDays: 5 }]);
  });
});

describe('goalOf: the targets row for the goal period, then the row without a period, then the config', () => {
  it.each<[string, GoalBook, string, number | null]>([
    ['the period row wins', book({ '2026-11': 9 }, 6, 4), '2026-11', 9],
    ['labels match whatever their case', book({ '2026-q4': 12 }, 6, 4), '2026-Q4', 12],
    ['another period falls to the row without a period', book({ '2026-11': 9 }, 6, 4), '2026-12', 6],
    ['no targets row: the config goal', book({ '2026-11': 9 }, null, 4), '2026-12', 4],
    ['a period row with an empty goal falls through', book({ '2026-11': null }, 6, 4), '2026-11', 6],
    ['nothing anywhere', book({}), '2026-11', null],
    ['a goal of 0 is a goal', book({ '2026-11': 0 }, 6), '2026-11', 0],
  ])('%s', (_name, goals, label, expected) => expect(goalOf(goals, label)).toBe(expected));

  it('fixedGoalBook gives every goal period the same goal', () => {
    const fixed = fixedGoalBook(4);
    expect([goalOf(fixed, '2026-11'), goalOf(fixed, '2026-W47'), goalOf(fixed, '2027-Q1')]).toEqual([4, 4, 4]);
    // Week 49 under it: 4 × 1/20 + 4 × 4/22 = 0.2 + 0.7272… = 0.92727…
    expect(shareGoal(fixed, period('2026-W49'), 'month', calendar).goal).toBeCloseTo(0.2 + 16 / 22, 12);
  });
});

describe('shareCommitments', () => {
  const w49 = period('2026-W49');
  const parts = (goals: GoalBook) => goalParts(goals, w49, 'month', calendar);

  it('takes per-week promises whole from the goal period holding the reference day', () => {
    const goals: GoalBook = { byPeriod: new Map([['2026-11', row(null, { dial: 60 })]]), general: row(null, { dial: 40 }), config: null };
    // Reference day Mon 30 Nov: November's row, 60 a week, not shared out.
    expect(shareCommitments(goals, parts(goals), '2026-11-30', 'month', calendar)).toEqual({ commitments: { dial: 60 }, per: { dial: 'week' } });
    // Reference day Wed 2 Dec: December has no row of its own, so the row without a period: 40 a week.
    expect(shareCommitments(goals, parts(goals), '2026-12-02', 'month', calendar)).toEqual({ commitments: { dial: 40 }, per: { dial: 'week' } });
  });

  it('shares per-period promises out over the goal periods like the goal', () => {
    const goals: GoalBook = {
      byPeriod: new Map([
        ['2026-11', row(null, { appointment_kept: 20 }, 'period')],
        ['2026-12', row(null, { appointment_kept: 22 }, 'period')],
      ]),
      general: null,
      config: null,
    };
    // 20 × 1/20 + 22 × 4/22 = 1 + 4 = 5 kept appointments in week 49.
    const got = shareCommitments(goals, parts(goals), '2026-12-02', 'month', calendar);
    expect(got.per).toEqual({ appointment_kept: 'period' });
    expect(got.commitments.appointment_kept).toBeCloseTo(5, 12);
  });

  it('falls back stage by stage: a period row without a stage takes it from the row without a period', () => {
    const goals: GoalBook = {
      byPeriod: new Map([['2026-11', row(3, { dial: 60 })]]),
      general: row(null, { dial: 40, appointment_set: 8 }),
      config: row(null, { appointment_kept: 5 }),
    };
    // Reference day in November: dial from its row (60), appointment_set from the general row (8), kept from the config (5).
    const got = shareCommitments(goals, parts(goals), '2026-11-30', 'month', calendar);
    expect(got.commitments).toEqual({ dial: 60, appointment_set: 8, appointment_kept: 5 });
  });
});
