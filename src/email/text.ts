import { dec, int } from '../report/format.js';
import { goalNumber, percent, remainingText } from '../report/words.js';
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

function attainmentLine(d: Digest, r: RepDigest): string {
  const close = d.closeLabel.toLowerCase();
  if (r.goal === null) return `${int(r.closes)} ${close}; no goal set.`;
  const of = `${int(r.closes)} of ${r.goalText.replace(/^goal /, '')} (${percent(r.attainment)})`;
  if (r.status === 'reached') return `${of}: the goal is reached.`;
  return `${of}, ${int(r.gap)} to go; on pace for ${int(r.projectedCloses)}.`;
}

function header(d: Digest, title: string): string[] {
  const p = d.period;
  const lines = [title, `Period ${p.label} (${p.start} to ${p.end}), as of ${d.asOf}; ${p.workingDaysLeft} of ${p.workingDays} working days left.`];
  if (d.goalNote) lines.push(`Goals for ${p.label} are ${d.goalNote} (by working days).`);
  for (const w of d.warnings) lines.push(`Warning: ${w}`);
  return [...lines, ''];
}

/** The team digest as text. */
export function renderTeamText(d: Digest, subject: string): string {
  const out = header(d, subject);
  const att = d.team.attainment;
  if (att) out.push(`Team: ${int(att.done)} of ${goalNumber(att.goal)} ${d.closeLabel.toLowerCase()} (${percent(att.share)}), ${goalNumber(Math.max(0, att.goal - att.done))} to go.`, '');
  out.push(`This week vs last week (${weekSpan(d)})`, changeTable(d.team.changes), '');
  const rows = d.reps.map((r) => [
    r.rep, int(r.closes), r.goal === null ? '–' : goalNumber(r.goal), percent(r.attainment), int(r.gap), int(r.projectedCloses),
    r.statusText,
  ]);
  out.push('Attainment', columns(['Rep', d.closeLabel, 'Goal', 'Attained', 'To go', 'On pace for', 'Status'], rows), '');
  const behind = d.reps.filter((r) => r.shortfall);
  if (behind.length > 0) {
    out.push('Behind pace');
    for (const r of behind) out.push(`  ${r.status === 'critical' ? '▼' : '▲'} ${r.rep}: ${r.shortfall}`);
    out.push('');
  }
  const committed = d.reps.filter((r) => r.commitments.length > 0);
  if (committed.length > 0) {
    out.push('Commitments due');
    for (const r of committed) for (const c of r.commitments) out.push(`  ${r.rep}: ${commitmentText(c)}`);
    out.push('');
  }
  const prompted = d.reps.filter((r) => r.prompts.length > 0);
  if (prompted.length > 0) {
    out.push('For the next 1:1');
    for (const r of prompted) {
      out.push(`  ${r.rep}`);
      for (const p of r.prompts) out.push(`    - ${p}`);
    }
    out.push('');
  }
  out.push('-- ', 'Sent by funnel.');
  return `${out.join('\n')}\n`;
}

/** One rep's own digest as text: their numbers only, never their colleagues'. */
export function renderRepText(d: Digest, r: RepDigest, doc: ReportDocument, entry: RepEntry, subject: string): string {
  const out = header(d, subject);
  out.push(attainmentLine(d, r));
  if (r.shortfall) out.push(`${r.status === 'critical' ? '▼' : '▲'} ${r.shortfall}.`);
  out.push(...r.notes);
  out.push('', `This week vs last week (${weekSpan(d)})`, changeTable(r.changes), '');
  const rows = doc.stages.map((s) => {
    const need = entry.needed[s.id];
    return [s.label, int(entry.counts[s.id]), int(need?.required), remainingText(need), dec(entry.ratios[s.id]), dec(doc.team.ratios[s.id])];
  });
  out.push(`This period (${d.period.label})`, columns(['Stage', 'Done', 'Needed', 'Left (per day)', 'Per close', 'Team'], rows), '');
  if (r.commitments.length > 0) {
    out.push('Commitments due');
    for (const c of r.commitments) out.push(`  ${commitmentText(c)}`);
    out.push('');
  }
  if (r.prompts.length > 0) {
    out.push('For your next 1:1');
    for (const p of r.prompts) out.push(`  - ${p}`);
    out.push('');
  }
  out.push('-- ', 'Sent by funnel.');
  return `${out.join('\n')}\n`;
}
