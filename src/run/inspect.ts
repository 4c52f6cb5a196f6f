import type { DateStr } from '../engine/model.js';
import { loadRunConfig } from './context.js';
import { resolveInputs } from './files.js';
import { ingest } from './pipeline.js';

/** At most this many rejections per file are listed by inspect. */
export const INSPECT_REJECTS = 10_000;

/** One file as `funnel inspect` describes it. */
export interface InspectedFile {
  path: string;
  format: string;
  encoding: string;
  delimiter: string | null;
  preset: string | null;
  /** Config key of the source that maps the file, or null when none does. */
  source: string | null;
  /** Stages the mapping can produce. */
  stages: string[];
  headers: string[];
  rows: number;
  used: number;
  ignored: number;
  rejected: number;
  dateRange: { start: DateStr; end: DateStr } | null;
  reps: string[];
  rejects: { line: number; reason: string }[];
  warnings: string[];
}

export interface InspectDocument {
  schemaVersion: 1;
  config: string | null;
  files: InspectedFile[];
}

/** Reads each file as report would, and describes what it found. Works without a config. */
export async function inspectFiles(files: string[], opts: { config?: string }, cwd: string): Promise<InspectDocument> {
  const loaded = loadRunConfig(opts, cwd);
  const inputs = resolveInputs(loaded, files, cwd);
  const data = await ingest(loaded, inputs, { keepRejects: INSPECT_REJECTS });
  return {
    schemaVersion: 1,
    config: loaded.path,
    files: data.files.map((f, i) => {
      const src = inputs[i].source;
      const stages = new Set([...(src?.rules ?? []).map((r) => r.stage), ...Object.keys(src?.counts ?? {})]);
      return {
        path: f.path,
        format: f.meta.format,
        encoding: f.meta.encoding,
        delimiter: f.meta.delimiter,
        preset: f.preset,
        source: f.source,
        stages: loaded.config.stages.filter((s) => stages.has(s)),
        headers: f.meta.headers,
        rows: f.rows,
        used: f.used,
        ignored: f.ignored,
        rejected: f.rejected,
        dateRange: f.dateRange,
        reps: f.reps,
        rejects: f.rejects.map((r) => ({ line: r.line, reason: r.reason })),
        warnings: f.meta.warnings,
      };
    }),
  };
}
