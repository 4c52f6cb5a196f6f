import { loadConfig, type LoadedConfig } from '../../src/config/load.js';
import { FunnelError } from '../../src/errors.js';
import { resolveInputs, type InputFile } from '../../src/run/files.js';
import { ingest, type IngestResult } from '../../src/run/pipeline.js';
import { ingestDuckdb } from '../../src/run/duckdb.js';
import type { DateFallback } from '../../src/normalize/date-detect.js';
import { join } from 'node:path';

/** What an engine made of the inputs, in a form two engines can be compared by. */
export interface Outcome {
  error?: { code: string; message: string };
  tally?: Record<string, Record<string, Record<string, number>>>;
  /** Sales-cycle samples by rep key: `close date:days`, sorted. */
  cycles?: Record<string, string[]>;
  /** Per file: the message of the date problem a report stops on. */
  dateProblems?: (string | null)[];
  totals?: { rows: number; used: number; ignored: number; rejected: number; duplicates: number };
  files?: unknown[];
  producible?: string[];
}

/** The comparable summary of an ingest result: tally by rep name, stage and date; accounting and rejects per file. */
export function summarize(r: IngestResult): Outcome {
  const tally: Outcome['tally'] = {};
  for (const [key, rep] of [...r.tally.reps].sort(([a], [b]) => a.localeCompare(b))) {
    const stages: Record<string, Record<string, number>> = {};
    for (const [stage, byDate] of [...rep.byStage].sort(([a], [b]) => a.localeCompare(b))) {
      stages[stage] = Object.fromEntries([...byDate].filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)));
    }
    tally[`${key} (${rep.name})`] = stages;
  }
  const cycles: Outcome['cycles'] = {};
  for (const [key, samples] of [...r.tally.cycles].sort(([a], [b]) => a.localeCompare(b))) cycles[key] = samples.map((x) => `${x.close}:${x.days}`).sort();
  return {
    tally,
    cycles,
    dateProblems: r.files.map((f) => (f.dateProblem ? `${f.dateProblem.code}: ${f.dateProblem.message} (${JSON.stringify(f.dateProblem.where)}; ${f.dateProblem.hint})` : null)),
    totals: { rows: r.rows, used: r.used, ignored: r.ignored, rejected: r.rejected, duplicates: r.duplicates },
    files: r.files.map((f) => ({
      path: f.path,
      rows: f.rows,
      used: f.used,
      ignored: f.ignored,
      rejected: f.rejected,
      events: Object.fromEntries(Object.entries(f.events).sort(([a], [b]) => a.localeCompare(b))),
      dateRange: f.dateRange,
      reps: f.reps,
      dateFormats: f.meta.dateFormats,
      warnings: f.meta.warnings,
      rejects: f.rejects.map((x) => ({ ...x, field: x.field ?? null, value: x.value ?? null })),
    })),
    producible: [...r.producible].sort(),
  };
}

async function outcome(run: () => Promise<IngestResult>): Promise<Outcome> {
  try {
    return summarize(await run());
  } catch (err) {
    if (err instanceof FunnelError) return { error: { code: err.code, message: err.message } };
    throw err;
  }
}

/** Loads a folder's funnel.config.yaml and its inputs (the config's sources). */
export function loadFolder(dir: string): { loaded: LoadedConfig; inputs: InputFile[] } {
  const loaded = loadConfig(join(dir, 'funnel.config.yaml'), 'funnel.config.yaml');
  return { loaded, inputs: resolveInputs(loaded, [], dir) };
}

/** The streaming engine's and DuckDB's outcomes for a folder (or a config error both share). */
export async function bothEngines(dir: string, opts: { keepRejects?: number; asOf?: string; dateFallback?: DateFallback } = {}): Promise<{ streaming: Outcome; duckdb: Outcome }> {
  let folder: ReturnType<typeof loadFolder>;
  try {
    folder = loadFolder(dir);
  } catch (err) {
    if (err instanceof FunnelError) return { streaming: { error: { code: err.code, message: err.message } }, duckdb: { error: { code: err.code, message: err.message } } };
    throw err;
  }
  const { loaded, inputs } = folder;
  const keepRejects = opts.keepRejects ?? 1000;
  const { asOf, dateFallback } = opts;
  const streaming = await outcome(() => ingest(loaded, inputs, { keepRejects, asOf, dateFallback }));
  const duckdb = await outcome(() => ingestDuckdb(loaded, inputs, { keepRejects, memoryLimit: '256MB', asOf, dateFallback }));
  return { streaming, duckdb };
}
