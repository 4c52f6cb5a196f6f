import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { daysInMonth } from '../engine/dates.js';
import type { DateStr } from '../engine/model.js';

/** A date that could not be read, with the reason for the rejection. */
export interface DateProblem {
  reason: string;
  /**
   * A day/month date (03/04/2026) read without a dateFormat or a detected order: not bad data
   * but a file that needs its order told (the pipeline makes it the file's problem).
   */
  isAmbiguous?: true;
}

export type DateParser = (value: string) => DateStr | DateProblem;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:$|[T ])/;
const NUMERIC_DMY = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:$|[T ,])/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
// Excel serial dates count from 1899-12-30 (Excel's 1900 leap-year bug included).
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
// Only serials from 10000 (1927-05-18) to 99999 (2173-10-13) are taken for dates: smaller
// numbers in a date column are far likelier to be something else than a 1900s date.
const CACHE_LIMIT = 50_000;

function ymd(y: number, m: number, d: number): DateStr | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel serial → calendar date; the fraction (time of day) is dropped. */
export function excelSerialToDate(serial: number): DateStr {
  const d = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * 86400000);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) as DateStr;
}

function notADate(value: string, expected: string): DateProblem {
  return { reason: `"${value}" is not a date (expected ${expected})` };
}

/** A dateFormat whose time of day follows its date, cut where the one ends and the other starts. */
export interface TimeSplit {
  /** The format of the date part (`M/d/yyyy`). */
  date: string;
  /** The literal text between the two (` `, `T`, `, `). */
  sep: string;
  /** The format of the time part (`h:mm a`). */
  time: string;
}

// date-fns's own pattern for the tokens of a format (date-fns/parse.js, formattingTokensRegExp).
const FORMAT_TOKENS = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g;
// Numeric day, month and year: what they match is digits only.
const DATE_TOKEN = /^(?:y{1,4}|M{1,2}|d{1,2})$/;
// Hours, minutes, seconds, fractions and AM/PM: they set the time of day and nothing else.
const TIME_TOKEN = /^(?:[HhKk]{1,2}|m{1,2}|s{1,2}|S{1,3}|a{1,5})$/;

/** The text a literal token of a format stands for; null for a letter token. */
function literalText(token: string): string | null {
  if (token === "''") return "'";
  if (token.startsWith("'")) return token.slice(1).replace(/'$/, '').replaceAll("''", "'");
  return /^[a-zA-Z]/.test(token) ? null : token;
}

/**
 * Cuts a dateFormat of numeric date tokens, then a literal, then time tokens (`M/d/yyyy h:mm a`,
 * `yyyy-MM-dd'T'HH:mm:ss`), where its value can be cut too: at the first place the literal
 * appears, which must be where the date ends. That holds when the literal has no digit and starts
 * with a character the date part cannot hold (its tokens match digits only). Null for any other
 * format (time zones, week dates, month names, a time first), which is then read whole.
 */
export function splitAtTime(format: string): TimeSplit | null {
  const tokens = format.match(FORMAT_TOKENS) ?? [];
  const firstTime = tokens.findIndex((t) => TIME_TOKEN.test(t));
  if (firstTime < 0) return null;
  let dateEnd = firstTime;
  while (dateEnd > 0 && literalText(tokens[dateEnd - 1]) !== null) dateEnd--;
  const head = tokens.slice(0, dateEnd);
  const tail = tokens.slice(firstTime);
  if (!head.some((t) => DATE_TOKEN.test(t))) return null;
  if (!head.every((t) => DATE_TOKEN.test(t) || literalText(t) !== null)) return null;
  if (!tail.every((t) => TIME_TOKEN.test(t) || literalText(t) !== null)) return null;
  const sep = tokens
    .slice(dateEnd, firstTime)
    .map((t) => literalText(t) as string)
    .join('');
  const dateLiterals = head.map(literalText).join('');
  if (sep === '' || /\d/.test(sep) || dateLiterals.includes(sep[0])) return null;
  return { date: head.join(''), sep, time: tail.join('') };
}

const REFERENCE_DATE = new Date(2000, 0, 1);

/** `value` read by date-fns in `format` (whole), as a calendar date from 1900 to 2199; else null. */
function readByFormat(value: string, format: string): DateStr | null {
  const d = parse(value, format, REFERENCE_DATE);
  if (!isValid(d)) return null;
  const year = d.getFullYear();
  return year < 1900 || year > 2199 ? null : ymd(year, d.getMonth() + 1, d.getDate());
}

/**
 * Compiles the date reader of one source. Without `dateFormat`: ISO dates and datetimes (the
 * calendar date as written, whatever the time zone), YYYY/MM/DD, and Excel serials; a day/month
 * date like 03/04/2026 is a problem marked `isAmbiguous`. With `dateFormat` (date-fns tokens) the value
 * must match the format whole, with a four-digit year where the format says yyyy.
 */
export function compileDateParser(dateFormat: string | undefined): DateParser {
  const cache = new Map<string, DateStr | DateProblem>();
  const expected = dateFormat ? `dateFormat "${dateFormat}"` : 'YYYY-MM-DD, or set dateFormat';
  const byFormat = (value: string): DateStr | DateProblem => readByFormat(value, dateFormat as string) ?? notADate(value, expected);

  const detect = (value: string): DateStr | DateProblem => {
    let m = ISO.exec(value);
    if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3])) ?? notADate(value, 'a real calendar date');
    m = YMD_SLASH.exec(value);
    if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3])) ?? notADate(value, 'a real calendar date');
    if (SERIAL.test(value)) return excelSerialToDate(Number(value));
    if (NUMERIC_DMY.test(value)) return { reason: `"${value}" could be day-first or month-first`, isAmbiguous: true };
    return notADate(value, expected);
  };

  const read = dateFormat ? byFormat : detect;
  // Answers kept by the value read (an ISO datetime's date part, a bad value seen again).
  const kept = (value: string): DateStr | DateProblem => {
    let hit = cache.get(value);
    if (hit === undefined) {
      hit = read(value);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(value, hit);
    }
    return hit;
  };

  // A date-time format: each value is another minute, but its date and its time repeat.
  const split = dateFormat ? splitAtTime(dateFormat) : null;
  if (split) {
    const readSplit = splitReader(split, kept);
    return (raw: string) => {
      const trimmed = raw.trim();
      return trimmed === '' ? { reason: 'the date is empty' } : readSplit(trimmed);
    };
  }
  // The common cell, an ISO date or datetime: its answer is kept by the date's digits as one
  // number, so a row costs no trimming, no pattern and no string made or hashed.
  const byDigits = new Map<number, DateStr | DateProblem>();
  return (raw: string) => {
    const digits = dateFormat ? -1 : isoDigits(raw);
    if (digits >= 0) {
      let hit = byDigits.get(digits);
      if (hit === undefined) {
        hit = read(raw.slice(0, 10));
        if (byDigits.size >= CACHE_LIMIT) byDigits.clear();
        byDigits.set(digits, hit);
      }
      return hit;
    }
    const trimmed = raw.trim();
    if (trimmed === '') return { reason: 'the date is empty' };
    // ISO datetimes differ on every row; their date part repeats, so it is the cache key.
    return kept(!dateFormat && trimmed.length > 10 && ISO.test(trimmed) ? trimmed.slice(0, 10) : trimmed);
  };
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * Reads a value of a split date-time format by its two parts, each read by date-fns with its part
 * of the format and kept (the date as read, the time as valid or not). A value both parts read
 * is its date; any other goes to `whole`, the format read whole (answers kept by value), which
 * then says why it is not a date (the answers agree: test/normalize/dates.test.ts reads values both ways).
 */
function splitReader(split: TimeSplit, whole: (value: string) => DateStr | DateProblem): (value: string) => DateStr | DateProblem {
  const dates = new Map<string, DateStr | null>();
  const times = new Map<string, boolean>();
  return (value) => {
    const at = value.indexOf(split.sep);
    // The date part ends with its last token's digits: date-fns would let it end with spaces.
    if (at < 0 || !isDigit(value.charCodeAt(at - 1))) return whole(value);
    const datePart = value.slice(0, at);
    let date = dates.get(datePart);
    if (date === undefined) {
      date = readByFormat(datePart, split.date);
      if (dates.size >= CACHE_LIMIT) dates.clear();
      dates.set(datePart, date);
    }
    if (date === null) return whole(value);
    const timePart = value.slice(at + split.sep.length);
    let isTime = times.get(timePart);
    if (isTime === undefined) {
      isTime = isValid(parse(timePart, split.time, REFERENCE_DATE));
      if (times.size >= CACHE_LIMIT) times.clear();
      times.set(timePart, isTime);
    }
    return isTime ? date : whole(value);
  };
}

/**
 * A cell that starts with YYYY-MM-DD followed by its end, `T` or a space (which `ISO` matches and
 * whose date part is the value read): its eight digits as the number YYYYMMDD; otherwise -1.
 */
export function isoDigits(raw: string): number {
  const n = raw.length;
  if (n < 10 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45) return -1;
  if (n > 10) {
    const next = raw.charCodeAt(10);
    if (next !== 84 && next !== 32) return -1;
  }
  let v = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
