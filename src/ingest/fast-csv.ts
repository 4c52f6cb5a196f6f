import { isAscii } from 'node:buffer';
import { finished, Writable, type Transform } from 'node:stream';

/**
 * A fast reader for the common, well-formed CSV, in front of csv-parse: the reference, which
 * reads the file from the first record this reader does not accept.
 *
 * It accepts exactly what csv-parse (with the options csv.ts gives it) reads without an error
 * and the same way: records end at LF or CRLF, as discovered from the first line break outside
 * quotes; a field is either unquoted (no quote in it) or quoted, with `""` for a quote inside,
 * and nothing but a delimiter or the record's end after its closing quote; a UTF-8 BOM at the
 * start is skipped. It hands over to csv-parse, at the start of the record, on anything else:
 * a stray or unclosed quote, text after a closing quote, CR-only line ends, a record longer
 * than the size limit (counted in bytes, which is never less than csv-parse's count). From
 * there csv-parse reads the rest of the file, so its records, errors and line numbers are the
 * ones a csv-parse-only run gives. test/ingest/fast-csv.test.ts holds the two readers equal.
 */
export class FastCsv extends Writable {
  private readonly delimiter: number;
  private readonly delimiterText: string;
  private readonly maxRecordSize: number;
  private readonly onRecord: (record: string[], breaks: number) => void;
  private readonly handOver: (from: HandOver) => Transform;
  /** Bytes of an unfinished record, carried to the next chunk. */
  private carry: Buffer | null = null;
  /** The first bytes of the file until a record is accepted (a hand-over there starts from byte 0). */
  private head: Buffer[] | null = [];
  private isBomChecked = false;
  /** 0 until discovered, then 1 (LF) or 2 (CRLF). */
  private recordDelimiter = 0;
  private target: Transform | null = null;
  /** The record `quoted()` read last, and the line breaks inside its fields. */
  private pending: string[] = [];
  private pendingBreaks = 0;

  constructor(opts: {
    delimiter: string;
    maxRecordSize: number;
    /** `breaks`: the line breaks inside the record's fields (LF, or the LF of a CRLF). */
    onRecord: (record: string[], breaks: number) => void;
    /** Creates the csv-parse stream that reads from the hand-over point on. */
    handOver: (from: HandOver) => Transform;
    /** Reading starts at a record's start in mid-file: no BOM, and the file's record delimiter. */
    midFile?: { recordDelimiter: '\n' | '\r\n' };
  }) {
    super({ highWaterMark: 64 * 1024 });
    if (!FastCsv.canRead(opts.delimiter)) throw new Error(`FastCsv: unsupported delimiter ${JSON.stringify(opts.delimiter)}`);
    this.delimiter = opts.delimiter.charCodeAt(0);
    this.delimiterText = opts.delimiter;
    this.maxRecordSize = opts.maxRecordSize;
    this.onRecord = opts.onRecord;
    this.handOver = opts.handOver;
    if (opts.midFile) {
      this.isBomChecked = true;
      this.head = null;
      this.recordDelimiter = opts.midFile.recordDelimiter === '\r\n' ? 2 : 1;
    }
  }

  /** Bytes written to this reader so far. */
  received = 0;
  /** Offset (in the bytes written) just after the last record this reader accepted. */
  get consumed(): number {
    return this.pieceBytes === null ? this.consumedBytes : this.dataStart + this.pieceStart + this.piecePos;
  }
  private consumedBytes = 0;
  /**
   * The piece of the data being read (null between pieces; see `records`), its offset in the
   * data, and its text, decoded as Latin-1: a character a byte, so offsets in it are offsets in
   * the bytes.
   */
  private pieceBytes: Buffer | null = null;
  private pieceStart = 0;
  private piece = '';
  /** Offset in the piece just after the last record accepted from it. */
  private piecePos = 0;
  /** Offset in the piece of a byte >= 0x80 (part of a multi-byte character) at or after where it was last looked for. */
  private high = -1;
  /** Offset in the bytes written of the current `records()` data's first byte. */
  private dataStart = 0;

  /** True when every byte written so far was read as whole records by this reader (none carried, none handed over). */
  get isAtRecordEnd(): boolean {
    return this.target === null && this.carry === null && this.consumed === this.received;
  }

  /** The record delimiter discovered (or given), once known. */
  get recordDelimiterText(): '\n' | '\r\n' | null {
    return this.recordDelimiter === 0 ? null : this.recordDelimiter === 2 ? '\r\n' : '\n';
  }

  /**
   * Whether this reader handles `delimiter`: one ASCII character that is not a quote or a line
   * break. FUNNEL_CSV_READER=csv-parse turns it off (every file is read by csv-parse alone).
   */
  static canRead(delimiter: string): boolean {
    if (process.env.FUNNEL_CSV_READER === 'csv-parse') return false;
    if (delimiter.length !== 1) return false;
    const c = delimiter.charCodeAt(0);
    return c < 0x80 && c !== QUOTE && c !== CR && c !== LF;
  }

  /** True once csv-parse reads the rest of the file. */
  get isHandedOver(): boolean {
    return this.target !== null;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.target) {
      this.forward(chunk, done);
      return;
    }
    if (this.head) this.head.push(chunk);
    this.dataStart = this.received - (this.carry?.length ?? 0);
    this.received += chunk.length;
    let data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (!this.isBomChecked) {
      if (data.length < 3) {
        this.carry = data;
        done();
        return;
      }
      this.isBomChecked = true;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        data = data.subarray(3);
        this.dataStart += 3;
        this.consumedBytes = 3;
      }
    }
    try {
      const stop = this.records(data, false);
      if (stop < 0 || this.destroyed) {
        done();
        return;
      }
      this.switchTo(data, stop, done);
    } catch (err) {
      done(err as Error);
    }
  }

  override _final(done: (err?: Error | null) => void): void {
    if (!this.target && !this.destroyed) {
      let data = this.carry ?? Buffer.alloc(0);
      this.dataStart = this.received - data.length;
      this.carry = null;
      if (!this.isBomChecked && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        data = data.subarray(3);
        this.dataStart += 3;
      }
      this.isBomChecked = true;
      try {
        const stop = this.records(data, true);
        if (stop >= 0 && !this.destroyed) {
          this.switchTo(data, stop, (err) => {
            if (err) done(err);
            else this.endTarget(done);
          });
          return;
        }
      } catch (err) {
        done(err as Error);
        return;
      }
      done();
      return;
    }
    if (this.target) this.endTarget(done);
    else done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.target?.destroy();
    done(err);
  }

  /** Hands the rest of the file, from `data[stop]` on, to csv-parse. */
  private switchTo(data: Buffer, stop: number, done: (err?: Error | null) => void): void {
    const isAtStart = this.head !== null;
    // Nothing accepted yet: csv-parse reads the file from its first byte, BOM included.
    const rest = isAtStart ? Buffer.concat(this.head as Buffer[]) : data.subarray(stop);
    this.head = null;
    const target = this.handOver({
      isAtStart,
      recordDelimiter: isAtStart ? null : this.recordDelimiter === 2 ? '\r\n' : '\n',
    });
    this.target = target;
    target.on('error', (err) => this.destroy(err));
    this.forward(rest, done);
  }

  private forward(chunk: Buffer, done: (err?: Error | null) => void): void {
    const target = this.target as Transform;
    if (target.write(chunk)) done();
    else target.once('drain', () => done());
  }

  private endTarget(done: (err?: Error | null) => void): void {
    const target = this.target as Transform;
    finished(target, { writable: true, readable: true }, (err) => done(err ?? null));
    target.end();
  }

  /**
   * Reads the records of `data` from its start; returns -1 when every complete record was
   * accepted (the unfinished rest is carried), else the offset of the record not accepted.
   *
   * Every record ends at an LF, so the bytes up to the last LF (all of them at the end of the
   * file) are read as text, in pieces of about PIECE bytes that end at an LF, each decoded once
   * as Latin-1 (a character a byte): records and fields are found and cut out of it, and their
   * offsets are the bytes'. Quotes, delimiters and line breaks are ASCII, which is never part of
   * a multi-byte UTF-8 character, so they are found right; a field with a byte >= 0x80 in it is
   * decoded from the bytes as UTF-8 instead. The rest is carried as bytes, with any character
   * the chunk's end cut.
   */
  private records(data: Buffer, isEnd: boolean): number {
    const len = data.length;
    if (len > 0 && this.recordDelimiter === 0) {
      const found = this.discover(data, 0, isEnd);
      if (found === REFUSE) return 0;
      if (found === MORE) return this.keep(data, 0);
    }
    const cut = isEnd ? len : data.lastIndexOf(LF) + 1;
    let pos = 0;
    let size = PIECE;
    while (pos < cut) {
      const next = pos + size >= cut ? cut : data.indexOf(LF, pos + size) + 1;
      const end = next > 0 ? next : cut;
      const isLast = end === cut;
      const read = this.piecewise(data, pos, end, isEnd && isLast);
      if (read < 0) return pos - read - 1;
      if (this.destroyed) return -1;
      // A record longer than the piece: the piece grows until it holds the record.
      if (read === 0 && !isLast) size *= 2;
      else size = PIECE;
      pos += read;
      if (isLast) break;
    }
    return this.keep(data, pos);
  }

  /**
   * Reads the records of `data` from `start` to `end` (after an LF, or the end of the file) as
   * one piece; returns the bytes read as whole records, or -1 - that many when the record after
   * them is refused.
   */
  private piecewise(data: Buffer, start: number, end: number, isEnd: boolean): number {
    const bytes = data.subarray(start, end);
    this.piece = bytes.toString('latin1');
    this.pieceBytes = bytes;
    this.pieceStart = start;
    this.piecePos = 0;
    this.high = isAscii(bytes) ? NONE : -1;
    let isRefused: boolean;
    try {
      isRefused = this.textRecords(this.piece, isEnd);
    } finally {
      this.consumedBytes = this.dataStart + start + this.piecePos;
      this.pieceBytes = null;
      this.piece = '';
    }
    return isRefused ? -1 - this.piecePos : this.piecePos;
  }

  /** Carries `data` from `pos` (an unfinished record) to the next chunk; returns -1, or `pos` when that is longer than the limit. */
  private keep(data: Buffer, pos: number): number {
    if (pos < data.length) {
      if (data.length - pos > this.maxRecordSize) return pos;
      this.carry = Buffer.from(data.subarray(pos));
    }
    return -1;
  }

  /** Whether the piece has a byte >= 0x80 from `start` to `end` (called with `start` never going back within a piece). */
  private hasHigh(start: number, end: number): boolean {
    if (this.high < start) {
      HIGH.lastIndex = start;
      this.high = HIGH.test(this.piece) ? HIGH.lastIndex - 1 : NONE;
    }
    return this.high < end;
  }

  /**
   * The text of the piece's bytes from `start` to `end` as a string of its own. A slice of the
   * piece's text longer than 12 characters would refer to it, and V8 would keep all of it while
   * the field lives (in a cache, say); joined to a character and cut again it is copied once,
   * flat. Bytes >= 0x80 are decoded as UTF-8, into a new string.
   */
  private cut(start: number, end: number): string {
    if (this.hasHigh(start, end)) return (this.pieceBytes as Buffer).toString('utf8', start, end);
    return end - start < 13 ? this.piece.slice(start, end) : (this.piece.slice(start, end) + '"').slice(0, -1);
  }

  /**
   * The fields of the piece's bytes from `start` to `end` (no quote in them). They are cut from
   * one copy of their text, joined to a delimiter (which ends the last field): the first cut
   * flattens that into a string of its own (see `cut`), which a field holds at most.
   */
  private split(start: number, end: number): string[] {
    const d = this.delimiterText;
    const text = (this.hasHigh(start, end) ? (this.pieceBytes as Buffer).toString('utf8', start, end) : this.piece.slice(start, end)) + d;
    const last = text.length - 1;
    const fields: string[] = [];
    for (let i = 0; ; ) {
      const j = text.indexOf(d, i);
      fields.push(text.slice(i, j));
      if (j === last) return fields;
      i = j + 1;
    }
  }

  /**
   * Reads the records of the piece's text, `piecePos` after each; true when a record is
   * refused (at `piecePos`), false when the rest is unfinished or none is left. The line
   * ends are known.
   */
  private textRecords(text: string, isEnd: boolean): boolean {
    const len = text.length;
    const crlf = this.recordDelimiter === 2;
    let pos = 0;
    // Next quote at or after pos; recomputed only once passed.
    let quote = text.indexOf('"');
    while (pos < len) {
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      // The end of the record if it has no quote: the next record delimiter.
      let end = text.indexOf('\n', pos);
      if (crlf) {
        while (end !== -1 && (end === pos || text.charCodeAt(end - 1) !== CR)) end = text.indexOf('\n', end + 1);
      }
      if (quote === -1 || (end !== -1 && quote > end)) {
        if (end === -1) {
          if (!isEnd) break;
          if (len - pos > this.maxRecordSize) return true;
          this.unquoted(pos, len);
          this.piecePos = len;
          break;
        }
        if (end + 1 - pos > this.maxRecordSize) return true;
        this.unquoted(pos, crlf ? end - 1 : end);
        pos = end + 1;
      } else {
        const next = this.quoted(text, pos, quote, isEnd);
        if (next === MORE) break;
        if (next === REFUSE || next - pos > this.maxRecordSize) return true;
        this.onRecord(this.pending, this.pendingBreaks);
        pos = next;
      }
      this.piecePos = pos;
      if (this.head) this.head = null;
      if (this.destroyed) break;
    }
    return false;
  }

  /** A record with no quote in it: only CRLF line ends leave a line break (a lone LF) in its fields. */
  private unquoted(start: number, end: number): void {
    this.onRecord(this.split(start, end), this.recordDelimiter === 2 ? lineBreaksIn(this.piece, start, end) : 0);
  }

  /**
   * Sets the record delimiter from the first line break outside quotes, as csv-parse does:
   * CRLF, else LF; a lone CR (old Mac line ends) is left to csv-parse.
   */
  private discover(data: Buffer, pos: number, isEnd: boolean): number {
    let inQuotes = false;
    for (let i = pos; i < data.length; i++) {
      const c = data[i];
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (!inQuotes && c === LF) {
        this.recordDelimiter = 1;
        return 0;
      } else if (!inQuotes && c === CR) {
        if (i + 1 >= data.length) return isEnd ? REFUSE : MORE;
        if (data[i + 1] !== LF) return REFUSE;
        this.recordDelimiter = 2;
        return 0;
      }
      if (i - pos > this.maxRecordSize) return REFUSE;
    }
    // No line break yet: a one-record file is read at the end; else wait for more.
    if (isEnd) {
      this.recordDelimiter = 1;
      return 0;
    }
    return MORE;
  }

  /**
   * Reads one record of the piece's text with at least one quote in it, from `pos` (its first
   * quote at `quote`), into `pending`. Returns the offset after it, MORE when it does not end
   * within `text`, or REFUSE when csv-parse must read it.
   */
  private quoted(text: string, pos: number, quote: number, isEnd: boolean): number {
    const len = text.length;
    const delim = this.delimiter;
    const crlf = this.recordDelimiter === 2;
    const max = this.maxRecordSize;
    let record: string[] = [];
    this.pendingBreaks = 0;
    let i = pos;
    // The fields before the first quote have none: split at once, as a record without quotes
    // is. A quote that does not start a field is refused below, as the loop would.
    if (quote > pos && text.charCodeAt(quote - 1) === delim && quote - pos <= max) {
      record = this.split(pos, quote - 1);
      if (crlf) this.pendingBreaks = lineBreaksIn(text, pos, quote - 1);
      i = quote;
    }
    this.pending = record;
    for (;;) {
      if (i - pos > max) return REFUSE;
      if (i < len && text.charCodeAt(i) === QUOTE) {
        // A quoted field: up to a quote that is not doubled.
        const start = i + 1;
        let isEscaped = false;
        let j = start;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) return isEnd ? REFUSE : len - pos > max ? REFUSE : MORE;
          if (q - pos >= max) return REFUSE;
          if (q + 1 >= len) {
            if (!isEnd) return MORE;
            record.push(this.quotedField(start, q, isEscaped));
            return len;
          }
          const after = text.charCodeAt(q + 1);
          if (after === QUOTE) {
            isEscaped = true;
            j = q + 2;
            continue;
          }
          if (after === delim) {
            record.push(this.quotedField(start, q, isEscaped));
            i = q + 2;
            break;
          }
          if (after === LF && !crlf) {
            record.push(this.quotedField(start, q, isEscaped));
            return q + 2;
          }
          if (after === CR && crlf) {
            if (q + 2 >= len) {
              if (!isEnd) return MORE;
              return REFUSE;
            }
            if (text.charCodeAt(q + 2) !== LF) return REFUSE;
            record.push(this.quotedField(start, q, isEscaped));
            return q + 3;
          }
          return REFUSE;
        }
        // After the delimiter: a field follows (possibly empty, at the record's end).
        continue;
      }
      // An unquoted field: up to the delimiter or the record's end; a quote in it is refused.
      let j = i;
      for (;;) {
        if (j >= len) {
          if (!isEnd) return MORE;
          record.push(this.field(i, j));
          return len;
        }
        const c = text.charCodeAt(j);
        if (c === delim) {
          record.push(this.field(i, j));
          i = j + 1;
          break;
        }
        if (c === QUOTE) return REFUSE;
        if (c === LF && (!crlf || (j > i && text.charCodeAt(j - 1) === CR))) {
          record.push(this.field(i, crlf ? j - 1 : j));
          return j + 1;
        }
        if (c === CR && crlf && j + 1 >= len && !isEnd) return MORE;
        j++;
      }
    }
  }

  /** A quoted field's text (between its quotes), its line breaks counted. */
  private quotedField(start: number, end: number, isEscaped: boolean): string {
    const s = this.cut(start, end);
    this.pendingBreaks += lineBreaks(s);
    return isEscaped ? s.replaceAll('""', '"') : s;
  }

  /** An unquoted field of a record with quotes; with CRLF line ends it may hold a lone LF. */
  private field(start: number, end: number): string {
    if (this.recordDelimiter === 2) this.pendingBreaks += lineBreaksIn(this.piece, start, end);
    return this.cut(start, end);
  }
}

/** Number of LFs in `s`. */
export function lineBreaks(s: string): number {
  return lineBreaksIn(s, 0, s.length);
}

/** Number of LFs in `s` from `start` to `end`. */
function lineBreaksIn(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', start); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Where csv-parse takes over. */
export interface HandOver {
  /** No record was accepted: csv-parse reads the whole file (BOM and line-end discovery included). */
  isAtStart: boolean;
  /** The file's record delimiter, once discovered (csv-parse must not discover it again mid-file). */
  recordDelimiter: '\n' | '\r\n' | null;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const MORE = -1;
/**
 * Bytes of a chunk decoded and read at once. The text is alive while its records are read, so
 * every young-generation collection then copies it, and V8 doubles its young generation (about
 * 10 to 18 MB more memory) once the bytes so copied add up to its size: at 64 KiB a time in most
 * runs; at 16 KiB on 4 M rows once rows cost less to map (fewer collections, each copying a
 * piece); at 8 KiB in none measured.
 */
const PIECE = 8 * 1024;
/** `high` when the piece has no byte >= 0x80 after it. */
const NONE = 0x3fffffff;
/** A byte >= 0x80 in a piece's Latin-1 text. */
const HIGH = /[\x80-\xff]/g;
const REFUSE = -2;
