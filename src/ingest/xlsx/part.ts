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
  let decoder: TextDecoder | null = null;
  let isHandling = false;
  try {
    for await (const chunk of chunks) {
      decoder ??= new TextDecoder(encodingOf(chunk), { fatal: true });
      const text = decoder.decode(chunk, { stream: true });
      isHandling = true;
      scanner.write(text);
      isHandling = false;
    }
    const last = decoder?.decode() ?? '';
    isHandling = true;
    scanner.write(last);
    isHandling = false;
    scanner.end();
  } catch (err) {
    if (err instanceof XmlError) throw new PartError(name, `not well-formed XML: ${err.message}`);
    if (isHandling || err instanceof PartTooLarge) throw err;
    if ((err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new PartError(name, 'not valid UTF-8');
    throw new PartError(name, `damaged (${(err as Error).message})`);
  }
}

/** XML parts are UTF-8 unless they start with a UTF-16 byte order mark. */
function encodingOf(first: Buffer): string {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
