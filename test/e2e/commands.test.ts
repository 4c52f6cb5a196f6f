// End-to-end: the commands' happy paths on a tiny hand-made team (fixtures/team), run from a
// temporary copy. Every expected number is worked out by hand from the fixture below.
//
// fixtures/team: holidays [2026-11-26]; priorCloses 2 and lookbackDays 90 by default.
// calls.csv (Type call → dial, meeting → appointment_set, won → close; "email" matches no rule):
//   Ann Lee   A1 10-05 call, A2 10-07 meeting, A3 11-03 call, A4 11-10 call ("  ann  lee "),
//             A5 11-17 call, A6 11-12 meeting, A7 11-16 won, A8 11-19 won (after as-of)
//   Ben Ortiz B1 10-14 call, B2 10-20 won, B3 11-04 call, B4 11-11 call, B5 11-18 call,
//             B6 11-13 meeting, B7 11-09 email (ignored)
//   Cara Diaz C0 08-20 call (before the lookback), C1 11-05 call, C2 11-16 call, C3 11-17 meeting
// targets.csv: Ann Lee 2, Ben Ortiz 1, Cara Diaz 1, Dee Park 1 (Dee has no activity).
//
// As of 2026-11-18 (a Wednesday), period 2026-11: Mon–Fri minus Nov 26 = 21 − 1 = 20 working
// days; elapsed Nov 2–6, 9–13, 16–18 = 13; left = 7. Lookback: 2026-08-21..2026-11-18.
//   period counts   Ann 3/1/1  Ben 3/1/0  Cara 2/1/0  → team 8/3/1   (dial/appt/close)
//   lookback counts Ann 4/2/1  Ben 4/1/1  Cara 2/1/0  → team 10/4/2 → team ratios 5, 2, 1
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, funnel, json, tempDir } from './run.js';

const AS_OF = ['--as-of', '2026-11-18'];

function fixture(name: string): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

const team = () => fixture('team');

function rep(doc: any, name: string): any {
  const r = doc.reps.find((x: any) => x.rep === name);
  expect(r, `rep ${name}`).toBeDefined();
  return r;
}

function stage(doc: any, id: string): any {
  const s = doc.stages.find((x: any) => x.stage === id);
  expect(s, `stage ${id}`).toBeDefined();
  return s;
}

/** Runs a shell command line; resolves with its output (never rejects on a non-zero exit). */
function sh(command: string, cwd: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

describe('funnel report --format json', () => {
  it('period, counts, team ratios, blended rep ratios, needed, pace and shortfalls', async () => {
    const r = await funnel(['report', ...AS_OF, '--format', 'json'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);

    expect(doc.schemaVersion).toBe(1);
    expect(doc.asOf).toBe('2026-11-18');
    expect(doc.period).toEqual({
      label: '2026-11',
      start: '2026-11-01',
      end: '2026-11-30',
      workingDays: 20, // 21 weekdays in November 2026 minus the Nov 26 holiday
      workingDaysElapsed: 13, // Nov 2–6, 9–13, 16–18
      workingDaysLeft: 7, // Nov 19, 20, 23, 24, 25, 27, 30
      goalPeriod: 'month',
    });
    expect(doc.lookback).toEqual({ start: '2026-08-21', end: '2026-11-18' }); // 90 days ending on as-of
    // Only stages some rule produces are tracked; the goal stage is always last.
    expect(doc.stages.map((s: any) => s.id)).toEqual(['dial', 'appointment_set', 'close']);

    // 19 rows: 18 match a rule, B7 (email) matches none.
    expect(doc.input).toMatchObject({ rows: 19, used: 18, ignored: 1, rejected: 0, duplicates: 0 });
    expect(doc.input.rows).toBe(doc.input.used + doc.input.ignored + doc.input.rejected);

    expect(doc.team.counts).toEqual({ dial: 8, appointment_set: 3, close: 1 }); // A8 is after as-of
    expect(doc.team.lookbackCounts).toEqual({ dial: 10, appointment_set: 4, close: 2 }); // C0 is before the lookback
    expect(doc.team.ratios).toEqual({ dial: 5, appointment_set: 2, close: 1 }); // 10/2, 4/2, 2/2

    // Every rep with events, plus Dee Park from targets.csv; sorted by name. "  ann  lee " is Ann Lee.
    expect(doc.reps.map((x: any) => x.rep)).toEqual(['Ann Lee', 'Ben Ortiz', 'Cara Diaz', 'Dee Park']);

    const ann = rep(doc, 'Ann Lee');
    expect(ann.goal).toBe(2);
    expect(ann.counts).toEqual({ dial: 3, appointment_set: 1, close: 1 });
    expect(ann.lookbackCounts).toEqual({ dial: 4, appointment_set: 2, close: 1 });
    // K = 2: dial (4 + 2×5)/(1 + 2) = 14/3; appt (2 + 2×2)/3 = 2; close (1 + 2)/3 = 1.
    expect(ann.ratios.dial).toBeCloseTo(14 / 3, 10);
    expect(ann.ratios.appointment_set).toBeCloseTo(2, 10);
    expect(ann.ratios.close).toBeCloseTo(1, 10);
    expect(ann.rawRatios).toEqual({ dial: 4, appointment_set: 2, close: 1 }); // 4/1, 2/1, 1/1
    // dial: required ceil(2 × 14/3 = 9.33) = 10, remaining 10 − 3 = 7, per day 7/7 = 1,
    // projected 3 × 20/13 = 4.615.
    expect(ann.needed.dial.required).toBe(10);
    expect(ann.needed.dial.done).toBe(3);
    expect(ann.needed.dial.remaining).toBe(7);
    expect(ann.needed.dial.perWorkingDay).toBeCloseTo(1, 10);
    expect(ann.needed.dial.projected).toBeCloseTo(60 / 13, 10);
    // appt: 2 × 2 = 4 exactly: ceil(4 − 1e-9) = 4, not 5. remaining 3, per day 3/7.
    expect(ann.needed.appointment_set.required).toBe(4);
    expect(ann.needed.appointment_set.remaining).toBe(3);
    expect(ann.needed.appointment_set.perWorkingDay).toBeCloseTo(3 / 7, 10);
    // close: required 2, done 1, remaining 1, projected 20/13 = 1.538 < 0.8 × 2 = 1.6 → critical.
    expect(ann.needed.close.required).toBe(2);
    expect(ann.needed.close.projected).toBeCloseTo(20 / 13, 10);
    expect(ann.shortfalls.map((s: any) => [s.stage, s.required, s.gap, s.severity])).toEqual([
      ['dial', 10, 6, 'critical'], // gap ceil(10 − 4.615) = 6; 4.615 < 8
      ['appointment_set', 4, 3, 'critical'], // projected 20/13 = 1.538; gap ceil(2.46) = 3
      ['close', 2, 1, 'critical'], // gap ceil(0.46) = 1
    ]);
    expect(ann.status).toBe('critical');

    const ben = rep(doc, 'Ben Ortiz');
    expect(ben.counts).toEqual({ dial: 3, appointment_set: 1, close: 0 });
    expect(ben.lookbackCounts).toEqual({ dial: 4, appointment_set: 1, close: 1 });
    // dial (4 + 10)/3 = 14/3, appt (1 + 4)/3 = 5/3, close 1.
    expect(ben.ratios.dial).toBeCloseTo(14 / 3, 10);
    expect(ben.ratios.appointment_set).toBeCloseTo(5 / 3, 10);
    // Goal 1: dial required ceil(4.67) = 5, projected 3 × 20/13 = 4.615 ≥ 0.8 × 5 = 4 → warning,
    // gap ceil(5 − 4.615 = 0.385) = 1. appt required ceil(1.67) = 2, projected 1.538 < 1.6 → critical.
    // close required 1, projected 0 → critical, gap 1.
    const benDial = ben.shortfalls.find((s: any) => s.stage === 'dial');
    expect(benDial).toMatchObject({ stage: 'dial', required: 5, gap: 1, severity: 'warning' });
    expect(benDial.projected).toBeCloseTo(60 / 13, 10);
    expect(ben.shortfalls.map((s: any) => [s.stage, s.required, s.gap, s.severity])).toEqual([
      ['dial', 5, 1, 'warning'],
      ['appointment_set', 2, 1, 'critical'],
      ['close', 1, 1, 'critical'],
    ]);
    expect(ben.status).toBe('critical');

    // Cara has no closes: raw ratios are null; blended ones lean on the team:
    // dial (2 + 10)/2 = 6, appt (1 + 4)/2 = 2.5, close (0 + 2)/2 = 1.
    const cara = rep(doc, 'Cara Diaz');
    // Raw ratios need closes, except the goal stage's own, which is 1 by definition.
    expect(cara.rawRatios).toEqual({ dial: null, appointment_set: null, close: 1 });
    expect(cara.ratios).toEqual({ dial: 6, appointment_set: 2.5, close: 1 });
    expect(cara.needed.appointment_set.required).toBe(3); // ceil(2.5)

    // Dee Park is only in targets.csv: zero counts, ratios equal the team's.
    const dee = rep(doc, 'Dee Park');
    expect(dee.counts).toEqual({ dial: 0, appointment_set: 0, close: 0 });
    expect(dee.ratios).toEqual({ dial: 5, appointment_set: 2, close: 1 });
    expect(dee.needed.dial).toMatchObject({ required: 5, done: 0, remaining: 5, projected: 0 });
    expect(dee.needed.dial.perWorkingDay).toBeCloseTo(5 / 7, 10);
  });

  it('--prior-closes 0 gives the raw ratios (null without closes)', async () => {
    const r = await funnel(['report', ...AS_OF, '--format', 'json', '--prior-closes', '0'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(rep(doc, 'Ann Lee').ratios).toEqual({ dial: 4, appointment_set: 2, close: 1 });
    // Ann, goal 2: dial required 2 × 4 = 8.
    expect(rep(doc, 'Ann Lee').needed.dial.required).toBe(8);
    // No closes, K = 0: no ratio for activity; the goal stage's own ratio is 1 by definition.
    expect(rep(doc, 'Cara Diaz').ratios).toEqual({ dial: null, appointment_set: null, close: 1 });
    expect(rep(doc, 'Cara Diaz').needed.dial.required).toBeNull();
  });
});

describe('funnel report --rep', () => {
  it('--rep NAME: exit 0, the detailed view of that rep', async () => {
    const r = await funnel(['report', ...AS_OF, '--rep', 'Ann Lee'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Ann Lee');
    expect(r.stdout).not.toContain('Ben Ortiz');
  });

  it('--rep NAME --format json narrows the reps', async () => {
    const r = await funnel(['report', ...AS_OF, '--rep', 'Ben Ortiz', '--format', 'json'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).reps.map((x: any) => x.rep)).toEqual(['Ben Ortiz']);
  });

  it('an unknown --rep: exit 2 with "did you mean"', async () => {
    const r = await funnel(['report', ...AS_OF, '--rep', 'Anne Lee'], { cwd: team() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Anne Lee');
    expect(r.stderr).toContain('did you mean "Ann Lee"');
  });
});

describe('funnel needed', () => {
  it('needed --team --goal 10 --format json uses the team ratios', async () => {
    const r = await funnel(['needed', ...AS_OF, '--team', '--goal', '10', '--format', 'json'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.rep).toBeNull();
    expect(doc.goal).toBe(10);
    expect(doc.period).toMatchObject({ label: '2026-11', workingDays: 20, workingDaysElapsed: 13, workingDaysLeft: 7 });
    expect(doc.stages.map((s: any) => s.stage)).toEqual(['dial', 'appointment_set', 'close']);
    // dial: 10 × 5 = 50, done 8, remaining 42, per day 42/7 = 6, per week 6 × 5 = 30.
    expect(stage(doc, 'dial')).toMatchObject({ perClose: 5, required: 50, done: 8, remaining: 42 });
    expect(stage(doc, 'dial').perWorkingDay).toBeCloseTo(6, 10);
    expect(stage(doc, 'dial').perWeek).toBeCloseTo(30, 10);
    // appt: 10 × 2 = 20, done 3, remaining 17, per day 17/7, per week 85/7.
    expect(stage(doc, 'appointment_set')).toMatchObject({ perClose: 2, required: 20, done: 3, remaining: 17 });
    expect(stage(doc, 'appointment_set').perWorkingDay).toBeCloseTo(17 / 7, 10);
    expect(stage(doc, 'appointment_set').perWeek).toBeCloseTo(85 / 7, 10);
    // close: 10, done 1, remaining 9, per day 9/7.
    expect(stage(doc, 'close')).toMatchObject({ perClose: 1, required: 10, done: 1, remaining: 9 });
    expect(stage(doc, 'close').perWorkingDay).toBeCloseTo(9 / 7, 10);
  });

  it('needed --rep NAME uses that rep\'s ratios, activity and goal', async () => {
    const r = await funnel(['needed', ...AS_OF, '--rep', 'Ben Ortiz', '--format', 'json'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.rep).toBe('Ben Ortiz');
    expect(doc.goal).toBe(1); // from targets.csv
    // Ben: ratios 14/3, 5/3, 1; done 3/1/0 → required 5, 2, 1; remaining 2, 1, 1.
    expect(stage(doc, 'dial').perClose).toBeCloseTo(14 / 3, 10);
    expect(stage(doc, 'dial')).toMatchObject({ required: 5, done: 3, remaining: 2 });
    expect(stage(doc, 'dial').perWorkingDay).toBeCloseTo(2 / 7, 10);
    expect(stage(doc, 'appointment_set').perClose).toBeCloseTo(5 / 3, 10);
    expect(stage(doc, 'appointment_set')).toMatchObject({ required: 2, done: 1, remaining: 1 });
    expect(stage(doc, 'close')).toMatchObject({ required: 1, done: 0, remaining: 1 });
  });

  it('needed --rep with an unknown name: exit 2 with "did you mean"', async () => {
    const r = await funnel(['needed', ...AS_OF, '--rep', 'Ben Ortis', '--goal', '3'], { cwd: team() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "Ben Ortiz"');
  });

  it('needed --goal 10 --ratios …: a calculator that needs no data', async () => {
    // An empty folder, no config: November 2026 has 21 working days; 13 elapsed, 8 left.
    const r = await funnel(['needed', ...AS_OF, '--goal', '10', '--ratios', 'dial=15,appointment_set=4', '--format', 'json'], {
      cwd: tempDir(),
    });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.rep).toBeNull();
    expect(doc.goal).toBe(10);
    expect(doc.period).toMatchObject({ workingDays: 21, workingDaysElapsed: 13, workingDaysLeft: 8 });
    // dial: 10 × 15 = 150, per day 150/8 = 18.75, per week 93.75.
    expect(stage(doc, 'dial')).toMatchObject({ perClose: 15, required: 150, done: 0, remaining: 150 });
    expect(stage(doc, 'dial').perWorkingDay).toBeCloseTo(150 / 8, 10);
    expect(stage(doc, 'dial').perWeek).toBeCloseTo(93.75, 10);
    // appointment_set: 10 × 4 = 40, per day 5.
    expect(stage(doc, 'appointment_set')).toMatchObject({ perClose: 4, required: 40, remaining: 40 });
    expect(stage(doc, 'appointment_set').perWorkingDay).toBeCloseTo(5, 10);
    // The goal stage: 10 closes, per day 1.25.
    expect(stage(doc, 'close')).toMatchObject({ required: 10, remaining: 10 });
    expect(stage(doc, 'close').perWorkingDay).toBeCloseTo(1.25, 10);
  });
});

describe('funnel inspect', () => {
  // fixtures/inspect/activities.csv (semicolons): line 2 call (used), line 3 note (ignored),
  // line 4 has 5 fields (rejected), line 5 date 2026-11-31 (rejected), line 6 meeting (used).
  it('inspect FILE --format json: format, delimiter, headers, accounting, rejects with line and reason', async () => {
    const r = await funnel(['inspect', 'activities.csv', '--format', 'json'], { cwd: fixture('inspect') });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.files).toHaveLength(1);
    const f = doc.files[0];
    expect(f).toMatchObject({
      path: 'activities.csv',
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      headers: ['Id', 'Date', 'Owner', 'Type'],
      rows: 5,
      used: 2,
      ignored: 1,
      rejected: 2,
      dateRange: { start: '2026-11-02', end: '2026-11-06' },
      reps: ['Ann Lee', 'Ben Ortiz'],
    });
    expect(f.rows).toBe(f.used + f.ignored + f.rejected);
    expect(f.rejects.map((x: any) => x.line)).toEqual([4, 5]);
    expect(f.rejects[0].reason).toBe('5 fields, header has 4');
    expect(f.rejects[1].reason).toContain('2026-11-31');
  });

  it('inspect never needs a config', async () => {
    const dir = tempDir({ 'activities.csv': readFileSync(join(FIXTURES, 'inspect', 'activities.csv')) });
    const r = await funnel(['inspect', 'activities.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const f = json(r).files[0];
    expect(f).toMatchObject({ format: 'csv', delimiter: ';', headers: ['Id', 'Date', 'Owner', 'Type'], rows: 5 });
    expect(f.rows).toBe(f.used + f.ignored + f.rejected);
    expect(f.rejects.map((x: any) => [x.line, x.reason])).toContainEqual([4, '5 fields, header has 4']);
  });
});

describe('periods', () => {
  it('--period 2026-W47: Monday 16 to Sunday 22 November', async () => {
    const r = await funnel(['report', ...AS_OF, '--period', '2026-W47', '--format', 'json'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    // 5 working days; 16, 17, 18 elapsed; 19, 20 left.
    expect(doc.period).toEqual({
      label: '2026-W47',
      start: '2026-11-16',
      end: '2026-11-22',
      workingDays: 5,
      workingDaysElapsed: 3,
      workingDaysLeft: 2,
      goalPeriod: 'month',
    });
    // Nov 16–18: A5 call, A7 won; B5 call; C2 call, C3 meeting. A8 (Nov 19) is after as-of.
    expect(doc.team.counts).toEqual({ dial: 3, appointment_set: 1, close: 1 });
    expect(rep(doc, 'Ann Lee').counts).toEqual({ dial: 1, appointment_set: 0, close: 1 });
    // Ann's monthly goal of 2 becomes the week's share: 2 × 5/20 = 0.5 closes. Her one close
    // reaches it: nothing remains, though the need (ceil(0.5 × 5) = 3 dials at her blended 5 a
    // close) and pace (1 × 5/3) are given.
    expect(rep(doc, 'Ann Lee').goal).toBe(0.5);
    expect(rep(doc, 'Ann Lee').status).toBe('reached');
    expect(rep(doc, 'Ann Lee').shortfalls).toEqual([]);
    expect(rep(doc, 'Ann Lee').needed.dial).toMatchObject({ required: 3, done: 1, remaining: 0, perWorkingDay: 0 });
    expect(rep(doc, 'Ann Lee').needed.dial.projected).toBeCloseTo(5 / 3, 10);
    // The lookback does not depend on the period.
    expect(doc.team.lookbackCounts).toEqual({ dial: 10, appointment_set: 4, close: 2 });
  });

  it('--period 2026-11-01..2026-11-15: inclusive range, no working days left', async () => {
    const r = await funnel(['report', ...AS_OF, '--period', '2026-11-01..2026-11-15', '--format', 'json'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    // Nov 2–6 and 9–13: 10 working days, all before as-of.
    expect(doc.period).toEqual({
      label: '2026-11-01..2026-11-15',
      start: '2026-11-01',
      end: '2026-11-15',
      workingDays: 10,
      workingDaysElapsed: 10,
      workingDaysLeft: 0,
      goalPeriod: 'month',
    });
    // A3, A4 calls + A6 meeting; B3, B4 calls + B6 meeting; C1 call.
    expect(doc.team.counts).toEqual({ dial: 5, appointment_set: 2, close: 0 });
    expect(rep(doc, 'Ann Lee').counts).toEqual({ dial: 2, appointment_set: 1, close: 0 });
    // No working days left: perWorkingDay is null; projected = done × 10/10.
    // The range holds 10 of November's 20 working days: Ann's goal is 2 × 10/20 = 1 close,
    // 1 × 5 = 5 dials, 2 done, 3 left, and no working day left to do them in.
    expect(rep(doc, 'Ann Lee').goal).toBe(1);
    expect(rep(doc, 'Ann Lee').needed.dial).toMatchObject({ required: 5, done: 2, remaining: 3, perWorkingDay: null, projected: 2 });
  });

  for (const bad of ['2026-W54', '2026-13', '2026-11-15..2026-11-01', '2026-02-30..2026-03-01', 'next-week']) {
    it(`a bad --period (${bad}): exit 2`, async () => {
      const r = await funnel(['report', ...AS_OF, '--period', bad], { cwd: team() });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('--period');
    });
  }
});

describe('exit codes and output', () => {
  it('--fail-on-shortfall: exit 3 when a rep is behind, with the report still on stdout', async () => {
    const r = await funnel(['report', ...AS_OF, '--fail-on-shortfall', '--format', 'json'], { cwd: team() });
    expect(r.code).toBe(3);
    expect(json(r).reps.some((x: any) => x.shortfalls.length > 0)).toBe(true);
  });

  it('--fail-on-shortfall: exit 0 when nobody has a goal (so nobody is behind)', async () => {
    const r = await funnel(['report', ...AS_OF, '--fail-on-shortfall', '--targets', 'no-goals.csv', '--format', 'json'], { cwd: team() });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).reps.every((x: any) => x.shortfalls.length === 0)).toBe(true);
  });

  it('--out FILE: nothing on stdout, the file holds the result', async () => {
    const dir = team();
    const plain = await funnel(['report', ...AS_OF, '--format', 'json'], { cwd: dir });
    const r = await funnel(['report', ...AS_OF, '--format', 'json', '--out', 'report.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(json(plain));
  });

  it('funnel --help: exit 0', async () => {
    const r = await funnel(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage/i);
    expect(r.stdout).toContain('report');
  });

  it('an unknown option: exit 2', async () => {
    const r = await funnel(['report', ...AS_OF, '--bogus'], { cwd: team() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--bogus');
  });

  it('funnel report | head -1: one line, no stack trace', async () => {
    const r = await sh(`node "${BIN}" report --as-of 2026-11-18 | head -1`, team());
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('funnel report --format json | head -1 on a large report (the pipe closes mid-write): no stack trace', async () => {
    // 3000 reps → several MB of JSON, far more than a pipe buffer holds.
    const dir = team();
    let csv = 'Id,Date,Owner,Type\n';
    for (let i = 0; i < 3000; i++) csv += `X${i},2026-11-${String(2 + (i % 15)).padStart(2, '0')},Rep ${String(i).padStart(4, '0')},call\n`;
    writeFileSync(join(dir, 'calls.csv'), csv);
    const r = await sh(`node "${BIN}" report --as-of 2026-11-18 --format json | head -1`, dir);
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
