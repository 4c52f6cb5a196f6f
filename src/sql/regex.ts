import { whitespaceClass, type Dialect } from './dialect.js';

// Rule patterns are JavaScript regular expressions (flags `iu`), tested on the collapsed cell.
// They are rewritten for the dialect where the meaning can be kept exactly, and refused where
// it cannot: the result is the same set of matching values, or an error naming the construct.
// Kept exactly: `\d` `\w` `\s` (ASCII digits and word characters, Unicode whitespace, as in
// JavaScript) become explicit classes; `\b` becomes ARE's `\y`; code point escapes are respared.
// `.` `^` `$` are safe as they are: a collapsed cell has no line breaks.

/** A pattern a dialect cannot express; `construct` is what to show the user. */
export class RegexUnsupported extends Error {
  constructor(readonly construct: string) {
    super(construct);
  }
}

const WORD = 'A-Za-z0-9_';
const DIGIT = '0-9';

/** The pattern rewritten for `d`; throws RegexUnsupported. */
export function translateRegex(pattern: string, d: Dialect): string {
  const ws = whitespaceClass(d);
  const isRe2Like = d.regex !== 'are';
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw new RegexUnsupported('a trailing backslash');
      i++;
      if (n === 'd' || n === 'w' || n === 's') {
        const body = n === 'd' ? DIGIT : n === 'w' ? WORD : ws;
        out += inClass ? body : `[${body}]`;
      } else if (n === 'D' || n === 'W' || n === 'S') {
        if (inClass) throw new RegexUnsupported(`\\${n} inside [...]`);
        out += `[^${n === 'D' ? DIGIT : n === 'W' ? WORD : ws}]`;
      } else if (n === 'b' || n === 'B') {
        if (inClass) throw new RegexUnsupported(`\\${n} inside [...]`);
        if (d.regex === 'posix') throw new RegexUnsupported(`\\${n} (word boundary)`);
        out += d.regex === 'are' ? (n === 'b' ? '\\y' : '\\Y') : `\\${n}`;
      } else if (n === 'u' || n === 'x') {
        const m = n === 'x' ? /^[0-9a-fA-F]{2}/.exec(pattern.slice(i + 1)) : /^(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/.exec(pattern.slice(i + 1));
        if (!m) throw new RegexUnsupported(`\\${n} without its hex digits`);
        out += d.codePoint(parseInt(n === 'x' ? m[0] : (m[1] ?? m[2]), 16));
        i += m[0].length;
      } else if (n === 't' || n === 'n' || n === 'r' || n === 'f' || n === 'v') {
        out += d.codePoint({ t: 9, n: 10, v: 11, f: 12, r: 13 }[n]);
      } else if (/[1-9]/.test(n) || n === 'k') {
        if (isRe2Like || n === 'k') throw new RegexUnsupported(`the backreference \\${n}`);
        out += `\\${n}`;
      } else if (n === 'p' || n === 'P') {
        if (d.regex !== 're2') throw new RegexUnsupported(`the Unicode property \\${n}{…}`);
        const m = /^\{[A-Za-z_]+\}/.exec(pattern.slice(i + 1));
        if (!m || m[0].includes('=')) throw new RegexUnsupported(`the Unicode property \\${n}${m?.[0] ?? ''}`);
        out += `\\${n}${m[0]}`;
        i += m[0].length;
      } else if (/[A-Za-z0-9]/.test(n)) {
        throw new RegexUnsupported(`the escape \\${n}`);
      } else {
        out += `\\${n}`;
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[' && pattern[i + 1] === ':') throw new RegexUnsupported('"[:" inside [...]');
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      // A `]` first in a class is a literal in POSIX and ARE, but closes an empty class in JavaScript.
      if (pattern[i + 1] === ']') throw new RegexUnsupported('an empty class []');
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 2;
      } else if (/^<?[=!]/.test(rest)) {
        const kind = rest.startsWith('<') ? 'lookbehind' : 'lookahead';
        if (isRe2Like) throw new RegexUnsupported(`the ${kind} (?${rest.slice(0, rest[0] === '<' ? 2 : 1)}…)`);
        out += `(?${rest.slice(0, rest[0] === '<' ? 2 : 1)}`;
        i += rest[0] === '<' ? 3 : 2;
      } else if (rest.startsWith('<')) {
        // A named group is a numbered group too; its name is not needed to test a match.
        const close = rest.indexOf('>');
        if (close < 0) throw new RegexUnsupported('an unfinished group name');
        out += '(';
        i += 2 + close;
      } else throw new RegexUnsupported(`the group (?${rest[0] ?? ''}`);
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '?' && d.regex === 'posix') {
      throw new RegexUnsupported('a lazy quantifier');
    }
    out += c;
  }
  return out;
}
