import type { SourceConfig } from '../config/schema.js';
import { FunnelError } from '../errors.js';
import { flattenKeys } from '../ingest/json.js';
import { openInput, readRecords, sampleRecords, type OpenedFile } from '../ingest/read.js';
import type { RawRecord } from '../ingest/types.js';
import { DateSample, FileDates, type DateFallback, type DayOrder } from '../normalize/date-detect.js';
import type { ColumnResolver } from '../normalize/source.js';
import { unrecognizedFileError } from '../presets/detect.js';
import { needsHeaders, resolveMapping, type ResolvedMapping } from '../presets/resolve.js';
import type { InputFile } from './files.js';
import { checkDuplicateHeaders, headerIndex, jsonColumn } from './columns.js';
import type { FallbackFormatReading } from '../sql/dates.js';
import { mappedColumns, sourceMapping, type SourceMapping } from '../sql/mapping.js';

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
  const lookup = isJson ? (name: string) => name : csvLookup(headers, input.display, line, input.sourceKey);
  const plain = sourceMapping(src, { key, lookup });
  // Day/month order per date column, decided by the streaming engine's own detection (FileDates):
  // the same sample, the same file-wide evidence and command-line fallback, the same formats,
  // warnings and problems. Its decision is read back by probing the getter it returns.
  const sample = input.source?.dateFormat ? null : new DateSample();
  if (sample) await sampleRecords(opened, readOptions(input.source, input.sourceKey), sample.take);
  const dates = new FileDates(sample?.records ?? null, {
    file: input.display,
    warnings: opened.meta.warnings,
    formats: opened.meta.dateFormats,
    fallback: opts.dateFallback,
    columnName: (k) => (/^\d+$/.test(k) ? (headers[Number(k)]?.trim() ?? k) : k),
  });
  const PROBE: RawRecord = [];
  let probe = '';
  const base: ColumnResolver = (name) => {
    const get = getter(lookup(name, key), isJson, headers);
    return (r) => (r === PROBE ? probe : get(r));
  };
  const resolve = dates.resolver(base, { dateFormat: src.dateFormat, sourceKey: key });
  const detected: Record<string, { order: DayOrder; label: string }> = {};
  // Columns read with --date-format (values that do not fit it are read as without a format).
  const fallbackFormats: Record<string, FallbackFormatReading> = {};
  const fallback = opts.dateFallback ?? null;
  const decide = (name: string, configKey: string) => {
    const get = resolve(name, configKey);
    if (src.dateFormat) return;
    const read = (v: string) => {
      probe = v;
      return get(PROBE);
    };
    const column = lookup(name, configKey);
    const label = opened.meta.dateFormats[name.trim()] ?? '';
    if (['13/01/2000', '13.01.2000', '13-01-2000'].every((v) => read(v) === '2000-01-13')) detected[column] = { order: 'day-first', label };
    else if (['01/13/2000', '01.13.2000', '01-13-2000'].every((v) => read(v) === '2000-01-13')) detected[column] = { order: 'month-first', label };
    else if (fallback && 'format' in fallback && label === fallback.format) {
      fallbackFormats[column] = { kind: 'format', format: fallback.format, fallbackFlag: fallback.flag };
    } else if (read('13/01/2000') !== '13/01/2000' || read('01/13/2000') !== '01/13/2000') {
      const flag = fallback?.flag ?? '--date-format';
      throw new FunnelError('SQL_UNSUPPORTED', `${flag} cannot be compiled to SQL (column "${name.trim()}" would be read with it)`, {
        where: { file: input.display, key: `${key}.dateFormat` },
        hint: `set ${key}.dateFormat instead, or drop --engine duckdb`,
      });
    }
  };
  // In the order the streaming engine resolves them: the order decides which problem it names first.
  if (src.shape === 'tallies') decide(src.columns.date as string, `${key}.columns.date`);
  else {
    if (src.columns.date) decide(src.columns.date, `${key}.columns.date`);
    if (src.columns.created) decide(src.columns.created, `${key}.columns.created`);
    (src.rules ?? []).forEach((rule, i) => {
      if (rule.date) decide(rule.date, `${key}.rules[${i}].date`);
      if (rule.created) decide(rule.created, `${key}.rules[${i}].created`);
    });
  }
  const mapping = src.dateFormat ? plain : sourceMapping(src, { key, lookup, detected });
  for (const [column, reading] of Object.entries(fallbackFormats)) mapping.dates[column] = reading;
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
  const dates = new FileDates(null, { file: input.display, warnings: opened.meta.warnings, formats: {} });
  const idAt = file.mapping?.id ? file.columns.indexOf(file.mapping.id.column) : -1;
  const watch = (gs: ((r: RawRecord) => string)[]) => {
    if (idAt < 0 || !file.mapping?.id) return gs;
    const idKey = `${file.mapping.key}.columns.id`;
    return gs.map((g, i) => (i === idAt ? dates.resolver(() => g, { dateFormat: 'unused', sourceKey: file.mapping!.key })(file.mapping!.id!.column, idKey) : g));
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

/** A CSV column's own header spelling, found as the streaming pipeline finds it. */
function csvLookup(headers: string[], file: string, line: number, sourceKey: string | null) {
  const indexOf = headerIndex(headers, file, line, sourceKey);
  return (name: string, key: string): string => headers[indexOf(name, key)].trim();
}
