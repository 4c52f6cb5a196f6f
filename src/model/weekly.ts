import type { Counts, DateStr, StageId } from '../engine/model.js';

/** Per-stage counts of the team and of each rep (by name as in the report) over one date range. */
export interface RangeCounts {
  start: DateStr;
  end: DateStr;
  team: Counts;
  reps: Record<string, Counts>;
}

/** Weekly activity of one stage, oldest week first, for sparklines. */
export interface WeeklyActivity {
  /** The stage counted: the top of the funnel. */
  stage: StageId;
  weeks: { start: DateStr; end: DateStr }[];
  /** The last week ends after as-of: its count is so far. */
  isLastPartial: boolean;
  team: number[];
  /** By rep name, as in the report. */
  reps: Record<string, number[]>;
  /** The team's working days of each week up to the reference day, for activity per working day. */
  teamWorkingDays?: number[];
  /** Each rep's own working days of each week (time off left out), by rep name. */
  repWorkingDays?: Record<string, number[]>;
}
