import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { FunnelError } from '../errors.js';
import type { Compression, InputFormat } from './types.js';

const HEAD_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

export interface Head {
  /** The first 64 KiB of the content (decompressed for .gz files). */
  bytes: Buffer;
  /** Size of the file on disk, in bytes. */
  size: number;
  compression: Compression;
  /** The head holds the whole content. */
  isComplete: boolean;
}

/** True when the bytes start like a gzip stream. */
export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** True when the bytes start like a zip archive (XLSX files are zip archives). */
export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** True for an OLE compound file: old .xls workbooks, and encrypted (password-protected) .xlsx. */
function isOleFile(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

/** Reads the first 64 KiB of a file (of its decompressed content when it is gzip), for detection. */
export async function readHead(path: string, display: string): Promise<Head> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fileError(err, display);
  }
  let head: Head;
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = { bytes: buf.subarray(0, bytesRead), size, compression: null, isComplete: bytesRead === size };
  } catch (err) {
    throw fileError(err, display);
  } finally {
    await handle.close();
  }
  return isGzip(head.bytes) ? gunzipHead(path, display, head.size) : head;
}

/** The first 64 KiB of a gzip file's content; stops decompressing there. */
async function gunzipHead(path: string, display: string, size: number): Promise<Head> {
  const source = createReadStream(path);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  const chunks: Buffer[] = [];
  let total = 0;
  let isComplete = true;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= HEAD_BYTES) {
        isComplete = false;
        break;
      }
    }
  } catch (err) {
    throw gzipError(err, display);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  const bytes = Buffer.concat(chunks);
  return { bytes: bytes.subarray(0, HEAD_BYTES), size, compression: 'gzip', isComplete };
}

/** A zlib failure (corrupt or truncated .gz) as a FunnelError; other errors as file errors. */
export function gzipError(err: unknown, display: string): FunnelError {
  if (err instanceof FunnelError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.syscall) return fileError(err, display);
  return new FunnelError('FILE_UNREADABLE', `not a valid gzip file (${e.message})`, {
    where: { file: display },
    hint: 'the file is damaged or was cut off: download or export it again',
  });
}

export function fileError(err: unknown, display: string): FunnelError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new FunnelError('FILE_NOT_FOUND', 'no such file', { where: { file: display }, hint: 'check the path (globs are relative to the config file)' });
  }
  if (code === 'EISDIR') return new FunnelError('FILE_UNREADABLE', 'is a directory, not a file', { where: { file: display } });
  return new FunnelError('FILE_UNREADABLE', `cannot read file (${code ?? (err as Error).message})`, { where: { file: display } });
}

/** Encoding from a byte-order mark, or null. */
export function bomEncoding(bytes: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Canonical encoding name for TextDecoder. */
export function normalizeEncoding(name: string): string {
  const n = name.toLowerCase();
  if (n === 'utf8') return 'utf-8';
  if (n === 'latin1') return 'windows-1252';
  return n;
}

/**
 * Decides the encoding: the configured one, else the BOM, else UTF-16 when NUL bytes sit in
 * every other byte (a warning: there is no BOM), else UTF-8 when the head is valid UTF-8, else
 * Windows-1252 (with a warning). Other files with NUL bytes are binary.
 */
export function detectEncoding(head: Buffer, configured: string | undefined, display: string, warnings: string[], sourceKey?: string | null): string {
  const fix = sourceKey ? `set ${sourceKey}.encoding` : 'set encoding on a source for this file';
  const bom = bomEncoding(head);
  if (configured) return normalizeEncoding(configured);
  if (bom) return bom;
  if (head.includes(0)) {
    const utf16 = sniffUtf16(head);
    if (utf16) {
      warnings.push(`no byte-order mark, but the bytes look like ${utf16.toUpperCase()} text: read as ${utf16} (${fix} if that is wrong)`);
      return utf16;
    }
    throw new FunnelError('BINARY_FILE', 'this is not a text file (it contains NUL bytes)', {
      where: { file: display },
      hint: 'export the data as CSV, TSV, JSON, NDJSON or XLSX; for UTF-16 without a byte-order mark set encoding: utf-16le',
    });
  }
  try {
    // A multi-byte character may be cut at the end of the head: decode in streaming mode.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    if (looksBinary(head)) {
      throw new FunnelError('BINARY_FILE', 'this is not a text file', {
        where: { file: display },
        hint: 'export the data as CSV, TSV, JSON, NDJSON or XLSX',
      });
    }
    warnings.push(`not valid UTF-8: read as Windows-1252 (${fix} if that is wrong)`);
    return 'windows-1252';
  }
}

/**
 * UTF-16 without a BOM: text that is mostly Latin script has a NUL in nearly every high byte
 * (odd positions for little-endian, even for big-endian) and almost none in the low bytes.
 */
export function sniffUtf16(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.5 && even <= pairs * 0.01) return 'utf-16le';
  if (even >= pairs * 0.5 && odd <= pairs * 0.01) return 'utf-16be';
  return null;
}

/** Many control characters other than tab, CR and LF mean binary data. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  return control > head.length * 0.01;
}

/** The extension that names the format: `.csv` for `calls.csv.gz`, lower-cased. */
export function formatExtension(path: string, compression: Compression): string {
  let name = basename(path).toLowerCase();
  if (compression === 'gzip' && name.endsWith('.gz')) name = name.slice(0, -3);
  return extname(name);
}

const UNSUPPORTED: Record<string, { what: string; hint: string }> = {
  '.xls': { what: 'old Excel .xls workbooks are not supported', hint: 'open it in Excel and save it as .xlsx or as CSV UTF-8' },
  '.xlsb': { what: 'binary Excel .xlsb workbooks are not supported', hint: 'open it in Excel and save it as .xlsx or as CSV UTF-8' },
  '.ods': { what: 'OpenDocument spreadsheets are not supported', hint: 'save the sheet as .xlsx or as CSV UTF-8' },
  '.numbers': { what: 'Numbers spreadsheets are not supported', hint: 'export the sheet as .xlsx or as CSV' },
  '.zip': { what: 'zip archives are not supported', hint: 'unzip it and pass the files inside' },
};

/**
 * Format of a binary file from its first bytes and name: `xlsx` for a zip archive (or an
 * .xlsx/.xlsm name), null for text, which `detectFormat` decides. Unsupported kinds are errors.
 */
export function detectBinaryFormat(path: string, head: Head, display: string): 'xlsx' | null {
  const ext = formatExtension(path, head.compression);
  const unsupported = UNSUPPORTED[ext];
  if (unsupported) throw new FunnelError('UNSUPPORTED_FORMAT', unsupported.what, { where: { file: display }, hint: unsupported.hint });
  const isExcelName = ext === '.xlsx' || ext === '.xlsm';
  if (isExcelName && isOleFile(head.bytes)) {
    throw new FunnelError('UNSUPPORTED_FORMAT', 'a password-protected workbook (or an old .xls file renamed) is not supported', {
      where: { file: display },
      hint: 'open it in Excel and save a copy without a password, as .xlsx or as CSV UTF-8',
    });
  }
  if (isZip(head.bytes) && head.compression === 'gzip') {
    // The workbook reader needs to check the end of the archive, which a gzip stream hides.
    throw new FunnelError('UNSUPPORTED_FORMAT', 'a gzip-compressed workbook is not supported (.xlsx files are compressed already)', {
      where: { file: display },
      hint: 'gunzip it and pass the .xlsx file',
    });
  }
  if (isZip(head.bytes)) return 'xlsx';
  if (isExcelName) {
    throw new FunnelError('FILE_UNREADABLE', `not an Excel workbook: ${ext} files are zip archives, and this one is not`, {
      where: { file: display },
      hint: 'export it again; if it is really a CSV or text file, rename it to .csv',
    });
  }
  return null;
}

const FORMAT_BY_EXT: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/**
 * Format of a text file from the extension (looking through `.gz`), else from the first
 * character (`[` JSON, `{` JSON or NDJSON, else CSV). Text starting with `{` is told apart by
 * content whatever the extension (see jsonKind): a pretty-printed object is a JSON document.
 */
export function detectFormat(path: string, text: string, compression: Compression = null, isComplete = false): InputFormat {
  const ext = formatExtension(path, compression);
  const first = text.trimStart().replace(/^\uFEFF/, '')[0];
  const byExt = FORMAT_BY_EXT[ext];
  const isJsonish = byExt === undefined || byExt === 'json' || byExt === 'ndjson';
  if (first === '{' && isJsonish) return jsonKind(text, isComplete);
  // NDJSON records are objects: a file starting with `[` is an array whatever its name says.
  if (first === '[' && isJsonish) return 'json';
  return byExt ?? 'csv';
}

const RECORD_KEY = new Set(['records', 'data', 'results', 'items', 'rows', 'value']);

/**
 * Whether text starting with `{` is one JSON document or NDJSON, from the first value: a
 * value that spans lines is a (pretty-printed) document, since NDJSON puts each record on one
 * line. A one-line value followed by another is NDJSON. A single one-line value, or one longer
 * than the head, is a document when it holds an array under a records key at its top level
 * (`{"records": [`), else NDJSON.
 */
export function jsonKind(text: string, isComplete: boolean): 'json' | 'ndjson' {
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  let lastKey = '';
  let hasRecordsArray = false;
  let i = text.indexOf('{');
  for (; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === '\n') return 'json';
    if (c === '"') {
      inString = true;
      stringStart = i;
    } else if (c === '{' || c === '[') {
      if (c === '[' && depth === 1 && RECORD_KEY.has(lastKey) && /^\s*:\s*$/.test(text.slice(text.lastIndexOf('"', i - 1) + 1, i))) hasRecordsArray = true;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  if (i >= text.length) return hasRecordsArray ? 'json' : 'ndjson';
  const rest = text.slice(i + 1).trim();
  if (rest === '' && (isComplete || hasRecordsArray)) return hasRecordsArray ? 'json' : 'ndjson';
  return 'ndjson';
}

/**
 * Sniffs the delimiter from the first lines: the candidate that splits the header into the most
 * fields and splits the following lines into the same number. Quoted text is skipped.
 */
export function sniffDelimiter(text: string): string {
  const lines = firstLines(text, 10);
  if (lines.length === 0) return ',';
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const header = counts[0];
    if (header === 0) continue;
    const consistent = counts.slice(1).filter((c) => c === header).length;
    // Consistency across lines matters more than the raw count.
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function firstLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) {
      const line = text.slice(start, i).replace(/\r$/, '');
      if (line.trim() !== '') lines.push(line);
      start = i + 1;
    }
  }
  if (lines.length < max && start < text.length && text.length < 64 * 1024) {
    const rest = text.slice(start).replace(/\r$/, '');
    if (rest.trim() !== '') lines.push(rest);
  }
  return lines;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === d && !inQuotes) n++;
  }
  return n;
}

/** How many records at the top of a sheet are looked at to find its header. */
export const HEADER_WINDOW = 12;

const nonEmpty = (row: readonly string[]) => row.reduce((n, c) => (c.trim() === '' ? n : n + 1), 0);
const NUMBER_OR_DATE = /^[\d\s.,:/+\-$€£%]+$/;

/**
 * The index of the header among the first records of a CSV file or sheet: 0, unless the table
 * starts under a title. Rows above the header are titles when each has less than half of the
 * widest row's cells filled (`Acme Sales - Weekly Activity Report,,,,`); the header is the first
 * fuller row, when its cells are distinct labels (not numbers or dates). Anything else keeps the
 * first row: a file is never read worse than before.
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const widest = Math.max(0, ...rows.map(nonEmpty));
  if (widest < 2) return 0;
  // A title fills less than half the widest row: one cell of two does not make a title.
  const at = rows.findIndex((r) => nonEmpty(r) * 2 >= widest);
  if (at <= 0) return 0;
  const labels = rows[at].map((c) => c.trim()).filter((c) => c !== '');
  const isLabels = labels.every((c) => !NUMBER_OR_DATE.test(c)) && new Set(labels.map((c) => c.toLowerCase())).size === labels.length;
  return isLabels ? at : 0;
}
