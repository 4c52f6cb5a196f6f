import { open } from 'node:fs/promises';
import { FunnelError } from '../errors.js';
import { fileError } from './detect.js';
import type { FileMeta, RecordSink } from './types.js';
import { readBook, type Book, type SheetInfo } from './xlsx/book.js';
import { PartError } from './xlsx/part.js';
import { readSheet } from './xlsx/sheet.js';
import { PartTooLarge, ZipArchive, type ZipLimits } from './xlsx/zip.js';

export { cellText, isDateFormat } from './xlsx/cells.js';

// XLSX: the archive is opened through its central directory (yauzl), the parts the sheet needs
// are read first (relationships, workbook, styles, shared strings: xlsx/book.ts), then the one
// sheet is streamed row by row (xlsx/sheet.ts) through a hand-written XML scanner (xlsx/xml.ts).
// Memory holds the shared strings and the styles, not the rows. Every part is checked against
// the size limits below before it is inflated.

/** What the reader needs to know about the file. */
export interface XlsxSource {
  path: string;
  display: string;
  /** Sheet name, or 1-based position in the workbook; default: the first visible sheet. */
  sheet?: string | number;
  sourceKey?: string | null;
  /** Bytes one part of the workbook may inflate to (the shared strings: a quarter of it). */
  maxInputSize?: number;
  /** Inflated ÷ stored size allowed for a part above 16 MiB. */
  maxExpansion?: number;
}

/**
 * The default limits: 2 GiB per part (a sheet of a million rows and 30 columns is about half of
 * it), so 512 MiB of shared strings; a part may be 100 times its stored size (real parts are
 * 3 to 15 times; a zip bomb is about 1,000).
 */
export const XLSX_LIMITS: ZipLimits = { maxInputSize: 2 * 1024 ** 3, maxExpansion: 100 };

/**
 * The parts read before the sheet, of the workbook read last: a run reads a workbook twice
 * (a sample of rows ahead, for the dates, then all of them), and the shared strings are the
 * larger part of the cost of a small read. Keyed by the file's identity, size and time.
 */
let lastBook: { key: string; book: Book } | null = null;

/**
 * Streams the rows of one sheet into `sink`: the first non-blank row is the header, each later
 * non-blank row a record at its sheet row number; cells as `cellText` writes them. Fills in
 * `meta.sheet` and `meta.hiddenColumns`.
 */
export async function readXlsx(src: XlsxSource, meta: FileMeta, sink: RecordSink): Promise<void> {
  const version = await checkZipDirectory(src.path, src.display);
  const limits: ZipLimits = { maxInputSize: src.maxInputSize ?? XLSX_LIMITS.maxInputSize, maxExpansion: src.maxExpansion ?? XLSX_LIMITS.maxExpansion };
  const key = `${src.path}\0${version}\0${limits.maxInputSize}\0${limits.maxExpansion}`;
  let header: string[] | null = null;
  let hidden = new Set<number>();
  let archive: ZipArchive | null = null;
  // An error thrown by the sink stops the read and is rethrown as it is.
  let sinkError: unknown = null;
  const deliver = (f: () => void) => {
    try {
      f();
    } catch (err) {
      sinkError = err;
      throw err;
    }
  };
  try {
    archive = await ZipArchive.open(src.path);
    const book = lastBook?.key === key ? lastBook.book : await readBook(archive, limits);
    lastBook = book ? { key, book } : null;
    if (!book) {
      throw new FunnelError('FILE_UNREADABLE', 'no workbook inside: this zip archive is not an Excel workbook', {
        where: { file: src.display },
        hint: 'export the data again as .xlsx or CSV',
      });
    }
    const target = targetSheet(book.sheets, src);
    meta.sheet = target.name;
    if (!target.part) {
      throw new FunnelError('FILE_UNREADABLE', `sheet "${target.name}" is listed in the workbook, but its part is missing`, {
        where: { file: src.display },
        hint: 'the file is damaged: open it in Excel and save it again, or export CSV',
      });
    }
    await readSheet(archive, target.part, book, limits, {
      hidden(columns) {
        hidden = columns;
      },
      row(cells, line, problem) {
        if (header === null) {
          if (problem) {
            throw new FunnelError('FILE_UNREADABLE', `the header row cannot be read: ${problem.reason}`, {
              where: { file: src.display, line },
              hint: 'open the workbook in Excel and save it again, or export CSV',
            });
          }
          if (cells.length === 0) return;
          header = cells;
          meta.hiddenColumns = [...hidden].filter((c) => c <= cells.length && cells[c - 1].trim() !== '').map((c) => cells[c - 1].trim());
          deliver(() => sink.header(cells, line));
        } else if (problem) {
          deliver(() => sink.reject(line, problem.reason, problem.code));
        } else if (cells.length === 0) {
          return;
        } else if (cells.length > header.length) {
          const reason = `${cells.length} cells, header has ${header.length} (a value right of the table)`;
          deliver(() => sink.reject(line, reason, 'TOO_MANY_FIELDS'));
        } else {
          deliver(() => sink.record(cells, line));
        }
      },
    });
  } catch (err) {
    if (sinkError !== null) throw sinkError;
    throw workbookError(err, src.display);
  } finally {
    archive?.close();
  }
  if (header === null) {
    throw new FunnelError('EMPTY_FILE', `sheet "${meta.sheet}" is empty (no header row)`, {
      where: { file: src.display },
      hint: typeof src.sheet === 'undefined' ? 'set sheet: on the source to read another sheet' : 'check the sheet: key of the source',
    });
  }
}

// End of central directory: "PK\x05\x06", within the last 22 + 65,535 bytes of a zip file.
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * A zip archive ends with its directory; a file cut short (an interrupted download) has none.
 * Checked first, for a message that says so. Returns the file's identity, size and time.
 */
async function checkZipDirectory(path: string, display: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size, dev, ino, mtimeMs } = await handle.stat();
    const length = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    // The record is 22 bytes plus its comment, and ends the file.
    for (let i = tail.lastIndexOf(EOCD); i >= 0; i = i > 0 ? tail.lastIndexOf(EOCD, i - 1) : -1) {
      if (i + 22 <= length && i + 22 + tail.readUInt16LE(i + 20) === length) return `${dev}:${ino}:${size}:${mtimeMs}`;
    }
  } catch (err) {
    throw fileError(err, display);
  } finally {
    await handle?.close();
  }
  throw incomplete(display);
}

function incomplete(display: string): FunnelError {
  return new FunnelError('FILE_UNREADABLE', 'the workbook is incomplete: the end of its zip archive is missing', {
    where: { file: display },
    hint: 'the file was probably cut off while downloading or copying: export or download it again',
  });
}

const mib = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`);

/**
 * The error to stop the run with: FunnelErrors (the sink's included) as they are, the rest as
 * an unreadable workbook naming the part.
 */
function workbookError(err: unknown, display: string): Error {
  if (err instanceof FunnelError) return err;
  if (err instanceof PartTooLarge) {
    const isStrings = /sharedStrings/i.test(err.part);
    const what =
      err.limit === 'size'
        ? `${err.part} would inflate to ${mib(err.size)}, over the limit of ${mib(err.max)}${isStrings ? ' for the shared strings, which are held in memory (a quarter of --max-decompressed-size)' : ' for one part (--max-decompressed-size)'}`
        : `${err.part} would inflate to ${mib(err.size)} from ${mib(err.stored)}, ${Math.round(err.size / Math.max(err.stored, 1))} times its size, over the limit of ${err.max} times (--max-compression-ratio)`;
    return new FunnelError('INPUT_TOO_LARGE', `the workbook is too large to read safely: ${what}`, {
      where: { file: display },
      hint: `a file this compressed is usually a zip bomb; if the workbook is genuine, raise the limit (${err.limit === 'size' ? '--max-decompressed-size 8GiB' : '--max-compression-ratio 1000'}) or save the sheet as CSV`,
    });
  }
  if (err instanceof PartError) {
    return new FunnelError('FILE_UNREADABLE', `cannot read the workbook: ${err.message}`, {
      where: { file: display },
      hint: 'the file may be damaged: open it in Excel and save it again, or export CSV',
    });
  }
  return new FunnelError('FILE_UNREADABLE', `cannot read the workbook (${(err as Error).message})`, {
    where: { file: display },
    hint: 'the file may be damaged or not an .xlsx workbook: open it in Excel and save it again, or export CSV',
  });
}

/** The sheet to read: by `sheet:` (name or 1-based position), else the first visible one. */
function targetSheet(sheets: SheetInfo[], src: XlsxSource): SheetInfo {
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  const key = src.sourceKey ? `${src.sourceKey}.sheet` : undefined;
  if (typeof src.sheet === 'number') {
    const s = sheets[src.sheet - 1];
    if (!s) {
      throw new FunnelError('FILE_UNREADABLE', `the workbook has ${sheets.length} sheet${sheets.length === 1 ? '' : 's'}, so there is no sheet ${src.sheet}`, {
        where: { file: src.display, key },
        hint: `its sheets are: ${names}`,
      });
    }
    return s;
  }
  if (typeof src.sheet === 'string') {
    const wanted = src.sheet.trim().toLowerCase();
    const s = sheets.find((x) => x.name === src.sheet) ?? sheets.find((x) => x.name.trim().toLowerCase() === wanted);
    if (!s) {
      throw new FunnelError('FILE_UNREADABLE', `no sheet named "${src.sheet}"`, { where: { file: src.display, key }, hint: `its sheets are: ${names}` });
    }
    return s;
  }
  return sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0] ?? { name: '', state: 'visible', part: null };
}
