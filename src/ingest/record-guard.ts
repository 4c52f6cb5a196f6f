import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

// Bounds CSV records before csv-parse sees them. csv-parse's own max_record_size stops reading at
// the first long record (every later row is lost), and a quote that is never closed swallows the
// rest of the file. This stage finds record boundaries with the same quoting rules, passes whole
// records through, and replaces a record it will not pass with a one-field marker line that the
// CSV reader turns into a rejected row. Memory holds at most one record of the limit's size.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);

/** What a marker line stands for. */
export type Skipped =
  /** A record longer than the limit: `lines` lines from where it starts. */
  | { kind: 'long'; lines: number }
  /**
   * A quoted field that is never closed: the lines from the record's start to the line where
   * the quote opens. When `rereadFrom` is set, reading must go on from that byte offset of the
   * decoded text (the guard dropped what followed while looking for the closing quote).
   */
  | { kind: 'unclosed'; lines: number; rereadFrom: number | null };

export interface GuardOptions {
  delimiter: string;
  maxRecordSize: number;
  /** Bytes of decoded text to drop unread first (a re-read after a never-closed quote). */
  startAt?: number;
  /** Where the text fed starts in the file (reading resumed in mid-file at a record's start). */
  origin?: number;
  /** The file's record delimiter, when reading resumes in mid-file (it is not discovered again). */
  eol?: '\n' | '\r\n';
}

/** A fresh marker prefix: random, so no file can forge one. */
export function newMarker(): string {
  return `\u0000funnel-skip-${randomBytes(8).toString('hex')}-`;
}

/** The record a marker stands for, or null when `field` is not one of `marker`'s. */
export function parseMarker(field: string, marker: string): Skipped | null {
  if (!field.startsWith(marker)) return null;
  const [kind, lines, from] = field.slice(marker.length).split('.');
  if (kind === 'long') return { kind, lines: Number(lines) };
  return { kind: 'unclosed', lines: Number(lines), rereadFrom: from === 'x' ? null : Number(from) };
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/** Lines a record spans: one, plus the line feeds inside it (not the one ending it). */
function spanOf(buf: Buffer, start: number, end: number): number {
  const inner = end > start && buf[end - 1] === LF ? end - 1 : end;
  return 1 + countLf(buf, start, inner);
}

/** Transform from decoded UTF-8 text to the same text with over-long and never-closed records replaced by marker lines. */
export class RecordGuard extends Transform {
  readonly marker = newMarker();
  private readonly delimiter: Buffer;
  private readonly max: number;
  /** Bytes kept before the scan position while dropping: enough to see a delimiter or CR before it. */
  private readonly behind: number;
  private toSkip: number;
  /** Absolute offset (in decoded bytes) of `held[0]`. */
  private base: number;
  /** The current record's bytes so far (never much more than the limit), or while dropping a few bytes around the scan position. */
  private held: Buffer = EMPTY;
  /** Where scanning resumes in `held` (it stops before a quote or CR whose next byte is unknown). */
  private scanFrom = 0;
  private inQuotes = false;
  /** Absolute offset of the quote that opened the current quoted field. */
  private quoteAt = -1;
  /** Record delimiter as csv-parse discovers it: the first CRLF, LF or CR outside quotes. */
  private eol: Buffer | null = null;
  /** The current record passed the limit: its bytes are dropped until it ends. */
  private dropping = false;
  /** Dropping: line feeds in the record before the scan position. */
  private dropLines = 0;
  /** Dropping inside quotes: lines from the record's start to the open quote's line, and the offset where the next line starts. */
  private quoteLines = 0;
  private quoteLineEnd = -1;
  /** Where findEnd stopped (an index into its data) when it returned -1. */
  private stop = 0;
  /** Never-closed quotes resolved in memory, to bound the work on a file full of them. */
  private resyncs = 0;
  /** The next quote at or after `quoteFrom` in `quoteData` (-1: none), so a file with few quotes is not searched to the end once per record. */
  private quoteData: Buffer | null = null;
  private quoteFrom = 0;
  private quoteNext = -1;

  constructor(opts: GuardOptions) {
    super();
    this.delimiter = Buffer.from(opts.delimiter, 'utf8');
    this.max = opts.maxRecordSize;
    this.behind = Math.max(this.delimiter.length, 1);
    this.toSkip = opts.startAt ?? 0;
    this.base = this.toSkip + (opts.origin ?? 0);
    if (opts.eol) this.eol = Buffer.from(opts.eol);
  }

  /** Marker lines emitted so far: 0 while every record passed unchanged. */
  markers = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.toSkip > 0) {
      const n = Math.min(this.toSkip, chunk.length);
      this.toSkip -= n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return done();
    }
    this.feed(chunk, false);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.feed(EMPTY, true);
    done();
  }

  private emitMarker(what: string): void {
    this.markers++;
    // Quoted, so that no delimiter (whatever the config sets) splits it.
    this.push(Buffer.from(`"${this.marker}${what}"`, 'latin1'));
    this.push(this.eol ?? Buffer.from('\n'));
  }

  private feed(chunk: Buffer, isEnd: boolean): void {
    if (this.dropping) {
      chunk = this.dropRecord(chunk, isEnd);
      if (this.dropping || (isEnd && chunk.length === 0 && this.held.length === 0)) return;
    }
    const data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    const base = this.base;
    let start = 0;
    let pos = this.scanFrom;
    let pushed = 0;
    for (;;) {
      const end = this.findEnd(data, start, pos, isEnd, base);
      if (end >= 0) {
        if (end - start > this.max) {
          if (start > pushed) this.push(data.subarray(pushed, start));
          this.emitMarker(`long.${spanOf(data, start, end)}`);
          pushed = end;
        }
        start = end;
        pos = end;
        continue;
      }
      // The record from `start` has not ended; scanning stopped at `this.stop`.
      if (isEnd) {
        if (start < data.length && this.inQuotes) {
          // A quote that never closes: give up the lines up to its own, and read on after it.
          const next = data.indexOf(LF, this.quoteAt - base);
          const resumeAt = next === -1 ? data.length : next + 1;
          if (start > pushed) this.push(data.subarray(pushed, start));
          this.inQuotes = false;
          if (++this.resyncs > 1000) {
            // Pathological input: stop re-scanning; the rest is one rejected stretch.
            this.emitMarker(`unclosed.${spanOf(data, start, data.length)}.x`);
            return;
          }
          this.emitMarker(`unclosed.${spanOf(data, start, resumeAt)}.x`);
          start = resumeAt;
          pos = resumeAt;
          pushed = resumeAt;
          if (resumeAt >= data.length) return;
          continue;
        }
        if (data.length - start > this.max) {
          if (start > pushed) this.push(data.subarray(pushed, start));
          this.emitMarker(`long.${spanOf(data, start, data.length)}`);
        } else if (data.length > pushed) this.push(data.subarray(pushed));
        return;
      }
      if (start > pushed) this.push(data.subarray(pushed, start));
      if (data.length - start > this.max) {
        // Too long: drop it until it ends, remembering enough to report its lines.
        this.dropping = true;
        this.dropLines = countLf(data, start, this.stop);
        if (this.inQuotes) {
          const q = this.quoteAt - base;
          this.quoteLines = countLf(data, start, q);
          const nl = data.indexOf(LF, q);
          this.quoteLineEnd = nl === -1 ? -1 : base + nl + 1;
        }
        this.keepAround(data, this.stop, base);
        return;
      }
      this.held = Buffer.from(data.subarray(start));
      this.scanFrom = this.stop - start;
      this.base = base + start;
      return;
    }
  }

  /** Dropping: keeps the unscanned bytes from `stop` and a few before them. */
  private keepAround(data: Buffer, stop: number, base: number): void {
    const from = Math.max(0, stop - this.behind);
    this.held = Buffer.from(data.subarray(from));
    this.scanFrom = stop - from;
    this.base = base + from;
  }

  /**
   * Drops the over-long record's bytes until it ends; returns the bytes after it (nothing while
   * it goes on). At the end of the text inside a never-closed quote, asks for a re-read.
   */
  private dropRecord(chunk: Buffer, isEnd: boolean): Buffer {
    const data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    const base = this.base;
    const from = this.scanFrom;
    const quoteBefore = this.quoteAt;
    const wasQuoted = this.inQuotes;
    const end = this.findEnd(data, -1, from, isEnd, base);
    const scanned = end >= 0 ? end : this.stop;
    if (this.inQuotes && this.quoteAt !== quoteBefore) {
      const q = this.quoteAt - base;
      this.quoteLines = this.dropLines + countLf(data, from, q);
      const nl = data.indexOf(LF, q);
      this.quoteLineEnd = nl === -1 ? -1 : base + nl + 1;
    } else if (this.inQuotes && wasQuoted && this.quoteLineEnd === -1) {
      const nl = data.indexOf(LF, from);
      if (nl !== -1) this.quoteLineEnd = base + nl + 1;
    }
    if (end >= 0) {
      const inner = data[end - 1] === LF ? end - 1 : end;
      this.emitMarker(`long.${1 + this.dropLines + countLf(data, from, inner)}`);
      this.dropping = false;
      this.held = EMPTY;
      this.scanFrom = 0;
      this.base = base + end;
      return data.subarray(end);
    }
    this.dropLines += countLf(data, from, scanned);
    if (!isEnd) {
      this.keepAround(data, scanned, base);
      return EMPTY;
    }
    this.dropping = false;
    this.held = EMPTY;
    this.scanFrom = 0;
    if (this.inQuotes) {
      // Everything after the quote's line was dropped while looking for its end: read it again.
      const rest = this.quoteLineEnd;
      this.emitMarker(`unclosed.${1 + this.quoteLines}.${rest === -1 ? 'x' : rest}`);
      this.inQuotes = false;
    } else {
      this.emitMarker(`long.${1 + this.dropLines}`);
    }
    return EMPTY;
  }

  /**
   * Scans `data` from `pos` for the end of the record that starts at `start` (-1: before the
   * data); returns the index just past its line break, or -1 (with `stop` set) when the data
   * ends first. Quoting follows csv-parse: a quote opens a quoted field only at the start of a
   * field; inside one, `""` is a quote, and a quote closes the field only before a delimiter, a
   * line break or the end.
   */
  private findEnd(data: Buffer, start: number, pos: number, isEnd: boolean, base: number): number {
    for (;;) {
      if (this.inQuotes) {
        const q = data.indexOf(QUOTE, pos);
        if (q === -1) {
          this.stop = data.length;
          return -1;
        }
        if (q + 1 + this.behind > data.length && !isEnd) {
          this.stop = q;
          return -1;
        }
        const next = q + 1 < data.length ? data[q + 1] : -1;
        if (next === QUOTE) {
          pos = q + 2;
          continue;
        }
        if (next === -1 || next === LF || next === CR || this.isDelimiterAt(data, q + 1)) this.inQuotes = false;
        // Otherwise csv-parse rejects the record and reads on inside the quoted field.
        pos = q + 1;
        continue;
      }
      const q = this.nextQuote(data, pos);
      const brk = this.findBreak(data, start, pos, q === -1 ? data.length : q, isEnd);
      if (brk === -2) {
        this.stop = data.length - 1;
        return -1;
      }
      if (brk >= 0) return brk;
      if (q === -1) {
        this.stop = data.length;
        return -1;
      }
      const d = this.delimiter.length;
      if (q === start || (q - d >= Math.max(start, 0) && this.isDelimiterAt(data, q - d))) {
        this.inQuotes = true;
        this.quoteAt = base + q;
      }
      pos = q + 1;
    }
  }

  private nextQuote(data: Buffer, pos: number): number {
    if (this.quoteData === data && this.quoteFrom <= pos && (this.quoteNext === -1 || this.quoteNext >= pos)) return this.quoteNext;
    this.quoteData = data;
    this.quoteFrom = pos;
    this.quoteNext = data.indexOf(QUOTE, pos);
    return this.quoteNext;
  }

  /** Index just past the first record delimiter in [pos, limit); -1 if none; -2 when a CR ends the data and the next byte decides. */
  private findBreak(data: Buffer, start: number, pos: number, limit: number, isEnd: boolean): number {
    const eol = this.eol;
    if (eol === null) {
      const lf = data.indexOf(LF, pos);
      const cr = data.indexOf(CR, pos);
      const i = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (i === -1 || i >= limit) return -1;
      if (data[i] === LF) {
        this.eol = Buffer.from('\n');
        return i + 1;
      }
      if (i + 1 >= data.length && !isEnd) return -2;
      if (data[i + 1] === LF) {
        this.eol = Buffer.from('\r\n');
        return i + 2;
      }
      this.eol = Buffer.from('\r');
      return i + 1;
    }
    if (eol.length === 1) {
      const i = data.indexOf(eol[0], pos);
      return i === -1 || i >= limit ? -1 : i + 1;
    }
    // CRLF: a bare LF is part of the field, as it is for csv-parse.
    for (let i = data.indexOf(LF, pos); i !== -1 && i < limit; i = data.indexOf(LF, i + 1)) {
      if (i - 1 >= Math.max(start, 0) && data[i - 1] === CR) return i + 1;
    }
    return -1;
  }

  private isDelimiterAt(data: Buffer, i: number): boolean {
    const d = this.delimiter;
    if (i < 0 || i + d.length > data.length) return false;
    for (let k = 0; k < d.length; k++) if (data[i + k] !== d[k]) return false;
    return true;
  }
}
