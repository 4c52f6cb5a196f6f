import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBytes, type ByteRange } from '../../src/ingest/file-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'funnel-file-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 300,000 bytes, each its offset mod 251, so a byte out of place shows.
const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
const file = join(dir, 'data.bin');
writeFileSync(file, data);

/** The chunks as the stream emits them (an async iterator would join those already buffered). */
function chunks(path: string, range?: ByteRange): Promise<Buffer[]> {
  const out: Buffer[] = [];
  return new Promise((resolve, reject) => {
    fileBytes(path, range)
      .on('data', (chunk: Buffer) => out.push(chunk))
      .on('end', () => resolve(out))
      .on('error', reject);
  });
}

describe('fileBytes', () => {
  it.each<[string, ByteRange, number, number]>([
    ['the whole file', {}, 0, 300_000],
    ['from a start', { start: 123_457 }, 123_457, 300_000],
    ['to an end (inclusive)', { end: 99_999 }, 0, 100_000],
    ['a range', { start: 70_000, end: 70_009 }, 70_000, 70_010],
    ['an empty range', { start: 300_000 }, 300_000, 300_000],
  ])('reads %s', async (_name, range, from, to) => {
    expect(Buffer.concat(await chunks(file, range)).equals(data.subarray(from, to))).toBe(true);
  });

  it('reads in chunks of the size asked, the last one short', async () => {
    const sizes = (await chunks(file, { chunkSize: 65_536 })).map((c) => c.length);
    expect(sizes).toEqual([65_536, 65_536, 65_536, 65_536, 37_856]);
    expect((await chunks(file, { start: 10, end: 29, chunkSize: 7 })).map((c) => c.length)).toEqual([7, 7, 6]);
  });

  it('counts the bytes it has read', async () => {
    const stream = fileBytes(file, { start: 1000 });
    for await (const _chunk of stream);
    expect(stream.bytesRead).toBe(299_000);
  });

  it.skipIf(!existsSync('/proc/self/fdinfo'))('reads on from the file offset when no start is given, as the progress line expects', async () => {
    // The progress line reads the descriptor's offset; a positioned read would leave it at 0.
    const stream = fileBytes(file, { end: 199_999 });
    const offsets: number[] = [];
    for await (const _chunk of stream) {
      const fd = readdirSync('/proc/self/fd').find((fd) => safeLink(`/proc/self/fd/${fd}`) === file);
      offsets.push(fd === undefined ? -1 : Number(/pos:\s*(\d+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1]));
      expect(offsets.at(-1)).toBe(stream.bytesRead);
    }
    expect(offsets[0]).toBeGreaterThan(0);
  });

  it('reads what is not a regular file with an fs stream', async () => {
    expect(fileBytes('/dev/null')).toBeInstanceOf(ReadStream);
    expect(fileBytes(file)).not.toBeInstanceOf(ReadStream);
    expect(await chunks('/dev/null')).toEqual([]);
  });

  it('fails as an fs stream does for a missing file: the error names the system call', async () => {
    const err = await chunks(join(dir, 'missing.csv')).catch((e: NodeJS.ErrnoException) => e);
    expect(err).toMatchObject({ code: 'ENOENT', syscall: 'open' });
  });

  it('fails for a directory', async () => {
    const err = await chunks(dir).catch((e: NodeJS.ErrnoException) => e);
    expect(err).toMatchObject({ code: 'EISDIR' });
  });

  it('lets the event loop run while it reads a large file', async () => {
    const big = join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(8 * 1024 * 1024, 0x61));
    const stream = fileBytes(big);
    let firedAt = -1;
    setImmediate(() => (firedAt = stream.bytesRead));
    for await (const _chunk of stream);
    // Chunks pass through promises alone: without a turn the immediate could run only at the end.
    // A turn follows each chunk (the stream may have read one ahead).
    expect(firedAt).toBeGreaterThan(0);
    expect(firedAt).toBeLessThanOrEqual(2 * 65_536);
  });
});

function safeLink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
