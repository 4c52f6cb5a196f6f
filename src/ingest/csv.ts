import { pipeline } from 'node:stream/promises';
import { parse, type Parser } from 'csv-parse';
import { FunnelError } from '../errors.js';
import { byteStages, decodeStage, readError, type TextSource } from './decode.js';
import { FastCsv, type HandOver } from './fast-csv.js';
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

/** Number of line breaks inside the fields of one record (CRLF counts once, as LF does). */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    let i = f.indexOf('\n');
    while (i !== -1) {
      n++;
      i = f.indexOf('\n', i + 1);
    }
  }
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
 * FastCsv does not accept (or all of it, for a delimiter FastCsv does not handle).
 */
export async function readCsv(src: TextSource, opts: { delimiter: string; maxRecordSize?: number }, sink: RecordSink): Promise<void> {
  const { display } = src;
  let headerSeen = false;
  let headerLength = 0;
  let lastLine = 0;
  // csv-parse counts a CRLF inside a quoted field as two lines; `drift` is how far its count
  // (parser.info.lines) has run ahead of ours, to translate the line numbers of its errors.
  let drift = 0;
  // csv-parse's line 1 is line lineBase + 1 of the file: it may start where FastCsv stopped.
  let lineBase = 0;
  const maxRecordSize = opts.maxRecordSize ?? MAX_RECORD_SIZE;

  let parser: Parser | null = null;
  const csvParse = (from: HandOver | null): Parser => {
    lineBase = lastLine;
    drift = 0;
    parser = parse({
      delimiter: opts.delimiter,
      // From a hand-over in mid-file: no BOM there, and the line ends already discovered.
      bom: from === null || from.isAtStart,
      record_delimiter: from?.recordDelimiter ?? undefined,
      relax_column_count: true,
      skip_records_with_error: true,
      max_record_size: maxRecordSize,
      on_skip: onSkip,
    });
    parser.on('data', onRecord);
    return parser;
  };
  const onSkip = (err: (Error & { code?: string; lines?: number }) | undefined): undefined => {
    if (!err) return;
    const start = lastLine + 1;
    const reported = (err.lines ?? start) + lineBase - drift;
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

  // The first error the sink throws ends the stream and is what the read fails with.
  let failure: unknown = null;
  const onRecord = (record: string[]) => {
    if (failure !== null) return;
    const start = lastLine + 1;
    lastLine = start + breaksIn(record);
    if (parser) drift = parser.info.lines + lineBase - lastLine;
    if (isBlank(record)) return;
    // The sink may stop the run (a missing column, dates that need a format): end the stream
    // with its error instead of throwing from an event handler.
    try {
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
      failure = err;
      (fast ?? (parser as Parser)).destroy(err as Error);
    }
  };

  const fast = FastCsv.canRead(opts.delimiter) ? new FastCsv({ delimiter: opts.delimiter, maxRecordSize, onRecord, handOver: csvParse }) : null;
  try {
    // Decoding is strict: bytes that are not valid in the file's encoding stop the run.
    await pipeline([...byteStages(src.path, src.compression), decodeStage(src), fast ?? csvParse(null)]);
  } catch (err) {
    if (failure !== null) throw failure;
    const known = readError(err, src);
    if (known) throw known;
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
