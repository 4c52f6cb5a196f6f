import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';

// A regular file is read with synchronous reads of CHUNK bytes. An fs.ReadStream sends each read
// to the thread pool and waits a turn of the event loop for it; a 1 M-row file is about 1,600
// reads, and the waits were about 7 % of a report's time (docs/performance.md). A read from the
// page cache takes microseconds, so reading in place costs less than waiting for it. After each
// TURN_BYTES the stream lets the event loop run, at once (setImmediate): timers for the progress
// line, signals, a worker's messages, and V8's own collection tasks, which run there (with a
// turn a MiB, a 2,000-rep report peaked 10 MB higher). Pipes and devices are read by an
// fs.ReadStream, which never blocks.

const CHUNK = 64 * 1024;
const TURN_BYTES = CHUNK;

/** Bytes [start, end] of a file (end inclusive, as fs.createReadStream takes them). */
export interface ByteRange {
  start?: number;
  end?: number;
  /** Bytes per read (tests read in small chunks so records straddle chunk edges). */
  chunkSize?: number;
}

/** A file's bytes as a stream: read in place for a regular file, by an fs.ReadStream otherwise. */
export function fileBytes(path: string, range: ByteRange = {}): Readable & { bytesRead: number } {
  const chunkSize = range.chunkSize ?? CHUNK;
  let isRegular = false;
  try {
    isRegular = statSync(path).isFile();
  } catch {
    // The stream's own open reports the error.
  }
  const { start, end } = range;
  return isRegular ? new FileBytes(path, start, end, chunkSize) : createReadStream(path, { start, end, highWaterMark: chunkSize });
}

class FileBytes extends Readable {
  /** Bytes read so far (as fs.ReadStream counts them: the gzip guard reads it). */
  bytesRead = 0;
  private fd = -1;
  private position: number;
  /** One past the last byte to read. */
  private readonly stop: number;
  private sinceTurn = 0;
  /**
   * Without a start, reads go on from the file's own offset, as an fs.ReadStream's do: the
   * progress line reads that offset from /proc.
   */
  private readonly isSequential: boolean;

  constructor(
    private readonly path: string,
    start: number | undefined,
    end: number | undefined,
    private readonly chunkSize: number,
  ) {
    super({ highWaterMark: chunkSize });
    this.isSequential = start === undefined;
    this.position = start ?? 0;
    this.stop = end === undefined ? Infinity : end + 1;
  }

  override _construct(callback: (err?: Error | null) => void): void {
    try {
      this.fd = openSync(this.path, 'r');
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _read(): void {
    if (this.sinceTurn < TURN_BYTES) return this.readChunk();
    this.sinceTurn = 0;
    setImmediate(() => this.readChunk());
  }

  private readChunk(): void {
    if (this.destroyed) return;
    const want = Math.min(this.chunkSize, this.stop - this.position);
    if (want <= 0) return void this.push(null);
    const buffer = Buffer.allocUnsafe(want);
    let n: number;
    try {
      n = readSync(this.fd, buffer, 0, want, this.isSequential ? null : this.position);
    } catch (err) {
      return void this.destroy(err as Error);
    }
    if (n === 0) return void this.push(null);
    this.position += n;
    this.bytesRead += n;
    this.sinceTurn += n;
    this.push(n === want ? buffer : buffer.subarray(0, n));
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        // Closing a file only read from cannot lose data.
      }
      this.fd = -1;
    }
    callback(err);
  }
}
