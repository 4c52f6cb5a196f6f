import { DEFAULT_LABELS } from '../engine/model.js';
import type { RepTrend, TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { ReportDocument } from '../model/report.js';
import type { FormatRenderers } from './registry.js';
import { dec, int, percent, plural, shortLabel, signedPercent, signedPoints } from './format.js';
import { repView } from './rep-view.js';
import { teamView } from './team-view.js';
import { cellText, type Block, type CellLike, type Line, type Section, type View } from './view.js';
import { neededNotes, neededTitle, trendOddRates } from './words.js';

// GitHub-flavoured markdown: pipe tables, for pasting into docs, tickets and chat.

/**
 * Escapes text for a markdown table cell or paragraph: `|` and backticks (which would end a
 * cell or open code), the emphasis and link characters, `<` `>` (inline HTML) and the backslash
 * itself; line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');
}

/** A pipe table; `align` per column: 'l' or 'r'. Cells are escaped here. */
export function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const rule = `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

const e = escapeMarkdown;

export interface MarkdownReportOptions {
  /** The `--rep` view: a section per rep with every stage in detail. */
  isDetail?: boolean;
}

function cellMd(c: CellLike): string {
  return typeof c === 'string' ? c : `${c.text}${c.mark ? ` ${c.mark}` : ''}`;
}

function lineMd(l: Line): string {
  return `${l.mark ? `${l.mark} ` : ''}${l.lead ? `**${e(l.lead)}**: ` : ''}${e(l.text)}`;
}

function blockMd(b: Block): string[] {
  if (b.kind === 'table') {
    const left = b.leftColumns ?? 1;
    const rows = (b.total ? [...b.rows, b.total] : b.rows).map((r) => r.map(cellMd));
    return [mdTable(b.head, rows, b.head.map((_, i) => (i < left ? 'l' : 'r'))), ''];
  }
  const out = b.title ? [`**${e(b.title)}**`, ''] : [];
  if (b.list === 'numbered') out.push(...b.lines.map((l, i) => `${i + 1}. ${lineMd(l)}`), '');
  else if (b.list === 'bullets') out.push(...b.lines.map((l) => `- ${lineMd(l)}`), '');
  else for (const l of b.lines) out.push(lineMd(l), '');
  return out;
}

function sectionMd(s: Section, level: string): string[] {
  return [`${level} ${e(s.title)}`, '', ...(s.note ? [`_${e(s.note)}_`, ''] : []), ...s.blocks.flatMap(blockMd)];
}

/** A view (team or 1:1) as markdown: `#` title, `##` sections, or `##` per rep with `###` sections. */
export function renderViewMarkdown(view: View): string {
  const out: string[] = [`# ${e(view.title)}`, ''];
  for (const f of view.facts) out.push(f.text.startsWith('Warning: ') ? `> **Warning:** ${e(f.text.slice(9))}` : lineMd(f), '');
  for (const part of view.parts) {
    const level = part.heading ? '###' : '##';
    if (part.heading) {
      out.push(`## ${e(part.heading.name)}`, '', e(part.heading.items.map(cellText).join(' · ')), '');
    }
    for (const f of part.facts) out.push(lineMd(f), '');
    for (const s of part.sections) out.push(...sectionMd(s, level));
    for (const l of part.closing) out.push(lineMd(l), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** `funnel report` as markdown. */
export function renderReportMarkdown(doc: ReportDocument, options: MarkdownReportOptions = {}): string {
  return renderViewMarkdown(options.isDetail ? repView(doc) : teamView(doc));
}

/** `funnel needed` as markdown. */
export function renderNeededMarkdown(doc: NeededDocument): string {
  const p = doc.period;
  const [title, from] = neededTitle(doc).split(`, as of ${doc.asOf}, `);
  const out = [
    `# ${e(title)}`,
    '',
    `As of ${doc.asOf}, ${e(from)}. ${plural(p.workingDaysLeft, 'working day')} left of ${p.workingDays} (${p.start} to ${p.end}).`,
    '',
    mdTable(
      ['Stage', 'Per close', 'Needed', 'Done', 'Left', 'Per day', 'Per week'],
      doc.stages.map((s) => [s.label, dec(s.perClose), int(s.required), int(s.done), int(s.remaining), dec(s.perWorkingDay), dec(s.perWeek)]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ];
  if (doc.stages.some((s) => s.perClose === null)) out.push('', '– : no ratio yet (no closes in the lookback): nothing to plan from.');
  if (p.workingDaysLeft === 0) out.push('', 'No working days left in the period: per-day numbers are not defined.');
  for (const note of neededNotes(doc)) out.push('', e(note));
  return `${out.join('\n')}\n`;
}

/** `funnel inspect` as markdown: a summary table, then each file's details and rejected rows. */
export function renderInspectMarkdown(doc: InspectDocument): string {
  const out = ['# Input files', '', `Config: ${doc.config ? `\`${doc.config.replace(/`/g, "'")}\`` : 'none'}`, ''];
  out.push(
    mdTable(
      ['File', 'Format', 'Encoding', 'Read by', 'Rows', 'Used', 'Ignored', 'Rejected', 'Dates'],
      doc.files.map((f) => [
        f.path, f.format, f.encoding, f.source ? `${f.source}${f.preset ? ` (${f.preset})` : ''}` : 'no source',
        int(f.rows), int(f.used), int(f.ignored), int(f.rejected), f.dateRange ? `${f.dateRange.start} to ${f.dateRange.end}` : '–',
      ]),
      ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  for (const f of doc.files) {
    out.push('', `## ${e(f.path)}`, '');
    out.push(`- Stages: ${e(f.stages.join(', ') || 'none')}`);
    out.push(`- Headers (${f.headers.length}): ${e(f.headers.join(', ') || '–')}`);
    if (f.reps.length > 0) out.push(`- Reps (${f.reps.length}): ${e(f.reps.join(', '))}`);
    for (const w of f.warnings) out.push(`- Warning: ${e(w)}`);
    if (f.rejects.length > 0) {
      out.push('', mdTable(['Line', 'Reason'], f.rejects.map((r) => [String(r.line), r.reason]), ['r', 'l']));
      if (f.rejected > f.rejects.length) out.push('', `… and ${plural(f.rejected - f.rejects.length, 'more')}.`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `funnel trend` as markdown: a table per rep, then the team. */
export function renderTrendMarkdown(doc: TrendReport): string {
  const first = doc.weeks[0];
  const last = doc.weeks[doc.weeks.length - 1];
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const short = (id: string) => {
    const stage = doc.stages.find((s) => s.id === id);
    return stage ? shortLabel(stage, DEFAULT_LABELS) : id;
  };
  const head = ['Stage', ...doc.weeks.map((w) => (w.isPartial ? `${w.label}*` : w.label)), 'Trend', 'WoW', ''];
  const align: ('l' | 'r')[] = ['l', ...doc.weeks.map(() => 'r' as const), 'l', 'r', 'l'];
  const block = (rep: RepTrend, title: string) => {
    const rows = rep.stages.map((s) => [label(s.stage), ...s.counts.map((n) => int(n)), s.sparkline, signedPercent(s.change), s.isDeclining ? '▼ declining' : '']);
    for (const c of rep.conversion) {
      rows.push([`${short(c.from)} → ${short(c.to)}`, ...c.rates.map((r) => percent(r)), c.sparkline, signedPoints(c.change), '']);
    }
    const declining = rep.declining.length > 0 ? ` (declining: ${e(rep.declining.map((s) => label(s).toLowerCase()).join(', '))})` : '';
    return [`## ${e(title)}${declining}`, '', mdTable(head, rows, align), ''];
  };
  const out = [
    `# Trend: ${plural(doc.weeks.length, 'week')}, ${e(first.label)} to ${e(last.label)}`,
    '',
    `${first.start} to ${last.isPartial ? doc.asOf : last.end}, as of ${doc.asOf}. ${last.isPartial ? '\\* week so far. ' : ''}Trend: one bar a week, activity per working day. WoW: last complete week against the one before.`,
    '',
  ];
  if (doc.reps.length === 0) out.push('No reps: no events in these weeks, and none named in the config or targets.', '');
  for (const rep of doc.reps) out.push(...block(rep, rep.rep));
  out.push(...block(doc.team, 'Team'));
  for (const line of trendOddRates(doc)) out.push(e(line), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** `--format markdown`: GitHub-flavoured, for notes, tickets and chat. */
export const markdownFormat: FormatRenderers = {
  extension: 'md',
  report: (doc, o) => renderReportMarkdown(doc, { isDetail: o.isDetail }),
  needed: (doc) => renderNeededMarkdown(doc),
  inspect: (doc) => renderInspectMarkdown(doc),
  trend: (doc) => renderTrendMarkdown(doc),
};
