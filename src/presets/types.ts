import type { ConditionInput } from '../config/conditions.js';

/** One logical column of a preset: the header spellings that can hold it. */
export interface PresetColumn {
  /**
   * Header spellings in order of preference, compared after `headerKey` (lower-case, letters and
   * digits only), so `Activity - Type`, `activity_type` and `ActivityType` are one spelling.
   */
  aliases: string[];
  /** The preset cannot read a file without this column. */
  isRequired?: boolean;
  /** What the column is used for, shown by `funnel presets` and in docs/presets.md. */
  doc: string;
}

/** A rule as a preset writes it: `when` keys and `date` are real header names. */
export interface PresetRule {
  stage: string;
  when: Record<string, ConditionInput>;
  date?: string;
}

/** What a preset makes of one file: an ordinary source mapping on the file's own headers. */
export interface PresetMapping {
  shape: 'events' | 'tallies';
  columns: { rep: string; date?: string; id?: string; /** The deal's creation date, for the sales cycle. */ created?: string };
  rules?: PresetRule[];
  /** Tallies: stage → header of that stage's count column. */
  counts?: Record<string, string>;
  dateFormat?: string;
}

/** Logical column → the header that holds it in this file, or undefined when absent. */
export type FoundColumns = Readonly<Record<string, string | undefined>>;

/** A built-in mapping for one kind of CRM export. */
export interface Preset {
  /** Stable id, used in `preset:` and `--preset`. */
  name: string;
  /** "HubSpot calls export". */
  title: string;
  /** How users get the file, one line. */
  origin: string;
  /** Logical columns by name. */
  columns: Record<string, PresetColumn>;
  /** At least one of these logical columns must be present (tells similar exports apart). */
  anyOf?: string[];
  /** Patterns on the file's base name that make this preset likelier. */
  fileNames?: RegExp[];
  /** Value lists the rules use, by name, for `funnel presets` and the docs. */
  values?: Record<string, readonly string[]>;
  /** Stages the preset can produce when every column is present, top of the funnel first. */
  stages: string[];
  /** Builds the mapping from the columns found; only called when the required ones are there. */
  map(found: FoundColumns): PresetMapping;
}
