import { TextDecoder } from 'node:util';
import { FunnelError } from '../errors.js';
import { readCsv } from './csv.js';
import { detectEncoding, detectFormat, readHead, sniffDelimiter } from './detect.js';
import { readJsonArray, readNdjson } from './json.js';
import type { FileMeta, ReadOptions, RecordSink } from './types.js';

/** What is known about a file before its records are read. */
export interface OpenedFile {
  path: string;
  display: string;
  meta: FileMeta;
}

/** Detects format, encoding and delimiter from the first 64 KiB. */
export async function openInput(path: string, display: string, options: ReadOptions): Promise<OpenedFile> {
  const head = await readHead(path, display);
  if (head.bytes.length === 0 || (head.size === head.bytes.length && head.bytes.toString('latin1').trim() === '')) {
    throw new FunnelError('EMPTY_FILE', 'the file is empty', {
      where: { file: display },
      hint: 'export again; a file with no rows still needs its header line',
    });
  }
  const warnings: string[] = [];
  const encoding = detectEncoding(head.bytes, options.encoding, display, warnings);
  const text = new TextDecoder(encoding).decode(head.bytes, { stream: true });
  const format = options.format ?? detectFormat(path, text, display);
  const delimiter = format === 'tsv' ? '\t' : format === 'csv' ? (options.delimiter ?? sniffDelimiter(text)) : null;
  return { path, display, meta: { format, encoding, delimiter, headers: [], warnings } };
}

/** Streams the records of an opened file into `sink`; fills in `meta.headers`. */
export async function readRecords(file: OpenedFile, options: ReadOptions, sink: RecordSink): Promise<void> {
  const { meta } = file;
  if (meta.format === 'json') {
    meta.headers = await readJsonArray(file.path, file.display, meta.encoding, sink);
  } else if (meta.format === 'ndjson') {
    meta.headers = await readNdjson(file.path, file.display, meta.encoding, sink);
  } else {
    // The sink's header() receives the CSV header; callers record it in meta.headers.
    await readCsv(file.path, file.display, { delimiter: meta.delimiter ?? ',', encoding: meta.encoding, maxRecordSize: options.maxRecordSize }, sink);
  }
}
