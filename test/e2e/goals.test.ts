// End-to-end: goals per goal period, "reached", input health, the sales cycle and whose plan,
// on the built binary. Most groups run in examples/acme as of Wed 2026-11-18; a few use a tiny
// fixture written here.
//
// Hand-checked facts of examples/acme (holidays 2026-11-26 and 2026-12-25, Mon–Fri):
//   November 2026: 2–6, 9–13, 16–20, 23–27 without the 26th, 30 → 5+5+5+4+1 = 20 working days.
//   Week 46 (Mon 9 – Sun 15 Nov): 5 of them, so a week's goal is goal × 5/20 = goal / 4.
//   December 2026: 1–4, 7–11, 14–18, 21–24, 28–31 → 4+5+5+4+4 = 22 working days.
//   targets.csv: Marisol Vega 11, Daniel Okafor 10, Priya Raman 4, Tomás Herrera 3, Wei Chen 4,
//     Luca Romano 3, Kenji Watanabe 4, Aisha Bello 3, Connor Walsh 2, Grace Mwangi 1, Jordan Ellis 1
//     → 46 in all.
//   Closes won 1–18 Nov (hubspot-deals.csv, "Is Closed Won" true, by Close Date): Marisol 10,
//     Daniel 7, Priya 5, Aisha 3, Tomás 3, Wei 4, Luca 2, Grace 1 → 35; Kenji, Connor, Jordan 0.
//     Reached: Aisha 3/3, Grace 1/1, Priya 5/4, Tomás 3/3, Wei 4/4.
//   Closes in week 46: Grace 9 Nov, Marisol 9 Nov, Wei 10 Nov, Aisha 9 Nov, Priya 9 Nov, Tomás 11 Nov,
//     Daniel 13 Nov (2) → 8. Against a quarter of the goal: Aisha 1 ≥ 0.75, Grace 1 ≥ 0.25,
//     Priya 1 ≥ 1, Tomás 1 ≥ 0.75, Wei 1 ≥ 1 reached (5); Daniel 2 < 2.5, Marisol 1 < 2.75 not.
//   Kenji Watanabe's closes in the lookback (21 Aug – 18 Nov), days from Create Date to Close Date:
//     29, 23, 20, 18, 12, 24, 17 → sorted 12 17 18 20 23 24 29 → median 20 over 7 (his own).
//     20 > 12 days from 18 Nov to 30 Nov: lands after the period. Under way since 18 Nov − 19 = 30 Oct:
//     one proposal (deal created 6 Nov) and one follow-up meeting held 6 Nov.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { funnel, json, ROOT, tempDir, type RunResult } from './run.js';

const ACME = join(ROOT, 'examples', 'acme');
const AS_OF = ['--as-of', '2026-11-18'];
// FUNNEL_REP from the developer's shell must not pick a rep for these runs.
const NO_REP = { FUNNEL_REP: undefined };
// Spawns of the example take seconds on a busy machine; a group's runs share one hook.
const HOOK_TIMEOUT = 180_000;

const TARGETS: Record<string, number> = {
  'Marisol Vega': 11,
  'Daniel Okafor': 10,
  'Priya Raman': 4,
  'Tomás Herrera': 3,
  'Wei Chen': 4,
  'Luca Romano': 3,
  'Kenji Watanabe': 4,
  'Aisha Bello': 3,
  'Connor Walsh': 2,
  'Grace Mwangi': 1,
  'Jordan Ellis': 1,
};
const REACHED_IN_NOVEMBER = ['Aisha Bello', 'Grace Mwangi', 'Priya Raman', 'Tomás Herrera', 'Wei Chen'];
const REACHED_IN_WEEK_46 = ['Aisha Bello', 'Grace Mwangi', 'Priya Raman', 'Tomás Herrera', 'Wei Chen'];

const acme = (args: string[], env: Record<string, string | undefined> = {}) => funnel(args, { cwd: ACME, env: { ...NO_REP, ...env } });

function rep(doc: any, name: string): any {
  const r = doc.reps.find((x: any) => x.rep === name);
  expect(r, `rep ${name}`).toBeDefined();
  return r;
}

/** The lines of a text output that are about `name`. */
const linesAbout = (text: string, name: string) => text.split('\n').filter((l) => l.includes(name));

describe('the monthly report of the example', () => {
  let doc: any;
  let table: RunResult;
  beforeAll(async () => {
    const r = await acme(['report', ...AS_OF, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    doc = json(r);
    table = await acme(['report', ...AS_OF]);
  }, HOOK_TIMEOUT);

  it('every rep whose closes reach the goal is "reached", with nothing short and nothing remaining', () => {
    const reached = doc.reps.filter((r: any) => r.goal > 0 && r.counts.close >= r.goal);
    expect(reached.map((r: any) => r.rep)).toEqual(REACHED_IN_NOVEMBER);
    for (const r of reached) {
      expect(r.status, r.rep).toBe('reached');
      expect(r.shortfalls, r.rep).toEqual([]);
      for (const [stage, need] of Object.entries<any>(r.needed)) {
        expect([need.remaining, need.perWorkingDay], `${r.rep} ${stage}`).toEqual([0, 0]);
        // Required and projected are still given.
        expect(need.required, `${r.rep} ${stage}`).not.toBeNull();
        expect(need.projected, `${r.rep} ${stage}`).not.toBeNull();
      }
    }
    for (const r of doc.reps.filter((x: any) => !REACHED_IN_NOVEMBER.includes(x.rep))) expect(r.status, r.rep).not.toBe('reached');
  });

  it('Tomás Herrera 3 of 3, Grace Mwangi 1 of 1 and Wei Chen 4 of 4 are reached', () => {
    for (const [name, n] of [['Tomás Herrera', 3], ['Grace Mwangi', 1], ['Wei Chen', 4]] as const) {
      const r = rep(doc, name);
      expect([r.counts.close, r.goal, r.status], name).toEqual([n, n, 'reached']);
    }
    // The month is its own goal period: G is the target exactly.
    expect(doc.period.goalPeriod).toBe('month');
    expect(rep(doc, 'Wei Chen').goalParts).toEqual([{ label: '2026-11', start: '2026-11-01', end: '2026-11-30', goal: 4, workingDays: 20, sharedWorkingDays: 20 }]);
  });

  it('the table shows no reached rep as behind or critical', () => {
    expect(table.code, table.stderr).toBe(0);
    for (const name of REACHED_IN_NOVEMBER) {
      const lines = linesAbout(table.stdout, name);
      expect(lines.length, name).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line, name).not.toMatch(/behind|critical/);
        // No pace markers on the row and no line in the shortfalls.
        expect(line, name).not.toMatch(/[▲▼]/);
      }
      // The row of the "Done this period" table ends with the status.
      expect(lines[0], name).toMatch(/reached( \+\d+)?$/);
    }
  });
});

describe('last week of the example, against a week of the monthly goal', () => {
  let doc: any;
  let email: RunResult;
  beforeAll(async () => {
    const r = await acme(['report', '--period', 'last-week', ...AS_OF, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    doc = json(r);
    email = await acme(['email', '--period', 'last-week', ...AS_OF, '--to', 't@example.com', '--dry-run']);
  }, HOOK_TIMEOUT);

  it('judges each rep against goal × 5/20 and names November as the goal period', () => {
    expect(doc.period).toMatchObject({ label: '2026-W46', start: '2026-11-09', end: '2026-11-15', workingDays: 5, goalPeriod: 'month' });
    // By hand: Daniel Okafor 10 × 5/20 = 2.5; Marisol Vega 11 × 5/20 = 2.75.
    expect(rep(doc, 'Daniel Okafor').goal).toBe(2.5);
    expect(rep(doc, 'Marisol Vega').goal).toBe(2.75);
    expect(doc.reps.map((r: any) => r.rep).sort()).toEqual(Object.keys(TARGETS).sort());
    for (const r of doc.reps) {
      expect(r.goal, r.rep).toBeCloseTo((TARGETS[r.rep] * 5) / 20, 12);
      expect(r.goalParts, r.rep).toEqual([{ label: '2026-11', start: '2026-11-01', end: '2026-11-30', goal: TARGETS[r.rep], workingDays: 20, sharedWorkingDays: 5 }]);
    }
  });

  it('reaches the week with one close against a quarter of a small goal', () => {
    expect(doc.reps.filter((r: any) => r.status === 'reached').map((r: any) => r.rep)).toEqual(REACHED_IN_WEEK_46);
    // Daniel Okafor: 2 closes of 2.5 is not reached.
    expect(rep(doc, 'Daniel Okafor').counts.close).toBe(2);
    expect(rep(doc, 'Daniel Okafor').status).not.toBe('reached');
  });

  it('the weekly digest names a quarter of November\'s goal and no longer calls the whole team behind', () => {
    expect(email.code, email.stderr).toBe(0);
    // The subject may be folded over several header lines (RFC 5322): unfold it.
    const headers = email.stdout.split(/\r?\n\r?\n/)[0].replace(/\r?\n(?=[ \t])/g, '');
    const subject = /^Subject: (.*)$/m.exec(headers)?.[1];
    expect(subject).toBeDefined();
    expect(subject).toMatch(/^Week 46: /);
    expect(subject).toContain("(a quarter of November's goal)");
    expect(subject).toContain(`${REACHED_IN_WEEK_46.length} reached`);
    expect(subject).not.toContain('11 of 11 reps behind pace');
    // The reps behind pace are the others: 11 − 5 = 6 at most.
    const behind = doc.reps.filter((r: any) => r.status === 'behind' || r.status === 'critical').length;
    expect(behind).toBeLessThanOrEqual(11 - REACHED_IN_WEEK_46.length);
    expect(subject).toContain(`${behind} of 11 reps behind pace`);
  });
});

// A two-rep team, Mon–Fri with Thanksgiving and Christmas off. Lookback 21 Aug – 18 Nov.
//   Ann Lee: 1 call (5 Oct), won 6 Oct and 16 Nov → November 1 close.
//   Ben Ortiz: 1 call (7 Oct), won 10, 17 and 18 Nov → November 3 closes. The newest event is 18 Nov.
// Team lookback: 2 dials, 5 closes → 0.4 dials a close. With K = 2 (default):
//   Ann (1 + 2 × 0.4) / (2 + 2) = 0.45; Ben (1 + 0.8) / (3 + 2) = 0.36.
// No dials in November: a rep who has not reached the goal is short of dials (projected 0).
const TEAM_CONFIG = `holidays: [2026-11-26, 2026-12-25]
targets: targets.csv
sources:
  - path: calls.csv
    columns: { rep: Owner, date: Date, id: Id }
    rules:
      - stage: dial
        when: { Type: call }
      - stage: close
        when: { Type: won }
`;
// The same team with a deals export whose outcome values were renamed: no row matches.
const NO_MATCH_CONFIG = `${TEAM_CONFIG}  - path: deals.csv
    columns: { rep: Owner, date: Date, id: Id }
    rules:
      - stage: close
        when: { Outcome: Won }
`;
const CALLS = `Id,Date,Owner,Type
A1,2026-10-05,Ann Lee,call
A2,2026-10-06,Ann Lee,won
A3,2026-11-16,Ann Lee,won
B1,2026-10-07,Ben Ortiz,call
B2,2026-11-10,Ben Ortiz,won
B3,2026-11-17,Ben Ortiz,won
B4,2026-11-18,Ben Ortiz,won
`;
const DEALS = `Id,Date,Owner,Outcome
D1,2026-11-02,Ann Lee,Closed - Won
D2,2026-11-03,Ann Lee,Closed - Won
D3,2026-11-04,Ben Ortiz,Closed - Won
D4,2026-11-05,Ben Ortiz,Lost
`;

function team(): string {
  return tempDir({
    'funnel.config.yaml': TEAM_CONFIG,
    'nomatch.yaml': NO_MATCH_CONFIG,
    'calls.csv': CALLS,
    'deals.csv': DEALS,
    // Ann 1 of 1 (exact), Ben 3 of 2 (over).
    'targets.csv': 'rep,goal\nAnn Lee,1\nBen Ortiz,2\n',
    // Ben 3 of 5: not reached.
    'behind.csv': 'rep,goal\nAnn Lee,1\nBen Ortiz,5\n',
  });
}

describe('--fail-on-shortfall and reached reps', () => {
  let dir: string;
  let reached: RunResult;
  let behind: RunResult;
  let neededReached: RunResult;
  let emailReached: RunResult;
  let emailBehind: RunResult;
  beforeAll(async () => {
    dir = team();
    reached = await funnel(['report', ...AS_OF, '--fail-on-shortfall', '--format', 'json'], { cwd: dir });
    behind = await funnel(['report', ...AS_OF, '--fail-on-shortfall', '--targets', 'behind.csv', '--format', 'json'], { cwd: dir });
    neededReached = await funnel(['needed', ...AS_OF, '--rep', 'Ann Lee', '--fail-on-shortfall'], { cwd: dir, env: NO_REP });
    emailReached = await funnel(['email', ...AS_OF, '--to', 't@example.com', '--dry-run', '--fail-on-shortfall'], { cwd: dir });
    emailBehind = await funnel(['email', ...AS_OF, '--to', 't@example.com', '--dry-run', '--fail-on-shortfall', '--targets', 'behind.csv'], { cwd: dir });
  }, HOOK_TIMEOUT);

  it('needed and email ignore reached reps too, and email exits 3 for a rep behind', () => {
    expect(neededReached.code, neededReached.stderr).toBe(0);
    expect(neededReached.stdout).toContain('The goal is reached: 1 of 1 closes.');
    expect(emailReached.code, emailReached.stderr).toBe(0);
    // This week (16–22 Nov) is 5 of November's 20 days: Ann 1 × 5/20 = 0.25 (1 close on 16 Nov),
    // Ben 2 × 5/20 = 0.5 (2 closes on 17 and 18 Nov).
    expect(emailReached.stdout).toMatch(/^Subject: Week 47 \(2026-11\): all 2 reps reached their goal/m);
    expect(emailBehind.code, emailBehind.stderr).toBe(3);
  });

  it('exits 0 when every rep with a goal has reached it, though nobody dialled in November', () => {
    expect(reached.code, reached.stderr).toBe(0);
    const doc = json(reached);
    // Ann: dials required ceil(1 × 0.45) = 1, projected 0: a critical shortfall were she not reached.
    expect(rep(doc, 'Ann Lee')).toMatchObject({ goal: 1, status: 'reached', shortfalls: [] });
    expect(rep(doc, 'Ann Lee').needed.dial).toMatchObject({ required: 1, done: 0, remaining: 0, perWorkingDay: 0, projected: 0 });
    // Ben: 3 closes of 2.
    expect(rep(doc, 'Ben Ortiz')).toMatchObject({ goal: 2, status: 'reached', shortfalls: [] });
    expect(rep(doc, 'Ben Ortiz').counts.close).toBe(3);
  });

  it('exits 3 when a rep is behind, with the report on stdout', () => {
    expect(behind.code, behind.stderr).toBe(3);
    const doc = json(behind);
    expect(rep(doc, 'Ann Lee').status).toBe('reached');
    // Ben, goal 5, 13 of 20 days done: closes projected 3 × 20/13 = 4.615 ≥ 0.8 × 5 = 4, a warning, gap
    // ceil(5 − 4.615) = 1; dials required ceil(5 × 0.36) = ceil(1.8) = 2, projected 0: critical, gap 2.
    const ben = rep(doc, 'Ben Ortiz');
    expect(ben.status).toBe('critical');
    expect(ben.shortfalls.map((s: any) => [s.stage, s.required, s.gap, s.severity])).toEqual([
      ['dial', 2, 2, 'critical'],
      ['close', 5, 1, 'warning'],
    ]);
    expect(ben.shortfalls[1].projected).toBeCloseTo(60 / 13, 12);
  });
});

describe('stale input', () => {
  // As of Thu 31 Dec with data ending Wed 18 Nov: 19, 20, 23, 24, 25, 27, 30 Nov (7, Thanksgiving off)
  // and December's 22 (Christmas off) = 29 working days.
  const STALE = 'the data ends on 2026-11-18, 29 working days before 2026-12-31';
  let strict: RunResult;
  let lenient: RunResult;
  let example: RunResult;
  beforeAll(async () => {
    const dir = team();
    strict = await funnel(['report', '--as-of', '2026-12-31', '--strict'], { cwd: dir });
    lenient = await funnel(['report', '--as-of', '2026-12-31', '--format', 'json'], { cwd: dir });
    example = await acme(['report', '--as-of', '2026-12-31', '--format', 'json']);
  }, HOOK_TIMEOUT);

  it('--strict fails (exit 1) naming the date the data ends, with nothing on stdout', () => {
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain(`funnel: error: ${STALE}`);
    expect(strict.stderr).toContain('--as-of 2026-11-18');
  });

  it('without --strict: exit 0, a warning on stderr and STALE_INPUT in the JSON', () => {
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toContain(`funnel: warning: ${STALE}`);
    expect(json(lenient).input.warnings).toEqual([
      {
        code: 'STALE_INPUT',
        file: null,
        message: `${STALE}: the numbers judge days with no data as days without activity; export fresh data, or run with --as-of 2026-11-18`,
      },
    ]);
  });

  it('the example a month and a half on says its data ends on 2026-11-18', () => {
    expect(example.code, example.stderr).toBe(0);
    expect(example.stderr).toContain(`funnel: warning: ${STALE}`);
    const warnings = json(example).input.warnings;
    expect(warnings[0]).toMatchObject({ code: 'STALE_INPUT', file: null });
    expect(warnings[0].message).toContain(STALE);
  });
});

describe('needed, trend and email on stale input, and needed with one rep', () => {
  let neededStrict: RunResult;
  let trendStrict: RunResult;
  let emailStrict: RunResult;
  let single: RunResult;
  beforeAll(async () => {
    const dir = team();
    const stale = ['--as-of', '2026-12-31', '--strict'];
    neededStrict = await funnel(['needed', ...stale, '--rep', 'Ann Lee'], { cwd: dir, env: NO_REP });
    trendStrict = await funnel(['trend', ...stale], { cwd: dir });
    emailStrict = await funnel(['email', ...stale, '--to', 't@example.com', '--dry-run'], { cwd: dir });
    // Only Ann Lee's rows, goal 2: her plan without --rep.
    const one = tempDir({
      'funnel.config.yaml': TEAM_CONFIG,
      'calls.csv': CALLS.split('\n').filter((l) => !l.includes('Ben Ortiz')).join('\n'),
      'targets.csv': 'rep,goal\nAnn Lee,2\n',
    });
    single = await funnel(['needed', ...AS_OF], { cwd: one, env: NO_REP });
  }, HOOK_TIMEOUT);

  it.each([
    ['needed', () => neededStrict],
    ['trend', () => trendStrict],
    ['email', () => emailStrict],
  ])('%s --strict fails on stale input', (_name, result) => {
    expect(result().code).toBe(1);
    expect(result().stdout).toBe('');
    expect(result().stderr).toContain('funnel: error: the data ends on 2026-11-18, 29 working days before 2026-12-31');
  });

  it('one rep in the data: needed plans for that rep without --rep', () => {
    expect(single.code, single.stderr).toBe(0);
    // Ann: 1 close of 2 in November; dials per close (1 + 2 × 0.5) / (2 + 2) = 0.5 (team ratio 1 dial / 2 closes).
    expect(single.stdout).toContain("Needed for 2 closes in 2026-11, as of 2026-11-18, from Ann Lee's ratios");
  });
});

describe('a file whose values match no rule', () => {
  let report: RunResult;
  let inspect: RunResult;
  beforeAll(async () => {
    const dir = team();
    report = await funnel(['report', ...AS_OF, '--config', 'nomatch.yaml', '--format', 'json'], { cwd: dir });
    inspect = await funnel(['inspect', 'deals.csv', '--config', 'nomatch.yaml'], { cwd: dir });
  }, HOOK_TIMEOUT);

  it('gets NO_MATCH naming the column the rules read and its most common values', () => {
    expect(report.code, report.stderr).toBe(0);
    const doc = json(report);
    // deals.csv: "Closed - Won" ×3, "Lost" ×1; the rule wants "Won".
    expect(doc.input.warnings).toEqual([
      {
        code: 'NO_MATCH',
        file: 'deals.csv',
        message:
          'none of its 4 rows matched a rule; the rules read "Outcome": "Closed - Won" ×3, "Lost" ×1. ' +
          'Check the values against the rules (funnel inspect deals.csv shows both)',
      },
    ]);
    expect(doc.input.files.find((f: any) => f.path === 'deals.csv')).toMatchObject({ rows: 4, used: 0, ignored: 4 });
    expect(report.stderr).toContain('funnel: warning: deals.csv: none of its 4 rows matched a rule');
  });

  it('inspect lists the values of the columns the rules read', () => {
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout).toContain('rows 4: 0 used, 4 ignored, 0 rejected');
    expect(inspect.stdout).toMatch(/no row matched a rule; the columns the rules read hold:\n\s+"Outcome": "Closed - Won" 3, "Lost" 1/);
  });
});

describe('needed: whose plan', () => {
  let several: RunResult;
  let teamPlan: RunResult;
  let fromEnv: RunResult;
  let kenji: RunResult;
  let kenjiJson: any;
  beforeAll(async () => {
    several = await acme(['needed', ...AS_OF, '--goal', '10']);
    teamPlan = await acme(['needed', ...AS_OF, '--team', '--goal', '10']);
    fromEnv = await acme(['needed', ...AS_OF], { FUNNEL_REP: 'Wei Chen' });
    kenji = await acme(['needed', ...AS_OF, '--rep', 'Kenji Watanabe']);
    const r = await acme(['needed', ...AS_OF, '--rep', 'Kenji Watanabe', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    kenjiJson = json(r);
  }, HOOK_TIMEOUT);

  it('several reps and neither --rep nor --team: exit 2 listing the reps', () => {
    expect(several.code).toBe(2);
    expect(several.stdout).toBe('');
    expect(several.stderr).toContain('funnel: error: the data holds 11 reps: say whose plan this is');
    expect(several.stderr).toContain(`reps are: ${Object.keys(TARGETS).sort((a, b) => a.localeCompare(b)).join(', ')}`);
    expect(several.stderr).toMatch(/--rep "[^"]+"/);
    expect(several.stderr).toContain('--team');
  });

  it('--team plans with the team\'s ratios and done counts, and says so', () => {
    expect(teamPlan.code, teamPlan.stderr).toBe(0);
    expect(teamPlan.stdout).toContain("Needed for 10 closes in 2026-11, as of 2026-11-18, from the team's ratios and activity");
    expect(teamPlan.stdout).toContain("The team's plan");
    // The team closed 35 in 1–18 Nov.
    expect(teamPlan.stdout).toContain('The goal is reached: 35 of 10 closes.');
    // The team's cycle lands after November; December's plan is for the sum of the reps' targets, 46.
    expect(teamPlan.stdout).toContain('Plan for December, goal 46');
  });

  it('FUNNEL_REP picks the rep, and their goal', () => {
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toContain("Needed for 4 closes in 2026-11, as of 2026-11-18, from Wei Chen's ratios");
    // Wei Chen has 4 of 4.
    expect(fromEnv.stdout).toContain('The goal is reached: 4 of 4 closes.');
  });

  it('Kenji Watanabe: the cycle outlasts the days left, the rest comes from deals under way, December planned', () => {
    expect(kenji.code, kenji.stderr).toBe(0);
    const out = kenji.stdout;
    expect(out).toContain("Needed for 4 closes in 2026-11, as of 2026-11-18, from Kenji Watanabe's ratios");
    expect(out).toContain("Deals take 20 days from creation to close (Kenji Watanabe's own median over 7 closes)");
    expect(out).toContain("The rest of this period's goal must come from deals already under way: 1 2nd meeting and 1 proposal since 2026-10-30.");
    expect(out).toContain('Plan for December, goal 4:');
    expect(out).toContain('Not reachable by activity alone');
  });

  it('Kenji Watanabe in JSON: cycle and nextPeriod', () => {
    expect(kenjiJson.cycle).toEqual({
      medianDays: 20,
      closes: 7,
      basis: 'rep',
      landsAfterPeriod: true,
      underWay: { since: '2026-10-30', counts: { second_meeting: 1, proposal: 1 } },
    });
    const next = kenjiJson.nextPeriod;
    expect(next).toMatchObject({ label: '2026-12', start: '2026-12-01', end: '2026-12-31', goal: 4, workingDays: 22 });
    // Each stage: ceil(4 × his activity per close), over December's 22 working days.
    for (const s of next.stages) {
      const perClose = kenjiJson.stages.find((x: any) => x.stage === s.stage).perClose;
      expect(s.required, s.stage).toBe(Math.ceil(4 * perClose - 1e-9));
      expect(s.perWorkingDay, s.stage).toBeCloseTo(s.required / 22, 12);
    }
    expect(next.stages.find((s: any) => s.stage === 'close')).toEqual({ stage: 'close', required: 4, perWorkingDay: 4 / 22 });
    // November, as it stands: 4 closes needed, none done, 7 days left.
    expect(kenjiJson).toMatchObject({ rep: 'Kenji Watanabe', goal: 4, status: 'critical' });
  });
});
