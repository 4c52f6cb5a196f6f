import { DEFAULT_LABELS } from '../engine/model.js';
import type { RepTrend, TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import type { WeeklyActivity } from '../model/weekly.js';
import type { FormatRenderers } from './registry.js';
import { neededChart, perWorkingDay, repStageChart, teamChart, teamFunnelChart } from './charts.js';
import { dec, int, percent, plural, shortLabel, signedPercent, signedPoints } from './format.js';
import { html, trusted, type SafeHtml } from './html-template.js';
import { repView } from './rep-view.js';
import { funnelSteps } from './steps.js';
import { funnelChart, sparkline } from './svg.js';
import { teamView } from './team-view.js';
import { cellText, type Block, type CellLike, type Line, type Section, type View } from './view.js';
import { neededNotes, neededTitle, trendOddRates } from './words.js';

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
.rep{border:1px solid #dfe5eb;border-radius:8px;padding:12px 14px;margin:12px 0}
.facts{font-size:14px}
.facts svg{vertical-align:middle;margin-left:6px}
ul.prompts{margin:6px 0;padding-left:20px}
svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}
.foot{margin-top:28px;border-top:1px solid #e6eaef;padding-top:8px}
.summary{font-size:16px;margin:10px 0}
.t-critical{color:#9b2116}.t-behind,.t-warn{color:#7c4a00}.t-good{color:#1b6338}.t-dim{color:#5b6b7b}
ul.lines{margin:6px 0;padding-left:20px}ol.prompts{margin:6px 0;padding-left:24px}ol.prompts li,ul.lines li{margin:3px 0}
p.group{margin:10px 0 2px}p.cont{padding-left:14px}
.rep h2{margin-top:4px;border-bottom:0}
table.bars{border-collapse:collapse;width:100%;margin:8px 0 2px;font-size:13px}
table.bars td{vertical-align:middle}
td.bl{width:30%;overflow-wrap:anywhere}
td.bv{width:1%;font-variant-numeric:tabular-nums}
td.bx{width:1%}
.bd{color:#5b6b7b;font-size:12px}
table.bar{border-collapse:collapse;table-layout:fixed;width:100%}
table.bar td{padding:0}
@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{background:#fff}.page{max-width:none;padding:0}.rep,section.sec,table.bars tr{break-inside:avoid}.scroll{overflow:visible}}
@media (max-width:520px){.page{padding:12px 10px}td.bx{display:none}td.bl{width:34%}}
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

/** A status badge: the word, coloured (colour never carries meaning alone). */
function statusBadge(text: string, cls: string): SafeHtml {
  return html`<span class="badge ${cls}">${text}</span>`;
}

function cellHtml(c: CellLike): string | SafeHtml {
  if (typeof c === 'string') return c;
  if (c.badge) return statusBadge(c.text, c.badge);
  const text = c.tone ? html`<span class="t-${c.tone}">${c.text}</span>` : c.text;
  if (!c.mark) return text;
  return html`${c.text}<span class="mark ${c.mark === '▼' ? 'm-critical' : 'm-behind'}" title="${c.mark === '▼' ? 'far behind pace' : 'behind pace'}">${c.mark}</span>`;
}

function lineHtml(l: Line): SafeHtml {
  const mark = l.mark ? html`<span class="mark ${l.mark === '▼' ? 'm-critical' : 'm-behind'}">${l.mark}</span> ` : '';
  return html`${mark}${l.lead ? html`<b>${l.lead}</b>: ` : ''}${l.text}`;
}

const toneClass = (l: Line) => (l.tone ? ` t-${l.tone}` : '');

function blockHtml(b: Block): SafeHtml {
  if (b.kind === 'table') {
    const rows = b.rows.map((r) => r.map(cellHtml));
    return grid(b.head, rows, { teamRow: b.total?.map(cellHtml), leftColumns: b.leftColumns });
  }
  const title = b.title ? html`<p class="group"><b>${b.title}</b></p>` : '';
  if (b.list === 'numbered') return html`${title}<ol class="prompts">${b.lines.map((l) => html`<li class="${toneClass(l).trim()}">${lineHtml(l)}</li>`)}</ol>`;
  if (b.list === 'bullets') return html`${title}<ul class="lines">${b.lines.map((l) => html`<li class="${toneClass(l).trim()}">${lineHtml(l)}</li>`)}</ul>`;
  return html`${title}${b.lines.map((l) => html`<p class="${`line${toneClass(l)}${l.isContinued ? ' cont' : ''}`}">${lineHtml(l)}</p>`)}`;
}

function sectionHtml(s: Section, level: 'h2' | 'h3'): SafeHtml {
  const heading = level === 'h2' ? html`<h2>${s.title}</h2>` : html`<h3>${s.title}</h3>`;
  return html`<section class="sec" data-section="${s.key}">${heading}
${s.note ? html`<p class="note">${capitalize(s.note)}.</p>` : ''}
${s.blocks.map(blockHtml)}
</section>
`;
}

/** Pictures to put before a view's sections: the team's, and one rep's. */
export interface ViewPictures {
  team?: SafeHtml;
  rep?: (rep: string) => SafeHtml | null;
}

/** A view's body: title, facts, pictures, then every section (used by the report and the e-mail). */
export function viewBody(view: View, pictures: ViewPictures = {}, opts: { title?: string } = {}): SafeHtml {
  const warnings = view.facts.filter((f) => f.text.startsWith('Warning: '));
  const summary = view.kind === 'team' ? view.facts[view.facts.length - 1] : null;
  const facts = view.facts.filter((f) => !warnings.includes(f) && f !== summary);
  const parts = view.parts.map((p) => {
    if (!p.heading) {
      return html`${p.facts.map((f) => html`<p>${lineHtml(f)}</p>`)}${p.sections.map((s) => sectionHtml(s, 'h2'))}${p.closing.map((l) => html`<p class="note">${lineHtml(l)}</p>`)}`;
    }
    const [goal, status, ...rest] = p.heading.items;
    const picture = pictures.rep?.(p.heading.name) ?? '';
    return html`<div class="rep" data-rep="${p.heading.name}">
<h2>${p.heading.name} ${cellHtml(status)}</h2>
<p class="facts">${cellText(goal)}${rest.map((c) => html` · ${cellText(c)}`)}</p>
${p.facts.map((f) => html`<p class="${`line${toneClass(f)}`}">${lineHtml(f)}</p>`)}
${picture}
${p.sections.map((s) => sectionHtml(s, 'h3'))}
</div>
`;
  });
  return html`<h1>${opts.title ?? view.title}</h1>
<p class="sub">${facts.map((f, i) => html`${i > 0 ? ' ' : ''}${f.text}`)}</p>
${warnings.map((w) => html`<p class="warn">${w.text}</p>`)}
${summary ? html`<p class="summary"><b>${capitalize(summary.text)}</b></p>` : ''}
${pictures.team ?? ''}
${parts}`;
}

export interface HtmlReportOptions {
  /** Weekly activity for sparklines, when the caller has it. */
  weekly?: WeeklyActivity;
  /** The `--rep` view. */
  isDetail?: boolean;
}

/** The team's pictures: each rep's closes against goal, then the team funnel against target. */
export function teamPictures(doc: ReportDocument, weekly?: WeeklyActivity): SafeHtml {
  const funnel = teamFunnelChart(doc);
  return html`<section class="pictures"><h2>The team at a glance</h2>
${teamChart(doc, weekly)}
${funnel ? html`<h3>Team funnel against target</h3>${funnel}` : ''}
</section>`;
}

/** A rep's pictures: activity a working day week by week, and each stage against the need. */
export function repPictures(doc: ReportDocument, rep: RepEntry, weekly?: WeeklyActivity): SafeHtml {
  const series = weekly?.reps[rep.rep];
  const stage = doc.stages.find((s) => s.id === weekly?.stage)?.label.toLowerCase() ?? '';
  const days = weekly?.repWorkingDays?.[rep.rep] ?? weekly?.teamWorkingDays;
  const rates = series ? perWorkingDay(series, days) : [];
  const lastRate = rates[rates.length - 1];
  const spark =
    series && series.length > 0
      ? html`<p class="facts">${capitalize(stage)} a working day, last ${series.length} weeks: ${sparkline(rates, `${stage} a working day`, { isLastPartial: weekly?.isLastPartial })} <span class="note">${lastRate === null ? '–' : dec(lastRate)}${weekly?.isLastPartial ? ' this week so far' : ' last week'}</span></p>`
      : '';
  const bars = repStageChart(doc, rep);
  const close = doc.stages[doc.stages.length - 1];
  return html`${spark}${bars ?? ''}
<p class="note">Conversion to the next stage over the lookback (${int(rep.closesInLookback)} ${close.label.toLowerCase()}); the dark tick is the team.</p>
${funnelChart(funnelSteps(doc, rep), `${rep.rep}: conversion against the team`)}`;
}

/** `funnel report` as one HTML page: the team picture first, then the team view (or the 1:1 view). */
export function renderReportHtml(doc: ReportDocument, options: HtmlReportOptions = {}): string {
  const view = options.isDetail ? repView(doc) : teamView(doc);
  const title = `Funnel report: ${doc.period.label}`;
  const pictures: ViewPictures = options.isDetail
    ? { rep: (name) => {
        const rep = doc.reps.find((r) => r.rep === name);
        return rep ? repPictures(doc, rep, options.weekly) : null;
      } }
    : { team: doc.reps.length > 0 ? teamPictures(doc, options.weekly) : undefined };
  return page(title, html`${viewBody(view, pictures, { title })}
<p class="foot">Made by funnel.</p>`);
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
${neededChart(doc) ?? ''}
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
      sparkline(s.perWorkingDay, `${label(s.stage)} per working day`, { isLastPartial: last.isPartial }),
      signedPercent(s.change),
    ]);
    for (const c of rep.conversion) {
      rows.push([
        `${short(c.from)} → ${short(c.to)}`,
        ...c.rates.map((r) => percent(r)),
        sparkline(c.rates, `${short(c.from)} to ${short(c.to)}`, { isLastPartial: last.isPartial }),
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
${trendOddRates(doc).map((l) => html`<p class="note">${l}</p>`)}
<p class="foot">Made by funnel.</p>`,
  );
}

/** `--format html`: one self-contained page per document, pictures first. */
export const htmlFormat: FormatRenderers = {
  extension: 'html',
  report: (doc, o) => renderReportHtml(doc, { weekly: o.weekly, isDetail: o.isDetail }),
  needed: (doc) => renderNeededHtml(doc),
  inspect: (doc) => renderInspectHtml(doc),
  trend: (doc) => renderTrendHtml(doc),
};
