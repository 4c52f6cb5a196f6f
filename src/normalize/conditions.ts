import type { ConditionInput } from '../config/conditions.js';
import { collapse, textKey } from '../text.js';
import { mappedCondition, type MappedCondition } from './mapping.js';

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
  return compileMappedCondition(mappedCondition(cond));
}

/** Compiles a condition of a SourceMapping (its text values are comparison keys already). */
export function compileMappedCondition(cond: MappedCondition): Test {
  return memoize(compileRaw(cond));
}

function compileRaw(cond: MappedCondition): Test {
  switch (cond.kind) {
    case 'equals': {
      const want = cond.value;
      return (v) => v === want || textKey(v) === want;
    }
    case 'in': {
      const wants = new Set(cond.values);
      return (v) => wants.has(textKey(v));
    }
    case 'match': {
      const re = new RegExp(cond.pattern, 'iu');
      return (v) => {
        const text = collapse(v);
        return re.test(text.length > MATCH_TEXT_LIMIT ? text.slice(0, MATCH_TEXT_LIMIT) : text);
      };
    }
    case 'not': {
      const inner = compileRaw(cond.condition);
      return (v) => !inner(v);
    }
    case 'empty': {
      const wantEmpty = cond.isEmpty;
      return (v) => (v.trim() === '') === wantEmpty;
    }
  }
}
