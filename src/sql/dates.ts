import { dateFormatPatterns, MONTH_NAMES } from './date-format.js';
import type { Dialect } from './dialect.js';
import type { DateReading } from './mapping.js';

// Date reading in SQL, value for value as src/normalize/dates.ts and date-detect.ts read it.
// Each date column becomes three expressions over its trimmed text `v`: the YYYY-MM-DD text
// (NULL when invalid), the kind of problem, and the value the rejection shows.

/**
 * The command line's `--date-format` for a column the file leaves open: values that fit the format
 * are read with it, the others as without one; a value neither reads is rejected with the flag
 * named (the streaming engine's FileDates).
 */
export type FallbackFormatReading = Extract<DateReading, { kind: 'flag-format' }>;

export function isFallbackFormat(reading: DateReading): reading is FallbackFormatReading {
  return reading.kind === 'flag-format';
}

/** Kinds of date problems, as the result's rejection reasons tell them apart. */
export type DateProblemKind = 'EMPTY' | 'CALENDAR' | 'BAD' | 'AMBIGUOUS' | 'DETECTED' | 'FORMAT';

/** SQL for one date column, in two layers: `parts` (columns over `v`), then `date` and `problem` over them. */
export interface DateSql {
  /** Column expressions over `v` (the trimmed value): shape and numeric parts. Names get the caller's prefix. */
  parts: Record<string, string>;
  /** The date text, over the `parts` columns (`p(name)` refers to one). */
  date: string;
  /** The problem kind, NULL when the date is valid. */
  problem: string;
}

const ISO = '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])';
const YMD_SLASH = '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])';
const SERIAL = '^[0-9]{5}([.][0-9]+)?$';
const NUMERIC_DMY = '^[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}($|[T ,])';

/** Days in month `m` of year `y` (proleptic Gregorian), as SQL. */
function daysIn(d: Dialect, y: string, m: string): string {
  const leap = `(${d.mod(y, '4')} = 0 AND ${d.mod(y, '100')} <> 0 OR ${d.mod(y, '400')} = 0)`;
  return `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
}

function isRealDate(d: Dialect, y: string, m: string, day: string): string {
  return `${m} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${daysIn(d, y, m)}`;
}

function ymdText(d: Dialect, y: string, m: string, day: string): string {
  const pad = (e: string, n: number) => `LPAD(CAST(${e} AS ${d.text}), ${n}, '0')`;
  return `${pad(y, 4)} || '-' || ${pad(m, 2)} || '-' || ${pad(day, 2)}`;
}

/** The month number of a matched month name (English letters): by its first three letters, or its one letter. */
function monthFromName(name: string): string {
  const abbreviated = MONTH_NAMES.abbreviated.map((m, i) => `WHEN '${m}' THEN ${i + 1}`);
  const narrow = Object.entries(MONTH_NAMES.narrow).map(([c, n]) => `WHEN '${c}' THEN ${n}`);
  return `CASE LOWER(SUBSTR(${name}, 1, 3)) ${[...abbreviated, ...narrow].join(' ')} END`;
}

/** A dateFormat's parts over `v`, the condition that the value fits it (a real date, times in range), and its date text. */
function formatSql(format: string, d: Dialect, v: string, p: (name: string) => string, ws: string): { parts: Record<string, string>; ok: string; date: string } {
  const int = (e: string) => d.int(e);
  const x = (pattern: string) => int(d.extract(v, pattern));
  const f = dateFormatPatterns(format, ws);
  const part = (name: Parameters<typeof f.captured>[0], fallback: string) => {
    const pat = f.captured(name);
    return pat ? x(pat) : fallback;
  };
  const parts: Record<string, string> = {
    shape: `CASE WHEN ${v} = '' THEN 'empty' WHEN ${d.matches(v, f.whole)} THEN 'fmt' ELSE 'bad' END`,
  };
  // Parts are read only where the whole format matched; elsewhere they stay NULL.
  const when = (e: string) => `CASE WHEN ${d.matches(v, f.whole)} THEN ${e} END`;
  parts.y = when(part('year', '2000'));
  const monthAt = f.isMonthName ? f.captured('month') : null;
  parts.m = when(monthAt ? monthFromName(d.extract(v, monthAt)) : part('month', '1'));
  parts.d = when(part('day', '1'));
  const checks = [`${p('y')} BETWEEN 1900 AND 2199`, isRealDate(d, p('y'), p('m'), p('d'))];
  for (const [name, lo, hi] of [['hour23', 0, 23], ['hour12', 1, 12], ['minute', 0, 59], ['second', 0, 59]] as const) {
    const pat = f.captured(name);
    if (!pat) continue;
    parts[name] = when(x(pat));
    checks.push(`${p(name)} BETWEEN ${lo} AND ${hi}`);
  }
  const ok = `${p('shape')} = 'fmt' AND ${checks.join(' AND ')}`;
  return { parts, ok, date: ymdText(d, p('y'), p('m'), p('d')) };
}

/**
 * The SQL of one date column. `v` is the trimmed value; `p(name)` names a parts column in the
 * next layer; `ws` is the dialect's whitespace class body.
 */
export function dateSql(reading: DateReading, d: Dialect, v: string, p: (name: string) => string, ws: string): DateSql {
  if (isFallbackFormat(reading)) {
    // --date-format: values that fit it are read with it; the others as without a format (ISO,
    // YYYY/M/D, Excel serial), and any other value is a bad date worded with the flag.
    const f = formatSql(reading.format, d, v, (name) => p(`f${name}`), ws);
    const a = dateSql({ kind: 'auto' }, d, v, p, ws);
    const parts = { ...a.parts };
    for (const [name, e] of Object.entries(f.parts)) parts[`f${name}`] = e;
    return {
      parts,
      date: `CASE WHEN (${f.ok}) THEN ${f.date} ELSE ${a.date} END`,
      problem: `CASE WHEN (${f.ok}) THEN NULL ELSE CASE WHEN (${a.problem}) IS NULL THEN NULL WHEN (${a.problem}) = 'EMPTY' THEN 'EMPTY' ELSE 'DETECTED' END END`,
    };
  }
  if (reading.kind === 'format') {
    const f = formatSql(reading.format, d, v, p, ws);
    return {
      parts: f.parts,
      date: `CASE WHEN ${f.ok} THEN ${f.date} END`,
      problem: `CASE WHEN ${p('shape')} = 'empty' THEN 'EMPTY' WHEN ${f.ok} THEN NULL ELSE 'FORMAT' END`,
    };
  }
  const int = (e: string) => d.int(e);
  const x = (pattern: string) => int(d.extract(v, pattern));

  // Without dateFormat: ISO, YYYY/M/D, Excel serial; day/month dates are ambiguous unless detected.
  const parts: Record<string, string> = {};
  const isDayMonth = reading.kind === 'day-month';
  const sep = `(?:[.][0-9]{1,2}[.]|/[0-9]{1,2}/|-[0-9]{1,2}-)`;
  const datePart = `^[0-9]{1,2}${sep}[0-9]{4}`;
  const timeSep = `(?:[ T]+|,[${ws}]*)`;
  const numericWhole = `${datePart}(?:${timeSep}[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?(?:[${ws}]*[AaPp][.]?[Mm][.]?)?)?$`;
  parts.shape =
    `CASE WHEN ${v} = '' THEN 'empty'` +
    (isDayMonth ? ` WHEN ${d.matches(v, numericWhole)} THEN 'num'` : '') +
    ` WHEN ${d.matches(v, ISO)} THEN 'iso' WHEN ${d.matches(v, YMD_SLASH)} THEN 'slash'` +
    ` WHEN ${d.matches(v, SERIAL)} THEN 'serial' WHEN ${d.matches(v, NUMERIC_DMY)} THEN 'dmy' ELSE 'bad' END`;
  const isoY = int(`SUBSTR(${v}, 1, 4)`);
  const slashY = x('^([0-9]{4})/');
  const slashM = x('^[0-9]{4}/([0-9]{1,2})/');
  const slashD = x('^[0-9]{4}/[0-9]{1,2}/([0-9]{1,2})');
  const shapeIs = (s: string) => `${d.matches(v, { iso: ISO, slash: YMD_SLASH }[s] as string)}`;
  parts.y = `CASE WHEN ${shapeIs('iso')} THEN ${isoY} WHEN ${shapeIs('slash')} THEN ${slashY} END`;
  parts.m = `CASE WHEN ${shapeIs('iso')} THEN ${int(`SUBSTR(${v}, 6, 2)`)} WHEN ${shapeIs('slash')} THEN ${slashM} END`;
  parts.d = `CASE WHEN ${shapeIs('iso')} THEN ${int(`SUBSTR(${v}, 9, 2)`)} WHEN ${shapeIs('slash')} THEN ${slashD} END`;
  parts.serial = `CASE WHEN ${d.matches(v, SERIAL)} THEN ${int(`SUBSTR(${v}, 1, 5)`)} END`;
  if (isDayMonth) {
    const when = (e: string) => `CASE WHEN ${d.matches(v, numericWhole)} THEN ${e} END`;
    const first = x('^([0-9]{1,2})');
    const second = x('^[0-9]{1,2}[./-]([0-9]{1,2})');
    parts.ny = when(x('^[0-9]{1,2}[./-][0-9]{1,2}[./-]([0-9]{4})'));
    parts.nd = when(reading.order === 'day-first' ? first : second);
    parts.nm = when(reading.order === 'day-first' ? second : first);
    const timeAt = `${datePart}${timeSep}`;
    parts.nh = when(x(`${timeAt}([0-9]{1,2}):`));
    parts.nmin = when(x(`${timeAt}[0-9]{1,2}:([0-9]{2})`));
    parts.ns = when(x(`${timeAt}[0-9]{1,2}:[0-9]{2}:([0-9]{2})`));
    parts.nap = when(`CASE WHEN ${d.matches(v, `[AaPp][.]?[Mm][.]?$`)} THEN 1 ELSE 0 END`);
  }
  const numericOk = isDayMonth
    ? `${p('shape')} = 'num' AND ${isRealDate(d, p('ny'), p('nm'), p('nd'))} AND ${p('ny')} BETWEEN 1900 AND 2199` +
      ` AND (${p('nh')} IS NULL OR (${p('nh')} BETWEEN CASE WHEN ${p('nap')} = 1 THEN 1 ELSE 0 END AND CASE WHEN ${p('nap')} = 1 THEN 12 ELSE 23 END` +
      ` AND ${p('nmin')} <= 59 AND COALESCE(${p('ns')}, 0) <= 59))`
    : 'FALSE';
  const calendarOk = `${p('shape')} IN ('iso', 'slash') AND ${isRealDate(d, p('y'), p('m'), p('d'))}`;
  const date =
    `CASE WHEN ${calendarOk} THEN ${ymdText(d, p('y'), p('m'), p('d'))}` +
    ` WHEN ${p('shape')} = 'serial' THEN ${d.excelDate(p('serial'))}` +
    (isDayMonth ? ` WHEN ${numericOk} THEN ${ymdText(d, p('ny'), p('nm'), p('nd'))}` : '') +
    ' END';
  const ok = `(${calendarOk}) OR ${p('shape')} = 'serial'${isDayMonth ? ` OR (${numericOk})` : ''}`;
  const problem = isDayMonth
    ? `CASE WHEN ${p('shape')} = 'empty' THEN 'EMPTY' WHEN ${ok} THEN NULL ELSE 'DETECTED' END`
    : `CASE WHEN ${p('shape')} = 'empty' THEN 'EMPTY' WHEN ${ok} THEN NULL WHEN ${p('shape')} IN ('iso', 'slash') THEN 'CALENDAR'` +
      ` WHEN ${p('shape')} = 'dmy' THEN 'AMBIGUOUS' ELSE 'BAD' END`;
  return { parts, date, problem };
}
