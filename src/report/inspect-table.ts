import type { ChalkInstance } from 'chalk';
import type { InspectDocument } from '../run/inspect.js';
import { int, plural } from './format.js';

const SHOWN_REJECTS = 20;

function delimiterName(d: string | null): string {
  if (d === null) return '';
  return d === '\t' ? 'tab' : `"${d}"`;
}

/** `funnel inspect` as text: one block per file. */
export function renderInspectTable(doc: InspectDocument, chalk: ChalkInstance): string {
  const blocks = doc.files.map((f) => {
    const lines = [chalk.bold(f.path)];
    const detected = [`format ${f.format}`, `encoding ${f.encoding}`];
    if (f.delimiter !== null) detected.push(`delimiter ${delimiterName(f.delimiter)}`);
    lines.push(`  ${detected.join(', ')}`);
    lines.push(
      f.source
        ? `  read by ${f.source}${f.preset ? ` (preset ${f.preset})` : ''}: ${f.stages.join(', ') || 'no stages'}`
        : chalk.yellow(`  no source in ${doc.config ?? 'the config'} maps this file: every row is ignored`),
    );
    lines.push(`  headers (${f.headers.length}): ${f.headers.join(', ') || '–'}`);
    const acct = `  rows ${int(f.rows)}: ${int(f.used)} used, ${int(f.ignored)} ignored, ${int(f.rejected)} rejected`;
    lines.push(f.rejected > 0 ? chalk.yellow(acct) : acct);
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
