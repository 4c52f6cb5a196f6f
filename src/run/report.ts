import type { RepReport } from '../engine/model.js';
import type { InputSummary, ReportDocument, RepStatus } from '../model/report.js';
import { buildReport } from '../engine/report.js';
import { coachRep } from '../engine/coaching/coach.js';
import { DEFAULT_DIAGNOSIS_OPTIONS } from '../engine/coaching/diagnosis.js';
import { loadPrompts } from '../config/prompts.js';
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
  };
}

/** `critical` if any shortfall is critical, `behind` if any is a warning, else `on_track`. */
export function statusOf(rep: RepReport): RepStatus {
  if (rep.shortfalls.some((s) => s.severity === 'critical')) return 'critical';
  return rep.shortfalls.length > 0 ? 'behind' : 'on_track';
}

/** Runs the engine over a prepared run; `repFilter` (keys) narrows the reps shown. */
export function reportDocument(run: PreparedRun, repFilter: Set<string> | null = null): ReportDocument {
  const engine = buildReport({
    tally: run.data.tally,
    stages: run.stages,
    calendar: run.calendar,
    asOf: run.asOf,
    period: run.period,
    lookbackDays: run.lookbackDays,
    priorCloses: run.priorCloses,
    namedReps: run.named,
  });
  const { config } = run.loaded;
  const library = loadPrompts(config.prompts, run.loaded.dir, run.loaded.path);
  const reps = engine.reps
    .filter((r) => repFilter === null || repFilter.has(r.rep.toLowerCase()))
    .map((r) => {
      const status = statusOf(r);
      const coaching = coachRep(r, {
        stages: engine.stages,
        team: engine.team,
        status,
        plan: run.named.get(r.rep.toLowerCase()),
        library,
        workdaysPerWeek: config.workdays.length,
        options: { ...DEFAULT_DIAGNOSIS_OPTIONS, idleDays: config.prompts.idleDays },
      });
      return { ...r, ...coaching, status };
    });
  return { schemaVersion: 1, ...engine, input: inputSummary(run), reps };
}
