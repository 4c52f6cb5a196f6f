import { describe, expect, it } from 'vitest';
import { checkCondition } from '../../src/config/conditions.js';
import { compileCondition } from '../../src/normalize/conditions.js';

describe('compileCondition', () => {
  it.each([
    // Equals: trimmed, inner whitespace collapsed, case-insensitive.
    ['Call', 'call', true],
    ['Call', '  CALL ', true],
    ['Closed Won', 'closed\t  won', true],
    ['Call', 'Calls', false],
    [1, '1', true],
    [true, 'TRUE', true],
    // Unicode case folding as toLowerCase.
    ['Überfällig', 'ÜBERFÄLLIG', true],
    // In.
    [{ in: ['Connected', 'Meeting Booked'] }, ' meeting  booked', true],
    [{ in: ['Connected', 'Meeting Booked'] }, 'No answer', false],
    // Match: regex, case-insensitive, on the collapsed value.
    [{ match: '^closed ?won$' }, 'Closed Won', true],
    [{ match: '^closed ?won$' }, 'closedwon', true],
    [{ match: '^closed ?won$' }, 'Closed  Won ', true],
    [{ match: '^closed ?won$' }, 'Closed Lost', false],
    // Not.
    [{ not: 'Inbound' }, 'Outbound', true],
    [{ not: 'Inbound' }, 'inbound', false],
    [{ not: { in: ['a', 'b'] } }, 'c', true],
    // Empty.
    [{ empty: true }, '   ', true],
    [{ empty: true }, 'x', false],
    [{ empty: false }, 'x', true],
    [{ empty: false }, '', false],
  ])('%j on %j is %s', (cond, value, expected) => {
    expect(compileCondition(cond as Parameters<typeof compileCondition>[0])(value)).toBe(expected);
  });
});

describe('checkCondition', () => {
  it('accepts every form', () => {
    for (const c of ['x', 3, false, { in: ['a', 1] }, { match: 'a+' }, { not: { empty: true } }, { empty: false }]) {
      expect(checkCondition(c)).toEqual([]);
    }
  });

  it.each([
    [{ match: '([a-z' }, ['match'], 'invalid regular expression'],
    [{ mach: 'x' }, ['mach'], 'did you mean "match"?'],
    [{ in: [] }, ['in'], 'non-empty list'],
    [{ in: 'a' }, ['in'], 'non-empty list'],
    [{ empty: 'yes' }, ['empty'], 'true or false'],
    [{ not: { match: '(' } }, ['not', 'match'], 'invalid regular expression'],
    [{ in: ['a'], match: 'b' }, [], 'exactly one of'],
    [null, [], 'expected a value'],
    [['a', 'b'], [], 'expected a value'],
  ])('%j: problem at %j', (cond, path, message) => {
    const problems = checkCondition(cond);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toEqual(path);
    expect(problems[0].message).toContain(message);
  });
});
