// End-to-end: the coaching views on the built binary. The coaching-team fixture holds three reps
// whose numbers are simple enough to count by hand (see its funnel.config.yaml); the bundled
// example checks that a weak rep gets a real diagnosis and a strong one none.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, funnel, json, tempDir } from './run.js';

const TEAM = join(FIXTURES, 'coaching-team');
const ACME = join(ROOT, 'examples', 'acme');
const GOLDEN = join(ROOT, 'test', 'e2e', 'golden');
const AS_OF = ['--as-of', '2026-11-18'];
// The bundled example is 18,000 rows: reading it takes a few seconds on a busy machine.
const HOOK_TIMEOUT = 60_000;

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it instead. */
function expectGolden(actual: string, name: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const byRep = (doc: any, name: string) => doc.reps.find((r: any) => r.rep === name);

describe('the 1:1 view and trend on a fixture team', () => {
  let doc: any;
  beforeAll(async () => {
    doc = json(await funnel(['report', ...AS_OF, '--format', 'json'], { cwd: TEAM }));
  }, HOOK_TIMEOUT);

  it('renders the 1:1 view (golden)', async () => {
    const r = await funnel(['report', ...AS_OF, '--rep', 'Ben Weak', '--rep', 'cal quiet'], { cwd: TEAM });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden(r.stdout, 'rep-view.txt');
  });

  it('renders the trend (golden)', async () => {
    const r = await funnel(['trend', ...AS_OF, '--weeks', '6'], { cwd: TEAM });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden(r.stdout, 'trend.txt');
  });

  it('gives each step an 80 % Wilson interval and the team rate', () => {
    // Lookback Aug 21 – Nov 18 holds 63 working days (Sep 7 off). Ben sets one meeting a day (63) and
    // keeps one in five (13): 13 / 63 = 20.6 %, interval [14.887 %, 27.875 %] (test/engine/coaching/wilson.test.ts).
    // Team: (50 + 13 + 11) kept of (63 + 63 + 22) set = 74 / 148 = 50 %.
    const ben = byRep(doc, 'Ben Weak');
    const kept = ben.conversion.find((c: any) => c.to === 'appointment_kept');
    expect(kept).toMatchObject({ from: 'appointment_set', trials: 63, successes: 13, teamRate: 0.5 });
    expect(kept.rate).toBeCloseTo(13 / 63, 12);
    expect(kept.low).toBeCloseTo(0.1488749556, 9);
    expect(kept.high).toBeCloseTo(0.2787450795, 9);
    expect(ben.conversion).toHaveLength(4);
    expect(ben.bottleneck).toMatchObject({ from: 'appointment_set', to: 'appointment_kept', teamRate: 0.5 });
  });

  it('finds no weakest step for the steady rep', () => {
    const ana = byRep(doc, 'Ana Strong');
    expect(ana.bottleneck).toBeNull();
    expect(ana.status).toBe('on_track');
    expect(ana.diagnoses).toEqual(['on_track']);
  });

  it('gives the chance of reaching the goal (Poisson at the lookback close rate)', () => {
    // Ana: 12 closes in 63 working days, 7 left: λ = 12 × 7 / 63 = 1.3333; 1 more needed: 1 − e^−1.3333 = 0.736403.
    expect(byRep(doc, 'Ana Strong').probability).toBeCloseTo(0.7364028619, 9);
    // Ben: 6 in 63, λ = 0.6667; 2 more needed: 1 − e^−0.6667 × 1.6667 = 0.144305.
    expect(byRep(doc, 'Ben Weak').probability).toBeCloseTo(0.1443048016, 9);
    // Cal: 2 in 63, 4 days left after time off, λ = 0.126984; 2 needed: 1 − e^−λ (1 + λ) = 0.007411.
    expect(byRep(doc, 'Cal Quiet').probability).toBeCloseTo(0.0074113756, 9);
  });

  it('takes time off from targets.csv out of the rep\'s working days', () => {
    const cal = byRep(doc, 'Cal Quiet');
    expect(cal.timeOff).toEqual([{ from: '2026-11-23', to: '2026-11-25' }]);
    expect(cal.workingDays).toEqual({ total: 17, elapsed: 13, left: 4, off: 3 });
    // 2 closes remain over 4 days, not 7.
    expect(cal.needed.close.perWorkingDay).toBe(0.5);
  });

  it('compares commitments with actuals, and keeps the check-in preference', () => {
    // Ben: 3 kept a week × 13 / 5 weeks = 7.8 due, 3 done: 5 short. Ana: 30 dials a week → 78 due, 78 done.
    expect(byRep(doc, 'Ben Weak').commitments).toEqual([
      { stage: 'appointment_kept', committed: 3, per: 'week', actual: 3, expected: 7.8, periodTotal: 12, shortBy: 5, isMet: false },
    ]);
    expect(byRep(doc, 'Ana Strong').commitments[0]).toMatchObject({ stage: 'dial', expected: 78, actual: 78, isMet: true });
    expect(byRep(doc, 'Cal Quiet').commitments).toEqual([]);
    expect(doc.reps.map((r: any) => r.checkIn)).toEqual(['weekly', 'biweekly', 'autonomy']);
  });

  it('flags ratios on fewer than 3 closes, and an idle rep', () => {
    const cal = byRep(doc, 'Cal Quiet');
    expect(cal.closesInLookback).toBe(2);
    expect(cal.hasFewCloses).toBe(true);
    // Nothing after Fri Nov 6: Nov 9–13 and 16–18 are 8 working days.
    expect(cal.lastActivity).toBe('2026-11-06');
    expect(cal.idleWorkingDays).toBe(8);
    // Cal's dials fell from 4 to 2 a working day over the last two weeks: a decline, asked about third.
    expect(cal.diagnoses).toEqual(['idle', 'activity_shortfall', 'activity_decline', 'conversion_gap', 'too_little_history', 'no_commitment']);
    expect(cal.prompts.map((p: any) => p.id)).toEqual(['idle-what-happened', 'shortfall-consequence', 'decline-what-changed']);
    expect(byRep(doc, 'Ben Weak').prompts.map((p: any) => p.id)).toEqual(['shortfall-consequence', 'decline-what-changed', 'commitment-missed-own-words']);
  });

  it('trend JSON carries every row; the decline rule flags the rep whose dials halved', async () => {
    const t = json(await funnel(['trend', ...AS_OF, '--weeks', '6', '--format', 'json', '--rep', 'ben weak'], { cwd: TEAM }));
    expect(t.schemaVersion).toBe(1);
    expect(t.weeks.map((w: any) => w.label)).toEqual(['W42', 'W43', 'W44', 'W45', 'W46', 'W47']);
    expect(t.reps.map((r: any) => r.rep)).toEqual(['Ben Weak']);
    const dial = t.reps[0].stages[0];
    // 6 dials a day to Oct 30, then 3: 30, 30, 30, 15, 15 and 9 so far (Mon–Wed).
    expect(dial.counts).toEqual([30, 30, 30, 30 / 2, 15, 9]);
    expect(dial).toMatchObject({ isDeclining: true, decline: 'slump', sparkline: '███▅▅▅', change: 0 });
    expect(t.reps[0].declining).toEqual(['dial']);
  });
});

describe('prompts from the config', () => {
  it('adds, replaces and disables prompts', async () => {
    const dir = tempDir();
    cpSync(TEAM, dir, { recursive: true });
    const config = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'funnel.config.yaml'),
      `${config}prompts:
  disable: [shortfall-consequence, decline-what-changed, decline-back-on-track]
  add:
    - id: gap-appointment-kept
      when: conversion_gap
      stage: appointment_kept
      text: "{first}, {rate} kept against {teamRate}: who confirms your meetings? [pause]"
      repText: "{rate} of your meetings are kept against {teamRate}: who confirms them?"
    - id: idle-call-me
      when: idle
      text: "{first}, call me today?"
`,
    );
    const doc = json(await funnel(['report', ...AS_OF, '--format', 'json'], { cwd: dir }));
    expect(byRep(doc, 'Ben Weak').prompts).toMatchObject([
      { id: 'shortfall-how-will-you', when: 'activity_shortfall', text: 'Ben, how will you get from 60 to 163 dials in the 7 working days left? What goes into your calendar today?' },
      {
        id: 'commitment-missed-own-words',
        when: 'commitment_missed',
        text: 'Ben, you committed to 3 appts kept a week. By now that is 8, and you have 3. What got in the way, in your own words?',
      },
      // Both texts replaced: the manager's with its stage direction, the rep's without.
      { id: 'gap-appointment-kept', when: 'conversion_gap', text: 'Ben, 21% kept against 50%: who confirms your meetings? [pause]', repText: '21% of your meetings are kept against 50%: who confirms them?' },
    ]);
    // The new idle prompt comes after the built-in ones for idle.
    expect(byRep(doc, 'Cal Quiet').prompts[0].id).toBe('idle-what-happened');
  });

  it('refuses a prompt with an unknown placeholder, naming the key', async () => {
    const dir = tempDir();
    cpSync(TEAM, dir, { recursive: true });
    const config = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
    writeFileSync(join(dir, 'funnel.config.yaml'), `${config}prompts:\n  add:\n    - { id: x, when: on_track, text: "{frist}?" }\n`);
    const r = await funnel(['report', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('prompts.add[0].text (line 25): unknown placeholder {frist} for "on_track"');
  });
});

describe('coaching on the bundled example', () => {
  let doc: any;
  beforeAll(async () => {
    doc = json(await funnel(['report', ...AS_OF, '--format', 'json'], { cwd: ACME }));
  }, HOOK_TIMEOUT);

  it('finds Aisha Bello\'s real bottleneck: appointments kept', () => {
    // 46 kept of 184 set = 25 %, 80 % interval [21.1 %, 29.3 %]; team 911 / 1,326 = 68.7 %.
    const aisha = byRep(doc, 'Aisha Bello');
    expect(aisha.bottleneck).toMatchObject({ from: 'appointment_set', to: 'appointment_kept', rate: 0.25 });
    expect(aisha.bottleneck.teamRate).toBeCloseTo(911 / 1326, 12);
    expect(aisha.bottleneck.low).toBeCloseTo(0.2114232588, 9);
    expect(aisha.bottleneck.high).toBeCloseTo(0.2930002313, 9);
    // The gap is diagnosed; her three prompts go first to next period's pipeline (she reached the goal
    // with activity worth less than it), her decline and her missed commitment.
    expect(aisha.diagnoses).toContain('conversion_gap');
    expect(aisha.prompts.map((p: any) => p.id)).toEqual(['pipeline-next-period', 'decline-what-changed', 'commitment-missed-own-words']);
    expect(aisha.commitments).toEqual([
      { stage: 'appointment_kept', committed: 6, per: 'week', actual: 6, expected: 15.6, periodTotal: 24, shortBy: 10, isMet: false },
    ]);
    expect(aisha.checkIn).toBe('weekly');
  });

  it('asks Kenji Watanabe about his activity first', () => {
    const kenji = byRep(doc, 'Kenji Watanabe');
    expect(kenji.status).toBe('critical');
    expect(kenji.diagnoses[0]).toBe('activity_shortfall');
    expect(kenji.prompts[0].text).toMatch(/^Kenji, your goal is 4 closes\. That takes 485 dials, and you are on pace for 138\./);
    expect(kenji.probability).toBeLessThan(0.05);
  });

  it.each(['Marisol Vega', 'Daniel Okafor'])('invents no problem for %s', (name) => {
    const rep = byRep(doc, name);
    expect(rep.bottleneck).toBeNull();
    expect(rep.status).toBe('on_track');
    expect(rep.diagnoses).not.toContain('conversion_gap');
    expect(rep.diagnoses).not.toContain('activity_shortfall');
    expect(rep.prompts[0].id).toBe('on-track-what-works');
  });

  it('carries every coaching number for every rep', () => {
    expect(doc.reps.length).toBe(11);
    for (const r of doc.reps) {
      expect(r.conversion, r.rep).toHaveLength(6);
      for (const c of r.conversion) {
        expect(Object.keys(c).sort()).toEqual(['cumulativeRate', 'from', 'high', 'low', 'rate', 'successes', 'teamCumulativeRate', 'teamRate', 'to', 'trials']);
        if (c.rate !== null && c.rate <= 1) expect(c.low <= c.rate && c.rate <= c.high, `${r.rep} ${c.to}`).toBe(true);
      }
      expect(typeof r.closesInLookback).toBe('number');
      expect(typeof r.hasFewCloses).toBe('boolean');
      expect(['reached', 'on_track', 'behind', 'critical']).toContain(r.status);
      expect(r.probability === null || (r.probability >= 0 && r.probability <= 1)).toBe(true);
      expect(Array.isArray(r.commitments)).toBe(true);
      expect(r.checkIn === null || typeof r.checkIn === 'string').toBe(true);
      expect(r.prompts.length).toBeLessThanOrEqual(3);
      expect(r.workingDays).toEqual({ total: 20, elapsed: 13, left: 7, off: 0 });
    }
  });

  it('shows the weak rep\'s 1:1 view with the weakest step and the prompts', async () => {
    const r = await funnel(['report', ...AS_OF, '--rep', 'Aisha Bello'], { cwd: ACME });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Weakest step: appts set → appts kept, 25.0% (80% range 21.1%–29.3%) against the team\'s 68.7%.');
    expect(r.stdout).toContain('Appts kept: 6 a week promised, 15.6 due by now; 6 done: 10 short.');
    expect(r.stdout).toMatch(/For the 1:1\n1\. Aisha, /);
  });

  it('flags Kenji Watanabe\'s falling dials in the trend', async () => {
    const t = json(await funnel(['trend', ...AS_OF, '--format', 'json', '--rep', 'Kenji Watanabe'], { cwd: ACME }));
    expect(t.reps[0].declining).toContain('dial');
  });
});

describe('trend usage', () => {
  it('refuses --weeks 0', async () => {
    const r = await funnel(['trend', ...AS_OF, '--weeks', '0'], { cwd: TEAM });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--weeks "0" is not a whole number ≥ 1');
  });

  it('names an unknown rep with a suggestion', async () => {
    const r = await funnel(['trend', ...AS_OF, '--rep', 'Ben Weeks'], { cwd: TEAM });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rep "Ben Weeks": no such rep in these weeks (did you mean "Ben Weak"?)');
  });
});

describe('needed --rep with time off', () => {
  it("divides what remains by the rep's own working days left", async () => {
    // Cal Quiet is off 2026-11-23..25: 20 − 3 = 17 working days, 13 elapsed, 4 left.
    // Dials: 157 required, 20 done → 137 remaining / 4 days = 34.25 a day, × 5 = 171.25 a week.
    const doc = json(await funnel(['needed', ...AS_OF, '--rep', 'Cal Quiet', '--format', 'json'], { cwd: TEAM }));
    expect(doc.period).toMatchObject({ workingDays: 17, workingDaysElapsed: 13, workingDaysLeft: 4 });
    const dial = doc.stages.find((s: { stage: string }) => s.stage === 'dial');
    expect(dial).toMatchObject({ required: 157, done: 20, remaining: 137, perWorkingDay: 34.25, perWeek: 171.25 });
  });
});
