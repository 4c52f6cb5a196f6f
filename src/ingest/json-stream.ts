// Streaming readers for JSON text that never hold more than one record: NDJSON lines, and the
// elements of a JSON array (top-level, or under a records key of a top-level object). Both work
// on UTF-8 bytes: every byte JSON gives meaning to is ASCII, so scanning bytes is exact.

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const IN_STRING = new Uint8Array(256);
for (const b of [QUOTE, BACKSLASH, LF]) IN_STRING[b] = 1;
const IN_VALUE = new Uint8Array(256);
for (const b of [QUOTE, LF, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET]) IN_VALUE[b] = 1;

/** A line of NDJSON, or the line number of one longer than the limit (its text is not kept). */
export type Line = { line: number; text: string } | { line: number; text: null };

/** Splits UTF-8 chunks into lines in linear time; a line over `max` bytes comes out with `text: null`. */
export async function* splitLines(chunks: AsyncIterable<Buffer>, max: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let isTooLong = false;
  let line = 1;
  const finish = (last: Buffer): Line => {
    if (isTooLong || size + last.length > max) return { line, text: null };
    const buf = parts.length === 0 ? last : Buffer.concat([...parts, last]);
    const end = buf.length > 0 && buf[buf.length - 1] === CR ? buf.length - 1 : buf.length;
    return { line, text: buf.toString('utf8', 0, end) };
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(LF); nl !== -1; nl = chunk.indexOf(LF, from)) {
      yield finish(chunk.subarray(from, nl));
      parts = [];
      size = 0;
      isTooLong = false;
      line++;
      from = nl + 1;
    }
    if (from < chunk.length && !isTooLong) {
      size += chunk.length - from;
      if (size > max) {
        isTooLong = true;
        parts = [];
      } else parts.push(Buffer.from(chunk.subarray(from)));
    }
  }
  if (size > 0 || isTooLong) yield finish(Buffer.alloc(0));
}

/** One element of the records array, as found by the scanner. */
export type Element =
  | { line: number; text: string }
  | { line: number; text: null; problem: 'long' | 'deep' };

/** Keys of a top-level object whose array holds the records, in the order they are looked for. */
export const RECORD_KEYS = ['records', 'data', 'results', 'items', 'rows', 'value'] as const;

/** Malformed JSON found by the scanner: what, and the line. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** What the scanner learnt about the document besides its records. */
export interface DocumentShape {
  /** `array` for a top-level array, else the key of the records array in a top-level object. */
  container: 'array' | string | null;
  /** Top-level keys of an object document, in order (up to 50). */
  keys: string[];
  /** Other top-level arrays under a records key, not read. */
  otherArrays: string[];
}

type Mode =
  | 'start' // before the document
  | 'objKey' // in a top-level object, expecting a key or `}`
  | 'objColon'
  | 'objValue' // expecting a member's value
  | 'objAfter' // after a member: `,` or `}`
  | 'skip' // skipping a member's value that is not the records array
  | 'arrValue' // in the records array, expecting an element or `]`
  | 'element' // inside an element
  | 'arrAfter' // after an element: `,` or `]`
  | 'end'; // after the document: only whitespace

/**
 * Scans a JSON document chunk by chunk and hands out the elements of its records array: the
 * top-level array, or the first array under one of RECORD_KEYS in a top-level object. Each
 * element is kept only up to `maxSize` bytes and `maxDepth` levels of nesting; beyond either it
 * is reported with `text: null` and skipped. Memory holds one element.
 */
export class RecordArrayScanner {
  readonly shape: DocumentShape = { container: null, keys: [], otherArrays: [] };
  private mode: Mode = 'start';
  private line = 1;
  private isFirstByte = true;
  /** Inside a string (of a key, an element or a skipped value), and after a backslash there. */
  private inString = false;
  private isEscaped = false;
  /** Depth of nesting inside the current element or skipped value (0 outside). */
  private depth = 0;
  private maxSeen = 0;
  /** The current element: its parts, size, first line, and whether it is already over a limit. */
  private parts: Buffer[] = [];
  private size = 0;
  private elementLine = 0;
  private isTooLong = false;
  /** The key being read in `objKey`, and the last complete key. */
  private keyParts: Buffer[] = [];
  private key = '';
  /** A string or scalar being skipped at depth 0 (a key's value such as `"x"` or `12`) ends at `,` or `}`. */
  private isScalar = false;

  constructor(
    private readonly maxSize: number,
    private readonly maxDepth: number,
  ) {}

  /** Scans one chunk; returns the elements that ended in it. */
  push(chunk: Buffer): Element[] {
    const out: Element[] = [];
    let i = 0;
    if (this.isFirstByte && chunk.length > 0) {
      this.isFirstByte = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    let elementFrom = this.mode === 'element' ? i : -1;
    const n = chunk.length;
    for (; i < n; i++) {
      // Fast paths: inside a string only a quote, a backslash or a line feed matters; inside a
      // nested value (an element or a skipped member) only brackets, braces, quotes and line feeds.
      if (this.inString) {
        if (!this.isEscaped) while (i < n && !IN_STRING[chunk[i]]) i++;
      } else if (this.depth > 0 && (this.mode === 'element' || this.mode === 'skip')) {
        while (i < n && !IN_VALUE[chunk[i]]) i++;
      }
      if (i >= n) break;
      const c = chunk[i];
      if (c === LF) this.line++;
      if (this.inString) {
        if (this.isEscaped) this.isEscaped = false;
        else if (c === BACKSLASH) this.isEscaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.mode === 'objKey') {
            this.keyParts.push(chunk.subarray(this.keyFrom(i), i));
            this.key = Buffer.concat(this.keyParts).toString('utf8');
            this.keyParts = [];
            if (this.shape.keys.length < 50) this.shape.keys.push(this.key);
            this.mode = 'objColon';
          } else if (this.mode === 'skip' && this.depth === 0) this.mode = 'objAfter';
          else if (this.mode === 'element' && this.depth === 0) {
            out.push(this.endElement(chunk, elementFrom, i + 1));
            elementFrom = -1;
            this.mode = 'arrAfter';
          }
        }
        continue;
      }
      if (c === 0x20 || c === LF || c === CR || c === 0x09) {
        if (this.mode === 'element' && this.depth === 0) {
          // A scalar element (a number, true, null) ends at whitespace.
          out.push(this.endElement(chunk, elementFrom, i));
          elementFrom = -1;
          this.mode = 'arrAfter';
        } else if (this.mode === 'skip' && this.depth === 0 && this.isScalar) this.mode = 'objAfter';
        continue;
      }
      switch (this.mode) {
        case 'start':
          if (c === OPEN_BRACKET) {
            this.shape.container = 'array';
            this.mode = 'arrValue';
          } else if (c === OPEN_BRACE) this.mode = 'objKey';
          else throw new JsonSyntaxError('expected a JSON array or object', this.line);
          break;
        case 'objKey':
          if (c === QUOTE) {
            this.inString = true;
            this.keyStart = i + 1;
            this.keyParts = [];
          } else if (c === CLOSE_BRACE && this.shape.keys.length === 0) this.mode = 'end';
          else throw new JsonSyntaxError('expected a key in double quotes', this.line);
          break;
        case 'objColon':
          if (c !== COLON) throw new JsonSyntaxError(`expected ":" after "${this.key}"`, this.line);
          this.mode = 'objValue';
          break;
        case 'objValue':
          if (c === OPEN_BRACKET && (RECORD_KEYS as readonly string[]).includes(this.key)) {
            if (this.shape.container === null) {
              this.shape.container = this.key;
              this.mode = 'arrValue';
              break;
            }
            this.shape.otherArrays.push(this.key);
          }
          this.mode = 'skip';
          this.isScalar = false;
          i = this.skipStart(c, i);
          break;
        case 'skip':
          if (this.isScalar && this.depth === 0) {
            if (c === COMMA) this.mode = 'objKey';
            else if (c === CLOSE_BRACE) this.mode = 'end';
            break;
          }
          this.skipByte(c);
          break;
        case 'objAfter':
          if (c === COMMA) this.mode = 'objKey';
          else if (c === CLOSE_BRACE) this.mode = 'end';
          else throw new JsonSyntaxError('expected "," or "}" between members', this.line);
          break;
        case 'arrValue':
          if (c === CLOSE_BRACKET && this.parts.length === 0 && !this.hadElement) {
            this.mode = this.shape.container === 'array' ? 'end' : 'objAfter';
            break;
          }
          this.hadElement = true;
          this.mode = 'element';
          this.parts = [];
          this.size = 0;
          this.isTooLong = false;
          this.maxSeen = 0;
          this.elementLine = this.line;
          elementFrom = i;
          this.depth = 0;
          if (c === OPEN_BRACE || c === OPEN_BRACKET) this.open();
          else if (c === QUOTE) this.inString = true;
          else if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || c === COLON) throw new JsonSyntaxError('expected a value', this.line);
          break;
        case 'element':
          if (c === QUOTE) this.inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.open();
          else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            if (this.depth === 0) {
              // A scalar element ended by the array's `]`.
              out.push(this.endElement(chunk, elementFrom, i));
              elementFrom = -1;
              this.mode = 'arrAfter';
              i--;
              break;
            }
            this.depth--;
            if (this.depth === 0) {
              out.push(this.endElement(chunk, elementFrom, i + 1));
              elementFrom = -1;
              this.mode = 'arrAfter';
            }
          } else if (c === COMMA && this.depth === 0) {
            out.push(this.endElement(chunk, elementFrom, i));
            elementFrom = -1;
            this.mode = 'arrValue';
            this.hadElement = true;
          }
          break;
        case 'arrAfter':
          if (c === COMMA) this.mode = 'arrValue';
          else if (c === CLOSE_BRACKET) {
            this.hadElement = false;
            this.mode = this.shape.container === 'array' ? 'end' : 'objAfter';
          } else throw new JsonSyntaxError('expected "," or "]" between elements', this.line);
          break;
        case 'end':
          throw new JsonSyntaxError(
            'more JSON follows the end of the document (several JSON values, one per line, are NDJSON: set format: ndjson on the source)',
            this.line,
          );
      }
    }
    if (this.mode === 'element' && elementFrom !== -1) this.keep(chunk.subarray(elementFrom));
    if (this.mode === 'objKey' && this.inString) this.keyParts.push(Buffer.from(chunk.subarray(this.keyFrom(chunk.length))));
    this.keyStart = 0;
    return out;
  }

  /** Checks the document ended; returns a last scalar element cut by the end of the text. */
  end(): Element[] {
    if (this.mode === 'end') return [];
    if (this.mode === 'start') throw new JsonSyntaxError('the file holds no JSON', this.line);
    throw new JsonSyntaxError('the JSON ends too early (the file may be cut off)', this.line);
  }

  private hadElement = false;
  private keyStart = 0;

  private keyFrom(i: number): number {
    return Math.min(this.keyStart, i);
  }

  private open(): void {
    this.depth++;
    if (this.depth > this.maxSeen) this.maxSeen = this.depth;
  }

  /** Starts skipping a member's value at byte `c`; returns the index to go on from. */
  private skipStart(c: number, i: number): number {
    this.depth = 0;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth = 1;
    else if (c === QUOTE) this.inString = true;
    else this.isScalar = true;
    return i;
  }

  private skipByte(c: number): void {
    if (c === QUOTE) this.inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      this.depth--;
      if (this.depth === 0) this.mode = 'objAfter';
    }
  }

  private keep(bytes: Buffer): void {
    if (this.isTooLong) return;
    this.size += bytes.length;
    if (this.size > this.maxSize) {
      this.isTooLong = true;
      this.parts = [];
    } else this.parts.push(Buffer.from(bytes));
  }

  private endElement(chunk: Buffer, from: number, to: number): Element {
    if (from !== -1) this.keep(chunk.subarray(from, to));
    const line = this.elementLine;
    const parts = this.parts;
    this.parts = [];
    this.depth = 0;
    if (this.isTooLong) return { line, text: null, problem: 'long' };
    if (this.maxSeen > this.maxDepth) return { line, text: null, problem: 'deep' };
    return { line, text: Buffer.concat(parts).toString('utf8') };
  }
}

/** Nesting depth of a parsed JSON value, counted without recursion; stops counting past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return max;
}
