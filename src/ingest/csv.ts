import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { parse, type Info } from 'csv-parse';
import { FunnelError } from '../errors.js';
import { fileError } from './detect.js';
import type { RecordSink } from './types.js';

/** Default bound on one record, in characters: a stray quote cannot swallow a whole file. */
export const MAX_RECORD_SIZE = 1024 * 1024;

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted field is not doubled ("")',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
  CSV_MAX_RECORD_SIZE: 'the record is longer than 1 MiB (probably an unclosed quote)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
};

/** Decodes bytes to text; with `fatal`, invalid bytes stop the run with their byte offset. */
class Decode extends Transform {
  private readonly decoder: TextDecoder;
  private offset = 0;
  constructor(
    private readonly encoding: string,
    private readonly display: string,
  ) {
    super({ decodeStrings: true, readableObjectMode: false });
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.push(this.decoder.decode(chunk, { stream: true }));
      this.offset += chunk.length;
      done();
    } catch {
      done(this.invalid());
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      this.push(this.decoder.decode());
      done();
    } catch {
      done(this.invalid());
    }
  }
  private invalid(): FunnelError {
    return new FunnelError('FILE_UNREADABLE', `bytes near offset ${this.offset} are not valid ${this.encoding}`, {
      where: { file: this.display },
      hint: 'set encoding: windows-1252 (or the file\'s real encoding) on this source',
    });
  }
}

/** Number of line breaks inside the fields of one record (CRLF counts once). */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
    n += (f.match(/\r\n|\r|\n/g) ?? []).length;
  }
  return n;
}

/**
 * Streams a CSV/TSV file into `sink`: the first non-blank record is the header; every other
 * record arrives with the line where it starts. Records of only empty fields are blank lines.
 */
export async function readCsv(
  path: string,
  display: string,
  opts: { delimiter: string; encoding: string; maxRecordSize?: number },
  sink: RecordSink,
): Promise<void> {
  let headerSeen = false;
  let headerLength = 0;
  // csv-parse's own line counter drifts on CRLF inside quoted fields, so lines are tracked here.
  let prevEnd = 0;
  let prevEmpty = 0;
  let prevInfoLines = 0;

  const parser = parse({
    delimiter: opts.delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: opts.maxRecordSize ?? MAX_RECORD_SIZE,
    on_skip: (err: (Error & { code?: string; lines?: number; empty_lines?: number }) | undefined) => {
      if (!err) return;
      const empty = err.empty_lines ?? prevEmpty;
      const start = prevEnd + 1 + (empty - prevEmpty);
      const end = Math.max(start, err.lines ?? start);
      prevEnd = end;
      prevEmpty = empty;
      prevInfoLines = err.lines ?? prevInfoLines;
      const what = REASONS[err.code ?? ''] ?? err.message;
      const span = end > start ? ` (lines ${start}-${end} could not be read)` : '';
      if (!headerSeen) {
        throw new FunnelError('FILE_UNREADABLE', `the header cannot be read: ${what}`, { where: { file: display, line: start } });
      }
      sink.reject(start, `${what}${span}`, err.code ?? 'CSV_ERROR');
    },
  });

  parser.on('data', ({ record, info }: { record: string[]; info: Info }) => {
    const empty = info.empty_lines;
    const start = prevEnd + 1 + (empty - prevEmpty);
    const span = info.lines - prevInfoLines - (empty - prevEmpty);
    prevEnd = span === 1 ? start : start + breaksIn(record);
    prevEmpty = empty;
    prevInfoLines = info.lines;
    if (isBlank(record)) return;
    if (!headerSeen) {
      headerSeen = true;
      headerLength = record.length;
      sink.header(record, start);
      return;
    }
    if (record.length > headerLength) {
      sink.reject(start, `${record.length} fields, header has ${headerLength}`, 'TOO_MANY_FIELDS');
      return;
    }
    sink.record(record, start);
  });

  try {
    // Decoding is strict: bytes that are not valid in the file's encoding stop the run.
    await pipeline([createReadStream(path), new Decode(opts.encoding, display), parser]);
  } catch (err) {
    if (err instanceof FunnelError) throw err;
    if ((err as NodeJS.ErrnoException).syscall) throw fileError(err, display);
    throw new FunnelError('FILE_UNREADABLE', `cannot parse as CSV: ${(err as Error).message}`, { where: { file: display } });
  }
  if (!headerSeen) {
    throw new FunnelError('EMPTY_FILE', 'the file is empty (no header line)', {
      where: { file: display },
      hint: 'export again; a file with no rows still needs its header line',
    });
  }
}

function isBlank(record: string[]): boolean {
  for (const f of record) if (f.trim() !== '') return false;
  return true;
}
