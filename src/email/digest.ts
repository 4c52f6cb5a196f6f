import { addDaysStr } from '../engine/dates.js';
import type { Counts, StageId } from '../engine/model.js';
import type { RepEntry, RepStatus, ReportDocument } from '../model/report.js';
import type { RangeCounts } from '../model/weekly.js';
import { int } from '../report/format.js';
import { goalPhrase, goalShareNote, paceSummary, STATUS_PHRASE, statusWord, teamAttainment, warningLines } from '../report/words.js';

// The digest: what a manager (or a rep) reads on Monday morning, derived from the report
// document and the week-on-week counts. Pure: no config, no clock, no I/O.

/** The week a digest covers and the same days of the week before. */
export interface DigestWeek {
  /** ISO 8601 week number of the reference day. */
  isoWeek: number;
  start: string;
  /** The reference day: as-of, or the period's end when that comes first. */
  end: string;
  /** The week is not over on the reference day: both weeks are compared on the same days. */
  isPartial: boolean;
  previousStart: string;
  previousEnd: string;
}

/** One stage this week against last week. */
export interface StageChange {
  stage: StageId;
  label: string;
  thisWeek: number;
  lastWeek: number;
  /** (this − last) ÷ last; null when last week had none. */
  change: number | null;
}

/** A promise due, as the report's coaching gives it, or per week against this week's count. */
export interface CommitmentDue {
  stage: StageId;
  label: string;
  committed: number;
  per: string;
  actual: number;
  /** What the promise amounts to by now (this period's share), or for the whole week. */
  due: number;
  /** How far behind `due` the rep is; 0 when it is kept. */
  shortBy: number;
  /** What `actual` counts: `this week` or `this period`. */
  over: 'this week' | 'this period';
}

export interface RepDigest {
  rep: string;
  status: RepStatus;
  /** `reached +1`, `on track`, `behind`, `critical`, `no goal`. */
  statusText: string;
  /** The goal for the period reported (a share of the goal period's goal, maybe fractional). */
  goal: number | null;
  /** `goal 2.5 closes: a quarter of November's 10`, or `no goal set`. */
  goalText: string;
  closes: number;
  /** closes ÷ goal; null without a goal. */
  attainment: number | null;
  /** Closes still to go to reach the goal; null without a goal. */
  gap: number | null;
  /** Closes on pace for by the period's end; null without a goal. */
  projectedCloses: number | null;
  changes: StageChange[];
  commitments: CommitmentDue[];
  /** The prompts as written to the rep (no stage directions), for the rep's own e-mail. */
  prompts: string[];
}

export interface Digest {
  asOf: string;
  period: ReportDocument['period'];
  week: DigestWeek;
  closeLabel: string;
  /** `9 of 11 reps behind pace (7 critical)`. */
  summary: string;
  /** The goals judged by when the period is not one goal period (`a quarter of November's goal`); else null. */
  goalNote: string | null;
  /** Stale input, files that matched no rule. */
  warnings: string[];
  team: { changes: StageChange[]; attainment: ReturnType<typeof teamAttainment> };
  reps: RepDigest[];
  /** The report the digest was built from: its team view and pictures are the digest's body. */
  report: ReportDocument;
}

function changes(doc: ReportDocument, now: Counts, before: Counts): StageChange[] {
  return doc.stages.map((s) => {
    const thisWeek = now[s.id] ?? 0;
    const lastWeek = before[s.id] ?? 0;
    return { stage: s.id, label: s.label, thisWeek, lastWeek, change: lastWeek > 0 ? (thisWeek - lastWeek) / lastWeek : null };
  });
}

/** The rep's promises as the report's coaching checked them, up to the reference day. */
function commitmentsOf(doc: ReportDocument, rep: RepEntry): CommitmentDue[] {
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  return rep.commitments.map((c) => {
    const due = Math.ceil(c.expected - 1e-9);
    return { stage: c.stage, label: label(c.stage), committed: c.committed, per: c.per, actual: c.actual, due, shortBy: c.shortBy, over: 'this period' as const };
  });
}

/** Builds the digest of a report; `reps` in the result follow the report's order. */
export function buildDigest(input: {
  report: ReportDocument;
  week: DigestWeek;
  thisWeek: RangeCounts;
  lastWeek: RangeCounts;
}): Digest {
  const { report: doc, thisWeek, lastWeek } = input;
  const close = doc.stages[doc.stages.length - 1];
  const reps = doc.reps.map((rep): RepDigest => {
    const closes = rep.counts[close.id] ?? 0;
    const projected = rep.needed[close.id]?.projected ?? null;
    const now = thisWeek.reps[rep.rep] ?? {};
    return {
      rep: rep.rep,
      status: rep.status,
      statusText: statusWord(rep, close.id),
      goal: rep.goal,
      goalText: goalPhrase(rep, close.label.toLowerCase()),
      closes,
      attainment: rep.goal ? closes / rep.goal : null,
      gap: rep.goal === null ? null : Math.max(0, Math.ceil(rep.goal - closes - 1e-9)),
      projectedCloses: rep.goal === null || projected === null ? null : Math.floor(projected),
      changes: changes(doc, now, lastWeek.reps[rep.rep] ?? {}),
      commitments: commitmentsOf(doc, rep),
      prompts: rep.prompts.map((p) => p.repText ?? p.text),
    };
  });
  return {
    asOf: doc.asOf,
    period: doc.period,
    week: input.week,
    closeLabel: close.label,
    summary: paceSummary(doc),
    goalNote: goalShareNote(doc),
    warnings: warningLines(doc),
    team: { changes: changes(doc, thisWeek.team, lastWeek.team), attainment: teamAttainment(doc) },
    reps,
    report: doc,
  };
}


/** `Week 47` for a one-week period, else `Week 47 (2026-11)`. */
export function weekTitle(digest: Pick<Digest, 'week' | 'period'>): string {
  const isWeekPeriod = digest.period.start === digest.week.start && digest.period.end === addDaysStr(digest.period.start, 6);
  return isWeekPeriod ? `Week ${digest.week.isoWeek}` : `Week ${digest.week.isoWeek} (${digest.period.label})`;
}

/** The team digest's subject: `Week 47: 3 of 9 reps behind pace`, with the goals it judges by when they are a share. */
export function teamSubject(digest: Digest): string {
  return `${weekTitle(digest)}: ${digest.summary}${digest.goalNote ? ` (${digest.goalNote})` : ''}`;
}

/** A rep's subject: `Week 47: Jane Doe, behind pace (5 of 8 closes)`, `… goal reached (3 of 2.5 closes: a quarter of November's 10)`. */
export function repSubject(digest: Digest, rep: RepDigest): string {
  const close = digest.closeLabel.toLowerCase();
  if (rep.goal === null) return `${weekTitle(digest)}: ${rep.rep}, no goal set (${rep.closes} ${close})`;
  const status = STATUS_PHRASE[rep.status] ?? rep.status;
  return `${weekTitle(digest)}: ${rep.rep}, ${status} (${int(rep.closes)} of ${rep.goalText.replace(/^goal /, '')})`;
}
