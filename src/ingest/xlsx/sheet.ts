import { MAX_CELL, type Book } from './book.js';
import { cellText, dateKind, isoDateText, serialMsText, serialText, xstring, type DateKind } from './cells.js';
import { scanPart } from './part.js';
import type { Attrs, CellSpans, XmlHandler } from './xml.js';
import { attrValue } from './xml-text.js';
import type { ZipArchive, ZipLimits } from './zip.js';

// One sheet, streamed row by row. The format's optional parts are followed: a row without `r`
// follows the previous row, a cell without `r` the previous cell; cells are typed by `t`
// (shared string, inline string, formula string, boolean, error, ISO date, number) and a
// formula's cached value <v> is its value, 0 included. Most cells arrive read in place
// (CellSpans): their values are read where they are in the chunk, and a string is made only for
// what a row holds (a shared string is looked up by its index's digits). A cell read from the
// chunk's bytes in its commonest shapes is turned into text from the bytes (bareCell).

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

/** A cell's `t`: absent and `n` are numbers. */
const enum Type {
  Number,
  Shared,
  Inline,
  Str,
  Bool,
  Date,
  /** `e` (an error value, as Excel shows it) and unknown types: the value as it stands. */
  Other,
}

/** Streams the sheet stored in `part` into `out`. */
export async function readSheet(archive: ZipArchive, part: string, book: Book, limits: ZipLimits, out: SheetRows): Promise<void> {
  const handler = sheetHandler(book, out);
  await scanPart(archive, part, limits, handler);
  handler.end();
}

/** The handler that turns a sheet's XML into rows for `out`; `end` when the part is read. */
export function sheetHandler(book: Book, out: SheetRows): XmlHandler & { end(): void } {
  return new SheetHandler(book, out);
}

// A class, not closures over the read's state: a run reads a workbook twice (the date sample,
// then all rows), and closures made a second time are optimised less well than an object's
// fields are read.
class SheetHandler implements XmlHandler {
  private readonly strings: (string | null)[];
  private readonly date1904: boolean;
  private readonly kinds: (DateKind | null)[];
  private readonly hidden = new Set<number>();
  private isHiddenSent = false;
  private isInCols = false;
  private isInSheetData = false;
  private line = 0;
  private cells: string[] = [];
  private last = 0;
  private nextCol = 1;
  private problem: { reason: string; code: string } | null = null;
  // The cell being read.
  private isInCell = false;
  private ref = '';
  private col = 0;
  private type = Type.Number;
  private style = 0;
  private value = '';
  private inlineText = '';
  private hasInline = false;
  private isTooLong = false;
  private into = Into.None;
  private phonetic = 0;
  // Whether each shared string is blank (isBlank), found when first needed.
  private blankStrings: Uint8Array | null = null;

  constructor(
    book: Book,
    private readonly rows: SheetRows,
  ) {
    this.strings = book.strings;
    this.date1904 = book.date1904;
    this.kinds = book.formats.map((f) => dateKind(f));
  }

  end(): void {
    this.sendHidden();
  }

  private sendHidden(): void {
    if (this.isHiddenSent) return;
    this.isHiddenSent = true;
    this.rows.hidden(this.hidden);
  }

  /** Ends the cell whose value (the text of <v>) is vs[a, b). */
  private endCell(vs: string, a: number, b: number): void {
    this.isInCell = false;
    this.into = Into.None;
    if (this.problem) return;
    const col = this.col;
    if (col > MAX_COLUMN) {
      this.problem = { reason: `cell ${this.ref} is right of the last column a sheet can have (XFD)`, code: 'XLSX_BAD_CELL' };
      return;
    }
    const type = this.type;
    let out: string;
    if (type === Type.Number) {
      out = this.numberAt(vs, a, b);
    } else if (type === Type.Shared) {
      // No index: an empty cell (Number('') would be string 0).
      const index = digitsIn(vs, a, b, 9);
      const s = index >= 0 ? this.strings[index] : vs.slice(a, b).trim() === '' ? '' : this.strings[Number(vs.slice(a, b))];
      if (s === undefined) {
        this.problem = { reason: `cell ${columnName(col)}${this.line} refers to shared string ${vs.slice(a, b).trim() || '(none)'}, which the workbook does not have`, code: 'XLSX_BAD_CELL' };
        return;
      }
      if (s === null) this.isTooLong = true;
      out = s ?? '';
    } else if (type === Type.Inline) {
      out = xstring(this.hasInline ? this.inlineText : vs.slice(a, b));
    } else if (type === Type.Str) {
      out = xstring(vs.slice(a, b));
    } else if (type === Type.Bool) {
      const value = vs.slice(a, b);
      out = value === '1' || value === 'true' ? 'TRUE' : value === '0' || value === 'false' ? 'FALSE' : value;
    } else if (type === Type.Date) {
      out = isoDateText(vs.slice(a, b));
    } else {
      out = vs.slice(a, b);
    }
    if (this.isTooLong) {
      this.problem = { reason: `cell ${columnName(col)}${this.line} holds more than ${MAX_CELL / 1024 / 1024} MiB of text`, code: 'XLSX_CELL_TOO_LONG' };
      return;
    }
    if (out === '') return;
    const cells = this.cells;
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = out;
    if (col > this.last && !isBlank(out)) this.last = col;
  }

  /** A number cell's text: a date when its style is a date format, else the number in full. */
  private numberAt(vs: string, a: number, b: number): string {
    if (a === b) return '';
    // Whole numbers of up to 15 digits (ids, counts) as they are written: that is their text.
    const n = digitsIn(vs, a, b, 15);
    const kind = this.kinds[this.style];
    if (n >= 0) {
      if (kind) return serialText(n, kind, this.date1904);
      // Below 13 characters a slice is a copy, not a view that keeps the chunk alive.
      return b - a < 13 && (b - a === 1 || vs.charCodeAt(a) !== 48) ? vs.slice(a, b) : String(n);
    }
    if (kind) {
      // A date's serial (`46163.58194444444`) read exactly without Number(), when it can be.
      const x = decimalIn(vs, a, b);
      if (x >= 0) return serialText(x, kind, this.date1904);
      const ms = serialMsIn(vs, a, b);
      if (ms >= 0) return serialMsText(ms, kind, this.date1904);
    }
    const v = vs.slice(a, b);
    if (v.trim() === '') return '';
    return this.numberText(v, this.style);
  }

  private numberText(v: string, s: number): string {
    const n = Number(v);
    if (Number.isNaN(n)) return v;
    const kind = this.kinds[s];
    if (kind) return serialText(n, kind, this.date1904);
    return Number.isInteger(n) && Math.abs(n) >= 1e15 ? cellText(n, undefined, this.date1904) : String(n);
  }

  private endRow(): void {
    const cells = this.cells;
    if (cells.length !== this.last) cells.length = this.last;
    this.rows.row(cells, this.line, this.problem);
    this.cells = [];
  }

  // Read in place: a sheet has millions of cells, and each string made is work for the GC. The
  // attributes are given as places in `s`, start -1 when absent.
  private startCell(s: string, r: number, rEnd: number, st: number, stEnd: number, t: number, tEnd: number): void {
    const column = r < 0 ? 0 : columnAt(s, r, rEnd);
    // A reference past XFD is kept for the message; others are rebuilt from the position.
    this.ref = column > MAX_COLUMN || column < 0 ? attrValue(s.slice(r, rEnd)) : '';
    this.col = column === 0 ? this.nextCol : column < 0 ? columnOf(this.ref) || this.nextCol : column;
    this.nextCol = this.col + 1;
    this.type = t < 0 ? Type.Number : typeAt(s, t, tEnd);
    this.style = st < 0 ? 0 : digitsAt(s, st, stEnd);
    this.value = '';
    this.inlineText = '';
    this.hasInline = false;
    this.isTooLong = false;
    this.phonetic = 0;
    this.isInCell = true;
  }

  private startCellTag(attrs: Attrs): void {
    const r = attrs.find('r');
    const st = attrs.find('s');
    const t = attrs.find('t');
    this.startCell(attrs.s, r < 0 ? -1 : attrs.start(r), r < 0 ? -1 : attrs.end(r), st < 0 ? -1 : attrs.start(st), st < 0 ? -1 : attrs.end(st), t < 0 ? -1 : attrs.start(t), t < 0 ? -1 : attrs.end(t));
  }

  /** A row starts; its `r` is s[r, rEnd), r -1 when absent, or its number `known` (from bytes). */
  private startRow(s: string, r: number, rEnd: number, isEmpty: boolean, known = -1): void {
    if (!this.isInSheetData) return;
    // Read in place when it is plain digits.
    const n = known >= 0 ? known : r < 0 ? -1 : digitsIn(s, r, rEnd, 15);
    const text = n >= 0 || r < 0 ? undefined : attrValue(s.slice(r, rEnd));
    this.line = n >= 0 ? n : text !== undefined && /^\d+$/.test(text) ? Number(text) : this.line + 1;
    this.cells = [];
    this.last = 0;
    this.nextCol = 1;
    this.problem = null;
    if (isEmpty) this.endRow();
  }

  /**
   * A cell read from bytes (scanBareCell) in its common shape — `r` plain or absent, no type or
   * `s` or `n`, a value of digits — turned into text as endCell would, without its string helpers;
   * false, with nothing changed, for anything else, which `cell` then reads.
   */
  private bareCell(b: Buffer, c: CellSpans): boolean {
    if (this.problem || c.vEnd - c.v > MAX_CELL) return false;
    // No `r`, or one without letters: the next column.
    const at = c.r < 0 ? 0 : columnAtBytes(b, c.r, c.rEnd);
    const column = at === 0 ? this.nextCol : at;
    if (column < 0 || column > MAX_COLUMN) return false;
    let isShared = false;
    if (c.type >= 0) {
      const t = c.typeEnd - c.type === 1 ? b[c.type] : 0;
      if (t === 115) isShared = true;
      else if (t !== 110) return false;
    }
    const st = c.style < 0 ? 0 : styleAtBytes(b, c.style, c.styleEnd);
    const a = c.v;
    const e = c.vEnd;
    let out = '';
    // The shared string's index, -1 for other cells.
    let index = -1;
    if (a < 0 || a === e) {
      // No value: an empty cell (a shared string without an index too).
    } else if (isShared) {
      index = digitsInBytes(b, a, e, 9);
      const text = index >= 0 ? this.strings[index] : undefined;
      // Not an index, or no such string, or one too long: read as before, for the problem.
      if (text === undefined || text === null) return false;
      out = text;
    } else {
      const kind = this.kinds[st];
      const n = digitsInBytes(b, a, e, 15);
      if (n >= 0) {
        // Whole numbers of up to 15 digits: their digits, without leading zeros.
        out = kind ? serialText(n, kind, this.date1904) : e - a < 13 && (e - a === 1 || b[a] !== 48) ? (c.chunk !== null ? c.chunk.slice(a, e) : b.toString('latin1', a, e)) : String(n);
      } else if (kind) {
        const x = decimalInBytes(b, a, e);
        if (x >= 0) {
          out = serialText(x, kind, this.date1904);
        } else {
          const ms = serialMsInBytes(b, a, e);
          if (ms < 0) return false;
          out = serialMsText(ms, kind, this.date1904);
        }
      } else {
        return false;
      }
    }
    // The state startCell and endCell leave.
    this.ref = '';
    this.col = column;
    this.nextCol = column + 1;
    this.type = isShared ? Type.Shared : Type.Number;
    this.style = st;
    this.value = '';
    this.inlineText = '';
    this.hasInline = false;
    this.isTooLong = false;
    this.phonetic = 0;
    this.isInCell = false;
    this.into = Into.None;
    if (out === '') return true;
    const cells = this.cells;
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = out;
    if (column > this.last) {
      // Numbers and dates are never blank; a shared string's blankness is found once.
      if (index < 0) {
        this.last = column;
      } else {
        const blank = this.blankStrings ?? (this.blankStrings = new Uint8Array(this.strings.length).fill(2));
        if (blank[index] === 2) blank[index] = isBlank(out) ? 1 : 0;
        if (blank[index] === 0) this.last = column;
      }
    }
    return true;
  }

  row(c: CellSpans, isEmpty: boolean): void {
    if (!this.isInSheetData) return;
    // Read from the bytes when the row was, and its number is absent or plain digits.
    const n = c.b === null || c.r < 0 ? -1 : digitsInBytes(c.b, c.r, c.rEnd, 15);
    if (c.b !== null && (c.r < 0 || n >= 0)) this.startRow('', -1, -1, isEmpty, n);
    else this.startRow(c.s, c.r, c.rEnd, isEmpty);
  }

  cell(c: CellSpans): void {
    if (!this.isInSheetData) return;
    if (c.b !== null && this.bareCell(c.b, c)) return;
    this.startCell(c.s, c.r, c.rEnd, c.style, c.styleEnd, c.type, c.typeEnd);
    if (c.v < 0) {
      this.endCell('', 0, 0);
    } else if (c.text !== null) {
      if (c.text.length > MAX_CELL) this.isTooLong = true;
      this.endCell(this.isTooLong ? '' : c.text, 0, this.isTooLong ? 0 : c.text.length);
    } else if (c.vEnd - c.v > MAX_CELL) {
      this.isTooLong = true;
      this.endCell('', 0, 0);
    } else {
      this.endCell(c.s, c.v, c.vEnd);
    }
  }

  open(name: string, attrs: Attrs, isEmpty: boolean): void {
    switch (name) {
      case 'c':
        if (!this.isInSheetData) return;
        this.startCellTag(attrs);
        if (isEmpty) this.endCell('', 0, 0);
        return;
      case 'v':
        if (this.isInCell && !isEmpty) this.into = Into.Value;
        return;
      case 't':
        if (this.isInCell && this.hasInline && this.phonetic === 0 && !isEmpty) this.into = Into.Text;
        return;
      case 'is':
        if (this.isInCell) this.hasInline = true;
        return;
      case 'rPh':
        if (this.isInCell && !isEmpty) this.phonetic++;
        return;
      case 'row': {
        const k = attrs.find('r');
        this.startRow(attrs.s, k < 0 ? -1 : attrs.start(k), k < 0 ? -1 : attrs.end(k), isEmpty);
        return;
      }
      case 'sheetData':
        this.sendHidden();
        this.isInSheetData = !isEmpty;
        return;
      case 'cols':
        this.isInCols = !isEmpty;
        return;
      case 'col': {
        const isHidden = this.isInCols && attrs.get('hidden');
        if (isHidden === '1' || isHidden === 'true') {
          const min = Number(attrs.get('min'));
          const max = Number(attrs.get('max') ?? min);
          // Bounded: a style applied to every column (max 16384) must not be expanded needlessly.
          if (Number.isInteger(min) && min >= 1) for (let c = min; c <= Math.min(max, min + 1024); c++) this.hidden.add(c);
        }
        return;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.into = Into.None;
        return;
      case 'rPh':
        if (this.isInCell) this.phonetic--;
        return;
      case 'c':
        if (this.isInCell) this.endCell(this.value, 0, this.value.length);
        return;
      case 'row':
        if (this.isInSheetData) this.endRow();
        return;
      case 'sheetData':
        this.isInSheetData = false;
        return;
      case 'cols':
        this.isInCols = false;
        return;
    }
  }

  text(piece: string): void {
    if (this.into === Into.None || this.isTooLong) return;
    if (this.into === Into.Value) {
      if (this.value.length + piece.length > MAX_CELL) this.isTooLong = true;
      else this.value += piece;
    } else if (this.inlineText.length + piece.length > MAX_CELL) this.isTooLong = true;
    else this.inlineText += piece;
  }
}

/** The type written in s[start, end) (a `t` attribute). */
function typeAt(s: string, start: number, end: number): Type {
  switch (end - start) {
    case 0:
      return Type.Number;
    case 1:
      switch (s.charCodeAt(start)) {
        case 110: // n
          return Type.Number;
        case 115: // s
          return Type.Shared;
        case 98: // b
          return Type.Bool;
        case 100: // d
          return Type.Date;
      }
      break;
    case 3:
      if (s.startsWith('str', start)) return Type.Str;
      break;
    case 9:
      if (s.startsWith('inlineStr', start)) return Type.Inline;
      break;
  }
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    // Written with an entity or a whitespace character: read decoded.
    if (c === 38 || c < 32) return typeOf(attrValue(s.slice(start, end)));
  }
  return Type.Other;
}

function typeOf(t: string): Type {
  return t === '' || t === 'n' ? Type.Number : t === 's' ? Type.Shared : t === 'inlineStr' ? Type.Inline : t === 'str' ? Type.Str : t === 'b' ? Type.Bool : t === 'd' ? Type.Date : Type.Other;
}

/** The whole number written in s[start, end) with 1 to `max` digits and nothing else; -1 otherwise. */
function digitsIn(s: string, start: number, end: number, max: number): number {
  if (end <= start || end - start > max) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const POW10 = Array.from({ length: 23 }, (_v, k) => 10 ** k);

/**
 * The number written in s[start, end) as digits, a point and digits, when it can be read
 * exactly by one division (its digits as a whole number below 2^53, at most 22 after the
 * point: both exact doubles, and a division is correctly rounded, as Number() is); else -1.
 */
function decimalIn(s: string, start: number, end: number): number {
  let n = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && point < 0) point = i;
    else if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
    else return -1;
  }
  const decimals = point < 0 ? 0 : end - point - 1;
  if (end - start === (point < 0 ? 0 : 1) || n > Number.MAX_SAFE_INTEGER || decimals > 22) return -1;
  return n / POW10[decimals];
}

/**
 * `Math.round(Number(v) * 86_400_000)` for a serial v = s[start, end) written as digits, a point
 * and 5 to 13 digits, below 2^17 (a date before 2258), whose digits are too many for decimalIn
 * (`46302.424305555556`); -1 when it is not such a serial or the result is not certain.
 *
 * v × 86,400,000 is whole × 86,400,000 + fraction digits × 864 ÷ 10^(decimals - 5): an exact
 * integer plus g, one correctly rounded division of exact integers below 2^53. Number(v) is
 * within half an ulp of v, and its product rounded again; below 2^17 the product differs from
 * v × 86,400,000 by less than 2^-9. So unless g is within 2^-7 of a half, the product rounds as
 * v × 86,400,000 does; otherwise -1, and the caller takes Number().
 */
function serialMsIn(s: string, start: number, end: number): number {
  let whole = 0;
  let i = start;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const decimals = end - i - 1;
  if (i === start || whole >= 131_072 || decimals < 5 || decimals > 13 || s.charCodeAt(i) !== 46) return -1;
  let fraction = 0;
  for (i++; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    fraction = fraction * 10 + d;
  }
  const g = (fraction * 864) / POW10[decimals - 5];
  const ms = Math.floor(g);
  const rest = g - ms;
  if (rest > 0.5 - 1 / 128 && rest < 0.5 + 1 / 128) return -1;
  return whole * 86_400_000 + (rest < 0.5 ? ms : ms + 1);
}

// The same readings, from the bytes of a chunk (scanBareCell): cheaper than charCodeAt.

/** digitsIn in bytes. */
function digitsInBytes(b: Uint8Array, start: number, end: number, max: number): number {
  if (end <= start || end - start > max) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** decimalIn in bytes. */
function decimalInBytes(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === 46 && point < 0) point = i;
    else if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
    else return -1;
  }
  const decimals = point < 0 ? 0 : end - point - 1;
  if (end - start === (point < 0 ? 0 : 1) || n > Number.MAX_SAFE_INTEGER || decimals > 22) return -1;
  return n / POW10[decimals];
}

/** serialMsIn in bytes. */
function serialMsInBytes(b: Uint8Array, start: number, end: number): number {
  let whole = 0;
  let i = start;
  for (; i < end; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const decimals = end - i - 1;
  if (i === start || whole >= 131_072 || decimals < 5 || decimals > 13 || b[i] !== 46) return -1;
  let fraction = 0;
  for (i++; i < end; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    fraction = fraction * 10 + d;
  }
  const g = (fraction * 864) / POW10[decimals - 5];
  const ms = Math.floor(g);
  const rest = g - ms;
  if (rest > 0.5 - 1 / 128 && rest < 0.5 + 1 / 128) return -1;
  return whole * 86_400_000 + (rest < 0.5 ? ms : ms + 1);
}

/** columnAt in bytes: 0 when there are no letters, -1 for an entity, past MAX_COLUMN as MAX_COLUMN + 1. */
function columnAtBytes(b: Uint8Array, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === 38) return -1;
    const lower = c | 0x20;
    if (lower < 97 || lower > 122) break;
    col = col * 26 + (lower - 96);
    if (col > MAX_COLUMN) return MAX_COLUMN + 1;
  }
  return col;
}

/** digitsAt in bytes. */
function styleAtBytes(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9 || n > 1e9) return 0;
    n = n * 10 + d;
  }
  return n;
}

/** True for text that trim() makes empty; checks the first character before trimming. */
function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  return !(c > 32 && c < 127) && text.trim() === '';
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
