import { stringify } from 'yaml';
import type { SourceConfig } from '../config/schema.js';
import { repHintLines, repHints } from '../normalize/rep-hints.js';
import type { GuessedMapping } from './guess.js';
import { getPreset } from './index.js';

/** What `funnel init` learned about one file. */
export interface InitFile {
  /** Path relative to the config's folder, with forward slashes. */
  path: string;
  preset: string | null;
  /** Headers that made the preset fit. */
  matched: string[];
  /** The source the preset resolved for this file. */
  mapping: SourceConfig | null;
  headers: string[];
  rows: number;
  dateRange: { start: string; end: string } | null;
  reps: string[];
  events: Record<string, number>;
  /** Closest presets, one line each, when none fits. */
  closest: string[];
  /** A date value that could be day- or month-first, when reading stopped on one. */
  ambiguousDate: string | null;
  /** For a file no preset recognises: the mapping guessed from its headers and values. */
  guess: GuessedMapping | null;
}

/** A config source to write: one path (or glob) for files read by the same preset. */
export interface InitSource {
  path: string;
  files: InitFile[];
}

export interface InitPlan {
  sources: InitSource[];
  /** Files no preset recognised, written as sources guessed from their values (rules commented out). */
  unrecognized: InitFile[];
  /** A file with rep and goal columns, written as `targets:`. */
  targets: string | null;
  stages: readonly string[];
}

const y = (value: unknown) => stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
/** A path or value as YAML, on one line whatever it holds: control characters force a double-quoted, escaped scalar. */
const scalar = (value: string) => (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value) ? JSON.stringify(value) : y(value));
/** Text from a file (a name, a header, a value) inside a YAML comment: control characters escaped. */
const shown = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const comment = (text: string, indent: string) => text.split('\n').map((l) => `${indent}# ${l}`.trimEnd());
const int = (n: number) => n.toLocaleString('en-US');

function mappingLines(src: SourceConfig, indent: string): string[] {
  const lines = [`columns: ${y(Object.fromEntries(Object.entries(src.columns).filter(([, v]) => v)))}`];
  if (src.dateFormat) lines.push(`dateFormat: ${y(src.dateFormat)}`);
  if (src.shape === 'tallies') {
    lines.push('shape: tallies', `counts: ${y(src.counts ?? {})}`);
  } else {
    lines.push('rules:');
    for (const r of src.rules ?? []) {
      lines.push(`  - stage: ${r.stage}`, `    when: ${y(r.when)}`);
      if (r.date) lines.push(`    date: ${y(r.date)}`);
    }
  }
  return lines.flatMap((l) => comment(l, indent));
}

function sourceLines(s: InitSource): string[] {
  const first = s.files[0];
  const preset = getPreset(first.preset as string);
  const rows = s.files.reduce((n, f) => n + f.rows, 0);
  const starts = s.files.map((f) => f.dateRange?.start).filter(Boolean).sort();
  const ends = s.files.map((f) => f.dateRange?.end).filter(Boolean).sort();
  const events = new Map<string, number>();
  for (const f of s.files) for (const [stage, n] of Object.entries(f.events)) events.set(stage, (events.get(stage) ?? 0) + n);
  const lines = [
    `  # ${preset?.title ?? first.preset}: ${shown(s.files.map((f) => f.path).join(', '))}`,
    `  # recognised by ${first.matched.map((h) => JSON.stringify(h)).join(', ')}`,
    `  # ${int(rows)} rows${starts.length ? `, dated ${starts[0]} to ${ends[ends.length - 1]}` : ''}${
      events.size ? `; ${[...events].map(([stage, n]) => `${stage} ${int(n)}`).join(', ')}` : ''
    }`,
    `  - path: ${scalar(s.path)}`,
    `    preset: ${first.preset}`,
  ];
  const ambiguous = s.files.find((f) => f.ambiguousDate);
  if (ambiguous) lines.push(...ambiguousLines(ambiguous.ambiguousDate as string, '    '));
  if (first.mapping) {
    lines.push('    # The preset read this mapping from the headers. Uncomment and edit to change it:', '    # keys set here win over the preset\'s (columns one by one, rules as a whole).');
    lines.push(...mappingLines(first.mapping, '    '));
  }
  const guessed = s.files.length === 1 && events.size === 0 ? first.guess : null;
  if (guessed && guessed.rules.length > 0) {
    lines.push("    # The preset's rules count nothing in this file. Rules proposed from its values replace them", '    # once uncommented:');
    lines.push(...valueLines(guessed), ...ruleLines(guessed, first.mapping?.columns.date));
  }
  return lines;
}


function skeletonLines(f: InitFile): string[] {
  const g = f.guess;
  const headers = f.headers.length ? f.headers.map((h) => JSON.stringify(h)).join(', ') : '(none)';
  const lines = [`  # ${shown(f.path)}: no preset recognises it (headers: ${shown(headers)}).`];
  if (!g || !g.columns.rep) {
    // Without a rep column the source cannot run: it is left for the user to finish.
    lines.push(
      '  # No column looks like the rep (owner, agent, assigned to …): name it, then uncomment.',
      ...(g?.repCandidates.length ? [`  # Text columns that could be it: ${g.repCandidates.map((c) => shown(scalar(c))).join(', ')}`] : []),
      `  # - path: ${shown(scalar(f.path))}`,
      `  #   columns: { rep: THE_REP_COLUMN${g?.columns.date ? `, date: ${shown(scalar(g.columns.date))}` : ''} }`,
      '  #   rules: []',
    );
    return lines;
  }
  lines.push(
    `  # ${int(f.rows)} rows. The columns below were guessed from the headers and values: check them.`,
    `  - path: ${scalar(f.path)}`,
    `    columns: ${y(Object.fromEntries(Object.entries(g.columns).filter(([, v]) => v)))}`,
  );
  if (f.ambiguousDate) lines.push(...ambiguousLines(f.ambiguousDate, '    '));
  lines.push(...valueLines(g));
  if (g.rules.length === 0) {
    lines.push(
      '    rules:',
      '      # No value looked like a stage or outcome (won, completed, connected …): write rules like',
      '      # - stage: close',
      '      #   when: { STATUS_COLUMN: Won }',
    );
  } else lines.push(...ruleLines(g, g.columns.date));
  return lines;
}

/** The values of the columns with few of them, as comments. */
function valueLines(g: GuessedMapping): string[] {
  if (g.lowCardinality.length === 0) return [];
  const lines = ['    # Columns with few values, and how often each occurs:'];
  for (const c of g.lowCardinality) {
    const values = c.values.map(([v, n]) => `${v === '' ? '(empty)' : v} ${int(n)}`).join(' · ');
    lines.push(`    #   ${shown(c.column)}: ${shown(values)}`);
  }
  return lines;
}

/** `rules:` with the proposed rules commented out: the key alone loads as "no rules yet". */
function ruleLines(g: GuessedMapping, defaultDate: string | undefined): string[] {
  const lines = ['    rules:', '      # Proposed from the values: uncomment the rules that fit (every line of a "- stage" block).'];
  for (const r of g.rules) {
    const when = { [r.column]: r.values.length === 1 ? r.values[0] : { in: r.values } };
    lines.push(`      # ${shown(r.why)}`, `      # - stage: ${r.stage}`, `      #   when: ${shown(y(when))}`);
    if (r.date && r.date !== defaultDate) lines.push(`      #   date: ${shown(y(r.date))}`);
    if (r.created) lines.push(`      #   created: ${shown(y(r.created))}`);
  }
  return lines;
}

function ambiguousLines(example: string, indent: string): string[] {
  return [
    `${indent}# Dates like ${shown(JSON.stringify(example))} could be day- or month-first: uncomment one`,
    `${indent}# (add " HH:mm" or " h:mm a" when the values have times). Until then, report stops on them.`,
    `${indent}# dateFormat: MM/dd/yyyy`,
    `${indent}# dateFormat: dd/MM/yyyy`,
  ];
}

/** The commented funnel.config.yaml `funnel init` writes. */
export function initConfigText(plan: InitPlan, opts: { fileCount: number }): string {
  const produced = new Set(plan.sources.flatMap((s) => s.files.flatMap((f) => [...(f.mapping?.rules ?? []).map((r) => r.stage), ...Object.keys(f.mapping?.counts ?? {})])));
  const found = [...plan.sources.flatMap((s) => s.files.flatMap((f) => f.reps)), ...plan.unrecognized.flatMap((f) => (f.guess?.columns.rep ? f.guess.reps : []))];
  const reps = [...new Set(found.map((r) => r.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b));
  const out = [
    `# funnel.config.yaml, written by "funnel init" from ${opts.fileCount} file${opts.fileCount === 1 ? '' : 's'}.`,
    '# Check it, then run: funnel report. "funnel inspect FILE" shows how each file is read.',
    '',
    '# The funnel, top to bottom; the last stage is the goal unit. Stages no file produces are',
    `# left out of the reports. These files produce: ${plan.stages.filter((s) => produced.has(s)).join(', ') || 'nothing yet'}.`,
    `stages: ${y(plan.stages)}`,
    '',
    'weekStartsOn: monday',
    'workdays: [mon, tue, wed, thu, fri]',
    'holidays: []          # e.g. [2026-12-25]',
    'lookbackDays: 90      # ratios are learned from this many days',
    'priorCloses: 2        # blend each rep\'s ratios with the team\'s, worth this many closes',
    '',
  ];
  if (plan.targets) out.push('# Close goals per rep (rep,goal columns) override the goals below.', `targets: ${scalar(plan.targets)}`, '');
  out.push(
    '# Reps found in the files. Give each a goal (closes per period). An e-mail address or id that is',
    '# really one of the reps belongs under that rep: { aliases: [jane@acme.example] }.',
  );
  out.push(...repHintLines(repHints(reps)).map((l) => `# ${shown(l)}`));
  if (reps.length === 0) out.push('reps: {}');
  else out.push("reps:", ...reps.map((r) => `  ${scalar(r)}: {}   # goal: N`));
  out.push('', 'sources:');
  if (plan.sources.length === 0 && !plan.unrecognized.some((f) => f.guess?.columns.rep)) out.push('  []');
  for (const s of plan.sources) out.push(...sourceLines(s), '');
  for (const f of plan.unrecognized) out.push(...skeletonLines(f), '');
  return `${out.join('\n').trimEnd()}\n`;
}
