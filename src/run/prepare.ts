import type { LoadedConfig } from '../config/load.js';
import type { Calendar, DateStr, Period, StageId } from '../engine/model.js';
import { calendarOf, dateFallbackOption, loadRunConfig, loadRunTargets, namedReps, numberOption, resolveAsOf, resolvePeriodOption, trackedStages, type CommonOptions } from './context.js';
import { resolveInputs } from './files.js';
import { ingest, undecidableDatesError, type IngestResult, type RejectedRow } from './pipeline.js';

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
}

export interface PrepareEnv {
  cwd: string;
  /** Today's date from the caller's clock, used when --as-of is not given. */
  today: DateStr;
  onReject?: (row: RejectedRow) => void;
}

/** Loads config, resolves dates, reads every input and the targets. */
export async function prepareRun(opts: CommonOptions & { preset?: string }, files: string[], env: PrepareEnv): Promise<PreparedRun> {
  const loaded = loadRunConfig(opts, env.cwd);
  const calendar = calendarOf(loaded.config);
  const asOf = resolveAsOf(opts.asOf, env.today);
  const period = resolvePeriodOption(opts.period, asOf, calendar);
  const lookbackDays = numberOption(opts.lookback, '--lookback', loaded.config.lookbackDays, { isInteger: true, min: 1 });
  const priorCloses = numberOption(opts.priorCloses, '--prior-closes', loaded.config.priorCloses);

  // A file no config source reads gets the preset its headers fit; ingest stops on one none fits.
  const inputs = resolveInputs(loaded, files, env.cwd, { preset: opts.preset });
  const dateFallback = dateFallbackOption(opts);
  const data = await ingest(loaded, inputs, { onReject: env.onReject, dateFallback, asOf });
  // Every file is read first, so one message names each file whose dates need a format.
  const undecidable = undecidableDatesError(data.files);
  if (undecidable) throw undecidable;
  const targets = loadRunTargets(loaded, opts.targets, env.cwd, period.label);
  return {
    loaded,
    asOf,
    calendar,
    period,
    lookbackDays,
    priorCloses,
    data,
    stages: trackedStages(loaded.config, data.producible),
    named: namedReps(loaded, data.reps, targets),
  };
}
