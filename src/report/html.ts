import { DEFAULT_LABELS } from '../engine/model.js';
import type { RepTrend, TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import type { WeeklyActivity } from '../model/weekly.js';
import { dec, int, plural, shortLabel } from './format.js';
import { html, trusted, type SafeHtml } from './html-template.js';
import { funnelSteps } from './steps.js';
import { funnelChart, progressBar, sparkline } from './svg.js';
import {
  beyondHistoryPhrase,
  closesOver,
  cycleSentences,
  goalBasis,
  goalNumber,
  goalPhrase,
  goalShareNote,
  repCycleFacts,
  warningLines,
  worthPhrase,
  worthText,
} from './words.js';
import { neededNotes, neededTitle, inputLine, paceMark, percent, periodLine, remainingText, shortfallSentence, signedPercent, signedPoints, statusWord, teamAttainment } from './words.js';

// One self-contained HTML file: a style sheet in <head>, inline SVG, no scripts, no external
// requests. Table layout and a single column, so it reads in mail clients and on a phone.

const STYLE = `
body{margin:0;padding:0;background:#f3f5f7;color:#1d2733;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%}
.page{max-width:760px;margin:0 auto;padding:16px 18px 24px;background:#fff}
h1{font-size:22px;line-height:1.25;margin:4px 0}
h2{font-size:17px;margin:26px 0 8px;padding-bottom:4px;border-bottom:1px solid #dde3ea}
h3{font-size:16px;margin:0 0 6px}
p{margin:6px 0}
h1,h3,p,li{overflow-wrap:anywhere}
.sub,.note,.foot{color:#5b6b7b;font-size:13px}
.warn{background:#fff4e0;border-left:4px solid #c77700;padding:6px 10px;font-size:14px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:6px 0}
table.grid{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
.grid th,.grid td{padding:4px 6px;border-bottom:1px solid #e6eaef;text-align:right;white-space:nowrap}
.grid th:first-child,.grid td:first-child{text-align:left}
.grid td:first-child{white-space:normal;min-width:7em;overflow-wrap:break-word}
.grid th{background:#f0f3f6;font-weight:600}
.grid td.l,.grid th.l{text-align:left}
.grid tr.team td{font-weight:600;border-top:2px solid #c9d2dc}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;line-height:18px;vertical-align:middle;white-space:nowrap}
.on_track{background:#e2f3e8;color:#1b6338}.reached{background:#dcefff;color:#114a7a}.behind{background:#fcefd6;color:#7c4a00}.critical{background:#fbe2df;color:#9b2116}.nogoal{background:#eceff3;color:#4d5b69}
.mark{font-size:11px;padding-left:2px}.m-behind{color:#a35f00}.m-critical{color:#b3261e}
table.tiles{width:100%;border-collapse:separate;border-spacing:6px;margin:0 -6px}
.tile{width:33%;background:#f0f4f8;border-radius:6px;padding:8px 12px;font-size:13px;color:#3c4a58;vertical-align:top}
.tile b{display:block;font-size:20px;color:#1d2733}
.rep{border:1px solid #dfe5eb;border-radius:8px;padding:12px 14px;margin:12px 0}
.facts{font-size:14px}
.facts svg{vertical-align:middle;margin-left:6px}
ul.prompts{margin:6px 0;padding-left:20px}
svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}
.foot{margin-top:28px;border-top:1px solid #e6eaef;padding-top:8px}
@media (max-width:520px){.page{padding:12px 10px}table.tiles{margin:0;border-spacing:0 6px}.tiles td.tile{display:block;width:auto;margin-bottom:6px}}
`;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A whole HTML document around `body`. */
export function page(title: string, body: SafeHtml): string {
  return `${html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<div class="page">
${body}
</div>
</body>
</html>`}\n`;
}

/** A table with a header row; the first column is left-aligned, the rest right-aligned. */
export function grid(head: (string | SafeHtml)[], rows: (string | SafeHtml)[][], opts: { teamRow?: (string | SafeHtml)[]; leftColumns?: number } = {}): SafeHtml {
  const left = opts.leftColumns ?? 1;
  const cls = (i: number) => (i > 0 && i < left ? 'l' : false);
  const cell = (tag: 'th' | 'td', v: string | SafeHtml, i: number) =>
    tag === 'th' ? html`<th${cls(i) ? html` class="l"` : ''}>${v}</th>` : html`<td${cls(i) ? html` class="l"` : ''}>${v}</td>`;
  return html`<div class="scroll"><table class="grid" role="table">
<thead><tr>${head.map((h, i) => cell('th', h, i))}</tr></thead>
<tbody>
${rows.map((r) => html`<tr>${r.map((v, i) => cell('td', v, i))}</tr>\n`)}${opts.teamRow ? html`<tr class="team">${opts.teamRow.map((v, i) => cell('td', v, i))}</tr>\n` : ''}</tbody>
</table></div>`;
}

/** The status of a rep as a coloured badge with its word (colour never carries meaning alone). */
export function badge(rep: RepEntry): SafeHtml {
  const cls = rep.goal === null ? 'nogoal' : rep.status;
  return html`<span class="badge ${cls}">${statusWord(rep)}</span>`;
}

function countCell(rep: RepEntry, stage: string): SafeHtml {
  const mark = paceMark(rep, stage);
  const cls = mark === '▼' ? 'm-critical' : 'm-behind';
  return html`${int(rep.counts[stage])}${mark ? html`<span class="mark ${cls}" title="${mark === '▼' ? 'far behind pace' : 'behind pace'}">${mark}</span>` : ''}`;
}

export interface HtmlReportOptions {
  /** Weekly activity for sparklines, when the caller has it. */
  weekly?: WeeklyActivity;
}

/** The detail card of one rep: numbers, pace, shortfalls, the funnel against the team, prompts. */
export function repCard(doc: ReportDocument, rep: RepEntry, weekly?: WeeklyActivity): SafeHtml {
  const close = doc.stages[doc.stages.length - 1];
  const closes = rep.counts[close.id] ?? 0;
  const share = rep.goal ? closes / rep.goal : null;
  const p = doc.period;
  const expected = p.workingDays > 0 ? p.workingDaysElapsed / p.workingDays : null;
  const sentence = shortfallSentence(doc, rep);
  const series = weekly?.reps[rep.rep];
  const stageLabel = doc.stages.find((s) => s.id === weekly?.stage)?.label.toLowerCase() ?? weekly?.stage ?? '';
  const rows = doc.stages.map((s) => {
    const need = rep.needed[s.id];
    return [
      s.label,
      countCell(rep, s.id),
      int(need?.required),
      remainingText(need),
      need?.projected === null || need?.projected === undefined ? '–' : int(Math.floor(need.projected)),
      dec(rep.ratios[s.id]),
      dec(doc.team.ratios[s.id]),
    ];
  });
  return html`<div class="rep">
<h3>${rep.rep} ${badge(rep)}</h3>
<p class="facts">${rep.goal === null ? html`No goal set; ${int(closes)} ${close.label.toLowerCase()} so far.` : html`<b>${int(closes)}</b> of ${goalNumber(rep.goal)} ${close.label.toLowerCase()} (${percent(share)})${progressBar(share, expected, `${close.label} against goal`)}`}</p>
${goalBasis(rep) ? html`<p class="note">The ${goalPhrase(rep, close.label.toLowerCase())}.</p>` : ''}
${sentence ? html`<p>${rep.status === 'critical' ? '▼' : '▲'} ${sentence}.</p>` : ''}
${rep.status === 'reached' ? html`<p>The goal is reached${closesOver(rep) > 0 ? `, ${goalNumber(closesOver(rep))} over` : ''}: nothing more is needed this period.</p>` : ''}
${beyondHistoryPhrase(doc, rep) ? html`<p>${beyondHistoryPhrase(doc, rep)}</p>` : ''}
${worthPhrase(doc, rep, doc.stages[0].id) ? html`<p class="facts">Activity worth: ${worthPhrase(doc, rep, doc.stages[0].id)}.</p>` : ''}
${cycleSentences(repCycleFacts(doc, rep)).map((line) => html`<p>${line}</p>`)}
${series && series.length > 0 ? html`<p class="facts">${capitalize(stageLabel)} per week, last ${series.length} weeks: ${sparkline(series, `${stageLabel} per week`, { isLastPartial: weekly?.isLastPartial })} <span class="note">${int(series[series.length - 1])}${weekly?.isLastPartial ? ' so far this week' : ' last week'}</span></p>` : ''}
${grid(['Stage', 'Done', 'Needed', 'Left (per day)', 'On pace for', 'Per close', 'Team'], rows)}
<p class="note">Conversion to the next stage over the lookback (${int(rep.closesInLookback)} ${close.label.toLowerCase()}); the dark tick is the team.</p>
${funnelChart(funnelSteps(doc, rep), `${rep.rep}: conversion against the team`)}
${rep.prompts.length > 0 ? html`<p><b>For the next 1:1</b></p><ul class="prompts">${rep.prompts.map((q) => html`<li>${q.text}</li>`)}</ul>` : ''}
</div>`;
}

/** Summary tiles: pace, team attainment, days left. */
function tiles(doc: ReportDocument): SafeHtml {
  const att = teamAttainment(doc);
  const close = doc.stages[doc.stages.length - 1];
  const withGoal = doc.reps.filter((r) => r.goal !== null);
  const behind = withGoal.filter((r) => r.status === 'behind' || r.status === 'critical').length;
  const critical = withGoal.filter((r) => r.status === 'critical').length;
  const reached = withGoal.filter((r) => r.status === 'reached').length;
  return html`<table class="tiles" role="presentation"><tr>
<td class="tile"><b>${behind} of ${withGoal.length}</b>reps behind pace${critical > 0 ? `, ${critical} far behind` : ''}${reached > 0 ? `; ${reached} reached the goal` : ''}</td>
<td class="tile"><b>${att ? `${int(att.done)} of ${goalNumber(att.goal)}` : '–'}</b>${close.label.toLowerCase()} against the team's goals${att ? ` (${percent(att.share)})` : ''}</td>
<td class="tile"><b>${doc.period.workingDaysLeft} of ${doc.period.workingDays}</b>working days left</td>
</tr></table>`;
}

/** `funnel report` as one HTML page. */
export function renderReportHtml(doc: ReportDocument, options: HtmlReportOptions = {}): string {
  const stages = doc.stages;
  const labels = stages.map((s) => shortLabel(s, DEFAULT_LABELS));
  const close = stages[stages.length - 1];
  const title = `Funnel report: ${doc.period.label}`;
  if (doc.reps.length === 0) {
    return page(title, html`<h1>${title}</h1><p class="sub">${periodLine(doc)}</p><p>No reps: no events in the period or the lookback, and none named in the config or targets.</p>`);
  }
  const doneRows = doc.reps.map((r) => [r.rep, r.goal === null ? '–' : goalNumber(r.goal), ...stages.map((s) => countCell(r, s.id)), worthText(doc, r), badge(r)]);
  const share = goalShareNote(doc);
  const ratioRows = doc.reps.map((r) => [r.rep, int(r.closesInLookback), ...stages.slice(0, -1).map((s) => dec(r.ratios[s.id]))]);
  const body = html`<h1>${title}</h1>
<p class="sub">${periodLine(doc)}.</p>
${warningLines(doc).map((w) => html`<p class="warn">Warning: ${w}</p>`)}
${tiles(doc)}
<h2>Done this period</h2>
${grid(['Rep', 'Goal', ...labels, 'Worth', 'Status'], doneRows, { teamRow: ['Team', '', ...stages.map((s) => int(doc.team.counts[s.id])), '', ''] })}
<p class="note">▲ behind pace, ▼ far behind (under 80 % of the pace needed). Worth: the closes the weakest stage's pace is worth at the rep's ratios.${share ? ` Goals for ${doc.period.label} are ${share} (by working days).` : ''}</p>
<h2>Reps</h2>
${doc.reps.map((r) => repCard(doc, r, options.weekly))}
<h2>Activity per close</h2>
<p class="note">From ${doc.lookback.start} to ${doc.lookback.end}; each rep blended toward the team.</p>
${grid(['Rep', labels[labels.length - 1], ...labels.slice(0, -1)], ratioRows, { teamRow: ['Team', int(doc.team.lookbackCounts[close.id]), ...stages.slice(0, -1).map((s) => dec(doc.team.ratios[s.id]))] })}
<p class="foot">Input: ${inputLine(doc)}. Made by funnel.</p>`;
  return page(title, body);
}

/** `funnel needed` as one HTML page. */
export function renderNeededHtml(doc: NeededDocument): string {
  const p = doc.period;
  const [title, from] = neededTitle(doc).split(`, as of ${doc.asOf}, `);
  const rows = doc.stages.map((s) => [s.label, dec(s.perClose), int(s.required), int(s.done), int(s.remaining), dec(s.perWorkingDay), dec(s.perWeek)]);
  return page(
    title,
    html`<h1>${title}</h1>
<p class="sub">As of ${doc.asOf}, ${from}. ${plural(p.workingDaysLeft, 'working day')} left of ${p.workingDays} (${p.start} to ${p.end}).</p>
${grid(['Stage', 'Per close', 'Needed', 'Done', 'Left', 'Per day', 'Per week'], rows)}
${doc.stages.some((s) => s.perClose === null) ? html`<p class="note">– : no ratio yet (no closes in the lookback): nothing to plan from.</p>` : ''}
${p.workingDaysLeft === 0 ? html`<p class="note">No working days left in the period: per-day numbers are not defined.</p>` : ''}
${neededNotes(doc).map((n) => html`<p class="note">${n}</p>`)}
<p class="foot">Made by funnel.</p>`,
  );
}

/** `funnel inspect` as one HTML page. */
export function renderInspectHtml(doc: InspectDocument): string {
  const title = 'Input files';
  const summary = doc.files.map((f) => [
    f.path, f.format, f.encoding, f.source ? `${f.source}${f.preset ? ` (${f.preset})` : ''}` : 'no source',
    int(f.rows), int(f.used), int(f.ignored), int(f.rejected), f.dateRange ? `${f.dateRange.start} to ${f.dateRange.end}` : '–',
  ]);
  const files = doc.files.map(
    (f) => html`<div class="rep">
<h3>${f.path}</h3>
<p class="facts">${f.format}, ${f.encoding}${f.delimiter === null ? '' : `, delimiter ${f.delimiter === '\t' ? 'tab' : `"${f.delimiter}"`}`}; stages: ${f.stages.join(', ') || 'none'}</p>
<p class="note">Headers (${f.headers.length}): ${f.headers.join(', ') || '–'}</p>
${f.reps.length > 0 ? html`<p class="note">Reps (${f.reps.length}): ${f.reps.join(', ')}</p>` : ''}
${f.warnings.map((w) => html`<p>Warning: ${w}</p>`)}
${f.rejects.length > 0 ? grid(['Line', 'Reason'], f.rejects.map((r) => [int(r.line), r.reason]), { leftColumns: 2 }) : ''}
${f.rejected > f.rejects.length ? html`<p class="note">… and ${plural(f.rejected - f.rejects.length, 'more')}.</p>` : ''}
</div>`,
  );
  return page(
    title,
    html`<h1>${title}</h1>
<p class="sub">Config: ${doc.config ?? 'none'}</p>
${grid(['File', 'Format', 'Encoding', 'Read by', 'Rows', 'Used', 'Ignored', 'Rejected', 'Dates'], summary, { leftColumns: 4 })}
${files}
<p class="foot">Made by funnel.</p>`,
  );
}

/** `funnel trend` as one HTML page: a card per rep, then the team; a sparkline per row. */
export function renderTrendHtml(doc: TrendReport): string {
  const first = doc.weeks[0];
  const last = doc.weeks[doc.weeks.length - 1];
  const title = `Trend: ${plural(doc.weeks.length, 'week')}, ${first.label} to ${last.label}`;
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const short = (id: string) => {
    const stage = doc.stages.find((s) => s.id === id);
    return stage ? shortLabel(stage, DEFAULT_LABELS) : id;
  };
  const head = ['Stage', ...doc.weeks.map((w) => (w.isPartial ? `${w.label}*` : w.label)), 'Trend', 'WoW'];
  const card = (rep: RepTrend, name: string) => {
    const rows = rep.stages.map((s) => [
      s.isDeclining ? html`${label(s.stage)} <span class="mark m-critical" title="declining">▼</span>` : label(s.stage),
      ...s.counts.map((n) => int(n)),
      sparkline(s.perWorkingDay.map((v) => v ?? 0), `${label(s.stage)} per working day`, { isLastPartial: last.isPartial }),
      signedPercent(s.change),
    ]);
    for (const c of rep.conversion) {
      rows.push([
        `${short(c.from)} → ${short(c.to)}`,
        ...c.rates.map((r) => (r === null ? '–' : `${Math.round(r * 100)}%`)),
        sparkline(c.rates.map((r) => r ?? 0), `${short(c.from)} to ${short(c.to)}`, { isLastPartial: last.isPartial }),
        signedPoints(c.change),
      ]);
    }
    return html`<div class="rep">
<h3>${name}${rep.declining.length > 0 ? html` <span class="badge critical">declining: ${rep.declining.map((s) => label(s).toLowerCase()).join(', ')}</span>` : ''}</h3>
${grid(head, rows)}
</div>`;
  };
  return page(
    title,
    html`<h1>${title}</h1>
<p class="sub">${first.start} to ${last.isPartial ? doc.asOf : last.end}, as of ${doc.asOf}. ${last.isPartial ? '* week so far. ' : ''}Trend: activity per working day, so short weeks do not look like slumps. WoW: last complete week against the one before.</p>
${doc.reps.length === 0 ? html`<p>No reps: no events in these weeks, and none named in the config or targets.</p>` : ''}
${doc.reps.map((r) => card(r, r.rep))}
<h2>Team</h2>
${card(doc.team, 'Team')}
<p class="foot">Made by funnel.</p>`,
  );
}
