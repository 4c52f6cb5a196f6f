import { describe, expect, it } from 'vitest';
import { configSchema, type SourceConfig } from '../../src/config/schema.js';
import { SeenIds } from '../../src/normalize/id-set.js';
import { compileMappedCondition } from '../../src/normalize/conditions.js';
import { sourceMapping, type SourceMapping } from '../../src/normalize/mapping.js';
import { RepResolver } from '../../src/normalize/reps.js';
import { compileMapping, type RunState } from '../../src/normalize/source.js';
import { rng } from '../random.js';

// The row function keeps the rules a row matched under the values of the columns they test, and
// gives a row like one seen before the same rules. Here every row's stages are checked against
// the rules evaluated one by one, as the config says: in order, every condition of a rule, an
// alternative only when no earlier rule of its stage matched. The rows cross every bound of that
// memory: more distinct values of a column than it numbers, values longer than it keeps, more
// combinations than it holds, and more tested columns than it takes.

const headers = ['Owner', 'Date', 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

function compiled(rules: unknown[]) {
  const config = configSchema.parse({ sources: [{ path: 'x.csv', columns: { rep: 'Owner', date: 'Date' }, rules }] });
  const m = sourceMapping(config.sources[0] as SourceConfig, { key: 'sources[0]' });
  const state: RunState = { reps: new RepResolver({}), seen: new SeenIds(), duplicates: 0 };
  const cell = (r: string[], column: string) => r[headers.indexOf(column)] ?? '';
  const map = compileMapping(m, { getter: (c) => (r) => cell(r as string[], c.column), state });
  /** The stages of a row as the row function gives them, or 'ignored'. */
  const stagesOf = (r: string[]): string[] | 'ignored' => {
    const out = map(r);
    if (out === 'ignored') return out;
    if (typeof out !== 'object' || !('events' in out)) throw new Error(`unexpected ${JSON.stringify(out)}`);
    return out.events.map((e) => e.stage);
  };
  return { stagesOf, expected: reference(m, cell) };
}

/** The rules evaluated one by one, with conditions compiled on their own. */
function reference(m: SourceMapping, cell: (r: string[], column: string) => string) {
  const rules = m.rules.map((rule) => ({ ...rule, tests: rule.when.map((w) => ({ column: w.column.column, test: compileMappedCondition(w.condition) })) }));
  return (r: string[]): string[] | 'ignored' => {
    const stages: string[] = [];
    for (const rule of rules) {
      if (rule.isAlternative && stages.includes(rule.stage)) continue;
      if (rule.tests.every((t) => t.test(cell(r, t.column)))) stages.push(rule.stage);
    }
    return stages.length === 0 ? 'ignored' : stages;
  };
}

const RULES = [
  { stage: 'dial', when: { c0: 'call', c1: 'outbound' } },
  { stage: 'conversation', when: { c0: 'call', c2: { in: ['connected', 'Left VM'] } } },
  { stage: 'appointment_set', when: { c0: 'meeting' } },
  { stage: 'appointment_kept', when: { c0: 'meeting', c2: { not: { in: ['no show', 'cancelled'] } } } },
  { stage: 'proposal', when: { c2: { match: '^sent\\b' } } },
  { stage: 'proposal', when: { c1: { empty: true }, c0: 'email' } },
  { stage: 'close', when: { c0: 'won' } },
];

/** A row of the given cells in c0… (rep and date always present). */
const rowOf = (...cells: string[]) => ['Ann', '2026-03-02', ...cells];

function check(rules: unknown[], rows: string[][]): number {
  const { stagesOf, expected } = compiled(rules);
  let matched = 0;
  for (const r of rows) {
    const want = expected(r);
    expect(stagesOf(r), JSON.stringify(r)).toEqual(want);
    if (want !== 'ignored') matched++;
  }
  return matched;
}

describe('rows like one seen before', () => {
  it('a few values per column, rows repeating in any order: the same stages as rule by rule', () => {
    const next = rng(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
    const types = ['call', 'Call ', 'meeting', 'email', 'won', '', 'CALL'];
    const dirs = ['outbound', 'inbound', '', ' Outbound'];
    const outcomes = ['connected', 'left vm', 'no show', 'sent deck', 'Sent', 'cancelled', ''];
    const rows = Array.from({ length: 3000 }, () => rowOf(pick(types), pick(dirs), pick(outcomes)));
    // Enough rows match for the check to mean something.
    expect(check(RULES, rows)).toBeGreaterThan(1500);
  });

  it('a column of more distinct values than are numbered, and values longer than are kept', () => {
    const next = rng(11);
    const rows: string[][] = [];
    for (let i = 0; i < 2000; i++) {
      // c2 takes 600 distinct values; some match `^sent`, some are 300 characters long.
      const n = Math.floor(next() * 600);
      const c2 = n % 3 === 0 ? `sent ${n}` : n % 3 === 1 ? `${'x'.repeat(300)}${n}` : `other ${n}`;
      rows.push(rowOf(next() < 0.5 ? 'call' : 'meeting', next() < 0.5 ? 'outbound' : '', c2));
    }
    // The same long value and a value first seen past the bound, again and again.
    for (let i = 0; i < 50; i++) rows.push(rowOf('email', '', `${'sent '.repeat(60)}`), rowOf('call', 'outbound', 'sent 599'));
    expect(check(RULES, rows)).toBeGreaterThan(1000);
  });

  it('more combinations of values than are kept', () => {
    const next = rng(13);
    const rows: string[][] = [];
    // 21 × 21 × 31 distinct combinations of values (13,671): more than the 4,096 kept; rows past them are matched rule by rule.
    for (let i = 0; i < 20000; i++) {
      const a = Math.floor(next() * 40);
      const b = Math.floor(next() * 40);
      const c = Math.floor(next() * 40);
      rows.push(rowOf(a < 20 ? 'call' : `t${a}`, b < 20 ? 'outbound' : `d${b}`, c < 10 ? 'connected' : c < 20 ? `sent ${c}` : `o${c}`));
    }
    expect(check(RULES, rows)).toBeGreaterThan(5000);
  });

  it('rules testing more columns than are taken: every row matched rule by rule', () => {
    const rules = [
      { stage: 'dial', when: { c0: 'a', c1: 'b', c2: 'c' } },
      { stage: 'conversation', when: { c3: 'a', c4: 'b' } },
      { stage: 'close', when: { c5: 'a', c6: { empty: false } } },
    ];
    const next = rng(17);
    const rows = Array.from({ length: 2000 }, () => rowOf(...['a', 'b', 'c', 'a', 'b', 'a', 'z'].map((v) => (next() < 0.7 ? v : ''))));
    expect(check(rules, rows)).toBeGreaterThan(500);
  });

  it('rows whose values are numbered alike in other columns keep their own answers', () => {
    // c0 numbers x 0, z 1; c1 numbers z 0, y 1: (z, z) and (x, y) have the numbers (1, 0) and
    // (0, 1), and must not share a key.
    const { stagesOf } = compiled([{ stage: 'dial', when: { c0: 'x', c1: 'y' } }]);
    expect(stagesOf(rowOf('x', 'z'))).toBe('ignored');
    expect(stagesOf(rowOf('z', 'y'))).toBe('ignored');
    expect(stagesOf(rowOf('z', 'z'))).toBe('ignored');
    expect(stagesOf(rowOf('x', 'y'))).toEqual(['dial']);
    expect(stagesOf(rowOf('z', 'z'))).toBe('ignored');
  });
});
