import { describe, expect, it } from 'vitest';
import { fixedGoalBook } from '../../src/engine/goals.js';
import type { Calendar, StageId } from '../../src/engine/model.js';
import { poissonAtLeast } from '../../src/engine/coaching/probability.js';
import { buildReport, compareNames, planReport, type CoachedReport, type NamedRepInput, type ReportInput } from '../../src/engine/report.js';
import { Tally } from '../../src/engine/tally.js';

// November 2026, Monday to Friday, Thanksgiving (the 26th) off: 20 working days. As of Wednesday
// the 18th: 13 elapsed (2–6, 9–13, 16–18), 7 left. A 30-day lookback: Oct 20 – Nov 18.
const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set(['2026-11-26']) };
const stages = [
  { id: 'dial', label: 'Dials' },
  { id: 'conversation', label: 'Conversations' },
  { id: 'close', label: 'Closes' },
];
const stageIds = stages.map((s) => s.id);

// Ann (goal 10): Oct 21 100 dials, 20 conversations, 2 closes (lookback only); Nov 2 60/12/1;
// Nov 16 70/8/2; Nov 20 50 dials (after as-of: counted nowhere).
// Dee (not named, no goal): Nov 10 40/10/1. Bo: one event on Oct 1, before both windows.
// Cy: named, no goal, no events.
function tally(): Tally {
  const t = new Tally();
  const add = (key: string, name: string, date: string, dial: number, conversation: number, close: number) => {
    if (dial) t.add(key, name, 'dial', date, dial);
    if (conversation) t.add(key, name, 'conversation', date, conversation);
    if (close) t.add(key, name, 'close', date, close);
  };
  add('ann', 'ann spelled as seen', '2026-10-21', 100, 20, 2);
  add('ann', 'ann spelled as seen', '2026-11-02', 60, 12, 1);
  add('ann', 'ann spelled as seen', '2026-11-16', 70, 8, 2);
  add('ann', 'ann spelled as seen', '2026-11-20', 50, 0, 0);
  add('dee', 'Dee', '2026-11-10', 40, 10, 1);
  add('bo', 'Bo', '2026-10-01', 10, 0, 0);
  return t;
}

function input(change: Partial<ReportInput> = {}, named: Record<string, NamedRepInput> = {}): ReportInput {
  return {
    tally: tally(),
    stages,
    calendar,
    asOf: '2026-11-18',
    period: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' },
    lookbackDays: 30,
    priorCloses: 0,
    namedReps: new Map(Object.entries({ ann: { name: 'Ann', book: fixedGoalBook(10) }, cy: { name: 'Cy' }, ...named })),
    ...change,
  };
}

const rep = (r: CoachedReport, name: string) => r.reps.find((x) => x.rep === name)!;

// Built inside each test, not once per file: mutation testing attributes code to the test that runs it.
function built() {
  const report = buildReport(input());
  return { report, ann: rep(report, 'Ann') };
}

describe('buildReport', () => {

  it('reports the period and lookback it used', () => {
    const { report } = built();
    expect(report.asOf).toBe('2026-11-18');
    expect(report.period).toEqual({ label: '2026-11', start: '2026-11-01', end: '2026-11-30', goalPeriod: 'month', workingDays: 20, workingDaysElapsed: 13, workingDaysLeft: 7 });
    // 30 days ending on as-of: Nov 18 − 29 days = Oct 20.
    expect(report.lookback).toEqual({ start: '2026-10-20', end: '2026-11-18' });
    expect(report.stages).toEqual(stages);
  });

  it('lists the named reps and those with events in the period or lookback, by name', () => {
    const { report } = built();
    // Bo's only event is before both windows; Cy is named without events.
    expect(report.reps.map((r) => r.rep)).toEqual(['Ann', 'Cy', 'Dee']);
  });

  it('counts the period up to as-of and the lookback', () => {
    const { report, ann } = built();
    // Nov 2 + Nov 16: 130 dials, 20 conversations, 3 closes; Nov 20 is after as-of.
    expect(ann.counts).toEqual({ dial: 130, conversation: 20, close: 3 });
    // Oct 21 + Nov 2 + Nov 16: 230, 40, 5.
    expect(ann.lookbackCounts).toEqual({ dial: 230, conversation: 40, close: 5 });
    expect(rep(report, 'Cy').counts).toEqual({ dial: 0, conversation: 0, close: 0 });
  });

  it('sums the team over every rep, with the team ratios', () => {
    const { report } = built();
    // Period: Ann 130/20/3 + Dee 40/10/1. Lookback: Ann 230/40/5 + Dee 40/10/1.
    expect(report.team.counts).toEqual({ dial: 170, conversation: 30, close: 4 });
    expect(report.team.lookbackCounts).toEqual({ dial: 270, conversation: 50, close: 6 });
    // 270 / 6 = 45 dials and 50 / 6 = 8.33 conversations per close.
    expect(report.team.ratios.dial).toBe(45);
    expect(report.team.ratios.conversation).toBeCloseTo(50 / 6, 12);
    expect(report.team.ratios.close).toBe(1);
    expect(report.team.cycle).toBeNull();
    expect(report.team.nextPeriod).toBeNull();
  });

  it("computes the rep's ratios, goal, needed activity and shortfalls", () => {
    const { ann } = built();
    // priorCloses 0: the raw ratios, 230 / 5 = 46 and 40 / 5 = 8 per close.
    expect(ann.ratios).toEqual({ dial: 46, conversation: 8, close: 1 });
    expect(ann.rawRatios).toEqual(ann.ratios);
    // A monthly goal of 10 over the whole month: all 20 of its working days.
    expect(ann.goal).toBe(10);
    expect(ann.goalParts).toEqual([{ label: '2026-11', start: '2026-11-01', end: '2026-11-30', goal: 10, workingDays: 20, sharedWorkingDays: 20 }]);
    // dial: 10 × 46 = 460 required, 460 − 130 = 330 left over 7 days; projected 130 × 20 / 13 = 200.
    expect(ann.needed.dial).toMatchObject({ required: 460, done: 130, remaining: 330 });
    expect(ann.needed.dial.perWorkingDay).toBeCloseTo(330 / 7, 12);
    expect(ann.needed.dial.projected).toBeCloseTo(200, 12);
    // conversation: 80 required, 60 left; close: 10, 7 left, 1 a day.
    expect(ann.needed.conversation).toMatchObject({ required: 80, remaining: 60 });
    expect(ann.needed.close).toMatchObject({ required: 10, remaining: 7, perWorkingDay: 1 });
    // Projected 200 < 460 (gap 260), 20 × 20 / 13 = 30.8 < 80 (gap ceil(49.2) = 50), 3 × 20 / 13 = 4.6 < 10
    // (gap ceil(5.4) = 6): all under 80 % of the need, all critical.
    expect(ann.shortfalls.map((s) => [s.stage, s.required, s.gap, s.severity])).toEqual([
      ['dial', 460, 260, 'critical'],
      ['conversation', 80, 50, 'critical'],
      ['close', 10, 6, 'critical'],
    ]);
    expect(ann.status).toBe('critical');
    // Worth: 200 / 46 = 4.35 closes of dials, 30.8 / 8 = 3.85 of conversations, 4.6 of closes.
    expect(ann.activityWorth.dial).toBeCloseTo(200 / 46, 12);
    expect(ann.activityWorth.conversation).toBeCloseTo(400 / 13 / 8, 12);
    expect(ann.activityWorth.close).toBeCloseTo(60 / 13, 12);
  });

  it("measures the rep's best week and what is beyond it", () => {
    const { ann } = built();
    // Complete Monday weeks inside the lookback: Oct 26, Nov 2 and Nov 9 (Nov 16's ends after as-of).
    // Ann's only event in them is Nov 2: 60 / 5 = 12 dials, 12 / 5 = 2.4 conversations, 0.2 closes a day.
    expect(ann.bestPerWorkingDay.dial).toBe(12);
    expect(ann.bestPerWorkingDay.conversation).toBeCloseTo(2.4, 12);
    expect(ann.bestPerWorkingDay.close).toBeCloseTo(0.2, 12);
    // 330 / 7 = 47.1 > 2 × 12 and 60 / 7 = 8.6 > 2 × 2.4; the goal stage is never listed.
    expect(ann.beyondHistory).toEqual(['dial', 'conversation']);
  });

  it('gives working days, last activity and history', () => {
    const { ann } = built();
    expect(ann.workingDays).toEqual({ total: 20, elapsed: 13, left: 7, off: 0 });
    expect(ann.timeOff).toEqual([]);
    // Last event on or before as-of: Nov 16; idle Nov 17 and 18 = 2 working days.
    expect(ann.lastActivity).toBe('2026-11-16');
    expect(ann.idleWorkingDays).toBe(2);
    // From her first event (Oct 21) to as-of: Oct 21–23, 26–30 (8) + 13 in November = 21.
    expect(ann.historyWorkingDays).toBe(21);
    expect(ann.cycle).toBeNull();
    expect(ann.nextPeriod).toBeNull();
  });

  it('coaches each rep', () => {
    const { ann } = built();
    // 5 closes in 21 history days; 3 + 5 / 21 × 7 = 4.67 expected; 7 still needed at λ = 5/3.
    expect(ann.closesInLookback).toBe(5);
    expect(ann.hasFewCloses).toBe(false);
    expect(ann.closesPerWorkingDay).toBeCloseTo(5 / 21, 12);
    expect(ann.expectedCloses).toBeCloseTo(3 + 5 / 3, 12);
    expect(ann.probability).toBeCloseTo(poissonAtLeast(7, 5 / 3), 12);
    // dial → conversation 40 / 230 = 17.4 % against 50 / 270 = 18.5 %: 0.94 of the team, no bottleneck.
    expect(ann.conversion[0].rate).toBeCloseTo(40 / 230, 12);
    expect(ann.conversion[0].teamRate).toBeCloseTo(50 / 270, 12);
    expect(ann.bottleneck).toBeNull();
    expect(ann.commitments).toEqual([]);
    expect(ann.diagnoses).toEqual(['activity_shortfall', 'no_commitment']);
    // No prompt library given: no prompts.
    expect(ann.prompts).toEqual([]);
  });

  it('a rep without goal or history: nothing required, no ratios, never active', () => {
    const { report } = built();
    const cy = rep(report, 'Cy');
    expect(cy.goal).toBeNull();
    expect(cy.ratios).toEqual({ dial: null, conversation: null, close: 1 });
    expect(cy.needed.dial).toEqual({ required: null, done: 0, remaining: null, perWorkingDay: null, projected: 0 });
    expect(cy.shortfalls).toEqual([]);
    expect(cy.status).toBe('on_track');
    expect(cy).toMatchObject({ lastActivity: null, idleWorkingDays: null, historyWorkingDays: 0, probability: null });
    expect(cy.diagnoses).toEqual(['idle', 'too_little_history', 'no_goal', 'no_commitment']);
  });

  it('uses the first spelling seen for a rep who is not named', () => {
    const { ann } = built();
    const r = buildReport(input({ namedReps: new Map() }));
    expect(r.reps.map((x) => x.rep)).toEqual(['ann spelled as seen', 'Dee']);
  });

  it('holds its invariants: the team is the sum of its reps; rates are proportions', () => {
    const { report } = built();
    for (const r of [report, buildReport(input({ priorCloses: 2 })), buildReport(input({ asOf: '2026-11-30' }))]) {
      for (const s of stageIds) {
        expect(r.team.counts[s]).toBe(r.reps.reduce((sum, x) => sum + x.counts[s], 0));
        expect(r.team.lookbackCounts[s]).toBe(r.reps.reduce((sum, x) => sum + x.lookbackCounts[s], 0));
        for (const x of r.reps) expect(x.counts[s]).toBeLessThanOrEqual(r.team.counts[s]);
      }
      for (const x of r.reps) {
        for (const step of x.conversion) {
          if (step.rate === null || step.successes > step.trials) continue;
          expect(step.rate).toBeGreaterThanOrEqual(0);
          expect(step.rate).toBeLessThanOrEqual(1);
          expect(step.low!).toBeLessThanOrEqual(step.rate);
          expect(step.high!).toBeGreaterThanOrEqual(step.rate);
        }
        if (x.probability !== null) expect(x.probability >= 0 && x.probability <= 1).toBe(true);
        expect(x.workingDays.elapsed + x.workingDays.left).toBe(x.workingDays.total);
        expect(x.workingDays.total + x.workingDays.off).toBe(r.period.workingDays);
      }
    }
  });
});

describe('buildReport: variations', () => {
  it('blends toward the team with priorCloses', () => {
    // (230 + 2 × 45) / (5 + 2) = 320 / 7 = 45.71 dials per close → ceil(457.1) = 458 required.
    const ann = rep(buildReport(input({ priorCloses: 2 })), 'Ann');
    expect(ann.ratios.dial).toBeCloseTo(320 / 7, 12);
    expect(ann.rawRatios.dial).toBe(46);
    expect(ann.needed.dial.required).toBe(458);
  });

  it("time off shortens the rep's period, not the team's", () => {
    // Nov 23–25 off: 17 working days, 13 elapsed, 4 left.
    const r = buildReport(input({}, { ann: { name: 'Ann', book: fixedGoalBook(10), timeOff: [{ from: '2026-11-23', to: '2026-11-25' }] } }));
    const ann = rep(r, 'Ann');
    expect(ann.workingDays).toEqual({ total: 17, elapsed: 13, left: 4, off: 3 });
    expect(ann.timeOff).toEqual([{ from: '2026-11-23', to: '2026-11-25' }]);
    // 330 dials over 4 days; projected 130 × 17 / 13 = 170.
    expect(ann.needed.dial.perWorkingDay).toBe(82.5);
    expect(ann.needed.dial.projected).toBeCloseTo(170, 12);
    // The goal is not moved by time off.
    expect(ann.goal).toBe(10);
    expect(r.period.workingDays).toBe(20);
  });

  it('a reached goal settles the needs: nothing remaining, no shortfall', () => {
    const ann = rep(buildReport(input({}, { ann: { name: 'Ann', book: fixedGoalBook(3) } })), 'Ann');
    expect(ann.status).toBe('reached');
    expect(ann.shortfalls).toEqual([]);
    // 3 × 46 = 138 required, 130 done: remaining would be 8, but the goal is reached.
    expect(ann.needed.dial).toMatchObject({ required: 138, done: 130, remaining: 0, perWorkingDay: 0 });
    expect(ann.probability).toBe(1);
    expect(ann.diagnoses).toContain('goal_reached');
  });

  it('a goal above the closes is not reached one close short', () => {
    const ann = rep(buildReport(input({}, { ann: { name: 'Ann', book: fixedGoalBook(4) } })), 'Ann');
    expect(ann.status).not.toBe('reached');
    expect(ann.needed.close.remaining).toBe(1);
  });

  it('a past period counts up to its end, not to as-of', () => {
    // October: Ann's Oct 21 only; Dee has nothing in October but is in the lookback.
    const r = buildReport(input({ period: { label: '2026-10', start: '2026-10-01', end: '2026-10-31' } }));
    expect(rep(r, 'Ann').counts).toEqual({ dial: 100, conversation: 20, close: 2 });
    // Bo's Oct 1 is in the period: Bo is listed, and counted in the team.
    expect(r.reps.map((x) => x.rep)).toEqual(['Ann', 'Bo', 'Cy', 'Dee']);
    expect(r.team.counts).toEqual({ dial: 110, conversation: 20, close: 2 });
    // All of October's 22 working days have passed.
    expect(r.period).toMatchObject({ workingDays: 22, workingDaysElapsed: 22, workingDaysLeft: 0 });
  });

  it('leaves out a rep whose only events come after as-of', () => {
    const t = tally();
    t.add('eve', 'Eve', 'dial', '2026-11-19', 5);
    const r = buildReport(input({ tally: t }));
    expect(r.reps.map((x) => x.rep)).toEqual(['Ann', 'Cy', 'Dee']);
    expect(r.team.counts.dial).toBe(170);
  });

  it('a cycle longer than the days left plans the next period', () => {
    // Three of Ann's closes took 40 days: her own median. Nov 18 + 40 days is after Nov 30 (12 days away).
    const t = tally();
    for (const close of ['2026-11-02', '2026-11-16', '2026-11-16']) t.addCycle('ann', close, 40);
    const r = buildReport(input({ tally: t }));
    const ann = rep(r, 'Ann');
    // Under way: the 2 stages before the close since Nov 18 − 39 days = Oct 10: 230 dials, 40 conversations.
    expect(ann.cycle).toEqual({ medianDays: 40, closes: 3, basis: 'rep', landsAfterPeriod: true, underWay: { since: '2026-10-10', counts: { dial: 230, conversation: 40 } } });
    // December 2026: 23 working days; 10 × 46 = 460 dials, 20 a day.
    expect(ann.nextPeriod).toEqual({
      label: '2026-12',
      start: '2026-12-01',
      end: '2026-12-31',
      goal: 10,
      workingDays: 23,
      stages: [
        { stage: 'dial', required: 460, perWorkingDay: 20 },
        { stage: 'conversation', required: 80, perWorkingDay: 80 / 23 },
        { stage: 'close', required: 10, perWorkingDay: 10 / 23 },
      ],
    });
    // Dee has no closes of her own with a created date: the team's cycle, and its plan without a goal.
    const dee = rep(r, 'Dee');
    expect(dee.cycle).toMatchObject({ medianDays: 40, closes: 3, basis: 'team' });
    expect(dee.nextPeriod).toMatchObject({ goal: null, stages: [{ stage: 'dial', required: null, perWorkingDay: null }, { required: null }, { required: null }] });
    // The team: the same cycle; its next goal is the sum of the reps' (Ann's 10; Cy and Dee have none).
    expect(r.team.cycle).toMatchObject({ medianDays: 40, basis: 'team', landsAfterPeriod: true });
    // 10 × 45 = 450 dials, ceil(10 × 8.33) = 84 conversations.
    expect(r.team.nextPeriod).toMatchObject({ label: '2026-12', goal: 10, stages: [{ stage: 'dial', required: 450 }, { stage: 'conversation', required: 84 }, { stage: 'close', required: 10 }] });
  });

  it("the team's cycle counts every rep's deals under way; without any goal its next period has none", () => {
    const t = tally();
    for (const close of ['2026-11-02', '2026-11-16', '2026-11-16']) t.addCycle('ann', close, 40);
    const r = buildReport(input({ tally: t, namedReps: new Map() }));
    // Since Oct 10: Ann 230 dials and 40 conversations, Dee 40 and 10.
    expect(r.team.cycle).toEqual({ medianDays: 40, closes: 3, basis: 'team', landsAfterPeriod: true, underWay: { since: '2026-10-10', counts: { dial: 270, conversation: 50 } } });
    expect(r.team.nextPeriod).toMatchObject({ label: '2026-12', goal: null, workingDays: 23 });
    expect(r.team.nextPeriod!.stages.every((s) => s.required === null && s.perWorkingDay === null)).toBe(true);
  });

  it("holds a named rep to their promises and check-in", () => {
    // 100 dials a week: 100 × 13 elapsed / 5 = 260 due by now, 130 done: short by 130.
    const r = buildReport(input({}, { ann: { name: 'Ann', book: fixedGoalBook(10, { dial: 100 }), checkIn: 'Fridays at 4' } }));
    const ann = rep(r, 'Ann');
    expect(ann.commitments).toEqual([{ stage: 'dial', committed: 100, per: 'week', actual: 130, expected: 260, periodTotal: 400, shortBy: 130, isMet: false }]);
    expect(ann.checkIn).toBe('Fridays at 4');
    expect(ann.diagnoses).toEqual(['activity_shortfall', 'commitment_missed']);
  });

  it('a short cycle leaves the next period alone', () => {
    const t = tally();
    for (const close of ['2026-11-02', '2026-11-16', '2026-11-16']) t.addCycle('ann', close, 5);
    const r = buildReport(input({ tally: t }));
    expect(rep(r, 'Ann').cycle).toMatchObject({ medianDays: 5, landsAfterPeriod: false });
    expect(rep(r, 'Ann').nextPeriod).toBeNull();
    expect(r.team.nextPeriod).toBeNull();
  });

  it('with a prompt library and options, coaches with them', () => {
    const r = buildReport(
      input({
        coaching: {
          library: [{ id: 'p', when: 'activity_shortfall', text: '{first}: {stage} {gap}', repText: '{first}: {stage} {gap}' }],
          options: { idleDays: 2, minCloses: 6 },
        },
      }),
    );
    const ann = rep(r, 'Ann');
    // 2 idle days is idle with idleDays 2; 5 closes are too few with minCloses 6.
    expect(ann.diagnoses).toEqual(['idle', 'activity_shortfall', 'too_little_history', 'no_commitment']);
    expect(ann.hasFewCloses).toBe(true);
    expect(ann.prompts).toEqual([{ id: 'p', when: 'activity_shortfall', text: 'Ann: dials 260', repText: 'Ann: dials 260' }]);
  });

  it('takes the goal period kind, default month', () => {
    // A weekly goal of 10 over November: the weeks it touches, each's goal × its working days in
    // November / its working days.
    const r = buildReport(input({ goalPeriod: 'week' }));
    expect(r.period.goalPeriod).toBe('week');
    const ann = rep(r, 'Ann');
    expect(ann.goalParts.map((p) => p.label)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    // W44: 0 of its 5 days in November; W45–W47: 10 each; W48: 4 of 4 (26th off); W49: 1 of 5 → 2.
    expect(ann.goal).toBeCloseTo(0 + 10 + 10 + 10 + 10 + 2, 12);
  });
});

describe('planReport', () => {
  // Named in this order: ann, cy, al (a lower-case name); then Dee from the tally. Bo's only event
  // is before both windows.
  const named = { al: { name: 'al', book: fixedGoalBook(4) } };

  it('lists the reps by name, each with its key and the name it is shown by, before building any', () => {
    const plan = planReport(input({}, named));
    // Case-insensitive: al < Ann < Cy < Dee. A name from config wins over the spelling in the data.
    expect(plan.reps).toEqual([
      { key: 'al', name: 'al' },
      { key: 'ann', name: 'Ann' },
      { key: 'cy', name: 'Cy' },
      { key: 'dee', name: 'Dee' },
    ]);
  });

  it('holds the whole report but the reps, with the team over every rep', () => {
    const plan = planReport(input({}, named));
    expect(Object.keys(plan.head)).toEqual(['asOf', 'period', 'lookback', 'stages', 'team']);
    // Period: Ann 130/20/3 + Dee 40/10/1 (al and Cy have no events).
    expect(plan.head.team.counts).toEqual({ dial: 170, conversation: 30, close: 4 });
  });

  it('builds each entry on its own, in any order, as buildReport does', () => {
    const plan = planReport(input({}, named));
    const whole = buildReport(input({}, named));
    const backwards = [...plan.reps].reverse().map(plan.entry).reverse();
    expect(backwards).toEqual(whole.reps);
    expect({ ...plan.head, reps: backwards }).toEqual(whole);
    // The same entry each time it is asked for.
    expect(plan.entry(plan.reps[1])).toEqual(plan.entry(plan.reps[1]));
    expect(plan.entry(plan.reps[1])).toMatchObject({ rep: 'Ann', goal: 10, counts: { dial: 130, conversation: 20, close: 3 } });
  });
});

describe('compareNames', () => {
  it.each([
    ['ann', 'Bo', -1],
    ['Bo', 'ann', 1],
    ['Ann', 'ann', -1], // same letters: code points decide, upper case first
    ['ann', 'Ann', 1],
    ['Ann', 'Ann', 0],
    ['Zoë', 'zoe', 1], // ë sorts after e
  ] as [string, string, number][])('%s vs %s → %d', (a, b, sign) => expect(Math.sign(compareNames(a, b))).toBe(sign));

  it('sorts case-insensitively', () => {
    const names: StageId[] = ['dee', 'Cy', 'ann', 'Bo'];
    expect([...names].sort(compareNames)).toEqual(['ann', 'Bo', 'Cy', 'dee']);
  });
});
