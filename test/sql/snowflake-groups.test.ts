import { describe, expect, it } from 'vitest';
import { dateFormatPatterns } from '../../src/sql/date-format.js';
import { getDialect, posixGroups } from '../../src/sql/dialect.js';
import { compileQuery } from '../../src/sql/compile.js';
import { sourceMapping } from '../../src/sql/mapping.js';
import type { SourceConfig } from '../../src/config/schema.js';

// Snowflake documents POSIX ERE, which has no non-capturing groups: its queries use plain groups
// and name the capturing group by its new number. Checked with JavaScript's engine, where both
// forms mean the same: the same matches, the same captured text.

const FORMATS = ['M/d/yyyy h:mm a', 'MMMM d, yyyy h:mm a', 'd MMM yyyy', "MM-dd-yyyy'T'HH:mm", 'd.M.yyyy H:mm'];
const VALUES = ['3/4/2026 9:05 PM', 'June 5, 2026 11:30 am', 'j 5, 2026 1:00 P.M.', '5 Sep 2026', '12-31-2026T23:59', '5.11.2026 7:00', '13/4/2026 9:05 x'];
const PARTS = ['year', 'month', 'day', 'hour12', 'hour23', 'minute'] as const;

describe('posixGroups', () => {
  it('keeps what every date pattern matches and captures', () => {
    let compared = 0;
    for (const format of FORMATS) {
      const f = dateFormatPatterns(format, ' \\t');
      const whole = posixGroups(f.whole);
      expect(whole.pattern).not.toContain('(?:');
      for (const v of VALUES) {
        expect(new RegExp(whole.pattern).test(v), `${format} ${v}`).toBe(new RegExp(f.whole).test(v));
        for (const part of PARTS) {
          const pat = f.captured(part);
          if (!pat) continue;
          const g = posixGroups(pat);
          expect(g.pattern).not.toContain('(?:');
          const want = new RegExp(pat).exec(v)?.[1];
          expect(new RegExp(g.pattern).exec(v)?.[g.group], `${format} ${part} ${v}`).toBe(want);
          if (want !== undefined) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('leaves brackets and escapes alone and numbers the capture after the groups before it', () => {
    expect(posixGroups('^(?:a|[(?:])\\(?:(b)')).toEqual({ pattern: '^(a|[(?:])\\(?:(b)', group: 2 });
    expect(posixGroups('^[]()](?:x)(y)')).toEqual({ pattern: '^[]()](x)(y)', group: 2 });
    expect(posixGroups('^(y)(?:x)')).toEqual({ pattern: '^(y)(x)', group: 1 });
  });

  it('the Snowflake query has no non-capturing group; the other dialects keep theirs', () => {
    const src = {
      path: 'calls.csv',
      shape: 'events',
      dateFormat: 'MMMM d, yyyy h:mm a',
      columns: { rep: 'Owner', date: 'Date' },
      rules: [{ stage: 'dial', when: { Outcome: { match: '^(?:conn|talk)' } } }],
    } as unknown as SourceConfig;
    const input = { label: 'calls', relation: 'calls', mapping: sourceMapping(src, { key: 'sources[0]' }), rowNumber: null };
    const sql = (dialect: 'snowflake' | 'postgres') => compileQuery([input], { dialect, stages: ['dial'], reps: {} });
    expect(sql('snowflake')).not.toContain('(?:');
    expect(sql('snowflake')).toContain("'ce', 2)");
    expect(sql('postgres')).toContain('(?:');
    expect(getDialect('snowflake').extract('v', '^(?:a)(b)')).toBe("REGEXP_SUBSTR(v, '^(a)(b)', 1, 1, 'ce', 2)");
  });
});
