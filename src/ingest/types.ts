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

export type InputFormat = 'csv' | 'tsv' | 'json' | 'ndjson';

/** What the reader detected about a file. */
export interface FileMeta {
  format: InputFormat;
  encoding: string;
  /** CSV delimiter as written (`\t` for tab); null for JSON. */
  delimiter: string | null;
  /** CSV header, or the dot-path keys of the first JSON records. */
  headers: string[];
  /** Warnings about the file that do not stop the run. */
  warnings: string[];
}

/** Per-file options from config. */
export interface ReadOptions {
  format?: InputFormat;
  delimiter?: string;
  encoding?: string;
  /** Longest record accepted, in characters; one stray quote cannot swallow a file. */
  maxRecordSize?: number;
}
