import { describe, expect, it } from 'vitest';
import { coachRep, type CoachContext } from '../../../src/engine/coaching/coach.js';
import { conversionSteps } from '../../../src/engine/coaching/conversion.js';
import type { RepReport, TeamReport } from '../../../src/engine/model.js';
import type { PromptTemplate } from '../../../src/engine/prompts.js';

const stages = [
  { id: 'dial', label: 'Dials' },
  { id: 'conversation', label: 'Conversations' },
  { id: 'close', label: 'Closes' },
];

// Team lookback: 30 % of dials connect, 10 % of conversations close.
const team: TeamReport = {
  counts: { dial: 900, conversation: 270, close: 27 },
  lookbackCounts: { dial: 2000, conversation: 600, close: 60 },
  ratios: { dial: 2000 / 60, conversation: 10, close: 1 },
};

// Jane: 10 % of her dials connect (400 → 40), 5 % of conversations close (40 → 2). Goal 5 closes,
// 1 so far, 10 working days left of 20; 40 working days of history in the lookback.
const jane: RepReport = {
  rep: 'Jane Doe',
  goal: 5,
  goalParts: [],
  status: 'critical',
  counts: { dial: 150, conversation: 15, close: 1 },
  lookbackCounts: { dial: 400, conversation: 40, close: 2 },
  ratios: { dial: 200, conversation: 20, close: 1 },
  rawRatios: { dial: 200, conversation: 20, close: 1 },
  needed: {
    dial: { required: 1000, done: 150, remaining: 850, perWorkingDay: 85, projected: 300 },
    conversation: { required: 100, done: 15, remaining: 85, perWorkingDay: 8.5, projected: 30 },
    close: { required: 5, done: 1, remaining: 4, perWorkingDay: 0.4, projected: 2 },
  },
  shortfalls: [
    { stage: 'dial', required: 1000, projected: 300, gap: 700, severity: 'critical' },
    { stage: 'conversation', required: 100, projected: 30, gap: 70, severity: 'critical' },
    { stage: 'close', required: 5, projected: 2, gap: 3, severity: 'critical' },
  ],
  activityWorth: { dial: 1.5, conversation: 1.5, close: 2 },
  bestPerWorkingDay: { dial: 20, conversation: 2, close: 0.2 },
  beyondHistory: [],
  cycle: null,
  nextPeriod: null,
  bottleneck: null,
  prompts: [],
  timeOff: [],
  workingDays: { total: 20, elapsed: 10, left: 10, off: 0 },
  lastActivity: '2026-11-13',
  idleWorkingDays: 0,
  historyWorkingDays: 40,
};

const library: PromptTemplate[] = [
  { id: 'short', when: 'activity_shortfall', text: '{first}: {stage} short by {gap}', repText: '{first}: {stage} short by {gap}' },
  { id: 'gap-conversation', when: 'conversion_gap', stage: 'conversation', text: '{from} to {to}: {rate} vs {teamRate}' },
  { id: 'gap-close', when: 'conversion_gap', stage: 'close', text: 'about closing' },
  { id: 'missed', when: 'commitment_missed', text: '{stage}: {actual} of {expected}', repText: '{stage}: {actual} of {expected}' },
  { id: 'thin', when: 'too_little_history', text: '{lookbackCloses} closes', repText: '{lookbackCloses} closes' },
  { id: 'none', when: 'no_commitment', text: 'check-in {checkIn}', repText: 'check-in {checkIn}' },
];

const ctx: CoachContext = {
  stages,
  team,
  plan: { commitments: { dial: 100, proposal: 3 }, checkIn: 'weekly, Monday 9:00' },
  library,
  workdaysPerWeek: 5,
};

describe('coachRep', () => {
  // Coached inside each test: mutation testing attributes code to the test that runs it.
  const coach = () => coachRep(jane, ctx);

  it('gives each step with the team beside it, on lookback counts', () => {
    const c = coach();
    expect(c.conversion).toEqual(conversionSteps(jane.lookbackCounts, team.lookbackCounts, ['dial', 'conversation', 'close']));
    expect(c.conversion.map((s) => [s.from, s.to, s.trials, s.successes])).toEqual([
      ['dial', 'conversation', 400, 40],
      ['conversation', 'close', 40, 2],
    ]);
    // 40 / 400 = 10 % against 600 / 2000 = 30 %; 2 / 40 = 5 % against 60 / 600 = 10 %.
    expect(c.conversion[0].rate).toBeCloseTo(0.1, 12);
    expect(c.conversion[0].teamRate).toBeCloseTo(0.3, 12);
    expect(c.conversion[1].rate).toBeCloseTo(0.05, 12);
    expect(c.conversion[1].teamRate).toBeCloseTo(0.1, 12);
  });

  it('names the weakest real step: dials to conversations', () => {
    const c = coach();
    // 40 of 400: Wilson 80 % [8.24 %, 12.09 %], wholly under 30 %, and 10 / 30 = 0.33 of the team.
    // 2 of 40: [2.10 %, 11.45 %] holds the team's 10 %: noise, not a bottleneck.
    expect(c.bottleneck).toMatchObject({ from: 'dial', to: 'conversation', teamRate: c.conversion[0].teamRate });
    expect(c.bottleneck!.low).toBeCloseTo(0.0823821, 6);
    expect(c.bottleneck!.high).toBeCloseTo(0.1208892, 6);
  });

  it('forecasts from the close rate over the history days', () => {
    const c = coach();
    // 2 closes in 40 days = 0.05 a day; 1 + 0.05 × 10 = 1.5 expected; 4 still needed at λ = 0.5:
    // P(X ≥ 4) = 1 − e^−0.5 (1 + 0.5 + 0.125 + 0.0208333) = 0.0017516.
    expect(c.closesInLookback).toBe(2);
    expect(c.closesPerWorkingDay).toBeCloseTo(0.05, 12);
    expect(c.expectedCloses).toBeCloseTo(1.5, 12);
    expect(c.probability).toBeCloseTo(0.0017516225562909105, 12);
  });

  it('flags ratios on fewer than 3 closes', () => {
    const c = coach();
    expect(c.hasFewCloses).toBe(true);
    expect(coachRep({ ...jane, lookbackCounts: { ...jane.lookbackCounts, close: 3 } }, ctx).hasFewCloses).toBe(false);
    // With minCloses 2, two closes are enough.
    expect(coachRep(jane, { ...ctx, options: { idleDays: 5, minCloses: 2 } }).hasFewCloses).toBe(false);
  });

  it('checks the promises on tracked stages only, per week by default', () => {
    const c = coach();
    // 100 dials a week × 10 elapsed days / 5 = 200 expected by now, 150 done: short by 50.
    expect(c.commitments).toEqual([
      { stage: 'dial', committed: 100, per: 'week', actual: 150, expected: 200, periodTotal: 400, shortBy: 50, isMet: false },
    ]);
    expect(c.checkIn).toBe('weekly, Monday 9:00');
  });

  it('uses per-period promises when the plan says so', () => {
    // 300 for the period, pro rata 300 × 10 / 20 = 150: met exactly.
    const period = coachRep(jane, { ...ctx, plan: { commitments: { dial: 300 }, commitmentsPer: { dial: 'period' } } });
    expect(period.commitments).toEqual([{ stage: 'dial', committed: 300, per: 'period', actual: 150, expected: 150, periodTotal: 300, shortBy: 0, isMet: true }]);
    expect(period.checkIn).toBeNull();
  });

  it('diagnoses in order and chooses prompts round by round, stage-specific first', () => {
    const c = coach();
    expect(c.diagnoses).toEqual(['activity_shortfall', 'commitment_missed', 'conversion_gap', 'too_little_history']);
    // One prompt per diagnosis, the three most important; the conversion gap's about its `to` stage.
    expect(c.prompts).toEqual([
      { id: 'short', when: 'activity_shortfall', text: 'Jane: dials short by 700', repText: 'Jane: dials short by 700' },
      { id: 'missed', when: 'commitment_missed', text: 'dials: 150 of 200', repText: 'dials: 150 of 200' },
      { id: 'gap-conversation', when: 'conversion_gap', text: 'dials to conversations: 10% vs 30%', repText: 'dials to conversations: 10% vs 30%' },
    ]);
  });

  it('without a plan: no commitments, no check-in, the no_commitment diagnosis', () => {
    const bare = coachRep(jane, { ...ctx, plan: undefined });
    expect(bare.commitments).toEqual([]);
    expect(bare.checkIn).toBeNull();
    expect(bare.diagnoses).toContain('no_commitment');
    // Three prompts at most: the shortfall, the gap and the thin history come before it.
    expect(bare.prompts.map((p) => p.id)).toEqual(['short', 'gap-conversation', 'thin']);
    const [noCommitment] = coachRep({ ...jane, shortfalls: [], lookbackCounts: { ...jane.lookbackCounts, close: 4 } }, { ...ctx, plan: undefined, library: library.slice(4) }).prompts;
    expect(noCommitment).toEqual({ id: 'none', when: 'no_commitment', text: 'check-in not recorded', repText: 'check-in not recorded' });
  });

  it('takes the goal stage from the last stage given', () => {
    // Two stages only: conversation is the goal unit; 40 in the lookback, no step to the close.
    const short = coachRep(jane, { ...ctx, stages: stages.slice(0, 2) });
    expect(short.closesInLookback).toBe(40);
    expect(short.conversion.map((s) => `${s.from}>${s.to}`)).toEqual(['dial>conversation']);
    // 40 "closes" in 40 days = 1 a day; 15 done, 5 to go in 10 days at λ = 10.
    expect(short.closesPerWorkingDay).toBe(1);
    expect(short.expectedCloses).toBe(25);
    expect(short.hasFewCloses).toBe(false);
  });

  it('a reached goal: probability 1; an idle rep without history: unknown', () => {
    const done = coachRep({ ...jane, counts: { ...jane.counts, close: 5 }, status: 'reached', shortfalls: [] }, ctx);
    expect(done.probability).toBe(1);
    expect(done.diagnoses).toContain('goal_reached');
    const idle = coachRep(
      { ...jane, goal: null, lookbackCounts: { dial: 0, conversation: 0, close: 0 }, counts: { dial: 0, conversation: 0, close: 0 }, historyWorkingDays: 0, lastActivity: null, idleWorkingDays: null, shortfalls: [] },
      ctx,
    );
    expect(idle).toMatchObject({ probability: null, closesPerWorkingDay: null, expectedCloses: null, bottleneck: null, closesInLookback: 0 });
    expect(idle.diagnoses).toEqual(['idle', 'commitment_missed', 'too_little_history', 'no_goal']);
    expect(idle.conversion.every((s) => s.rate === null && s.low === null && s.high === null)).toBe(true);
  });
});
