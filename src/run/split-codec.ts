import type { DateStr, StageId } from '../engine/model.js';
import type { Tally } from '../engine/tally.js';
import { numericId } from '../normalize/id-set.js';
import type { Rejection } from '../normalize/source.js';

// What the thread reading a file's second part sends back. The worker counts its part itself
// (its own tally, de-duplicated within the part) and sends, in file order and a batch at a time,
// only what the main thread must see in order: every used row's id with the events the worker
// kept (first-wins across the parts is decided by the main thread, which owns the run's ids;
// an id of up to 15 digits travels as its number, see numericId),
// rejections, totals rows, and each new spelling of a rep (first spellings name reps). Numbers
// travel in an Int32Array, text in a string table. Each batch ends where a reader could resume:
// the byte after its last record and that record's last line. The part's counts come last.
//
// The batches of a part wait until the main thread reaches the cut, so they are packed: a row
// with a numeric id is one number (its kind and its count of events), an event two (its stage,
// rep and whether a sales cycle follows; its day), plus the cycle's days for a close that has one.

const REJECTED = 0;
const READ_ERROR = 1;
const TOTAL = 2;
const ID_ROW = 3;
const REP = 4;
const NUMERIC_ID_ROW = 5;

/** KeptEvent.cycleDays of an event that is not a close with a creation date. */
export const NO_CYCLE = -2147483648;

/** A row's entry: its kind in the low bits, its count of events above them. */
const KIND_BITS = 3;
/** An event's first number: its stage's index in the batch's stages, then a cycle flag, then its rep's string index. */
const STAGE_BITS = 10;
/** Files are split only when the config has at most this many stages (each event names its stage in STAGE_BITS). */
export const MAX_SPLIT_STAGES = 1 << STAGE_BITS;
const HAS_CYCLE = 1 << STAGE_BITS;
const REP_SHIFT = STAGE_BITS + 1;

export interface Batch {
  ops: Int32Array;
  strings: string[];
  /** The stages of the batch's events. */
  stages: string[];
  /** Numeric ids, in the order of their rows. */
  numbers: Float64Array;
  /** Where the next record starts (file byte) and the line before it (counted from the part's start). */
  end: { byte: number; line: number };
  /** Records in the batch (rows). */
  rows: number;
  /** Of them, rows used and rows ignored (not totals). */
  used: number;
  ignored: number;
}

/** An event the worker kept, as the main thread must undo it when its id was counted before the part. */
export interface KeptEvent {
  stage: StageId;
  repKey: string;
  day: number;
  /** The deal's creation, in days before the close, when the event is a close with one; else NO_CYCLE. */
  cycleDays: number;
}

/** What a batch holds, in file order (lines relative to the part's start). */
export interface BatchVisitor {
  rejected(line: number, rejection: Rejection): void;
  unreadable(line: number, reason: string, code: string): void;
  total(line: number): void;
  /** A new spelling of a rep. */
  rep(raw: string): void;
  /** A used row's id (its number when numericId gives one), then `event` for each event kept. */
  id(id: string | number): void;
  /** `stageIndex`: the stage's place in the batch's `stages`. */
  event(stage: StageId, repKey: string, day: number, cycleDays: number, stageIndex: number): void;
}

/** Writes entries into a batch. */
export class BatchWriter {
  private ops = new Int32Array(16384);
  private length = 0;
  private numbers = new Float64Array(8192);
  private numberCount = 0;
  private strings: string[] = [];
  private readonly index = new Map<string, number>();
  private stages: string[] = [];
  private readonly stageIndex = new Map<string, number>();
  rows = 0;
  used = 0;
  ignored = 0;

  /** A string of few distinct values (a rep key, a stage, a code), once per batch. */
  private shared(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  private own(s: string): number {
    return this.strings.push(s) - 1;
  }

  private room(n: number): void {
    if (this.length + n <= this.ops.length) return;
    const grown = new Int32Array(Math.max(this.ops.length * 2, this.length + n));
    grown.set(this.ops.subarray(0, this.length));
    this.ops = grown;
  }

  rejected(line: number, r: Rejection): void {
    this.room(7);
    const o = this.ops;
    let k = this.length;
    o[k++] = REJECTED;
    o[k++] = line;
    o[k++] = this.shared(r.code);
    o[k++] = this.own(r.field);
    o[k++] = this.own(r.value);
    o[k++] = this.own(r.reason);
    o[k++] = r.isAmbiguous ? 1 : 0;
    this.length = k;
  }

  unreadable(line: number, reason: string, code: string): void {
    this.room(4);
    const o = this.ops;
    let k = this.length;
    o[k++] = READ_ERROR;
    o[k++] = line;
    o[k++] = this.own(reason);
    o[k++] = this.shared(code);
    this.length = k;
  }

  total(line: number): void {
    this.room(2);
    this.ops[this.length++] = TOTAL;
    this.ops[this.length++] = line;
  }

  rep(raw: string): void {
    this.room(2);
    this.ops[this.length++] = REP;
    this.ops[this.length++] = this.own(raw);
  }

  /** A used row's id; then `event` for each of its events the worker kept. */
  ids(id: string, kept: number): void {
    this.room(2);
    const n = numericId(id);
    if (n > 0) {
      if (this.numberCount === this.numbers.length) {
        const grown = new Float64Array(this.numbers.length * 2);
        grown.set(this.numbers);
        this.numbers = grown;
      }
      this.numbers[this.numberCount++] = n;
      this.ops[this.length++] = NUMERIC_ID_ROW | (kept << KIND_BITS);
    } else {
      this.ops[this.length++] = ID_ROW | (kept << KIND_BITS);
      this.ops[this.length++] = this.own(id);
    }
  }

  /** An event kept within the part, after its row's `ids` (its fields as arguments: no object per event). */
  event(stage: StageId, repKey: string, day: number, cycleDays: number): void {
    this.room(3);
    let index = this.stageIndex.get(stage);
    if (index === undefined) {
      index = this.stages.push(stage) - 1;
      this.stageIndex.set(stage, index);
    }
    const hasCycle = cycleDays !== NO_CYCLE;
    const o = this.ops;
    let k = this.length;
    o[k++] = index | (hasCycle ? HAS_CYCLE : 0) | (this.shared(repKey) << REP_SHIFT);
    o[k++] = day;
    if (hasCycle) o[k++] = cycleDays;
    this.length = k;
  }

  /** The batch so far, ending at `end`; the writer starts a new one. */
  take(end: { byte: number; line: number }): Batch {
    const batch = {
      ops: this.ops.slice(0, this.length),
      strings: this.strings,
      stages: this.stages,
      numbers: this.numbers.slice(0, this.numberCount),
      end,
      rows: this.rows,
      used: this.used,
      ignored: this.ignored,
    };
    this.length = 0;
    this.numberCount = 0;
    this.strings = [];
    this.index.clear();
    this.stages = [];
    this.stageIndex.clear();
    this.rows = this.used = this.ignored = 0;
    return batch;
  }
}

/** Hands the entries of a batch to `v`, in order. */
export function walkBatch(batch: Batch, v: BatchVisitor): void {
  const { ops, strings, stages, numbers } = batch;
  let next = 0;
  let i = 0;
  while (i < ops.length) {
    const kind = ops[i] & ((1 << KIND_BITS) - 1);
    if (kind === ID_ROW || kind === NUMERIC_ID_ROW) {
      const n = ops[i] >>> KIND_BITS;
      if (kind === ID_ROW) v.id(strings[ops[++i]]);
      else v.id(numbers[next++]);
      i++;
      for (let k = 0; k < n; k++) {
        const first = ops[i];
        const hasCycle = (first & HAS_CYCLE) !== 0;
        const stage = first & (HAS_CYCLE - 1);
        v.event(stages[stage], strings[first >>> REP_SHIFT], ops[i + 1], hasCycle ? ops[i + 2] : NO_CYCLE, stage);
        i += hasCycle ? 3 : 2;
      }
    } else if (kind === REP) {
      v.rep(strings[ops[i + 1]]);
      i += 2;
    } else if (kind === TOTAL) {
      v.total(ops[i + 1]);
      i += 2;
    } else if (kind === REJECTED) {
      const rejection: Rejection = {
        code: strings[ops[i + 2]] as Rejection['code'],
        field: strings[ops[i + 3]],
        value: strings[ops[i + 4]],
        reason: strings[ops[i + 5]],
      };
      if (ops[i + 6] === 1) rejection.isAmbiguous = true;
      v.rejected(ops[i + 1], rejection);
      i += 7;
    } else if (kind === READ_ERROR) {
      v.unreadable(ops[i + 1], strings[ops[i + 2]], strings[ops[i + 3]]);
      i += 4;
    } else {
      throw new Error(`split: unknown entry ${kind}`);
    }
  }
}

/**
 * The worker's counts of its part, sent once its reading ended: events kept within the part by
 * rep key, stage and day; closes' sales cycles in file order; duplicates within the part. The
 * counts are flat typed arrays (sent without a copy), not an object per rep and stage: with many
 * reps over many years those objects would cost more than the counts.
 */
export interface PartCounts {
  /** Rep keys, in the order the part first counted them. */
  repKeys: string[];
  stages: StageId[];
  /** Per rep and stage with counts, in that order: rep index, stage index, and its number of days. */
  runs: Int32Array;
  /** The days of every run, one run after the other, each in date order; their counts in `counts`. */
  days: Int32Array;
  counts: Float64Array;
  cycles: { repKey: string; close: DateStr; days: number }[];
  duplicates: number;
}

/** A tally's counts as PartCounts (the cycles and duplicates given). */
export function partCounts(tally: Pick<Tally, 'reps' | 'slots'>, cycles: PartCounts['cycles'], duplicates: number): PartCounts {
  const repKeys: string[] = [];
  const stages: StageId[] = [];
  const stageIndex = new Map<StageId, number>();
  let pairs = 0;
  for (const rep of tally.reps.values()) pairs += rep.byStage.size;
  const runs = new Int32Array(pairs * 3);
  const days = new Int32Array(tally.slots);
  const counts = new Float64Array(tally.slots);
  let r = 0;
  let at = 0;
  for (const [key, rep] of tally.reps) {
    const repNo = repKeys.push(key) - 1;
    for (const [stage, byDay] of rep.byStage) {
      let stageNo = stageIndex.get(stage);
      if (stageNo === undefined) {
        stageNo = stages.push(stage) - 1;
        stageIndex.set(stage, stageNo);
      }
      const start = at;
      byDay.forEachIn(-Infinity, Infinity, (day, count) => {
        days[at] = day;
        counts[at++] = count;
      });
      runs[r++] = repNo;
      runs[r++] = stageNo;
      runs[r++] = at - start;
    }
  }
  return { repKeys, stages, runs, days, counts, cycles, duplicates };
}

/** Hands every (rep key, stage, day, count) of `counts` to `f`, rep by rep and stage by stage, days in order. */
export function forEachCount(counts: PartCounts, f: (repKey: string, stage: StageId, days: Int32Array, n: Float64Array, from: number, to: number) => void): void {
  let at = 0;
  for (let r = 0; r < counts.runs.length; r += 3) {
    const length = counts.runs[r + 2];
    f(counts.repKeys[counts.runs[r]], counts.stages[counts.runs[r + 1]], counts.days, counts.counts, at, at + length);
    at += length;
  }
}
