import type { ConditionInput } from '../config/conditions.js';
import { collapse, textKey } from '../text.js';

/** A compiled condition on one cell's text. */
export type Test = (value: string) => boolean;

// Condition columns (types, outcomes, stages) hold few distinct values: each test remembers its
// answer per raw value, up to this many values, so most rows cost one map lookup.
const MEMO_LIMIT = 1024;
/** Longer values are not remembered: 1,024 cells of a megabyte each would hold a gigabyte. */
const MEMO_MAX_LENGTH = 256;

/**
 * A `match:` pattern sees at most this many characters of a cell (after trimming and collapsing
 * whitespace). Patterns are checked at config load for exponential backtracking, but an accepted
 * one can still cost time quadratic or cubic in the text (`.*demo.*held.*`); at this length that
 * is a few milliseconds per distinct cell, however long the cell. Condition columns (types,
 * outcomes, stages, subjects) say what they mean well within it.
 */
export const MATCH_TEXT_LIMIT = 256;

function memoize(test: Test): Test {
  const memo = new Map<string, boolean>();
  return (v) => {
    let hit = memo.get(v);
    if (hit === undefined) {
      hit = test(v);
      if (memo.size < MEMO_LIMIT && v.length <= MEMO_MAX_LENGTH) memo.set(v, hit);
    }
    return hit;
  };
}

/** Compiles a validated condition; values compare trimmed, whitespace-collapsed, case-insensitively. */
export function compileCondition(cond: ConditionInput): Test {
  return memoize(compileRaw(cond));
}

function compileRaw(cond: ConditionInput): Test {
  if (typeof cond === 'string' || typeof cond === 'number' || typeof cond === 'boolean') {
    const want = textKey(String(cond));
    return (v) => v === want || textKey(v) === want;
  }
  if ('in' in cond) {
    const wants = new Set(cond.in.map((c) => textKey(String(c))));
    return (v) => wants.has(textKey(v));
  }
  if ('match' in cond) {
    const re = new RegExp(cond.match, 'iu');
    return (v) => {
      const text = collapse(v);
      return re.test(text.length > MATCH_TEXT_LIMIT ? text.slice(0, MATCH_TEXT_LIMIT) : text);
    };
  }
  if ('not' in cond) {
    const inner = compileRaw(cond.not);
    return (v) => !inner(v);
  }
  const wantEmpty = cond.empty;
  return (v) => (v.trim() === '') === wantEmpty;
}
