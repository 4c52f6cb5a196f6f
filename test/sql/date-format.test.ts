import { describe, expect, it } from 'vitest';
import { dateFormatPatterns, DateFormatUnsupported } from '../../src/sql/date-format.js';

// What the SQL compiler refuses in a dateFormat, and why: the token named, or the shape a
// regular expression cannot read the way date-fns does.

const compile = (format: string) => dateFormatPatterns(format, ' ');

describe('dateFormat patterns', () => {
  it.each([
    ['MMMMM yyyy', 'the token "MMMMM"'],
    ['EEE, d MMM yyyy', 'the token "EEE"'],
    ['do MMMM yyyy', 'the token "o"'],
    ['yyyyMMdd', 'two numbers with nothing between them'],
    ["MMM'th' d yyyy", 'a letter right after a month name'],
    ['d MMMa yyyy', 'a letter right after a month name'],
    ['d MMM MM yyyy', 'the same field twice'],
  ])('refuses %s: %s', (format, why) => {
    expect(() => compile(format)).toThrow(DateFormatUnsupported);
    expect(() => compile(format)).toThrow(why);
  });

  it('reads month names: wide before abbreviated before one letter, any case', () => {
    const f = compile('MMMM d, yyyy');
    expect(f.isMonthName).toBe(true);
    const whole = new RegExp(f.whole);
    for (const ok of ['January 5, 2026', 'JAN 5, 2026', 'j 5, 2026', 'sep 5, 2026', 'September 5, 2026']) expect(whole.test(ok), ok).toBe(true);
    // date-fns takes "Sep" and then finds "t": Sept is no month.
    for (const bad of ['Sept 5, 2026', 'Ja 5, 2026', 'Mär 5, 2026', 'x 5, 2026']) expect(whole.test(bad), bad).toBe(false);
    expect(new RegExp(f.captured('month') as string).exec('june 5, 2026')?.[1]).toBe('june');
    expect(compile('dd/MM/yyyy').isMonthName).toBe(false);
  });

  it('takes a month name right before a number or a literal that is no letter', () => {
    expect(new RegExp(compile('MMMyyyy').whole).test('Nov2026')).toBe(true);
    expect(new RegExp(compile('d-MMM-yyyy').whole).test('5-Nov-2026')).toBe(true);
  });
});
