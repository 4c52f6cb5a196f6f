import { basename } from 'node:path';
import type { SourceConfig } from '../config/schema.js';
import { FunnelError } from '../errors.js';
import { detectPreset, scorePreset, type Detection } from './detect.js';
import { AUTO, getPreset } from './index.js';
import { headerIndex, matchColumns } from './match.js';
import type { Preset } from './types.js';

/** What decides how one input file is read (a subset of the run's InputFile). */
export interface MappingRequest {
  path: string;
  display: string;
  source: SourceConfig | null;
  sourceKey: string | null;
  /** A preset given with --preset; it replaces detection and any config source. */
  forcedPreset?: string | null;
}

/** How a file is read, decided from its headers. */
export interface ResolvedMapping {
  /** The source the rows go through; null when no source or preset maps the file. */
  source: SourceConfig | null;
  /** Names the mapping in messages: `sources[1]`, `--preset hubspot-calls`, `preset hubspot-calls`. */
  key: string | null;
  preset: string | null;
  /** How the preset was chosen and the headers that decided it; null for a plain config source. */
  detection: (Detection & { by: 'headers' | 'config' | '--preset' }) | null;
}

/** True when the mapping depends on the file's headers (a preset, or detection). */
export function needsHeaders(req: MappingRequest): boolean {
  return Boolean(req.forcedPreset) || !req.source || req.source.preset !== undefined;
}

/**
 * Decides how a file is read once its headers are known: a --preset, a config source (with its
 * preset resolved against these headers), or the preset detected from the headers and file name.
 * Rules for stages the config does not have are dropped.
 */
export function resolveMapping(req: MappingRequest, headers: readonly string[], stages: readonly string[]): ResolvedMapping {
  const { source } = req;
  if (req.forcedPreset) {
    const preset = getPreset(req.forcedPreset) as Preset;
    const key = `--preset ${preset.name}`;
    return { source: applyPreset(preset, headers, null, req, key, stages), key, preset: preset.name, detection: named(preset, headers, req, '--preset') };
  }
  if (source && source.preset === undefined) return { source, key: req.sourceKey, preset: null, detection: null };
  if (source && source.preset !== AUTO) {
    const preset = getPreset(source.preset as string) as Preset;
    return {
      source: applyPreset(preset, headers, source, req, req.sourceKey, stages),
      key: req.sourceKey,
      preset: preset.name,
      detection: named(preset, headers, req, 'config'),
    };
  }
  const detection = { ...detectPreset(headers, basename(req.path), { aliases: source?.aliases }), by: 'headers' as const };
  if (!detection.preset) return { source: null, key: req.sourceKey, preset: null, detection };
  const preset = getPreset(detection.preset) as Preset;
  const key = req.sourceKey ?? `preset ${preset.name}`;
  return { source: applyPreset(preset, headers, source, req, key, stages), key, preset: preset.name, detection };
}

/** The detection record of a preset named in config or by --preset: which headers it found. */
function named(preset: Preset, headers: readonly string[], req: MappingRequest, by: 'config' | '--preset'): ResolvedMapping['detection'] {
  const c = scorePreset(preset, headerIndex(headers), basename(req.path), req.source?.aliases);
  return { preset: preset.name, score: c.score, matched: c.matched, hasFileNameHint: c.hasFileNameHint, isAmbiguous: false, candidates: [c], by };
}

/**
 * Resolves `preset` against a file's headers into an ordinary source. Keys set on the config
 * source win: each of `columns.rep|date|id`, `dateFormat`, and `rules` or `counts` as a whole.
 */
export function applyPreset(
  preset: Preset,
  headers: readonly string[],
  source: SourceConfig | null,
  req: Pick<MappingRequest, 'display'>,
  key: string | null,
  stages: readonly string[],
): SourceConfig {
  const index = headerIndex(headers);
  const candidate = scorePreset(preset, index, '', source?.aliases);
  if (!candidate.isEligible) {
    const aliases = `aliases: { ${candidate.missingColumns[0] ?? preset.anyOf?.[0] ?? 'rep'}: ["Your header"] }`;
    throw new FunnelError('COLUMN_NOT_FOUND', `the file does not have the columns of a ${preset.title}: no ${candidate.missing.join('; no ')}`, {
      where: { file: req.display, key: key ?? undefined },
      hint: source
        ? `add the header your file uses, e.g. ${aliases}, to ${key}`
        : `add a config source for the file with preset: ${preset.name} and the header your file uses, e.g. ${aliases}; or pick another preset ("funnel presets")`,
    });
  }
  const mapping = preset.map(matchColumns(preset, index, source?.aliases).found);
  const known = new Set(stages);
  const userColumns = Object.fromEntries(Object.entries(source?.columns ?? {}).filter(([, v]) => v !== undefined));
  const base = source ?? ({ path: req.display, columns: {}, shape: 'events' } as unknown as SourceConfig);
  return {
    ...base,
    preset: preset.name,
    shape: mapping.shape,
    columns: { ...mapping.columns, ...userColumns },
    dateFormat: source?.dateFormat ?? mapping.dateFormat,
    rules: mapping.shape === 'events' ? (source?.rules ?? (mapping.rules ?? []).filter((r) => known.has(r.stage))) : undefined,
    counts:
      mapping.shape === 'tallies'
        ? (source?.counts ?? Object.fromEntries(Object.entries(mapping.counts ?? {}).filter(([stage]) => known.has(stage))))
        : undefined,
  } as SourceConfig;
}
