import { daysInMonth } from '../engine/dates.js';
import type { DateStr } from '../engine/model.js';
import { FunnelError } from '../errors.js';
import type { RawRecord } from '../ingest/types.js';
import type { DateReading } from './mapping.js';
import type { Getter } from './source.js';

// Per-file, per-column date detection. Numeric day/month dates (1/5/2026, 05.01.2026 14:30,
// 05-01-2026) cannot be read without knowing which part is the day: it is decided once per
// column, before any row is mapped, from records read ahead (DateSample: the first
// DATE_SAMPLE records, and later ones that settle a column still open):
//   - a first part above 12 somewhere → day-first; a second part above 12 → month-first;
//   - both → the column mixes the two, an error;
//   - neither, and every such date written with dots (05.01.2026) → day-first: dotted dates are
//     a day-first convention (DE, AT, CH, RU, PL …);
//   - otherwise the file decides: a value above 12 in any date column written with the same
//     separator settles the order for every such column (a Close Date of 3/28/2025 settles a
//     Created Date of 3/4/2025);
//   - then the command line's --day-first / --month-first / --date-format;
//   - otherwise the column is undecidable: an error for this file (FileDates.problems), naming
//     the dateFormat that fits its values.
// The decision is part of the mapping (DateReading); the row function's date reader follows it
// (src/normalize/date-read.ts). ISO dates and Excel serials need no detection; they are only labelled.

/** How many records of a file are looked at to decide its date formats. */
export const DATE_SAMPLE = 1000;
/**
 * How far reading ahead goes while a column still has only dates like 03/04/2026 (a large
 * export sorted by date can start with weeks of days up to 12).
 */
export const DATE_SAMPLE_MAX = 50_000;

/** A record of the sample, with the line it was read at. */
export interface SampledRecord {
  record: RawRecord;
  line: number;
}

interface OrderEvidence {
  isDayFirstSeen: boolean;
  isMonthFirstSeen: boolean;
  isDotsOnly: boolean;
  /** Separator of the column's first numeric date. */
  sep: string;
}

/**
 * The records date formats are decided from: the first DATE_SAMPLE records, then, while some
 * column's day/month order is still open, the later records that settle it (up to
 * DATE_SAMPLE_MAX read). Columns are not known yet (the mapping comes from the header), so
 * every cell is looked at.
 */
export class DateSample {
  readonly records: SampledRecord[] = [];
  private seen = 0;
  private readonly evidence = new Map<string, OrderEvidence>();
  /** Separators for which some column of the file has a part above 12: they settle the file. */
  private readonly settled = new Set<string>();

  /** Takes one record; false once enough has been read. */
  readonly take = (record: RawRecord, line: number): boolean => {
    let isKept = this.seen < DATE_SAMPLE;
    this.seen++;
    forEachCell(record, '', (key, value) => {
      const p = numericParts(value.trim());
      if (!p) return;
      let e = this.evidence.get(key);
      if (!e) this.evidence.set(key, (e = { isDayFirstSeen: false, isMonthFirstSeen: false, isDotsOnly: true, sep: p.sep }));
      if (p.sep !== '.') e.isDotsOnly = false;
      if (p.first > 12 && !e.isDayFirstSeen) isKept = e.isDayFirstSeen = true;
      if (p.second > 12 && !e.isMonthFirstSeen) isKept = e.isMonthFirstSeen = true;
      if (p.first > 12 || p.second > 12) this.settled.add(p.sep);
    });
    if (isKept) this.records.push({ record, line });
    if (this.seen < DATE_SAMPLE) return true;
    if (this.seen >= DATE_SAMPLE_MAX) return false;
    for (const e of this.evidence.values()) {
      if (!e.isDayFirstSeen && !e.isMonthFirstSeen && !e.isDotsOnly && !this.settled.has(e.sep)) return true;
    }
    return false;
  };
}

/** Every text value of a record: CSV cells by position, JSON values by dot path. */
function forEachCell(record: unknown, prefix: string, f: (key: string, value: string) => void): void {
  if (Array.isArray(record)) {
    for (let i = 0; i < record.length; i++) if (typeof record[i] === 'string') f(String(i), record[i] as string);
    return;
  }
  if (record === null || typeof record !== 'object') return;
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === 'string') f(prefix + k, v);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) forEachCell(v, `${prefix}${k}.`, f);
  }
}

// Day/month/four-digit year with one separator, then an optional time (H:mm[:ss][ AM|PM]).
const NUMERIC_DATE = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:(?:[ T]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MINUTES = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$/;
const ISO_ANY = /^\d{4}-\d{2}-\d{2}T/;
const YMD_SLASH = /^\d{4}\/\d{1,2}\/\d{1,2}/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;

export type DayOrder = 'day-first' | 'month-first';

/** What the values of one column say about their format. */
export type ColumnDetection =
  /** Numeric day/month dates with a decided order; `format` in date-fns tokens. */
  | { kind: 'numeric'; order: DayOrder; format: string }
  /** Numeric day/month dates whose order the values do not tell; `formats` fit them in either order. */
  | { kind: 'ambiguous'; example: string; line: number; sep: string; formats: Record<DayOrder, string> }
  /** Both orders occur: one value has a day above 12 first, another second. */
  | { kind: 'conflict'; dayFirst: { value: string; line: number }; monthFirst: { value: string; line: number } }
  /** Dates that need no detection (ISO, Excel serials), or nothing recognisable. */
  | { kind: 'plain'; format: string | null };

interface NumericParts {
  first: number;
  second: number;
  year: number;
  sep: string;
  hour: number | null;
  minute: number;
  second_: number | null;
  ampm: string | null;
  isFirstPadded: boolean;
  isSecondPadded: boolean;
  isHourPadded: boolean;
}

function numericParts(value: string): NumericParts | null {
  const m = NUMERIC_DATE.exec(value);
  if (!m) return null;
  return {
    first: Number(m[1]),
    second: Number(m[3]),
    year: Number(m[4]),
    sep: m[2],
    hour: m[5] === undefined ? null : Number(m[5]),
    minute: m[6] === undefined ? 0 : Number(m[6]),
    second_: m[7] === undefined ? null : Number(m[7]),
    ampm: m[8] === undefined ? null : m[8].toLowerCase(),
    isFirstPadded: m[1].length === 2,
    isSecondPadded: m[3].length === 2,
    isHourPadded: m[5] !== undefined && m[5].length === 2,
  };
}

/** Decides the format of one column from its sampled values (empty values are skipped). */
export function detectColumn(values: { value: string; line: number }[]): ColumnDetection {
  const numeric: (NumericParts & { value: string; line: number })[] = [];
  let iso = 0;
  let isoMinutes = 0;
  let isoOther = 0;
  let ymdSlash = 0;
  let serial = 0;
  for (const { value: raw, line } of values) {
    const value = raw.trim();
    if (value === '') continue;
    const parts = numericParts(value);
    if (parts) numeric.push({ ...parts, value, line });
    else if (ISO_DATE.test(value)) iso++;
    else if (ISO_MINUTES.test(value)) isoMinutes++;
    else if (ISO_ANY.test(value)) isoOther++;
    else if (YMD_SLASH.test(value)) ymdSlash++;
    else if (SERIAL.test(value)) serial++;
  }
  if (numeric.length === 0) {
    const labels: [number, string][] = [
      [iso, 'yyyy-MM-dd'],
      [isoMinutes, 'yyyy-MM-dd HH:mm'],
      [isoOther, 'ISO 8601'],
      [ymdSlash, 'yyyy/MM/dd'],
      [serial, 'Excel serial'],
    ];
    const best = labels.reduce((a, b) => (b[0] > a[0] ? b : a));
    return { kind: 'plain', format: best[0] > 0 ? best[1] : null };
  }
  const dayFirst = numeric.find((p) => p.first > 12);
  const monthFirst = numeric.find((p) => p.second > 12);
  if (dayFirst && monthFirst) {
    return {
      kind: 'conflict',
      dayFirst: { value: dayFirst.value, line: dayFirst.line },
      monthFirst: { value: monthFirst.value, line: monthFirst.line },
    };
  }
  let order: DayOrder | null = dayFirst ? 'day-first' : monthFirst ? 'month-first' : null;
  if (!order && numeric.every((p) => p.sep === '.')) order = 'day-first';
  if (!order) {
    const formats = { 'day-first': formatLabel(numeric, 'day-first'), 'month-first': formatLabel(numeric, 'month-first') };
    return { kind: 'ambiguous', example: numeric[0].value, line: numeric[0].line, sep: numeric[0].sep, formats };
  }
  return { kind: 'numeric', order, format: formatLabel(numeric, order) };
}

/** The detected format in date-fns tokens, e.g. `dd.MM.yyyy HH:mm`; `[…]` marks a part some values lack. */
function formatLabel(values: NumericParts[], order: DayOrder): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v.sep, (counts.get(v.sep) ?? 0) + 1);
  const sep = [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const firstPadded = values.every((v) => v.isFirstPadded);
  const secondPadded = values.every((v) => v.isSecondPadded);
  const day = order === 'day-first' ? (firstPadded ? 'dd' : 'd') : secondPadded ? 'dd' : 'd';
  const month = order === 'day-first' ? (secondPadded ? 'MM' : 'M') : firstPadded ? 'MM' : 'M';
  const date = order === 'day-first' ? `${day}${sep}${month}${sep}yyyy` : `${month}${sep}${day}${sep}yyyy`;
  const timed = values.filter((v) => v.hour !== null);
  if (timed.length === 0) return date;
  const isAmPm = timed.some((v) => v.ampm !== null);
  const hour = isAmPm ? (timed.every((v) => v.isHourPadded) ? 'hh' : 'h') : timed.every((v) => v.isHourPadded) ? 'HH' : 'H';
  const time = `${hour}:mm${timed.every((v) => v.second_ !== null) ? ':ss' : ''}${isAmPm ? ' a' : ''}`;
  return timed.length === values.length ? `${date} ${time}` : `${date}[ ${time}]`;
}

/** `YYYY-MM-DD` of a numeric date in the given order, or null when it is not a real date and time. */
export function readNumericDate(value: string, order: DayOrder): DateStr | null {
  const p = numericParts(value.trim());
  if (!p) return null;
  const day = order === 'day-first' ? p.first : p.second;
  const month = order === 'day-first' ? p.second : p.first;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(p.year, month)) return null;
  if (p.year < 1900 || p.year > 2199) return null;
  if (p.hour !== null) {
    const maxHour = p.ampm ? 12 : 23;
    const minHour = p.ampm ? 1 : 0;
    if (p.hour < minHour || p.hour > maxHour || p.minute > 59 || (p.second_ ?? 0) > 59) return null;
  }
  return `${p.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * What the command line says about day/month order, for the date columns a file cannot settle
 * itself: `--day-first`, `--month-first`, or `--date-format FMT` (date-fns tokens).
 */
export type DateFallback = { order: DayOrder; flag: string } | { format: string; flag: string };

/** Options for one file's detection, from the source that maps it. */
export interface DetectionContext {
  /** The file as shown in messages. */
  file: string;
  /** Warnings of the file (FileMeta.warnings), where mangled ids are reported. */
  warnings: string[];
  /** Detected formats by column (FileMeta.dateFormats), filled in as date columns are decided. */
  formats: Record<string, string>;
  /** The command line's order or format for columns the file leaves open. */
  fallback?: DateFallback | null;
  /** The header of a sampled cell's key (a CSV column index); JSON keys are names already. */
  columnName?: (key: string) => string;
}

/** A numeric date of the sample whose day or month is above 12, as file-wide evidence. */
interface Evidence {
  column: string;
  value: string;
  line: number;
}

/** The fix for a column whose order nothing settles: the two `dateFormat`s that fit its values. */
function ambiguityHint(formats: Record<DayOrder, string>, file: string, sourceKey: string): string {
  // `[ HH:mm]` marks a time only some values have: no single dateFormat reads them all.
  const isFormat = !formats['month-first'].includes('[');
  const choice = isFormat ? `"${formats['month-first']}" (month-first) or "${formats['day-first']}" (day-first)` : null;
  const flags = '--month-first or --day-first';
  if (isConfigKey(sourceKey)) return choice ? `set ${sourceKey}.dateFormat to ${choice}, or pass ${flags}` : `pass ${flags}`;
  return `pass ${flags}${choice ? `, or run "funnel init ${file}" and set dateFormat to ${choice} on the source it writes` : ''}`;
}

/** `sources[2]` names a config source; `preset x` and `--preset x` do not. */
const isConfigKey = (key: string) => key.startsWith('sources[');

/**
 * One file's date formats. `decide()` is asked, once per date column of the mapping (the plan
 * stage names the roles), how that column's values are read: the source's dateFormat, the
 * day/month order detected from the sample (or given on the command line), or the plain reader.
 * Columns whose order nothing settles are collected for `problem()` (one error per file, raised
 * by the caller once the other files are read): their values are read as written, so their
 * day/month dates are rejected.
 */
export class FileDates {
  /** Columns whose order nothing settles, with an example and the formats that would fit. */
  private readonly undecided = new Map<string, { example: string; line: number; formats: Record<DayOrder, string>; sourceKey: string; isBoth: boolean }>();
  private conflict: FunnelError | null = null;
  private late: FunnelError | null = null;
  private isFallbackWarned = false;
  private fileEvidence: Map<string, Partial<Record<DayOrder, Evidence>>> | null = null;

  constructor(
    private sample: SampledRecord[] | null,
    private readonly ctx: DetectionContext,
  ) {}

  /** How many distinct non-blank values `get` reads from the sampled records; null without a sample. */
  sampleDistinct(get: Getter): number | null {
    if (!this.sample) return null;
    const values = new Set<string>();
    for (const { record } of this.sample) {
      const v = get(record).trim();
      if (v !== '') values.add(v);
    }
    return values.size;
  }

  /** The records read ahead (null: none, or let go), for a reader of the file's second part to decide as this one did. */
  sampled(): SampledRecord[] | null {
    return this.sample;
  }

  /**
   * Lets go of the sampled records once every date column is decided (the plan is made), so
   * they are garbage before the file is read rather than carried through it.
   */
  endSample(): void {
    this.sample = null;
  }

  /**
   * How one date column is read. `column` names it in messages (as the source names it,
   * trimmed); `get` reads it from a sampled record; `dateFormat` is the source's own (no
   * detection then); `sourceKey` names the source in errors. The format is recorded in
   * `formats`, a problem for `problem()`.
   */
  decide(column: string, get: Getter, opts: { dateFormat?: string; sourceKey: string }): DateReading {
    if (opts.dateFormat) {
      this.ctx.formats[column] = opts.dateFormat;
      return { kind: 'format', format: opts.dateFormat };
    }
    const detection = this.sample ? detectColumn(this.sample.map((s) => ({ value: get(s.record), line: s.line }))) : null;
    if (!detection) return AUTO;
    const sourceKey = opts.sourceKey;
    const fallback = this.ctx.fallback ?? null;
    if (detection.kind === 'conflict') {
      if (fallback && 'format' in fallback) return this.byFlag(column, fallback);
      const { dayFirst: d, monthFirst: m } = detection;
      this.ctx.formats[column] = 'mixed day-first and month-first';
      this.conflict ??= new FunnelError(
        'AMBIGUOUS_DATES',
        `column "${column}" mixes day-first dates ("${d.value}", line ${d.line}) and month-first dates ("${m.value}", line ${m.line})`,
        {
          where: { file: this.ctx.file, key: isConfigKey(sourceKey) ? `${sourceKey}.dateFormat` : undefined },
          hint: `${isConfigKey(sourceKey) ? `set ${sourceKey}.dateFormat` : 'pass --date-format FMT'} to the format most rows use (date-fns tokens, e.g. dd/MM/yyyy); rows in the other format are then rejected`,
        },
      );
      return AUTO;
    }
    if (detection.kind === 'plain') {
      if (detection.format) this.ctx.formats[column] = detection.format;
      return AUTO;
    }
    if (detection.kind === 'numeric') {
      this.checkFallback(column, detection.order);
      return this.dayMonth(column, detection.order, detection.format);
    }
    // The column cannot tell: the file's other date columns written the same way can.
    const evidence = this.evidenceFor(detection.sep);
    const orders = Object.keys(evidence) as DayOrder[];
    if (orders.length === 1) {
      this.checkFallback(evidence[orders[0]]!.column, orders[0]);
      return this.dayMonth(column, orders[0], detection.formats[orders[0]]);
    }
    if (fallback && 'order' in fallback) return this.dayMonth(column, fallback.order, detection.formats[fallback.order]);
    if (fallback) return this.byFlag(column, fallback);
    this.ctx.formats[column] = 'ambiguous';
    if (!this.undecided.has(column)) {
      const { example, line, formats } = detection;
      this.undecided.set(column, { example, line, formats, sourceKey, isBoth: orders.length === 2 });
    }
    return AUTO;
  }

  /**
   * Day-first and month-first evidence from every cell of the sample, by separator: a value
   * whose first part is above 12 (and that reads as a real date that way), or whose second is.
   */
  private evidenceFor(sep: string): Partial<Record<DayOrder, Evidence>> {
    if (!this.fileEvidence) {
      this.fileEvidence = new Map();
      for (const { record, line } of this.sample ?? []) {
        forEachCell(record, '', (key, raw) => {
          const value = raw.trim();
          const p = numericParts(value);
          if (!p || (p.first <= 12 && p.second <= 12)) return;
          const order: DayOrder = p.first > 12 ? 'day-first' : 'month-first';
          if (readNumericDate(value, order) === null) return;
          let e = this.fileEvidence!.get(p.sep);
          if (!e) this.fileEvidence!.set(p.sep, (e = {}));
          e[order] ??= { column: this.ctx.columnName?.(key) ?? key, value, line };
        });
      }
    }
    return this.fileEvidence.get(sep) ?? {};
  }

  /** Records a date the sample did not show that could be read either way (`key` names the mapping). */
  lateAmbiguity(value: string, line: number, key: string | null): void {
    if (this.undecided.size > 0 || this.conflict || this.late) return;
    const isConfig = key !== null && isConfigKey(key);
    this.late = new FunnelError('AMBIGUOUS_DATES', `dates like "${value}" (line ${line}) could be day-first or month-first`, {
      where: { file: this.ctx.file, key: isConfig ? `${key}.dateFormat` : undefined },
      hint: isConfig
        ? `set ${key}.dateFormat, e.g. dateFormat: dd/MM/yyyy or dateFormat: MM/dd/yyyy (date-fns tokens), or pass --month-first or --day-first`
        : `pass --month-first or --day-first, or run "funnel init ${this.ctx.file}" and set dateFormat on the source it writes`,
    });
  }

  /**
   * Why this file's dates cannot be read, as one error (every undecidable column named), or null.
   * Rows with such dates are rejected by the date reader; the caller decides whether to stop.
   */
  problem(): FunnelError | null {
    if (this.conflict) return this.conflict;
    if (this.undecided.size === 0) return this.late;
    const [[column, first], ...rest] = [...this.undecided];
    const columns = rest.length === 0 ? `column "${column}"` : `columns ${[column, ...rest.map(([c]) => c)].map((c) => JSON.stringify(c)).join(', ')}`;
    const why = first.isBoth ? ' (other date columns have both orders)' : ', and no other date in the file tells';
    return new FunnelError('AMBIGUOUS_DATES', `dates like "${first.example}" in ${columns} (line ${first.line}) could be day-first or month-first${why}`, {
      where: { file: this.ctx.file, key: isConfigKey(first.sourceKey) ? `${first.sourceKey}.dateFormat` : undefined },
      hint: ambiguityHint(first.formats, this.ctx.file, first.sourceKey),
    });
  }

  /** Warns once when the file's own dates contradict --day-first / --month-first. */
  private checkFallback(column: string, order: DayOrder): void {
    const fallback = this.ctx.fallback;
    if (this.isFallbackWarned || !fallback || !('order' in fallback) || fallback.order === order) return;
    this.isFallbackWarned = true;
    this.ctx.warnings.push(`${fallback.flag} is not used for this file: its own dates are ${order} (column "${column}" tells)`);
  }

  /** Numeric dates read in `order`; the format is reported. */
  private dayMonth(column: string, order: DayOrder, format: string): DateReading {
    this.ctx.formats[column] = format;
    const fb = this.ctx.fallback;
    // A --date-format that spells the detected format is named as given rather than detected.
    const given = fb && 'format' in fb && fb.format === format ? fb.flag : undefined;
    return given ? { kind: 'day-month', order, label: format, given } : { kind: 'day-month', order, label: format };
  }

  /** A column read with the command line's --date-format. */
  private byFlag(column: string, fallback: { format: string; flag: string }): DateReading {
    this.ctx.formats[column] = fallback.format;
    return { kind: 'flag-format', format: fallback.format, flag: fallback.flag };
  }
}

const AUTO: DateReading = { kind: 'auto' };
