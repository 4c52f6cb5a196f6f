import { ceilNeeded } from '../needed.js';
import type { Counts, RepWorkingDays, StageId } from '../model.js';

/** Whether a committed number is per week or for the whole period. */
export type CommitmentPer = 'week' | 'period';

/** A rep's promise for one stage against what they did. */
export interface CommitmentCheck {
  stage: StageId;
  /** As promised: per week, or for the whole period. */
  committed: number;
  per: CommitmentPer;
  /** Done this period, up to as-of. */
  actual: number;
  /** What the promise amounts to by as-of, over the rep's own working days. */
  expected: number;
  /** What the promise amounts to over the whole period. */
  periodTotal: number;
  /** `max(0, ceil(expected − actual))`. */
  shortBy: number;
  isMet: boolean;
}

/**
 * Promise against reality, up to as-of. Per week: `committed × elapsed / workdaysPerWeek` (working
 * weeks elapsed, after holidays and time off). Per period: pro rata, `committed × elapsed / total`.
 * Stages not tracked are left out: there is nothing to compare them with.
 */
export function checkCommitments(
  commitments: Readonly<Record<StageId, number>>,
  per: Readonly<Record<StageId, CommitmentPer>>,
  counts: Counts,
  stages: readonly StageId[],
  days: RepWorkingDays,
  workdaysPerWeek: number,
): CommitmentCheck[] {
  const checks: CommitmentCheck[] = [];
  for (const stage of stages) {
    const committed = commitments[stage];
    if (committed === undefined) continue;
    const unit = per[stage] ?? 'week';
    const actual = counts[stage] ?? 0;
    const expected =
      unit === 'week'
        ? (committed * days.elapsed) / workdaysPerWeek
        : days.total > 0
          ? (committed * days.elapsed) / days.total
          : 0;
    const periodTotal = unit === 'week' ? (committed * days.total) / workdaysPerWeek : committed;
    const shortBy = Math.max(0, ceilNeeded(expected - actual));
    checks.push({ stage, committed, per: unit, actual, expected, periodTotal, shortBy, isMet: shortBy === 0 });
  }
  return checks;
}
