import type { ChalkInstance } from 'chalk';
import type { NeededDocument } from '../model/needed.js';
import { dec, int, plural } from './format.js';
import { table } from './table.js';

/** `funnel needed` as text: one row per stage. */
export function renderNeededTable(doc: NeededDocument, chalk: ChalkInstance): string {
  const close = doc.stages[doc.stages.length - 1];
  const whose = doc.ratiosFrom === 'rep' ? `${doc.rep}'s ratios` : doc.ratiosFrom === 'team' ? "the team's ratios" : 'the ratios given';
  const p = doc.period;
  const lines = [
    chalk.bold(`Needed for ${int(doc.goal)} ${close.label.toLowerCase()} in ${p.label}, as of ${doc.asOf}, from ${whose}`),
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
  return `${lines.join('\n')}\n`;
}
