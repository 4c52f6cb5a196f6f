import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { FunnelError } from '../errors.js';
import type { InputFormat } from './types.js';

const HEAD_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

export interface Head {
  bytes: Buffer;
  /** Total file size in bytes. */
  size: number;
}

/** Reads the first 64 KiB of a file, for format, encoding and delimiter detection. */
export async function readHead(path: string, display: string): Promise<Head> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fileError(err, display);
  }
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, bytesRead), size };
  } catch (err) {
    throw fileError(err, display);
  } finally {
    await handle.close();
  }
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
 * Decides the encoding: the configured one, else the BOM, else UTF-8 when the head is valid
 * UTF-8, else Windows-1252 (with a warning). Files with NUL bytes and no UTF-16 BOM are binary.
 */
export function detectEncoding(head: Buffer, configured: string | undefined, display: string, warnings: string[]): string {
  const bom = bomEncoding(head);
  if (configured) return normalizeEncoding(configured);
  if (bom) return bom;
  if (head.includes(0)) {
    throw new FunnelError('BINARY_FILE', 'this is not a text file (it contains NUL bytes)', {
      where: { file: display },
      hint: 'export the data as CSV, TSV, JSON or NDJSON; for UTF-16 without a byte-order mark set encoding: utf-16le',
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
        hint: 'export the data as CSV, TSV, JSON or NDJSON',
      });
    }
    warnings.push('not valid UTF-8: read as Windows-1252 (set encoding in the config if that is wrong)');
    return 'windows-1252';
  }
}

/** Many control characters other than tab, CR and LF mean binary data. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  return control > head.length * 0.01;
}

const FORMAT_BY_EXT: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/** Format from the extension, else from the first character (`[` JSON, `{` NDJSON, else CSV). */
export function detectFormat(path: string, text: string, display: string): InputFormat {
  const ext = extname(path).toLowerCase();
  if (['.xlsx', '.xls', '.xlsm', '.ods', '.gz', '.zip'].includes(ext)) {
    throw new FunnelError('UNSUPPORTED_FORMAT', `${ext} files are not supported`, {
      where: { file: display },
      hint: 'save the sheet as CSV (UTF-8) and pass that file',
    });
  }
  const first = text.trimStart()[0];
  const byExt = FORMAT_BY_EXT[ext];
  // A .json file holding one object per line is NDJSON.
  if (byExt === 'json' && first === '{') return 'ndjson';
  if (byExt) return byExt;
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
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
