import { FunnelError } from '../errors.js';
import { PRESETS } from './index.js';
import { headerIndex, matchColumns } from './match.js';
import type { Preset } from './types.js';

/** Points a file-name hint adds to a preset that the headers already fit. */
const FILE_NAME_POINTS = 2;
/** How many candidates a detection keeps, for errors and `funnel inspect`. */
const CANDIDATES = 3;

/** How well one preset fits a file. */
export interface Candidate {
  preset: string;
  /** Every required column is present (and one of the preset's distinguishing ones). */
  isEligible: boolean;
  /** Logical columns found, plus FILE_NAME_POINTS when the file name hints at the preset. */
  score: number;
  /** Requirements met, of `required` (each required column, and the distinguishing group as one). */
  requiredFound: number;
  required: number;
  /** Headers the preset recognised. */
  matched: string[];
  /** Requirements not met, readable: `rep ("Activity assigned to", "Assigned to", …)`. */
  missing: string[];
  /** Required logical columns not found (the distinguishing group not included). */
  missingColumns: string[];
  hasFileNameHint: boolean;
}

/** The outcome of detection for one file. */
export interface Detection {
  /** The preset chosen, or null when none fits or several fit equally well. */
  preset: string | null;
  score: number;
  /** Headers that decided it. */
  matched: string[];
  hasFileNameHint: boolean;
  isAmbiguous: boolean;
  /** The closest presets, best first. */
  candidates: Candidate[];
}

function aliasList(preset: Preset, column: string): string {
  const aliases = preset.columns[column].aliases;
  const shown = aliases.slice(0, 3).map((a) => JSON.stringify(a));
  return `${column} (${shown.join(', ')}${aliases.length > 3 ? ', …' : ''})`;
}

/** How well `preset` fits a file with these headers and this base name. */
export function scorePreset(
  preset: Preset,
  index: Map<string, string>,
  fileName: string,
  aliases: Readonly<Record<string, readonly string[]>> = {},
): Candidate {
  const m = matchColumns(preset, index, aliases);
  const requiredColumns = Object.entries(preset.columns).filter(([, c]) => c.isRequired).map(([n]) => n);
  const missing = m.missing.map((c) => aliasList(preset, c));
  if (!m.hasAnyOf) missing.push(`one of ${preset.anyOf!.join(', ')} (${preset.anyOf!.map((c) => JSON.stringify(preset.columns[c].aliases[0])).join(', ')})`);
  const required = requiredColumns.length + (preset.anyOf ? 1 : 0);
  const isEligible = missing.length === 0;
  const hasFileNameHint = isEligible && (preset.fileNames ?? []).some((re) => re.test(fileName));
  return {
    preset: preset.name,
    isEligible,
    score: m.matched.length + (hasFileNameHint ? FILE_NAME_POINTS : 0),
    requiredFound: required - missing.length,
    required,
    matched: [...new Set(m.matched.map((x) => x.header))],
    missing,
    missingColumns: m.missing,
    hasFileNameHint,
  };
}

/**
 * Picks the preset whose columns a file has. A preset is a candidate only when every required
 * column (and one of its distinguishing columns) is present; the candidate with the most
 * columns found wins, a file-name hint adding two. A tie is ambiguous: no preset is chosen.
 */
export function detectPreset(
  headers: readonly string[],
  fileName: string,
  opts: { aliases?: Readonly<Record<string, readonly string[]>>; presets?: readonly Preset[] } = {},
): Detection {
  const index = headerIndex(headers);
  const all = (opts.presets ?? PRESETS).map((p) => scorePreset(p, index, fileName, opts.aliases));
  const ranked = all.sort(
    (a, b) =>
      Number(b.isEligible) - Number(a.isEligible) ||
      (b.isEligible ? b.score - a.score : b.requiredFound / b.required - a.requiredFound / a.required || b.score - a.score),
  );
  const [best, second] = ranked;
  const isAmbiguous = best.isEligible && second?.isEligible === true && second.score === best.score;
  const chosen = best.isEligible && !isAmbiguous ? best : null;
  return {
    preset: chosen?.preset ?? null,
    score: chosen?.score ?? 0,
    matched: chosen?.matched ?? [],
    hasFileNameHint: chosen?.hasFileNameHint ?? false,
    isAmbiguous,
    candidates: ranked.slice(0, CANDIDATES),
  };
}

/** One line per candidate: name, how many columns matched, and what is missing. */
export function describeCandidates(candidates: readonly Candidate[]): string[] {
  return candidates.map((c) => {
    const fit = `${c.requiredFound} of ${c.required} required columns, ${c.matched.length} column${c.matched.length === 1 ? '' : 's'} recognised`;
    return `  ${c.preset}: ${fit}${c.missing.length ? `; missing ${c.missing.join('; ')}` : ''}`;
  });
}

/** The error for a file no source maps and no preset recognises (or several fit equally). */
export function unrecognizedFileError(display: string, detection: Detection): FunnelError {
  const hint =
    'force a preset with --preset NAME (see "funnel presets"), or run "funnel init ' +
    `${display}" and adjust the mapping it writes; headers spelled differently can be added as aliases on a config source`;
  if (detection.isAmbiguous) {
    const tied = detection.candidates.filter((c) => c.isEligible && c.score === detection.candidates[0].score).map((c) => c.preset);
    return new FunnelError('NO_SOURCE_FOR_FILE', `the headers fit several presets equally well: ${tied.join(', ')}`, {
      where: { file: display },
      details: describeCandidates(detection.candidates),
      hint: `pick one with --preset NAME, or set preset: NAME on a config source for this file`,
    });
  }
  return new FunnelError('NO_SOURCE_FOR_FILE', 'no config source reads this file and no preset recognises its headers', {
    where: { file: display },
    details: ['closest presets:', ...describeCandidates(detection.candidates)],
    hint,
  });
}
