import { describe, expect, it } from 'vitest';
import { checkCondition } from '../../src/config/conditions.js';
import { compileCondition, MATCH_TEXT_LIMIT } from '../../src/normalize/conditions.js';

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

describe('compileCondition: match reads at most MATCH_TEXT_LIMIT characters', () => {
  it.each([
    // "won" at the very end: inside the first 256 characters of the collapsed text, or past them.
    ['x'.repeat(253) + 'won', true], // 256 characters
    ['x'.repeat(254) + 'won', false], // 257: cut to 256, "wo" is left
    ['x'.repeat(253) + 'won   ', true], // trailing spaces are trimmed before the cut
    ['x '.repeat(125) + 'xx    won', true], // 259 as written, collapsed to 250 + "xx won" = 256
    ['x '.repeat(127) + 'won', false], // 254 + "won" = 257
  ])('/won$/ on %j: %s', (cell, expected) => {
    expect(MATCH_TEXT_LIMIT).toBe(256);
    expect(compileCondition({ match: 'won$' })(cell)).toBe(expected);
  });

  it('the pattern sees whole code points (the u flag) and ignores case', () => {
    expect(compileCondition({ match: '^.$' })('😀')).toBe(true);
    expect(compileCondition({ match: '^\\p{Lu}+$' })('ÄBC')).toBe(true);
    expect(compileCondition({ match: '^ÄBC$' })('äbc')).toBe(true);
  });
});

describe('compileCondition: answers stay right past the memo', () => {
  it('many distinct values, long values and repeats: each answered as if asked first', () => {
    // The memo keeps up to 1,024 values of up to 256 characters; answers never depend on it.
    const test = compileCondition({ in: ['Won', 'Closed Won'] });
    const wrong: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 1500; i++) {
        const v = i % 3 === 0 ? ` won${' '.repeat(i % 7)}` : `lost ${i}`;
        if (test(v) !== (i % 3 === 0)) wrong.push(`${round}: ${v}`);
      }
      for (const v of ['Closed Won'.padEnd(300), 'x'.repeat(300)]) if (test(v) !== v.startsWith('Closed')) wrong.push(v);
    }
    expect(wrong).toEqual([]);
  });

  it('equals: the raw value or its key; not: the inverse of each answer, repeated', () => {
    const equals = compileCondition('Closed Won');
    const not = compileCondition({ not: 'Closed Won' });
    for (const [v, isEqual] of [
      ['closed won', true],
      ['Closed  Won', true],
      ['CLOSED WON ', true],
      ['Closed Wo', false],
      ['closed won', true],
      ['Closed Wo', false],
    ] as const) {
      expect([equals(v), not(v)]).toEqual([isEqual, !isEqual]);
    }
  });

  it('empty: blank is whitespace only', () => {
    const empty = compileCondition({ empty: true });
    expect(['', ' ', '\t\n', ' x ', '0'].map((v) => empty(v))).toEqual([true, true, true, false, false]);
  });
});
