import { BASELINE_WEEKS, FALLING_WEEKS, RECENT_WEEKS, declineOf, ruleWeekSpans, ruleWeeks, type Decline, type RuleWeek } from './trend.js';
import type { RepTally } from './tally.js';
import type { Calendar, DateStr, StageId } from './model.js';

// The trend's decline rule (docs/coaching.md) brought to the report: per rep, the activity stages
// whose per-working-day rate slumped or slid over the complete weeks before as-of.

/** An activity stage that is declining, with the rates the rule compared. */
export interface DecliningStage {
  stage: StageId;
  /** `slump`: the last 2 weeks against the 4 before; `slide`: 3 weeks each below the one before. */
  decline: Decline;
  /** Activity per working day before the decline: the baseline weeks' mean (slump), or the week the fall began (slide). */
  before: number;
  /** Activity per working day now: the recent weeks' mean (slump), or the last complete week (slide). */
  after: number;
  /** First day of the first week of the decline. */
  since: DateStr;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The declining activity stages of one rep (or of several tallies together), top of the funnel
 * first; the goal stage is never judged. `calendar` is the rep's own (time off left out), as in
 * `funnel trend`, so a week off is skipped rather than read as a slump. `spans`: the weeks of
 * ruleWeekSpans(asOf, calendar), when worked out already.
 */
export function decliningStages(
  tallies: RepTally[],
  stages: readonly StageId[],
  asOf: DateStr,
  calendar: Calendar,
  spans: readonly RuleWeek[] = ruleWeekSpans(asOf, calendar),
): DecliningStage[] {
  const found: DecliningStage[] = [];
  for (const stage of stages.slice(0, -1)) {
    const weeks = ruleWeeks(tallies, stage, asOf, calendar, spans);
    const rates = weeks.map((w) => w.rate);
    const decline = declineOf(rates, calendar.workdays.size);
    if (decline === 'slump') {
      const recent = weeks.slice(-RECENT_WEEKS);
      const baseline = rates.slice(-RECENT_WEEKS - BASELINE_WEEKS, -RECENT_WEEKS);
      found.push({ stage, decline, before: mean(baseline), after: mean(recent.map((w) => w.rate)), since: recent[0].start });
    } else if (decline === 'slide') {
      const run = weeks.slice(-FALLING_WEEKS - 1);
      found.push({ stage, decline, before: run[0].rate, after: run[run.length - 1].rate, since: run[1].start });
    }
  }
  return found;
}
