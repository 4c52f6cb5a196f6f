import type { SourceConfig } from '../config/schema.js';
import type { DateStr, StageId } from '../engine/model.js';
import type { RawRecord } from '../ingest/types.js';
import { compileMappedCondition, type Test } from './conditions.js';
import { compileDateReader, type DateReader } from './date-read.js';
import type { SeenIds } from './id-set.js';
import { sourceMapping, type MappedColumn, type SourceMapping } from './mapping.js';
import type { RepId, RepResolver } from './reps.js';
import { spreadCount, type TallyDays } from './tally-days.js';

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
  /**
   * A day/month date the file's detection left open (the sample did not show it): the file
   * cannot be read until its order is known, which the pipeline records as the file's problem.
   */
  isAmbiguous?: true;
}

/** One event of a mapped row. */
export interface RowEvent {
  stage: StageId;
  /** The stage's number in `RunState.seen`. */
  stageNo: number;
  date: DateStr;
  count: number;
  /** The date the deal was created, where the source maps one and it reads as a date. */
  created: DateStr | null;
}

/** A row that maps to events: its rep, its id ('' when none: never deduplicated) and its events. */
export interface MappedRow {
  rep: RepId;
  id: string;
  events: RowEvent[];
}

/**
 * What the map stage makes of one record: events, `ignored` (no rule matched), `total` (a totals
 * row of a hand-kept sheet, `TOTALS`, `Grand total`: its counts are the other rows'), or a rejection.
 */
export type MapResult = MappedRow | 'ignored' | 'total' | Rejection;

/** A record's outcome once its events are counted. */
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
  /**
   * `created`: the date the deal was created, where the source maps one and it reads as a date;
   * `stageNo`: the stage's number in `RunState.seen`, or -1 (a tallies row's events have none).
   */
  event(rep: RepId, stage: StageId, date: DateStr, count: number, created: DateStr | null, stageNo: number): void;
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

/** What a mapping is compiled against: the file's columns, and the run's reps, stages and calendar. */
export interface CompileContext {
  /** The getter of a mapped column (its data spelling was found when the mapping was built). */
  getter: (column: MappedColumn) => Getter;
  state: RunState;
}

/**
 * Compiles a SourceMapping into the row function, once: it maps one record to its events or
 * says why not, and never throws on bad data. The MappedRow it returns is reused by the next
 * call (the per-row path allocates only for rejections); read it before mapping another record.
 */
export function compileMapping(m: SourceMapping, ctx: CompileContext): (record: RawRecord) => MapResult {
  const readers = new Map<string, DateReader>();
  const reader = (c: MappedColumn): DateReader => {
    const key = `${c.name}\u0000${c.column}`;
    let r = readers.get(key);
    if (!r) readers.set(key, (r = compileDateReader(m.dates[c.column] ?? { kind: 'auto' }, c)));
    return r;
  };
  return m.shape === 'tallies' ? compileTallies(m, ctx, reader) : compileEvents(m, ctx, reader);
}

interface CompiledRule {
  stage: StageId;
  stageNo: number;
  isAlternative: boolean;
  tests: { get: Getter; test: Test }[];
  getDate: Getter;
  readDate: DateReader;
  /** The deal's creation date, for the sales cycle; null when the source maps none. */
  getCreated: Getter | null;
  readCreated: DateReader | null;
}

const noRep = (rep: MappedColumn, value: string): Rejection => ({ code: 'NO_REP', field: rep.name, value, reason: `no rep: column "${rep.name}" is empty` });

function badDate(f: { field: string; value: string; reason: string; isAmbiguous: boolean }): Rejection {
  const r: Rejection = { code: 'BAD_DATE', field: f.field, value: f.value, reason: f.reason };
  if (f.isAmbiguous) r.isAmbiguous = true;
  return r;
}

function compileEvents(m: SourceMapping, ctx: CompileContext, reader: (c: MappedColumn) => DateReader): (record: RawRecord) => MapResult {
  const { state } = ctx;
  const getRep = ctx.getter(m.rep);
  const getId = m.id ? ctx.getter(m.id) : null;
  const rules: CompiledRule[] = m.rules.map((rule) => ({
    stage: rule.stage,
    stageNo: state.seen.stage(rule.stage),
    isAlternative: rule.isAlternative,
    tests: rule.when.map((w) => ({ get: ctx.getter(w.column), test: compileMappedCondition(w.condition) })),
    getDate: ctx.getter(rule.date),
    readDate: reader(rule.date),
    getCreated: rule.created ? ctx.getter(rule.created) : null,
    readCreated: rule.created ? reader(rule.created) : null,
  }));
  // Reused across rows: the per-row path allocates only for rejections. The rules matched are the
  // first `n` of `matched`; a row's n events are `lists[n]`, the first n of `pool` (no array
  // length is set per row: V8 does that in its runtime, about 2 % of a report's CPU).
  const matched: CompiledRule[] = [];
  const pool: RowEvent[] = [];
  const lists: RowEvent[][] = [];
  const row: MappedRow = { rep: { key: '', name: '' }, id: '', events: [] };
  const eventsOf = (n: number): RowEvent[] => {
    for (let i = pool.length; i < n; i++) pool.push({ stage: '', stageNo: 0, date: '' as DateStr, count: 1, created: null });
    return (lists[n] ??= pool.slice(0, n));
  };

  /** The rules `record` matches, as the first n of `matched`: n. */
  const match = (record: RawRecord): number => {
    let n = 0;
    for (const rule of rules) {
      // Several rules for one stage are alternatives: the first that matches gives the event.
      if (rule.isAlternative && isStageIn(matched, n, rule.stage)) continue;
      let ok = true;
      for (const t of rule.tests) {
        if (!t.test(t.get(record))) {
          ok = false;
          break;
        }
      }
      if (ok) matched[n++] = rule;
    }
    return n;
  };
  const known = knownMatches(m, ctx, (record) => matched.slice(0, match(record)));

  return (record) => {
    // A row like one seen before takes its rules from there; any other is matched rule by rule.
    const hit = known === null ? null : known(record);
    const rulesOf = hit ?? matched;
    const n = hit !== null ? hit.length : match(record);
    if (n === 0) return 'ignored';

    const repRaw = getRep(record);
    const rep = state.reps.resolve(repRaw);
    if (!rep || TOTAL.test(repRaw)) {
      if (isTotalRow(record, repRaw)) return 'total';
      if (!rep) return noRep(m.rep, repRaw);
    }
    const events = eventsOf(n);
    for (let i = 0; i < n; i++) {
      const rule = rulesOf[i];
      const date = rule.readDate(rule.getDate(record));
      if (typeof date !== 'string') return badDate(date);
      const ev = events[i];
      ev.stage = rule.stage;
      ev.stageNo = rule.stageNo;
      ev.date = date;
      ev.count = 1;
      ev.created = null;
    }
    row.events = events;
    // A created date only informs the sales cycle: blank, invalid or ambiguous, the row is still used.
    for (let i = 0; i < n; i++) {
      const rule = rulesOf[i];
      if (!rule.getCreated || !rule.readCreated) continue;
      const created = rule.readCreated(rule.getCreated(record));
      events[i].created = typeof created === 'string' ? created : null;
    }
    row.rep = rep as RepId;
    // Ids are compared as trimmed text; a blank id is no id and is never deduplicated.
    row.id = getId ? getId(record).trim() : '';
    return row;
  };
}

// Rows like one seen before: which rules a row matches depends only on the text of the columns
// the rules test, and in an export those hold few distinct values (types, directions, outcomes).
// Each such value gets a number per column; the numbers of a row's values make one key, under
// which the rules matched are kept. A row then costs a look-up per tested column and one for the
// key, not one per test. Bounded: a column of more distinct or longer values, more combinations,
// or more tested columns than these, and the rows concerned are matched rule by rule.
const KNOWN_COLUMNS = 6;
const KNOWN_VALUES = 255;
const KNOWN_VALUE_LENGTH = 256;
const KNOWN_ROWS = 4096;

/**
 * The rules matched by a row like one seen before (null: not known, match it rule by rule), or
 * null when the source's rules test no column or too many. `matchAll` matches a row rule by rule.
 */
function knownMatches(m: SourceMapping, ctx: CompileContext, matchAll: (record: RawRecord) => CompiledRule[]): ((record: RawRecord) => CompiledRule[] | null) | null {
  const byColumn = new Map<string, MappedColumn>();
  for (const rule of m.rules) for (const w of rule.when) if (!byColumn.has(w.column.column)) byColumn.set(w.column.column, w.column);
  if (byColumn.size === 0 || byColumn.size > KNOWN_COLUMNS) return null;
  const getters = [...byColumn.values()].map((c) => ctx.getter(c));
  const numbers = getters.map(() => new Map<string, number>());
  const rows = new Map<number, CompiledRule[]>();
  return (record) => {
    let key = 0;
    for (let j = 0; j < getters.length; j++) {
      const value = getters[j](record);
      const ids = numbers[j];
      let id = ids.get(value);
      if (id === undefined) {
        if (ids.size >= KNOWN_VALUES || value.length > KNOWN_VALUE_LENGTH) return null;
        id = ids.size;
        ids.set(value, id);
      }
      key = key * (KNOWN_VALUES + 1) + id;
    }
    let hit = rows.get(key);
    if (hit === undefined) {
      if (rows.size >= KNOWN_ROWS) return null;
      hit = matchAll(record);
      rows.set(key, hit);
    }
    return hit;
  };
}

/** Whether one of the first `n` rules matched gives `stage`. */
function isStageIn(matched: CompiledRule[], n: number, stage: StageId): boolean {
  for (let i = 0; i < n; i++) if (matched[i].stage === stage) return true;
  return false;
}

const COUNT = /^\d+(?:\.0+)?$/;

function compileTallies(m: SourceMapping, ctx: CompileContext, reader: (c: MappedColumn) => DateReader): (record: RawRecord) => MapResult {
  const { state } = ctx;
  const getRep = ctx.getter(m.rep);
  const dateColumn = m.date as MappedColumn;
  const getDate = ctx.getter(dateColumn);
  const readDate = reader(dateColumn);
  const counts = m.counts.map((c) => ({ stage: c.stage, name: c.column.name, get: ctx.getter(c.column) }));
  const values: number[] = [];
  const row: MappedRow = { rep: { key: '', name: '' }, id: '', events: [] };

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
          field: c.name,
          value: raw,
          reason: `"${raw}" in column "${c.name}" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded`,
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
    if (!rep) return noRep(m.rep, repRaw);
    if (invalid) return invalid;
    const date = readDate(getDate(record));
    if (typeof date !== 'string') return badDate(date);
    row.rep = rep;
    row.events = [];
    for (let i = 0; i < counts.length; i++) {
      if (values[i] === 0) continue;
      // A week's count is spread over its working days, so pace, periods and idle days see a week.
      for (const [day, n] of spreadCount(date, values[i], m.span, state.tallyDays ?? null)) {
        row.events.push({ stage: counts[i].stage, stageNo: -1, date: day, count: n, created: null });
      }
    }
    return row;
  };
}

/**
 * Counts a mapped row's events into `sink`: an event whose (id, stage) an earlier row of any
 * input already gave is a duplicate (the first in input order wins), counted in `state.duplicates`.
 */
export function emitRow(row: MappedRow, state: RunState, sink: EventSink): void {
  for (const ev of row.events) {
    if (row.id !== '' && !state.seen.add(row.id, ev.stageNo)) {
      state.duplicates++;
      continue;
    }
    sink.event(row.rep, ev.stage, ev.date, ev.count, ev.created, ev.stageNo);
  }
}

/**
 * Compiles a source against a file's columns, once (its mapping, then the row function); the
 * returned function maps one record and counts its events into `sink`, and never throws on bad
 * data. Columns are found through `column`; dates are read as the source says (no detection).
 */
export function compileSource(
  src: SourceConfig,
  keyPrefix: string,
  column: ColumnResolver,
  state: RunState,
  sink: EventSink,
): (record: RawRecord) => RowResult {
  const getters = new Map<string, Getter>();
  const mapping = sourceMapping(src, {
    key: keyPrefix,
    lookup: (name, key) => {
      if (!getters.has(name)) getters.set(name, column(name, key));
      return name;
    },
  });
  const map = compileMapping(mapping, { getter: (c) => getters.get(c.name) as Getter, state });
  return (record) => {
    const result = map(record);
    if (typeof result === 'string' || 'code' in result) return result;
    emitRow(result, state, sink);
    return 'used';
  };
}
