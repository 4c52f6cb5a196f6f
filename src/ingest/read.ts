import { TextDecoder } from 'node:util';
import { FunnelError } from '../errors.js';
import { readCsv } from './csv.js';
import type { TextSource } from './decode.js';
import { detectBinaryFormat, detectEncoding, detectFormat, readHead, sniffDelimiter } from './detect.js';
import { readJsonArray, readNdjson } from './json.js';
import { inputLimits } from './limits.js';
import { spoolStdin, STDIN, stdinFormat } from './stdin.js';
import type { FileMeta, RawRecord, ReadOptions, RecordSink } from './types.js';
import { readXlsx } from './xlsx.js';

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

/** Streams the records of an opened file into `sink`; fills in `meta.headers` for JSON. */
export async function readRecords(file: OpenedFile, options: ReadOptions, sink: RecordSink): Promise<void> {
  const { meta } = file;
  if (meta.format === 'xlsx') {
    // The sink's header() receives the header row; callers record it in meta.headers.
    await readXlsx({ path: file.path, display: file.display, sheet: options.sheet, sourceKey: options.sourceKey }, meta, sink);
    return;
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
    await readCsv(src, { delimiter: meta.delimiter ?? ',', maxRecordSize: limits.maxRecordSize }, sink);
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
  try {
    await readRecords(copy, options, {
      header() {},
      record(record, line) {
        if (!take(record, line)) throw new SampleFull();
      },
      reject() {},
    });
  } catch (err) {
    if (!(err instanceof SampleFull)) throw err;
  }
}
