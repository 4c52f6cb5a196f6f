// Cell values as text: dates from serial numbers and number formats, booleans, stored text.

/**
 * A cell value as text, as the sheet shows it: numbers with a date format as `yyyy-MM-dd`
 * (with ` HH:mm[:ss]` when they have a time of day; see dateText for times alone), other numbers
 * in full without their number format, booleans as TRUE/FALSE, text as it is.
 */
export function cellText(value: string | number | boolean | null | undefined, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Number.isNaN(value)) return '';
  const kind = dateKind(numFmt);
  if (kind) return serialText(value, kind, date1904);
  // Excel keeps 15 significant digits: a larger whole number is an id it has already cut
  // short. Written in scientific notation (5.8050280000439E+18), as Excel shows it, not as an
  // exact-looking number.
  if (Number.isInteger(value) && Math.abs(value) >= 1e15) return value.toExponential().toUpperCase();
  return String(value);
}

/**
 * A `t="d"` cell (an ISO 8601 date, time or both, rare: Excel writes serials) as cellText
 * writes dates: `yyyy-MM-dd[ HH:mm[:ss]]`, or `HH:mm:ss` for a time alone; as it stands when
 * it is not a date.
 */
export function isoDateText(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})?(?:T?(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m || (!m[1] && !m[2])) return value;
  const [, date, hh, mm, ss] = m;
  if (!date) return `${hh}:${mm}:${ss ?? '00'}`;
  if (!hh || (hh === '00' && mm === '00' && (ss ?? '00') === '00')) return date;
  return ss && ss !== '00' ? `${date} ${hh}:${mm}:${ss}` : `${date} ${hh}:${mm}`;
}

/**
 * Text as the format stores it (ST_Xstring): `_xHHHH_` is the character HHHH (Excel writes a
 * carriage return as `_x000D_`), and `_x005F_` escapes a literal underscore before `x`.
 */
export function xstring(text: string): string {
  return text.indexOf('_x') < 0 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The built-in number formats (ECMA-376 18.8.30) that matter here, by numFmtId: dates, times
 * and durations; others read as General. 27–36 and 50–58 are East Asian locale date formats,
 * whose codes vary by locale: read as dates, 32 and 33 as times.
 */
export const BUILTIN_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  ...Object.fromEntries([27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58].map((id) => [id, 'yyyy-mm-dd'])),
  32: 'h:mm:ss',
  33: 'h:mm:ss',
};

/** The format's tokens: without quoted text and [colour], [$-locale] or [h] parts. */
const bareFormat = (numFmt: string) => numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');

/** True for a number format that shows a date or time. */
export function isDateFormat(numFmt: string | undefined): boolean {
  return numFmt ? /[ymdhMsb]/.test(bareFormat(numFmt)) : false;
}

/** How a date format shows a serial: a date (and time), a time of day, or a duration. */
export type DateKind = 'date' | 'time' | 'elapsed';

/** The kind of a number format that isDateFormat accepts; null for the others. */
export function dateKind(numFmt: string | undefined): DateKind | null {
  if (!numFmt || !isDateFormat(numFmt)) return null;
  // An elapsed-time format: `[h]:mm`, `[mm]:ss`.
  if (/\[(?:h+|m+|s+)\]/i.test(numFmt)) return 'elapsed';
  // A time only: h, m, s, and no day or year.
  const bare = bareFormat(numFmt);
  return !/[yd]/i.test(bare) && /[hs]/i.test(bare) ? 'time' : 'date';
}

// Excel serials count days from 1899-12-30 (1900 system) or 1904-01-01 (1904 system).
const EPOCH_1900 = Date.UTC(1899, 11, 30) / 1000;
const EPOCH_1904 = Date.UTC(1904, 0, 1) / 1000;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `yyyy-MM-dd` of each day seen (days since 1970): a column of dates repeats its days. */
const days = new Map<number, string>();

function dayText(day: number): string {
  let text = days.get(day);
  if (text === undefined) {
    const d = new Date(day * 86_400_000);
    text = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (days.size < 100_000) days.set(day, text);
  }
  return text;
}

/**
 * A serial as `yyyy-MM-dd[ HH:mm[:ss]]`, to the nearest second as Excel shows times; the
 * calendar date of the serial, whatever the machine's time zone. A time of day with no date (a
 * serial below 1 in a time format) gives `HH:mm:ss`, and an elapsed-time format (`[h]:mm`) the
 * duration, hours counted past 24. A date shown with a time-only format keeps its date: it is
 * data the row may need.
 */
export function serialText(serial: number, kind: DateKind, date1904: boolean): string {
  return serialMsText(Math.round(serial * 86_400_000), kind, date1904);
}

// The text given last: a row's dates often repeat one another (created and done at once).
let lastMs = NaN;
let lastKind: DateKind = 'date';
let lastIs1904 = false;
let lastText = '';

/** `HH:mm` of each minute of a day, made when first needed. */
const minutes: string[] = [];

/** serialText of a serial whose milliseconds (`Math.round(serial * 86_400_000)`) are given. */
export function serialMsText(serialMs: number, kind: DateKind, date1904: boolean): string {
  if (serialMs === lastMs && kind === lastKind && date1904 === lastIs1904) return lastText;
  const text = msText(serialMs, kind, date1904);
  lastMs = serialMs;
  lastKind = kind;
  lastIs1904 = date1904;
  lastText = text;
  return text;
}

function msText(serialMs: number, kind: DateKind, date1904: boolean): string {
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  const ms = epoch * 1000 + serialMs;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '';
  const secs = Math.round(ms / 1000);
  const sinceEpoch = secs - epoch;
  if (kind === 'elapsed' || (kind === 'time' && sinceEpoch >= 0 && sinceEpoch < 86_400)) {
    return `${pad(Math.floor(sinceEpoch / 3600))}:${pad(Math.floor(sinceEpoch / 60) % 60)}:${pad(sinceEpoch % 60)}`;
  }
  const day = Math.floor(secs / 86_400);
  const ofDay = secs - day * 86_400;
  const date = dayText(day);
  if (ofDay === 0) return date;
  const ss = ofDay % 60;
  if (ss === 0) {
    const minute = ofDay / 60;
    return `${date} ${minutes[minute] ?? (minutes[minute] = `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`)}`;
  }
  const hh = Math.floor(ofDay / 3600);
  const mm = Math.floor(ofDay / 60) % 60;
  return `${date} ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}
