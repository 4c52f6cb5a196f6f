import { DEFAULT_LABELS } from '../engine/model.js';
import type { RepTrend, TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { dec, int, plural, shortLabel } from './format.js';
import {
  beyondHistoryPhrase,
  closesOver,
  cycleSentences,
  goalNumber,
  goalPhrase,
  goalShareNote,
  repCycleFacts,
  warningLines,
  worthPhrase,
  worthText,
} from './words.js';
import { neededNotes, neededTitle, inputLine, paceMark, paceSummary, percent, periodLine, remainingText, shortfallSentence, signedPercent, signedPoints, statusWord, teamAttainment } from './words.js';

// GitHub-flavoured markdown: pipe tables, for pasting into docs, tickets and chat.

/**
 * Escapes text for a markdown table cell or paragraph: `|` and backticks (which would end a
 * cell or open code), the emphasis and link characters, `<` `>` (inline HTML) and the backslash
 * itself; line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');
}

/** A pipe table; `align` per column: 'l' or 'r'. Cells are escaped here. */
export function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const rule = `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

const e = escapeMarkdown;

export interface MarkdownReportOptions {
  /** The `--rep` view: a section per rep with every stage in detail. */
  isDetail?: boolean;
}

/** `funnel report` as markdown. */
export function renderReportMarkdown(doc: ReportDocument, options: MarkdownReportOptions = {}): string {
  const stages = doc.stages;
  const labels = stages.map((s) => shortLabel(s, DEFAULT_LABELS));
  const out: string[] = [`# Funnel report: ${e(doc.period.label)}`, '', `${e(periodLine(doc))}. Ratios from ${doc.lookback.start} to ${doc.lookback.end}.`, ''];
  const att = teamAttainment(doc);
  const summary = [`**${e(paceSummary(doc))}**`];
  if (att) summary.push(`team ${e(int(att.done))} of ${e(int(att.goal))} ${e(stages[stages.length - 1].label.toLowerCase())} (${percent(att.share)})`);
  out.push(`${summary.join(' · ')}.`, '', `Input: ${e(inputLine(doc))}.`, '');
  for (const w of warningLines(doc)) out.push(`> **Warning:** ${e(w)}`, '');
  const share = goalShareNote(doc);
  if (share) out.push(`Goals for ${e(doc.period.label)} are ${e(share)} (goalPeriod: ${doc.period.goalPeriod ?? 'month'}; by working days).`, '');

  if (doc.reps.length === 0) {
    out.push('No reps: no events in the period or the lookback, and none named in the config or targets.');
    return `${out.join('\n')}\n`;
  }
  if (options.isDetail) {
    for (const rep of doc.reps) out.push(...repSection(doc, rep), '');
    return `${out.join('\n').trimEnd()}\n`;
  }

  out.push('## Done this period', '');
  const done = doc.reps.map((r) => [
    r.rep,
    r.goal === null ? '–' : goalNumber(r.goal),
    ...stages.map((s) => `${int(r.counts[s.id])}${paceMark(r, s.id) ? ` ${paceMark(r, s.id)}` : ''}`),
    worthText(doc, r),
    statusWord(r),
  ]);
  done.push(['Team', '', ...stages.map((s) => int(doc.team.counts[s.id])), '', '']);
  out.push(
    mdTable(['Rep', 'Goal', ...labels, 'Worth', 'Status'], done, ['l', 'r', ...stages.map(() => 'r' as const), 'r', 'l']),
    '',
    "▲ behind pace, ▼ far behind (under 80 % of the pace needed). Worth: the closes the weakest stage's pace is worth at the rep's ratios.",
    '',
  );

  const withGoal = doc.reps.filter((r) => r.goal !== null);
  if (withGoal.length > 0) {
    out.push('## Still needed', '', `Remaining, and per working day over the ${plural(doc.period.workingDaysLeft, 'day')} left.`, '');
    out.push(mdTable(['Rep', ...labels], withGoal.map((r) => [r.rep, ...stages.map((s) => remainingText(r.needed[s.id]))]), ['l', ...stages.map(() => 'r' as const)]), '');
  }

  const close = stages[stages.length - 1];
  out.push('## Activity per close', '', 'From the lookback; each rep blended toward the team.', '');
  const ratioRows = doc.reps.map((r) => [r.rep, int(r.closesInLookback), ...stages.slice(0, -1).map((s) => dec(r.ratios[s.id]))]);
  ratioRows.push(['Team', int(doc.team.lookbackCounts[close.id]), ...stages.slice(0, -1).map((s) => dec(doc.team.ratios[s.id]))]);
  out.push(mdTable(['Rep', labels[labels.length - 1], ...labels.slice(0, -1)], ratioRows, ['l', ...stages.map(() => 'r' as const)]), '');

  const behind = doc.reps.filter((r) => r.shortfalls.length > 0);
  if (behind.length > 0) {
    out.push('## Shortfalls', '');
    for (const r of behind) {
      const beyond = beyondHistoryPhrase(doc, r, { isBrief: true });
      out.push(`- ${r.status === 'critical' ? '▼' : '▲'} **${e(r.rep)}**: ${e(shortfallSentence(doc, r) ?? '')}${beyond ? `. ${e(beyond)}` : ''}`);
    }
    out.push('');
  }
  const late = doc.reps.filter((r) => r.status !== 'reached' && cycleSentences(repCycleFacts(doc, r)).length > 0);
  if (late.length > 0) {
    out.push('## Sales cycle', '');
    for (const r of late) out.push(`- **${e(r.rep)}**: ${e(cycleSentences(repCycleFacts(doc, r)).join(' '))}`);
    out.push('');
  }
  const prompted = doc.reps.filter((r) => r.prompts.length > 0);
  if (prompted.length > 0) {
    out.push('## For the next 1:1', '');
    for (const r of prompted) {
      out.push(`**${e(r.rep)}**`, '');
      for (const p of r.prompts) out.push(`- ${e(p.text)}`);
      out.push('');
    }
  }
  const noGoal = doc.reps.filter((r) => r.goal === null).map((r) => r.rep);
  if (noGoal.length > 0) out.push(`No goal set for ${e(noGoal.join(', '))}: add one in targets.csv or ${e('reps.<name>.goal')}.`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** The `--rep` detail of one rep. */
function repSection(doc: ReportDocument, rep: RepEntry): string[] {
  const close = doc.stages[doc.stages.length - 1];
  const out = [`## ${e(rep.rep)}`, '', `${e(goalPhrase(rep, close.label.toLowerCase()))} · ${statusWord(rep)} · ${int(rep.closesInLookback)} ${e(close.label.toLowerCase())} in the lookback.`, ''];
  const rows = doc.stages.map((s) => {
    const n = rep.needed[s.id];
    return [
      s.label, int(n?.done ?? rep.counts[s.id]), int(n?.required), int(n?.remaining), dec(n?.perWorkingDay),
      n?.projected === null || n?.projected === undefined ? '–' : int(Math.floor(n.projected)),
      int(rep.lookbackCounts[s.id]), dec(rep.ratios[s.id]), dec(doc.team.ratios[s.id]),
    ];
  });
  out.push(mdTable(['Stage', 'Done', 'Needed', 'Left', 'Per day', 'On pace', 'Lookback', 'Per close', 'Team'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  const sentence = shortfallSentence(doc, rep);
  if (sentence) out.push('', `${rep.status === 'critical' ? '▼' : '▲'} ${e(sentence)}.`);
  if (rep.status === 'reached') out.push('', e(`The goal is reached${closesOver(rep) > 0 ? `, ${goalNumber(closesOver(rep))} over` : ''}: nothing more is needed this period.`));
  const beyond = beyondHistoryPhrase(doc, rep);
  if (beyond) out.push('', e(beyond));
  const worth = worthPhrase(doc, rep, doc.stages[0].id);
  if (worth) out.push('', e(`Activity worth: ${worth}.`));
  for (const line of cycleSentences(repCycleFacts(doc, rep))) out.push('', e(line));
  if (rep.prompts.length > 0) out.push('', '**For the next 1:1**', '', ...rep.prompts.map((p) => `- ${e(p.text)}`));
  return out;
}

/** `funnel needed` as markdown. */
export function renderNeededMarkdown(doc: NeededDocument): string {
  const p = doc.period;
  const [title, from] = neededTitle(doc).split(`, as of ${doc.asOf}, `);
  const out = [
    `# ${e(title)}`,
    '',
    `As of ${doc.asOf}, ${e(from)}. ${plural(p.workingDaysLeft, 'working day')} left of ${p.workingDays} (${p.start} to ${p.end}).`,
    '',
    mdTable(
      ['Stage', 'Per close', 'Needed', 'Done', 'Left', 'Per day', 'Per week'],
      doc.stages.map((s) => [s.label, dec(s.perClose), int(s.required), int(s.done), int(s.remaining), dec(s.perWorkingDay), dec(s.perWeek)]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ];
  if (doc.stages.some((s) => s.perClose === null)) out.push('', '– : no ratio yet (no closes in the lookback): nothing to plan from.');
  if (p.workingDaysLeft === 0) out.push('', 'No working days left in the period: per-day numbers are not defined.');
  for (const note of neededNotes(doc)) out.push('', e(note));
  return `${out.join('\n')}\n`;
}

/** `funnel inspect` as markdown: a summary table, then each file's details and rejected rows. */
export function renderInspectMarkdown(doc: InspectDocument): string {
  const out = ['# Input files', '', `Config: ${doc.config ? `\`${doc.config.replace(/`/g, "'")}\`` : 'none'}`, ''];
  out.push(
    mdTable(
      ['File', 'Format', 'Encoding', 'Read by', 'Rows', 'Used', 'Ignored', 'Rejected', 'Dates'],
      doc.files.map((f) => [
        f.path, f.format, f.encoding, f.source ? `${f.source}${f.preset ? ` (${f.preset})` : ''}` : 'no source',
        int(f.rows), int(f.used), int(f.ignored), int(f.rejected), f.dateRange ? `${f.dateRange.start} to ${f.dateRange.end}` : '–',
      ]),
      ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  for (const f of doc.files) {
    out.push('', `## ${e(f.path)}`, '');
    out.push(`- Stages: ${e(f.stages.join(', ') || 'none')}`);
    out.push(`- Headers (${f.headers.length}): ${e(f.headers.join(', ') || '–')}`);
    if (f.reps.length > 0) out.push(`- Reps (${f.reps.length}): ${e(f.reps.join(', '))}`);
    for (const w of f.warnings) out.push(`- Warning: ${e(w)}`);
    if (f.rejects.length > 0) {
      out.push('', mdTable(['Line', 'Reason'], f.rejects.map((r) => [String(r.line), r.reason]), ['r', 'l']));
      if (f.rejected > f.rejects.length) out.push('', `… and ${plural(f.rejected - f.rejects.length, 'more')}.`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `funnel trend` as markdown: a table per rep, then the team. */
export function renderTrendMarkdown(doc: TrendReport): string {
  const first = doc.weeks[0];
  const last = doc.weeks[doc.weeks.length - 1];
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const short = (id: string) => {
    const stage = doc.stages.find((s) => s.id === id);
    return stage ? shortLabel(stage, DEFAULT_LABELS) : id;
  };
  const head = ['Stage', ...doc.weeks.map((w) => (w.isPartial ? `${w.label}*` : w.label)), 'Trend', 'WoW', ''];
  const align: ('l' | 'r')[] = ['l', ...doc.weeks.map(() => 'r' as const), 'l', 'r', 'l'];
  const block = (rep: RepTrend, title: string) => {
    const rows = rep.stages.map((s) => [label(s.stage), ...s.counts.map((n) => int(n)), s.sparkline, signedPercent(s.change), s.isDeclining ? '▼ declining' : '']);
    for (const c of rep.conversion) {
      rows.push([`${short(c.from)} → ${short(c.to)}`, ...c.rates.map((r) => (r === null ? '–' : `${Math.round(r * 100)}%`)), c.sparkline, signedPoints(c.change), '']);
    }
    const declining = rep.declining.length > 0 ? ` (declining: ${e(rep.declining.map((s) => label(s).toLowerCase()).join(', '))})` : '';
    return [`## ${e(title)}${declining}`, '', mdTable(head, rows, align), ''];
  };
  const out = [
    `# Trend: ${plural(doc.weeks.length, 'week')}, ${e(first.label)} to ${e(last.label)}`,
    '',
    `${first.start} to ${last.isPartial ? doc.asOf : last.end}, as of ${doc.asOf}. ${last.isPartial ? '\\* week so far. ' : ''}Trend: one bar a week, activity per working day. WoW: last complete week against the one before.`,
    '',
  ];
  if (doc.reps.length === 0) out.push('No reps: no events in these weeks, and none named in the config or targets.', '');
  for (const rep of doc.reps) out.push(...block(rep, rep.rep));
  out.push(...block(doc.team, 'Team'));
  return `${out.join('\n').trimEnd()}\n`;
}
