import type { SourceConfig } from '../config/schema.js';
import type { RawRecord } from '../ingest/types.js';
import type { FileDates } from '../normalize/date-detect.js';
import { dateColumnsToDecide, sourceMapping, type ColumnLookup, type DateReading, type SourceMapping } from '../normalize/mapping.js';
import type { ColumnResolver, Getter } from '../normalize/source.js';
import { headerIndex, jsonColumn } from './columns.js';

// The plan of one file: its columns found by name (one header comparison, src/text.ts), and its
// mapping as data with the date reading of every date column decided from the file's sample.
// The streaming pipeline and the SQL loader plan a file alike.

/** A file's columns: a source's name → the data's spelling, and a spelling → its getter. */
export interface FileColumns {
  lookup: ColumnLookup;
  getter: (column: string) => Getter;
  /** Both at once, for code that reads a column by the name a source gives it. */
  resolve: ColumnResolver;
}

/** The columns of a CSV/XLSX header (a missing one is COLUMN_NOT_FOUND), or of JSON records by dot path. */
export function fileColumns(headers: readonly string[], opts: { isJson: boolean; file: string; line: number; sourceKey: string | null }): FileColumns {
  if (opts.isJson) {
    return { lookup: (name) => name, getter: jsonColumn, resolve: (name) => jsonColumn(name) };
  }
  const indexOf = headerIndex([...headers], opts.file, opts.line, opts.sourceKey);
  const lookup: ColumnLookup = (name, key) => headers[indexOf(name, key)].trim();
  const getter = (column: string): Getter => {
    const idx = headers.findIndex((h) => h.trim() === column);
    return (r: RawRecord) => (r as string[])[idx] ?? '';
  };
  return { lookup, getter, resolve: (name, key) => getter(lookup(name, key)) };
}

/**
 * How each date column of `src` is read (by data spelling), decided by the file's detection in
 * the order dateColumnsToDecide gives (which decides the first problem named).
 */
export function dateReadings(src: SourceConfig, key: string, columns: FileColumns, dates: FileDates): Record<string, DateReading> {
  const readings: Record<string, DateReading> = {};
  for (const d of dateColumnsToDecide(src, key)) {
    const column = columns.lookup(d.name, d.key);
    readings[column] = dates.decide(d.name.trim(), columns.getter(column), { dateFormat: src.dateFormat, sourceKey: key });
  }
  return readings;
}

/** The mapping of `src` on a file: its columns looked up (in the order errors are named), then its date readings decided. */
export function planMapping(src: SourceConfig, key: string, columns: FileColumns, dates: FileDates): SourceMapping {
  // Every column is looked up first: a missing one stops the run before any detection is reported.
  sourceMapping(src, { key, lookup: columns.lookup });
  return sourceMapping(src, { key, lookup: columns.lookup, readings: dateReadings(src, key, columns, dates) });
}
