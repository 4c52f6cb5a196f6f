import { buildReport } from '../engine/report.js';
import { DEFAULT_DIAGNOSIS_OPTIONS } from '../engine/coaching/diagnosis.js';
import type { InputSummary, ReportDocument } from '../model/report.js';
import type { FileResult } from './pipeline.js';
import type { PreparedRun } from './prepare.js';

export function inputSummary(run: PreparedRun): InputSummary {
  const { data } = run;
  return {
    rows: data.rows,
    used: data.used,
    ignored: data.ignored,
    rejected: data.rejected,
    duplicates: data.duplicates,
    files: data.files.map((f: FileResult) => ({
      path: f.path,
      format: f.meta.format,
      preset: f.preset,
      source: f.source,
      rows: f.rows,
      used: f.used,
      ignored: f.ignored,
      rejected: f.rejected,
    })),
    warnings: run.warnings,
  };
}

/** Runs the engine over a prepared run; `repFilter` (keys) narrows the reps shown. */
export function reportDocument(run: PreparedRun, repFilter: Set<string> | null = null): ReportDocument {
  const { config } = run.loaded;
  const engine = buildReport({
    tally: run.data.tally,
    stages: run.stages,
    calendar: run.calendar,
    asOf: run.asOf,
    period: run.period,
    lookbackDays: run.lookbackDays,
    priorCloses: run.priorCloses,
    goalPeriod: config.goalPeriod,
    namedReps: run.named,
    coaching: { library: run.prompts, options: { ...DEFAULT_DIAGNOSIS_OPTIONS, idleDays: config.prompts.idleDays } },
  });
  const reps = engine.reps.filter((r) => repFilter === null || repFilter.has(r.rep.toLowerCase()));
  return { schemaVersion: 1, ...engine, input: inputSummary(run), reps };
}
