import { closest } from '../text.js';

/** A rule condition as written in config. */
export type ConditionInput =
  | string
  | number
  | boolean
  | { in: (string | number | boolean)[] }
  | { match: string }
  | { not: ConditionInput }
  | { empty: boolean };

export interface ConditionProblem {
  path: (string | number)[];
  message: string;
}

const FORMS = 'a value, or one of { in: [...] }, { match: REGEX }, { not: CONDITION }, { empty: true|false }';
const OPERATORS = ['in', 'match', 'not', 'empty'];

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Every problem with a condition, with its path below the condition. */
export function checkCondition(value: unknown, path: (string | number)[] = []): ConditionProblem[] {
  if (isScalar(value)) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ path, message: `expected ${FORMS}` }];
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    return [{ path, message: `expected exactly one of ${OPERATORS.join(', ')}, got ${keys.length ? keys.join(', ') : 'none'}` }];
  }
  const [op] = keys;
  const arg = (value as Record<string, unknown>)[op];
  switch (op) {
    case 'in':
      if (!Array.isArray(arg) || arg.length === 0 || !arg.every(isScalar)) {
        return [{ path: [...path, 'in'], message: 'expected a non-empty list of values' }];
      }
      return [];
    case 'match': {
      if (typeof arg !== 'string') return [{ path: [...path, 'match'], message: 'expected a regular expression' }];
      try {
        new RegExp(arg, 'iu');
        return [];
      } catch (err) {
        return [{ path: [...path, 'match'], message: `invalid regular expression: ${(err as Error).message}` }];
      }
    }
    case 'not':
      return checkCondition(arg, [...path, 'not']);
    case 'empty':
      return typeof arg === 'boolean' ? [] : [{ path: [...path, 'empty'], message: 'expected true or false' }];
    default: {
      const suggestion = closest(op, OPERATORS);
      return [{ path: [...path, op], message: `unknown condition "${op}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; expected ${FORMS}` }];
    }
  }
}
