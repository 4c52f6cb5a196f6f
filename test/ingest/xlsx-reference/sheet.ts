import { MAX_CELL, type Book } from '../../../src/ingest/xlsx/book.js';
import { cellText, dateKind, isoDateText, serialText, xstring } from '../../../src/ingest/xlsx/cells.js';
import { XmlScanner, type Attrs, type XmlHandler } from './xml.js';

// The sheet reader as it was before cells were read in place (src/ingest/xlsx/sheet.ts), kept
// unchanged but for its input (the sheet's XML as text, fed in chunks of `chunk` characters,
// instead of a part of an archive), as the reference the differential test compares with.
//
// One sheet, streamed row by row. The format's optional parts are followed: a row without `r`
// follows the previous row, a cell without `r` the previous cell; cells are typed by `t`
// (shared string, inline string, formula string, boolean, error, ISO date, number) and a
// formula's cached value <v> is its value, 0 included.

/** The last column Excel allows (XFD). */
const MAX_COLUMN = 16_384;

export interface SheetRows {
  /** The 1-based numbers of hidden columns (<col hidden>), before the first row. */
  hidden(columns: Set<number>): void;
  /**
   * A row: its cells as text up to its last non-blank one ([] for a blank row), and what is
   * wrong with it (a cell that cannot be read), or null.
   */
  row(cells: string[], line: number, problem: { reason: string; code: string } | null): void;
}

const enum Into {
  None,
  Value,
  Text,
}

/** Reads the sheet `xml` into `out`, in chunks of `chunk` characters. */
export function readSheetText(xml: string, chunk: number, book: Book, out: SheetRows): void {
  const handler = sheetHandler(book, out);
  const scanner = new XmlScanner(handler);
  for (let i = 0; i < xml.length; i += chunk) scanner.write(xml.slice(i, i + chunk));
  scanner.end();
  handler.end();
}

/** The handler that turns a sheet's XML into rows for `out`; `end` when the part is read. */
export function sheetHandler(book: Book, out: SheetRows): XmlHandler & { end(): void } {
  const { strings, date1904, formats } = book;
  const kinds = formats.map((f) => dateKind(f));
  const hidden = new Set<number>();
  let isHiddenSent = false;
  let isInCols = false;
  let isInSheetData = false;
  let line = 0;
  let cells: string[] = [];
  let last = 0;
  let nextCol = 1;
  let problem: { reason: string; code: string } | null = null;
  // The cell being read.
  let isInCell = false;
  let ref = '';
  let col = 0;
  let type = '';
  let style = 0;
  let value = '';
  let text = '';
  let hasInline = false;
  let isTooLong = false;
  let into = Into.None;
  let phonetic = 0;

  const sendHidden = () => {
    if (isHiddenSent) return;
    isHiddenSent = true;
    out.hidden(hidden);
  };

  const endCell = () => {
    isInCell = false;
    into = Into.None;
    if (problem) return;
    if (col > MAX_COLUMN) {
      problem = { reason: `cell ${ref} is right of the last column a sheet can have (XFD)`, code: 'XLSX_BAD_CELL' };
      return;
    }
    const cellRef = () => `${columnName(col)}${line}`;
    let out: string;
    if (type === 'n' || type === '') {
      out = value === '' || value.trim() === '' ? '' : numberText(value, style);
    } else if (type === 's') {
      // No index: an empty cell (Number('') would be string 0).
      const s = value.trim() === '' ? '' : strings[Number(value)];
      if (s === undefined) {
        problem = { reason: `cell ${cellRef()} refers to shared string ${value.trim() || '(none)'}, which the workbook does not have`, code: 'XLSX_BAD_CELL' };
        return;
      }
      if (s === null) isTooLong = true;
      out = s ?? '';
    } else if (type === 'inlineStr') {
      out = xstring(hasInline ? text : value);
    } else if (type === 'str') {
      out = xstring(value);
    } else if (type === 'b') {
      out = value === '1' || value === 'true' ? 'TRUE' : value === '0' || value === 'false' ? 'FALSE' : value;
    } else if (type === 'd') {
      out = isoDateText(value);
    } else {
      // `e`: the error value as Excel shows it (#N/A, #VALUE!); an unknown type: the value.
      out = value;
    }
    if (isTooLong) {
      problem = { reason: `cell ${cellRef()} holds more than ${MAX_CELL / 1024 / 1024} MiB of text`, code: 'XLSX_CELL_TOO_LONG' };
      return;
    }
    if (out === '') return;
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = out;
    if (col > last && out.trim() !== '') last = col;
  };

  const numberText = (v: string, s: number): string => {
    const n = Number(v);
    if (Number.isNaN(n)) return v;
    const kind = kinds[s];
    if (kind) return serialText(n, kind, date1904);
    return Number.isInteger(n) && Math.abs(n) >= 1e15 ? cellText(n, undefined, date1904) : String(n);
  };

  const endRow = () => {
    cells.length = last;
    out.row(cells, line, problem);
    cells = [];
  };

  // Read in place: a sheet has millions of cells, and each string made is work for the GC.
  const startCell = (attrs: Attrs) => {
    const r = attrs.find('r');
    const column = r < 0 ? 0 : columnAt(attrs.s, attrs.start(r), attrs.end(r));
    // A reference past XFD is kept for the message; others are rebuilt from the position.
    ref = column > MAX_COLUMN || column < 0 ? (attrs.get('r') ?? '') : '';
    col = column === 0 ? nextCol : column < 0 ? (columnOf(attrs.get('r') ?? '') || nextCol) : column;
    nextCol = col + 1;
    const t = attrs.find('t');
    type = t < 0 ? '' : attrs.get('t') ?? '';
    const s = attrs.find('s');
    style = s < 0 ? 0 : digitsAt(attrs.s, attrs.start(s), attrs.end(s));
    value = '';
    text = '';
    hasInline = false;
    isTooLong = false;
    phonetic = 0;
    isInCell = true;
  };

  return {
    end: sendHidden,
    cell(attrs: Attrs, v: string | null) {
      if (!isInSheetData) return;
      startCell(attrs);
      if (v !== null) {
        if (v.length > MAX_CELL) isTooLong = true;
        else value = v;
      }
      endCell();
    },
    open(name: string, attrs: Attrs, isEmpty: boolean) {
      switch (name) {
        case 'c':
          if (!isInSheetData) return;
          startCell(attrs);
          if (isEmpty) endCell();
          return;
        case 'v':
          if (isInCell && !isEmpty) into = Into.Value;
          return;
        case 't':
          if (isInCell && hasInline && phonetic === 0 && !isEmpty) into = Into.Text;
          return;
        case 'is':
          if (isInCell) hasInline = true;
          return;
        case 'rPh':
          if (isInCell && !isEmpty) phonetic++;
          return;
        case 'row':
          if (!isInSheetData) return;
          const r = attrs.get('r');
          line = r !== undefined && /^\d+$/.test(r) ? Number(r) : line + 1;
          cells = [];
          last = 0;
          nextCol = 1;
          problem = null;
          if (isEmpty) endRow();
          return;
        case 'sheetData':
          sendHidden();
          isInSheetData = !isEmpty;
          return;
        case 'cols':
          isInCols = !isEmpty;
          return;
        case 'col':
          const isHidden = isInCols && attrs.get('hidden');
          if (isHidden === '1' || isHidden === 'true') {
            const min = Number(attrs.get('min'));
            const max = Number(attrs.get('max') ?? min);
            // Bounded: a style applied to every column (max 16384) must not be expanded needlessly.
            if (Number.isInteger(min) && min >= 1) for (let c = min; c <= Math.min(max, min + 1024); c++) hidden.add(c);
          }
          return;
      }
    },
    close(name: string) {
      switch (name) {
        case 'v':
        case 't':
          into = Into.None;
          return;
        case 'rPh':
          if (isInCell) phonetic--;
          return;
        case 'c':
          if (isInCell) endCell();
          return;
        case 'row':
          if (isInSheetData) endRow();
          return;
        case 'sheetData':
          isInSheetData = false;
          return;
        case 'cols':
          isInCols = false;
          return;
      }
    },
    text(piece: string) {
      if (into === Into.None || isTooLong) return;
      if (into === Into.Value) {
        if (value.length + piece.length > MAX_CELL) isTooLong = true;
        else value += piece;
      } else if (text.length + piece.length > MAX_CELL) isTooLong = true;
      else text += piece;
    },
  };
}

/**
 * The column of the reference written in s[start, end) (`AB12` → 28), read in place; 0 when it
 * has none, -1 when it is written with an entity (then read decoded with columnOf).
 */
function columnAt(s: string, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 38) return -1;
    const lower = c | 0x20;
    if (lower < 97 || lower > 122) break;
    col = col * 26 + (lower - 96);
    if (col > MAX_COLUMN) return MAX_COLUMN + 1;
  }
  return col;
}

/** The whole number written in s[start, end) (a style index), read in place; 0 when it is not one. */
function digitsAt(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || n > 1e9) return 0;
    n = n * 10 + d;
  }
  return n;
}

/** The letters of a column (28 → `AB`). */
function columnName(col: number): string {
  let name = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** The 1-based column of a cell reference (`AB12` → 28); 0 when it has none. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    // Past XFD already: keep it past, without growing further.
    if (col > MAX_COLUMN) return MAX_COLUMN + 1;
  }
  return col;
}
