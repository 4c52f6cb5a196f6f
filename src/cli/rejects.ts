import { closeSync, createWriteStream, fsyncSync, renameSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { FunnelError } from '../errors.js';
import type { RejectedRow } from '../run/pipeline.js';
import { keepModeAndOwner, outputTarget, refuseProtected, statOrNull, type OutputTarget, type ProtectedFile } from './output.js';
import type { CliStreams } from './common.js';
import { createTemp, releaseTemp, removeTemp } from './temp-files.js';

const COLUMNS = ['file', 'line', 'code', 'field', 'value', 'reason'];

/**
 * Streams every rejected row to a CSV file (file,line,code,field,value,reason). A regular file (or
 * a new path) is written to an exclusively created temp file beside it and renamed on close; `-`,
 * /dev/stdout, devices and FIFOs are written straight through, as `--out` is. Cells that start
 * like a formula are neutralised.
 */
export class RejectsWriter {
  private readonly target: OutputTarget;
  private readonly stream: Writable;
  /** The temp file and its descriptor (kept open to fsync before the rename), for a file target. */
  private readonly tmp: { path: string; fd: number } | null = null;
  /** False for stdout and stderr, which the process keeps. */
  private readonly isOwnStream: boolean;
  private failed: Error | null = null;
  /** Set once close() ran: the descriptor is closed and the temp file renamed or removed. */
  private isDone = false;

  constructor(private readonly path: string, io: { cwd: string; streams: CliStreams }) {
    this.target = outputTarget(path, { cwd: io.cwd, flag: '--rejects' });
    const t = this.target;
    if (t.kind === 'fd' && (t.fd === 1 || t.fd === 2)) {
      this.stream = (t.fd === 1 ? io.streams.stdout : io.streams.stderr) as Writable;
      this.isOwnStream = false;
    } else {
      this.isOwnStream = true;
      if (t.kind === 'atomic') {
        try {
          this.tmp = createTemp(t.path);
          keepModeAndOwner(this.tmp.fd, t);
        } catch (err) {
          if (this.tmp) {
            closeSync(this.tmp.fd);
            removeTemp(this.tmp.path);
          }
          throw this.error(err);
        }
        this.stream = createWriteStream('', { fd: this.tmp.fd, autoClose: false });
      } else {
        this.stream = t.kind === 'fd' ? createWriteStream('', { fd: t.fd, autoClose: false }) : createWriteStream(t.path, { flags: 'w' });
      }
      this.stream.on('error', (err) => (this.failed = err));
    }
    this.stream.write(stringify([COLUMNS]));
  }

  add(row: RejectedRow): void {
    this.stream.write(
      stringify([[row.file, row.line, row.code, row.field ?? '', row.value ?? '', row.reason]], { escape_formulas: true }),
    );
  }

  /** Finishes the file: renamed into place unless it would replace one of `protect` (an input, the config). */
  async close(protect: ProtectedFile[] = []): Promise<void> {
    if (!this.isOwnStream) return;
    this.isDone = true;
    await new Promise<void>((resolve) => this.stream.end(resolve));
    const tmp = this.tmp;
    if (!tmp) {
      if (this.failed) throw this.error(this.failed);
      return;
    }
    try {
      if (this.failed) throw this.error(this.failed);
      fsyncSync(tmp.fd);
      const existing = statOrNull((this.target as { path: string }).path);
      if (existing) refuseProtected(existing, this.path, '--rejects', protect);
      renameSync(tmp.path, (this.target as { path: string }).path);
      releaseTemp(tmp.path);
    } catch (err) {
      removeTemp(tmp.path);
      throw err instanceof FunnelError ? err : this.error(err);
    } finally {
      closeSync(tmp.fd);
    }
  }

  /** Stops writing and removes the temp file. */
  discard(): void {
    if (!this.isOwnStream || this.isDone) return;
    this.isDone = true;
    // destroy() closes the descriptor too, once no write is in flight on it.
    this.stream.destroy();
    if (this.tmp) removeTemp(this.tmp.path);
  }

  private error(err: unknown): FunnelError {
    if (err instanceof FunnelError) return err;
    return new FunnelError('OUTPUT_FAILED', `cannot write rejects (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
      where: { file: this.path },
      hint: 'check that the folder exists and that you may write there',
    });
  }
}

/** Sets up --rejects; the returned callbacks feed and finish it (never over a file of `protect`). */
export function rejectsSink(path: string | undefined, io: { cwd: string; streams: CliStreams }): {
  onReject?: (r: RejectedRow) => void;
  finish: (protect: ProtectedFile[]) => Promise<void>;
  abort: () => void;
} {
  if (!path) return { finish: async () => {}, abort: () => {} };
  const writer = new RejectsWriter(path, io);
  return { onReject: (r) => writer.add(r), finish: (protect) => writer.close(protect), abort: () => writer.discard() };
}
