import { TextDecoder } from 'node:util';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';

// The workbook's zip archive, opened through its central directory (random access), so parts
// are read in the order the reader needs them whatever order they are stored in. Each part is
// checked against the size limits before a byte of it is inflated, on the sizes the directory
// declares; a part whose data inflates past its declared size is stopped there, so a lying
// directory cannot get round the check. yauzl reads the directory and the stored bytes; they
// are inflated here, in larger chunks than yauzl's (a sheet is most of a workbook's bytes).

/** How far a part of a workbook may expand; see docs/formats.md. */
export interface ZipLimits {
  /** Bytes one part may inflate to. */
  maxInputSize: number;
  /** Inflated size ÷ stored size allowed for a part larger than EXPANSION_FLOOR. */
  maxExpansion: number;
}

/** Parts smaller than this are never too expanded: small and harmless whatever their ratio. */
export const EXPANSION_FLOOR = 16 * 1024 * 1024;

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

  private constructor(private readonly zip: yauzl.ZipFile) {}

  /** Reads the central directory of the archive at `path`. */
  static async open(path: string): Promise<ZipArchive> {
    const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
    const archive = new ZipArchive(zip);
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
      zip.close();
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
    const raw = await this.zip.openReadStreamPromise(entry, { decodeFileData: false });
    const inflate = entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: 256 * 1024 }) : null;
    if (inflate) {
      raw.on('error', (err) => inflate.destroy(err));
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

  close(): void {
    this.zip.close();
  }
}

const utf8 = new TextDecoder('utf-8');
