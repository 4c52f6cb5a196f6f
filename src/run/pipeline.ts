import type { LoadedConfig } from '../config/load.js';
import { loadOwners, withOwners } from '../config/owners.js';
import type { SourceConfig } from '../config/schema.js';
import type { DateStr, StageId } from '../engine/model.js';
import { Tally, type DayCounts } from '../engine/tally.js';
import { FunnelError, formatWhere } from '../errors.js';
import { flattenKeys } from '../ingest/json.js';
import { openInput, readRecords, sampleRecords, type OpenedFile } from '../ingest/read.js';
import type { FileMeta, RawRecord, ReadOptions, RecordSink } from '../ingest/types.js';
import { DateSample, FileDates, type DateFallback, type SampledRecord } from '../normalize/date-detect.js';
import { MangledIds } from '../normalize/mangled-ids.js';
import type { MappedColumn, SourceMapping } from '../normalize/mapping.js';
import { RepResolver, type RepId } from '../normalize/reps.js';
import { ValueCounts } from '../normalize/value-counts.js';
import type { ColumnValues } from '../engine/input-health.js';
import { daysBetween } from '../engine/cycle.js';
import { SeenIds } from '../normalize/id-set.js';
import { compileMapping, emitRow, type EventSink, type MappedRow, type MapResult, type RunState } from '../normalize/source.js';
import { unrecognizedFileError } from '../presets/detect.js';
import { cycleReader, type CycleRow } from './tally-cycles.js';
import { isSplittable, SplitPart, splitNote, splitPoint, takePart, type PartUndo } from './split.js';
import { dropWarmWorker, prestartForInputs, warmCut } from './warm-worker.js';
import { forEachCount, type PartCounts } from './split-codec.js';
import { dayString } from '../engine/day-counts.js';
import { needsHeaders, resolveMapping, type ResolvedMapping } from '../presets/resolve.js';
import { calendarOf } from '../config/calendar.js';
import type { InputFile } from './files.js';
import { checkDuplicateHeaders } from './columns.js';
import { fileColumns, planMapping } from './plan.js';

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

// A run is four stages per file, each a function with a typed result:
//   open → the file's reader and format facts, and the sample its dates are detected from;
//   plan → from the headers and the sample: the mapping as data (every column's role, the date
//          reading of each date column, the rules) and the row function compiled from it;
//   map  → one record to its events, or why it is ignored or rejected (never throws on data);
//   sink → deduplication, the tally, and the file's accounting.
// A new stage between map and sink (reps to teams, enrichment) is one function here.

/** The run's shared state and options. */
export interface Run {
  loaded: LoadedConfig;
  state: RunState;
  tally: Tally;
  producible: Set<StageId>;
  opts: IngestOptions;
  keep: number;
  goalStage: StageId;
  /**
   * Row functions by header and mapping: the files of one export (the same header, mapped the
   * same way) share one, so its compiled code and its caches stay warm from file to file.
   */
  rows: Map<string, (record: RawRecord) => MapResult>;
}

/** Reads every input through its source into one Tally, accounting for every row. */
export async function ingest(loaded: LoadedConfig, inputs: InputFile[], opts: IngestOptions = {}): Promise<IngestResult> {
  const run = newRun(loaded, opts);
  // A large CSV file among them: the worker that may read its second part starts loading now.
  if (!opts.onRecord) prestartForInputs(inputs.map((i) => i.path), process.env);
  const files: FileResult[] = [];
  for (const input of inputs) files.push(await readFile(run, input));

  const sum = (k: 'rows' | 'used' | 'ignored' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
  return {
    tally: run.tally,
    files,
    rows: sum('rows'),
    used: sum('used'),
    ignored: sum('ignored'),
    rejected: sum('rejected'),
    duplicates: run.state.duplicates,
    producible: run.producible,
    reps: run.state.reps,
  };
}

/** A run's state before any file is read (`reps`: how rep names resolve, RepResolver by default). */
export function newRun(loaded: LoadedConfig, opts: IngestOptions, reps = RepResolver): Run {
  const { config } = loaded;
  return {
    loaded,
    state: {
      // Owner ids and e-mails from owners.csv resolve to their rep's name, like aliases.
      reps: new reps(withOwners<{ aliases: string[] }>(config.reps, loadOwners(loaded), () => ({ aliases: [] }))),
      seen: new SeenIds(),
      duplicates: 0,
      tallyDays: { calendar: calendarOf(config), asOf: opts.asOf ?? null },
    },
    tally: new Tally(),
    producible: new Set<StageId>(),
    opts,
    keep: opts.keepRejects ?? 20,
    goalStage: config.stages[config.stages.length - 1],
    rows: new Map(),
  };
}

/** One file through the stages: open, then plan at its header, then map and sink per record. */
async function readFile(run: Run, input: InputFile): Promise<FileResult> {
  const file = await open(input, run.opts);
  const result = newFileResult({
    path: input.display,
    meta: file.opened.meta,
    source: input.sourceKey,
    preset: input.forcedPreset ?? input.source?.preset ?? null,
    detection: null,
    mapping: null,
  });
  const acc = new FileAccount(result, run);
  let planned: FilePlan | null = null;
  const planAt = (headers: string[], line: number, isJson: boolean) => {
    planned = plan(run, file, result, { headers, line, isJson });
    if (planned) acc.planned(planned);
    // A CSV file's sample goes on to the worker reading its second part, if it has one.
    if (isJson) file.dates.endSample();
  };

  let isJsonPending = file.isJson && needsHeaders(input);
  if (file.isJson && !isJsonPending) planAt([], 0, true);
  // A large plain CSV file: its second part is read by a worker thread (see split.ts).
  const started = performance.now();
  const cut = run.opts.onRecord ? null : splitPoint(file.opened.path, { ...file.opened.meta, isEncodingDetected: file.opened.isEncodingDetected }, process.env, undefined, await warmCut(file.opened.path));
  let part: SplitPart | null = null;
  const records: RecordSink = {
    header(headers, line) {
      file.opened.meta.headers = headers;
      checkDuplicateHeaders(headers, input.display, line);
      planAt(headers, line, false);
      if (cut && planned && line === 1 && isSplittable(planned, run.loaded.config.stages.length)) {
        const { loaded, opts } = run;
        const job = {
          loaded: { config: loaded.config, path: loaded.path, dir: loaded.dir },
          input,
          opened: file.opened,
          sample: file.dates.sampled(),
          dateFallback: opts.dateFallback ?? null,
          asOf: opts.asOf ?? null,
        };
        try {
          part = new SplitPart({ ...job, headers, headerLine: line, resume: { byte: cut.at, line: 0, headerLength: headers.length, recordDelimiter: cut.recordDelimiter } });
        } catch {
          // A worker that cannot start leaves the whole file to this thread.
          part = null;
        }
      }
      // Read on one thread: a started worker would wait idle through the file.
      if (part === null) dropWarmWorker();
      file.dates.endSample();
    },
    record(record, line) {
      if (isJsonPending) {
        isJsonPending = false;
        planAt([...flattenKeys(record as Record<string, unknown>)], line, true);
      }
      result.rows++;
      run.opts.onRecord?.(result, record);
      sink(acc, planned ? map(planned, record, result.used === 0, run.state) : 'unmapped', line);
    },
    reject(line, reason, code) {
      result.rows++;
      acc.reject(line, code, reason);
    },
  };
  try {
    // The worker's part is taken only once a row is used here (until then, rule values are
    // profiled) and every stage the rules give has events (the file's stages are listed in the
    // order they first appear, which the part's counts could not tell).
    const isSettled = () => planned !== null && result.used > 0 && planned.mapping.rules.every((r) => acc.eventsOf(r.stage) > 0);
    const split = cut ? { at: cut.at, stop: async () => part !== null && isSettled() } : undefined;
    const end = await readRecords(file.opened, file.options, records, { split });
    const p = part as SplitPart | null;
    if (end.stoppedAt && p && planned) {
      const base = end.stoppedAt;
      const atCut = performance.now();
      const from = await takePart(p, acc, planned, { lineBase: base.line }, run.state);
      const taken = performance.now();
      if (from) {
        const resume = { ...base, byte: from.byte, line: base.line + from.line };
        await readRecords(file.opened, file.options, records, { resume });
      }
      if (process.env.FUNNEL_DEBUG_SPLIT === '1') process.stderr.write(splitNote(input.display, base, from, p, [started, atCut, taken, performance.now()]));
    }
  } finally {
    await (part as SplitPart | null)?.close();
    // A worker started before its file (warm-worker.ts) is not kept past a file read without it.
    dropWarmWorker();
  }
  return acc.finish(file.dates.problem());
}

/** What `open` knows of a file before its header: the reader, its options and the date sample. */
export interface OpenFile {
  input: InputFile;
  opened: OpenedFile;
  options: ReadOptions;
  isJson: boolean;
  /** The file's date detection, from the records read ahead (none when the source has a dateFormat). */
  dates: FileDates;
}

/** Opens a file: format, encoding and delimiter, and the records its day/month order is decided from. */
export async function open(input: InputFile, opts: IngestOptions, given?: { opened: OpenedFile; sample: SampledRecord[] | null }): Promise<OpenFile> {
  const options = sourceReadOptions(input.source, input.sourceKey);
  const opened = given?.opened ?? (await openInput(input.path, input.display, options));
  // Day/month order is decided per date column from the file's first records, read ahead
  // (`given`: the worker of a split file is handed what this thread read).
  const sample = given || input.source?.dateFormat ? null : new DateSample();
  if (sample) await sampleRecords(opened, options, sample.take);
  const dates = new FileDates(given ? given.sample : (sample?.records ?? null), {
    file: input.display,
    warnings: opened.meta.warnings,
    formats: opened.meta.dateFormats,
    fallback: opts.dateFallback,
    columnName: (key) => (/^\d+$/.test(key) ? (opened.meta.headers[Number(key)]?.trim() ?? key) : key),
  });
  const isJson = opened.meta.format === 'json' || opened.meta.format === 'ndjson';
  return { input, opened, options, isJson, dates };
}

/** A mapped file: its mapping as data and what reads its records. */
export interface FilePlan {
  key: string;
  mapping: SourceMapping;
  /** The row function compiled from `mapping`. */
  row: (record: RawRecord) => MapResult;
  /** A funnel-tally export's cycle rows (sales-cycle samples computed in the warehouse), or null. */
  cycles: ReturnType<typeof cycleReader>;
  /** Until a row is used, the values of the columns the rules read are counted (NO_MATCH). */
  values: ValueCounts;
  /** Ids shortened by Excel are warned about once per file. */
  ids: MangledIds | null;
  dates: FileDates;
  /** Distinct rep spellings in the records read ahead for dates (null: none were read ahead). */
  sampleReps: number | null;
}

/**
 * Plans a file from its headers (a CSV header line, a JSON file's first record's keys) and its
 * sample: which source or preset maps it, the mapping as data, and the row function. Null when
 * nothing maps it (its rows are then ignored, or the run stops on an unrecognised file).
 */
export function plan(run: Run, file: OpenFile, result: FileResult, at: { headers: string[]; line: number; isJson: boolean }): FilePlan | null {
  const { input } = file;
  const mapped = resolveMapping(input, at.headers, run.loaded.config.stages);
  result.preset = mapped.preset;
  result.detection = mapped.detection;
  result.mapping = mapped.source;
  run.opts.onMapped?.(result);
  if (!mapped.source || !mapped.key) {
    if (mapped.detection && !run.opts.isUnrecognizedAllowed) throw unrecognizedFileError(input.display, mapped.detection);
    return null;
  }
  const src = mapped.source;
  const key = mapped.key;
  if (!mapped.preset && src.shape === 'events' && (src.rules ?? []).length === 0) {
    file.opened.meta.warnings.push(`${key} has no rules yet: every row is ignored (write rules, or uncomment those funnel init proposed)`);
  }
  const columns = fileColumns(at.headers, { isJson: at.isJson, file: input.display, line: at.line, sourceKey: input.sourceKey });
  const mapping = planMapping(src, key, columns, file.dates);
  const getter = (c: MappedColumn) => columns.getter(c.column);
  const sampleReps = file.dates.sampleDistinct(getter(mapping.rep));
  // A JSON file's columns are found by name; a CSV's by their place in the header.
  const rowKey = `${at.isJson ? '' : at.headers.join('\u0000')}\u0001${JSON.stringify(mapping)}`;
  let row = run.rows.get(rowKey);
  if (row === undefined) run.rows.set(rowKey, (row = compileMapping(mapping, { getter, state: run.state })));
  const ruleColumns = uniqueByName(mapping.shape === 'tallies' ? mapping.counts.map((c) => c.column) : mapping.rules.flatMap((r) => r.when.map((w) => w.column)));
  for (const r of mapping.rules) run.producible.add(r.stage);
  for (const c of mapping.counts) run.producible.add(c.stage);
  return {
    key,
    mapping,
    row,
    cycles: cycleReader(src, key, at.headers, columns.resolve),
    values: new ValueCounts(ruleColumns.map((c) => ({ column: c.name, get: getter(c) }))),
    ids: mapping.id ? new MangledIds(file.opened.meta.warnings) : null,
    dates: file.dates,
    sampleReps,
  };
}

/** What `map` makes of a record: the row function's result, or a funnel-tally cycle row. */
type Mapped = { plan: FilePlan; result: MapResult | CycleRow };

/** Maps one record through the plan (`isProfiled`: no row is used yet, so its rule columns' values are counted). */
function map(p: FilePlan, record: RawRecord, isProfiled: boolean, state: RunState): Mapped {
  if (isProfiled) p.values.add(record);
  const result = p.row(record);
  if (result === 'ignored' && p.cycles) return { plan: p, result: p.cycles(record, state.reps) ?? result };
  return { plan: p, result };
}

/** Counts a mapped record: its events into the tally (duplicates dropped), and the file's accounting. */
function sink(acc: FileAccount, mapped: Mapped | 'unmapped', line: number): void {
  if (mapped === 'unmapped') return acc.ignored();
  const { plan: p, result } = mapped;
  if (result === 'ignored') return acc.ignored();
  if (result === 'total') return acc.total(line);
  if ('code' in result) {
    // A date the sample did not show: the file cannot be read until its order is known.
    if (result.isAmbiguous) p.dates.lateAmbiguity(result.value, line, p.key);
    return acc.reject(line, result.code, result.reason, result.field, result.value);
  }
  if ('kind' in result) return acc.cycles(result);
  if (p.ids && p.mapping.id) p.ids.check(p.mapping.id.name, result.id);
  acc.used(result);
}

/** Reps whose series a file (or a split worker) keeps at hand: about 150 bytes each. */
export const SERIES_REPS = 2048;

/**
 * The run's series of each rep by stage number, under the rep's object (the same object for a
 * rep all run): an event finds its series with one look-up, where the rep's key, the stage and
 * the day were looked up in turn. For the first SERIES_REPS reps; past them the tally finds the
 * series by key and stage (a file of 20,000 reps would hold 20,000 lists for its whole read).
 */
export class SeriesAtHand {
  private readonly lists = new Map<RepId, (DayCounts | undefined)[]>();
  /** Names of the reps past the bound. */
  private readonly others = new Set<string>();

  constructor(private readonly tally: Tally) {}

  /** The series of the rep's stage (`stageNo`: its number in `RunState.seen`). */
  of(rep: RepId, stageNo: number, stage: StageId): DayCounts {
    let list = this.lists.get(rep);
    if (list === undefined) {
      if (this.lists.size >= SERIES_REPS) {
        this.others.add(rep.name);
        return this.tally.countsOf(rep.key, rep.name, stage);
      }
      this.lists.set(rep, (list = []));
    }
    return (list[stageNo] ??= this.tally.countsOf(rep.key, rep.name, stage));
  }

  /** The names of the reps whose series were asked for. */
  *names(): Iterable<string> {
    for (const rep of this.lists.keys()) yield rep.name;
    yield* this.others;
  }
}

/** One file's accounting: rows, events, reps, dates and rejections, and the run's tally. */
class FileAccount {
  private readonly reps = new Set<string>();
  /** The first and the last day number of the file's events (Infinity and -Infinity while none). */
  private first = Infinity;
  private last = -Infinity;
  private plan: FilePlan | null = null;
  /** The series of the reps this file counted: their names are the file's reps (with the split part's). */
  private readonly series: SeriesAtHand;
  /**
   * The file's events per stage number, written to `result.events` when the file ends (its keys
   * are made at a stage's first event, so they keep the order the file gave the stages in).
   */
  private readonly eventCounts: number[] = [];
  private readonly stageOf: StageId[] = [];
  private readonly events: EventSink = {
    event: (rep, stage, date, count, created, stageNo) => {
      // A tallies row's events carry no stage number: the run's numbering gives it.
      this.count(rep, stage, stageNo >= 0 ? stageNo : this.run.state.seen.stage(stage), date, count);
      if (created !== null && stage === this.run.goalStage) this.run.tally.addCycle(rep.key, date, daysBetween(created, date));
    },
  };

  constructor(
    private readonly result: FileResult,
    private readonly run: Run,
  ) {
    this.series = new SeriesAtHand(run.tally);
  }

  planned(p: FilePlan): void {
    this.plan = p;
  }

  /** Rows of a split file's second part: how many, used and ignored (rejections and totals rows come one by one). */
  counted(rows: number, used: number, ignored: number): void {
    this.result.rows += rows;
    this.result.used += used;
    this.result.ignored += ignored;
  }

  /** The counts of a split file's second part, less its events found to be duplicates, in file order of its reps. */
  addPart(counts: PartCounts, reps: ReadonlyMap<string, RepId>, undo: PartUndo): void {
    forEachCount(counts, (key, stage, days, n, from, to) => {
      const rep = reps.get(key);
      if (!rep) throw new Error(`split: the part counted rep "${key}" without its spelling`);
      const off = undo.of(key, stage);
      // Day numbers go to the rep's series as they are: no date text per day, no look-up of the series per day.
      let series: DayCounts | null = null;
      let sum = 0;
      let first = Infinity;
      let last = -Infinity;
      for (let i = from; i < to; i++) {
        const left = n[i] - (off?.get(days[i]) ?? 0);
        if (left <= 0) continue;
        series ??= this.run.tally.countsOf(rep.key, rep.name, stage);
        series.add(days[i], left);
        sum += left;
        first = Math.min(first, days[i]);
        last = Math.max(last, days[i]);
      }
      if (series !== null) this.account(rep, stage, sum, first, last);
    });
    for (const c of counts.cycles) if (undo.keepsCycle(c.repKey, c.close, c.days)) this.run.tally.addCycle(c.repKey, c.close, c.days);
  }

  /** Counts events of stage number `stageNo` into the tally and the file's accounting. */
  private count(rep: RepId, stage: StageId, stageNo: number, date: DateStr, count: number): void {
    const day = this.run.tally.dayOf(date);
    this.series.of(rep, stageNo, stage).add(day, count);
    this.addEvents(stage, stageNo, count, day, day);
  }

  /** `count` more events of the stage in the file, dated from day number `first` to `last`. */
  private addEvents(stage: StageId, stageNo: number, count: number, first: number, last: number): void {
    const sum = this.eventCounts[stageNo];
    if (sum === undefined) {
      this.stageOf[stageNo] = stage;
      this.result.events[stage] = 0;
      this.eventCounts[stageNo] = count;
    } else this.eventCounts[stageNo] = sum + count;
    if (first < this.first) this.first = first;
    if (last > this.last) this.last = last;
  }

  /** The file's events of `stage` so far. */
  eventsOf(stage: StageId): number {
    return this.eventCounts[this.run.state.seen.stage(stage)] ?? 0;
  }

  /** The file's accounting of a split part's `count` events of the rep's stage, dated from day number `first` to `last`. */
  private account(rep: RepId, stage: StageId, count: number, first: number, last: number): void {
    this.reps.add(rep.name);
    this.addEvents(stage, this.run.state.seen.stage(stage), count, first, last);
  }

  used(row: MappedRow): void {
    emitRow(row, this.run.state, this.events);
    this.result.used++;
  }

  cycles(row: CycleRow): void {
    for (let k = row.count; k > 0; k--) this.run.tally.addCycle(row.rep.key, row.date, row.days);
    this.result.used++;
  }

  ignored(): void {
    this.result.ignored++;
  }

  total(line: number): void {
    this.result.ignored++;
    if (this.result.totals.count++ < 5) this.result.totals.lines.push(line);
  }

  reject(line: number, code: string, reason: string, field: string | null = null, value: string | null = null): void {
    this.result.rejected++;
    const row: RejectedRow = { file: this.result.path, line, code, field, value, reason };
    if (this.result.rejects.length < this.run.keep) this.result.rejects.push(row);
    this.run.opts.onReject?.(row);
  }

  /** The file's result once every record is read. */
  finish(dateProblem: FunnelError | null): FileResult {
    const r = this.result;
    r.dateProblem = dateProblem;
    this.eventCounts.forEach((n, stageNo) => (r.events[this.stageOf[stageNo]] = n));
    r.dateRange = this.first <= this.last ? { start: dayString(this.first), end: dayString(this.last) } : null;
    if (r.used === 0 && this.plan) r.ruleColumns = this.plan.values.result();
    for (const name of this.series.names()) this.reps.add(name);
    r.reps = [...this.reps].sort((a, b) => a.localeCompare(b));
    return r;
  }
}

/** Columns once each by the name the source gives them, in order. */
function uniqueByName(columns: MappedColumn[]): MappedColumn[] {
  const seen = new Set<string>();
  return columns.filter((c) => !seen.has(c.name) && Boolean(seen.add(c.name)));
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

