// The part of unzipper (a dependency of exceljs, ships no types) that xlsx.ts uses.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  interface Entry {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    /** The entry's content, decompressed, read from the archive on demand. */
    stream(): Readable;
  }
  interface Directory {
    files: Entry[];
  }
  const unzipper: {
    Open: {
      /** Reads the archive's central directory (random access): entries in any order. */
      file(path: string): Promise<Directory>;
    };
  };
  export default unzipper;
}
