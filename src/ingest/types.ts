/** A record as read: CSV fields by column index, or a JSON object. */
export type RawRecord = string[] | Record<string, unknown>;

/** Receives records as they are read; called synchronously, in file order. */
export interface RecordSink {
  /** The header of a CSV file (never called for JSON). May throw to stop the run. */
  header(headers: string[], line: number): void;
  record(record: RawRecord, line: number): void;
  /** A record the reader could not read; it still counts as a row. */
  reject(line: number, reason: string, code: string): void;
}

export type InputFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'xlsx';

/** How the file's bytes are compressed; `null` when they are not. */
export type Compression = 'gzip' | null;

/** What the reader detected about a file. */
export interface FileMeta {
  format: InputFormat;
  encoding: string;
  /** CSV delimiter as written (`\t` for tab); null for JSON and XLSX. */
  delimiter: string | null;
  /** `gzip` for `.gz` files (read through zlib), else null. */
  compression: Compression;
  /** XLSX: the name of the sheet that was read; null for other formats. */
  sheet: string | null;
  /** XLSX: headers of columns hidden in the sheet (still read like the others). */
  hiddenColumns: string[];
  /** CSV header, or the dot-path keys of the first JSON records. */
  headers: string[];
  /** Date format per mapped date column: detected from the values, or the source's dateFormat. */
  dateFormats: Record<string, string>;
  /** Warnings about the file that do not stop the run. */
  warnings: string[];
}

/** Per-file options from config. */
export interface ReadOptions {
  format?: InputFormat;
  delimiter?: string;
  encoding?: string;
  /** XLSX: sheet name, or 1-based position in the workbook; default the first visible sheet. */
  sheet?: string | number;
  /** Config key of the source reading the file (e.g. `sources[1]`), named in messages. */
  sourceKey?: string | null;
  /** Longest record accepted, in bytes of text (default: the process's input limits); one stray quote cannot swallow a file. */
  maxRecordSize?: number;
}
