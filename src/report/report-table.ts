import type { ChalkInstance } from 'chalk';
import { DEFAULT_LABELS, type StageNeed } from '../engine/model.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { dec, int, plural, shortLabel } from './format.js';
import { renderRepView } from './rep-view.js';
import { table } from './table.js';
import { beyondHistoryPhrase, goalNumber, goalPeriodName, goalShareNote, statusWord, warningLines, worthText } from './words.js';

/** Header lines shared by report views: period, working days, lookback, input accounting. */
export function reportHeader(doc: ReportDocument, chalk: ChalkInstance): string[] {
  const p = doc.period;
  const inp = doc.input;
  const lines = [
    chalk.bold(`Funnel report: ${p.label} (${p.start} to ${p.end}), as of ${doc.asOf}`),
    `Working days: ${p.workingDays} in the period, ${p.workingDaysElapsed} done, ${p.workingDaysLeft} left.` +
      ` Ratios from ${doc.lookback.start} to ${doc.lookback.end}.`,
  ];
  let input = `Input: ${plural(inp.rows, 'row')} in ${plural(inp.files.length, 'file')}: ${int(inp.used)} used, ${int(inp.ignored)} ignored, ${int(inp.rejected)} rejected`;
  if (inp.duplicates > 0) input += `; ${plural(inp.duplicates, 'duplicate event')} dropped`;
  lines.push(inp.rejected > 0 ? chalk.yellow(`${input}.`) : `${input}.`);
  for (const w of warningLines(doc)) lines.push(chalk.yellow(`Warning: ${w}`));
  return lines;
}

function paceMark(rep: RepEntry, stage: string, chalk: ChalkInstance): string {
  const s = rep.shortfalls.find((x) => x.stage === stage);
  if (!s) return ' ';
  return s.severity === 'critical' ? chalk.red('▼') : chalk.yellow('▲');
}

function statusText(rep: RepEntry, chalk: ChalkInstance): string {
  const text = statusWord(rep);
  if (rep.goal === null) return chalk.dim(text);
  return rep.status === 'critical' ? chalk.red(text) : rep.status === 'behind' ? chalk.yellow(text) : chalk.green(text);
}

function remainingCell(need: StageNeed): string {
  if (need.remaining === null) return '–';
  if (need.remaining === 0) return 'done';
  return `${int(need.remaining)} (${dec(need.perWorkingDay)})`;
}

/** The team overview: done per stage with pace marks, what remains, and every shortfall in words. */
export function renderReportTable(doc: ReportDocument, chalk: ChalkInstance): string {
  const stages = doc.stages;
  const closeStage = stages[stages.length - 1].id;
  const labels = stages.map((s) => shortLabel(s, DEFAULT_LABELS));
  const out: string[] = [...reportHeader(doc, chalk), ''];

  if (doc.reps.length === 0) {
    out.push('No reps: no events in the period or the lookback, and none named in the config or targets.');
    return `${out.join('\n')}\n`;
  }

  out.push(chalk.bold('Done this period') + chalk.dim('  (▲ behind pace, ▼ far behind; worth: closes the weakest stage\'s pace is worth)'));
  const doneRows = doc.reps.map((r) => [
    r.rep,
    r.goal === null ? '–' : goalNumber(r.goal),
    ...stages.map((s) => `${int(r.counts[s.id])}${paceMark(r, s.id, chalk)}`),
    worthText(doc, r),
    statusText(r, chalk),
  ]);
  doneRows.push([chalk.dim('Team'), '', ...stages.map((s) => `${int(doc.team.counts[s.id])} `), '', '']);
  out.push(table(['Rep', 'Goal', ...labels, 'Worth', 'Status'], doneRows, chalk));
  const share = goalShareNote(doc);
  if (share) out.push(chalk.dim(`Goals for ${doc.period.label} are ${share} (goalPeriod: ${doc.period.goalPeriod}; working days).`));
  out.push('');

  const withGoal = doc.reps.filter((r) => r.goal !== null);
  if (withGoal.length > 0) {
    const left = doc.period.workingDaysLeft;
    out.push(chalk.bold('Still needed') + chalk.dim(`  (remaining, and per working day over the ${plural(left, 'day')} left)`));
    out.push(table(['Rep', ...labels], withGoal.map((r) => [r.rep, ...stages.map((s) => remainingCell(r.needed[s.id]))]), chalk));
    out.push('');
  }

  out.push(chalk.bold('Activity per close') + chalk.dim(`  (lookback; reps blended toward the team)`));
  const ratioRows = doc.reps.map((r) => [r.rep, int(r.closesInLookback), ...stages.slice(0, -1).map((s) => dec(r.ratios[s.id]))]);
  ratioRows.push([chalk.dim('Team'), int(doc.team.lookbackCounts[closeStage]), ...stages.slice(0, -1).map((s) => dec(doc.team.ratios[s.id]))]);
  out.push(table(['Rep', labels[labels.length - 1], ...labels.slice(0, -1)], ratioRows, chalk));

  // One line per rep: the first stage behind pace in full (top of the funnel leads), then the others.
  const warnings = doc.reps
    .filter((r) => r.shortfalls.length > 0)
    .map((r) => {
      const [first, ...rest] = r.shortfalls;
      const label = (id: string) => stages.find((x) => x.id === id)?.label.toLowerCase() ?? id;
      let line = `${r.rep}: on pace for ${int(Math.floor(first.projected))} of ${int(first.required)} ${label(first.stage)} needed, ${int(first.gap)} short`;
      if (rest.length > 0) line += `; also behind on ${rest.map((s) => label(s.stage)).join(', ')}`;
      const beyond = beyondHistoryPhrase(doc, r, { isBrief: true });
      if (beyond) line += `. ${beyond}`;
      return r.status === 'critical' ? chalk.red(`▼ ${line}`) : chalk.yellow(`▲ ${line}`);
    });
  if (warnings.length > 0) out.push('', chalk.bold('Shortfalls'), ...warnings);
  out.push(...cycleSection(doc, chalk));
  // Only real, material gaps (see docs/coaching.md); the 1:1 view (--rep) has the detail.
  const weakest = doc.reps
    .filter((r) => r.bottleneck !== null)
    .map((r) => {
      const b = r.bottleneck!;
      const label = (id: string) => stages.find((x) => x.id === id)?.label.toLowerCase() ?? id;
      return `${r.rep}: ${label(b.from)} → ${label(b.to)} ${Math.round(b.rate * 100)}%, team ${Math.round(b.teamRate * 100)}%`;
    });
  if (weakest.length > 0) out.push('', chalk.bold('Weakest steps') + chalk.dim('  (clearly below the team; details with --rep)'), ...weakest);
  const noGoal = doc.reps.filter((r) => r.goal === null).map((r) => r.rep);
  if (noGoal.length > 0) out.push('', chalk.dim(`No goal set for ${noGoal.join(', ')}: add one in targets.csv or reps.<name>.goal.`));
  return `${out.join('\n')}\n`;
}

/**
 * Reps whose deals take longer than the days left: this period's goal rests on the deals under way,
 * and the next goal period's plan starts now.
 */
function cycleSection(doc: ReportDocument, chalk: ChalkInstance): string[] {
  const late = doc.reps.filter((r) => r.cycle?.landsAfterPeriod && r.status !== 'reached' && r.workingDays.left > 0);
  if (late.length === 0) return [];
  const underWay = Object.keys(late[0].cycle!.underWay.counts);
  const top = doc.stages[0];
  const next = late.find((r) => r.nextPeriod)?.nextPeriod;
  const nextName = next ? goalPeriodName(next.label) : 'next period';
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const rows = late.map((r) => {
    const c = r.cycle!;
    const plan = r.nextPeriod?.stages.find((s) => s.stage === top.id);
    return [
      r.rep,
      `${Number.isInteger(c.medianDays) ? int(c.medianDays) : dec(c.medianDays)} (${c.basis})`,
      ...underWay.map((s) => int(c.underWay.counts[s])),
      r.nextPeriod?.goal === null || r.nextPeriod === null ? '–' : goalNumber(r.nextPeriod.goal),
      dec(plan?.perWorkingDay),
    ];
  });
  return [
    '',
    chalk.bold('Sales cycle') + chalk.dim(`  (median days from a deal's creation to its close: the rep's own, or the team's under 3 closes)`),
    `These deals take longer than the ${plural(doc.period.workingDaysLeft, 'working day')} left: activity started now mostly closes after ${doc.period.end}.` +
      ` The rest of this period's goal must come from deals already under way (the last stages, counted since the cycle began); ${nextName}'s plan starts now.`,
    table(['Rep', 'Days', ...underWay.map((s) => `${label(s)} under way`), `${nextName} goal`, `${label(top.id)} a day`], rows, chalk),
  ];
}

/** `--rep` view: header, then each selected rep's detail. */
export function renderRepsTable(doc: ReportDocument, chalk: ChalkInstance): string {
  const parts = [reportHeader(doc, chalk).join('\n'), ...doc.reps.map((r) => renderRepView(doc, r, chalk))];
  return `${parts.join('\n\n')}\n`;
}
