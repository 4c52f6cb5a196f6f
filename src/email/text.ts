import { int } from '../report/format.js';
import { PLAIN, viewFactsText, viewPartsText } from '../report/report-table.js';
import { repView } from '../report/rep-view.js';
import { teamView } from '../report/team-view.js';
import type { View } from '../report/view.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { type CommitmentDue, type Digest, type RepDigest, type StageChange } from './digest.js';

// The plain-text part of the e-mail: the same content as the HTML part, for clients that show
// text only and for reading in a terminal.

/** Columns padded with spaces: the first left-aligned, the rest right-aligned. */
export function columns(head: string[], rows: string[][], indent = '  '): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const pad = (s: string, w: number, isLeft: boolean) => {
    const fill = ' '.repeat(Math.max(0, w - [...s].length));
    return isLeft ? s + fill : fill + s;
  };
  return all.map((r) => indent + r.map((c, i) => pad(c ?? '', widths[i], i === 0)).join('  ').trimEnd()).join('\n');
}

/** `+8%`, `-12%`, `±0%`, or `new` when last week had none. */
export function changeText(c: StageChange): string {
  if (c.change === null) return c.thisWeek > 0 ? 'new' : '–';
  const p = Math.round(c.change * 100);
  return p === 0 ? '±0%' : p > 0 ? `+${p}%` : `${p}%`;
}

/** `Mon 2026-11-16 to Wed 2026-11-18` style description of the compared days. */
export function weekSpan(d: Digest): string {
  const w = d.week;
  return w.isPartial
    ? `${w.start} to ${w.end}, against ${w.previousStart} to ${w.previousEnd}`
    : `week of ${w.start}, against the week of ${w.previousStart}`;
}

function changeTable(changes: StageChange[]): string {
  return columns(['Stage', 'This week', 'Last week', 'Change'], changes.map((c) => [c.label, int(c.thisWeek), int(c.lastWeek), changeText(c)]));
}

/** `6 appts kept a week: 6 done this period, 16 due by now (10 short)`; per week: `… 41 done this week (19 to go)`. */
export function commitmentText(c: CommitmentDue): string {
  const promise = `${int(c.committed)} ${c.label.toLowerCase()} a ${c.per}`;
  if (c.over === 'this week') return `${promise}: ${int(c.actual)} done this week (${c.shortBy === 0 ? 'kept' : `${int(c.shortBy)} to go`})`;
  return `${promise}: ${int(c.actual)} done this period, ${int(c.due)} due by now (${c.shortBy === 0 ? 'on track' : `${int(c.shortBy)} short`})`;
}

/** The lines above every digest: the subject, then the report's facts (period, working days, input, warnings). */
function header(view: View, subject: string): string[] {
  return [subject, '', ...viewFactsText(view, PLAIN), ''];
}

function commitmentsDue(d: Digest): string[] {
  const committed = d.reps.filter((r) => r.commitments.length > 0);
  if (committed.length === 0) return [];
  return ['Commitments due', ...committed.flatMap((r) => r.commitments.map((c) => `  ${r.rep}: ${commitmentText(c)}`)), ''];
}

/** The team digest as text: the week against the last, then the team view of the report. */
export function renderTeamText(d: Digest, subject: string): string {
  const view = teamView(d.report);
  const out = header(view, subject);
  out.push(`This week vs last week (${weekSpan(d)})`, changeTable(d.team.changes), '');
  out.push(...commitmentsDue(d));
  out.push(...viewPartsText(view, PLAIN), '');
  out.push('-- ', 'Sent by funnel.');
  return `${out.join('\n')}\n`;
}

/** One rep's own digest as text: their 1:1 view written to them, never their colleagues' numbers. */
export function renderRepText(d: Digest, r: RepDigest, doc: ReportDocument, entry: RepEntry, subject: string): string {
  const view = repView({ ...doc, reps: [entry] }, 'rep');
  const out = header(view, subject);
  out.push(`This week vs last week (${weekSpan(d)})`, changeTable(r.changes), '');
  out.push(...viewPartsText(view, PLAIN), '');
  out.push('-- ', 'Sent by funnel.');
  return `${out.join('\n')}\n`;
}
