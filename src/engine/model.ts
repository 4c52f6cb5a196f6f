import type { Cycle, NextPeriodPlan } from './cycle.js';
import type { DecliningStage } from './decline.js';
import type { GoalPart } from './goals.js';
import type { GoalPeriodKind } from './periods.js';
import type { RepStatus } from './status.js';

/** A calendar date written `YYYY-MM-DD`; ISO strings sort in date order. */
export type DateStr = string;

/** Stage id such as `dial` or `close`. */
export type StageId = string;

/** The stages funnel knows out of the box, top of the funnel first. */
export const DEFAULT_STAGES: readonly StageId[] = [
  'dial',
  'conversation',
  'appointment_set',
  'appointment_kept',
  'second_meeting',
  'proposal',
  'close',
];

export const DEFAULT_LABELS: Readonly<Record<string, string>> = {
  dial: 'Dials',
  conversation: 'Conversations',
  appointment_set: 'Appts set',
  appointment_kept: 'Appts kept',
  second_meeting: '2nd meetings',
  proposal: 'Proposals',
  close: 'Closes',
};

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Which days are worked and which weekday starts a week. */
export interface Calendar {
  /** 0 = Sunday … 6 = Saturday, as date-fns counts. */
  weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  workdays: ReadonlySet<Weekday>;
  holidays: ReadonlySet<DateStr>;
}

/** A resolved reporting period, both ends inclusive. */
export interface Period {
  label: string;
  start: DateStr;
  end: DateStr;
}

/** Period plus its working-day arithmetic relative to as-of. */
export interface PeriodInfo extends Period {
  /** How long goals are set for; the goal for this period is their working-day share. */
  goalPeriod?: GoalPeriodKind;
  workingDays: number;
  /** Working days from the period start to as-of, counting the as-of day. */
  workingDaysElapsed: number;
  /** Working days after as-of up to the period end. */
  workingDaysLeft: number;
}

export type Counts = Record<StageId, number>;
export type Ratios = Record<StageId, number | null>;

/** What one stage needs for a goal, per the contract's formulas. */
export interface StageNeed {
  required: number | null;
  done: number;
  remaining: number | null;
  perWorkingDay: number | null;
  projected: number | null;
}

export interface Shortfall {
  stage: StageId;
  required: number;
  projected: number;
  gap: number;
  severity: 'warning' | 'critical';
}

export interface Bottleneck {
  from: StageId;
  to: StageId;
  rate: number;
  teamRate: number;
  /** The rep's 80 % Wilson interval, wholly below `teamRate`. */
  low: number;
  high: number;
}

export interface Prompt {
  id: string;
  /** The question as the manager asks it. */
  text: string;
  /** The same question written to the rep, for messages the rep reads (no stage directions). */
  repText: string;
  /** The diagnosis that chose it (e.g. `activity_shortfall`). */
  when?: string;
}

/** Days off, both ends inclusive. */
export interface DateRange {
  from: DateStr;
  to: DateStr;
}

/** One rep's working days in the period once their time off is taken out. */
export interface RepWorkingDays {
  total: number;
  /** Up to and including as-of. */
  elapsed: number;
  /** After as-of. */
  left: number;
  /** Working days of the period taken off. */
  off: number;
}

export interface RepReport {
  rep: string;
  /** The goal for the period reported: the working-day share of the goal periods it touches. */
  goal: number | null;
  /** The goal periods the period touches and the goal of each, as `goal` was shared out. */
  goalParts: GoalPart[];
  /** `reached`, else from the shortfalls. */
  status: RepStatus;
  counts: Counts;
  lookbackCounts: Counts;
  ratios: Ratios;
  rawRatios: Ratios;
  needed: Record<StageId, StageNeed>;
  shortfalls: Shortfall[];
  /** The closes each stage's projected activity is worth at the rep's ratio. */
  activityWorth: Record<StageId, number | null>;
  /** The rep's best per-working-day rate of each stage over the lookback's complete weeks. */
  bestPerWorkingDay: Record<StageId, number | null>;
  /** Stages whose per-day need is far beyond the rep's best week: not reachable by activity alone. */
  beyondHistory: StageId[];
  /** Activity stages whose per-working-day rate fell by the trend's decline rule, top of the funnel first. */
  declining: DecliningStage[];
  /** Days from created to close, when the data maps a created date. */
  cycle: Cycle | null;
  /** The plan for the next goal period, when new activity now lands after this period. */
  nextPeriod: NextPeriodPlan | null;
  bottleneck: Bottleneck | null;
  prompts: Prompt[];
  /** Configured time off; pace and per-day need use `workingDays`, which leaves it out. */
  timeOff: DateRange[];
  workingDays: RepWorkingDays;
  /** Latest event on or before as-of, any stage; null when none. */
  lastActivity: DateStr | null;
  /** The rep's working days after `lastActivity` up to as-of; null without any activity. */
  idleWorkingDays: number | null;
  /** The rep's working days in the lookback from their first event on: what their close rate rests on. */
  historyWorkingDays: number;
}

export interface TeamReport {
  counts: Counts;
  lookbackCounts: Counts;
  ratios: Ratios;
  /** The team's sales cycle, over every close with a created date in the lookback. */
  cycle?: Cycle | null;
  /** The team's plan for the next goal period (the sum of the reps' goals), when its cycle lands after this one. */
  nextPeriod?: NextPeriodPlan | null;
}

/** Everything the engine computes for `funnel report`; input accounting is added by the pipeline. */
export interface EngineReport {
  asOf: DateStr;
  period: PeriodInfo;
  lookback: { start: DateStr; end: DateStr };
  stages: { id: StageId; label: string }[];
  team: TeamReport;
  reps: RepReport[];
}
