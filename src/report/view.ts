import type { RepStatus } from '../model/report.js';

// The report as a manager reads it, once, for every human format: a title, facts, and named
// sections of tables and lines. The table, markdown, HTML and e-mail renderers only lay these
// out (colour, markup, columns); none of them decides what a view says. A format that dropped
// a section would fail test/report/sections.test.ts.

/** How a piece of text reads: colour in the terminal, a class in HTML, nothing in markdown. */
export type Tone = 'critical' | 'behind' | 'good' | 'dim' | 'warn';

/** A table cell: text, an optional pace mark after it, an optional status badge. */
export interface Cell {
  text: string;
  /** `▲` behind pace or `▼` far behind, drawn after the text. */
  mark?: '▲' | '▼';
  tone?: Tone;
  /** Drawn as a status badge in HTML. */
  badge?: RepStatus | 'nogoal';
}

export type CellLike = string | Cell;

/** Rows under a header; the first `leftColumns` (default 1) columns align left, the rest right. */
export interface TableBlock {
  kind: 'table';
  head: string[];
  rows: CellLike[][];
  /** A total row, set apart. */
  total?: CellLike[];
  leftColumns?: number;
}

/** A line of text: `lead: text`, with an optional mark before it. */
export interface Line {
  /** A rep's name or a label, set in bold where the format can. */
  lead?: string;
  text: string;
  tone?: Tone;
  mark?: '▲' | '▼';
  /** A continuation of the line before it (indented in text formats). */
  isContinued?: boolean;
}

/** Lines as a list or as paragraphs; `title` (a rep's name) above them. */
export interface LinesBlock {
  kind: 'lines';
  lines: Line[];
  list?: 'bullets' | 'numbered';
  title?: string;
  /** Long sentences: wrapped in the terminal. */
  isProse?: boolean;
}

export type Block = TableBlock | LinesBlock;

/** Every section a view can have; the key is stable, the title is what each format shows. */
export type SectionKey =
  | 'standing'
  | 'done'
  | 'needed'
  | 'ratios'
  | 'shortfalls'
  | 'weakest'
  | 'declining'
  | 'cycle'
  | 'prompts'
  | 'funnel'
  | 'plan'
  | 'commitments';

export interface Section {
  key: SectionKey;
  title: string;
  /** A short explanation beside the title (dim in the terminal). */
  note?: string;
  blocks: Block[];
}

/** One rep in the 1:1 view, or the whole team in the team view. */
export interface Part {
  /** The rep, or null for the team. */
  rep: string | null;
  /** The rep's headline, `name · goal 4 closes · critical · check-in: weekly`, or null for the team. */
  heading: { name: string; items: CellLike[] } | null;
  facts: Line[];
  sections: Section[];
  /** Lines after the sections (reps without a goal). */
  closing: Line[];
}

/** Who reads a view: the manager, or the rep (rep texts of prompts, no stage directions). */
export type Audience = 'manager' | 'rep';

export interface View {
  kind: 'team' | 'rep';
  audience: Audience;
  title: string;
  /** Period, working days, input, warnings, the summary. */
  facts: Line[];
  parts: Part[];
}

/** Sections of the team view, in order; a view holds those that have something to say. */
export const TEAM_SECTIONS: readonly SectionKey[] = ['standing', 'done', 'needed', 'ratios', 'shortfalls', 'weakest', 'declining', 'cycle', 'prompts'];

/** Sections of the 1:1 view, in order. */
export const REP_SECTIONS: readonly SectionKey[] = ['funnel', 'plan', 'declining', 'cycle', 'commitments', 'prompts'];

/** The text of a cell, without its mark. */
export function cellText(c: CellLike): string {
  return typeof c === 'string' ? c : c.text;
}

/** Every section of a view, in order, over all parts. */
export function sectionsOf(view: View): Section[] {
  return view.parts.flatMap((p) => p.sections);
}
