import { describe, expect, it } from 'vitest';
import { neededStages, neededStatus } from '../../src/engine/calculator.js';
import { fixedGoalBook } from '../../src/engine/goals.js';
import type { Calendar, PeriodInfo, Shortfall, StageNeed } from '../../src/engine/model.js';
import { buildReport } from '../../src/engine/report.js';
import { activityWorth, hasReached, settleReached, statusOf } from '../../src/engine/status.js';
import { Tally } from '../../src/engine/tally.js';

// Mon–Fri, Thanksgiving off: November 2026 has 20 working days; as of Wed 18 Nov, 13 done and 7 left.
// Week 47 (Mon 16 – Sun 22 Nov) has 5, of which 16, 17, 18 are done (3) and 19, 20 left (2).
const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set(['2026-11-26']) };
const nov: PeriodInfo = { label: '2026-11', start: '2026-11-01', end: '2026-11-30', workingDays: 20, workingDaysElapsed: 13, workingDaysLeft: 7 };
const STAGES = [
  { id: 'dial', label: 'Dials' },
  { id: 'appointment_set', label: 'Appts set' },
  { id: 'close', label: 'Closes' },
];
const IDS = STAGES.map((s) => s.id);

describe('hasReached', () => {
  it.each<[string, number | null, number, boolean]>([
    ['exact: 3 closes of 3', 3, 3, true],
    ['one short: 2 of 3', 3, 2, false],
    ['over: 5 of 3', 3, 5, true],
    ['fractional G: 2.5 is reached by 3', 2.5, 3, true],
    ['fractional G: 2.5 is not reached by 2', 2.5, 2, false],
    // Week 49's share 10 × 1/20 + 12 × 4/22 = 59/22 = 2.68: 3 reach it, 2 do not.
    ['a two-month week: 59/22 by 3', 59 / 22, 3, true],
    ['a two-month week: 59/22 not by 2', 59 / 22, 2, false],
    // Floating-point noise above a whole goal does not keep a rep from reaching it.
    ['noise: 1 + 1e-12 by 1', 1 + 1e-12, 1, true],
    ['not noise: 1 + 1e-6 by 1', 1 + 1e-6, 1, false],
    ['no goal', null, 5, false],
    ['a goal of 0 is never "reached" (G > 0)', 0, 0, false],
    ['a goal of 0 with closes is not "reached" either', 0, 2, false],
  ])('%s', (_name, goal, closes, expected) => expect(hasReached(goal, closes)).toBe(expected));
});

describe('statusOf', () => {
  const warning: Shortfall = { stage: 'dial', required: 100, projected: 85, gap: 15, severity: 'warning' };
  const critical: Shortfall = { stage: 'close', required: 4, projected: 1, gap: 3, severity: 'critical' };
  it.each<[string, boolean, Shortfall[], string]>([
    ['reached wins over any shortfall', true, [warning, critical], 'reached'],
    ['reached without shortfalls', true, [], 'reached'],
    ['critical wins over warning', false, [warning, critical], 'critical'],
    ['critical alone', false, [critical], 'critical'],
    ['only warnings: behind', false, [warning], 'behind'],
    ['nothing short: on track', false, [], 'on_track'],
  ])('%s', (_name, isReached, shortfalls, expected) => expect(statusOf(isReached, shortfalls)).toBe(expected));
});

describe('settleReached', () => {
  it('sets remaining and per day to 0 at every stage and keeps required, done and projected', () => {
    const open: Record<string, StageNeed> = {
      dial: { required: 25, done: 8, remaining: 17, perWorkingDay: 8.5, projected: 40 / 3 },
      close: { required: 3, done: 3, remaining: 0, perWorkingDay: 0, projected: 5 },
    };
    expect(settleReached(open)).toEqual({
      dial: { required: 25, done: 8, remaining: 0, perWorkingDay: 0, projected: 40 / 3 },
      close: { required: 3, done: 3, remaining: 0, perWorkingDay: 0, projected: 5 },
    });
  });
});

describe('activityWorth = projected ÷ ratio', () => {
  const need = (projected: number | null): StageNeed => ({ required: 0, done: 0, remaining: 0, perWorkingDay: 0, projected });
  it.each<[string, number | null, number | null, number | null]>([
    // "Jane needs 15 dials a close and is on pace for 150 dials": worth 150 / 15 = 10 closes.
    ['on pace for 150 dials at 15 a close', 150, 15, 10],
    // 40/3 dials projected at 10 a close: worth 4/3 = 1.333 closes.
    ['a fractional pace', 40 / 3, 10, 4 / 3],
    // A close is worth one close: projected 5 closes at ratio 1.
    ['the goal stage', 5, 1, 5],
    ['nothing projected before the first working day', null, 10, null],
    ['no ratio (no closes and K = 0)', 130, null, null],
    // A ratio of 0 (the stage was never needed for a close) would make the activity worth infinitely many.
    ['a ratio of 0', 130, 0, null],
  ])('%s', (_name, projected, ratio, expected) => {
    const got = activityWorth({ dial: need(projected) }, { dial: ratio }, ['dial']).dial;
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
  });

  it('is null for a stage missing from the needs', () => {
    expect(activityWorth({}, { dial: 10 }, ['dial'])).toEqual({ dial: null });
  });
});

describe('buildReport: reached, and the goal stage with K = 0', () => {
  // Three reps with goal 10 a month; week 47's share is 10 × 5/20 = 2.5.
  //   ann: Oct 5 92 dials + 16 appts, Oct 6 7 closes; Nov 16 3 closes, Nov 17 8 dials + 4 appts.
  //   cy:  the same but Oct 6 8 closes and Nov 16 2 closes.
  //   Both have in the lookback (21 Aug – 18 Nov) 100 dials, 20 appts, 10 closes: raw ratios 10, 2, 1.
  //   bo:  named, no activity at all.
  // K = 0, so the ratios are the reps' own.
  const tally = new Tally();
  for (const [key, name, octCloses, w47Closes] of [['ann', 'Ann', 7, 3], ['cy', 'Cy', 8, 2]] as const) {
    tally.add(key, name, 'dial', '2026-10-05', 92);
    tally.add(key, name, 'appointment_set', '2026-10-05', 16);
    tally.add(key, name, 'close', '2026-10-06', octCloses);
    tally.add(key, name, 'close', '2026-11-16', w47Closes);
    tally.add(key, name, 'dial', '2026-11-17', 8);
    tally.add(key, name, 'appointment_set', '2026-11-17', 4);
  }
  const report = buildReport({
    tally,
    stages: STAGES,
    calendar,
    asOf: '2026-11-18',
    period: { label: '2026-W47', start: '2026-11-16', end: '2026-11-22' },
    lookbackDays: 90,
    priorCloses: 0,
    namedReps: new Map([
      ['ann', { name: 'Ann', book: fixedGoalBook(10) }],
      ['bo', { name: 'Bo', book: fixedGoalBook(10) }],
      ['cy', { name: 'Cy', book: fixedGoalBook(10) }],
    ]),
  });
  const rep = (name: string) => report.reps.find((r) => r.rep === name)!;

  it('judges the week against its share of the month: 2.5', () => {
    expect(report.period).toMatchObject({ workingDays: 5, workingDaysElapsed: 3, workingDaysLeft: 2, goalPeriod: 'month' });
    for (const name of ['Ann', 'Bo', 'Cy']) expect(rep(name).goal).toBe(2.5);
  });

  it('a reached rep (3 of 2.5) has no shortfalls, and remaining and per day 0 at every stage', () => {
    const ann = rep('Ann');
    expect(ann.status).toBe('reached');
    expect(ann.shortfalls).toEqual([]);
    // Required: dials ceil(2.5 × 10) = 25, appts ceil(2.5 × 2) = 5, closes ceil(2.5) = 3.
    // Projected over 5 days from 3 done: dials 8 × 5/3 = 40/3 = 13.3 (below 25: a shortfall were she not reached),
    // appts 4 × 5/3 = 20/3, closes 3 × 5/3 = 5.
    expect(ann.needed.dial).toMatchObject({ required: 25, done: 8, remaining: 0, perWorkingDay: 0 });
    expect(ann.needed.appointment_set).toMatchObject({ required: 5, done: 4, remaining: 0, perWorkingDay: 0 });
    expect(ann.needed.close).toMatchObject({ required: 3, done: 3, remaining: 0, perWorkingDay: 0 });
    expect(ann.needed.dial.projected).toBeCloseTo(40 / 3, 12);
    expect(ann.needed.close.projected).toBeCloseTo(5, 12);
    // Activity worth: dials 13.33 / 10 = 1.33 closes, appts 6.67 / 2 = 3.33, closes 5 / 1 = 5.
    expect(ann.activityWorth.dial).toBeCloseTo(4 / 3, 12);
    expect(ann.activityWorth.appointment_set).toBeCloseTo(10 / 3, 12);
    expect(ann.activityWorth.close).toBeCloseTo(5, 12);
  });

  it('a rep one close short of a fractional goal (2 of 2.5) is judged by pace', () => {
    const cy = rep('Cy');
    // Closes: required 3, projected 2 × 5/3 = 3.33 ≥ 3, no shortfall; 1 left over 2 days = 0.5 a day.
    // Dials: required 25, projected 13.33 < 0.8 × 25 = 20: critical, gap ceil(25 − 13.33) = 12; 17 left, 8.5 a day.
    expect(cy.status).toBe('critical');
    expect(cy.shortfalls).toHaveLength(1);
    expect(cy.shortfalls[0]).toMatchObject({ stage: 'dial', required: 25, gap: 12, severity: 'critical' });
    expect(cy.needed.close).toMatchObject({ required: 3, done: 2, remaining: 1, perWorkingDay: 0.5 });
    expect(cy.needed.dial).toMatchObject({ remaining: 17, perWorkingDay: 8.5 });
  });

  it('a rep with a goal, no closes and no activity is critical at K = 0: the goal stage ratio is 1', () => {
    const bo = rep('Bo');
    // No closes and K = 0: no dial or appt ratio, but closes per close = 1.
    expect(bo.ratios).toEqual({ dial: null, appointment_set: null, close: 1 });
    // Closes: required ceil(2.5 × 1) = 3, projected 0 × 5/3 = 0 < 0.8 × 3: critical, gap 3.
    expect(bo.needed.close).toMatchObject({ required: 3, done: 0, remaining: 3, projected: 0 });
    expect(bo.status).toBe('critical');
    expect(bo.shortfalls).toEqual([{ stage: 'close', required: 3, projected: 0, gap: 3, severity: 'critical' }]);
    expect(bo.activityWorth).toEqual({ dial: null, appointment_set: null, close: 0 });
  });

  it('over a whole month, a rep with no closes needs exactly G closes and is projected at 0', () => {
    const monthly = buildReport({
      tally: new Tally(),
      stages: STAGES,
      calendar,
      asOf: '2026-11-18',
      period: nov,
      lookbackDays: 90,
      priorCloses: 0,
      namedReps: new Map([['bo', { name: 'Bo', book: fixedGoalBook(4) }]]),
    });
    const [bo] = monthly.reps;
    // G = 4 (the month itself); required closes = 4 × 1 = 4; projected 0 × 20/13 = 0; 4 left over 7 days.
    expect(bo.goal).toBe(4);
    expect(bo.needed.close).toEqual({ required: 4, done: 0, remaining: 4, perWorkingDay: 4 / 7, projected: 0 });
    expect(bo.status).toBe('critical');
  });

  it('a rep over the goal is reached; a goal of 0 is not', () => {
    const t = new Tally();
    t.add('dee', 'Dee', 'close', '2026-11-10', 5);
    t.add('eve', 'Eve', 'close', '2026-11-10', 1);
    const monthly = buildReport({
      tally: t,
      stages: STAGES,
      calendar,
      asOf: '2026-11-18',
      period: nov,
      lookbackDays: 90,
      priorCloses: 2,
      namedReps: new Map([
        ['dee', { name: 'Dee', book: fixedGoalBook(2) }],
        ['eve', { name: 'Eve', book: fixedGoalBook(0) }],
      ]),
    });
    const dee = monthly.reps.find((r) => r.rep === 'Dee')!;
    const eve = monthly.reps.find((r) => r.rep === 'Eve')!;
    // Dee: 5 of 2 closes.
    expect(dee.status).toBe('reached');
    for (const s of IDS) expect(dee.needed[s]).toMatchObject({ remaining: 0, perWorkingDay: 0 });
    // Eve: G = 0 is not "reached" (G > 0 is required), and needs nothing: on track.
    expect(eve.status).toBe('on_track');
  });
});

describe('neededStages and neededStatus', () => {
  // November as of the 18th: 20 working days, 13 done, 7 left; ratios 10 dials and 1 close per close.
  const ratios = { dial: 10, close: 1 };
  const stages = ['dial', 'close'];
  it.each<[string, number, { dial: number; close: number }, string]>([
    // 4 of 4 closes: reached, whatever the dials (30 of 40).
    ['exact: reached', 4, { dial: 30, close: 4 }, 'reached'],
    ['over: reached', 2, { dial: 30, close: 3 }, 'reached'],
    // Goal 3: dials need 30, projected 30 × 20/13 = 46.2; closes need 3, projected 2 × 20/13 = 3.08: on track.
    ['on pace', 3, { dial: 30, close: 2 }, 'on_track'],
    // Goal 5: dials need 50, projected 46.2 ≥ 40; closes need 5, projected 3 × 20/13 = 4.62 ≥ 4: warnings only.
    ['behind', 5, { dial: 30, close: 3 }, 'behind'],
    // Goal 4: dials need 40, projected 10 × 20/13 = 15.4 < 32: critical.
    ['far behind', 4, { dial: 10, close: 0 }, 'critical'],
  ])('%s', (_name, goal, done, expected) => {
    const rows = neededStages(goal, ratios, done, stages, nov, 5);
    expect(neededStatus(goal, rows)).toBe(expected);
  });

  it('a reached goal leaves 0 remaining, 0 a day and 0 a week at every stage', () => {
    const rows = neededStages(4, ratios, { dial: 30, close: 4 }, stages, nov, 5);
    // Required dials 4 × 10 = 40 (30 done, 10 would be left were the goal not reached).
    expect(rows).toEqual([
      { stage: 'dial', perClose: 10, required: 40, done: 30, remaining: 0, perWorkingDay: 0, perWeek: 0, projected: (30 * 20) / 13 },
      { stage: 'close', perClose: 1, required: 4, done: 4, remaining: 0, perWorkingDay: 0, perWeek: 0, projected: (4 * 20) / 13 },
    ]);
  });

  it('an open goal leaves remaining ÷ days left a day', () => {
    const rows = neededStages(5, ratios, { dial: 30, close: 3 }, stages, nov, 5);
    // Dials: 50 − 30 = 20 left, 20/7 a day, 100/7 a week; closes: 2 left, 2/7 a day.
    expect(rows[0]).toMatchObject({ required: 50, remaining: 20 });
    expect(rows[0].perWorkingDay).toBeCloseTo(20 / 7, 12);
    expect(rows[0].perWeek).toBeCloseTo(100 / 7, 12);
    expect(rows[1]).toMatchObject({ required: 5, remaining: 2 });
  });
});
