import type { SourceConfig } from '../config/schema.js';
import { flattenKeys } from '../ingest/json.js';
import { openInput, readRecords, sampleRecords, type OpenedFile } from '../ingest/read.js';
import type { RawRecord } from '../ingest/types.js';
import { DateSample, FileDates, type DateFallback } from '../normalize/date-detect.js';
import { MangledIds } from '../normalize/mangled-ids.js';
import { unrecognizedFileError } from '../presets/detect.js';
import { needsHeaders, resolveMapping, type ResolvedMapping } from '../presets/resolve.js';
import type { InputFile } from './files.js';
import { checkDuplicateHeaders, jsonColumn } from './columns.js';
import { mappedColumns, sourceMapping, type SourceMapping } from '../sql/mapping.js';
import { dateReadings, fileColumns } from './plan.js';

// Local files prepared for a SQL engine: each file opened with funnel's own readers (so formats,
// encodings, ragged rows and line numbers are exactly the streaming engine's), its mapping
// decided from its headers and its date columns detected from the same sample, and its records
// handed over as rows of text: [row number in input order, line, mapped column values...].

/** One file, mapped and ready to be read. */
export interface PreparedFile {
  input: InputFile;
  opened: OpenedFile;
  resolved: ResolvedMapping;
  /** Null when nothing maps the file (its rows are then all ignored). */
  mapping: SourceMapping | null;
  /** Data spellings of the columns the rows carry, in row order after the two numbers. */
  columns: string[];
  /** The file's headers (a JSON file: its first record's keys). */
  headers: string[];
  /** The file's date detection: its formats, and the problem that stops a report (undecidable day/month order). */
  dates?: FileDates;
}

/** Stops a read once the header is known. */
class HeaderRead extends Error {}

function readOptions(source: SourceConfig | null, sourceKey: string | null) {
  return { format: source?.format, delimiter: source?.delimiter, encoding: source?.encoding, sheet: source?.sheet, sourceKey };
}

/** The headers of a file: a CSV or XLSX header row, or the keys of a JSON file's first record. */
async function readHeaders(opened: OpenedFile, input: InputFile): Promise<{ headers: string[]; line: number }> {
  const copy: OpenedFile = { ...opened, meta: { ...opened.meta, headers: [], hiddenColumns: [], dateFormats: {}, warnings: [] } };
  let found: { headers: string[]; line: number } = { headers: [], line: 1 };
  try {
    await readRecords(copy, readOptions(input.source, input.sourceKey), {
      header(headers, line) {
        found = { headers, line };
        throw new HeaderRead();
      },
      record(record, line) {
        found = { headers: Array.isArray(record) ? [] : [...flattenKeys(record as Record<string, unknown>)], line };
        throw new HeaderRead();
      },
      reject() {},
    });
  } catch (err) {
    if (!(err instanceof HeaderRead)) throw err;
  }
  return found;
}

/** Opens a file and decides its mapping and date readings (as src/run/pipeline.ts does). */
export async function prepareFile(
  input: InputFile,
  stages: readonly string[],
  opts: { isUnrecognizedAllowed?: boolean; dateFallback?: DateFallback | null } = {},
): Promise<PreparedFile> {
  const opened = await openInput(input.path, input.display, readOptions(input.source, input.sourceKey));
  const isJson = opened.meta.format === 'json' || opened.meta.format === 'ndjson';
  const { headers, line } = await readHeaders(opened, input);
  if (!isJson) checkDuplicateHeaders(headers, input.display, line);
  const resolved = resolveMapping(input, isJson && !needsHeaders(input) ? [] : headers, stages);
  if (!resolved.source || !resolved.key) {
    if (resolved.detection && !opts.isUnrecognizedAllowed) throw unrecognizedFileError(input.display, resolved.detection);
    return { input, opened, resolved, mapping: null, columns: [], headers };
  }
  const src = resolved.source;
  const key = resolved.key;
  const columns = fileColumns(headers, { isJson, file: input.display, line, sourceKey: input.sourceKey });
  // Every column is looked up first: a missing one stops the run before any detection is reported.
  sourceMapping(src, { key, lookup: columns.lookup });
  // Day/month order per date column, decided by the streaming engine's own detection (FileDates):
  // the same sample, the same file-wide evidence and command-line fallback, the same formats,
  // warnings and problems.
  const sample = input.source?.dateFormat ? null : new DateSample();
  if (sample) await sampleRecords(opened, readOptions(input.source, input.sourceKey), sample.take);
  const dates = new FileDates(sample?.records ?? null, {
    file: input.display,
    warnings: opened.meta.warnings,
    formats: opened.meta.dateFormats,
    fallback: opts.dateFallback,
    columnName: (k) => (/^\d+$/.test(k) ? (headers[Number(k)]?.trim() ?? k) : k),
  });
  const readings = dateReadings(src, key, columns, dates);
  // A --date-format column compiles as its format, with the other values read as without one.
  const mapping = sourceMapping(src, { key, lookup: columns.lookup, readings });
  return { input, opened, resolved, mapping, columns: mappedColumns(mapping), headers, dates };
}

/** Receives the rows of a prepared file, in order. */
export interface RowSink {
  /** A record the mapping reads: its values in `PreparedFile.columns` order. */
  row(line: number, values: string[]): void;
  /** A record the reader could not read (it still counts as a row). */
  reject(line: number, reason: string, code: string): void;
  /** A record of a file nothing maps (counted, ignored). */
  unmapped(line: number): void;
}

/** Reads a prepared file's records into `sink`. */
export async function readPreparedFile(file: PreparedFile, sink: RowSink): Promise<void> {
  const { input, opened } = file;
  const isJson = opened.meta.format === 'json' || opened.meta.format === 'ndjson';
  let getters: ((r: RawRecord) => string)[] = [];
  const values: string[] = [];
  // Ids shortened by Excel get the streaming engine's warning; it looks at every row's id here
  // (the streaming engine at those of rows it uses), so the example it names can differ.
  const ids = new MangledIds(opened.meta.warnings);
  const idAt = file.mapping?.id ? file.columns.indexOf(file.mapping.id.column) : -1;
  const watch = (gs: ((r: RawRecord) => string)[]) => {
    const id = file.mapping?.id;
    if (idAt < 0 || !id) return gs;
    return gs.map((g, i) =>
      i === idAt
        ? (r: RawRecord) => {
            const v = g(r);
            ids.check(id.name, v.trim());
            return v;
          }
        : g,
    );
  };
  await readRecords(opened, readOptions(input.source, input.sourceKey), {
    header(headers) {
      opened.meta.headers = headers;
      getters = watch(file.columns.map((c) => getter(c, false, headers)));
    },
    record(record, line) {
      if (!file.mapping) {
        sink.unmapped(line);
        return;
      }
      if (isJson && getters.length === 0) getters = watch(file.columns.map((c) => getter(c, true, [])));
      values.length = 0;
      for (const g of getters) values.push(g(record));
      sink.row(line, values);
    },
    reject(line, reason, code) {
      sink.reject(line, reason, code);
    },
  });
}

/** Reads one column's text: a CSV column by its (exact) header, or a JSON value by dot path. */
function getter(column: string, isJson: boolean, headers: readonly string[]): (r: RawRecord) => string {
  if (isJson) return jsonColumn(column);
  const idx = headers.findIndex((h) => h.trim() === column);
  return (r) => (r as string[])[idx] ?? '';
}
