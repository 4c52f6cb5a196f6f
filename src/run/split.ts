import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CsvResume } from '../ingest/csv.js';
import { FastCsv } from '../ingest/fast-csv.js';
import type { OpenedFile } from '../ingest/read.js';
import { inputLimits, type InputLimits } from '../ingest/limits.js';
import type { LoadedConfig } from '../config/load.js';
import type { DateFallback, SampledRecord } from '../normalize/date-detect.js';
import { dayString } from '../engine/day-counts.js';
import type { DateStr, StageId } from '../engine/model.js';
import { MAX_SPLIT_STAGES, NO_CYCLE, walkBatch, type Batch, type BatchVisitor, type KeptEvent, type PartCounts } from './split-codec.js';
import type { InputFile } from './files.js';
import type { RepId } from '../normalize/reps.js';
import type { RunState } from '../normalize/source.js';
import type { FilePlan } from './pipeline.js';
import { bytesFrom, mayUseTwoThreads, MIN_SPLIT_BYTES, startSplitWorker, takeWarmWorker, warmShare, type KnownCut } from './warm-worker.js';

// One large CSV file read on two threads (docs/performance.md, "Two threads"). The file is cut at
// a line break that quote parity puts outside quotes, a little past its middle. This thread reads
// the first part as always; a worker thread (split-worker.ts) reads the second part strictly (only
// what the fast reader reads as it is), counts it, and sends in batches what must be seen in file
// order (split-codec.ts). Once this thread stands cleanly at the cut, it takes the batches as if it
// had read those rows itself: de-duplication is first-wins in file order, line numbers go on from
// the cut; then the part's counts. Wherever the worker stopped (a record it would not read as it
// is), this thread reads on from there itself. Anything unexpected at the cut (a quote the parity
// misjudged, a record handed to csv-parse) and this thread reads on past the cut, and the
// worker's part is dropped unread.

/**
 * What the worker's counts may take (estimated: split-worker.ts) before it stops and leaves the
 * rest of its part to this thread, which counts it once (FUNNEL_SPLIT_MAX_COUNTS changes it).
 * Counts of many reps over many years would otherwise be held twice, there and here.
 */
const MAX_COUNT_BYTES = 8 * 1024 * 1024;
/**
 * Distinct reps in a file's first records (those read ahead for its dates) past which it is read
 * on one thread: with that many reps its counts grow with its rows (reps × stages × days), and
 * the worker's would be a second copy of them for little gain (on the bench, 2,000 reps over two
 * years read no faster on two threads, and 20,000 over ten years took more memory).
 */
const MAX_SAMPLE_REPS = 250;
/** Batches the worker may be ahead of this thread, ~8,000 records (about 150 KB packed) each: bounds what waits in memory. */
const MAX_AHEAD = 96;
/**
 * The share of the file this thread reads with a worker started at the header (warm-worker.ts has
 * the shares of one started before): a little more than half, as the worker starts later (it
 * loads its code and plans the file) and this thread takes the worker's part after its own.
 * On the bench's 1 M rows, 0.53 left this thread waiting 0 to 50 ms for the worker, 0.5 up to 400.
 */
const FIRST_SHARE = 0.53;

/** How far past the cut's place a line break outside quotes is looked for. */
const SEARCH = 4 * 1024 * 1024;

/** What the worker is told. */
export interface SplitJob {
  loaded: Pick<LoadedConfig, 'config' | 'path' | 'dir'>;
  input: InputFile;
  /** The file as this thread opened it, and the records it read ahead for dates: the worker plans from them. */
  opened: OpenedFile;
  sample: SampledRecord[] | null;
  dateFallback: DateFallback | null;
  asOf: DateStr | null;
  headers: string[];
  headerLine: number;
  resume: CsvResume;
  limits: InputLimits;
  /** What the worker's counts may take, estimated, before it stops reading. */
  maxCountBytes: number;
  /** Batches taken by this thread, for the worker to wait on (one Int32). */
  taken: SharedArrayBuffer;
}

/** The job, sent to a worker started before it was known (warm-worker.ts). */
export interface SplitStart {
  kind: 'job';
  job: SplitJob;
}

/** A message from the worker: a batch, its part's counts once read, then the end of its part. */
export type SplitMessage =
  | { kind: 'batch'; batch: Batch }
  | { kind: 'counts'; counts: PartCounts }
  | { kind: 'end'; stoppedAt: { byte: number; line: number } | null };

/** What the worker's part came to: its counts, and where this thread must read on (null: nowhere). */
export interface PartEnd {
  counts: PartCounts | null;
  /** A byte and the line before it, relative to the cut. */
  readOnFrom: { byte: number; line: number } | null;
}

/**
 * Whether a planned file's second part may go to a worker (the file itself allowing it, see
 * splitPoint): rows of events, a config of at most MAX_SPLIT_STAGES stages, and not more than
 * MAX_SAMPLE_REPS reps in its first records.
 */
export function isSplittable(p: Pick<FilePlan, 'mapping' | 'sampleReps'>, stageCount: number): boolean {
  if (p.mapping.shape !== 'events' || stageCount > MAX_SPLIT_STAGES) return false;
  return p.sampleReps === null || p.sampleReps <= MAX_SAMPLE_REPS;
}

/**
 * Whether this file may be read on two threads, and where to cut it; null when not. Two threads
 * unless FUNNEL_THREADS=1 or the process has one CPU to use (`cores`). `known`: the cut a worker
 * started with the process found for this file (warm-worker.ts), used if the file is unchanged.
 */
export function splitPoint(
  path: string,
  facts: { format: string; compression: unknown; encoding: string; isEncodingDetected: boolean; delimiter: string | null },
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
  known: KnownCut | null = null,
): { at: number; recordDelimiter: '\n' | '\r\n' } | null {
  if (!mayUseTwoThreads(env, cores)) return null;
  if (facts.format !== 'csv' && facts.format !== 'tsv') return null;
  if (facts.compression !== null || facts.encoding !== 'utf-8' || !facts.delimiter || !FastCsv.canRead(facts.delimiter)) return null;
  const min = bytesFrom(env.FUNNEL_SPLIT_MIN_BYTES, MIN_SPLIT_BYTES);
  const fd = openSync(path, 'r');
  try {
    const file = headOf(fd);
    if (!file || file.size < Math.max(min, 1)) return null;
    // A detected encoding whose first 64 KiB are ASCII may turn out to be Windows-1252 further on,
    // decided per 64 KiB from the file's start: only a reader from the start can tell.
    if (facts.isEncodingDetected && file.head.every((b) => b < 0x80)) return null;
    const { size, recordDelimiter } = file;
    if (!recordDelimiter) return null;
    if (known && known.size === size && known.recordDelimiter === recordDelimiter) return { at: known.at, recordDelimiter };
    return cutNear(fd, Math.floor(size * (warmShare() ?? FIRST_SHARE)), size, recordDelimiter);
  } finally {
    closeSync(fd);
  }
}

/**
 * In a worker started with the process: the cut of the file it was started for, at `share` of
 * it, found while this thread loads its code and config (the quote count of 50 MB takes about
 * 30 ms). Null when the file has none.
 */
export function cutFor(path: string, share: number): KnownCut | null {
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    const file = headOf(fd);
    if (!file?.recordDelimiter) return null;
    const cut = cutNear(fd, Math.floor(file.size * share), file.size, file.recordDelimiter);
    return cut && { ...cut, size: file.size };
  } catch {
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** A regular file's size, first 64 KiB and line end; null for a pipe or a device (which cannot be read from its middle). */
function headOf(fd: number): { size: number; head: Buffer; recordDelimiter: '\n' | '\r\n' | null } | null {
  const stat = fstatSync(fd);
  if (!stat.isFile()) return null;
  const head = Buffer.alloc(Math.min(64 * 1024, stat.size));
  readSync(fd, head, 0, head.length, 0);
  return { size: stat.size, head, recordDelimiter: lineEnd(head) };
}

/** The file's line end, as the readers discover it: the first line break outside quotes. */
function lineEnd(head: Buffer): '\n' | '\r\n' | null {
  let inQuotes = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && c === LF) return '\n';
    else if (!inQuotes && c === CR) return head[i + 1] === LF ? '\r\n' : null;
  }
  return null;
}

/** The first line start after `mid` with an even number of quotes before it, or null. */
function cutNear(fd: number, mid: number, size: number, eol: '\n' | '\r\n'): { at: number; recordDelimiter: '\n' | '\r\n' } | null {
  const buf = Buffer.alloc(1024 * 1024);
  let quotes = 0;
  for (let pos = 0; pos < mid; ) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, mid - pos), pos);
    if (n <= 0) return null;
    for (let i = buf.indexOf(QUOTE, 0); i !== -1 && i < n; i = buf.indexOf(QUOTE, i + 1)) quotes++;
    pos += n;
  }
  let prev = -1;
  for (let pos = mid; pos < Math.min(size, mid + SEARCH); ) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    if (n <= 0) return null;
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (c === QUOTE) quotes++;
      else if (c === LF && quotes % 2 === 0 && (eol === '\n' || (i > 0 ? buf[i - 1] : prev) === CR)) {
        const at = pos + i + 1;
        return at < size ? { at, recordDelimiter: eol } : null;
      }
    }
    prev = buf[n - 1];
    pos += n;
  }
  return null;
}

/** The worker reading a file's second part, and its batches until this thread takes them. */
export class SplitPart {
  private readonly worker: Worker;
  private readonly queue: SplitMessage[] = [];
  private wake: (() => void) | null = null;
  private readonly taken: Int32Array;
  private isOver = false;
  /** Where the worker's records end so far (the cut, until a batch arrives). */
  private reached: { byte: number; line: number };

  private readonly cut: number;
  /** Milliseconds this thread waited for the worker's batches. */
  waited = 0;
  /** When the worker's counts arrived (performance.now()), once they have: how the two threads' shares came out. */
  countedAt: number | null = null;
  /** When the worker started: for this file at its header, or before (warm-worker.ts) with the process or with the run. */
  readonly started: 'at the header' | 'with the process' | 'with the run';

  constructor(job: Omit<SplitJob, 'limits' | 'taken' | 'maxCountBytes'>, env: NodeJS.ProcessEnv = process.env) {
    this.cut = job.resume.byte;
    const taken = new SharedArrayBuffer(4);
    this.taken = new Int32Array(taken);
    this.reached = { byte: job.resume.byte, line: 0 };
    const maxCountBytes = bytesFrom(env.FUNNEL_SPLIT_MAX_COUNTS, MAX_COUNT_BYTES);
    const workerData: SplitJob = { ...job, limits: inputLimits(), taken, maxCountBytes };
    const warm = takeWarmWorker();
    warm?.worker.postMessage({ kind: 'job', job: workerData } satisfies SplitStart);
    this.started = warm === null ? 'at the header' : warm.isEarly ? 'with the process' : 'with the run';
    this.worker = warm?.worker ?? startSplitWorker(workerData);
    this.worker.on('message', (m: SplitMessage | { kind: 'cut' }) => this.arrive(m));
    // A worker that fails or dies ends its part (replay decides what that leaves to this thread).
    this.worker.on('error', () => this.arrive({ kind: 'end', stoppedAt: this.reached }));
    this.worker.on('exit', () => this.arrive({ kind: 'end', stoppedAt: this.reached }));
  }

  private arrive(m: SplitMessage | { kind: 'cut' }): void {
    // A worker started with the process said first where it would cut (warm-worker.ts).
    if (this.isOver || m.kind === 'cut') return;
    if (m.kind === 'batch') this.reached = m.batch.end;
    else if (m.kind === 'end') this.isOver = true;
    else if (m.kind === 'counts') this.countedAt = performance.now();
    this.queue.push(m);
    this.wake?.();
  }

  /**
   * Hands the worker's batches to `each`, in file order (lines relative to the cut), then returns
   * its counts and where this thread must read on. A worker that ends without its counts after a
   * batch was taken leaves the run unable to count that batch's rows: that is an error (with one
   * thread it would not happen), never a partial count.
   */
  async replay(each: (batch: Batch) => void, visitor: BatchVisitor): Promise<PartEnd> {
    let counts: PartCounts | null = null;
    let isTaken = false;
    for (;;) {
      const m = this.queue.shift();
      if (!m) {
        const t = performance.now();
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        this.waited += performance.now() - t;
        continue;
      }
      if (m.kind === 'counts') counts = m.counts;
      else if (m.kind === 'end') {
        if (counts === null && isTaken) throw new Error('the worker thread reading the second part of the file failed (FUNNEL_THREADS=1 reads it on one thread)');
        if (counts === null) return { counts: null, readOnFrom: { byte: this.cut, line: 0 } };
        return { counts, readOnFrom: m.stoppedAt };
      } else {
        isTaken = true;
        each(m.batch);
        walkBatch(m.batch, visitor);
        Atomics.add(this.taken, 0, 1);
        Atomics.notify(this.taken, 0);
      }
    }
  }

  /** Stops the worker (its records not taken are dropped). */
  async close(): Promise<void> {
    this.isOver = true;
    Atomics.store(this.taken, 0, 1 << 30);
    Atomics.notify(this.taken, 0);
    await this.worker.terminate();
  }
}

/** What takePart counts into: the file's accounting (pipeline.ts's FileAccount). */
export interface PartAccount {
  counted(rows: number, used: number, ignored: number): void;
  total(line: number): void;
  reject(line: number, code: string, reason: string, field?: string | null, value?: string | null): void;
  addPart(counts: PartCounts, reps: ReadonlyMap<string, RepId>, undo: PartUndo): void;
}

/**
 * Counts the worker's part of a split file as if this thread had read it: in file order, the
 * rows' accounting, rejections and totals rows, rep spellings (first spellings name reps), ids
 * against the run's (first-wins: an event whose id and stage were counted before the part is a
 * duplicate, and comes off the part's counts); then the part's counts into the tally. Returns
 * where this thread must read on, relative to the cut (null: the part reached the file's end).
 */
export async function takePart(
  part: SplitPart,
  acc: PartAccount,
  p: FilePlan,
  at: { lineBase: number },
  state: RunState,
): Promise<{ byte: number; line: number } | null> {
  const { lineBase } = at;
  const reps = new Map<string, RepId>();
  const undo = new PartUndo();
  const idColumn = p.mapping.id?.name ?? '';
  let id: string | number = '';
  // The run's number of each stage in the batch's table, looked up once a batch rather than per event.
  let stageNos: number[] = [];
  const each = (batch: Batch): void => {
    acc.counted(batch.rows, batch.used, batch.ignored);
    stageNos = batch.stages.map((stage) => state.seen.stage(stage));
  };
  const end = await part.replay(each, {
    id(value) {
      id = value;
      if (typeof value === 'string') p.ids?.check(idColumn, value);
    },
    event(stage, repKey, day, cycleDays, stageIndex) {
      const stageNo = stageNos[stageIndex];
      if (typeof id === 'number' ? state.seen.addNumeric(id, stageNo) : state.seen.add(id, stageNo)) return;
      state.duplicates++;
      undo.add({ stage, repKey, day, cycleDays });
    },
    rep(raw) {
      const rep = state.reps.resolve(raw);
      if (rep) reps.set(rep.key, rep);
    },
    total: (line) => acc.total(lineBase + line),
    unreadable: (line, reason, code) => acc.reject(lineBase + line, code, reason),
    rejected(line, r) {
      if (r.isAmbiguous) p.dates.lateAmbiguity(r.value, lineBase + line, p.key);
      acc.reject(lineBase + line, r.code, r.reason, r.field, r.value);
    },
  });
  if (end.counts) {
    state.duplicates += end.counts.duplicates;
    acc.addPart(end.counts, reps, undo);
  }
  return end.readOnFrom;
}

/** Events of a split file's second part found to be duplicates of earlier ones: off its counts. */
export class PartUndo {
  /** Events taken off, by rep key and stage, then by day. */
  private readonly counts = new Map<string, Map<number, number>>();
  private readonly cycles = new Map<string, number>();

  add(ev: KeptEvent): void {
    const key = `${ev.repKey}\u0000${ev.stage}`;
    let byDay = this.counts.get(key);
    if (!byDay) this.counts.set(key, (byDay = new Map()));
    byDay.set(ev.day, (byDay.get(ev.day) ?? 0) + 1);
    if (ev.cycleDays !== NO_CYCLE) {
      const c = `${ev.repKey}\u0000${dayString(ev.day)}\u0000${ev.cycleDays}`;
      this.cycles.set(c, (this.cycles.get(c) ?? 0) + 1);
    }
  }

  /** The events of the rep and stage taken off, by day; undefined when none were. */
  of(repKey: string, stage: StageId): ReadonlyMap<number, number> | undefined {
    return this.counts.get(`${repKey}\u0000${stage}`);
  }

  /** False for a cycle sample of an event taken off (once per event). */
  keepsCycle(repKey: string, close: DateStr, days: number): boolean {
    const c = `${repKey}\u0000${close}\u0000${days}`;
    const n = this.cycles.get(c) ?? 0;
    if (n === 0) return true;
    this.cycles.set(c, n - 1);
    return false;
  }
}

/**
 * What FUNNEL_DEBUG_SPLIT=1 prints for a split file: where it was cut, where the worker stopped,
 * and when (ms from the file's start) this thread reached the cut, the worker's counts came, this
 * thread took the part and was done.
 */
export function splitNote(file: string, cut: { byte: number; line: number }, from: { line: number } | null, part: SplitPart, times: [number, number, number, number]): string {
  const [, atCut, taken, done] = times.map((t) => `${Math.round(t - times[0])} ms`);
  const counted = part.countedAt === null ? '' : `its counts came at ${Math.round(part.countedAt - times[0])} ms, `;
  const rest = from ? `this thread read on from line ${cut.line + from.line + 1}` : 'the worker read to the end';
  const worker = `started ${part.started}`;
  return (
    `funnel: ${file} read on two threads: cut before line ${cut.line + 1} (byte ${cut.byte}); ${rest} ` +
    `(file started at ${Math.round(times[0])} ms; worker ${worker}; ${counted}at the cut ${atCut}, part taken ${taken} after waiting ${Math.round(part.waited)} ms for it, done ${done})\n`
  );
}

/** In the worker: waits while it is MAX_AHEAD batches ahead of this thread. */
export function waitForTaker(taken: Int32Array, sent: number): void {
  for (;;) {
    const now = Atomics.load(taken, 0);
    if (sent - now < MAX_AHEAD) return;
    Atomics.wait(taken, 0, now, 1000);
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
