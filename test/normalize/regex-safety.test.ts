// match: patterns that backtrack catastrophically are refused at config load, with why; accepted
// patterns see at most MATCH_TEXT_LIMIT characters of a cell.
import { describe, expect, it } from 'vitest';
import { backtrackingRisk, checkCondition } from '../../src/config/conditions.js';
import { compileCondition, MATCH_TEXT_LIMIT } from '../../src/normalize/conditions.js';
import { BOOKED, LIVE, SECOND_MEETING, whole } from '../../src/presets/rules.js';

describe('backtrackingRisk', () => {
  it.each([
    // The reported case: 36 s on a 30-character cell.
    ['^(\\w+\\s?)*$', '"\\w+" is repeated inside "(\\w+\\s?)*" (nested quantifiers)'],
    ['(a+)+$', '"a+" is repeated inside "(a+)+" (nested quantifiers)'],
    ['^(\\d+)*$', '"\\d+" is repeated inside "(\\d+)*" (nested quantifiers)'],
    ['\\s*\\s*\\s*x', '"\\s*" and "\\s*" can match the same characters one after the other'],
    ['^(.+)(.+)x', '".+" and ".+" can match the same characters one after the other'],
    ['(a|a)*$', 'alternatives "a" and "a" of the repeated "(a|a)*" can start with the same character'],
    ['(\\w|\\d)+$', 'alternatives "\\w" and "\\d" of the repeated "(\\w|\\d)+" can start with the same character'],
    ['^(call|CALLBACK)+$', 'alternatives "call" and "CALLBACK" of the repeated "(call|CALLBACK)+" can start with the same character'],
  ])('refuses %s', (pattern, why) => {
    expect(backtrackingRisk(pattern)).toBe(why);
  });

  it.each([
    '^closed ?won$',
    'closed.*won',
    '.*demo.*held.*',
    'outbound\\s+call',
    '\\bno\\s*show\\b',
    '^(meeting|demo)( held)?$',
    '([a-z]|[0-9])*x',
    SECOND_MEETING,
    LIVE,
    BOOKED,
    whole(['Completed', 'Held']),
  ])('accepts %s', (pattern) => {
    expect(backtrackingRisk(pattern)).toBeNull();
  });

  it('checkCondition names the match key and says why and what to do', () => {
    const [problem, ...rest] = checkCondition({ not: { match: '^(\\w+\\s?)*$' } });
    expect(rest).toEqual([]);
    expect(problem.path).toEqual(['not', 'match']);
    expect(problem.message).toMatch(/^"\\w\+" is repeated inside "\(\\w\+\\s\?\)\*" \(nested quantifiers\); one unlucky cell could then keep the run busy/);
    expect(problem.message).toContain('rewrite it');
  });
});

describe('what a match: pattern sees', () => {
  it(`at most the first ${MATCH_TEXT_LIMIT} characters of the collapsed cell`, () => {
    const test = compileCondition({ match: 'demo' });
    const pad = (n: number) => 'x'.repeat(n);
    expect(test(`${pad(MATCH_TEXT_LIMIT - 4)}demo`)).toBe(true);
    expect(test(`${pad(MATCH_TEXT_LIMIT - 3)}demo`)).toBe(false);
    // Whitespace is collapsed first: 300 spaces count as one.
    expect(test(`a${' '.repeat(300)}demo`)).toBe(true);
  });

  it('an accepted pattern with quadratic cost finishes on a megabyte cell (it sees 256 characters)', () => {
    const test = compileCondition({ match: '.*demo.*held.*' });
    expect(test('demo'.repeat(262144))).toBe(false);
  });
});
