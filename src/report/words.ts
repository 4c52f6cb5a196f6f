import { countText } from '../engine/coaching/diagnosis.js';
import type { Cycle, NextPeriodPlan } from '../engine/cycle.js';
import type { GoalPart } from '../engine/goals.js';
import type { NeededDocument } from '../model/needed.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { dec, int, percent, plural, signedPercent } from './format.js';

// Plain-language pieces shared by the markdown, HTML and e-mail renderers (no markup, no colour).

export const STATUS_TEXT = { reached: 'reached', on_track: 'on track', behind: 'behind', critical: 'critical' } as const;

/** A status as a phrase in a sentence or subject: `goal reached`, `on pace`, `behind pace`, `far behind pace`. */
export const STATUS_PHRASE: Record<string, string> = { reached: 'goal reached', on_track: 'on pace', behind: 'behind pace', critical: 'far behind pace' };

/** `reached +1`, `on track`, `behind`, `critical`, or `no goal` when the rep has none; `closeStage` is the goal stage. */
export function statusWord(rep: RepEntry, closeStage: string): string {
  if (rep.goal === null) return 'no goal';
  if (rep.status !== 'reached') return STATUS_TEXT[rep.status] ?? rep.status;
  const over = closesOver(rep, closeStage);
  return over > 0 ? `reached +${goalNumber(over)}` : 'reached';
}

/** Closes of the period (the goal stage's count) above the goal, to one decimal; 0 at or without a goal. */
export function closesOver(rep: RepEntry, closeStage: string): number {
  return rep.goal === null ? 0 : Math.max(0, Math.round(((rep.counts[closeStage] ?? 0) - rep.goal) * 10) / 10);
}

/** A goal as written: whole numbers plain, a share of a goal with at most one decimal ("2.5"). */
export function goalNumber(x: number): string {
  const rounded = Math.round(x * 10) / 10;
  return Number.isInteger(rounded) ? int(rounded) : dec(rounded);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A goal period's name in a sentence: `November` for 2026-11, `Q4` for 2026-Q4, `W47` for 2026-W47. */
export function goalPeriodName(label: string): string {
  const month = /^\d{4}-(\d{2})$/.exec(label);
  if (month) return MONTHS[Number(month[1]) - 1] ?? label;
  const short = /^\d{4}-([QW]\d+)$/i.exec(label);
  return short ? short[1].toUpperCase() : label;
}

const FRACTIONS: Record<string, string> = { '1/2': 'half of', '1/3': 'a third of', '2/3': 'two thirds of', '1/4': 'a quarter of', '3/4': 'three quarters of' };

/** `a quarter of`, `half of`, `7/20 of`; '' for the whole. */
function shareWords(part: number, whole: number): string {
  if (part === whole) return '';
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(part, whole) || 1;
  const key = `${part / d}/${whole / d}`;
  return FRACTIONS[key] ?? `${part}/${whole} of`;
}

/**
 * How the goal for the period was arrived at, when it is not simply one goal period's goal:
 * `a quarter of November's 10`, `3/20 of November's 10 + 2/22 of December's 12`. Null otherwise.
 */
export function goalBasis(rep: { goal: number | null; goalParts?: GoalPart[] }): string | null {
  const parts = rep.goalParts ?? [];
  if (rep.goal === null || parts.length === 0) return null;
  if (parts.length === 1 && parts[0].sharedWorkingDays === parts[0].workingDays) return null;
  return parts
    .map((p) => {
      const name = goalPeriodName(p.label);
      if (p.goal === null) return `no goal for ${name}`;
      const share = shareWords(p.sharedWorkingDays, p.workingDays);
      return `${share ? `${share} ` : ''}${name}'s ${goalNumber(p.goal)}`;
    })
    .join(' + ');
}

/**
 * The share of the goal periods the reported period takes, the same for every rep: `a quarter of
 * November's goal`, `3/20 of November's and 2/22 of December's goals`; null when it is one whole goal period.
 */
export function goalShareNote(doc: ReportDocument): string | null {
  const rep = doc.reps.find((r) => r.goal !== null && goalBasis(r) !== null);
  if (!rep) return null;
  const parts = rep.goalParts.map((p) => {
    const share = shareWords(p.sharedWorkingDays, p.workingDays);
    return `${share ? `${share} ` : ''}${goalPeriodName(p.label)}'s`;
  });
  return `${parts.join(' and ')} ${parts.length === 1 ? 'goal' : 'goals'}`;
}

/** `goal 2.5 closes: a quarter of November's 10`, `goal 4 closes`, or `no goal set`. */
export function goalPhrase(rep: RepEntry, closeLabel: string): string {
  if (rep.goal === null) return 'no goal set';
  const basis = goalBasis(rep);
  return `goal ${countText(rep.goal, closeLabel)}${basis ? `: ${basis}` : ''}`;
}

/** The activity stage whose projected activity is worth the fewest closes, with that worth. */
export function weakestWorth(doc: ReportDocument, rep: RepEntry): { stage: string; worth: number } | null {
  let weakest: { stage: string; worth: number } | null = null;
  for (const s of doc.stages.slice(0, -1)) {
    const worth = rep.activityWorth?.[s.id];
    if (worth === null || worth === undefined) continue;
    if (weakest === null || worth < weakest.worth) weakest = { stage: s.id, worth };
  }
  return weakest;
}

/** `1.7 dials`: the closes the weakest stage's pace is worth; '–' without a goal or ratios. */
export function worthText(doc: ReportDocument, rep: RepEntry): string {
  const w = rep.goal === null ? null : weakestWorth(doc, rep);
  return w ? `${dec(w.worth)} ${stageWord(doc, w.stage)}` : '–';
}

/** `dials worth 1.7 closes of 3`: what the rep's pace at a stage is worth against the goal. */
export function worthPhrase(doc: ReportDocument, rep: RepEntry, stage: string): string | null {
  const worth = rep.activityWorth?.[stage];
  if (worth === null || worth === undefined) return null;
  const close = doc.stages[doc.stages.length - 1].label.toLowerCase();
  return `${stageWord(doc, stage)} worth ${dec(worth)} ${close}${rep.goal === null ? '' : ` of ${goalNumber(rep.goal)}`}`;
}

/** What the cycle sentences need: the stages, the period end, whose cycle, the cycle and next period. */
export interface CycleFacts {
  stages: readonly { id: string; label: string }[];
  periodEnd: string;
  /** Working days left in the period (the rep's own). */
  daysLeft: number;
  /** The rep's name, or null for the team. */
  who: string | null;
  /** The goal is reached: only the next period's plan matters. */
  isReached?: boolean;
  cycle: Cycle | null | undefined;
  nextPeriod: NextPeriodPlan | null | undefined;
}

/**
 * The sales cycle in words, when new activity now closes after the period: what the rest of the
 * period must come from, and the next goal period's plan. Empty when unknown or when it fits.
 */
export function cycleSentences(f: CycleFacts): string[] {
  const c = f.cycle;
  // A period already over has nothing left to plan: the cycle only matters while days remain.
  if (!c || !c.landsAfterPeriod || f.daysLeft === 0) return [];
  const label = (id: string) => f.stages.find((s) => s.id === id)?.label.toLowerCase() ?? id;
  const closes = plural(c.closes, 'close');
  const whose =
    c.basis === 'rep' ? `${f.who}'s own median over ${closes}` : f.who ? `the team's median over ${closes}; ${f.who} has fewer than 3 with a created date` : `the team's median over ${closes}`;
  const days = Number.isInteger(c.medianDays) ? int(c.medianDays) : dec(c.medianDays);
  const underWay = Object.entries(c.underWay.counts).map(([stage, n]) => countText(n, label(stage)));
  const lines = [`Deals take ${days} days from creation to close (${whose}), so activity started now mostly closes after ${f.periodEnd}.`];
  if (!f.isReached) {
    lines.push(`The rest of this period's goal must come from deals already under way${underWay.length > 0 ? `: ${underWay.join(' and ')} since ${c.underWay.since}` : ''}.`);
  }
  const next = nextPeriodPhrase(f);
  if (next) lines.push(next);
  return lines;
}

/** `Plan for December, goal 10: 485 dials (22.0 a day), …; the activity for it starts now.` */
export function nextPeriodPhrase(f: Pick<CycleFacts, 'stages' | 'nextPeriod'>): string | null {
  const next = f.nextPeriod;
  if (!next) return null;
  const label = (id: string) => f.stages.find((s) => s.id === id)?.label.toLowerCase() ?? id;
  const name = goalPeriodName(next.label);
  if (next.goal === null) return `No goal is set for ${name} yet: set one to plan the activity it needs, which starts now.`;
  const goalStage = f.stages[f.stages.length - 1]?.id;
  const plan = next.stages.filter((s) => s.stage !== goalStage && s.required !== null).map((s) => `${int(s.required)} ${label(s.stage)} (${dec(s.perWorkingDay)} a day)`);
  return `Plan for ${name}, goal ${goalNumber(next.goal)}: ${plan.length > 0 ? plan.join(', ') : 'no ratios yet'}; the activity for it starts now.`;
}

/** The cycle facts of a rep of the report. */
export function repCycleFacts(doc: ReportDocument, rep: RepEntry): CycleFacts {
  return { stages: doc.stages, periodEnd: doc.period.end, daysLeft: rep.workingDays.left, who: rep.rep, isReached: rep.status === 'reached', cycle: rep.cycle, nextPeriod: rep.nextPeriod };
}

/** The title of `funnel needed`: `Needed for 2.5 closes in 2026-W46, as of 2026-11-18, from Wei Chen's ratios`. */
export function neededTitle(doc: NeededDocument): string {
  const close = doc.stages[doc.stages.length - 1];
  const whose = doc.ratiosFrom === 'rep' ? `${doc.rep}'s ratios` : doc.ratiosFrom === 'team' ? "the team's ratios and activity" : 'the ratios given';
  return `Needed for ${countText(doc.goal, close.label.toLowerCase())} in ${doc.period.label}, as of ${doc.asOf}, from ${whose}`;
}

/** Sentences under the `needed` table: the goal's basis, reached, not reachable, the cycle, warnings. */
export function neededNotes(doc: NeededDocument): string[] {
  const notes: string[] = [];
  const close = doc.stages[doc.stages.length - 1];
  const basis = goalBasis({ goal: doc.goal, goalParts: doc.goalParts });
  if (basis) notes.push(`The goal for ${doc.period.label} is ${basis}.`);
  if (doc.ratiosFrom === 'team') notes.push("The team's plan: the team's ratios and everything the team has done this period.");
  if (doc.status === 'reached') {
    notes.push(`The goal is reached: ${int(close.done)} of ${goalNumber(doc.goal)} ${close.label.toLowerCase()}. Nothing more is needed this period.`);
  }
  const beyond = doc.stages.filter((s) => s.isBeyondHistory);
  if (beyond.length > 0) {
    notes.push(
      `Not reachable by activity alone: ${beyond.map((s) => `${dec(s.perWorkingDay)} ${s.label.toLowerCase()} a day against a best week of ${dec(s.bestPerWorkingDay)}`).join('; ')}.`,
    );
  }
  notes.push(...cycleSentences({ stages: doc.stages.map((s) => ({ id: s.stage, label: s.label })), periodEnd: doc.period.end, daysLeft: doc.period.workingDaysLeft, who: doc.rep, isReached: doc.status === 'reached', cycle: doc.cycle, nextPeriod: doc.nextPeriod }));
  for (const w of doc.warnings ?? []) notes.push(`Warning: ${w.file ? `${w.file}: ` : ''}${w.message}`);
  return notes;
}

/** Stages whose per-day need is far beyond the rep's best week, in words; null when none. */
export function beyondHistoryPhrase(doc: ReportDocument, rep: RepEntry, opts: { isBrief?: boolean } = {}): string | null {
  if (!rep.beyondHistory || rep.beyondHistory.length === 0) return null;
  // Brief: the top stage only, for one line per rep in the team view.
  const items = (opts.isBrief ? rep.beyondHistory.slice(0, 1) : rep.beyondHistory).map(
    (s) => `${dec(rep.needed[s].perWorkingDay)} ${stageWord(doc, s)} a day against a best week of ${dec(rep.bestPerWorkingDay[s])}`,
  );
  return `Not reachable by activity alone: ${items.join('; ')}.`;
}

/** The input warnings as lines: `data ends …`, `file.csv: none of its rows matched a rule …`. */
export function warningLines(doc: { input: ReportDocument['input'] }): string[] {
  return (doc.input.warnings ?? []).map((w) => (w.file ? `${w.file}: ${w.message}` : w.message));
}

/** Lower-case label of a stage id. */
export function stageWord(doc: ReportDocument, id: string): string {
  return doc.stages.find((s) => s.id === id)?.label.toLowerCase() ?? id;
}

/** `▲` behind pace, `▼` far behind, or '' on pace. */
export function paceMark(rep: RepEntry, stage: string): string {
  const s = rep.shortfalls.find((x) => x.stage === stage);
  if (!s) return '';
  return s.severity === 'critical' ? '▼' : '▲';
}

/** One sentence per rep behind pace: the first stage in full (top of the funnel leads), then the others. */
export function shortfallSentence(doc: ReportDocument, rep: RepEntry): string | null {
  if (rep.shortfalls.length === 0) return null;
  const [first, ...rest] = rep.shortfalls;
  let line = `on pace for ${int(Math.floor(first.projected))} of ${int(first.required)} ${stageWord(doc, first.stage)} needed, ${int(first.gap)} short`;
  if (rest.length > 0) line += `; also behind on ${rest.map((s) => stageWord(doc, s.stage)).join(', ')}`;
  return line;
}

/** `9 of 11 reps behind pace (7 critical)`, counting reps with a goal; `all 4 reps on pace` when none is behind. */
export function paceSummary(doc: ReportDocument): string {
  const withGoal = doc.reps.filter((r) => r.goal !== null);
  const behind = withGoal.filter((r) => r.status === 'behind' || r.status === 'critical');
  const critical = behind.filter((r) => r.status === 'critical').length;
  const reached = withGoal.filter((r) => r.status === 'reached').length;
  const reachedText = reached > 0 ? `, ${reached} reached` : '';
  if (withGoal.length === 0) return 'no rep has a goal';
  if (behind.length === 0) {
    if (reached === withGoal.length) return withGoal.length === 1 ? '1 rep with a goal, reached' : `all ${withGoal.length} reps reached their goal`;
    return withGoal.length === 1 ? '1 rep with a goal, on pace' : `all ${withGoal.length} reps on pace${reachedText}`;
  }
  return `${behind.length} of ${plural(withGoal.length, 'rep')} behind pace${critical > 0 ? ` (${critical} critical)` : ''}${reachedText}`;
}

/** Closes done against the sum of goals, for reps with a goal. */
export function teamAttainment(doc: ReportDocument): { done: number; goal: number; share: number | null } | null {
  const close = doc.stages[doc.stages.length - 1].id;
  const withGoal = doc.reps.filter((r) => r.goal !== null);
  if (withGoal.length === 0) return null;
  const goal = withGoal.reduce((n, r) => n + (r.goal ?? 0), 0);
  const done = withGoal.reduce((n, r) => n + (r.counts[close] ?? 0), 0);
  return { done, goal, share: goal > 0 ? done / goal : null };
}

/** Input accounting in one line. */
export function inputLine(doc: ReportDocument): string {
  const inp = doc.input;
  let line = `${plural(inp.rows, 'row')} in ${plural(inp.files.length, 'file')}: ${int(inp.used)} used, ${int(inp.ignored)} ignored, ${int(inp.rejected)} rejected`;
  if (inp.duplicates > 0) line += `; ${plural(inp.duplicates, 'duplicate event')} dropped`;
  return line;
}

/** A per-day rate pair alike: whole when the larger is 10 or more (`17 → 7`), else one decimal (`5.4 → 3.7`). */
function perDayPair(before: number, after: number): [string, string] {
  const f = (x: number) => (Math.max(before, after) >= 10 ? int(x) : dec(x));
  return [f(before), f(after)];
}

/** `dials 17 → 7 a working day since 2026-11-02 (−59%)`, one per declining stage. */
export function declineItems(doc: Pick<ReportDocument, 'stages'>, rep: Pick<RepEntry, 'declining'>): string[] {
  return (rep.declining ?? []).map((d) => `${declineItem(doc, d)} a working day since ${d.since}${dropText(d)}`);
}

function declineItem(doc: Pick<ReportDocument, 'stages'>, d: RepEntry['declining'][number]): string {
  const [before, after] = perDayPair(d.before, d.after);
  const label = doc.stages.find((s) => s.id === d.stage)?.label.toLowerCase() ?? d.stage;
  return `${label} ${before} → ${after}`;
}

function dropText(d: RepEntry['declining'][number]): string {
  return d.before > 0 ? ` (${signedPercent(d.after / d.before - 1)})` : '';
}

/** One line per rep: `per working day since 2026-11-02: dials 17 → 7 (−59%), conversations 4.0 → 1.6 (−59%)`; null when nothing declines. */
export function declineBrief(doc: Pick<ReportDocument, 'stages'>, rep: Pick<RepEntry, 'declining'>): string | null {
  const all = rep.declining ?? [];
  if (all.length === 0) return null;
  const since = all[0].since;
  const items = all.map((d) => `${declineItem(doc, d)}${dropText(d)}${d.since === since ? '' : ` since ${d.since}`}`);
  return `per working day since ${since}: ${items.join(', ')}`;
}

/** What the decline rule compares, for the note under a decline. */
export const DECLINE_RULE =
  'activity per working day over complete weeks: the last 2 weeks 25 % or more under the 4 before, or 3 weeks each below the one before and 15 % down in all';

/** A conversion step's rate cannot be read against its 80 % range: above 100 %, or outside the range. */
export function isRateOutOfRange(step: { rate: number | null; low: number | null; high: number | null }): boolean {
  if (step.rate === null) return false;
  if (step.rate > 1) return true;
  return step.low !== null && step.high !== null && (step.rate < step.low - 1e-9 || step.rate > step.high + 1e-9);
}

/**
 * Why a step's rate has no range, in words: `more appts kept than set in the lookback: some were
 * set before it began`. Null when the rate reads normally.
 */
export function oddRateReason(step: { from: string; to: string; rate: number | null; low: number | null; high: number | null }, label: (id: string) => string): string | null {
  if (!isRateOutOfRange(step)) return null;
  const from = label(step.from);
  const to = label(step.to);
  return step.rate !== null && step.rate > 1
    ? `more ${to} than ${from} in the lookback: some of them come from ${from} before it began, so the rate is not a share and has no range`
    : `the rate lies outside its own 80 % range: the ${to} counted do not all come from the ${from} counted`;
}

/** The rep's chance of reaching the goal: `14%`; `–` without a goal or history; `reached` once reached. */
export function chanceText(rep: RepEntry): string {
  if (rep.goal === null) return '–';
  if (rep.status === 'reached') return 'reached';
  return percent(rep.probability ?? null);
}

/** Conversion rates above 100 % in the trend's weeks, in words; empty when none. */
export function trendOddRates(doc: { weeks: { label: string }[]; stages: { id: string; label: string }[]; reps: { rep: string; conversion: { from: string; to: string; rates: (number | null)[] }[] }[]; team: { rep: string; conversion: { from: string; to: string; rates: (number | null)[] }[] } }): string[] {
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label.toLowerCase() ?? id;
  const lines: string[] = [];
  for (const rep of [...doc.reps, doc.team]) {
    for (const c of rep.conversion) {
      const weeks = c.rates.flatMap((r, i) => (r !== null && r > 1 ? [doc.weeks[i].label] : []));
      if (weeks.length > 0) lines.push(`${rep.rep}, ${label(c.from)} → ${label(c.to)} in ${weeks.join(', ')}: more ${label(c.to)} than ${label(c.from)} that week (they come from earlier weeks), so above 100 %.`);
    }
  }
  return lines;
}
