import type { ConditionInput } from '../config/conditions.js';
import { collapse, textKey } from '../text.js';

/** A compiled condition on one cell's text. */
export type Test = (value: string) => boolean;

/** Compiles a validated condition; values compare trimmed, whitespace-collapsed, case-insensitively. */
export function compileCondition(cond: ConditionInput): Test {
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
    return (v) => re.test(collapse(v));
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not);
    return (v) => !inner(v);
  }
  const wantEmpty = cond.empty;
  return (v) => (v.trim() === '') === wantEmpty;
}
