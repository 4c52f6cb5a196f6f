import type { RepCoaching } from '../engine/coaching/coach.js';
import type { EngineReport, RepReport } from '../engine/model.js';

// The `funnel report` document: built by run/, read by the renderers and the e-mail digest.

/** Row accounting of the run, as in the JSON `input` object. */
export interface InputSummary {
  rows: number;
  used: number;
  ignored: number;
  rejected: number;
  duplicates: number;
  files: { path: string; format: string; preset: string | null; source: string | null; rows: number; used: number; ignored: number; rejected: number }[];
}

export type RepStatus = 'on_track' | 'behind' | 'critical';

/** A rep's report with the fields derived from it for coaching. */
export interface RepEntry extends RepReport, RepCoaching {
  closesInLookback: number;
  status: RepStatus;
}

/** The `funnel report` document (`--format json`). */
export interface ReportDocument extends Omit<EngineReport, 'reps'> {
  schemaVersion: 1;
  input: InputSummary;
  reps: RepEntry[];
}
