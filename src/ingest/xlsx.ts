import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { FunnelError } from '../errors.js';
import { readError } from './decode.js';
import { fileError } from './detect.js';
import type { FileMeta, RecordSink } from './types.js';

// XLSX goes through exceljs's streaming reader, kept behind this one file so another reader can
// replace it. Rows are read one at a time; memory holds the workbook's shared strings and
// styles, not its rows. Gotchas handled here:
// - exceljs's own streaming pass unzips front to back: a sheet stored before the workbook part,
//   the styles or the shared strings is read without its name, its dates (serial numbers
//   instead) or its text, and some archives stall it. The archive is opened through its central
//   directory instead (unzipper.Open), and exceljs's parsers are fed the parts in the order
//   they need: relationships, workbook, shared strings, styles, then the one sheet;
// - the streaming reader turns date-formatted number cells into Dates (with styles cached),
//   but not formula results: those are converted here from the cell's number format;
// - exceljs Dates are the cell's serial read as UTC, so the calendar date shown in the cell is
//   the Date's UTC date;
// - the streaming reader does not keep `hidden` on columns: it is read from the sheet's <cols>.
// The exceljs methods used below are internal to its 4.4.0 release, which package.json pins.

/** What the reader needs to know about the file. */
export interface XlsxSource {
  path: string;
  display: string;
  /** Sheet name, or 1-based position in the workbook; default: the first visible sheet. */
  sheet?: string | number;
  sourceKey?: string | null;
}

interface SheetModel {
  name: string;
  state?: string;
  rId?: string;
}

/** exceljs's streaming WorkbookReader, with the internals used here. */
interface ReaderInternals {
  model?: { sheets?: SheetModel[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}
interface SheetInternals extends AsyncIterable<ExcelJS.Row> {
  /** The sheet's XML as exceljs reads it; replaced to watch it go by. */
  iterator: AsyncIterable<Buffer | string>;
}

/**
 * Streams the rows of one sheet into `sink`: the first non-blank row is the header, each later
 * non-blank row a record at its sheet row number; cells as `cellText` writes them. Fills in
 * `meta.sheet` and `meta.hiddenColumns`.
 */
export async function readXlsx(src: XlsxSource, meta: FileMeta, sink: RecordSink): Promise<void> {
  await checkZipDirectory(src.path, src.display);
  // Loaded on first use: they are large, and most runs read no workbook.
  const [{ default: excel }, { default: unzipper }] = await Promise.all([import('exceljs'), import('unzipper')]);
  let headerSeen = false;
  let headerLength = 0;
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
    const directory = await unzipper.Open.file(src.path);
    const parts = new Map(directory.files.map((f) => [f.path.replace(/^\//, ''), f]));
    const part = (name: string) => parts.get(name)?.stream();
    const reader = new excel.stream.xlsx.WorkbookReader(src.path, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as ReaderInternals;
    const rels = part('xl/_rels/workbook.xml.rels');
    const book = part('xl/workbook.xml');
    if (!rels || !book) {
      throw new FunnelError('FILE_UNREADABLE', 'no workbook inside: this zip archive is not an Excel workbook', {
        where: { file: src.display },
        hint: 'export the data again as .xlsx or CSV',
      });
    }
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const strings = part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings));
    const styles = part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);

    const target = targetSheet(reader.model?.sheets ?? [], src);
    const rel = (reader.workbookRels ?? []).find((r) => r.Id === target.rId);
    const path = rel ? (rel.Target.startsWith('/') ? rel.Target.slice(1) : `xl/${rel.Target}`) : '';
    const stream = part(path);
    if (!stream) {
      throw new FunnelError('FILE_UNREADABLE', `sheet "${target.name}" is listed in the workbook, but its part (${path || 'unknown'}) is missing`, {
        where: { file: src.display },
        hint: 'the file is damaged: open it in Excel and save it again, or export CSV',
      });
    }
    const [event] = reader._parseWorksheet(stream, /(\d+)\.xml$/.exec(path)?.[1] ?? '1');
    const sheet = event.value as SheetInternals;
    meta.sheet = target.name;
    const hidden = tapHiddenColumns(sheet);
    const date1904 = reader.properties?.model?.date1904 === true;
    for await (const row of sheet) {
      const cells = rowTexts(row, date1904);
      if (cells.length === 0) continue;
      if (!headerSeen) {
        headerSeen = true;
        headerLength = cells.length;
        meta.hiddenColumns = [...hidden].filter((c) => c <= cells.length && cells[c - 1].trim() !== '').map((c) => cells[c - 1].trim());
        deliver(() => sink.header(cells, row.number));
        continue;
      }
      if (cells.length > headerLength) {
        const reason = `${cells.length} cells, header has ${headerLength} (a value right of the table)`;
        deliver(() => sink.reject(row.number, reason, 'TOO_MANY_FIELDS'));
        continue;
      }
      deliver(() => sink.record(cells, row.number));
    }
  } catch (err) {
    if (sinkError !== null) throw sinkError;
    throw readError(err, { display: src.display, compression: null }) ?? workbookError(err, src.display);
  }
  if (!headerSeen) {
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
 * Checked first, for a message that says so.
 */
async function checkZipDirectory(path: string, display: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    // The record is 22 bytes plus its comment, and ends the file.
    for (let i = tail.lastIndexOf(EOCD); i >= 0; i = i > 0 ? tail.lastIndexOf(EOCD, i - 1) : -1) {
      if (i + 22 <= length && i + 22 + tail.readUInt16LE(i + 20) === length) return;
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

function workbookError(err: unknown, display: string): FunnelError {
  if ((err as Error).message === 'FILE_ENDED') return incomplete(display);
  return new FunnelError('FILE_UNREADABLE', `cannot read the workbook (${(err as Error).message})`, {
    where: { file: display },
    hint: 'the file may be damaged or not an .xlsx workbook: open it in Excel and save it again, or export CSV',
  });
}

/** The sheet to read: by `sheet:` (name or 1-based position), else the first visible one. */
function targetSheet(sheets: SheetModel[], src: XlsxSource): SheetModel {
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
  return sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0] ?? { name: '' };
}

const SHEET_DATA = /<(?:\w+:)?sheetData[\s>/]/;
const COL = /<(?:\w+:)?col\b([^>]*)>/g;

/**
 * Watches the sheet's XML as exceljs reads it, up to <sheetData>, and collects the 1-based
 * numbers of hidden columns from the <col min max hidden> elements there.
 */
function tapHiddenColumns(sheet: SheetInternals): Set<number> {
  const hidden = new Set<number>();
  const source = sheet.iterator;
  sheet.iterator = (async function* () {
    let text = '';
    let isScanning = true;
    for await (const chunk of source) {
      if (isScanning) {
        text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        const end = text.search(SHEET_DATA);
        if (end !== -1 || text.length > 1024 * 1024) {
          collectHidden(end === -1 ? text : text.slice(0, end), hidden);
          isScanning = false;
          text = '';
        }
      }
      yield chunk;
    }
  })();
  return hidden;
}

function collectHidden(xml: string, hidden: Set<number>): void {
  for (const m of xml.matchAll(COL)) {
    const attrs = m[1];
    if (!/\bhidden\s*=\s*["'](?:1|true)["']/.test(attrs)) continue;
    const min = Number(/\bmin\s*=\s*["'](\d+)["']/.exec(attrs)?.[1]);
    const max = Number(/\bmax\s*=\s*["'](\d+)["']/.exec(attrs)?.[1] ?? min);
    // Bounded: a style applied to every column (max 16384) must not be expanded needlessly.
    if (Number.isInteger(min) && min >= 1) for (let c = min; c <= Math.min(max, min + 1024); c++) hidden.add(c);
  }
}

/** The row's cells as text, up to its last non-empty cell; [] for a blank row. */
function rowTexts(row: ExcelJS.Row, date1904: boolean): string[] {
  const cells: string[] = [];
  let last = 0;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell.value, cell.numFmt, date1904);
    if (text === '') return;
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = text;
    if (text.trim() !== '') last = col;
  });
  cells.length = last;
  return cells;
}

/**
 * A cell value as text, as the sheet shows it: dates as `yyyy-MM-dd` (with ` HH:mm[:ss]` when
 * they have a time of day; see dateText for times alone), formulas as their cached result, rich
 * text and hyperlinks as their text, errors as `#N/A` etc., booleans as TRUE/FALSE, numbers in
 * full without their number format.
 */
export function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    if (isDateFormat(numFmt)) return dateText(excelDate(value, date1904), numFmt, date1904);
    // Excel keeps 15 significant digits: a larger whole number is an id it has already cut
    // short. Written in scientific notation (5.8050280000439E+18), as Excel shows it, not as an
    // exact-looking number.
    if (Number.isInteger(value) && Math.abs(value) >= 1e15) return value.toExponential().toUpperCase();
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value, numFmt, date1904);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt, date1904);
    if (typeof v.error === 'string') return v.error;
    if ('text' in v) return cellText(v.text, numFmt, date1904);
  }
  return String(value);
}

/** The format's tokens: without quoted text and [colour], [$-locale] or [h] parts. */
const bareFormat = (numFmt: string) => numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');

/** True for a number format that shows a date or time (as exceljs decides for plain cells). */
export function isDateFormat(numFmt: string | undefined): boolean {
  return numFmt ? /[ymdhMsb]/.test(bareFormat(numFmt)) : false;
}

/** True for a format showing a time or duration only (h, m, s; no day or year): `h:mm`, `[h]:mm:ss`. */
function isTimeFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = bareFormat(numFmt);
  return !/[yd]/i.test(bare) && (/[hs]/i.test(bare) || isElapsedFormat(numFmt));
}

/** True for an elapsed-time format: `[h]:mm`, `[mm]:ss`. */
function isElapsedFormat(numFmt: string | undefined): boolean {
  return numFmt ? /\[(?:h+|m+|s+)\]/i.test(numFmt) : false;
}

// Excel serials count days from 1899-12-30 (1900 system) or 1904-01-01 (1904 system).
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function excelDate(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * 86_400_000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `yyyy-MM-dd[ HH:mm[:ss]]` from the UTC fields, to the nearest second as Excel shows times.
 * A time of day with no date (a serial below 1 in a time format) gives `HH:mm:ss`, and an
 * elapsed-time format (`[h]:mm`) the duration, hours counted past 24. A date shown with a
 * time-only format keeps its date: it is data the row may need.
 */
function dateText(exact: Date, numFmt: string | undefined, date1904: boolean): string {
  if (Number.isNaN(exact.getTime())) return '';
  const d = new Date(Math.round(exact.getTime() / 1000) * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const seconds = d.getUTCSeconds();
  const sinceEpoch = Math.round((d.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / 1000);
  if (isElapsedFormat(numFmt) || (isTimeFormat(numFmt) && sinceEpoch >= 0 && sinceEpoch < 86_400)) {
    return `${pad(Math.floor(sinceEpoch / 3600))}:${pad(Math.floor(sinceEpoch / 60) % 60)}:${pad(sinceEpoch % 60)}`;
  }
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && seconds === 0) return date;
  return seconds === 0 ? `${date} ${time}` : `${date} ${time}:${pad(seconds)}`;
}
