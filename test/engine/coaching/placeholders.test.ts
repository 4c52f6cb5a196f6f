import { describe, expect, it } from 'vitest';
import { DIAGNOSES } from '../../../src/engine/coaching/diagnosis.js';
import { templateProblems, variablesFor } from '../../../src/engine/prompts.js';

// The placeholders each diagnosis offers a prompt, as docs/coaching.md lists them.
const common = ['name', 'first', 'goal', 'goalText', 'closes', 'closeLabel', 'status', 'probability', 'daysLeft'];
const own: Record<(typeof DIAGNOSES)[number], string[]> = {
  idle: ['idleDays', 'lastActivity', 'since'],
  next_period_pipeline: ['stage', 'worth', 'perClose', 'projected'],
  activity_shortfall: ['stage', 'required', 'projected', 'gap', 'remaining', 'perDay', 'perClose'],
  activity_decline: ['stage', 'before', 'after', 'since', 'weeksAgo', 'drop'],
  commitment_missed: ['stage', 'committed', 'per', 'actual', 'expected', 'shortBy'],
  conversion_gap: ['from', 'to', 'rate', 'teamRate', 'low', 'high'],
  too_little_history: ['lookbackCloses', 'minCloses'],
  no_goal: [],
  goal_reached: [],
  on_track: [],
  no_commitment: ['checkIn'],
};

describe('prompt placeholders', () => {
  it('lists the diagnoses most important first', () => {
    expect(DIAGNOSES).toEqual(Object.keys(own));
  });

  it.each(Object.entries(own))('%s offers the common placeholders and %j', (id, vars) => {
    expect(variablesFor(id as (typeof DIAGNOSES)[number])).toEqual([...common, ...vars]);
  });

  it('accepts a template using only what its diagnosis offers', () => {
    expect(templateProblems('idle', '{first}, nothing {since}; {idleDays} days')).toEqual([]);
    expect(templateProblems('goal_reached', 'Well done, {name}')).toEqual([]);
  });

  it('names each unknown placeholder and lists the allowed ones', () => {
    expect(templateProblems('no_goal', '{first}: {stage} and {gap}')).toEqual([
      'unknown placeholder {stage} for "no_goal"; it may use {name}, {first}, {goal}, {goalText}, {closes}, {closeLabel}, {status}, {probability}, {daysLeft}',
      'unknown placeholder {gap} for "no_goal"; it may use {name}, {first}, {goal}, {goalText}, {closes}, {closeLabel}, {status}, {probability}, {daysLeft}',
    ]);
  });
});
