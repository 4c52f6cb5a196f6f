// The decline rule, on activity per working day over complete weeks (docs/coaching.md). A module
// of its own so that `funnel trend --help`, which quotes these numbers, loads no engine code.

/** Slump: the last RECENT_WEEKS average SLUMP_DROP or more under the BASELINE_WEEKS before them. */
export const RECENT_WEEKS = 2;
export const BASELINE_WEEKS = 4;
export const SLUMP_DROP = 0.25;
/** Slide: each of the last FALLING_WEEKS weeks below the one before, SLIDE_DROP or more in all. */
export const FALLING_WEEKS = 3;
export const SLIDE_DROP = 0.15;
/** Stages whose baseline averages fewer events a week than this are too thin to call a trend on. */
export const MIN_WEEKLY_BASELINE = 5;
