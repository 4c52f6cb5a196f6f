import type { ChalkInstance } from 'chalk';
import type { InspectDocument, InspectedFile } from '../model/inspect.js';
import { int, plural } from './format.js';

const SHOWN_REJECTS = 20;

function delimiterName(d: string | null): string {
  if (d === null) return '';
  return d === '\t' ? 'tab' : `"${d}"`;
}

const BY: Record<string, string> = { headers: 'chosen from its headers', config: 'named in the config', '--preset': 'given with --preset' };

/** How the preset was chosen, the mapping it resolved, or the closest presets when none fits. */
function presetLines(f: InspectedFile): string[] {
  const lines: string[] = [];
  const d = f.detection;
  if (d?.preset) {
    const why = [`score ${d.score}`, ...(d.fileNameHint ? ['with a file-name hint'] : [])].join(', ');
    lines.push(`  preset ${BY[d.by]} (${why}), which has: ${d.matched.join(', ')}`);
  } else if (d) {
    lines.push(d.ambiguous ? '  several presets fit equally well:' : '  closest presets:');
    for (const c of d.candidates) {
      const fit = `${c.requiredFound} of ${c.required} required columns, ${c.matched.length} recognised`;
      lines.push(`    ${c.preset}: ${fit}${c.missing.length ? `; missing ${c.missing.join('; ')}` : ''}`);
    }
    lines.push(`  fix: funnel inspect --preset NAME ${f.path}, or funnel init ${f.path} to write a mapping`);
  }
  const m = f.mapping;
  if (m && f.preset) {
    const cols = Object.entries(m.columns).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
    lines.push(`  mapping: ${cols.join(', ')}${m.dateFormat ? `, dateFormat ${JSON.stringify(m.dateFormat)}` : ''}`);
    for (const r of m.rules) lines.push(`    ${r.text}`);
    for (const [stage, col] of Object.entries(m.counts ?? {})) lines.push(`    ${stage} counted in ${JSON.stringify(col)}`);
  }
  return lines;
}

/** `funnel inspect` as text: one block per file. */
export function renderInspectTable(doc: InspectDocument, chalk: ChalkInstance): string {
  const blocks = doc.files.map((f) => {
    const lines = [chalk.bold(f.path)];
    // Text in an XLSX workbook is always UTF-8 XML: its encoding says nothing.
    const detected = f.format === 'xlsx' ? [`format ${f.format}`] : [`format ${f.format}`, `encoding ${f.encoding}`];
    if (f.delimiter !== null) detected.push(`delimiter ${delimiterName(f.delimiter)}`);
    if (f.compression) detected.push(`${f.compression}-compressed`);
    if (f.sheet !== null) detected.push(`sheet ${JSON.stringify(f.sheet)}`);
    lines.push(`  ${detected.join(', ')}`);
    if (f.mapping) {
      lines.push(`  read by ${f.source ?? (f.preset ? `preset ${f.preset}` : 'its mapping')}${f.source && f.preset ? ` (preset ${f.preset})` : ''}: ${f.stages.join(', ') || 'no stages'}`);
    } else {
      lines.push(chalk.yellow(`  no source in ${doc.config ?? 'the config'} maps this file, and no preset recognises its headers: every row is ignored`));
    }
    lines.push(...presetLines(f));
    lines.push(`  headers (${f.headers.length}): ${f.headers.join(', ') || '–'}`);
    if (f.hiddenColumns.length > 0) lines.push(`  hidden columns (${f.hiddenColumns.length}, read like the others): ${f.hiddenColumns.join(', ')}`);
    const formats = Object.entries(f.dateFormats);
    if (formats.length > 0) lines.push(`  date formats: ${formats.map(([col, fmt]) => `${JSON.stringify(col)} ${fmt}`).join(', ')}`);
    const acct = `  rows ${int(f.rows)}: ${int(f.used)} used, ${int(f.ignored)} ignored, ${int(f.rejected)} rejected`;
    lines.push(f.rejected > 0 ? chalk.yellow(acct) : acct);
    if (f.ignoredReason) lines.push(`  ignored ${int(f.ignored)}: ${f.ignoredReason}`);
    if (f.ruleColumns.length > 0) {
      lines.push(chalk.yellow('  no row matched a rule; the columns the rules read hold:'));
      for (const c of f.ruleColumns) {
        const values = c.values.map((v) => `${v.value === '' ? '(empty)' : JSON.stringify(v.value)} ${int(v.count)}`).join(', ');
        lines.push(`    ${JSON.stringify(c.column)}: ${values || 'nothing'}${c.hasMore ? ', …' : ''}`);
      }
    }
    const events = Object.entries(f.events);
    if (events.length > 0) lines.push(`  events: ${events.map(([stage, n]) => `${stage} ${int(n)}`).join(', ')}`);
    if (f.dateRange) lines.push(`  dates ${f.dateRange.start} to ${f.dateRange.end}`);
    if (f.reps.length > 0) lines.push(`  reps (${f.reps.length}): ${f.reps.join(', ')}`);
    for (const w of f.warnings) lines.push(chalk.yellow(`  warning: ${w}`));
    if (f.rejects.length > 0) {
      lines.push('  rejected:');
      for (const r of f.rejects.slice(0, SHOWN_REJECTS)) lines.push(`    ${f.path}:${r.line}: ${r.reason}`);
      if (f.rejected > SHOWN_REJECTS) lines.push(`    … and ${plural(f.rejected - SHOWN_REJECTS, 'more')} (all of them with --format json)`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
