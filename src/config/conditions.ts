import { createRequire } from 'node:module';
import type { AST, RegExpParser as Parser } from '@eslint-community/regexpp';
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
      } catch (err) {
        return [{ path: [...path, 'match'], message: `invalid regular expression: ${(err as Error).message}` }];
      }
      const danger = backtrackingRisk(arg);
      return danger ? [{ path: [...path, 'match'], message: `${danger}; ${REWRITE}` }] : [];
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

const REWRITE =
  'one unlucky cell could then keep the run busy for minutes or hours (catastrophic backtracking): rewrite it so each character can be matched only one way, e.g. ^(\\w+\\s?)*$ as ^[\\w\\s]*$';

// The analysis libraries cost about 0.15 s to load: only configs with a `match:` pay for them.
const require = createRequire(import.meta.url);
let tools: { parser: Parser; scslre: typeof import('scslre'); analysis: typeof import('regexp-ast-analysis') } | null = null;

function loadTools(): NonNullable<typeof tools> {
  if (tools === null) {
    const { RegExpParser } = require('@eslint-community/regexpp') as typeof import('@eslint-community/regexpp');
    tools = { parser: new RegExpParser(), scslre: require('scslre'), analysis: require('regexp-ast-analysis') };
  }
  return tools;
}

/**
 * Why a valid `match:` pattern (used with flags `iu`) can take exponential or high-polynomial
 * time, or null. Rejected: a quantifier repeated inside another (`(\w+\s?)*`), two quantifiers
 * that can trade the same characters (`\s*\s*x`, `^(.+)(.+)x`), found with scslre; and a
 * repeated group whose alternatives can start with the same character (`(a|ab)*`, `(\w|\d)+`),
 * which scslre does not report. Leading or trailing `.*` in an unanchored pattern stay allowed:
 * their cost is quadratic in the cell, which the cap on the text a pattern sees bounds.
 */
export function backtrackingRisk(source: string): string | null {
  const { parser, scslre, analysis } = loadTools();
  const pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
  const flags = parser.parseFlags('iu');
  const { reports } = scslre.analyse({ pattern, flags }, { reportTypes: { Move: false }, maxReports: 1 });
  const [report] = reports;
  if (report?.type === 'Self') return `"${report.quant.raw}" is repeated inside "${report.parentQuant.raw}" (nested quantifiers)`;
  if (report?.type === 'Trade') return `"${report.startQuant.raw}" and "${report.endQuant.raw}" can match the same characters one after the other`;
  return overlappingAlternatives(pattern, flags, analysis);
}

/** A repeated group whose alternatives can begin with the same character: each repeat can go two ways. */
function overlappingAlternatives(node: AST.Node, flags: AST.Flags, analysis: typeof import('regexp-ast-analysis')): string | null {
  if (node.type === 'Quantifier' && node.max >= 2 && (node.element.type === 'Group' || node.element.type === 'CapturingGroup')) {
    const alts = node.element.alternatives;
    const firsts = alts.map((a) => analysis.getFirstConsumedChar(a, 'ltr', flags));
    for (let i = 0; i < alts.length; i++) {
      for (let j = i + 1; j < alts.length; j++) {
        if (firsts[i].char.isEmpty || firsts[j].char.isEmpty) continue;
        if (!firsts[i].char.isDisjointWith(firsts[j].char)) {
          return `alternatives "${alts[i].raw}" and "${alts[j].raw}" of the repeated "${node.raw}" can start with the same character`;
        }
      }
    }
  }
  for (const child of children(node)) {
    const found = overlappingAlternatives(child, flags, analysis);
    if (found) return found;
  }
  return null;
}

function children(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    case 'Assertion':
      return 'alternatives' in node ? node.alternatives : [];
    default:
      return [];
  }
}
