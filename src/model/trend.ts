import type { TrendReport } from '../engine/trend.js';
import type { InputSummary } from './report.js';

/** The `funnel trend` document (`--format json`): the engine's weeks, the schema version and the input accounting. */
export interface TrendDocument extends TrendReport {
  schemaVersion: 1;
  input: InputSummary;
}
