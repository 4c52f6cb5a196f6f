import type { LoadedConfig } from '../config/load.js';
import { loadOwners, withOwners } from '../config/owners.js';
import type { SourceConfig } from '../config/schema.js';
import type { DateStr, StageId } from '../engine/model.js';
import { Tally } from '../engine/tally.js';
import { FunnelError, formatWhere } from '../errors.js';
import { flattenKeys } from '../ingest/json.js';
import { openInput, readRecords, sampleRecords } from '../ingest/read.js';
import type { FileMeta, RawRecord } from '../ingest/types.js';
import { DateSample, FileDates, type DateFallback } from '../normalize/date-detect.js';
import { AmbiguousDateError } from '../normalize/dates.js';
import { RepResolver } from '../normalize/reps.js';
import { ValueCounts } from '../normalize/value-counts.js';
import type { ColumnValues } from '../engine/input-health.js';
import { daysBetween } from '../engine/cycle.js';
import { SeenIds } from '../normalize/id-set.js';
import { compileSource, type RowResult, type RunState } from '../normalize/source.js';
import { unrecognizedFileError } from '../presets/detect.js';
import { cycleReader } from './tally-cycles.js';
import { needsHeaders, resolveMapping, type ResolvedMapping } from '../presets/resolve.js';
import { calendarOf } from './context.js';
import type { InputFile } from './files.js';
import { checkDuplicateHeaders, csvColumnResolver, jsonColumn } from './columns.js';

/** A rejected row, as reported and written to --rejects. */
export interface RejectedRow {
  file: string;
  line: number;
  code: string;
  field: string | null;
  value: string | null;
  reason: string;
}

/** Row accounting and what was seen, per file. `rows = used + ignored + rejected`. */
export interface FileResult {
  path: string;
  meta: FileMeta;
  /** Config key of the source that read the file, or null when nothing mapped it. */
  source: string | null;
  preset: string | null;
  /** How the preset was chosen and the headers that decided it (null for a plain config source). */
  detection: ResolvedMapping['detection'];
  /** The source the rows were read with (a preset resolved against the headers), or null. */
  mapping: SourceConfig | null;
  /** Events counted per stage (duplicates already dropped). */
  events: Record<StageId, number>;
  rows: number;
  used: number;
  ignored: number;
  rejected: number;
  dateRange: { start: DateStr; end: DateStr } | null;
  reps: string[];
  /** The first rejections of this file (all of them go to the `onReject` callback). */
  rejects: RejectedRow[];
  /** When no row was used: the columns the rules read and their commonest values (else empty). */
  ruleColumns: ColumnValues[];
  /**
   * Why the file's dates cannot be read (day/month order undecidable): its rows with such dates
   * are rejected; `report` and the other data commands stop on it, `inspect` shows it.
   */
  dateProblem: FunnelError | null;
  /** Totals rows of a hand-kept sheet, counted among `ignored`: how many, and the first lines. */
  totals: { count: number; lines: number[] };
}

/** A file's result before any row is read: nothing counted, nothing seen. */
export function newFileResult(file: Pick<FileResult, 'path' | 'meta' | 'source' | 'preset' | 'detection' | 'mapping'>): FileResult {
  return {
    ...file,
    events: {},
    rows: 0,
    used: 0,
    ignored: 0,
    rejected: 0,
    dateRange: null,
    reps: [],
    rejects: [],
    ruleColumns: [],
    dateProblem: null,
    totals: { count: 0, lines: [] },
  };
}

export interface IngestResult {
  tally: Tally;
  files: FileResult[];
  rows: number;
  used: number;
  ignored: number;
  rejected: number;
  duplicates: number;
  /** Stages some input can produce, in config order. */
  producible: Set<StageId>;
  reps: RepResolver;
}

export interface IngestOptions {
  /** Called for every rejected row, in order (e.g. to write --rejects). */
  onReject?: (row: RejectedRow) => void;
  /** How many rejections each FileResult keeps; default 20. */
  keepRejects?: number;
  /** A file no source or preset maps is read with every row ignored, instead of stopping the run. */
  isUnrecognizedAllowed?: boolean;
  /** Called once a file's mapping is decided (from its header), before its rows are read. */
  onMapped?: (file: FileResult) => void;
  /** Day/month order (or format) from the command line, for date columns a file leaves open. */
  dateFallback?: DateFallback | null;
  /** The run's as-of date: weekly tally counts are not spread onto later days. */
  asOf?: DateStr;
  /** Called with every record as read, mapped or not (for `funnel init` to profile the file). */
  onRecord?: (file: FileResult, record: RawRecord) => void;
}

/** Reads every input through its source into one Tally, accounting for every row. */
export async function ingest(loaded: LoadedConfig, inputs: InputFile[], opts: IngestOptions = {}): Promise<IngestResult> {
  const { config } = loaded;
  const keep = opts.keepRejects ?? 20;
  const tally = new Tally();
  const state: RunState = {
    // Owner ids and e-mails from owners.csv resolve to their rep's name, like aliases.
    reps: new RepResolver(withOwners<{ aliases: string[] }>(config.reps, loadOwners(loaded), () => ({ aliases: [] }))),
    seen: new SeenIds(),
    duplicates: 0,
    tallyDays: { calendar: calendarOf(config), asOf: opts.asOf ?? null },
  };
  const producible = new Set<StageId>();
  const files: FileResult[] = [];

  for (const input of inputs) {
    const opened = await openInput(input.path, input.display, sourceReadOptions(input.source, input.sourceKey));
    // Day/month order is decided per date column from the file's first records, read ahead.
    const sample = input.source?.dateFormat ? null : new DateSample();
    if (sample) await sampleRecords(opened, sourceReadOptions(input.source, input.sourceKey), sample.take);
    const dates = new FileDates(sample?.records ?? null, {
      file: input.display,
      warnings: opened.meta.warnings,
      formats: opened.meta.dateFormats,
      fallback: opts.dateFallback,
      columnName: (key) => (/^\d+$/.test(key) ? (opened.meta.headers[Number(key)]?.trim() ?? key) : key),
    });
    const result = newFileResult({
      path: input.display,
      meta: opened.meta,
      source: input.sourceKey,
      preset: input.forcedPreset ?? input.source?.preset ?? null,
      detection: null,
      mapping: null,
    });
    files.push(result);
    const fileReps = new Set<string>();
    let first: DateStr | null = null;
    let last: DateStr | null = null;

    const reject = (line: number, code: string, reason: string, field: string | null = null, value: string | null = null) => {
      result.rejected++;
      const row: RejectedRow = { file: input.display, line, code, field, value, reason };
      if (result.rejects.length < keep) result.rejects.push(row);
      opts.onReject?.(row);
    };

    const goalStage = config.stages[config.stages.length - 1];
    const sink = {
      event(rep: { key: string; name: string }, stage: StageId, date: DateStr, count: number, created: DateStr | null) {
        tally.add(rep.key, rep.name, stage, date, count);
        if (created !== null && stage === goalStage) tally.addCycle(rep.key, date, daysBetween(created, date));
        result.events[stage] = (result.events[stage] ?? 0) + count;
        if (!fileReps.has(rep.name)) fileReps.add(rep.name);
        if (first === null || date < first) first = date;
        if (last === null || date > last) last = date;
      },
    };

    let mapRow: ((r: RawRecord) => RowResult) | null = null;
    // A funnel-tally export's cycle rows (sales-cycle samples computed in the warehouse).
    let readCycle: ReturnType<typeof cycleReader> = null;
    // Until a row is used, the values of the columns the rules read are counted (NO_MATCH).
    let values = null as ValueCounts | null;
    let mappingKey: string | null = input.sourceKey;
    // Presets and detection need the headers: a CSV's header line, a JSON file's first record.
    const compile = (column: Parameters<typeof compileSource>[2], headers: string[]) => {
      const mapped = resolveMapping(input, headers, config.stages);
      result.preset = mapped.preset;
      result.detection = mapped.detection;
      result.mapping = mapped.source;
      mappingKey = mapped.key;
      opts.onMapped?.(result);
      if (!mapped.source || !mapped.key) {
        if (mapped.detection && !opts.isUnrecognizedAllowed) throw unrecognizedFileError(input.display, mapped.detection);
        return;
      }
      if (!mapped.preset && mapped.source.shape === 'events' && (mapped.source.rules ?? []).length === 0) {
        opened.meta.warnings.push(`${mapped.key} has no rules yet: every row is ignored (write rules, or uncomment those funnel init proposed)`);
      }
      mapRow = compileSource(mapped.source, mapped.key, dates.resolver(column, { dateFormat: mapped.source.dateFormat, sourceKey: mapped.key }), state, sink);
      readCycle = cycleReader(mapped.source, mapped.key, headers, column);
      const src = mapped.source;
      values = new ValueCounts(ruleColumnsOf(src).map((name) => ({ column: name, get: column(name, mapped.key as string) })));
      for (const r of src.rules ?? []) producible.add(r.stage);
      for (const s of Object.keys(src.counts ?? {})) producible.add(s);
    };

    const isJson = opened.meta.format === 'json' || opened.meta.format === 'ndjson';
    let isJsonPending = isJson && needsHeaders(input);
    if (isJson && !isJsonPending) compile(jsonColumn, []);

    await readRecords(opened, sourceReadOptions(input.source, input.sourceKey), {
      header(headers, line) {
        opened.meta.headers = headers;
        checkDuplicateHeaders(headers, input.display, line);
        compile(csvColumnResolver(headers, input.display, line, input.sourceKey), headers);
      },
      record(record, line) {
        if (isJsonPending) {
          isJsonPending = false;
          compile(jsonColumn, [...flattenKeys(record as Record<string, unknown>)]);
        }
        result.rows++;
        opts.onRecord?.(result, record);
        if (!mapRow) {
          result.ignored++;
          return;
        }
        if (result.used === 0) values?.add(record);
        let outcome: RowResult;
        try {
          outcome = mapRow(record);
        } catch (err) {
          // A value of a column whose format was detected, that does not fit it: a bad date.
          const invalid = err instanceof AmbiguousDateError ? dates.invalidDate(err.value) : null;
          if (invalid) outcome = invalid;
          else if (err instanceof AmbiguousDateError) {
            // A date the sample did not show: the file cannot be read until its order is known.
            dates.lateAmbiguity(err.value, line, mappingKey);
            outcome = { code: 'BAD_DATE', field: '', value: err.value, reason: `"${err.value}" could be day-first or month-first` };
          } else throw err;
        }
        if (typeof outcome === 'object' && outcome.code === 'BAD_DATE') outcome = dates.invalidDate(outcome.value) ?? outcome;
        if (readCycle && outcome === 'ignored') outcome = readCycle(record, state.reps, tally) ?? outcome;
        if (outcome === 'used') result.used++;
        else if (outcome === 'ignored') result.ignored++;
        else if (outcome === 'total') {
          result.ignored++;
          if (result.totals.count++ < 5) result.totals.lines.push(line);
        }
        else reject(line, outcome.code, outcome.reason, outcome.field, outcome.value);
      },
      reject(line, reason, code) {
        result.rows++;
        reject(line, code, reason);
      },
    });

    result.dateProblem = dates.problem();
    result.dateRange = first !== null && last !== null ? { start: first, end: last } : null;
    if (result.used === 0 && values) result.ruleColumns = values.result();
    result.reps = [...fileReps].sort((a, b) => a.localeCompare(b));
  }

  const sum = (k: 'rows' | 'used' | 'ignored' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
  return {
    tally,
    files,
    rows: sum('rows'),
    used: sum('used'),
    ignored: sum('ignored'),
    rejected: sum('rejected'),
    duplicates: state.duplicates,
    producible,
    reps: state.reps,
  };
}

/** The columns a source's rules test (event sources) or count (tallies), each once, in config order. */
function ruleColumnsOf(src: SourceConfig): string[] {
  const names = src.shape === 'tallies' ? Object.values(src.counts ?? {}) : (src.rules ?? []).flatMap((r) => Object.keys(r.when));
  return [...new Set(names)];
}

/**
 * One error for every file whose dates cannot be read, each with its fix; null when there is
 * none. The data commands stop on it after reading every file, so one run names them all.
 */
export function undecidableDatesError(files: readonly FileResult[]): FunnelError | null {
  const problems = files.flatMap((f) => (f.dateProblem ? [f.dateProblem] : []));
  if (problems.length === 0) return null;
  if (problems.length === 1) return problems[0];
  const details = problems.flatMap((p) => [`${formatWhere(p.where)}: ${p.message}`, ...(p.hint ? [`  fix: ${p.hint}`] : [])]);
  const n = problems.length;
  return new FunnelError('AMBIGUOUS_DATES', `the dates of ${n} files could be day-first or month-first`, {
    details,
    hint: 'set dateFormat on the source of each file (or pass --month-first or --day-first when every file is written the same way)',
  });
}

function sourceReadOptions(source: SourceConfig | null, sourceKey: string | null) {
  return { format: source?.format, delimiter: source?.delimiter, encoding: source?.encoding, sheet: source?.sheet, sourceKey };
}

