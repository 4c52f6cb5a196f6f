import { parentPort, workerData } from 'node:worker_threads';
import { daysBetween } from '../engine/cycle.js';
import type { Tally } from '../engine/tally.js';
import { readRecords } from '../ingest/read.js';
import { setInputLimits } from '../ingest/limits.js';
import { RepResolver } from '../normalize/reps.js';
import type { MapResult, RowEvent } from '../normalize/source.js';
import { BatchWriter, NO_CYCLE, partCounts, type PartCounts } from './split-codec.js';
import { newFileResult, newRun, open, plan, SeriesAtHand } from './pipeline.js';
import { cutFor, waitForTaker, type SplitJob, type SplitMessage, type SplitStart } from './split.js';
import type { WarmStart } from './warm-worker.js';

// The worker thread of a split file (split.ts): plans the file as the main thread did (same
// config, header and date sample), reads its second part strictly, and counts it: its own tally,
// de-duplicated within the part. What the main thread must see in file order goes back in
// batches (split-codec.ts); the counts once the part is read, or once they pass their budget
// (the main thread then reads the rest itself).

/** Records per batch. */
const BATCH = 8192;

/**
 * What the part's counts take, estimated from the tally: 12 bytes a day slot, and about 400 a
 * rep and stage (its DayCounts, its share of the rep's object and map, its run in PartCounts).
 */
const countBytes = (tally: Tally): number => tally.slots * 12 + tally.series * 400;

/** Thrown before a record once the part's counts passed their budget: the strict read stops there. */
class PartFull extends Error {}

/** Tells the batch of every rep spelling the resolver has not seen (or, past its cache's bound, not kept). */
class RecordingResolver extends RepResolver {
  onNew: (raw: string) => void = () => {};
  protected override spelled(raw: string): void {
    this.onNew(raw);
  }
}

async function main(job: SplitJob): Promise<{ byte: number; line: number } | null> {
  const port = parentPort as NonNullable<typeof parentPort>;
  setInputLimits(job.limits);
  const run = newRun({ ...job.loaded }, { dateFallback: job.dateFallback, asOf: job.asOf ?? undefined }, RecordingResolver);
  const { state, tally, goalStage } = run;
  const file = await open(job.input, run.opts, { opened: job.opened, sample: job.sample });
  const result = newFileResult({ path: job.input.display, meta: file.opened.meta, source: job.input.sourceKey, preset: null, detection: null, mapping: null });
  const p = plan(run, file, result, { headers: job.headers, line: job.headerLine, isJson: false });
  if (!p || p.mapping.shape !== 'events') return { byte: job.resume.byte, line: 0 };

  const taken = new Int32Array(job.taken);
  const writer = new BatchWriter();
  (state.reps as RecordingResolver).onNew = (raw) => writer.rep(raw);
  const position = { get: () => job.resume.byte };
  const cycles: PartCounts['cycles'] = [];
  let sent = 0;
  /** Sends the records so far; the next record starts at `line`. */
  const flush = (line: number): void => {
    const batch = writer.take({ byte: position.get(), line: line - 1 });
    port.postMessage({ kind: 'batch', batch } satisfies SplitMessage, [batch.ops.buffer as ArrayBuffer]);
    waitForTaker(taken, ++sent);
  };
  // The events kept of a row with an id: the first `k` of `kept`, reused row after row.
  const kept: RowEvent[] = [];
  const series = new SeriesAtHand(tally);
  /** One mapped record into the part's counts and the batch (as emitRow does, but a duplicate is only known within the part here). */
  const count = (r: MapResult, line: number): void => {
    if (r === 'ignored') writer.ignored++;
    else if (r === 'total') writer.total(line);
    else if ('code' in r) writer.rejected(line, r);
    else {
      writer.used++;
      const hasId = r.id !== '';
      let events = r.events;
      let n = events.length;
      if (hasId) {
        let k = 0;
        for (const ev of r.events) if (state.seen.add(r.id, ev.stageNo)) kept[k++] = ev;
        state.duplicates += n - k;
        writer.ids(r.id, k);
        events = kept;
        n = k;
      }
      const rep = r.rep;
      for (let i = 0; i < n; i++) {
        const ev = events[i];
        series.of(rep, ev.stageNo, ev.stage).add(tally.dayOf(ev.date), ev.count);
        const cycleDays = ev.created !== null && ev.stage === goalStage ? daysBetween(ev.created, ev.date) : NO_CYCLE;
        if (cycleDays !== NO_CYCLE) cycles.push({ repKey: rep.key, close: ev.date, days: cycleDays });
        // With an id, the main thread may still find the event a duplicate of the first part's
        // (the date's day number is the one the tally just worked out).
        if (hasId) writer.event(ev.stage, rep.key, tally.dayOf(ev.date), cycleDays);
      }
    }
    writer.rows++;
  };
  let broken: unknown = null;
  const end = await readRecords(
    file.opened,
    file.options,
    {
      header() {},
      record(record, line) {
        if (writer.rows >= BATCH) flush(line);
        // Past the budget, the main thread reads on from this record and counts the rest once.
        if (countBytes(tally) > job.maxCountBytes) throw new PartFull();
        try {
          count(p.row(record), line);
        } catch (err) {
          // The part's counts may hold some of this record: they must not be used.
          broken = err;
          throw err;
        }
      },
      reject(line, reason, code) {
        if (writer.rows >= BATCH) flush(line);
        writer.rows++;
        writer.unreadable(line, reason, code);
      },
    },
    { resume: job.resume, isStrict: true, position },
  );
  if (broken !== null) throw broken;
  const stop = end.stoppedAt ? { byte: end.stoppedAt.byte, line: end.stoppedAt.line } : null;
  const last = writer.take(stop ?? { byte: position.get(), line: 0 });
  port.postMessage({ kind: 'batch', batch: last } satisfies SplitMessage, [last.ops.buffer as ArrayBuffer]);
  const counts = partCounts(tally, cycles, state.duplicates);
  port.postMessage({ kind: 'counts', counts } satisfies SplitMessage, [counts.runs.buffer as ArrayBuffer, counts.days.buffer as ArrayBuffer, counts.counts.buffer as ArrayBuffer]);
  return stop;
}

function start(job: SplitJob): void {
  main(job).then(
    (stoppedAt) => parentPort?.postMessage({ kind: 'end', stoppedAt } satisfies SplitMessage),
    // The main thread reads on from the last batch and meets the same problem itself.
    () => process.exit(1),
  );
}

// A worker started with the process (warm-worker.ts) first finds the cut of the file it was
// started for, then is sent its job once the file's header is read.
const data = workerData as SplitJob | WarmStart;
if ('prestart' in data) {
  if (data.prestart !== null) parentPort?.postMessage({ kind: 'cut', cut: cutFor(data.prestart, data.share) });
  parentPort?.once('message', (m: SplitStart) => start(m.job));
} else {
  start(data);
}
