// A source's dateFormat (date-fns tokens) as regular expressions, for the SQL compiler.
// date-fns reads a format token by token, each number as many digits as its pattern takes,
// never backtracking; a value must be used up whole. That equals a regular expression match
// when every number is followed by a non-digit (or the end): so formats with two numbers side
// by side (`yyyyMMdd`) are refused, as are tokens this compiler does not read.
// The date is all that is kept: times are only checked for range (a time never moves the date).

/** The part of a date a token gives. */
type Part = 'year' | 'month' | 'day' | 'hour23' | 'hour12' | 'minute' | 'second' | 'other';

interface Piece {
  /** The regex (no capture groups) this token or literal matches. */
  pattern: string;
  part: Part | null;
  isNumber: boolean;
  /** What it matches can begin with a letter (a month or day-period name, a literal word). */
  isWordStart?: boolean;
  /** A month name (MMM, MMMM) rather than a number. */
  isName?: boolean;
}

/** The format's shape as patterns; `captured(part)` has one group around that part. */
export interface DateFormatPatterns {
  /** The whole format, anchored both ends, no groups. */
  whole: string;
  /** The pattern that captures `part`, anchored at the start; null when the format lacks it. */
  captured(part: 'year' | 'month' | 'day' | 'hour23' | 'hour12' | 'minute' | 'second'): string | null;
  /** The month is a name (MMM, MMMM): its capture is English letters, see `MONTH_NAMES`. */
  isMonthName: boolean;
}

/** en-US month names as date-fns matches them (case-insensitive): wide, abbreviated, narrow (one letter). */
export const MONTH_NAMES = {
  wide: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  abbreviated: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  /** The month a single letter reads as: date-fns takes the first month it begins (J → January, M → March, A → April). */
  narrow: { j: 1, f: 2, m: 3, a: 4, s: 9, o: 10, n: 11, d: 12 } as Record<string, number>,
};

/** A word matched case-insensitively by explicit ASCII classes (the same in every dialect). */
const anyCase = (word: string) => [...word].map((c) => (/[a-z]/.test(c) ? `[${c.toUpperCase()}${c}]` : c)).join('');

/** Why a format cannot be compiled. */
export class DateFormatUnsupported extends Error {}

const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => `\\${c}`);

// Numbers as date-fns's parsers match them (src/parse/_lib/constants.ts and parseNDigits).
const TOKENS: Record<string, { pattern: string; part: Part }> = {
  y: { pattern: '[0-9]{1,4}', part: 'year' },
  yyyy: { pattern: '[0-9]{1,4}', part: 'year' },
  M: { pattern: '(?:1[0-2]|0?[0-9])', part: 'month' },
  MM: { pattern: '[0-9]{1,2}', part: 'month' },
  d: { pattern: '(?:3[0-1]|[0-2]?[0-9])', part: 'day' },
  dd: { pattern: '[0-9]{1,2}', part: 'day' },
  H: { pattern: '(?:2[0-3]|[0-1]?[0-9])', part: 'hour23' },
  HH: { pattern: '[0-9]{1,2}', part: 'hour23' },
  h: { pattern: '(?:1[0-2]|0?[0-9])', part: 'hour12' },
  hh: { pattern: '[0-9]{1,2}', part: 'hour12' },
  m: { pattern: '[0-5]?[0-9]', part: 'minute' },
  mm: { pattern: '[0-9]{1,2}', part: 'minute' },
  s: { pattern: '[0-5]?[0-9]', part: 'second' },
  ss: { pattern: '[0-9]{1,2}', part: 'second' },
};

/** Splits a date-fns format into pieces; throws DateFormatUnsupported. */
function pieces(format: string, ws: string): Piece[] {
  const out: Piece[] = [];
  const re = /(\w)\1*|''|'(?:''|[^'])+(?:'|$)|./g;
  for (const [token] of format.matchAll(re)) {
    if (token === "''") out.push({ pattern: "'", part: null, isNumber: false });
    else if (token.startsWith("'")) {
      const literal = token.replace(/^'|'$/g, '').replace(/''/g, "'");
      out.push({ pattern: escapeLiteral(literal), part: null, isNumber: false, isWordStart: /^[A-Za-z]/.test(literal) });
    }
    else if (/^[A-Za-z]/.test(token)) {
      if (token === 'a' || token === 'aa' || token === 'aaa') {
        // en-US day periods, as date-fns matches them (abbreviated, then narrow).
        out.push({
          pattern: `(?:[AaPp]\\.?[${ws}]?[Mm]\\.?|[Mm][Ii][Dd][Nn][Ii][Gg][Hh][Tt]|[Nn][Oo][Oo][Nn]|[Aa][Tt] [Nn][Ii][Gg][Hh][Tt]|[Ii][Nn] [Tt][Hh][Ee] (?:[Mm][Oo][Rr][Nn][Ii][Nn][Gg]|[Aa][Ff][Tt][Ee][Rr][Nn][Oo][Oo][Nn]|[Ee][Vv][Ee][Nn][Ii][Nn][Gg])|[AaPp]|[Mm][Ii]|[Nn])`,
          part: 'other',
          isNumber: false,
          isWordStart: true,
        });
        continue;
      }
      if (token === 'MMM' || token === 'MMMM') {
        // MMM: abbreviated, else narrow; MMMM: wide, else abbreviated, else narrow (date-fns's MonthParser).
        const words = [...(token === 'MMMM' ? MONTH_NAMES.wide : []), ...MONTH_NAMES.abbreviated].map(anyCase);
        const letters = Object.keys(MONTH_NAMES.narrow).map((c) => `${c.toUpperCase()}${c}`).join('');
        out.push({ pattern: `(?:${words.join('|')}|[${letters}])`, part: 'month', isNumber: false, isWordStart: true, isName: true });
        continue;
      }
      const t = TOKENS[token];
      if (!t) throw new DateFormatUnsupported(`the token "${token}"`);
      out.push({ pattern: t.pattern, part: t.part, isNumber: true });
    } else out.push({ pattern: escapeLiteral(token), part: null, isNumber: false });
  }
  for (let i = 1; i < out.length; i++) {
    if (out[i].isNumber && out[i - 1].isNumber) throw new DateFormatUnsupported('two numbers with nothing between them');
    // A literal starting with a digit after a number would be eaten by the number.
    if (out[i - 1].isNumber && /^[0-9]/.test(out[i].pattern)) throw new DateFormatUnsupported('a digit right after a number');
    // date-fns takes the longest month name that fits and never gives letters back: a letter right after it cannot be told apart.
    if (out[i - 1].isName && out[i].isWordStart) throw new DateFormatUnsupported('a letter right after a month name');
  }
  const parts = out.filter((p) => p.part && p.part !== 'other').map((p) => p.part);
  if (new Set(parts).size !== parts.length) throw new DateFormatUnsupported('the same field twice');
  return out;
}

/**
 * The patterns of a date-fns format; `ws` is the dialect's class body for whitespace.
 * A value is read by date-fns with reference date 2000-01-01: a format without a year, month
 * or day takes 2000, January or 1.
 */
export function dateFormatPatterns(format: string, ws: string): DateFormatPatterns {
  const ps = pieces(format, ws);
  return {
    whole: `^${ps.map((p) => p.pattern).join('')}$`,
    captured(part) {
      const at = ps.findIndex((p) => p.part === part);
      if (at < 0) return null;
      return `^${ps.slice(0, at).map((p) => p.pattern).join('')}(${ps[at].pattern})`;
    },
    isMonthName: ps.some((p) => p.isName),
  };
}
