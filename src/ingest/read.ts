import { TextDecoder } from 'node:util';
import { FunnelError } from '../errors.js';
import { readCsv, type CsvEnd, type CsvOptions } from './csv.js';
import type { TextSource } from './decode.js';
import { detectBinaryFormat, detectEncoding, detectFormat, findHeaderRow, HEADER_WINDOW, readHead, sniffDelimiter } from './detect.js';
import { readJsonArray, readNdjson } from './json.js';
import { DEFAULT_LIMITS, inputLimits } from './limits.js';
import { spoolStdin, STDIN, stdinFormat } from './stdin.js';
import type { FileMeta, RawRecord, ReadOptions, RecordSink } from './types.js';

/** What is known about a file before its records are read. */
export interface OpenedFile {
  path: string;
  display: string;
  meta: FileMeta;
  /** The encoding came from content, not from the config. */
  isEncodingDetected: boolean;
}

/**
 * Detects compression, format, encoding and delimiter from the first 64 KiB (of the
 * decompressed content for .gz files). `-` is standard input, spooled to a private file first
 * (its format from --input-format, else sniffed like any file without an extension).
 */
export async function openInput(path: string, display: string, options: ReadOptions): Promise<OpenedFile> {
  if (path === STDIN) {
    path = await spoolStdin();
    options = { ...options, format: options.format ?? stdinFormat() };
  }
  const head = await readHead(path, display);
  if (head.bytes.length === 0 || (head.isComplete && head.bytes.toString('latin1').trim() === '')) {
    throw new FunnelError('EMPTY_FILE', 'the file is empty', {
      where: { file: display },
      hint: 'export again; a file with no rows still needs its header line',
    });
  }
  const meta: FileMeta = {
    format: 'csv',
    encoding: 'utf-8',
    delimiter: null,
    compression: head.compression,
    sheet: null,
    hiddenColumns: [],
    headers: [],
    dateFormats: {},
    warnings: [],
  };
  // format: xlsx in the config still needs a workbook: the same checks as detection.
  const binary = options.format && options.format !== 'xlsx' ? null : detectBinaryFormat(path, head, display);
  if (options.format === 'xlsx' && binary !== 'xlsx') {
    throw new FunnelError('FILE_UNREADABLE', 'not an Excel workbook (format: xlsx is set, but .xlsx files are zip archives and this one is not)', {
      where: { file: display, key: options.sourceKey ? `${options.sourceKey}.format` : undefined },
      hint: 'point the source at the .xlsx file, or remove format: xlsx',
    });
  }
  if (binary === 'xlsx') {
    // Text in an XLSX workbook is UTF-8 XML; `encoding` does not apply.
    meta.format = 'xlsx';
    return { path, display, meta, isEncodingDetected: false };
  }
  meta.encoding = detectEncoding(head.bytes, options.encoding, display, meta.warnings, options.sourceKey);
  const text = new TextDecoder(meta.encoding).decode(head.bytes, { stream: true });
  meta.format = options.format ?? detectFormat(path, text, head.compression, head.isComplete);
  meta.delimiter = meta.format === 'tsv' ? '\t' : meta.format === 'csv' ? (options.delimiter ?? sniffDelimiter(text)) : null;
  return { path, display, meta, isEncodingDetected: !options.encoding };
}

/** How a CSV file is read in parts: the first part (`split`), or a part from mid-file (`resume`, `isStrict`). */
export type PartOptions = Pick<CsvOptions, 'split' | 'resume' | 'isStrict' | 'position'>;

/**
 * Streams the records of an opened file into `sink`; fills in `meta.headers` for JSON. A CSV
 * file may be read in parts (`part`); the end says where a part stopped.
 */
export async function readRecords(file: OpenedFile, options: ReadOptions, outer: RecordSink, part: PartOptions = {}): Promise<CsvEnd> {
  const { meta } = file;
  if (part.resume) {
    // In mid-file the header is known: rows wider than it are rejected as HeaderFinder does.
    const width = part.resume.headerLength;
    const sink: RecordSink = {
      header() {},
      record(record, line) {
        const cells = record as string[];
        if (cells.length > width) outer.reject(line, `${cells.length} fields, header has ${width}`, 'TOO_MANY_FIELDS');
        else outer.record(cells, line);
      },
      reject: (line, reason, code) => outer.reject(line, reason, code),
    };
    return readTable(file, options, sink, part);
  }
  if (meta.format === 'xlsx' || meta.format === 'csv' || meta.format === 'tsv') {
    const finder = new HeaderFinder(outer, file.display, meta.warnings);
    const end = await readTable(file, options, finder, part);
    finder.end();
    return end;
  }
  return readTable(file, options, outer, part);
}

async function readTable(file: OpenedFile, options: ReadOptions, sink: RecordSink, part: PartOptions): Promise<CsvEnd> {
  const { meta } = file;
  if (meta.format === 'xlsx') {
    // The sink's header() receives the header row; callers record it in meta.headers.
    // The gzip limits bound workbook parts too; a workbook's own expansion default (100×) holds unless raised.
    const limits = inputLimits();
    const isRatioRaised = limits.maxCompressionRatio !== DEFAULT_LIMITS.maxCompressionRatio;
    // Loaded for workbooks only: a CSV run (and a split file's worker) does without its code.
    const { readXlsx } = await import('./xlsx.js');
    await readXlsx(
      {
        path: file.path,
        display: file.display,
        sheet: options.sheet,
        sourceKey: options.sourceKey,
        maxInputSize: limits.maxDecompressedSize,
        ...(isRatioRaised ? { maxExpansion: limits.maxCompressionRatio } : {}),
      },
      meta,
      sink,
    );
    return { stoppedAt: null };
  }
  const src: TextSource = {
    path: file.path,
    display: file.display,
    compression: meta.compression,
    encoding: meta.encoding,
    isEncodingDetected: file.isEncodingDetected,
    sourceKey: options.sourceKey,
    onFallback(offset) {
      // A file read again (after a never-closed quote) falls back at the same byte: warn once.
      if (meta.encoding === 'windows-1252') return;
      meta.encoding = 'windows-1252';
      const fix = options.sourceKey ? `set ${options.sourceKey}.encoding` : 'set encoding on a source for this file';
      meta.warnings.push(
        `not valid UTF-8 from byte ${offset} on (everything before was plain ASCII): read as Windows-1252 (${fix} if that is wrong)`,
      );
    },
  };
  // A record size set on the call (tests, callers) wins over the process-wide limits.
  const limits = options.maxRecordSize ? { ...inputLimits(), maxRecordSize: options.maxRecordSize } : inputLimits();
  if (meta.format === 'json') {
    const read = await readJsonArray(src, sink, limits);
    meta.headers = read.headers;
    for (const w of read.warnings) if (!meta.warnings.includes(w)) meta.warnings.push(w);
  } else if (meta.format === 'ndjson') {
    meta.headers = await readNdjson(src, sink, limits);
  } else {
    // The sink's header() receives the CSV header; callers record it in meta.headers.
    return readCsv(src, { delimiter: meta.delimiter ?? ',', maxRecordSize: limits.maxRecordSize, ...part }, sink);
  }
  return { stoppedAt: null };
}

type Held = { kind: 'record'; cells: string[]; line: number } | { kind: 'reject'; line: number; reason: string; code: string };

/**
 * Finds the header of a CSV file or sheet below title and blank rows: the reader's first row
 * and the next HEADER_WINDOW - 1 are held until `findHeaderRow` decides, then handed on with the
 * real header. Rows above it are not rows of the file (a warning says which lines were skipped);
 * rows wider than the real header are rejected as the readers do.
 */
class HeaderFinder implements RecordSink {
  private held: Held[] = [];
  private isDecided = false;
  private width = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly display: string,
    private readonly warnings: string[],
  ) {}

  header(cells: string[], line: number): void {
    this.held.push({ kind: 'record', cells, line });
  }

  record(record: RawRecord, line: number): void {
    if (this.isDecided) return this.pass(record as string[], line);
    this.held.push({ kind: 'record', cells: record as string[], line });
    if (this.held.length >= HEADER_WINDOW) this.decide();
  }

  reject(line: number, reason: string, code: string): void {
    if (this.isDecided) return this.sink.reject(line, reason, code);
    this.held.push({ kind: 'reject', line, reason, code });
    if (this.held.length >= HEADER_WINDOW) this.decide();
  }

  /** Hands on what is still held, at the end of the file. */
  end(): void {
    if (!this.isDecided) this.decide();
  }

  private decide(): void {
    this.isDecided = true;
    const rows = this.held.filter((h): h is Extract<Held, { kind: 'record' }> => h.kind === 'record');
    if (rows.length === 0) return;
    const at = findHeaderRow(rows.map((r) => r.cells));
    const header = rows[at];
    const cut = this.held.find((h) => h.kind === 'reject' && h.code === 'TOO_MANY_FIELDS');
    const isTitleOnly = at === 0 && rows.length === 1 && rows[0].cells.filter((c) => c.trim() !== '').length === 1;
    if (cut && (isTitleOnly || (at > 0 && header.cells.length > rows[0].cells.length))) {
      // The reader took a title for the header and rejected the wider rows under it: their
      // cells are lost, so the table cannot be read from here.
      throw new FunnelError('FILE_UNREADABLE', `line ${rows[0].line} looks like a title above the table: the rows below it are wider (line ${cut.line})`, {
        where: { file: this.display, line: rows[0].line },
        hint: 'delete the title and blank lines above the header row, or fill the title row across the table (save the sheet again as CSV)',
      });
    }
    if (at > 0) {
      const last = header.line - 1;
      this.warnings.push(`header found on line ${header.line}; ${last === 1 ? 'line 1' : `lines 1–${last}`} skipped (a title or blank lines above the table are not rows)`);
    }
    this.width = header.cells.length;
    this.sink.header(header.cells, header.line);
    const held = this.held;
    this.held = [];
    for (const h of held) {
      if (h.line <= header.line) continue;
      if (h.kind === 'reject') this.sink.reject(h.line, h.reason, h.code);
      else this.pass(h.cells, h.line);
    }
  }

  private pass(cells: string[], line: number): void {
    // Rows under a title row were checked against the title's width by the reader.
    if (cells.length > this.width) this.sink.reject(line, `${cells.length} fields, header has ${this.width}`, 'TOO_MANY_FIELDS');
    else this.sink.record(cells, line);
  }
}

/** Thrown by the sampling sink to stop reading; never escapes sampleRecords. */
class SampleFull extends Error {}

/**
 * Reads records ahead of the main pass (which then streams the file from the start), handing
 * each to `take` with its line until `take` returns false or the file ends. Rows the reader
 * rejects are skipped; nothing of the file's metadata changes.
 */
export async function sampleRecords(file: OpenedFile, options: ReadOptions, take: (record: RawRecord, line: number) => boolean): Promise<void> {
  const copy: OpenedFile = { ...file, meta: { ...file.meta, headers: [], hiddenColumns: [], dateFormats: {}, warnings: [] } };
  // A reader stopped mid-file is let go by the stream after this returns, and holds this sink
  // until then: once done, the sink no longer reaches `take` (nor the records it keeps).
  let taking: typeof take | null = take;
  try {
    await readRecords(copy, options, {
      header() {},
      record(record, line) {
        if (taking === null || !taking(record, line)) throw new SampleFull();
      },
      reject() {},
    });
  } catch (err) {
    if (!(err instanceof SampleFull)) throw err;
  } finally {
    taking = null;
  }
}
