import type { InputWarning } from '../engine/input-health.js';
import type { CoachedReport, RepEntry } from '../engine/report.js';
import type { RepStatus } from '../engine/status.js';

// The `funnel report` document: built by run/, read by the renderers and the e-mail digest.

export type { InputWarning, RepEntry, RepStatus };

/** Row accounting of the run, as in the JSON `input` object. */
export interface InputSummary {
  rows: number;
  used: number;
  ignored: number;
  rejected: number;
  duplicates: number;
  files: { path: string; format: string; preset: string | null; source: string | null; rows: number; used: number; ignored: number; rejected: number }[];
  /** Stale input, files that matched no rule. */
  warnings: InputWarning[];
}

/** The `funnel report` document (`--format json`). */
export interface ReportDocument extends CoachedReport {
  schemaVersion: 1;
  input: InputSummary;
}
