import type { SourceConfig } from '../config/schema.js';
import type { DateStr, StageId } from '../engine/model.js';
import type { RawRecord } from '../ingest/types.js';
import { compileCondition, type Test } from './conditions.js';
import { AmbiguousDateError, compileDateParser, type DateParser } from './dates.js';
import type { SeenIds } from './id-set.js';
import type { RepId, RepResolver } from './reps.js';
import { spreadCount, tallySpan, type TallyDays } from './tally-days.js';

/** Reads one column's text from a record; '' when absent. */
export type Getter = (record: RawRecord) => string;

/** Finds a column by name; throws when the file has no such column. `key` is the config key naming it. */
export type ColumnResolver = (name: string, key: string) => Getter;

/** A row that cannot be used, and why. */
export interface Rejection {
  code: 'NO_REP' | 'BAD_DATE' | 'BAD_COUNT';
  field: string;
  value: string;
  reason: string;
}

/** `total`: a totals row of a hand-kept sheet (`TOTALS`, `Grand total`), ignored: its counts are the other rows'. */
export type RowResult = 'used' | 'ignored' | 'total' | Rejection;

// `TOTALS`, `Total`, `Grand total`, `Subtotal`, `Sum` — alone in a cell, or starting it (`Total (12 records)`).
const TOTAL = /^\s*(?:grand\s+|sub-?)?totals?\b|^\s*sum\s*$/i;

/** A totals row: the rep cell says so, or it is empty and another cell does. */
export function isTotalRow(record: RawRecord, rep: string): boolean {
  if (TOTAL.test(rep)) return true;
  if (rep.trim() !== '') return false;
  const cells = Array.isArray(record) ? record : Object.values(record);
  return cells.some((c) => typeof c === 'string' && TOTAL.test(c));
}

/** Receives the events of used rows. */
export interface EventSink {
  /** `created`: the date the deal was created, where the source maps one and it reads as a date. */
  event(rep: RepId, stage: StageId, date: DateStr, count: number, created: DateStr | null): void;
}

/**
 * State shared by every source of a run: rep names and the (id, stage) pairs already counted.
 * Deduplication must remember every id it has seen: memory grows with the number of distinct
 * ids (sources without an id column use none), 13 to 26 bytes per numeric id (see SeenIds).
 */
export interface RunState {
  reps: RepResolver;
  seen: SeenIds;
  duplicates: number;
  /** Where weekly tally counts are spread (working days up to as-of); absent: on the row's date. */
  tallyDays?: TallyDays | null;
}

interface CompiledRule {
  stage: StageId;
  /** The stage's number in `state.seen`. */
  stageNo: number;
  /** Another rule of the source emits the same stage. */
  hasAlternatives: boolean;
  tests: { get: Getter; test: Test }[];
  dateColumn: string;
  getDate: Getter;
  /** The deal's creation date, for the sales cycle; null when the source maps none. */
  getCreated: Getter | null;
}

/**
 * Compiles a source's mapping against a file's columns, once; the returned function maps one
 * record to events (through `sink`) or a rejection, and never throws on bad data.
 */
export function compileSource(
  src: SourceConfig,
  keyPrefix: string,
  column: ColumnResolver,
  state: RunState,
  sink: EventSink,
): (record: RawRecord) => RowResult {
  const repColumn = src.columns.rep as string;
  const getRep = column(repColumn, `${keyPrefix}.columns.rep`);
  const parseDate = compileDateParser(src.dateFormat);
  const readCreated = compileDateParser(src.dateFormat);
  // A created date only informs the sales cycle: blank, invalid or ambiguous, the row is still used.
  const createdDate = (raw: string): DateStr | null => {
    try {
      const date = readCreated(raw);
      return typeof date === 'string' ? date : null;
    } catch (err) {
      if (err instanceof AmbiguousDateError) return null;
      throw err;
    }
  };
  return src.shape === 'tallies'
    ? compileTallies(src, keyPrefix, column, state, sink, repColumn, getRep, parseDate)
    : compileEvents(src, keyPrefix, column, state, sink, repColumn, getRep, parseDate, createdDate);
}

function compileEvents(
  src: SourceConfig,
  keyPrefix: string,
  column: ColumnResolver,
  state: RunState,
  sink: EventSink,
  repColumn: string,
  getRep: Getter,
  parseDate: DateParser,
  createdDate: (raw: string) => DateStr | null,
): (record: RawRecord) => RowResult {
  const getId = src.columns.id ? column(src.columns.id, `${keyPrefix}.columns.id`) : null;
  const defaultDate = src.columns.date ? column(src.columns.date, `${keyPrefix}.columns.date`) : null;
  const defaultCreated = src.columns.created ? column(src.columns.created, `${keyPrefix}.columns.created`) : null;
  const rules: CompiledRule[] = (src.rules ?? []).map((rule, i) => {
    const tests = Object.entries(rule.when).map(([col, cond]) => ({
      get: column(col, `${keyPrefix}.rules[${i}].when`),
      test: compileCondition(cond as Parameters<typeof compileCondition>[0]),
    }));
    const dateColumn = rule.date ?? (src.columns.date as string);
    const getDate = rule.date ? column(rule.date, `${keyPrefix}.rules[${i}].date`) : (defaultDate as Getter);
    const hasAlternatives = (src.rules ?? []).some((other, j) => j !== i && other.stage === rule.stage);
    const getCreated = rule.created ? column(rule.created, `${keyPrefix}.rules[${i}].created`) : defaultCreated;
    return { stage: rule.stage, stageNo: state.seen.stage(rule.stage), hasAlternatives, tests, dateColumn, getDate, getCreated };
  });
  // Reused across rows: the per-row path allocates only for events and rejections.
  const matched: CompiledRule[] = [];
  const dates: DateStr[] = [];

  return (record) => {
    matched.length = 0;
    for (const rule of rules) {
      // Several rules for one stage are alternatives: the first that matches gives the event.
      if (rule.hasAlternatives && matched.some((m) => m.stage === rule.stage)) continue;
      let ok = true;
      for (const t of rule.tests) {
        if (!t.test(t.get(record))) {
          ok = false;
          break;
        }
      }
      if (ok) matched.push(rule);
    }
    if (matched.length === 0) return 'ignored';

    const repRaw = getRep(record);
    const rep = state.reps.resolve(repRaw);
    if (!rep || TOTAL.test(repRaw)) {
      if (isTotalRow(record, repRaw)) return 'total';
      if (!rep) return { code: 'NO_REP', field: repColumn, value: repRaw, reason: `no rep: column "${repColumn}" is empty` };
    }
    dates.length = 0;
    for (const rule of matched) {
      const raw = rule.getDate(record);
      const date = parseDate(raw);
      if (typeof date !== 'string') {
        return { code: 'BAD_DATE', field: rule.dateColumn, value: raw, reason: `${date.reason} in column "${rule.dateColumn}"` };
      }
      dates.push(date);
    }

    // Ids are compared as trimmed text; a blank id is no id and is never deduplicated.
    const id = getId ? getId(record).trim() : '';
    for (let i = 0; i < matched.length; i++) {
      const rule = matched[i];
      if (id !== '' && !state.seen.add(id, rule.stageNo)) {
        state.duplicates++;
        continue;
      }
      sink.event(rep, rule.stage, dates[i], 1, rule.getCreated ? createdDate(rule.getCreated(record)) : null);
    }
    return 'used';
  };
}

const COUNT = /^\d+(?:\.0+)?$/;

function compileTallies(
  src: SourceConfig,
  keyPrefix: string,
  column: ColumnResolver,
  state: RunState,
  sink: EventSink,
  repColumn: string,
  getRep: Getter,
  parseDate: DateParser,
): (record: RawRecord) => RowResult {
  const dateColumn = src.columns.date as string;
  const getDate = column(dateColumn, `${keyPrefix}.columns.date`);
  const counts = Object.entries(src.counts ?? {}).map(([stage, col]) => ({
    stage,
    col,
    get: column(col, `${keyPrefix}.counts.${stage}`),
  }));
  const values: number[] = [];
  const span = tallySpan(dateColumn);

  return (record) => {
    // A blank cell means "not recorded", not 0; a row of blanks and zeros matches nothing.
    let invalid: Rejection | null = null;
    let any = false;
    values.length = 0;
    for (const c of counts) {
      const raw = c.get(record).trim();
      if (raw === '') {
        values.push(0);
        continue;
      }
      if (!COUNT.test(raw)) {
        invalid ??= {
          code: 'BAD_COUNT',
          field: c.col,
          value: raw,
          reason: `"${raw}" in column "${c.col}" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded`,
        };
        any = true;
        values.push(0);
        continue;
      }
      const n = Number(raw);
      if (n > 0) any = true;
      values.push(n);
    }
    const repRaw = getRep(record);
    if (isTotalRow(record, repRaw)) return 'total';
    if (!any) return 'ignored';
    const rep = state.reps.resolve(repRaw);
    if (!rep) return { code: 'NO_REP', field: repColumn, value: repRaw, reason: `no rep: column "${repColumn}" is empty` };
    if (invalid) return invalid;
    const rawDate = getDate(record);
    const date = parseDate(rawDate);
    if (typeof date !== 'string') {
      return { code: 'BAD_DATE', field: dateColumn, value: rawDate, reason: `${date.reason} in column "${dateColumn}"` };
    }
    for (let i = 0; i < counts.length; i++) {
      if (values[i] === 0) continue;
      // A week's count is spread over its working days, so pace, periods and idle days see a week.
      for (const [day, n] of spreadCount(date, values[i], span, state.tallyDays ?? null)) sink.event(rep, counts[i].stage, day, n, null);
    }
    return 'used';
  };
}
