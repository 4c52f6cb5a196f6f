import type { DateStr } from '../engine/model.js';
import { repHintLines, repHints } from '../normalize/rep-hints.js';
import { describeMapping, type MappingView } from '../presets/describe.js';
import type { FunnelError } from '../errors.js';
import { dateFallbackOption, loadRunConfig, type CommonOptions } from './context.js';
import { resolveInputs } from './files.js';
import { ingest, type FileResult } from './pipeline.js';

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
  /** How the preset was chosen: by the headers, the config or --preset; null for a plain config source. */
  detection: InspectDetection | null;
  /** The columns and rules the file was read with; null when nothing maps it. */
  mapping: MappingView | null;
  /** Events counted per stage (duplicates already dropped). */
  events: Record<string, number>;
  /** Why rows were ignored, when some were. */
  ignoredReason: string | null;
  /** `gzip` when the file was decompressed on the fly, else null. */
  compression: string | null;
  /** XLSX: the sheet that was read; null for other formats. */
  sheet: string | null;
  /** XLSX: headers of hidden columns (read like the others). */
  hiddenColumns: string[];
  /** Date format per mapped date column: detected from the values, or the source's dateFormat. */
  dateFormats: Record<string, string>;
}

/** One preset's fit, as inspect shows it. */
export interface InspectCandidate {
  preset: string;
  eligible: boolean;
  score: number;
  requiredFound: number;
  required: number;
  matched: string[];
  missing: string[];
  fileNameHint: boolean;
}

export interface InspectDetection {
  preset: string | null;
  by: 'headers' | 'config' | '--preset';
  /** Headers that decided it. */
  matched: string[];
  score: number;
  fileNameHint: boolean;
  ambiguous: boolean;
  /** The closest presets, best first. */
  candidates: InspectCandidate[];
}

function detectionOf(f: FileResult): InspectDetection | null {
  const d = f.detection;
  if (!d) return null;
  return {
    preset: d.preset,
    by: d.by,
    matched: d.matched,
    score: d.score,
    fileNameHint: d.hasFileNameHint,
    ambiguous: d.isAmbiguous,
    candidates: d.candidates.map((c) => ({
      preset: c.preset,
      eligible: c.isEligible,
      score: c.score,
      requiredFound: c.requiredFound,
      required: c.required,
      matched: c.matched,
      missing: c.missing,
      fileNameHint: c.hasFileNameHint,
    })),
  };
}

function ignoredReasonOf(f: FileResult): string | null {
  if (f.ignored === 0) return null;
  const t = f.totals;
  if (t.count > 0) {
    const lines = `line${t.count === 1 ? '' : 's'} ${t.lines.join(', ')}${t.count > t.lines.length ? ', …' : ''}`;
    const totals = `${t.count === 1 ? 'a totals row' : `${t.count} totals rows`} (${lines}: their counts are the other rows')`;
    if (t.count === f.ignored) return totals;
    return `${totals}; the rest: ${ignoredReasonOf({ ...f, ignored: f.ignored - t.count, totals: { count: 0, lines: [] } })}`;
  }
  if (!f.mapping) return 'no config source or preset maps this file';
  if (f.mapping.shape === 'tallies') return 'their counts are all empty or 0';
  const n = f.mapping.rules?.length ?? 0;
  return n === 0 ? 'the mapping has no rules' : `they match none of the ${n === 1 ? 'rule' : `${n} rules`}`;
}

/** An error about one file, as a line among its warnings. */
function problemText(p: FunnelError): string {
  return `error: ${p.where.key ? `${p.where.key}: ` : ''}${p.message}${p.hint ? `; fix: ${p.hint}` : ''}`;
}

export interface InspectDocument {
  schemaVersion: 1;
  config: string | null;
  files: InspectedFile[];
}

/** Reads each file as report would, and describes what it found. Works without a config. */
export async function inspectFiles(
  files: string[],
  opts: Pick<CommonOptions, 'config' | 'dateFormat' | 'monthFirst' | 'dayFirst'> & { preset?: string },
  cwd: string,
): Promise<InspectDocument> {
  const loaded = loadRunConfig(opts, cwd);
  const inputs = resolveInputs(loaded, files, cwd, { preset: opts.preset });
  const dateFallback = dateFallbackOption(opts);
  const data = await ingest(loaded, inputs, { keepRejects: INSPECT_REJECTS, isUnrecognizedAllowed: true, dateFallback });
  // E-mails and owner ids beside names, across every file: hinted on the file that has them.
  const hints = repHints([...new Set(data.files.flatMap((f) => f.reps))]);
  const hintsOf = (f: FileResult) => repHintLines(hints.filter((h) => f.reps.includes(h.value)));
  return {
    schemaVersion: 1,
    config: loaded.path,
    files: data.files.map((f) => {
      const src = f.mapping;
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
        // A file whose dates need a format stops report; inspect shows why, beside the other files.
        warnings: [...(f.dateProblem ? [problemText(f.dateProblem)] : []), ...f.meta.warnings, ...hintsOf(f)],
        detection: detectionOf(f),
        mapping: f.mapping ? describeMapping(f.mapping) : null,
        events: f.events,
        ignoredReason: ignoredReasonOf(f),
        compression: f.meta.compression,
        sheet: f.meta.sheet,
        hiddenColumns: f.meta.hiddenColumns,
        dateFormats: f.meta.dateFormats,
      };
    }),
  };
}
