import { periodContaining, periodsOverlapping, type GoalPeriodKind } from './periods.js';
import { countWorkingDays } from './workdays.js';
import type { CommitmentPer } from './coaching/commitments.js';
import type { Calendar, DateStr, Period, StageId } from './model.js';

/** What one row of a rep's plan says: a targets row, or the rep's entry in the config. */
export interface PlanRow {
  goal: number | null;
  /** Activity promised, by stage. */
  commitments: Readonly<Record<StageId, number>>;
  /** Unit of each commitment; a stage missing here is per week. */
  commitmentsPer: Readonly<Record<StageId, CommitmentPer>>;
}

/**
 * A rep's goals and commitments by goal period. For a goal period Q the first match wins: the
 * targets row for Q's label, the targets row without a period, the rep's entry in the config.
 */
export interface GoalBook {
  /** Targets rows with a period, by lower-case label (`2026-11`, `2026-w47`, `2026-q4`). */
  byPeriod: ReadonlyMap<string, PlanRow>;
  /** The targets row without a period. */
  general: PlanRow | null;
  /** `reps.NAME` in the config. */
  config: PlanRow | null;
}

/** One goal period that the reported period touches, and the share of its goal that falls in it. */
export interface GoalPart {
  /** The goal period's label, e.g. `2026-11`. */
  label: string;
  start: DateStr;
  end: DateStr;
  /** The goal set for the whole goal period; null when none is set. */
  goal: number | null;
  /** Team working days of the goal period. */
  workingDays: number;
  /** Team working days of the goal period that lie in the reported period. */
  sharedWorkingDays: number;
}

/** The goal for a reported period and how it was arrived at. */
export interface GoalShare {
  /** `Σ goal_Q × wd(P ∩ Q) / wd(Q)`; null when no goal period it touches has a goal. */
  goal: number | null;
  parts: GoalPart[];
}

/** The rows of `book` that apply to goal period `label`, most specific first. */
function rowsFor(book: GoalBook, label: string): PlanRow[] {
  const rows: PlanRow[] = [];
  const specific = book.byPeriod.get(label.toLowerCase());
  if (specific) rows.push(specific);
  if (book.general) rows.push(book.general);
  if (book.config) rows.push(book.config);
  return rows;
}

/** The goal for goal period `label`: the first row that sets one. */
export function goalOf(book: GoalBook, label: string): number | null {
  for (const row of rowsFor(book, label)) if (row.goal !== null) return row.goal;
  return null;
}

/** Commitments for goal period `label`, stage by stage from the most specific row that has one. */
export function commitmentsOf(book: GoalBook, label: string): { commitments: Record<StageId, number>; per: Record<StageId, CommitmentPer> } {
  const commitments: Record<StageId, number> = {};
  const per: Record<StageId, CommitmentPer> = {};
  for (const row of rowsFor(book, label)) {
    for (const [stage, n] of Object.entries(row.commitments)) {
      if (stage in commitments) continue;
      commitments[stage] = n;
      per[stage] = row.commitmentsPer[stage] ?? 'week';
    }
  }
  return { commitments, per };
}

/** The goal periods `period` touches, with their team working days inside and outside it. */
export function goalParts(book: GoalBook, period: Period, kind: GoalPeriodKind, calendar: Calendar): GoalPart[] {
  return periodsOverlapping(kind, period, calendar).map((q) => ({
    label: q.label,
    start: q.start,
    end: q.end,
    goal: goalOf(book, q.label),
    workingDays: countWorkingDays(q.start, q.end, calendar),
    sharedWorkingDays: countWorkingDays(q.start > period.start ? q.start : period.start, q.end < period.end ? q.end : period.end, calendar),
  }));
}

/** `amount × wd(P ∩ Q) / wd(Q)`; a whole goal period gives `amount` exactly (1.7 × 21 / 21 is 1.6999999999999997). */
function shareOf(amount: number, part: GoalPart): number {
  if (part.workingDays === 0) return 0;
  return part.sharedWorkingDays === part.workingDays ? amount : (amount * part.sharedWorkingDays) / part.workingDays;
}

/**
 * The goal for the reported period: the working-day share of every goal period it touches (team
 * calendar; a rep's time off does not move the goal). Goal periods without a goal add nothing.
 */
export function shareGoal(book: GoalBook, period: Period, kind: GoalPeriodKind, calendar: Calendar): GoalShare {
  const parts = goalParts(book, period, kind, calendar);
  const set = parts.filter((p) => p.goal !== null);
  if (set.length === 0) return { goal: null, parts };
  return { goal: set.reduce((sum, p) => sum + shareOf(p.goal as number, p), 0), parts };
}

/**
 * Commitments for the reported period. Per-week promises come from the goal period holding
 * `referenceDay` (as-of, or the period end when earlier); per-period promises are shared out
 * over the goal periods like the goal.
 */
export function shareCommitments(
  book: GoalBook,
  parts: readonly GoalPart[],
  referenceDay: DateStr,
  kind: GoalPeriodKind,
  calendar: Calendar,
): { commitments: Record<StageId, number>; per: Record<StageId, CommitmentPer> } {
  const reference = commitmentsOf(book, periodContaining(kind, referenceDay, calendar).label);
  const commitments: Record<StageId, number> = {};
  for (const [stage, n] of Object.entries(reference.commitments)) {
    if (reference.per[stage] === 'week') {
      commitments[stage] = n;
      continue;
    }
    commitments[stage] = parts.reduce((sum, part) => {
      const own = commitmentsOf(book, part.label);
      return own.per[stage] === 'period' && own.commitments[stage] !== undefined ? sum + shareOf(own.commitments[stage], part) : sum;
    }, 0);
  }
  return { commitments, per: reference.per };
}

/** A book with one row for every goal period: a goal (and commitments) that never change. */
export function fixedGoalBook(goal: number | null, commitments: Record<StageId, number> = {}, per: Record<StageId, CommitmentPer> = {}): GoalBook {
  return { byPeriod: new Map(), general: null, config: { goal, commitments, commitmentsPer: per } };
}
