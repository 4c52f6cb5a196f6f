import { describe, expect, it } from 'vitest';
import type { ConditionInput } from '../../src/config/conditions.js';
import { describeCondition, describeRule } from '../../src/presets/describe.js';

describe('describeCondition: every condition form in words', () => {
  it.each<[ConditionInput, string]>([
    ['Call', '"Type" = "Call"'],
    [1, '"Type" = "1"'],
    [{ in: ['Call', 'Meeting'] }, '"Type" in ("Call", "Meeting")'],
    [{ match: '^call' }, '"Type" matches /^call/'],
    [{ empty: true }, '"Type" is empty'],
    [{ empty: false }, '"Type" is not empty'],
    [{ not: 'Email' }, '"Type" ≠ "Email"'],
    [{ not: { in: ['Inbound'] } }, '"Type" not in ("Inbound")'],
    [{ not: { match: 'x' } }, '"Type" does not match /x/'],
    [{ not: { empty: true } }, 'not ("Type" is empty)'],
  ])('%j', (cond, text) => expect(describeCondition('Type', cond)).toBe(text));
});

describe('describeRule', () => {
  it('names the stage, every condition and the date column', () => {
    expect(describeRule({ stage: 'close', when: { Won: '1', Stage: { match: 'won' } }, date: 'Close Date' }, 'Created')).toBe(
      'close when "Won" = "1" and "Stage" matches /won/ (dated by "Close Date")',
    );
    expect(describeRule({ stage: 'appointment_set', when: {} }, 'Start')).toBe('appointment_set when every row (dated by "Start")');
  });
});
