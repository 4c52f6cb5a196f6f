import type { StageNeed } from '../engine/model.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { dec, int, plural } from './format.js';

// Plain-language pieces shared by the markdown, HTML and e-mail renderers (no markup, no colour).

export const STATUS_TEXT = { on_track: 'on track', behind: 'behind', critical: 'critical' } as const;

/** `on track`, `behind`, `critical`, or `no goal` when the rep has none. */
export function statusWord(rep: RepEntry): string {
  return rep.goal === null ? 'no goal' : STATUS_TEXT[rep.status];
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

/** What remains of a stage: `400 (57.1/day)`, `done`, or `–` without a goal. */
export function remainingText(need: StageNeed | undefined): string {
  if (!need || need.remaining === null) return '–';
  if (need.remaining === 0) return 'done';
  return `${int(need.remaining)} (${dec(need.perWorkingDay)}/day)`;
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
  const behind = withGoal.filter((r) => r.status !== 'on_track');
  const critical = behind.filter((r) => r.status === 'critical').length;
  if (withGoal.length === 0) return 'no rep has a goal';
  if (behind.length === 0) return withGoal.length === 1 ? '1 rep with a goal, on pace' : `all ${withGoal.length} reps on pace`;
  return `${behind.length} of ${plural(withGoal.length, 'rep')} behind pace${critical > 0 ? ` (${critical} critical)` : ''}`;
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

/** A share as a whole percentage: `76%`; '–' for null. */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '–' : `${Math.round(share * 100)}%`;
}

/** Header facts: `2026-11-01 to 2026-11-30, as of 2026-11-18` and the working days. */
export function periodLine(doc: { asOf: string; period: ReportDocument['period'] }): string {
  const p = doc.period;
  return `${p.start} to ${p.end}, as of ${doc.asOf}; ${plural(p.workingDays, 'working day')}: ${p.workingDaysElapsed} done, ${p.workingDaysLeft} left`;
}

/** Input accounting in one line. */
export function inputLine(doc: ReportDocument): string {
  const inp = doc.input;
  let line = `${plural(inp.rows, 'row')} in ${plural(inp.files.length, 'file')}: ${int(inp.used)} used, ${int(inp.ignored)} ignored, ${int(inp.rejected)} rejected`;
  if (inp.duplicates > 0) line += `; ${plural(inp.duplicates, 'duplicate event')} dropped`;
  return line;
}

/** `+12%`, `−30%`, `0%`, '' for null: a change as a signed whole percentage (real minus sign). */
export function signedPercent(x: number | null): string {
  if (x === null) return '';
  const n = Math.round(x * 100);
  return n > 0 ? `+${n}%` : n < 0 ? `−${-n}%` : '0%';
}

/** `+3.1pt`, `−12.0pt`, '' for null: a change given in percentage points. */
export function signedPoints(x: number | null): string {
  if (x === null) return '';
  const v = Math.round(x * 10) / 10;
  return v > 0 ? `+${v.toFixed(1)}pt` : v < 0 ? `−${(-v).toFixed(1)}pt` : '0.0pt';
}
