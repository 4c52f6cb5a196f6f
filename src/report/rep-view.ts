import type { ChalkInstance } from 'chalk';
import type { CommitmentCheck } from '../engine/coaching/commitments.js';
import { countText } from '../engine/coaching/diagnosis.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { dec, int, plural } from './format.js';
import { table } from './table.js';
import { beyondHistoryPhrase, closesOver, cycleSentences, goalNumber, goalPhrase, repCycleFacts, statusWord, worthPhrase } from './words.js';

// The 1:1 view of `funnel report --rep`: one rep's funnel beside the team's, in tables where
// numbers line up and in sentences where a sentence says it better.

const WRAP = 96;

/** A share as a percentage with one decimal: `25.0%`; '–' for null. */
function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${dec(x * 100)}%`;
}

/** Whole numbers as they are, others with one decimal. */
function num(x: number): string {
  return Number.isInteger(x) ? int(x) : dec(x);
}

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

function firstName(rep: RepEntry): string {
  return rep.rep.split(' ')[0];
}

function headline(doc: ReportDocument, rep: RepEntry, chalk: ChalkInstance): string {
  const closeLabel = doc.stages[doc.stages.length - 1].label.toLowerCase();
  const word = statusWord(rep);
  const status =
    rep.goal === null ? chalk.dim(word) : rep.status === 'critical' ? chalk.red(word) : rep.status === 'behind' ? chalk.yellow(word) : chalk.green(word);
  return `${chalk.bold(rep.rep)} · ${goalPhrase(rep, closeLabel)} · ${status} · check-in: ${rep.checkIn ?? 'not recorded'}`;
}

/** Working days, time off and last activity, when they differ from the team's. */
function daysLines(doc: ReportDocument, rep: RepEntry): string[] {
  const lines: string[] = [];
  const w = rep.workingDays;
  if (rep.timeOff.length > 0) {
    const ranges = rep.timeOff.map((r) => (r.from === r.to ? r.from : `${r.from}..${r.to}`)).join(', ');
    lines.push(
      `Time off: ${ranges}. ${firstName(rep)} works ${w.total} of the period's ${plural(doc.period.workingDays, 'working day')}` +
        ` (${w.off} off): ${w.elapsed} done, ${w.left} left; pace and per-day need use these.`,
    );
  }
  if (rep.lastActivity === null) lines.push('No activity recorded.');
  else if ((rep.idleWorkingDays ?? 0) > 0) lines.push(`Last activity ${rep.lastActivity}, ${plural(rep.idleWorkingDays ?? 0, 'working day')} ago.`);
  return lines;
}

function standingLine(doc: ReportDocument, rep: RepEntry): string {
  const close = doc.stages[doc.stages.length - 1];
  const done = rep.counts[close.id] ?? 0;
  const label = close.label.toLowerCase();
  if (rep.goal === null) return `${int(done)} ${label} so far; no goal, so no pace or chance to report.`;
  let line = `${int(done)} of ${countText(rep.goal, label)} done`;
  if (rep.status === 'reached') {
    const over = closesOver(rep);
    return `${line}: the goal is reached${over > 0 ? `, ${goalNumber(over)} over` : ''}.`;
  }
  if (rep.probability === null) return `${line}; no history to estimate the chance of reaching the goal.`;
  line += `; ${Math.round(rep.probability * 100)}% likely to reach ${int(rep.goal)} by ${doc.period.end}`;
  if (rep.closesPerWorkingDay !== null && rep.expectedCloses !== null) {
    line += ` (at ${rep.closesPerWorkingDay.toFixed(2)} ${label} a working day, as over the lookback, ${dec(rep.expectedCloses)} expected)`;
  }
  return `${line}.`;
}

/** Counts, then next-step and cumulative conversion with the 80 % range, the team's rate beside each. */
function funnelTable(doc: ReportDocument, rep: RepEntry, chalk: ChalkInstance): string {
  const rows = doc.stages.map((s, i) => {
    const step = i === 0 ? undefined : rep.conversion[i - 1];
    const isWeakest = step !== undefined && rep.bottleneck?.from === step.from && rep.bottleneck.to === step.to;
    const range = step && step.low !== null && step.high !== null ? `${pct(step.low)}–${pct(step.high)}` : '';
    return [
      s.label,
      int(rep.counts[s.id]),
      int(rep.lookbackCounts[s.id]),
      step ? (isWeakest ? chalk.red(pct(step.rate)) : pct(step.rate)) : '',
      range,
      step ? pct(step.teamRate) : '',
      step ? pct(step.cumulativeRate) : '',
      step ? pct(step.teamCumulativeRate) : '',
      isWeakest ? chalk.red('◀ weakest') : '',
    ];
  });
  const first = doc.stages[0].label;
  return table(['Stage', 'Period', 'Lookback', 'Step', '80% range', 'Team', `Of ${first.toLowerCase()}`, 'Team', ''], rows, chalk);
}

/** Activity per close used for planning, and the need, done, left, per day and pace per stage. */
function planTable(doc: ReportDocument, rep: RepEntry, chalk: ChalkInstance): string {
  const rows = doc.stages.map((s) => {
    const n = rep.needed[s.id];
    const short = rep.shortfalls.find((x) => x.stage === s.id);
    const mark = short ? (short.severity === 'critical' ? chalk.red(' ▼') : chalk.yellow(' ▲')) : '';
    return [
      s.label,
      dec(rep.ratios[s.id]),
      dec(rep.rawRatios[s.id]),
      dec(doc.team.ratios[s.id]),
      int(n.required),
      int(n.done),
      int(n.remaining),
      dec(n.perWorkingDay),
      `${n.projected === null ? '–' : int(Math.floor(n.projected))}${mark}`,
    ];
  });
  return table(['Stage', 'Per close', 'Raw', 'Team', 'Needed', 'Done', 'Left', 'Per day', 'On pace'], rows, chalk);
}

function ratiosNote(doc: ReportDocument, rep: RepEntry, chalk: ChalkInstance): string {
  const closeLabel = doc.stages[doc.stages.length - 1].label.toLowerCase();
  const base = `Planning uses activity per close from the lookback, blended with the team's; the raw ratios rest on ${int(rep.closesInLookback)} ${closeLabel}`;
  return rep.hasFewCloses ? chalk.yellow(`${base}: fewer than 3, too few to trust on their own.`) : `${base}.`;
}

/** "Jane needs 150 dials for 10 closes at 15.0 per close; on pace for 112 — 38 short, 6.3 a day over the 6 working days left." */
function paceLines(doc: ReportDocument, rep: RepEntry, chalk: ChalkInstance): string[] {
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label.toLowerCase() ?? id;
  const closeLabel = label(doc.stages[doc.stages.length - 1].id);
  if (rep.goal === null) return [`No goal for ${rep.rep}: set one in targets.csv or reps.<name>.goal to see the need and pace.`];
  const worth = worthLine(doc, rep);
  if (rep.status === 'reached') return [chalk.green(`${rep.rep} has reached the goal: nothing more is needed this period.`), ...worth];
  if (rep.shortfalls.length === 0) return [chalk.green(`${rep.rep} is on pace at every stage.`), ...worth];
  const [first, ...rest] = rep.shortfalls;
  const perDay = rep.needed[first.stage].perWorkingDay;
  let line =
    `${rep.rep} needs ${int(first.required)} ${label(first.stage)} for ${countText(rep.goal, closeLabel)} at ${dec(rep.ratios[first.stage])} per close;` +
    ` on pace for ${int(Math.floor(first.projected))} — ${int(first.gap)} short`;
  line += perDay === null ? ', with no working days left.' : `, ${dec(perDay)} a day over the ${plural(rep.workingDays.left, 'working day')} left.`;
  const lines = [first.severity === 'critical' ? chalk.red(`▼ ${line}`) : chalk.yellow(`▲ ${line}`)];
  if (rest.length > 0) {
    const others = rest.map((s) => `${label(s.stage)} (on pace for ${int(Math.floor(s.projected))} of ${int(s.required)})`).join(', ');
    lines.push(`  Also behind pace: ${others}.`);
  }
  const beyond = beyondHistoryPhrase(doc, rep);
  if (beyond) lines.push(chalk.yellow(beyond));
  return [...lines, ...worth];
}

/** `Activity worth: dials worth 1.7 closes of 3, conversations 2.4, …` at the rep's own ratios. */
function worthLine(doc: ReportDocument, rep: RepEntry): string[] {
  const first = worthPhrase(doc, rep, doc.stages[0].id);
  if (!first) return [];
  const rest = doc.stages.slice(1, -1).flatMap((s) => {
    const w = rep.activityWorth[s.id];
    return w === null || w === undefined ? [] : [`${s.label.toLowerCase()} ${dec(w)}`];
  });
  return [`Activity worth (closes the pace of each stage is worth at ${firstName(rep)}'s ratios): ${first}${rest.length > 0 ? `; ${rest.join(', ')}` : ''}.`];
}

function commitmentLine(doc: ReportDocument, c: CommitmentCheck, chalk: ChalkInstance): string {
  const label = doc.stages.find((s) => s.id === c.stage)?.label ?? c.stage;
  const promised = c.per === 'week' ? `${int(c.committed)} a week` : `${int(c.committed)} this period`;
  const line = `${label}: ${promised} promised, ${num(c.expected)} due by now; ${int(c.actual)} done`;
  return c.isMet ? `${line}: kept.` : chalk.yellow(`${line}: ${int(c.shortBy)} short.`);
}

function bottleneckLine(doc: ReportDocument, rep: RepEntry): string {
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label.toLowerCase() ?? id;
  const b = rep.bottleneck;
  if (b === null) return 'Weakest step: none. No step is clearly below the team (each gap is within the 80% range or under 15%).';
  return (
    `Weakest step: ${label(b.from)} → ${label(b.to)}, ${pct(b.rate)} (80% range ${pct(b.low)}–${pct(b.high)})` +
    ` against the team's ${pct(b.teamRate)}.`
  );
}

/** The 1:1 view of one rep. */
export function renderRepView(doc: ReportDocument, rep: RepEntry, chalk: ChalkInstance): string {
  const out: string[] = [headline(doc, rep, chalk), ...daysLines(doc, rep), standingLine(doc, rep), ''];
  const first = doc.stages[0].label.toLowerCase();
  out.push(
    chalk.bold('Funnel') +
      chalk.dim(`  (lookback ${doc.lookback.start} to ${doc.lookback.end}; step: share of the stage above; of ${first}: share of all ${first}; team beside each)`),
  );
  out.push(funnelTable(doc, rep, chalk), '', bottleneckLine(doc, rep), '');
  out.push(chalk.bold('Plan and pace'), ratiosNote(doc, rep, chalk), planTable(doc, rep, chalk), '', ...paceLines(doc, rep, chalk), '');
  const cycle = cycleSentences(repCycleFacts(doc, rep));
  if (cycle.length > 0) out.push(chalk.bold('Sales cycle'), ...cycle.map((l) => wrap(l, WRAP, '')), '');
  out.push(chalk.bold('Commitments'));
  if (rep.commitments.length === 0) out.push('None recorded.');
  else out.push(...rep.commitments.map((c) => commitmentLine(doc, c, chalk)));
  out.push('', chalk.bold('For the 1:1'));
  if (rep.prompts.length === 0) out.push('No prompts.');
  rep.prompts.forEach((p, i) => out.push(wrap(`${i + 1}. ${p.text}`, WRAP, '   ')));
  return out.join('\n');
}
