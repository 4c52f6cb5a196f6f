import { PRESETS } from './index.js';
import type { Preset } from './types.js';

/** One preset as `funnel presets --format json` lists it. */
export interface PresetEntry {
  name: string;
  title: string;
  origin: string;
  stages: string[];
  columns: { name: string; required: boolean; aliases: string[]; doc: string }[];
  /** At least one of these columns must be present. */
  anyOf: string[];
  /** File-name patterns that make the preset likelier (regular expressions). */
  fileNames: string[];
  values: Record<string, string[]>;
}

/** The `funnel presets` document. */
export interface PresetsDocument {
  schemaVersion: 1;
  /** How headers are compared with aliases. */
  matching: string;
  presets: PresetEntry[];
}

export const MATCHING_RULE =
  'headers are compared with aliases after dropping accents, case and every character that is not a letter or digit ' +
  '("Activity - Type" = "activity_type" = "ACTIVITYTYPE"); the first alias found wins, aliases from the config first';

export function presetEntry(p: Preset): PresetEntry {
  return {
    name: p.name,
    title: p.title,
    origin: p.origin,
    stages: p.stages,
    columns: Object.entries(p.columns).map(([name, c]) => ({ name, required: Boolean(c.isRequired), aliases: c.aliases, doc: c.doc })),
    anyOf: p.anyOf ?? [],
    fileNames: (p.fileNames ?? []).map((re) => re.source),
    values: Object.fromEntries(Object.entries(p.values ?? {}).map(([k, v]) => [k, [...v]])),
  };
}

export function presetsDocument(presets: readonly Preset[] = PRESETS): PresetsDocument {
  return { schemaVersion: 1, matching: MATCHING_RULE, presets: presets.map(presetEntry) };
}
