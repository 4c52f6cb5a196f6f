import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { FunnelError } from '../errors.js';
import { fileError, gzipError } from './detect.js';
import { fileBytes } from './file-bytes.js';
import { formatSize, inputLimits, RATIO_FLOOR } from './limits.js';
import type { Compression } from './types.js';

/** Where a file's bytes come from, and how its text is decoded. */
export interface TextSource {
  path: string;
  display: string;
  compression: Compression;
  encoding: string;
  /** The encoding was detected, not configured: an ASCII start may turn out to be Windows-1252. */
  isEncodingDetected: boolean;
  /** Config key of the source reading the file, for the fix in messages. */
  sourceKey?: string | null;
  /** Called when UTF-8 reading switches to Windows-1252 at `offset`. */
  onFallback?: (offset: number) => void;
  /** The file offset of the first byte read (reading resumed in mid-file), for messages. */
  origin?: number;
}

/** The streams that yield a file's (decompressed) bytes, for `stream.pipeline`; gzip is bounded (see ExpansionGuard). */
export function byteStages(path: string, compression: Compression, src: { display: string } = { display: path }): Readable[] {
  const file = fileBytes(path);
  return compression === 'gzip' ? [file, createGunzip(), new ExpansionGuard(file, src.display)] : [file];
}

/**
 * Stops a gzip input that expands past the absolute limit, or past the ratio limit once more
 * than RATIO_FLOOR has come out: a 10 MB bomb becomes 10 GB of text, and would be parsed at
 * CSV speed for many minutes before any absolute limit alone was reached.
 */
export class ExpansionGuard extends Transform {
  private out = 0;
  private readonly maxSize: number;
  private readonly maxRatio: number;
  constructor(
    private readonly file: { bytesRead: number },
    private readonly display: string,
  ) {
    super();
    const limits = inputLimits();
    this.maxSize = limits.maxDecompressedSize;
    this.maxRatio = limits.maxCompressionRatio;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.out += chunk.length;
    const read = Math.max(1, this.file.bytesRead);
    if (this.out > this.maxSize) {
      return done(
        new FunnelError('INPUT_TOO_LARGE', `decompresses to more than ${formatSize(this.maxSize)} (the limit for a gzip input)`, {
          where: { file: this.display },
          hint: `if the file is genuine, raise the limit with --max-decompressed-size (e.g. --max-decompressed-size ${formatSize(this.maxSize * 4).replace(' ', '')})`,
        }),
      );
    }
    if (this.out > RATIO_FLOOR && this.out > read * this.maxRatio) {
      return done(
        new FunnelError('INPUT_TOO_LARGE', `expands more than ${this.maxRatio} times (${formatSize(read)} of gzip became ${formatSize(this.out)} so far): likely a decompression bomb`, {
          where: { file: this.display },
          hint: 'exports compress 5 to 30 times; if the file is genuine, raise the limit with --max-compression-ratio (e.g. --max-compression-ratio 2000)',
        }),
      );
    }
    done(null, chunk);
  }
}

/** The transform that turns a file's bytes into text the parsers read (UTF-8 buffers or strings). */
export function decodeStage(src: TextSource): Transform {
  return src.encoding === 'utf-8' ? new CheckUtf8(src) : new Decode(src);
}

/** Turns a failure while reading a file's bytes into a FunnelError (file, gzip or decoding). */
export function readError(err: unknown, src: { display: string; compression: Compression }): FunnelError | null {
  if (err instanceof FunnelError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.syscall) return fileError(err, src.display);
  if (src.compression === 'gzip' && typeof e.code === 'string' && e.code.startsWith('Z_')) return gzipError(err, src.display);
  return null;
}

function invalidBytes(src: TextSource, encoding: string, offset: number, why = ''): FunnelError {
  const fix = src.sourceKey
    ? `set ${src.sourceKey}.encoding: windows-1252 (or the file's real encoding)`
    : "add a source for this file to the config with encoding: windows-1252 (or the file's real encoding)";
  return new FunnelError('FILE_UNREADABLE', `bytes near offset ${offset} are not valid ${encoding}${why}`, {
    where: { file: src.display },
    hint: fix,
  });
}

/** Decodes bytes to text; invalid bytes stop the run with their byte offset. */
class Decode extends Transform {
  private readonly decoder: TextDecoder;
  private offset = 0;
  constructor(private readonly src: TextSource) {
    super({ decodeStrings: true });
    this.decoder = new TextDecoder(src.encoding, { fatal: true, ignoreBOM: false });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.push(this.decoder.decode(chunk, { stream: true }));
      this.offset += chunk.length;
      done();
    } catch {
      done(invalidBytes(this.src, this.src.encoding, this.offset));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      this.push(this.decoder.decode());
      done();
    } catch {
      done(invalidBytes(this.src, this.src.encoding, this.offset));
    }
  }
}

/**
 * Passes UTF-8 bytes through unchanged after checking them, so the parser reads buffers
 * (decoding to text and back would cost a third of the parse). A character cut at the end of a
 * chunk waits for the next one.
 *
 * Detection looks at the first 64 KiB only. When the encoding was detected and everything
 * before the first invalid byte was plain ASCII, the file is most likely Windows-1252 with its
 * first accented character further down (ASCII reads the same in both): the rest is decoded as
 * Windows-1252 and `onFallback` is told. Otherwise invalid bytes stop the run.
 */
class CheckUtf8 extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  private offset: number;
  private isAsciiSoFar = true;
  private fallback: TextDecoder | null = null;
  constructor(private readonly src: TextSource) {
    super();
    this.offset = src.origin ?? 0;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.fallback) {
      done(null, this.fallback.decode(chunk, { stream: true }));
      return;
    }
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(buf);
    const body = buf.subarray(0, cut);
    if (!isUtf8(body)) {
      this.carry = Buffer.alloc(0);
      this.switchOrFail(buf, done);
      return;
    }
    this.carry = Buffer.from(buf.subarray(cut));
    if (this.isAsciiSoFar && !isAscii(body)) this.isAsciiSoFar = false;
    this.offset += body.length;
    done(null, body);
  }
  override _flush(done: TransformCallback): void {
    if (this.fallback) {
      done(null, this.fallback.decode());
      return;
    }
    if (this.carry.length > 0) {
      const rest = this.carry;
      this.carry = Buffer.alloc(0);
      this.switchOrFail(rest, (err, text) => {
        if (err) return done(err);
        if (text !== undefined) this.push(text);
        if (this.fallback) this.push(this.fallback.decode());
        done();
      });
      return;
    }
    done();
  }
  private switchOrFail(buf: Buffer, done: TransformCallback): void {
    if (!this.src.isEncodingDetected || !this.isAsciiSoFar) {
      const why = this.isAsciiSoFar ? '' : ' (the file mixes encodings: earlier bytes were UTF-8)';
      done(invalidBytes(this.src, 'utf-8', this.offset + firstInvalid(buf), why));
      return;
    }
    this.fallback = new TextDecoder('windows-1252');
    this.src.onFallback?.(this.offset + firstInvalid(buf));
    done(null, this.fallback.decode(buf, { stream: true }));
  }
}

/** Offset of the first byte that is not ASCII (where a UTF-8 check first can fail). */
function firstInvalid(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return i;
  return buf.length;
}

/** Length of `buf` up to the last complete UTF-8 sequence. */
function completeLength(buf: Buffer): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > buf.length ? i : buf.length;
  }
  return buf.length;
}
