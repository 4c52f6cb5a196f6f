import type { ColumnValues } from '../engine/input-health.js';
import type { DateStr } from '../engine/model.js';
import type { MappingView } from '../presets/describe.js';

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
  /** When no row was used: each column the rules read and its most common values (else empty). */
  ruleColumns: ColumnValues[];
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

export interface InspectDocument {
  schemaVersion: 1;
  config: string | null;
  files: InspectedFile[];
}
