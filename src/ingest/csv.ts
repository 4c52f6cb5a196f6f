import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, type Parser } from 'csv-parse';
import { FunnelError } from '../errors.js';
import { byteStages, decodeStage, readError, type TextSource } from './decode.js';
import { fileBytes } from './file-bytes.js';
import { formatSize, inputLimits } from './limits.js';
import { parseMarker, RecordGuard } from './record-guard.js';
import { FastCsv, lineBreaks, type HandOver } from './fast-csv.js';
import type { RecordSink } from './types.js';

/** Re-reads after a never-closed quote that hid more than the record limit; past this the file fails. */
const MAX_REREADS = 3;

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted field is not doubled ("")',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
};

/**
 * Reading one file in two parts (docs/performance.md, "Two threads"). The first part is read by
 * `split`: when this reader stands exactly at `at` with every record before it read by the fast
 * reader, `stop()` decides whether it stops there; otherwise, or when `stop()` says no, it reads
 * on as if nothing had happened. A second part is read from a record's start with `resume`.
 */
export interface CsvSplit {
  /** Byte offset of a line's start. */
  at: number;
  stop(): Promise<boolean>;
}

/** Where reading resumes in mid-file: the first byte and line of a record, the header's width, the line ends. */
export interface CsvResume {
  byte: number;
  line: number;
  headerLength: number;
  recordDelimiter: '\n' | '\r\n';
}

/** How a read ended: at the end of the file, or stopped at a record's start (`split`, or `strict`). */
export type CsvEnd = { stoppedAt: null } | { stoppedAt: CsvResume };

export interface CsvOptions {
  delimiter: string;
  maxRecordSize?: number;
  split?: CsvSplit;
  resume?: CsvResume;
  /**
   * Read only what the fast reader reads as it is (a resumed part read by another thread): at
   * the first record it would hand over, a record the guard leaves out, a change of encoding or
   * an error of the sink, reading stops before that record and the end says where.
   */
  isStrict?: boolean;
  /** Filled in by the read: the byte just after the last record read whole (for a reader that resumes there). */
  position?: { get: () => number };
}

/** Ends a strict read early; never escapes readCsv. */
class StrictStop extends Error {}

/** Number of line breaks inside the fields of one record (CRLF counts once, as LF does). */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) n += lineBreaks(f);
  return n;
}

/**
 * Streams a CSV/TSV file into `sink`: the first non-blank record is the header; every other
 * record arrives with the line where it starts. Blank lines and records of only empty fields
 * are not rows.
 *
 * Lines are counted here rather than with csv-parse's `info` option, which halves its speed and
 * miscounts CRLF inside quoted fields: each record starts on the line after the previous one
 * ended, and spans one line plus the line breaks inside its fields. Blank lines reach us as
 * one-field empty records, so they are counted too.
 *
 * Well-formed CSV is read by FastCsv; csv-parse reads the rest of the file from the first record
 * FastCsv does not accept (or all of it, for a delimiter FastCsv does not handle). Both read what
 * the RecordGuard passes: records within the limit, and a marker line for each it left out.
 */
export async function readCsv(src: TextSource, opts: CsvOptions, sink: RecordSink): Promise<CsvEnd> {
  const { display } = src;
  const { resume } = opts;
  const max = opts.maxRecordSize ?? inputLimits().maxRecordSize;
  let headerSeen = resume !== undefined;
  let headerLength = resume?.headerLength ?? 0;
  let lastLine = resume?.line ?? 0;
  // A strict read that stopped, or a split read that stopped at its cut: where.
  let stoppedAt: CsvResume | null = null;
  let hasFallenBack = false;
  // csv-parse counts a CRLF inside a quoted field as two lines; `drift` is how far its count
  // (parser.info.lines, from lineBase) has run ahead of ours, to translate its errors' lines.
  let drift = 0;
  // The file line before csv-parse's line 1: where the pass started, or where FastCsv handed over.
  let lineBase = 0;
  // The first error the sink throws ends the stream and is what the read fails with.
  let failure: unknown = null;
  // A never-closed quote found only after the record limit: read again from the line after it.
  let rereadFrom: number | null = null;

  /** A record the guard left out (too long, or a quote never closed), as a rejected row. */
  const skipped = (field: string, marker: string, start: number): boolean => {
    const skip = parseMarker(field, marker);
    if (!skip) return false;
    const last = start + skip.lines - 1;
    lastLine = last;
    const lines = last > start ? `lines ${start}-${last}` : `line ${start}`;
    if (skip.kind === 'long') {
      const what = `the record is longer than ${formatSize(max)} (${lines}; the file was read on after it)`;
      if (!headerSeen) throw new FunnelError('FILE_UNREADABLE', `the header cannot be read: it is longer than ${formatSize(max)}`, { where: { file: display, line: start }, hint: '--max-record-size raises the limit' });
      sink.reject(start, what, 'CSV_MAX_RECORD_SIZE');
    } else {
      rereadFrom = skip.rereadFrom;
      const what = `a quoted field is never closed (${lines} left out; reading went on at line ${last + 1})`;
      if (!headerSeen) throw new FunnelError('FILE_UNREADABLE', `the header cannot be read: a quoted field is never closed`, { where: { file: display, line: start } });
      sink.reject(start, what, 'CSV_QUOTE_NOT_CLOSED');
    }
    return true;
  };

  const pass = async (startAt: number, origin = 0): Promise<void> => {
    const midFile = origin > 0 && resume ? { recordDelimiter: resume.recordDelimiter } : undefined;
    const guard = new RecordGuard({ delimiter: opts.delimiter, maxRecordSize: max, startAt, origin, eol: midFile?.recordDelimiter });
    // The guard passes no record longer than `max`; the readers' own bound only stops a
    // disagreement between them.
    const bound = 4 * max + 65536;
    let parser: Parser | null = null;

    /** csv-parse from the pass's start, or from where FastCsv handed over in mid-file. */
    const csvParse = (from: HandOver | null): Parser => {
      // csv-parse counts lines from 1 where it starts: line 1 is line lineBase + 1 of the file.
      lineBase = lastLine;
      drift = 0;
      parser = parse({
        delimiter: opts.delimiter,
        // From a hand-over in mid-file: no BOM there, and the line ends already discovered.
        bom: from === null || from.isAtStart,
        record_delimiter: from?.recordDelimiter ?? undefined,
        relax_column_count: true,
        skip_records_with_error: true,
        max_record_size: bound,
        on_skip: onSkip,
      });
      parser.on('data', (record: string[]) => onRecord(record, breaksIn(record)));
      return parser;
    };

    const onSkip = (err: (Error & { code?: string; lines?: number }) | undefined): undefined => {
      if (!err) return;
      const start = lastLine + 1;
      const reported = (err.lines ?? start) + lineBase - drift;
      if (err.code === 'CSV_MAX_RECORD_SIZE') {
        throw new FunnelError('FILE_UNREADABLE', `cannot read on from line ${start}: a record there could not be bounded`, { where: { file: display, line: start } });
      }
      // A second error inside the record already skipped (two stray quotes on one line).
      if (reported < start) return;
      lastLine = reported;
      const what = REASONS[err.code ?? ''] ?? err.message;
      const span =
        err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? ` (from line ${start} to the end of the file could not be read)`
          : reported > start
            ? ` (lines ${start}-${reported} could not be read)`
            : '';
      if (!headerSeen) {
        throw new FunnelError('FILE_UNREADABLE', `the header cannot be read: ${what}`, { where: { file: display, line: start } });
      }
      sink.reject(start, `${what}${span}`, err.code ?? 'CSV_ERROR');
    };

    /** A strict read ends before the record at hand: where it starts. */
    const stopStrict = (): void => {
      if (stoppedAt === null) {
        stoppedAt = { byte: origin + (fast?.consumed ?? 0), line: lastLine, headerLength, recordDelimiter: fast?.recordDelimiterText ?? '\n' };
      }
      failure ??= new StrictStop();
      fast?.destroy(failure as Error);
    };

    /** `breaks`: the line breaks inside the record's fields. */
    const onRecord = (record: string[], breaks: number): void => {
      if (failure !== null) return;
      if (opts.isStrict && (hasFallenBack || (record.length === 1 && record[0].startsWith(guard.marker)))) return stopStrict();
      const start = lastLine + 1;
      lastLine = start + breaks;
      const p = parser as Parser | null;
      if (p) drift = p.info.lines + lineBase - lastLine;
      // The sink may stop the run (a missing column, dates that need a format): end the stream
      // with its error instead of throwing from an event handler.
      try {
        if (record.length === 1 && skipped(record[0], guard.marker, start)) {
          if (p) drift = p.info.lines + lineBase - lastLine;
          return;
        }
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
      } catch (err) {
        if (opts.isStrict) {
          // The record is not read here: whoever reads on from the stop meets the error again.
          lastLine = start - 1;
          return stopStrict();
        }
        failure = err;
        (fast ?? (parser as Parser | null))?.destroy(err as Error);
      }
    };

    /**
     * Whether the fast reader stands exactly at the split's cut, every byte before it read as
     * whole records by itself. Waits for the bytes already read to pass through the stages (a
     * stage that holds some back, as the guard does inside a quote, means no).
     */
    const standsAtCut = async (at: number): Promise<boolean> => {
      let last = -1;
      for (let still = 0; still < 20; ) {
        if (fast === null || fast.isHandedOver || guard.markers > 0 || hasFallenBack || failure !== null) return false;
        if (fast.received === at) return fast.isAtRecordEnd;
        still = fast.received === last ? still + 1 : 0;
        last = fast.received;
        await nextTurn();
      }
      return false;
    };

    /** The first part of a split file, then (unless it stops at the cut) the rest. */
    async function* splitBytes(split: CsvSplit): AsyncGenerator<Buffer> {
      if (split.at > 0) yield* fileBytes(src.path, { end: split.at - 1 }) as AsyncIterable<Buffer>;
      if ((await standsAtCut(split.at)) && (await split.stop())) {
        stoppedAt = { byte: split.at, line: lastLine, headerLength, recordDelimiter: fast?.recordDelimiterText ?? '\n' };
        return;
      }
      yield* fileBytes(src.path, { start: split.at }) as AsyncIterable<Buffer>;
    }

    const bytes = (): Readable[] => {
      if (opts.split && startAt === 0 && src.compression === null) return [Readable.from(splitBytes(opts.split), { objectMode: false })];
      if (origin > 0) return [fileBytes(src.path, { start: origin })];
      return byteStages(src.path, src.compression, src);
    };

    lineBase = lastLine;
    drift = 0;
    const handOver = opts.isStrict
      ? (): Transform => {
          stopStrict();
          return new Transform({ transform: (_c, _e, done) => done() });
        }
      : csvParse;
    const fast = FastCsv.canRead(opts.delimiter) ? new FastCsv({ delimiter: opts.delimiter, maxRecordSize: bound, onRecord, handOver, midFile }) : null;
    if (opts.position) opts.position.get = () => origin + (fast?.consumed ?? 0);
    if (opts.isStrict && !fast) {
      stoppedAt = { byte: origin, line: lastLine, headerLength, recordDelimiter: resume?.recordDelimiter ?? '\n' };
      return;
    }
    try {
      // Decoding is strict: bytes that are not valid in the file's encoding stop the run.
      await pipeline([...bytes(), decodeStage(src), guard, fast ?? csvParse(null)]);
    } catch (err) {
      if (failure instanceof StrictStop) return;
      if (failure !== null) throw failure;
      const known = readError(err, src);
      if (known) throw known;
      throw new FunnelError('FILE_UNREADABLE', `cannot parse as CSV: ${(err as Error).message}`, { where: { file: display } });
    }
  };

  if (resume && (src.compression !== null || src.encoding !== 'utf-8')) throw new Error('readCsv: only plain UTF-8 can resume in mid-file');
  const fallback = src.onFallback;
  src = {
    ...src,
    // Bytes counted from where reading resumes; a mid-file read cannot tell an ASCII start.
    origin: resume?.byte ?? 0,
    isEncodingDetected: src.isEncodingDetected && !resume,
    onFallback(offset) {
      hasFallenBack = true;
      fallback?.(offset);
    },
  };
  await pass(0, resume?.byte ?? 0);
  if (stoppedAt !== null) return { stoppedAt };
  for (let n = 0; rereadFrom !== null; n++) {
    if (n === MAX_REREADS) {
      throw new FunnelError('FILE_UNREADABLE', `more than ${MAX_REREADS} quoted fields are never closed, each hiding more than ${formatSize(max)}`, {
        where: { file: display, line: lastLine },
        hint: 'check that the file is CSV with " as its quote, and the delimiter (funnel inspect shows it)',
      });
    }
    const from: number = rereadFrom;
    rereadFrom = null;
    await pass(from);
  }
  if (!headerSeen) {
    throw new FunnelError('EMPTY_FILE', 'the file is empty (no header line)', {
      where: { file: display },
      hint: 'export again; a file with no rows still needs its header line',
    });
  }
  return { stoppedAt: null };
}

function isBlank(record: string[]): boolean {
  for (const f of record) if (f.trim() !== '') return false;
  return true;
}
