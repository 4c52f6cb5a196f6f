import type { DateStr, StageId } from '../engine/model.js';
import type { MapResult, Rejection } from '../normalize/source.js';

// What the thread reading a file's second part sends back: its records' outcomes in file order,
// as numbers in an Int32Array and the text they name in a string table, a batch at a time. Each
// batch ends where a reader could resume: the byte after its last record and that record's last line.

/** A record's outcome, as the first number of its entry. */
const IGNORED = 0;
const TOTAL = 1;
const REJECTED = 2;
const ROW = 3;
const READ_ERROR = 4;

export interface Batch {
  ops: Int32Array;
  strings: string[];
  /** Where the next record starts (file byte) and the line before it (counted from the part's start). */
  end: { byte: number; line: number };
}

/** A decoded entry: a map result at a line (relative to the part's start), or a record the reader rejected. */
export type Entry =
  | { kind: 'mapped'; line: number; result: MapResult; repRaw: string }
  | { kind: 'unreadable'; line: number; reason: string; code: string };

/** Writes entries into a batch. */
export class BatchWriter {
  private ops = new Int32Array(8192);
  private length = 0;
  private strings: string[] = [];
  private readonly index = new Map<string, number>();
  records = 0;

  /** A string of few distinct values (a rep, a date, a stage, a code), once per batch. */
  private shared(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  /** A string that is mostly unique (an id, a reason). */
  private own(s: string | null): number {
    return s === null ? -1 : this.strings.push(s) - 1;
  }

  private push(...values: number[]): void {
    if (this.length + values.length > this.ops.length) {
      const grown = new Int32Array(Math.max(this.ops.length * 2, this.length + values.length));
      grown.set(this.ops.subarray(0, this.length));
      this.ops = grown;
    }
    for (const v of values) this.ops[this.length++] = v;
  }

  mapped(line: number, result: MapResult, repRaw: string): void {
    this.records++;
    if (result === 'ignored') return this.push(IGNORED, line);
    if (result === 'total') return this.push(TOTAL, line);
    if ('code' in result) {
      const r = result as Rejection;
      return this.push(REJECTED, line, this.shared(r.code), this.own(r.field), this.own(r.value), this.own(r.reason), r.isAmbiguous ? 1 : 0);
    }
    this.push(ROW, line, this.shared(repRaw), result.id === '' ? -1 : this.own(result.id), result.events.length);
    for (const ev of result.events) {
      if (ev.count !== 1) throw new Error('split: an event row counts one event each');
      this.push(this.shared(ev.stage), this.shared(ev.date), ev.created === null ? -1 : this.shared(ev.created));
    }
  }

  unreadable(line: number, reason: string, code: string): void {
    this.records++;
    this.push(READ_ERROR, line, this.own(reason), this.shared(code));
  }

  /** The batch so far, ending at `end`; the writer starts a new one. */
  take(end: { byte: number; line: number }): Batch {
    const batch = { ops: this.ops.slice(0, this.length), strings: this.strings, end };
    this.length = 0;
    this.strings = [];
    this.index.clear();
    this.records = 0;
    return batch;
  }
}

/** The entries of a batch, in order; `stageNo` numbers a stage as the run's SeenIds does. */
export function* readBatch(batch: Batch, stageNo: (stage: StageId) => number): Generator<Entry> {
  const { ops, strings } = batch;
  const str = (i: number): string => strings[i];
  const opt = (i: number): string | null => (i < 0 ? null : strings[i]);
  let i = 0;
  while (i < ops.length) {
    const kind = ops[i];
    const line = ops[i + 1];
    if (kind === IGNORED || kind === TOTAL) {
      yield { kind: 'mapped', line, result: kind === IGNORED ? 'ignored' : 'total', repRaw: '' };
      i += 2;
    } else if (kind === REJECTED) {
      const result: Rejection = {
        code: str(ops[i + 2]) as Rejection['code'],
        field: str(ops[i + 3]),
        value: str(ops[i + 4]),
        reason: str(ops[i + 5]),
      };
      if (ops[i + 6] === 1) result.isAmbiguous = true;
      yield { kind: 'mapped', line, result, repRaw: '' };
      i += 7;
    } else if (kind === ROW) {
      const repRaw = str(ops[i + 2]);
      const id = opt(ops[i + 3]) ?? '';
      const n = ops[i + 4];
      i += 5;
      const events = [];
      for (let k = 0; k < n; k++, i += 3) {
        const stage = str(ops[i]);
        events.push({ stage, stageNo: stageNo(stage), date: str(ops[i + 1]) as DateStr, count: 1, created: opt(ops[i + 2]) as DateStr | null });
      }
      // The rep is resolved again by the run (its first spelling decides the name shown).
      yield { kind: 'mapped', line, result: { rep: { key: '', name: '' }, id, events }, repRaw };
    } else if (kind === READ_ERROR) {
      yield { kind: 'unreadable', line, reason: str(ops[i + 2]), code: str(ops[i + 3]) };
      i += 4;
    } else {
      throw new Error(`split: unknown entry ${kind}`);
    }
  }
}
