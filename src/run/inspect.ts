import { repHintLines, repHints } from '../normalize/rep-hints.js';
import { describeMapping } from '../presets/describe.js';
import type { FunnelError } from '../errors.js';
import type { InspectDetection, InspectDocument } from '../model/inspect.js';
import { dateFallbackOption, loadRunConfig, type CommonOptions } from './context.js';
import { resolveInputs, type DuplicateInput } from './files.js';
import { ingest, type FileResult } from './pipeline.js';

/** At most this many rejections per file are listed by inspect. */
export const INSPECT_REJECTS = 10_000;

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

/** Reads each file as report would, and describes what it found. Works without a config. */
export async function inspectFiles(
  files: string[],
  opts: Pick<CommonOptions, 'config' | 'dateFormat' | 'monthFirst' | 'dayFirst'> & { preset?: string; onDuplicate?: (d: DuplicateInput) => void },
  cwd: string,
): Promise<InspectDocument> {
  const loaded = loadRunConfig(opts, cwd);
  const inputs = resolveInputs(loaded, files, cwd, { preset: opts.preset, onDuplicate: opts.onDuplicate });
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
        ruleColumns: f.ruleColumns,
      };
    }),
  };
}
