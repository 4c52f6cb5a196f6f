import type { LoadedConfig } from '../config/load.js';
import { loadPrompts } from '../config/prompts.js';
import { noMatch, staleInput, type InputWarning } from '../engine/input-health.js';
import type { Calendar, DateStr, Period, StageId } from '../engine/model.js';
import { periodContaining } from '../engine/periods.js';
import type { PromptTemplate } from '../engine/prompts.js';
import { calendarOf, dateFallbackOption, loadRunConfig, loadRunTargets, namedReps, numberOption, resolveAsOf, resolvePeriodOption, trackedStages, type CommonOptions } from './context.js';
import { resolveInputs, type DuplicateInput } from './files.js';
import { ingest, undecidableDatesError, type IngestResult, type RejectedRow } from './pipeline.js';
import { ingestDuckdb } from './duckdb.js';

/** Everything a data command has read and resolved before the engine runs. */
export interface PreparedRun {
  loaded: LoadedConfig;
  asOf: DateStr;
  calendar: Calendar;
  period: Period;
  lookbackDays: number;
  priorCloses: number;
  data: IngestResult;
  stages: { id: StageId; label: string }[];
  named: ReturnType<typeof namedReps>;
  /** The prompt library in use (built-in or the config's), checked before any input was read. */
  prompts: PromptTemplate[];
  /** Problems with the input as a whole: stale data, files that matched no rule. */
  warnings: InputWarning[];
}

export interface PrepareEnv {
  cwd: string;
  /** Today's date from the caller's clock, used when --as-of is not given. */
  today: DateStr;
  onReject?: (row: RejectedRow) => void;
  /** Hears of each input left out as a file already read. */
  onDuplicate?: (d: DuplicateInput) => void;
}

/** Loads and checks config, targets and prompts, then reads every input. */
export async function prepareRun(opts: CommonOptions & { preset?: string; engine?: string; memory?: string }, files: string[], env: PrepareEnv): Promise<PreparedRun> {
  const loaded = loadRunConfig(opts, env.cwd);
  const calendar = calendarOf(loaded.config);
  const asOf = resolveAsOf(opts.asOf, env.today);
  const period = resolvePeriodOption(opts.period, asOf, calendar);
  const lookbackDays = numberOption(opts.lookback, '--lookback', loaded.config.lookbackDays, { isInteger: true, min: 1 });
  const priorCloses = numberOption(opts.priorCloses, '--prior-closes', loaded.config.priorCloses);
  // Everything that can be wrong without reading the input is found before the first row.
  const targets = loadRunTargets(loaded, opts.targets, env.cwd);
  const prompts = loadPrompts(loaded.config.prompts, loaded.dir, loaded.path);

  // A file no config source reads gets the preset its headers fit; ingest stops on one none fits.
  const inputs = resolveInputs(loaded, files, env.cwd, { preset: opts.preset, onDuplicate: env.onDuplicate });
  const dateFallback = dateFallbackOption(opts);
  // --engine duckdb: the same rules compiled to SQL and run by DuckDB; the streaming engine is the reference.
  const data = opts.engine === 'duckdb'
    ? await ingestDuckdb(loaded, inputs, { onReject: env.onReject, memoryLimit: opts.memory, dateFallback, asOf })
    : await ingest(loaded, inputs, { onReject: env.onReject, dateFallback, asOf });
  // Every file is read first, so one message names each file whose dates need a format.
  const undecidable = undecidableDatesError(data.files);
  if (undecidable) throw undecidable;
  const referenceDay = period.end < asOf ? period.end : asOf;
  return {
    loaded,
    asOf,
    calendar,
    period,
    lookbackDays,
    priorCloses,
    data,
    stages: trackedStages(loaded.config, data.producible),
    named: namedReps(loaded, data.reps, targets, periodContaining(loaded.config.goalPeriod, referenceDay, calendar).label),
    prompts,
    warnings: inputWarnings(data, asOf, calendar),
  };
}

/** `STALE_INPUT` for the input as a whole, then `NO_MATCH` per file, in input order. */
export function inputWarnings(data: IngestResult, asOf: DateStr, calendar: Calendar): InputWarning[] {
  const ends = data.files.flatMap((f) => (f.dateRange ? [f.dateRange.end] : []));
  const newest = ends.length === 0 ? null : ends.reduce((a, b) => (a > b ? a : b));
  const stale = staleInput(newest, asOf, calendar);
  const files = data.files.map((f) => noMatch({ path: f.path, rows: f.rows, used: f.used, columns: f.ruleColumns }));
  return [...(stale ? [stale] : []), ...files.filter((w): w is InputWarning => w !== null)];
}
