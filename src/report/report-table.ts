import { Chalk, type ChalkInstance } from 'chalk';
import type { ReportDocument } from '../model/report.js';
import { repView } from './rep-view.js';
import { table } from './table.js';
import { teamView } from './team-view.js';
import type { Block, CellLike, Line, Part, Section, Tone, View } from './view.js';

// The terminal layout of a view (team or 1:1): bold titles with a dim note, borderless tables,
// colour only where the chalk instance allows it.

const WRAP = 96;

/** No colour at all: for text that is not a terminal's (the e-mail's text part). */
export const PLAIN: ChalkInstance = new Chalk({ level: 0 });

/** Greedy word wrap to `width`, every line after the first indented by `indent`. */
export function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

function paint(text: string, tone: Tone | undefined, chalk: ChalkInstance): string {
  switch (tone) {
    case 'critical':
      return chalk.red(text);
    case 'behind':
    case 'warn':
      return chalk.yellow(text);
    case 'good':
      return chalk.green(text);
    case 'dim':
      return chalk.dim(text);
    default:
      return text;
  }
}

/** Cells with a mark get ` ▼` after the number; the others in that column two spaces, so numbers line up. */
function cells(rows: CellLike[][], chalk: ChalkInstance): string[][] {
  const marked = new Set<number>();
  for (const r of rows) r.forEach((c, i) => typeof c !== 'string' && c.mark && marked.add(i));
  return rows.map((r) =>
    r.map((c, i) => {
      const pad = marked.has(i) ? '  ' : '';
      if (typeof c === 'string') return c === '' ? c : `${c}${pad}`;
      if (c.mark) return `${c.text} ${paint(c.mark, c.tone, chalk)}`;
      return `${paint(c.text, c.tone, chalk)}${pad}`;
    }),
  );
}

function lineText(line: Line, chalk: ChalkInstance): string {
  const text = `${line.mark ? `${line.mark} ` : ''}${line.lead ? `${line.lead}: ` : ''}${line.text}`;
  return `${line.isContinued ? '  ' : ''}${paint(text, line.tone, chalk)}`;
}

function block(b: Block, chalk: ChalkInstance): string[] {
  if (b.kind === 'table') {
    const rows = cells(b.total ? [...b.rows, b.total] : b.rows, chalk);
    if (b.total) rows[rows.length - 1][0] = chalk.dim(rows[rows.length - 1][0]);
    return [table(b.head, rows, chalk, b.leftColumns ?? 1)];
  }
  const out = b.title ? [b.title] : [];
  b.lines.forEach((l, i) => {
    if (b.list === 'numbered') out.push(wrap(`${i + 1}. ${l.text}`, WRAP, '   '));
    else if (b.isProse) out.push(paint(wrap(l.text, WRAP, ''), l.tone, chalk));
    else out.push(lineText(l, chalk));
  });
  return out;
}

function section(s: Section, chalk: ChalkInstance): string[] {
  const out = [chalk.bold(s.title) + (s.note ? chalk.dim(`  (${s.note})`) : '')];
  s.blocks.forEach((b, i) => {
    const prev = s.blocks[i - 1];
    // A table is followed by a blank line; so is one titled group of lines by the next.
    if (prev && (prev.kind === 'table' || (prev.kind === 'lines' && prev.title && b.kind === 'lines' && b.title))) out.push('');
    out.push(...block(b, chalk));
  });
  return out;
}

function part(p: Part, chalk: ChalkInstance): string[] {
  const out: string[] = [];
  if (p.heading) {
    const items = p.heading.items.map((c) => (typeof c === 'string' ? c : paint(c.text, c.tone, chalk)));
    out.push([chalk.bold(p.heading.name), ...items].join(' · '));
  }
  out.push(...p.facts.map((l) => lineText(l, chalk)));
  for (const s of p.sections) {
    if (out.length > 0) out.push('');
    out.push(...section(s, chalk));
  }
  if (p.closing.length > 0) out.push(...(out.length > 0 ? [''] : []), ...p.closing.map((l) => lineText(l, chalk)));
  return out;
}

/** The parts of a view (rep headings, facts, sections) as text lines, for the terminal or the e-mail. */
export function viewPartsText(view: View, chalk: ChalkInstance): string[] {
  return view.parts.flatMap((p, i) => [...(i > 0 ? [''] : []), ...part(p, chalk)]);
}

/** The facts of a view as text lines. */
export function viewFactsText(view: View, chalk: ChalkInstance): string[] {
  return view.facts.map((l) => lineText(l, chalk));
}

/** A view as terminal text. */
export function renderViewTable(view: View, chalk: ChalkInstance): string {
  const out = [chalk.bold(view.title), ...view.facts.map((l) => lineText(l, chalk))];
  for (const p of view.parts) out.push('', ...part(p, chalk));
  return `${out.join('\n')}\n`;
}

/** The team overview in the terminal. */
export function renderReportTable(doc: ReportDocument, chalk: ChalkInstance): string {
  return renderViewTable(teamView(doc), chalk);
}

/** `--rep` view: header, then each selected rep's detail. */
export function renderRepsTable(doc: ReportDocument, chalk: ChalkInstance): string {
  return renderViewTable(repView(doc), chalk);
}
