import { planReport, type ReportPlan } from '../engine/report.js';
import { DEFAULT_DIAGNOSIS_OPTIONS } from '../engine/coaching/diagnosis.js';
import type { InputSummary, RepEntry, ReportDocument } from '../model/report.js';
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

/**
 * The report document with its reps still to build: `doc.reps` is empty (it keeps the key's place)
 * and `reps` builds the entries in the document's order, one each time the iterator is advanced,
 * so a caller that writes each one before asking for the next never holds them all.
 */
export interface ReportStream {
  doc: ReportDocument;
  /** The names of the reps `reps` yields, in order. */
  names: string[];
  reps: Iterable<RepEntry>;
}

/** Runs the engine's planning over a prepared run; `repFilter` (keys) narrows the reps shown. */
export function reportStream(run: PreparedRun, repFilter: Set<string> | null = null): ReportStream {
  const plan = reportPlan(run);
  const refs = plan.reps.filter((r) => repFilter === null || repFilter.has(r.name.toLowerCase()));
  return {
    doc: { schemaVersion: 1, ...plan.head, reps: [], input: inputSummary(run) },
    names: refs.map((r) => r.name),
    reps: { *[Symbol.iterator]() { for (const ref of refs) yield plan.entry(ref); } },
  };
}

/** Runs the engine over a prepared run; `repFilter` (keys) narrows the reps shown. */
export function reportDocument(run: PreparedRun, repFilter: Set<string> | null = null): ReportDocument {
  const { doc, reps } = reportStream(run, repFilter);
  return { ...doc, reps: [...reps] };
}

/** The names of the report's reps, in order, without building their entries. */
export function reportRepNames(run: PreparedRun): string[] {
  return reportPlan(run).reps.map((r) => r.name);
}

function reportPlan(run: PreparedRun): ReportPlan {
  const { config } = run.loaded;
  return planReport({
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
}
