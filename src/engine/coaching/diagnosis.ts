import type { RepStatus } from '../status.js';
import type { Bottleneck, DateStr, RepWorkingDays, Shortfall, StageId, StageNeed } from '../model.js';
import type { CommitmentCheck } from './commitments.js';
import type { DecliningStage } from '../decline.js';

/** What the numbers can say about a rep, most important first; prompts are chosen by these. */
export const DIAGNOSES = [
  'idle',
  // Only for a rep who reached the goal with activity worth less than it: next period's closes
  // come from this period's activity, which matters more than anything about the goal just met.
  'next_period_pipeline',
  'activity_shortfall',
  'activity_decline',
  'commitment_missed',
  'conversion_gap',
  'too_little_history',
  'no_goal',
  'goal_reached',
  'on_track',
  'no_commitment',
] as const;

/** One of DIAGNOSES. */
export type DiagnosisId = (typeof DIAGNOSES)[number];

/** Template variables every diagnosis fills. */
export const COMMON_VARIABLES = ['name', 'first', 'goal', 'goalText', 'closes', 'closeLabel', 'status', 'probability', 'daysLeft'] as const;

/** Template variables each diagnosis adds. */
export const DIAGNOSIS_VARIABLES: Record<DiagnosisId, readonly string[]> = {
  idle: ['idleDays', 'lastActivity', 'since'],
  activity_shortfall: ['stage', 'required', 'projected', 'gap', 'remaining', 'perDay', 'perClose'],
  activity_decline: ['stage', 'before', 'after', 'since', 'weeksAgo', 'drop'],
  commitment_missed: ['stage', 'committed', 'per', 'actual', 'expected', 'shortBy'],
  conversion_gap: ['from', 'to', 'rate', 'teamRate', 'low', 'high'],
  too_little_history: ['lookbackCloses', 'minCloses'],
  no_goal: [],
  goal_reached: [],
  next_period_pipeline: ['stage', 'worth', 'perClose', 'projected'],
  on_track: [],
  no_commitment: ['checkIn'],
};

/** A diagnosis with the values its prompts may quote, already written as text. */
export interface Diagnosis {
  id: DiagnosisId;
  /** The stage it is about, if any (for a conversion gap, the step's `to`). */
  stage?: StageId;
  vars: Record<string, string>;
}

/** The facts about one rep that diagnoses are drawn from. */
export interface DiagnosisInput {
  rep: string;
  goal: number | null;
  closesDone: number;
  closesInLookback: number;
  status: RepStatus;
  probability: number | null;
  /** Closes each stage's projected activity is worth (status.ts); absent in older callers. */
  activityWorth?: Readonly<Record<StageId, number | null>>;
  workingDays: RepWorkingDays;
  shortfalls: readonly Shortfall[];
  needed: Readonly<Record<StageId, StageNeed>>;
  ratios: Readonly<Record<StageId, number | null>>;
  bottleneck: Bottleneck | null;
  commitments: readonly CommitmentCheck[];
  checkIn: string | null;
  lastActivity: DateStr | null;
  idleWorkingDays: number | null;
  /** Declining activity stages (decline.ts), top of the funnel first; absent in older callers. */
  declining?: readonly DecliningStage[];
  /** As-of, to say how long ago a decline began; needed with `declining`. */
  asOf?: DateStr;
}

/** Thresholds, with the defaults the docs describe. */
export interface DiagnosisOptions {
  /** Idle after this many working days without any event. */
  idleDays: number;
  /** Ratios resting on fewer closes than this are flagged. */
  minCloses: number;
}

/** 5 idle working days; 3 closes for trustworthy ratios. */
export const DEFAULT_DIAGNOSIS_OPTIONS: DiagnosisOptions = { idleDays: 5, minCloses: 3 };

const pct = (x: number) => `${Math.round(x * 100)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const one = (x: number) => x.toFixed(1);
/** A goal as written: whole numbers plain, a share of a goal with one decimal ("2.5"). */
const goalNumber = (x: number) => (Number.isInteger(x) ? int(x) : one(x));

/** `n label`, with a plural label made singular for 1 the simple way ("1 close", "1 appt set"). */
export function countText(n: number, label: string): string {
  if (n !== 1) return `${goalNumber(n)} ${label}`;
  const words = label.split(' ');
  const at = words[words.length - 1].endsWith('s') ? words.length - 1 : words[0].endsWith('s') ? 0 : -1;
  if (at >= 0) words[at] = words[at].slice(0, -1);
  return `1 ${words.join(' ')}`;
}

/** Every diagnosis that holds for the rep, in the order of DIAGNOSES. */
export function diagnose(
  input: DiagnosisInput,
  labels: Readonly<Record<StageId, string>>,
  options: DiagnosisOptions = DEFAULT_DIAGNOSIS_OPTIONS,
): Diagnosis[] {
  const stages = Object.keys(labels);
  const closeStage = stages[stages.length - 1];
  const label = (s: StageId) => (labels[s] ?? s).toLowerCase();
  const common: Record<string, string> = {
    name: input.rep,
    first: input.rep.split(' ')[0],
    goal: input.goal === null ? 'no goal' : goalNumber(input.goal),
    goalText: input.goal === null ? 'no goal' : countText(input.goal, label(closeStage)),
    closes: int(input.closesDone),
    closeLabel: label(closeStage),
    status: input.status.replace('_', ' '),
    probability: input.probability === null ? 'unknown' : pct(input.probability),
    daysLeft: int(input.workingDays.left),
  };
  const found = new Map<DiagnosisId, Record<string, string>>();
  const about = new Map<DiagnosisId, StageId>();
  const isIdle = input.idleWorkingDays === null || input.idleWorkingDays >= options.idleDays;
  const hasReachedGoal = input.goal !== null && input.closesDone >= input.goal;

  if (isIdle) {
    const days = input.idleWorkingDays ?? 0;
    found.set('idle', {
      idleDays: int(days),
      lastActivity: input.lastActivity ?? 'never',
      since: input.lastActivity === null ? 'at all' : `since ${input.lastActivity} (${days} working ${days === 1 ? 'day' : 'days'})`,
    });
  }
  // Top of the funnel first: the earliest stage behind pace leads, as in the report.
  const shortfall = input.shortfalls[0];
  if (shortfall && !hasReachedGoal) {
    const need = input.needed[shortfall.stage];
    const perClose = input.ratios[shortfall.stage];
    about.set('activity_shortfall', shortfall.stage);
    found.set('activity_shortfall', {
      stage: label(shortfall.stage),
      required: int(shortfall.required),
      projected: int(Math.floor(shortfall.projected)),
      gap: int(shortfall.gap),
      remaining: int(need?.remaining ?? 0),
      perDay: need?.perWorkingDay === null || need?.perWorkingDay === undefined ? 'all of it' : one(need.perWorkingDay),
      perClose: perClose === null || perClose === undefined ? '–' : one(perClose),
    });
  }
  // The top declining stage: what changed is the question, whatever the pace.
  const decline = input.declining?.[0];
  if (decline) {
    about.set('activity_decline', decline.stage);
    found.set('activity_decline', {
      stage: label(decline.stage),
      before: perDay(decline.before, decline.before),
      after: perDay(decline.after, decline.before),
      since: decline.since,
      weeksAgo: input.asOf ? weeksAgo(decline.since, input.asOf) : `since ${decline.since}`,
      drop: decline.before > 0 ? pct(1 - decline.after / decline.before) : '–',
    });
  }
  // The miss that is largest against what was promised to date.
  const missed = input.commitments
    .filter((c) => !c.isMet)
    .sort((a, b) => b.shortBy / b.expected - a.shortBy / a.expected)[0];
  if (missed) {
    about.set('commitment_missed', missed.stage);
    found.set('commitment_missed', {
      stage: label(missed.stage),
      committed: int(missed.committed),
      per: missed.per === 'week' ? 'a week' : 'this period',
      actual: int(missed.actual),
      expected: int(missed.expected),
      shortBy: int(missed.shortBy),
    });
  }
  if (input.bottleneck) {
    const b = input.bottleneck;
    about.set('conversion_gap', b.to);
    found.set('conversion_gap', {
      from: label(b.from),
      to: label(b.to),
      rate: pct(b.rate),
      teamRate: pct(b.teamRate),
      low: pct(b.low),
      high: pct(b.high),
    });
  }
  if (input.closesInLookback < options.minCloses) {
    found.set('too_little_history', { lookbackCloses: int(input.closesInLookback), minCloses: int(options.minCloses) });
  }
  if (input.goal === null) found.set('no_goal', {});
  if (hasReachedGoal) found.set('goal_reached', {});
  // Reached, but this period's activity is worth less than the goal: next period's closes come from it.
  const thin = hasReachedGoal ? thinnestStage(input, stages.slice(0, -1)) : null;
  if (thin) {
    about.set('next_period_pipeline', thin.stage);
    found.set('next_period_pipeline', {
      stage: label(thin.stage),
      worth: one(thin.worth),
      perClose: one(input.ratios[thin.stage] ?? 0),
      projected: int(Math.floor(input.needed[thin.stage]?.projected ?? 0)),
    });
  }
  else if (input.goal !== null && input.status === 'on_track' && !isIdle) found.set('on_track', {});
  if (input.commitments.length === 0) found.set('no_commitment', { checkIn: input.checkIn ?? 'not recorded' });

  return DIAGNOSES.filter((id) => found.has(id)).map((id) => {
    const stage = about.get(id);
    // Object.assign, not a spread of the two: in Node 20 spreading objects of varying shapes
    // left garbage that only a full collection frees, a few KB a rep.
    return { id, ...(stage === undefined ? {} : { stage }), vars: Object.assign({}, common, found.get(id)) };
  });
}

/** The activity stage whose projected activity is worth the fewest closes, when that is below the goal. */
function thinnestStage(input: DiagnosisInput, stages: readonly StageId[]): { stage: StageId; worth: number } | null {
  let thinnest: { stage: StageId; worth: number } | null = null;
  for (const stage of stages) {
    const worth = input.activityWorth?.[stage];
    if (worth === null || worth === undefined || input.goal === null || worth >= input.goal) continue;
    if (thinnest === null || worth < thinnest.worth) thinnest = { stage, worth };
  }
  return thinnest;
}

/** A rate per day in a sentence, both of a pair alike: whole when the larger is 10 or more (`17 to 7`), else one decimal (`5.4 to 3.7`). */
function perDay(x: number, larger: number): string {
  return larger >= 10 ? int(x) : one(x);
}

const SMALL = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** `this week`, `last week`, `two weeks ago`, … counted from the week holding `since` to the week holding as-of (days apart ÷ 7). */
export function weeksAgo(since: DateStr, asOf: DateStr): string {
  const days = Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000);
  const weeks = Math.floor(days / 7);
  if (weeks <= 0) return 'this week';
  if (weeks === 1) return 'last week';
  return `${SMALL[weeks] ?? String(weeks)} weeks ago`;
}
