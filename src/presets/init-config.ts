import { stringify } from 'yaml';
import type { SourceConfig } from '../config/schema.js';
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
}

/** A config source to write: one path (or glob) for files read by the same preset. */
export interface InitSource {
  path: string;
  files: InitFile[];
}

export interface InitPlan {
  sources: InitSource[];
  /** Files no preset recognised, written as commented-out skeletons. */
  unrecognized: InitFile[];
  /** A file with rep and goal columns, written as `targets:`. */
  targets: string | null;
  stages: readonly string[];
}

const y = (value: unknown) => stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
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
    `  # ${preset?.title ?? first.preset}: ${s.files.map((f) => f.path).join(', ')}`,
    `  # recognised by ${first.matched.map((h) => JSON.stringify(h)).join(', ')}`,
    `  # ${int(rows)} rows${starts.length ? `, dated ${starts[0]} to ${ends[ends.length - 1]}` : ''}${
      events.size ? `; ${[...events].map(([stage, n]) => `${stage} ${int(n)}`).join(', ')}` : ''
    }`,
    `  - path: ${y(s.path)}`,
    `    preset: ${first.preset}`,
  ];
  const ambiguous = s.files.find((f) => f.ambiguousDate);
  if (ambiguous) {
    lines.push(
      `    # Dates like ${JSON.stringify(ambiguous.ambiguousDate)} could be day- or month-first: uncomment one`,
      '    # (add " HH:mm" or " h:mm a" when the values have times). Until then, report stops on them.',
      '    # dateFormat: MM/dd/yyyy',
      '    # dateFormat: dd/MM/yyyy',
    );
  }
  if (first.mapping) {
    lines.push('    # The preset read this mapping from the headers. Uncomment and edit to change it:', '    # keys set here win over the preset\'s (columns one by one, rules as a whole).');
    lines.push(...mappingLines(first.mapping, '    '));
  }
  return lines;
}

function skeletonLines(f: InitFile): string[] {
  return [
    `  # ${f.path}: no preset recognised its headers${f.headers.length ? `: ${f.headers.map((h) => JSON.stringify(h)).join(', ')}` : ' (it has none)'}`,
    ...f.closest.map((l) => `  #   ${l.trim()}`),
    '  # Map it by hand (see the README), or name a preset and add aliases for your headers:',
    `  # - path: ${y(f.path)}`,
    '  #   columns: { rep: OWNER_COLUMN, date: DATE_COLUMN }',
    '  #   rules:',
    '  #     - stage: dial',
    '  #       when: { TYPE_COLUMN: call }',
  ];
}

/** The commented funnel.config.yaml `funnel init` writes. */
export function initConfigText(plan: InitPlan, opts: { fileCount: number }): string {
  const produced = new Set(plan.sources.flatMap((s) => s.files.flatMap((f) => [...(f.mapping?.rules ?? []).map((r) => r.stage), ...Object.keys(f.mapping?.counts ?? {})])));
  const reps = [...new Set(plan.sources.flatMap((s) => s.files.flatMap((f) => f.reps)))].sort((a, b) => a.localeCompare(b));
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
  if (plan.targets) out.push('# Close goals per rep (rep,goal columns) override the goals below.', `targets: ${y(plan.targets)}`, '');
  out.push(
    '# Reps found in the files. Give each a goal (closes per period). An e-mail address or id that is',
    '# really one of the reps belongs under that rep: { aliases: [jane@acme.example] }.',
  );
  if (reps.length === 0) out.push('reps: {}');
  else out.push('reps:', ...reps.map((r) => `  ${y(r)}: {}   # goal: N`));
  out.push('', 'sources:');
  if (plan.sources.length === 0) out.push('  []');
  for (const s of plan.sources) out.push(...sourceLines(s), '');
  for (const f of plan.unrecognized) out.push(...skeletonLines(f), '');
  return `${out.join('\n').trimEnd()}\n`;
}
