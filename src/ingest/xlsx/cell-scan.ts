import { decode, entities } from './xml-text.js';

// A sheet cell in its common shape, read whole and in place. A sheet is mostly cells like
// `<c r="B2" s="1" t="s"><v>12</v></c>`, millions of them; read tag by tag (every attribute
// recorded, names matched, the value sliced and decoded) they were most of a workbook's cost.
// Here only the places of `r`, `s`, `t` and of the value in the chunk are noted, and the sheet
// reader decodes what it needs (a shared-string index is read as digits, never made a string).
// What is not this shape (a child other than <f> and <v>, text or a comment between them,
// CDATA, `</c >`, a cell cut by the end of the chunk, anything malformed) is left to the
// scanner's general path, which reads it tag by tag with the same result or reports the error.
// A cell exactly as Excel writes it is read from the chunk's bytes (scanBareCell), fewer checks
// for each character and each cheaper than charCodeAt; anything else goes to scanCell.

/** Where the parts of a cell are in the chunk `s`; valid only during the handler's `cell` call. */
export class CellSpans {
  /** @internal The chunk as text; null until asked for when the chunk is read from `b` alone. */
  chunk: string | null = '';
  /**
   * The chunk's bytes (the same characters, one byte each) when the cell or row was read from
   * them (scanBareCell, scanBareRowTag); else null.
   */
  b: Buffer | null = null;

  // The bytes decoded last, and their text: a piece is decoded once, however many cells ask.
  private decodedOf: Buffer | null = null;
  private decoded = '';

  /** The chunk the places are in, as text (decoded when first asked for). */
  get s(): string {
    if (this.chunk === null) {
      if (this.decodedOf !== this.b) {
        this.decodedOf = this.b;
        this.decoded = (this.b as Buffer).toString('latin1');
      }
      this.chunk = this.decoded;
    }
    return this.chunk;
  }

  set s(text: string) {
    this.chunk = text;
  }

  /** Start and end of the value of `r`, as written (not decoded); start -1 when absent. */
  r = -1;
  rEnd = -1;
  /** The same for `s` (the style). */
  style = -1;
  styleEnd = -1;
  /** The same for `t` (the type). */
  type = -1;
  typeEnd = -1;
  /** Start and end of the text of <v> in `s`; start -1 without a <v>. */
  v = -1;
  vEnd = -1;
  /** The text of <v> decoded when it holds an entity or a CR (its text is then this, not s[v, vEnd)); else null. */
  text: string | null = null;
  /** @internal The tag read last was empty (`<v/>`). */
  isEmpty = false;
}

/** The tags of a row and a cell's content, with the prefix of the cell's own tag (`c`, `x:c`). */
export interface CellTags {
  /** The cell's qualified name. */
  c: string;
  /** No prefix (`c`): cells in the shape Excel writes may be read by scanBareCell. */
  isBare: boolean;
  open: string;
  /** The row's qualified name. */
  row: string;
  rowOpen: string;
  f: string;
  fClose: string;
  v: string;
  vOpen: string;
  vClose: string;
  cClose: string;
}

export function cellTags(c: string): CellTags {
  const p = c.slice(0, c.length - 1);
  return { c, isBare: c === 'c', open: `<${c}`, row: `${p}row`, rowOpen: `<${p}row`, f: `<${p}f`, fClose: `</${p}f>`, v: `<${p}v`, vOpen: `<${p}v>`, vClose: `</${p}v>`, cClose: `</${c}>` };
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const EQ = 61;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const AMP = 38;
const CR = 13;
const R = 114;
const S = 115;
const T = 116;
const V = 118;
const C = 99;

// As in the scanner: between the parts of a tag only XML whitespace is allowed.
const isSpace = (c: number) => c <= 32;

/**
 * Reads the cell whose start tag `<c` begins at `lt` into `cell`: an optional <f> (checked, not
 * kept), an optional <v>, then `</c>`, all in `s`. Returns the index after the cell, or -1 for
 * any other shape, which the scanner then reads tag by tag.
 */
export function scanCell(s: string, lt: number, tags: CellTags, cell: CellSpans): number {
  // One function with local variables: this runs for every cell of a sheet.
  const len = s.length;
  let r = -1;
  let rEnd = -1;
  let style = -1;
  let styleEnd = -1;
  let type = -1;
  let typeEnd = -1;
  let i = lt + tags.open.length;
  if (i >= len) return -1;
  let c = s.charCodeAt(i);
  if (!isSpace(c) && c !== GT && c !== SLASH) return -1;
  // The attributes, as the scanner reads them: by local name; namespace declarations are not
  // attributes (xmlns:r is no `r`); the first of a repeated name counts.
  let isEmpty = false;
  for (;;) {
    while (i < len && isSpace((c = s.charCodeAt(i)))) i++;
    if (i >= len) return -1;
    if (c === GT) {
      i++;
      break;
    }
    if (c === SLASH) {
      if (i + 1 >= len || s.charCodeAt(i + 1) !== GT) return -1;
      i += 2;
      isEmpty = true;
      break;
    }
    const nameStart = i;
    let localStart = i;
    let nameEnd = i + 1;
    if (s.charCodeAt(nameEnd) === EQ && c !== EQ && c !== COLON) {
      // The common shape: a one-letter name, then `=` (r="B2", s="1", t="s").
      i += 2;
    } else {
      while (i < len && (c = s.charCodeAt(i)) !== EQ && !isSpace(c) && c !== GT && c !== SLASH) {
        if (c === COLON) localStart = i + 1;
        i++;
      }
      nameEnd = i;
      while (i < len && isSpace((c = s.charCodeAt(i)))) i++;
      if (i >= len || c !== EQ || nameEnd === nameStart) return -1;
      i++;
    }
    while (i < len && isSpace((c = s.charCodeAt(i)))) i++;
    if (i >= len || (c !== DQUOTE && c !== SQUOTE)) return -1;
    let close = i + 1;
    while (close < len && s.charCodeAt(close) !== c) close++;
    if (close >= len) return -1;
    if (nameEnd - localStart === 1 && !(localStart === nameStart + 6 && s.startsWith('xmlns', nameStart))) {
      const name = s.charCodeAt(localStart);
      if (name === R) {
        if (r < 0) {
          r = i + 1;
          rEnd = close;
        }
      } else if (name === S) {
        if (style < 0) {
          style = i + 1;
          styleEnd = close;
        }
      } else if (name === T) {
        if (type < 0) {
          type = i + 1;
          typeEnd = close;
        }
      }
    }
    i = close + 1;
  }
  let v = -1;
  let vEnd = -1;
  let text: string | null = null;
  if (!isEmpty) {
    if (at(s, i, tags.f)) {
      i = tagEnd(s, i + tags.f.length, cell);
      if (i < 0) return -1;
      if (!cell.isEmpty) {
        const end = s.indexOf('<', i);
        if (end < 0 || !at(s, end, tags.fClose)) return -1;
        // The formula is not read, but it must be well-formed.
        if (hasAmp(s, i, end)) entities(s.slice(i, end));
        i = end + tags.fClose.length;
      }
    }
    if (at(s, i, tags.v)) {
      // `<v>` has no attributes in practice: taken as it stands, else read as a tag.
      let isEmptyV = false;
      if (at(s, i, tags.vOpen)) {
        i += tags.vOpen.length;
      } else {
        i = tagEnd(s, i + tags.v.length, cell);
        if (i < 0) return -1;
        isEmptyV = cell.isEmpty;
      }
      v = i;
      vEnd = i;
      if (!isEmptyV) {
        // Values are short: looked for in a loop, which also finds entities and CRs.
        let isPlain = true;
        while (vEnd < len && (c = s.charCodeAt(vEnd)) !== LT) {
          if (c === AMP || c === CR) isPlain = false;
          vEnd++;
        }
        if (vEnd >= len || !at(s, vEnd, tags.vClose)) return -1;
        if (!isPlain) text = decode(s.slice(v, vEnd));
        i = vEnd + tags.vClose.length;
      }
    }
    if (!at(s, i, tags.cClose)) return -1;
    i += tags.cClose.length;
  }
  cell.s = s;
  cell.b = null;
  cell.r = r;
  cell.rEnd = rEnd;
  cell.style = style;
  cell.styleEnd = styleEnd;
  cell.type = type;
  cell.typeEnd = typeEnd;
  cell.v = v;
  cell.vEnd = vEnd;
  cell.text = text;
  return i;
}

/**
 * scanCell for a cell exactly as Excel writes it, `<c r="B2" s="1" t="s"><v>12</v></c>`, at
 * `lt` in the bytes of the chunk (the same characters, one byte each: cheaper to read than with
 * charCodeAt): no prefix, attributes `r`, `s` and `t` only, each after one space and in double
 * quotes, no formula, a value with no entity or CR, or `/>` or no <v>. Fewer checks per
 * character than scanCell, for the same result; -1 for anything else, which scanCell then
 * reads. Sets all of `cell` but `s` and `b`.
 */
export function scanBareCell(s: Buffer, lt: number, cell: CellSpans): number {
  const len = s.length;
  let r = -1;
  let rEnd = -1;
  let style = -1;
  let styleEnd = -1;
  let type = -1;
  let typeEnd = -1;
  let i = lt + 2;
  // Past the end, s[i] is undefined, which matches nothing below.
  let c = s[i];
  while (c === 32) {
    const name = s[i + 1];
    if (s[i + 2] !== EQ || s[i + 3] !== DQUOTE) return -1;
    let close = i + 4;
    while (close < len && s[close] !== DQUOTE) close++;
    if (close >= len) return -1;
    if (name === R) {
      if (r < 0) {
        r = i + 4;
        rEnd = close;
      }
    } else if (name === S) {
      if (style < 0) {
        style = i + 4;
        styleEnd = close;
      }
    } else if (name === T) {
      if (type < 0) {
        type = i + 4;
        typeEnd = close;
      }
    } else {
      return -1;
    }
    i = close + 1;
    c = s[i];
  }
  let v = -1;
  let vEnd = -1;
  if (c === SLASH) {
    if (s[i + 1] !== GT) return -1;
    i += 2;
  } else {
    if (c !== GT) return -1;
    i++;
    // <v>
    if (s[i] === LT && s[i + 1] === V && s[i + 2] === GT) {
      v = i + 3;
      vEnd = v;
      while (vEnd < len && (c = s[vEnd]) !== LT) {
        if (c === AMP || c === CR) return -1;
        vEnd++;
      }
      // </v>
      if (s[vEnd + 1] !== SLASH || s[vEnd + 2] !== V || s[vEnd + 3] !== GT) return -1;
      i = vEnd + 4;
    }
    // </c>
    if (s[i] !== LT || s[i + 1] !== SLASH || s[i + 2] !== C || s[i + 3] !== GT) return -1;
    i += 4;
  }
  cell.r = r;
  cell.rEnd = rEnd;
  cell.style = style;
  cell.styleEnd = styleEnd;
  cell.type = type;
  cell.typeEnd = typeEnd;
  cell.v = v;
  cell.vEnd = vEnd;
  cell.text = null;
  return i;
}

/**
 * Reads the start tag of a row `<row` at `lt`: notes where its `r` is in cell.r and cell.rEnd
 * (start -1 when absent), and sets cell.isEmpty. Returns the index after the tag, or -1 when it
 * is not a row tag, is cut by the end of the chunk or is malformed.
 */
export function scanRowTag(s: string, lt: number, tags: CellTags, cell: CellSpans): number {
  cell.s = s;
  cell.b = null;
  cell.r = -1;
  return tagEnd(s, lt + tags.rowOpen.length, cell, true);
}

/**
 * scanRowTag for a row `<row` (no prefix) at `lt` in the bytes of the chunk; sets all of `cell`
 * it sets but `s` and `b`.
 */
export function scanBareRowTag(b: Buffer, lt: number, cell: CellSpans): number {
  cell.r = -1;
  let i = lt + 4;
  const len = b.length;
  if (i >= len) return -1;
  let c = b[i];
  if (!isSpace(c) && c !== GT && c !== SLASH) return -1;
  // As tagEnd reads a row's attributes.
  for (;;) {
    while (i < len && isSpace((c = b[i]))) i++;
    if (i >= len) return -1;
    if (c === GT) {
      cell.isEmpty = false;
      return i + 1;
    }
    if (c === SLASH) {
      if (i + 1 >= len || b[i + 1] !== GT) return -1;
      cell.isEmpty = true;
      return i + 2;
    }
    const nameStart = i;
    let localStart = i;
    while (i < len && (c = b[i]) !== EQ && !isSpace(c) && c !== GT && c !== SLASH) {
      if (c === COLON) localStart = i + 1;
      i++;
    }
    const nameEnd = i;
    while (i < len && isSpace((c = b[i]))) i++;
    if (i >= len || c !== EQ || nameEnd === nameStart) return -1;
    i++;
    while (i < len && isSpace((c = b[i]))) i++;
    if (i >= len || (c !== DQUOTE && c !== SQUOTE)) return -1;
    let close = i + 1;
    while (close < len && b[close] !== c) close++;
    if (close >= len) return -1;
    // `xmlns:r` is no `r`: a one-letter local name after a 5-letter prefix `xmlns`.
    if (cell.r < 0 && nameEnd - localStart === 1 && b[localStart] === R && !(localStart === nameStart + 6 && isXmlns(b, nameStart))) {
      cell.r = i + 1;
      cell.rEnd = close;
    }
    i = close + 1;
  }
}

const XMLNS = [120, 109, 108, 110, 115];

function isXmlns(b: Buffer, i: number): boolean {
  for (let k = 0; k < 5; k++) if (b[i + k] !== XMLNS[k]) return false;
  return true;
}

/** True when `tag` is written at s[i]; a loop, cheaper than startsWith for a few characters. */
export function at(s: string, i: number, tag: string): boolean {
  const n = tag.length;
  if (i + n > s.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(i + k) !== tag.charCodeAt(k)) return false;
  return true;
}

/** True when s[start, end) holds a `&`. */
function hasAmp(s: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (s.charCodeAt(k) === AMP) return true;
  return false;
}

/**
 * Reads the rest of a start tag (<row>, <f>, <v>) from just after its name at `i`: its
 * attributes, skipped but for `r` when `isRow` (its place in cell.r, cell.rEnd, read as the
 * scanner reads attributes); sets `cell.isEmpty`. Returns the index after the tag, or -1 when
 * the name goes on (`<vx`), the chunk ends first, or the tag is malformed.
 */
function tagEnd(s: string, i: number, cell: CellSpans, isRow = false): number {
  const len = s.length;
  if (i >= len) return -1;
  let c = s.charCodeAt(i);
  if (!isSpace(c) && c !== GT && c !== SLASH) return -1;
  for (;;) {
    while (i < len && isSpace((c = s.charCodeAt(i)))) i++;
    if (i >= len) return -1;
    if (c === GT) {
      cell.isEmpty = false;
      return i + 1;
    }
    if (c === SLASH) {
      if (i + 1 >= len || s.charCodeAt(i + 1) !== GT) return -1;
      cell.isEmpty = true;
      return i + 2;
    }
    const nameStart = i;
    let localStart = i;
    while (i < len && (c = s.charCodeAt(i)) !== EQ && !isSpace(c) && c !== GT && c !== SLASH) {
      if (c === COLON) localStart = i + 1;
      i++;
    }
    const nameEnd = i;
    while (i < len && isSpace((c = s.charCodeAt(i)))) i++;
    if (i >= len || c !== EQ || nameEnd === nameStart) return -1;
    i++;
    while (i < len && isSpace((c = s.charCodeAt(i)))) i++;
    if (i >= len || (c !== DQUOTE && c !== SQUOTE)) return -1;
    let close = i + 1;
    while (close < len && s.charCodeAt(close) !== c) close++;
    if (close >= len) return -1;
    if (isRow && cell.r < 0 && nameEnd - localStart === 1 && s.charCodeAt(localStart) === R && !(localStart === nameStart + 6 && s.startsWith('xmlns', nameStart))) {
      cell.r = i + 1;
      cell.rEnd = close;
    }
    i = close + 1;
  }
}
