import type { ChalkInstance } from 'chalk';
import type { NeededDocument } from '../model/needed.js';
import { dec, int, plural } from './format.js';
import type { FormatRenderers } from './registry.js';
import { table } from './table.js';
import { neededNotes, neededTitle } from './words.js';

/** `funnel needed` as text: one row per stage. */
export function renderNeededTable(doc: NeededDocument, chalk: ChalkInstance): string {
  const p = doc.period;
  const lines = [
    chalk.bold(neededTitle(doc)),
    `${plural(p.workingDaysLeft, 'working day')} left of ${p.workingDays} (${p.start} to ${p.end}).`,
    '',
    table(
      ['Stage', 'Per close', 'Needed', 'Done', 'Left', 'Per day', 'Per week'],
      doc.stages.map((s) => [s.label, dec(s.perClose), int(s.required), int(s.done), int(s.remaining), dec(s.perWorkingDay), dec(s.perWeek)]),
      chalk,
    ),
  ];
  if (doc.stages.some((s) => s.perClose === null)) {
    lines.push('', chalk.yellow('– : no ratio yet (no closes in the lookback): nothing to plan from.'));
  }
  if (p.workingDaysLeft === 0) lines.push('', 'No working days left in the period: per-day numbers are not defined.');
  for (const note of neededNotes(doc)) lines.push('', note.startsWith('Warning') || note.startsWith('Not reachable') ? chalk.yellow(note) : note);
  return `${lines.join('\n')}\n`;
}

/** The table format's needed renderer; load-format.ts loads it alone for the calculator. */
export const neededTable: FormatRenderers['needed'] = (doc, o) => renderNeededTable(doc, o.chalk);
