import type { ChalkInstance } from 'chalk';
import { DEFAULT_LABELS, type StageId } from '../engine/model.js';
import type { RepTrend, TrendReport } from '../engine/trend.js';
import { int, percent, plural, shortLabel, signedPercent, signedPoints } from './format.js';
import { table } from './table.js';
import { trendOddRates } from './words.js';

function repBlock(doc: TrendReport, rep: RepTrend, chalk: ChalkInstance): string {
  const label = (id: StageId) => {
    const stage = doc.stages.find((s) => s.id === id);
    return stage ? shortLabel(stage, DEFAULT_LABELS) : id;
  };
  const longLabel = (id: StageId) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const head = ['', ...doc.weeks.map((w) => (w.isPartial ? `${w.label}*` : w.label)), 'Trend', 'WoW', ''];
  const rows = rep.stages.map((s) => [
    longLabel(s.stage),
    ...s.counts.map((n) => int(n)),
    s.sparkline,
    signedPercent(s.change),
    s.isDeclining ? chalk.red('▼ declining') : '',
  ]);
  for (const c of rep.conversion) {
    rows.push([
      chalk.dim(`${label(c.from)} → ${label(c.to)}`),
      ...c.rates.map((r) => percent(r)),
      c.sparkline,
      signedPoints(c.change),
      '',
    ]);
  }
  const title = rep.declining.length > 0
    ? `${chalk.bold(rep.rep)}  ${chalk.red(`declining: ${rep.declining.map((s) => longLabel(s).toLowerCase()).join(', ')}`)}`
    : chalk.bold(rep.rep);
  return `${title}\n${table(head, rows, chalk)}`;
}

/** `funnel trend`: one block per rep, then the team; counts per week, conversion, sparklines, change. */
export function renderTrendTable(doc: TrendReport, chalk: ChalkInstance): string {
  const first = doc.weeks[0];
  const last = doc.weeks[doc.weeks.length - 1];
  const out = [
    chalk.bold(`Trend: ${plural(doc.weeks.length, 'week')}, ${first.label} to ${last.label} (${first.start} to ${last.isPartial ? doc.asOf : last.end}), as of ${doc.asOf}`),
    chalk.dim(
      `${last.isPartial ? '* week so far. ' : ''}Trend: one bar a week, activity per working day so short weeks do not look like slumps. ` +
        'WoW: last complete week against the one before.',
    ),
    '',
  ];
  if (doc.reps.length === 0) out.push('No reps: no events in these weeks, and none named in the config or targets.', '');
  for (const rep of doc.reps) out.push(repBlock(doc, rep, chalk), '');
  out.push(repBlock(doc, doc.team, chalk));
  const odd = trendOddRates(doc);
  if (odd.length > 0) out.push('', ...odd.map((l) => chalk.dim(l)));
  return `${out.join('\n')}\n`;
}
