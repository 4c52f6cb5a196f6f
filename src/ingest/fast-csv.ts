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
  consumed = 0;
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
        this.consumed = 3;
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
   */
  private records(data: Buffer, isEnd: boolean): number {
    const decode = isAscii(data) ? 'latin1' : 'utf8';
    const len = data.length;
    let pos = 0;
    // Next quote at or after pos; recomputed only once passed.
    let quote = data.indexOf(QUOTE, 0);
    while (pos < len) {
      if (this.recordDelimiter === 0) {
        const found = this.discover(data, pos, isEnd);
        if (found < 0) {
          if (found === REFUSE) return pos;
          break; // MORE: wait for the next chunk
        }
      }
      if (quote !== -1 && quote < pos) quote = data.indexOf(QUOTE, pos);
      // The end of the record if it has no quote: the next record delimiter.
      let end = data.indexOf(LF, pos);
      if (this.recordDelimiter === 2) {
        while (end !== -1 && (end === pos || data[end - 1] !== CR)) end = data.indexOf(LF, end + 1);
      }
      if (quote === -1 || (end !== -1 && quote > end)) {
        if (end === -1) {
          if (!isEnd) break;
          if (len - pos > this.maxRecordSize) return pos;
          this.unquoted(data.toString(decode, pos, len));
          pos = len;
          this.consumed = this.dataStart + pos;
          break;
        }
        if (end + 1 - pos > this.maxRecordSize) return pos;
        this.unquoted(data.toString(decode, pos, this.recordDelimiter === 2 ? end - 1 : end));
        pos = end + 1;
      } else {
        const next = this.quoted(data, pos, quote, isEnd, decode);
        if (next === MORE) break;
        if (next === REFUSE || next - pos > this.maxRecordSize) return pos;
        this.onRecord(this.pending, this.pendingBreaks);
        pos = next;
      }
      this.consumed = this.dataStart + pos;
      if (this.head) this.head = null;
      if (this.destroyed) return -1;
    }
    if (pos < len) {
      if (len - pos > this.maxRecordSize) return pos;
      this.carry = Buffer.from(data.subarray(pos));
    }
    return -1;
  }

  /** A record with no quote in it: only CRLF line ends leave a line break (a lone LF) in its fields. */
  private unquoted(text: string): void {
    this.onRecord(text.split(this.delimiterText), this.recordDelimiter === 2 ? lineBreaks(text) : 0);
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
   * Reads one record with at least one quote in it, from `pos` (its first quote at `quote`),
   * into `pending`. Returns the offset after it, MORE when it does not end within `data`, or
   * REFUSE when csv-parse must read it.
   */
  private quoted(data: Buffer, pos: number, quote: number, isEnd: boolean, decode: 'latin1' | 'utf8'): number {
    const len = data.length;
    const delim = this.delimiter;
    const crlf = this.recordDelimiter === 2;
    let record: string[] = [];
    this.pendingBreaks = 0;
    let i = pos;
    // The fields before the first quote have none: decoded at once, as a record without quotes
    // is. A quote that does not start a field is refused below, as the loop would.
    if (quote > pos && data[quote - 1] === delim && quote - pos <= this.maxRecordSize) {
      const text = data.toString(decode, pos, quote - 1);
      record = text.split(this.delimiterText);
      if (crlf) this.pendingBreaks = lineBreaks(text);
      i = quote;
    }
    this.pending = record;
    for (;;) {
      if (i - pos > this.maxRecordSize) return REFUSE;
      if (i < len && data[i] === QUOTE) {
        // A quoted field: up to a quote that is not doubled.
        const start = i + 1;
        let isEscaped = false;
        let j = start;
        for (;;) {
          const q = data.indexOf(QUOTE, j);
          if (q === -1) return isEnd ? REFUSE : len - pos > this.maxRecordSize ? REFUSE : MORE;
          if (q - pos >= this.maxRecordSize) return REFUSE;
          if (q + 1 >= len) {
            if (!isEnd) return MORE;
            record.push(this.text(data, start, q, isEscaped, decode));
            return len;
          }
          const after = data[q + 1];
          if (after === QUOTE) {
            isEscaped = true;
            j = q + 2;
            continue;
          }
          if (after === delim) {
            record.push(this.text(data, start, q, isEscaped, decode));
            i = q + 2;
            break;
          }
          if (after === LF && !crlf) {
            record.push(this.text(data, start, q, isEscaped, decode));
            return q + 2;
          }
          if (after === CR && crlf) {
            if (q + 2 >= len) {
              if (!isEnd) return MORE;
              return REFUSE;
            }
            if (data[q + 2] !== LF) return REFUSE;
            record.push(this.text(data, start, q, isEscaped, decode));
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
          record.push(this.field(data, i, j, decode));
          return len;
        }
        const c = data[j];
        if (c === delim) {
          record.push(this.field(data, i, j, decode));
          i = j + 1;
          break;
        }
        if (c === QUOTE) return REFUSE;
        if (c === LF && (!crlf || (j > i && data[j - 1] === CR))) {
          record.push(this.field(data, i, crlf ? j - 1 : j, decode));
          return j + 1;
        }
        if (c === CR && crlf && j + 1 >= len && !isEnd) return MORE;
        j++;
      }
    }
  }

  /** A quoted field's text (between its quotes), its line breaks counted. */
  private text(data: Buffer, start: number, end: number, isEscaped: boolean, decode: 'latin1' | 'utf8'): string {
    const s = data.toString(decode, start, end);
    this.pendingBreaks += lineBreaks(s);
    return isEscaped ? s.replaceAll('""', '"') : s;
  }

  /** An unquoted field of a record with quotes; with CRLF line ends it may hold a lone LF. */
  private field(data: Buffer, start: number, end: number, decode: 'latin1' | 'utf8'): string {
    const s = data.toString(decode, start, end);
    if (this.recordDelimiter === 2) this.pendingBreaks += lineBreaks(s);
    return s;
  }
}

/** Number of LFs in `s`. */
function lineBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
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
const REFUSE = -2;
