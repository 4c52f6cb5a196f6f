import { describe, expect, it } from 'vitest';
import { decliningStages } from '../../../src/engine/decline.js';
import { ruleWeekSpans } from '../../../src/engine/trend.js';
import { diagnose, weeksAgo } from '../../../src/engine/coaching/diagnosis.js';
import { selectPrompts, withoutStageDirections } from '../../../src/engine/prompts.js';
import type { Calendar } from '../../../src/engine/model.js';
import { Tally } from '../../../src/engine/tally.js';

// No holidays: every complete week has 5 working days, so per-day = per-week ÷ 5.
const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set() };
const STAGES = ['dial', 'conversation', 'close'];

/** One Monday a week, oldest first, ending with the week of 2026-11-09 (the last complete one before 2026-11-18). */
function weekly(tally: Tally, stage: string, perWeek: number[]): void {
  perWeek.forEach((n, i) => {
    const monday = new Date(Date.UTC(2026, 10, 9 - 7 * (perWeek.length - 1 - i))).toISOString().slice(0, 10);
    if (n > 0) tally.add('k', 'Kenji', stage, monday, n);
  });
}

describe('decliningStages', () => {
  it('reports a slump with the baseline and recent per-day means and the first recent week', () => {
    const tally = new Tally();
    // 4 baseline weeks of 85 dials (17 a day), then 35 and 33 (6.8 a day): 6.8 ≤ 0.75 × 17.
    weekly(tally, 'dial', [85, 85, 85, 85, 35, 33]);
    // Conversations steady: no decline.
    weekly(tally, 'conversation', [20, 20, 20, 20, 20, 20]);
    // Closes fall to nothing but the goal stage is never judged.
    weekly(tally, 'close', [9, 9, 9, 9, 0, 0]);
    const found = decliningStages([tally.reps.get('k')!], STAGES, '2026-11-18', calendar);
    expect(found).toEqual([{ stage: 'dial', decline: 'slump', before: 17, after: 6.8, since: '2026-11-02' }]);
  });

  it('reports a slide from the week the fall began to the last complete week', () => {
    const tally = new Tally();
    // 50, 45, 40, 35 a week: each below the one before, 35 ≤ 0.85 × 50; too few weeks for a slump.
    weekly(tally, 'dial', [50, 45, 40, 35]);
    const found = decliningStages([tally.reps.get('k')!], STAGES, '2026-11-18', calendar);
    expect(found).toEqual([{ stage: 'dial', decline: 'slide', before: 10, after: 7, since: '2026-10-26' }]);
  });

  it('takes the weeks when they are worked out already', () => {
    const tally = new Tally();
    weekly(tally, 'dial', [85, 85, 85, 85, 35, 33]);
    const found = decliningStages([tally.reps.get('k')!], STAGES, '2026-11-18', calendar, ruleWeekSpans('2026-11-18', calendar));
    expect(found).toEqual([{ stage: 'dial', decline: 'slump', before: 17, after: 6.8, since: '2026-11-02' }]);
    // Weeks with the last two off: the slump is not seen, the rule reads the weeks it is given.
    const spans = ruleWeekSpans('2026-11-18', { ...calendar, holidays: new Set(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']) });
    expect(decliningStages([tally.reps.get('k')!], STAGES, '2026-11-18', calendar, spans)).toEqual([]);
  });

  it('finds nothing without a tally or with steady weeks', () => {
    expect(decliningStages([], STAGES, '2026-11-18', calendar)).toEqual([]);
    const tally = new Tally();
    weekly(tally, 'dial', [80, 80, 80, 80, 80, 80]);
    expect(decliningStages([tally.reps.get('k')!], STAGES, '2026-11-18', calendar)).toEqual([]);
  });
});

describe('the activity_decline diagnosis and its prompt', () => {
  const base = {
    rep: 'Kenji Watanabe', goal: 4, closesDone: 0, closesInLookback: 7, status: 'critical' as const, probability: 0.01,
    workingDays: { total: 20, elapsed: 13, left: 7, off: 0 }, shortfalls: [], needed: {}, ratios: {}, bottleneck: null,
    commitments: [], checkIn: null, lastActivity: '2026-11-18', idleWorkingDays: 0, asOf: '2026-11-18',
  };
  const labels = { dial: 'Dials', conversation: 'Conversations', close: 'Closes' };

  it('asks what changed, with the per-day rates as a manager reads them', () => {
    const declining = [{ stage: 'dial', decline: 'slump' as const, before: 16.75, after: 6.8, since: '2026-11-02' }];
    const d = diagnose({ ...base, declining }, labels).find((x) => x.id === 'activity_decline')!;
    expect(d.stage).toBe('dial');
    expect(d.vars).toMatchObject({ stage: 'dials', before: '17', after: '7', since: '2026-11-02', weeksAgo: 'two weeks ago', drop: '59%' });
    const [prompt] = selectPrompts([d], [{ id: 'p', when: 'activity_decline', text: '{first}, your {stage} per day dropped from {before} to {after} {weeksAgo}: what changed?' }]);
    expect(prompt.text).toBe('Kenji, your dials per day dropped from 17 to 7 two weeks ago: what changed?');
  });

  it('keeps one decimal for small rates, and no diagnosis without a decline', () => {
    const declining = [{ stage: 'conversation', decline: 'slump' as const, before: 5.36, after: 3.7, since: '2026-11-09' }];
    expect(diagnose({ ...base, declining }, labels).find((x) => x.id === 'activity_decline')!.vars).toMatchObject({ before: '5.4', after: '3.7', weeksAgo: 'last week' });
    expect(diagnose({ ...base, declining: [] }, labels).map((x) => x.id)).not.toContain('activity_decline');
  });

  it.each([
    ['2026-11-16', '2026-11-18', 'this week'],
    ['2026-11-09', '2026-11-18', 'last week'],
    ['2026-10-26', '2026-11-16', 'three weeks ago'],
  ])('weeksAgo(%s, %s) = %s', (since, asOf, text) => expect(weeksAgo(since, asOf)).toBe(text));
});

describe('rep text', () => {
  it('drops stage directions when a prompt has no repText, and uses repText when it has one', () => {
    expect(withoutStageDirections('What happens if you miss? [wait for the answer] What will you change?')).toBe('What happens if you miss? What will you change?');
    const d = { id: 'on_track' as const, vars: { first: 'Ana' } };
    const [plain, own] = selectPrompts([d], [
      { id: 'a', when: 'on_track', text: '{first}, why? [pause] Go on.' },
      { id: 'b', when: 'on_track', text: '{first}, ask.', repText: 'Prepare, {first}.' },
    ]);
    expect(plain).toMatchObject({ text: 'Ana, why? [pause] Go on.', repText: 'Ana, why? Go on.' });
    expect(own).toMatchObject({ text: 'Ana, ask.', repText: 'Prepare, Ana.' });
  });
});
