import { parentPort, workerData } from 'node:worker_threads';
import { readRecords } from '../ingest/read.js';
import { setInputLimits } from '../ingest/limits.js';
import { RepResolver, type RepId } from '../normalize/reps.js';
import { BatchWriter } from './split-codec.js';
import { newFileResult, newRun, open, plan } from './pipeline.js';
import { waitForTaker, type SplitJob, type SplitMessage } from './split.js';

// The worker thread of a split file (split.ts): plans the file as the main thread did (same
// config, header and date sample), then reads its second part strictly and sends each record's
// mapped outcome back in batches. It decides nothing the main thread counts: de-duplication,
// rep names, the tally and the file's accounting are the main thread's.

/** Records per batch. */
const BATCH = 8192;

/** Remembers the raw cell of the last rep resolved: the main thread resolves it again. */
class RecordingResolver extends RepResolver {
  last = '';
  override resolve(raw: string): RepId | null {
    this.last = raw;
    return super.resolve(raw);
  }
}

async function main(job: SplitJob): Promise<{ byte: number; line: number } | null> {
  const port = parentPort as NonNullable<typeof parentPort>;
  setInputLimits(job.limits);
  const run = newRun({ ...job.loaded }, { dateFallback: job.dateFallback, asOf: job.asOf ?? undefined }, RecordingResolver);
  const reps = run.state.reps as RecordingResolver;
  const file = await open(job.input, run.opts);
  const result = newFileResult({ path: job.input.display, meta: file.opened.meta, source: job.input.sourceKey, preset: null, detection: null, mapping: null });
  const p = plan(run, file, result, { headers: job.headers, line: job.headerLine, isJson: false });
  const start = { byte: job.resume.byte, line: 0 };
  if (!p || p.mapping.shape !== 'events') return start;

  const taken = new Int32Array(job.taken);
  const writer = new BatchWriter();
  const position = { get: () => job.resume.byte };
  let sent = 0;
  /** Sends the records so far; the next record starts at `line`. */
  const flush = (line: number): void => {
    const batch = writer.take({ byte: position.get(), line: line - 1 });
    const message: SplitMessage = { kind: 'batch', batch };
    port.postMessage(message, [batch.ops.buffer as ArrayBuffer]);
    waitForTaker(taken, ++sent);
  };
  const end = await readRecords(
    file.opened,
    file.options,
    {
      header() {},
      record(record, line) {
        if (writer.records >= BATCH) flush(line);
        reps.last = '';
        const mapped = p.row(record);
        writer.mapped(line, mapped, reps.last);
      },
      reject(line, reason, code) {
        if (writer.records >= BATCH) flush(line);
        writer.unreadable(line, reason, code);
      },
    },
    { resume: job.resume, isStrict: true, position },
  );
  const stop = end.stoppedAt ? { byte: end.stoppedAt.byte, line: end.stoppedAt.line } : null;
  const last = writer.take(stop ?? { byte: position.get(), line: 0 });
  port.postMessage({ kind: 'batch', batch: last } satisfies SplitMessage, [last.ops.buffer as ArrayBuffer]);
  return stop;
}

const job = workerData as SplitJob;
main(job).then(
  (stoppedAt) => parentPort?.postMessage({ kind: 'end', stoppedAt } satisfies SplitMessage),
  // The main thread reads on from the last batch and meets the same problem itself.
  () => process.exit(1),
);
