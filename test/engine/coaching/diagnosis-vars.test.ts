import { describe, expect, it } from 'vitest';
import { countText, diagnose, type DiagnosisInput } from '../../../src/engine/coaching/diagnosis.js';

// What each diagnosis lets a prompt quote, written out in full.
const labels = { dial: 'Dials', conversation: 'Conversations', close: 'Closes' };
const quiet: DiagnosisInput = {
  rep: 'Jane Doe',
  goal: 10,
  closesDone: 4,
  closesInLookback: 12,
  status: 'on_track',
  probability: 0.5,
  workingDays: { total: 20, elapsed: 13, left: 7, off: 0 },
  shortfalls: [],
  needed: {},
  ratios: {},
  bottleneck: null,
  commitments: [{ stage: 'dial', committed: 60, per: 'week', actual: 160, expected: 156, periodTotal: 240, shortBy: 0, isMet: true }],
  checkIn: 'weekly',
  lastActivity: '2026-11-18',
  idleWorkingDays: 0,
};
const found = (change: Partial<DiagnosisInput>) => diagnose({ ...quiet, ...change }, labels);
const one = (change: Partial<DiagnosisInput>, id: string) => found(change).find((d) => d.id === id);

describe('diagnosis variables', () => {
  it('fills the common ones', () => {
    expect(one({}, 'on_track')).toEqual({
      id: 'on_track',
      vars: { name: 'Jane Doe', first: 'Jane', goal: '10', goalText: '10 closes', closes: '4', closeLabel: 'closes', status: 'on track', probability: '50%', daysLeft: '7' },
    });
  });

  it.each([
    // [goal, goal, goalText]: whole goals plain with thousands separators, a share with one decimal.
    [1, '1', '1 close'],
    [2.5, '2.5', '2.5 closes'],
    [1234, '1,234', '1,234 closes'],
    [null, 'no goal', 'no goal'],
  ])('goal %s → %j, %j', (goal, text, goalText) => {
    expect(found({ goal })[0].vars).toMatchObject({ goal: text, goalText });
  });

  it.each([
    [0.456, '46%'],
    [0.004, '0%'],
    [1, '100%'],
    [null, 'unknown'],
  ])('probability %s → %s', (probability, text) => expect(found({ probability })[0].vars.probability).toBe(text));

  it('writes an activity shortfall: whole numbers, the projection rounded down, per day with one decimal', () => {
    const d = one(
      {
        status: 'critical',
        shortfalls: [{ stage: 'dial', required: 1234, projected: 999.7, gap: 235, severity: 'critical' }],
        needed: { dial: { required: 1234, done: 700, remaining: 534, perWorkingDay: 534 / 7, projected: 999.7 } },
        ratios: { dial: 123.4 },
      },
      'activity_shortfall',
    );
    // 534 / 7 = 76.29 → "76.3"; floor(999.7) = 999.
    expect(d).toMatchObject({ stage: 'dial', vars: { stage: 'dials', required: '1,234', projected: '999', gap: '235', remaining: '534', perDay: '76.3', perClose: '123.4' } });
  });

  it('says "all of it" without working days left, and "–" without a ratio', () => {
    const d = one(
      {
        status: 'critical',
        shortfalls: [{ stage: 'conversation', required: 80, projected: 30, gap: 50, severity: 'critical' }],
        needed: { conversation: { required: 80, done: 30, remaining: 50, perWorkingDay: null, projected: 30 } },
        ratios: {},
      },
      'activity_shortfall',
    );
    expect(d!.vars).toMatchObject({ stage: 'conversations', perDay: 'all of it', perClose: '–', remaining: '50' });
  });

  it('leaves the shortfall out once the goal is reached', () => {
    const ids = found({ closesDone: 10, status: 'reached', shortfalls: [{ stage: 'dial', required: 10, projected: 5, gap: 5, severity: 'critical' }] }).map((d) => d.id);
    expect(ids).not.toContain('activity_shortfall');
    expect(ids).toContain('goal_reached');
  });

  it('quotes the promise missed by the largest share of what was expected', () => {
    // Dials: 10 short of 100 (10 %); conversations: 5 short of 20 (25 %): the conversations.
    const d = one(
      {
        commitments: [
          { stage: 'dial', committed: 50, per: 'week', actual: 90, expected: 100, periodTotal: 200, shortBy: 10, isMet: false },
          { stage: 'conversation', committed: 40, per: 'period', actual: 15, expected: 20, periodTotal: 40, shortBy: 5, isMet: false },
        ],
      },
      'commitment_missed',
    );
    expect(d).toEqual({
      id: 'commitment_missed',
      stage: 'conversation',
      vars: expect.objectContaining({ stage: 'conversations', committed: '40', per: 'this period', actual: '15', expected: '20', shortBy: '5' }),
    });
    const week = one({ commitments: [{ stage: 'dial', committed: 50, per: 'week', actual: 90, expected: 100.4, periodTotal: 200, shortBy: 11, isMet: false }] }, 'commitment_missed');
    expect(week!.vars).toMatchObject({ per: 'a week', expected: '100' });
  });

  it('writes a conversion gap in whole percentages, about its `to` stage', () => {
    const d = one({ bottleneck: { from: 'dial', to: 'conversation', rate: 0.104, teamRate: 0.3, low: 0.0824, high: 0.1209 } }, 'conversion_gap');
    expect(d).toMatchObject({ stage: 'conversation', vars: { from: 'dials', to: 'conversations', rate: '10%', teamRate: '30%', low: '8%', high: '12%' } });
  });

  it('names the thinnest stage when a reached goal leaves little for next period', () => {
    // Reached 10 of 10; the dials done are worth 3.2 closes, the conversations 4.5, both under 10:
    // the dials are the thinnest. The goal stage itself is not looked at.
    const input: Partial<DiagnosisInput> = {
      closesDone: 10,
      status: 'reached',
      activityWorth: { dial: 3.2, conversation: 4.5, close: 1 },
      ratios: { dial: 40, conversation: 8 },
      needed: { dial: { required: 400, done: 128, remaining: 0, perWorkingDay: 0, projected: 128.9 } },
    };
    const d = one(input, 'next_period_pipeline');
    expect(d).toMatchObject({ stage: 'dial', vars: { stage: 'dials', worth: '3.2', perClose: '40.0', projected: '128' } });
    expect(found(input).map((x) => x.id)).toEqual(['next_period_pipeline', 'goal_reached']);
    // Worth the goal or more everywhere: nothing to say about next period.
    expect(one({ ...input, activityWorth: { dial: 10, conversation: 12 } }, 'next_period_pipeline')).toBeUndefined();
    // Unknown worth is skipped, not taken for zero.
    expect(one({ ...input, activityWorth: { dial: null, conversation: 4.5 } }, 'next_period_pipeline')).toMatchObject({ stage: 'conversation' });
  });

  it('says how the rep wants to be held to account when nothing is promised', () => {
    expect(one({ commitments: [] }, 'no_commitment')!.vars.checkIn).toBe('weekly');
    expect(one({ commitments: [], checkIn: null }, 'no_commitment')!.vars.checkIn).toBe('not recorded');
  });

  it('is on track only with a goal, on_track status and activity', () => {
    expect(found({}).map((d) => d.id)).toEqual(['on_track']);
    expect(found({ status: 'behind' }).map((d) => d.id)).toEqual([]);
    expect(found({ goal: null }).map((d) => d.id)).toEqual(['no_goal']);
  });
});

describe('diagnosis variables: missing numbers and ties', () => {
  it('writes a label without a plural as it is', () => {
    expect(countText(1, 'Pipeline')).toBe('1 Pipeline');
    expect(countText(1, 'Closes won')).toBe('1 Close won');
  });

  it('a shortfall on a stage without needs or ratio', () => {
    const d = one({ status: 'critical', shortfalls: [{ stage: 'dial', required: 10, projected: 5, gap: 5, severity: 'critical' }], needed: {}, ratios: { dial: null } }, 'activity_shortfall');
    expect(d!.vars).toMatchObject({ remaining: '0', perDay: 'all of it', perClose: '–' });
  });

  it('picks the largest relative miss whatever the order', () => {
    // 1 short of 2 (50 %) against 3 short of 4 (75 %): the second.
    const a = { stage: 'dial', committed: 5, per: 'week' as const, actual: 1, expected: 2, periodTotal: 20, shortBy: 1, isMet: false };
    const b = { stage: 'conversation', committed: 8, per: 'week' as const, actual: 1, expected: 4, periodTotal: 32, shortBy: 3, isMet: false };
    expect(one({ commitments: [a, b] }, 'commitment_missed')!.stage).toBe('conversation');
    expect(one({ commitments: [b, a] }, 'commitment_missed')!.stage).toBe('conversation');
  });

  it('carries a stage only for diagnoses about one', () => {
    expect(Object.keys(one({}, 'on_track')!)).toEqual(['id', 'vars']);
  });

  it('takes the first of equally thin stages, and a later thinner one', () => {
    const reached: Partial<DiagnosisInput> = { closesDone: 10, status: 'reached', ratios: { dial: 40, conversation: 8 }, needed: {} };
    expect(one({ ...reached, activityWorth: { dial: 4, conversation: 4 } }, 'next_period_pipeline')!.stage).toBe('dial');
    expect(one({ ...reached, activityWorth: { dial: 4.5, conversation: 3.2 } }, 'next_period_pipeline')!.stage).toBe('conversation');
  });
});
