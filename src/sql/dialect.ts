// The few places where the four SQL dialects differ. Everything else the compiler writes is
// plain SQL they share (CTEs, CASE, window functions, UNION ALL).

export const DIALECTS = ['duckdb', 'postgres', 'snowflake', 'bigquery'] as const;
export type DialectName = (typeof DIALECTS)[number];

/** JavaScript's `\s` (what `trim` removes and `\s+` collapses), code point by code point. */
export const JS_WHITESPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

export interface Dialect {
  name: DialectName;
  /** The regex flavour: RE2 (no lookaround, no backreferences), PostgreSQL ARE, or Snowflake's POSIX-extended one. */
  regex: 're2' | 'are' | 'posix';
  /** A quoted identifier. */
  id(name: string): string;
  /** A string literal. */
  str(value: string): string;
  /** The text type name. */
  text: string;
  /** A regex escape for one code point (inside or outside a bracket expression). */
  codePoint(cp: number): string;
  /** True when `expr` contains a match of `pattern` (case-insensitive when asked). */
  matches(expr: string, pattern: string, opts?: { isCaseInsensitive?: boolean }): string;
  /** Replaces every match of `pattern` in `expr`. */
  replaceAll(expr: string, pattern: string, replacement: string): string;
  /** The first capture group of `pattern` in `expr` (the pattern has exactly one), or NULL. */
  extract(expr: string, pattern: string): string;
  /** `a mod b` for integers. */
  mod(a: string, b: string): string;
  /** An integer cast. */
  int(expr: string): string;
  /** A double cast. */
  double(expr: string): string;
  /** YYYY-MM-DD text of the date `days` days after 1899-12-30 (Excel's day 0). */
  excelDate(days: string): string;
  /** Text length in characters. */
  length(expr: string): string;
  /** Integer division of non-negative integers (rounded down). */
  div(a: string, b: string): string;
  /** YYYY-MM-DD text of the warehouse's current date. */
  today: string;
  /**
   * How a CTE that later layers read many times is introduced: `AS MATERIALIZED (` where the
   * planner would otherwise inline it and evaluate its expressions once per reference.
   */
  computedOnce: string;
}

const hex = (cp: number, width: number) => cp.toString(16).toUpperCase().padStart(width, '0');

const ansiString = (value: string) => `'${value.replace(/'/g, "''")}'`;

const duckdb: Dialect = {
  name: 'duckdb',
  regex: 're2',
  id: (name) => `"${name.replace(/"/g, '""')}"`,
  str: ansiString,
  text: 'VARCHAR',
  codePoint: (cp) => `\\x{${hex(cp, 4)}}`,
  matches: (e, p, o) => `regexp_matches(${e}, ${ansiString(p)}${o?.isCaseInsensitive ? ", 'i'" : ''})`,
  replaceAll: (e, p, r) => `regexp_replace(${e}, ${ansiString(p)}, ${ansiString(r)}, 'g')`,
  extract: (e, p) => `nullif(regexp_extract(${e}, ${ansiString(p)}, 1), '')`,
  mod: (a, b) => `((${a}) % (${b}))`,
  int: (e) => `CAST(${e} AS BIGINT)`,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  excelDate: (d) => `strftime(DATE '1899-12-30' + CAST(${d} AS INTEGER), '%Y-%m-%d')`,
  length: (e) => `length(${e})`,
  div: (a, b) => `((${a}) // (${b}))`,
  today: "strftime(current_date, '%Y-%m-%d')",
  computedOnce: 'AS (',
};

const postgres: Dialect = {
  name: 'postgres',
  regex: 'are',
  id: (name) => `"${name.replace(/"/g, '""')}"`,
  str: ansiString,
  text: 'TEXT',
  // ARE reads \x with as many hex digits as follow; \u takes exactly four, \U eight.
  codePoint: (cp) => (cp > 0xffff ? `\\U${hex(cp, 8)}` : `\\u${hex(cp, 4)}`),
  matches: (e, p, o) => `(${e} ${o?.isCaseInsensitive ? '~*' : '~'} ${ansiString(p)})`,
  replaceAll: (e, p, r) => `regexp_replace(${e}, ${ansiString(p)}, ${ansiString(r)}, 'g')`,
  extract: (e, p) => `substring(${e} from ${ansiString(p)})`,
  mod: (a, b) => `mod(${a}, ${b})`,
  int: (e) => `CAST(${e} AS BIGINT)`,
  double: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  excelDate: (d) => `to_char(DATE '1899-12-30' + CAST(${d} AS INTEGER), 'YYYY-MM-DD')`,
  length: (e) => `char_length(${e})`,
  div: (a, b) => `((${a}) / (${b}))`,
  today: "to_char(CURRENT_DATE, 'YYYY-MM-DD')",
  // PostgreSQL 12+ inlines a CTE read once and repeats its expressions wherever a column is read:
  // layer 3 reads each date part many times, and every read re-ran the date patterns (the
  // example's 16,000 calls took 6 s; materialized, under 1 s).
  computedOnce: 'AS MATERIALIZED (',
};

// Snowflake reads backslashes in single-quoted strings as escapes.
const snowflakeString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A pattern without non-capturing groups, for Snowflake, whose documented syntax is POSIX ERE
 * (no `(?:…)`): each becomes a plain group, which matches the same. `group` is the number the
 * pattern's first capturing group then has (for REGEXP_SUBSTR's group argument).
 */
export function posixGroups(pattern: string): { pattern: string; group: number } {
  let out = '';
  let groups = 0;
  let group = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (c === '[') {
      // A bracket expression: `]` right after `[` or `[^` is a literal; backslashes escape.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      out += pattern.slice(i, j + 1);
      i = j;
    } else if (c === '(') {
      groups++;
      if (pattern.startsWith('?:', i + 1)) i += 2;
      else if (group === 0 && pattern[i + 1] !== '?') group = groups;
      out += '(';
    } else out += c;
  }
  return { pattern: out, group: group || 1 };
}

const snowflake: Dialect = {
  name: 'snowflake',
  regex: 'posix',
  id: (name) => `"${name.replace(/"/g, '""')}"`,
  str: snowflakeString,
  text: 'VARCHAR',
  // Its regex has no code-point escape: the character itself goes into the pattern.
  codePoint: (cp) => String.fromCodePoint(cp),
  matches: (e, p, o) => `(REGEXP_INSTR(${e}, ${snowflakeString(posixGroups(p).pattern)}, 1, 1, 0, '${o?.isCaseInsensitive ? 'i' : 'c'}') > 0)`,
  replaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, ${snowflakeString(posixGroups(p).pattern)}, ${snowflakeString(r)})`,
  extract: (e, p) => {
    const g = posixGroups(p);
    return `REGEXP_SUBSTR(${e}, ${snowflakeString(g.pattern)}, 1, 1, 'ce', ${g.group})`;
  },
  mod: (a, b) => `MOD(${a}, ${b})`,
  int: (e) => `CAST(${e} AS BIGINT)`,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  excelDate: (d) => `TO_CHAR(DATEADD(day, CAST(${d} AS INTEGER), '1899-12-30'::DATE), 'YYYY-MM-DD')`,
  length: (e) => `LENGTH(${e})`,
  div: (a, b) => `FLOOR((${a}) / (${b}))`,
  today: "TO_CHAR(CURRENT_DATE(), 'YYYY-MM-DD')",
  computedOnce: 'AS (',
};

// BigQuery string literals take backslash escapes too.
const bigqueryString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

const bigquery: Dialect = {
  name: 'bigquery',
  regex: 're2',
  id: (name) => `\`${name.replace(/[`\\]/g, (c) => `\\${c}`)}\``,
  str: bigqueryString,
  text: 'STRING',
  codePoint: (cp) => `\\x{${hex(cp, 4)}}`,
  matches: (e, p, o) => `REGEXP_CONTAINS(${e}, ${bigqueryString(`${o?.isCaseInsensitive ? '(?i)' : ''}${p}`)})`,
  replaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, ${bigqueryString(p)}, ${bigqueryString(r)})`,
  extract: (e, p) => `REGEXP_EXTRACT(${e}, ${bigqueryString(p)})`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  int: (e) => `CAST(${e} AS INT64)`,
  double: (e) => `CAST(${e} AS FLOAT64)`,
  excelDate: (d) => `FORMAT_DATE('%Y-%m-%d', DATE_ADD(DATE '1899-12-30', INTERVAL CAST(${d} AS INT64) DAY))`,
  length: (e) => `LENGTH(${e})`,
  div: (a, b) => `DIV(${a}, ${b})`,
  today: "FORMAT_DATE('%Y-%m-%d', CURRENT_DATE())",
  computedOnce: 'AS (',
};

const BY_NAME: Record<DialectName, Dialect> = { duckdb, postgres, snowflake, bigquery };

export function getDialect(name: DialectName): Dialect {
  return BY_NAME[name];
}

/** The bracket-expression body matching JavaScript's `\s` in this dialect. */
export function whitespaceClass(d: Dialect): string {
  const out: string[] = [];
  for (const cp of JS_WHITESPACE) {
    if (cp === 0x20) out.push(' ');
    else if (d.name === 'snowflake' && cp < 0x20) out.push(['\\t', '\\n', '\\v', '\\f', '\\r'][cp - 9]);
    else out.push(d.codePoint(cp));
  }
  return out.join('');
}
