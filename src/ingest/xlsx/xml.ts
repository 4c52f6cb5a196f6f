import { CellSpans, at, cellTags, scanBareCell, scanBareRowTag, scanCell, scanRowTag } from './cell-scan.js';
import { XmlError, attrValue, decode, lineEnds } from './xml-text.js';

export { XmlError } from './xml-text.js';
export type { CellSpans } from './cell-scan.js';

// A streaming XML scanner for the parts of a workbook: start tags with their attributes, end
// tags and text, fed string chunks as they are inflated. Written by hand because the sheet part
// is most of a workbook's bytes and a general SAX parser (saxes) spends about 2.5 times longer
// just scanning it; it still checks what a reader of untrusted parts needs:
// - names keep their prefix for matching end tags, and are handed on without it (`x:c` is `c`),
//   since writers use any prefix for the spreadsheet namespace;
// - the five XML entities and character references are decoded, anything else is an error;
//   CDATA is text as it stands; comments and processing instructions are skipped; CRLF in text
//   becomes LF, as XML requires;
// - a DOCTYPE is refused: the format has none, and entity definitions are how XML bombs work;
// - end tags must match, the document must close: a damaged part is an error, not a short read;
// - tokens are bounded (a tag over 1 MiB is an error), and long text and CDATA are handed on in
//   pieces, so memory does not depend on the input.
// Not checked: the characters allowed in names, repeated attributes, `<` in attribute values.
// A sheet cell in its common shape is read whole and in place (cell-scan.ts, XmlHandler.cell),
// which tests keep equal to reading it tag by tag. A piece whose characters are its bytes (all
// ASCII) is read from the bytes while it holds rows, cells and end tags as Excel writes them
// (scanBytes), and decoded to text only from where it does not, to the end of that row.

/**
 * The attributes of the start tag being handed on, looked up by local name (`r:id` is `id`).
 * Read lazily, and valid only during the `open` call: most attributes are never asked for, and
 * a sheet has millions of tags.
 */
export class Attrs {
  /** @internal The chunk holding the tag. */
  s = '';
  /** @internal How many attributes. */
  n = 0;
  /** @internal Per attribute: local name start, name end, value start, value end. */
  spans = new Int32Array(4 * 32);

  /** The value of the attribute named `name` (local name), decoded; undefined when absent. */
  get(name: string): string | undefined {
    const k = this.find(name);
    return k < 0 ? undefined : attrValue(this.s.slice(this.spans[k + 2], this.spans[k + 3]));
  }

  /** Where the attribute named `name` is (for start/end), or -1 when absent. */
  find(name: string): number {
    const { s, spans } = this;
    for (let k = 0; k < this.n * 4; k += 4) {
      if (spans[k + 1] - spans[k] === name.length && s.startsWith(name, spans[k])) return k;
    }
    return -1;
  }

  /** The first character of the value of the attribute found at `k`, as written (not decoded). */
  start(k: number): number {
    return this.spans[k + 2];
  }

  /** The end of the value of the attribute found at `k`. */
  end(k: number): number {
    return this.spans[k + 3];
  }
}

/** Receives the document as it is scanned. */
export interface XmlHandler {
  /** A start tag; `isEmpty` for `<x/>`, which gets no `close`. */
  open(name: string, attrs: Attrs, isEmpty: boolean): void;
  close(name: string): void;
  /** Text and CDATA, decoded; one text node may arrive in several pieces. */
  text(text: string): void;
  /**
   * Optional, for a sheet: a cell `<c …>` whose content is at most a formula <f> and a value
   * <v>, and that fits in one chunk, arrives here whole, as the places of its attributes and
   * value in the chunk (see CellSpans); it then gets no `open`, `text` or `close`. Other cells
   * arrive tag by tag. A sheet is mostly such cells, and this is several times faster.
   */
  cell?(cell: CellSpans): void;
  /**
   * Optional, for a sheet, with `cell`: a row's start tag read in place (the place of its `r`
   * in cell.r, cell.rEnd), instead of `open('row', …)`; its end tag comes to `close` as usual.
   */
  row?(cell: CellSpans, isEmpty: boolean): void;
}


const MAX_TAG = 1024 * 1024;
/** A character that is not one byte in Latin-1. */
const WIDE = /[^\x00-\xff]/;
const ROW_END = Buffer.from('</row>');
const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUESTION = 63;
const BANG = 33;
const EQ = 61;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const C = 99;
const R = 114;
const O = 111;
const W = 119;

const enum Mode {
  Text,
  Cdata,
  Comment,
}

// Between the parts of a tag only the four XML whitespace characters are allowed; any other
// control character there is malformed anyway.
const isSpace = (c: number) => c <= 32;

export class XmlScanner {
  private rest = '';
  private mode = Mode.Text;
  /** Open elements: qualified names, and the same names without prefix. */
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  /** Qualified and local names of tags seen, in pairs. */
  private readonly known: string[] = ['', ''];
  private lastKnown = 0;
  private isRootSeen = false;
  private readonly attrs = new Attrs();
  /** The tags of a cell, with the prefix of the last cell read tag by tag. */
  private cellTags = cellTags('c');
  private readonly cell = new CellSpans();
  // The tag parseTag read last.
  private tagName = '';
  private tagLocal = '';
  private tagIsEmpty = false;

  constructor(private readonly handler: XmlHandler) {}

  /** Scans the next piece of the document. */
  write(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    this.rest = '';
    // Read from bytes when every character is one (see scanBytes).
    const end = WIDE.test(s) ? this.scanSome(s) : this.scanBytes(Buffer.from(s, 'latin1'));
    if (end < s.length) this.rest = s.slice(end);
  }

  /**
   * scanSome for a piece whose characters are its bytes (all ASCII): rows, cells and end tags
   * as Excel writes them are read from the bytes, the rest of the piece from the first other
   * thing (or a token cut by the end of the piece) decoded and scanned as text.
   */
  scanBytes(b: Buffer): number {
    const end = this.scanFromBytes(b);
    if (b.length - end > MAX_TAG) throw new XmlError('a tag longer than 1 MiB');
    return end;
  }

  /**
   * Scans as much of `s` as it can and returns where the rest begins: an incomplete token that
   * the caller passes again, at the start of the next piece. Lets the caller join pieces as
   * bytes, so the scanner reads flat strings (joined strings are slower to read).
   */
  scanSome(s: string): number {
    const end = this.scan(s, null);
    if (s.length - end > MAX_TAG) throw new XmlError('a tag longer than 1 MiB');
    return end;
  }

  /** The document is complete: everything opened must be closed. */
  end(): void {
    if (this.mode === Mode.Cdata) throw new XmlError('a CDATA section is not closed');
    if (this.mode === Mode.Comment) throw new XmlError('a comment is not closed');
    if (this.rest.trim() !== '') throw new XmlError('the document ends inside a tag');
    if (this.stack.length > 0) throw new XmlError(`<${this.stack[this.stack.length - 1]}> is not closed`);
    if (!this.isRootSeen) throw new XmlError('no root element');
  }

  /** scan for a piece given as bytes only; see scanBytes. */
  private scanFromBytes(b: Buffer): number {
    const len = b.length;
    let pos = this.bytesRead(b, 0);
    while (pos < len) {
      // Something else (a cell read tag by tag, a value cut at the start of the piece): read as
      // text up to the end of its row, then from the bytes again.
      const stop = b.indexOf(ROW_END, pos);
      if (stop < 0) break;
      const used = this.scan(b.toString('latin1', pos, stop + ROW_END.length), b.subarray(pos, stop + ROW_END.length));
      // A token cut at the row's end (in a comment, say): the rest of the piece as text.
      if (pos + used < stop + ROW_END.length) {
        pos += used;
        break;
      }
      pos = this.bytesRead(b, pos + used);
    }
    if (pos >= len) return len;
    return pos + this.scan(b.toString('latin1', pos), b.subarray(pos));
  }

  /** Reads b from `pos` as long as it holds rows, cells and end tags as Excel writes them; returns where it stopped. */
  private bytesRead(b: Buffer, pos: number): number {
    const h = this.handler;
    const len = b.length;
    const tags = this.cellTags;
    while (pos < len && this.mode === Mode.Text && b[pos] === LT) {
      const c = b[pos + 1];
      if (c === SLASH) {
        // The end tag of the open element, written plainly.
        const open = this.stack[this.stack.length - 1];
        const end = open === undefined ? -1 : pos + 2 + open.length;
        if (open !== undefined && b[end] === GT && isAt(b, pos + 2, open)) {
          this.stack.pop();
          h.close(this.locals.pop() as string);
          pos = end + 1;
          continue;
        }
      } else if (h.cell !== undefined && this.stack.length > 0 && tags.isBare) {
        if (c === C) {
          const from = pos;
          pos = this.bareCells(null, b, pos);
          if (pos > from) continue;
        } else if (c === R && h.row !== undefined && b[pos + 2] === O && b[pos + 3] === W) {
          const cell = this.cell;
          const end = scanBareRowTag(b, pos, cell);
          if (end >= 0) {
            cell.chunk = null;
            cell.b = b;
            const isEmpty = cell.isEmpty;
            if (!isEmpty) {
              this.stack.push(tags.row);
              this.locals.push('row');
            }
            h.row(cell, isEmpty);
            pos = end;
            continue;
          }
        }
      }
      break;
    }
    return pos;
  }

  /** Scans `s` from the start; returns where an incomplete token begins (s.length if none). */
  private scan(s: string, b: Buffer | null): number {
    const h = this.handler;
    const len = s.length;
    let pos = 0;
    while (pos < len) {
      if (this.mode !== Mode.Text) {
        const isCdata = this.mode === Mode.Cdata;
        const close = s.indexOf(isCdata ? ']]>' : '-->', pos);
        if (close < 0) {
          // Keep the last two characters: they may begin the terminator.
          const keep = Math.max(pos, len - 2);
          if (isCdata && keep > pos) h.text(lineEnds(s.slice(pos, keep)));
          return keep;
        }
        if (isCdata && close > pos) h.text(lineEnds(s.slice(pos, close)));
        this.mode = Mode.Text;
        pos = close + 3;
        continue;
      }
      const lt = s.charCodeAt(pos) === LT ? pos : s.indexOf('<', pos);
      if (lt !== pos) {
        const stop = lt < 0 ? len : lt;
        let text = s.slice(pos, stop);
        let next = stop;
        if (lt < 0) {
          // An entity or a CRLF may be cut at the end of the chunk: keep it for the next one.
          const amp = text.lastIndexOf('&');
          if (amp >= 0 && text.indexOf(';', amp) < 0) {
            if (text.length - amp > 12) throw new XmlError(`a bad entity: "${text.slice(amp, amp + 12)}"`);
            next = pos + amp;
            text = text.slice(0, amp);
          } else if (text.endsWith('\r')) {
            next = len - 1;
            text = text.slice(0, -1);
          }
        }
        if (text.length > 0) {
          if (this.stack.length > 0) h.text(decode(text));
          else if (text.trim() !== '') throw new XmlError('text outside the root element');
        }
        if (lt < 0) return next;
        pos = lt;
      }
      if (pos + 1 >= len) return pos;
      const c = s.charCodeAt(pos + 1);
      if (c === SLASH) {
        const gt = s.indexOf('>', pos + 2);
        if (gt < 0) return pos;
        // Matched against the open element in place: no slice for the common case.
        const open = this.stack[this.stack.length - 1];
        let end = pos + 2 + (open?.length ?? 0);
        if (open === undefined || !s.startsWith(open, pos + 2) || (end !== gt && !isSpace(s.charCodeAt(end)))) {
          const name = s.slice(pos + 2, gt).trimEnd();
          throw new XmlError(open === undefined ? `</${name}> closes nothing` : `<${open}> is closed by </${name}>`);
        }
        while (end < gt && isSpace(s.charCodeAt(end))) end++;
        if (end !== gt) throw new XmlError(`a bad end tag </${s.slice(pos + 2, gt)}>`);
        this.stack.pop();
        h.close(this.locals.pop() as string);
        pos = gt + 1;
      } else if (c === QUESTION) {
        const end = s.indexOf('?>', pos + 2);
        if (end < 0) return pos;
        pos = end + 2;
      } else if (c === BANG) {
        if (len - pos < 4) return pos;
        if (s.startsWith('<!--', pos)) {
          this.mode = Mode.Comment;
          pos += 4;
        } else if (len - pos < 9) {
          return pos;
        } else if (s.startsWith('<![CDATA[', pos)) {
          if (this.stack.length === 0) throw new XmlError('CDATA outside the root element');
          this.mode = Mode.Cdata;
          pos += 9;
        } else if (s.startsWith('<!DOCTYPE', pos)) {
          throw new XmlError('a DOCTYPE declaration (a workbook has none)');
        } else {
          throw new XmlError(`unexpected "${s.slice(pos, pos + 9)}"`);
        }
      } else {
        if (h.cell !== undefined && this.stack.length > 0) {
          // A row's cells, one after another, as long as they are in the common shape.
          const tags = this.cellTags;
          const cell = this.cell;
          let end = 0;
          if (b !== null && tags.isBare) {
            // From the bytes while the cells are as Excel writes them; others below.
            const from = pos;
            pos = this.bareCells(s, b, pos);
            if (pos > from) end = pos;
          }
          while (at(s, pos, tags.open) && (end = scanCell(s, pos, tags, cell)) >= 0) {
            h.cell(cell);
            pos = end;
          }
          if (end > 0) continue;
          if (h.row !== undefined && at(s, pos, tags.rowOpen) && (end = scanRowTag(s, pos, tags, this.cell)) >= 0) {
            const isEmpty = this.cell.isEmpty;
            if (!isEmpty) {
              this.stack.push(tags.row);
              this.locals.push('row');
            }
            h.row(this.cell, isEmpty);
            pos = end;
            continue;
          }
        }
        const end = this.startTag(s, pos);
        if (end < 0) return pos;
        pos = end;
      }
    }
    return len;
  }

  /**
   * Reads cells as Excel writes them (scanBareCell) from the bytes of `s` at `pos` while there
   * are, and hands them on; returns where it stopped. Apart from scan, to be optimised alone.
   */
  private bareCells(s: string | null, b: Buffer, pos: number): number {
    const h = this.handler as Required<XmlHandler>;
    const cell = this.cell;
    cell.chunk = s;
    cell.b = b;
    let end = 0;
    while (b[pos] === LT && b[pos + 1] === C && (end = scanBareCell(b, pos, cell)) >= 0) {
      h.cell(cell);
      pos = end;
    }
    return pos;
  }

  /** Reads the start tag at `lt` and hands it on; returns the index after it, or -1 when the chunk ends first. */
  private startTag(s: string, lt: number): number {
    const end = this.parseTag(s, lt, this.attrs);
    if (end < 0) return -1;
    const name = this.tagName;
    const localName = this.tagLocal;
    const isEmpty = this.tagIsEmpty;
    // A cell with another prefix (`<x:c>`): read whole from now on, this one included.
    if (localName === 'c' && name !== this.cellTags.c && this.handler.cell && this.stack.length > 0) {
      this.cellTags = cellTags(name);
      const after = scanCell(s, lt, this.cellTags, this.cell);
      if (after >= 0) {
        this.handler.cell(this.cell);
        return after;
      }
    }
    if (this.stack.length === 0) {
      if (this.isRootSeen) throw new XmlError('a second root element');
      this.isRootSeen = true;
    }
    if (!isEmpty) {
      this.stack.push(name);
      this.locals.push(localName);
    }
    this.handler.open(localName, this.attrs, isEmpty);
    return end;
  }

  /**
   * Reads the start tag at `lt` into `attrs`, `tagName`, `tagLocal` and `tagIsEmpty`; returns
   * the index after it, or -1 when the chunk ends first.
   */
  private parseTag(s: string, lt: number, attrs: Attrs): number {
    const len = s.length;
    let i = lt + 1;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (isSpace(c) || c === GT || c === SLASH) break;
      i++;
    }
    if (i >= len) return -1;
    if (i === lt + 1) throw new XmlError('a tag without a name');
    // Tag names repeat: match the ones seen before in place rather than slicing each.
    let name = '';
    let localName = '';
    const known = this.known;
    const length = i - lt - 1;
    // The name matched last first: a sheet is runs of the same tag.
    const last = this.lastKnown;
    if (known[last].length === length && s.startsWith(known[last], lt + 1)) {
      name = known[last];
      localName = known[last + 1];
    } else {
      for (let k = 0; k < known.length; k += 2) {
        if (known[k].length === length && s.startsWith(known[k], lt + 1)) {
          name = known[k];
          localName = known[k + 1];
          this.lastKnown = k;
          break;
        }
      }
    }
    if (name === '') {
      name = s.slice(lt + 1, i);
      localName = local(name);
      if (known.length < 64) known.push(name, localName);
    }
    attrs.s = s;
    attrs.n = 0;
    for (;;) {
      while (i < len && isSpace(s.charCodeAt(i))) i++;
      if (i >= len) return -1;
      const c = s.charCodeAt(i);
      if (c === GT || c === SLASH) {
        const isEmpty = c === SLASH;
        if (isEmpty) {
          if (i + 1 >= len) return -1;
          if (s.charCodeAt(i + 1) !== GT) throw new XmlError(`a bad tag <${name}>`);
          i++;
        }
        this.tagName = name;
        this.tagLocal = localName;
        this.tagIsEmpty = isEmpty;
        return i + 1;
      }
      const nameStart = i;
      let localStart = i;
      while (i < len) {
        const d = s.charCodeAt(i);
        if (d === EQ || isSpace(d) || d === GT || d === SLASH) break;
        if (d === COLON) localStart = i + 1;
        i++;
      }
      const nameEnd = i;
      while (i < len && isSpace(s.charCodeAt(i))) i++;
      if (i >= len) return -1;
      if (s.charCodeAt(i) !== EQ || nameEnd === nameStart) throw new XmlError(`a bad attribute ${s.slice(nameStart, nameEnd)} in <${name}>`);
      i++;
      while (i < len && isSpace(s.charCodeAt(i))) i++;
      if (i >= len) return -1;
      const quote = s.charCodeAt(i);
      if (quote !== DQUOTE && quote !== SQUOTE) throw new XmlError(`attribute ${s.slice(nameStart, nameEnd)} of <${name}> is not quoted`);
      const close = s.indexOf(quote === DQUOTE ? '"' : "'", i + 1);
      if (close < 0) return -1;
      // Namespace declarations are not attributes of the element (xmlns:r is no `r`).
      if (nameEnd - nameStart >= 5 && s.startsWith('xmlns', nameStart) && (nameEnd === nameStart + 5 || localStart === nameStart + 6)) {
        i = close + 1;
        continue;
      }
      let k = attrs.n * 4;
      if (k + 4 > attrs.spans.length) {
        const grown = new Int32Array(attrs.spans.length * 2);
        grown.set(attrs.spans);
        attrs.spans = grown;
      }
      const spans = attrs.spans;
      spans[k++] = localStart;
      spans[k++] = nameEnd;
      spans[k++] = i + 1;
      spans[k] = close;
      attrs.n++;
      i = close + 1;
    }
  }
}

/** True when `name` is written at b[i]. */
function isAt(b: Buffer, i: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (b[i + k] !== name.charCodeAt(k)) return false;
  return true;
}

/** The name without its namespace prefix. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
