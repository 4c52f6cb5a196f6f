import { describe, expect, it } from 'vitest';
import { addDaysStr } from '../../src/engine/dates.js';
import type { Calendar } from '../../src/engine/model.js';
import { Tally } from '../../src/engine/tally.js';
import { buildTrend, declineOf, ruleWeekSpans, ruleWeeks, trendWeeks } from '../../src/engine/trend.js';

// Monday-to-Friday weeks; as of Wednesday 2026-11-18 (W47). The complete weeks before it, newest
// first: W46 (Nov 9), W45 (Nov 2), W44 (Oct 26), W43 (Oct 19), W42 (Oct 12), W41 (Oct 5), W40 (Sep 28).
const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set() };
const monday = (week: number) => addDaysStr('2026-11-09', -7 * (46 - week));
const stages = [
  { id: 'dial', label: 'Dials' },
  { id: 'conversation', label: 'Conversations' },
  { id: 'close', label: 'Closes' },
];

// Ann: 50 dials a week (10 a day) in W41–W44, then 35 (7 a day) in W45 and W46: the last two weeks
// average 7, at most (1 − 0.25) × 10 = 7.5: a slump. Conversations level at 10 a week. Closes drop
// from 10 a week to 0, but the goal stage is never flagged.
// Bo: 50 dials a week in W40–W44, the week of W45 off, 35 in W46. With W45 skipped, the last two
// weeks are W44 (10 a day) and W46 (7): 8.5 > 7.5, no slump; counted as a zero week it would be one.
function tally(): Tally {
  const t = new Tally();
  for (const w of [41, 42, 43, 44]) {
    t.add('ann', 'Ann', 'dial', monday(w), 50);
    t.add('ann', 'Ann', 'close', monday(w), 10);
  }
  for (const w of [41, 42, 43, 44, 45, 46]) t.add('ann', 'Ann', 'conversation', monday(w), 10);
  for (const w of [45, 46]) t.add('ann', 'Ann', 'dial', monday(w), 35);
  for (const w of [40, 41, 42, 43, 44]) t.add('bo', 'Bo', 'dial', monday(w), 50);
  t.add('bo', 'Bo', 'dial', monday(46), 35);
  return t;
}

const build = () =>
  buildTrend({
    tally: tally(),
    stages,
    calendar,
    asOf: '2026-11-18',
    weeks: 3,
    namedReps: new Map([['bo', { name: 'Bo', timeOff: [{ from: '2026-11-02', to: '2026-11-06' }] }]]),
  });

describe('buildTrend: the decline rule on complete weeks', () => {
  it('dates the weeks as the test assumes', () => {
    expect([monday(40), monday(45), monday(46)]).toEqual(['2026-09-28', '2026-11-02', '2026-11-09']);
    expect(build().weeks.map((w) => w.label)).toEqual(['W45', 'W46', 'W47']);
  });

  it("flags Ann's dials as a slump, not her level conversations nor the goal stage", () => {
    const ann = build().reps.find((r) => r.rep === 'Ann')!;
    expect(ann.stages.map((s) => [s.stage, s.decline, s.isDeclining])).toEqual([
      ['dial', 'slump', true],
      ['conversation', null, false],
      ['close', null, false],
    ]);
    expect(ann.declining).toEqual(['dial']);
    // Shown: W45 35, W46 35, W47 nothing so far; 7 a day both weeks: no change.
    expect(ann.stages[0].counts).toEqual([35, 35, 0]);
    expect(ann.stages[0].change).toBe(0);
    // Closes went from 10 to 0 a week: the change is −100 % but nothing is flagged.
    expect(ann.stages[2].counts).toEqual([0, 0, 0]);
    expect(ann.stages[2].change).toBeNull();
  });

  it("skips Bo's week off: his working days, his rates", () => {
    const bo = build().reps.find((r) => r.rep === 'Bo')!;
    expect(bo.stages[0].workingDays).toEqual([0, 5, 3]);
    expect(bo.stages[0].perWorkingDay).toEqual([null, 7, 0]);
    expect(bo.stages[0].sparkline).toBe(' █▁');
    expect(bo.stages[0].decline).toBeNull();
    // The earlier complete week has no working days: no change to show.
    expect(bo.stages[0].change).toBeNull();
    expect(bo.declining).toEqual([]);
  });

  it('flags the team on its own calendar', () => {
    // Team dials a day: W41–W44 (50 + 50) / 5 = 20; W45 35 / 5 = 7; W46 70 / 5 = 14. Last two average
    // 10.5 ≤ 0.75 × 20 = 15: a slump.
    const { team } = build();
    expect(team.rep).toBe('Team');
    expect(team.stages[0].perWorkingDay).toEqual([7, 14, 0]);
    expect(team.stages[0].change).toBe(1);
    expect(team.declining).toEqual(['dial']);
  });

  it('skips weeks off, looking back 12 complete weeks at most', () => {
    // The 12 complete weeks are W35–W46. Dee is off W39–W44: her rule weeks are W35–W38 (10 a day)
    // and W45–W46 (7 a day), six in all: a slump. Eve is off one week more (W38–W44): five weeks,
    // too few for a slump, and 10, 10, 7, 7 is not a slide.
    const t = new Tally();
    for (const key of ['dee', 'eve']) {
      for (const w of [35, 36, 37, 38]) t.add(key, key, 'dial', monday(w), 50);
      for (const w of [45, 46]) t.add(key, key, 'dial', monday(w), 35);
    }
    const r = buildTrend({
      tally: t,
      stages,
      calendar,
      asOf: '2026-11-18',
      weeks: 2,
      namedReps: new Map([
        ['dee', { name: 'Dee', timeOff: [{ from: monday(39), to: addDaysStr(monday(44), 6) }] }],
        ['eve', { name: 'Eve', timeOff: [{ from: monday(38), to: addDaysStr(monday(44), 6) }] }],
      ]),
    });
    expect(r.reps.map((x) => [x.rep, x.declining])).toEqual([
      ['Dee', ['dial']],
      ['Eve', []],
    ]);
  });
});

describe('declineOf: which weeks are the baseline', () => {
  it.each([
    // The baseline is the 4 weeks before the last 2, not fewer: 4, 4, 1, 1 average 2.5, and
    // 1.5 ≤ 0.75 × 2.5 = 1.875: a slump. Averaging only the last two of them (1, 1) would not be one,
    // nor would averaging the first two (4, 4) miss it the other way round.
    [[4, 4, 1, 1, 1.5, 1.5], 'slump'],
    [[1, 1, 4, 4, 1.5, 1.5], 'slump'],
    // 1, 1, 1, 4 average 1.75: 1.5 > 1.3125, no slump; and 1, 4, 1.5, 1.5 is not falling.
    [[1, 1, 1, 4, 1.5, 1.5], null],
  ])('%j → %s', (rates, decline) => expect(declineOf(rates, 5)).toBe(decline));
});

describe('trend weeks and changes', () => {
  it('labels ISO weeks with two digits, and a week ending on as-of is complete', () => {
    expect(trendWeeks('2026-01-07', 2, calendar).map((w) => w.label)).toEqual(['W01', 'W02']);
    // Sunday Nov 22 ends W47: complete as of that day, partial the day before.
    expect(trendWeeks('2026-11-22', 1, calendar)[0]).toEqual({ label: 'W47', start: '2026-11-16', end: '2026-11-22', isPartial: false });
    expect(trendWeeks('2026-11-21', 1, calendar)[0].isPartial).toBe(true);
  });

  it('has no change without two complete weeks, for stages and steps alike', () => {
    // Two weeks shown, the last partial: one complete week only.
    const r = buildTrend({ tally: tally(), stages, calendar, asOf: '2026-11-18', weeks: 2, namedReps: new Map() });
    const ann = r.reps.find((x) => x.rep === 'Ann')!;
    expect(ann.stages.map((s) => s.change)).toEqual([null, null, null]);
    expect(ann.conversion.map((s) => s.change)).toEqual([null, null]);
  });

  it('gives one conversion row per step, with its change in points, none from an empty week', () => {
    const ann = build().reps.find((x) => x.rep === 'Ann')!;
    expect(ann.conversion.map((s) => [s.from, s.to])).toEqual([
      ['dial', 'conversation'],
      ['conversation', 'close'],
    ]);
    // Conversations per dial: W45 10 / 35, W46 10 / 35: no change; conversation → close: 0 / 10 both weeks.
    expect(ann.conversion[0].rates).toEqual([10 / 35, 10 / 35, null]);
    expect(ann.conversion[0].change).toBe(0);
    expect(ann.conversion[1].rates).toEqual([0, 0, null]);
    expect(ann.conversion[1].change).toBe(0);
    // Bo made no conversations: no rate from dials he did not make in W45, none to closes.
    const bo = build().reps.find((x) => x.rep === 'Bo')!;
    expect(bo.conversion[0].rates).toEqual([null, 0, null]);
    expect(bo.conversion[0].change).toBeNull();
  });

  it('lists only the reps with events in the weeks shown, and named ones', () => {
    const t = tally();
    t.add('zed', 'Zed', 'dial', monday(41), 50);
    const r = buildTrend({ tally: t, stages, calendar, asOf: '2026-11-18', weeks: 3, namedReps: new Map() });
    expect(r.reps.map((x) => x.rep)).toEqual(['Ann', 'Bo']);
    // Zed's dials are before the weeks shown: the team's rows show nothing of them.
    expect(r.team.rep).toBe('Team');
    expect(r.team.stages[0].counts).toEqual([35, 70, 0]);
  });
});

describe('trend: weeks without working days and thin stages', () => {
  it('has no change into a week without working days', () => {
    // Fay: 50 dials and 10 conversations in W45, then off all of W46: nothing to compare with.
    const t = new Tally();
    t.add('fay', 'Fay', 'dial', monday(45), 50);
    t.add('fay', 'Fay', 'conversation', monday(45), 10);
    const r = buildTrend({
      tally: t,
      stages,
      calendar,
      asOf: '2026-11-18',
      weeks: 3,
      namedReps: new Map([['fay', { name: 'Fay', timeOff: [{ from: monday(46), to: addDaysStr(monday(46), 4) }] }]]),
    });
    const [fay] = r.reps;
    expect(fay.stages[0].perWorkingDay).toEqual([10, null, 0]);
    expect(fay.stages[0].change).toBeNull();
    // Conversion W45 10 / 50 = 20 %, W46 no dials: no rate, no change.
    expect(fay.conversion[0].rates).toEqual([0.2, null, null]);
    expect(fay.conversion[0].change).toBeNull();
  });

  it('reads the thin-baseline limit per working day, not per week', () => {
    // 4 dials a week (0.8 a day) in W41–W44, then 1 a week: 4 a week is under 5, too thin to call.
    const t = new Tally();
    for (const w of [41, 42, 43, 44]) t.add('cy', 'Cy', 'dial', monday(w), 4);
    for (const w of [45, 46]) t.add('cy', 'Cy', 'dial', monday(w), 1);
    const r = buildTrend({ tally: t, stages, calendar, asOf: '2026-11-18', weeks: 3, namedReps: new Map() });
    expect(r.reps[0].declining).toEqual([]);
    // 6 a week then 1: a slump.
    const u = new Tally();
    for (const w of [41, 42, 43, 44]) u.add('cy', 'Cy', 'dial', monday(w), 6);
    for (const w of [45, 46]) u.add('cy', 'Cy', 'dial', monday(w), 1);
    expect(buildTrend({ tally: u, stages, calendar, asOf: '2026-11-18', weeks: 3, namedReps: new Map() }).reps[0].declining).toEqual(['dial']);
  });
});

describe('ruleWeekSpans: the weeks the decline rule reads', () => {
  it('are the complete weeks of the last 13 up to as-of, with their day numbers and working days', () => {
    // As of Wed 18 Nov the 13 weeks run from Mon 24 Aug to Sun 22 Nov; the last is not complete.
    const weeks = ruleWeekSpans('2026-11-18', calendar);
    expect(weeks).toHaveLength(12);
    // 24 Aug is day 20,689 since 1970-01-01; 15 Nov day 20,772.
    expect(weeks[0]).toEqual({ start: '2026-08-24', end: '2026-08-30', from: 20689, to: 20695, workingDays: 5 });
    expect(weeks[11]).toEqual({ start: '2026-11-09', end: '2026-11-15', from: 20766, to: 20772, workingDays: 5 });
    // As of Sun 22 Nov that week is complete: 13 weeks, from 24 Aug to 22 Nov.
    const sunday = ruleWeekSpans('2026-11-22', calendar);
    expect([sunday.length, sunday[0].start, sunday[12].end]).toEqual([13, '2026-08-24', '2026-11-22']);
  });

  it('leave out a week without working days and count a short one', () => {
    // The week of 2 Nov all off; the 10th off in the week of 9 Nov.
    const off = { ...calendar, holidays: new Set(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-10']) };
    const weeks = ruleWeekSpans('2026-11-18', off);
    expect(weeks).toHaveLength(11);
    expect(weeks.map((w) => w.start)).not.toContain('2026-11-02');
    expect(weeks[10]).toMatchObject({ start: '2026-11-09', workingDays: 4 });
  });

  it('give the rates ruleWeeks reads: the events of the tallies in each week over its working days', () => {
    const tally = new Tally();
    tally.add('a', 'A', 'dial', '2026-11-10', 8); // week of 9 Nov
    tally.add('a', 'A', 'dial', '2026-11-15', 2); // its Sunday
    tally.add('b', 'B', 'dial', '2026-11-09', 10);
    tally.add('a', 'A', 'dial', '2026-11-17', 50); // the incomplete week: not read
    const off = { ...calendar, holidays: new Set(['2026-11-10']) };
    const rates = ruleWeeks([tally.reps.get('a')!, tally.reps.get('b')!], 'dial', '2026-11-18', off, ruleWeekSpans('2026-11-18', off));
    // (8 + 2 + 10) / 4 working days = 5; every other week 0.
    expect(rates.at(-1)).toEqual({ start: '2026-11-09', end: '2026-11-15', rate: 5 });
    expect(rates.slice(0, -1).every((w) => w.rate === 0)).toBe(true);
    // Without spans given, the same.
    expect(ruleWeeks([tally.reps.get('a')!, tally.reps.get('b')!], 'dial', '2026-11-18', off)).toEqual(rates);
  });
});
