import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';

// The workbook's zip archive, opened through its central directory (random access), so parts
// are read in the order the reader needs them whatever order they are stored in. Each part is
// checked against the size limits before a byte of it is inflated, on the sizes the directory
// declares; a part whose data inflates past its declared size is stopped there, so a lying
// directory cannot get round the check. yauzl reads the directory and checks each part's local
// header; the stored bytes are read and inflated here, in larger chunks than yauzl's (256 KiB
// reads, not 16 KiB: a sheet is most of a workbook's bytes, and each chunk costs a system call
// and a round through the inflater).

/** How far a part of a workbook may expand; see docs/formats.md. */
export interface ZipLimits {
  /** Bytes one part may inflate to. */
  maxInputSize: number;
  /** Inflated size ÷ stored size allowed for a part larger than EXPANSION_FLOOR. */
  maxExpansion: number;
}

/** Parts smaller than this are never too expanded: small and harmless whatever their ratio. */
export const EXPANSION_FLOOR = 16 * 1024 * 1024;

/** Bytes read from the file at a time, and inflated at a time. */
const READ_SIZE = 256 * 1024;
const INFLATE_SIZE = 256 * 1024;

/** A part over a limit; the caller names the file and says how to proceed. */
export class PartTooLarge extends Error {
  constructor(
    readonly part: string,
    readonly size: number,
    readonly stored: number,
    readonly limit: 'size' | 'expansion',
    /** The limit passed: bytes for `size`, a ratio for `expansion`. */
    readonly max: number,
  ) {
    super(`${part} is too large`);
  }
}

interface Part {
  entry: yauzl.Entry;
  name: string;
}

export class ZipArchive {
  private readonly byName = new Map<string, Part>();
  private readonly byLowerName = new Map<string, Part>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** The same file, for the parts' stored bytes. */
    private readonly file: FileHandle,
  ) {}

  /** Reads the central directory of the archive at `path`. */
  static async open(path: string): Promise<ZipArchive> {
    const file = await open(path, 'r');
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
    } catch (err) {
      await file.close();
      throw err;
    }
    const archive = new ZipArchive(zip, file);
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          archive.add(entry);
          zip.readEntry();
        });
        zip.once('end', resolve);
        zip.once('error', reject);
        zip.readEntry();
      });
    } catch (err) {
      archive.close();
      throw err;
    }
    return archive;
  }

  private add(entry: yauzl.Entry): void {
    // Names are ASCII in practice; some writers use backslashes or a leading slash.
    const name = utf8.decode(entry.fileNameRaw).replace(/\\/g, '/').replace(/^\/+/, '');
    if (name.endsWith('/')) return;
    const part = { entry, name };
    if (!this.byName.has(name)) this.byName.set(name, part);
    if (!this.byLowerName.has(name.toLowerCase())) this.byLowerName.set(name.toLowerCase(), part);
  }

  /** The part's name as stored, matched exactly, else ignoring case; null when absent. */
  find(name: string): string | null {
    return (this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase()))?.name ?? null;
  }

  /** The inflated bytes of a part found by `find`, after checking it against `limits`. */
  async *read(name: string, limits: ZipLimits): AsyncGenerator<Buffer> {
    const part = this.byName.get(name);
    if (!part) throw new Error(`no part ${name}`);
    const { entry } = part;
    const { uncompressedSize: size, compressedSize: stored } = entry;
    if (size > limits.maxInputSize) throw new PartTooLarge(name, size, stored, 'size', limits.maxInputSize);
    if (size > EXPANSION_FLOOR && size > limits.maxExpansion * Math.max(stored, 1)) throw new PartTooLarge(name, size, stored, 'expansion', limits.maxExpansion);
    if (entry.isEncrypted()) throw new Error('the part is encrypted');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`unsupported compression method ${entry.compressionMethod}`);
    // Where the part's bytes start, after its local header (checked: signature, bounds).
    const { fileDataStart } = await this.zip.readLocalFileHeaderPromise(entry, { minimal: true });
    const raw = Readable.from(this.bytes(fileDataStart, stored), { objectMode: false });
    const inflate = entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: INFLATE_SIZE }) : null;
    if (inflate) {
      raw.on('error', (err: Error) => inflate.destroy(err));
      raw.pipe(inflate);
    }
    let seen = 0;
    try {
      for await (const chunk of (inflate ?? raw) as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (seen > size) throw new Error(`the part inflates past the ${size} bytes the archive declares for it`);
        yield chunk;
      }
      if (seen < size) throw new Error(`the part ends after ${seen} of the ${size} bytes the archive declares for it`);
    } finally {
      raw.destroy();
      inflate?.destroy();
    }
  }

  /** The `length` bytes of the file from `start`, READ_SIZE at a time. */
  private async *bytes(start: number, length: number): AsyncGenerator<Buffer> {
    for (let pos = start, end = start + length; pos < end; ) {
      const buffer = Buffer.allocUnsafe(Math.min(READ_SIZE, end - pos));
      const { bytesRead } = await this.file.read(buffer, 0, buffer.length, pos);
      if (bytesRead === 0) throw new Error(`the archive ends inside the part, ${end - pos} bytes early`);
      pos += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  }

  close(): void {
    this.zip.close();
    // Waits for reads in flight; nothing is left to report by then.
    this.file.close().catch(() => {});
  }
}

const utf8 = new TextDecoder('utf-8');
