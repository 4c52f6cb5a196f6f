import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { XmlError, XmlScanner, type XmlHandler } from './xml.js';
import { PartTooLarge, type ZipArchive, type ZipLimits } from './zip.js';

/** A part that cannot be read (damaged, malformed XML, bad UTF-8); the caller names the file. */
export class PartError extends Error {
  constructor(
    readonly part: string,
    readonly reason: string,
  ) {
    super(`${part}: ${reason}`);
  }
}

/**
 * Inflates a part and scans its XML into `handler`. Errors thrown by the handler pass through
 * as they are; problems with the part itself become PartError.
 */
export async function scanPart(archive: ZipArchive, name: string, limits: ZipLimits, handler: XmlHandler): Promise<void> {
  const chunks = archive.read(name, limits);
  const scanner = new XmlScanner(handler);
  let utf16: TextDecoder | null = null;
  let isFirst = true;
  // Bytes not scanned yet: an incomplete token, and a character cut at the end of the chunk.
  let pending: Buffer = Buffer.alloc(0);
  let isHandling = false;
  try {
    for await (let chunk of chunks) {
      if (isFirst) {
        isFirst = false;
        const encoding = encodingOf(chunk);
        if (encoding !== 'utf-8') utf16 = new TextDecoder(encoding, { fatal: true });
        else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      if (utf16) {
        const text = utf16.decode(chunk, { stream: true });
        isHandling = true;
        scanner.write(text);
        isHandling = false;
        continue;
      }
      const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      const end = charBoundary(data);
      const whole = data.subarray(0, end);
      // A sheet is mostly ASCII (text is in the shared strings): then Latin-1 reads the same
      // characters, several times faster.
      const isPlain = isAscii(whole);
      if (!isPlain && !isUtf8(whole)) throw new PartError(name, 'not valid UTF-8');
      isHandling = true;
      if (isPlain) {
        // Its characters are its bytes: read from them, decoded only where needed.
        const used = scanner.scanBytes(whole);
        isHandling = false;
        pending = data.subarray(used);
        continue;
      }
      const text = whole.toString('utf8');
      const used = scanner.scanSome(text);
      isHandling = false;
      pending = data.subarray(end - (used < text.length ? Buffer.byteLength(text.slice(used)) : 0));
    }
    if (!isUtf8(pending)) throw new PartError(name, 'not valid UTF-8');
    const last = utf16 ? utf16.decode() : pending.toString('utf8');
    isHandling = true;
    scanner.write(last);
    isHandling = false;
    scanner.end();
  } catch (err) {
    if (err instanceof XmlError) throw new PartError(name, `not well-formed XML: ${err.message}`);
    if (isHandling || err instanceof PartTooLarge || err instanceof PartError) throw err;
    if ((err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new PartError(name, 'not valid UTF-8');
    throw new PartError(name, `damaged (${(err as Error).message})`);
  }
}

/** The end of the last whole UTF-8 character of `bytes` (a character may be cut at the end). */
function charBoundary(bytes: Buffer): number {
  const len = bytes.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = bytes[i];
    if (b < 0x80) return len;
    if (b >= 0xc0) return i + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) <= len ? len : i;
  }
  return len;
}

/** XML parts are UTF-8 unless they start with a UTF-16 byte order mark. */
function encodingOf(first: Buffer): string {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
