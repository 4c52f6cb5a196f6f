import { int } from '../report/format.js';
import { html, type SafeHtml } from '../report/html-template.js';
import { grid, page, repCard } from '../report/html.js';
import { goalNumber, percent } from '../report/words.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import type { WeeklyActivity } from '../model/weekly.js';
import type { Digest, RepDigest, StageChange } from './digest.js';
import { changeText, commitmentText, weekSpan } from './text.js';

// The HTML part of the e-mail: the report's style sheet and building blocks, one column.

function changeCell(c: StageChange): SafeHtml {
  const color = c.change === null || Math.round(c.change * 100) === 0 ? '#5b6b7b' : c.change > 0 ? '#1b6338' : '#9b2116';
  return html`<span style="color:${color}">${changeText(c)}</span>`;
}

function changeGrid(changes: StageChange[]): SafeHtml {
  return grid(['Stage', 'This week', 'Last week', 'Change'], changes.map((c) => [c.label, int(c.thisWeek), int(c.lastWeek), changeCell(c)]));
}

function statusBadge(r: RepDigest): SafeHtml {
  const cls = r.goal === null ? 'nogoal' : r.status;
  return html`<span class="badge ${cls}">${r.statusText}</span>`;
}

function heading(d: Digest, subject: string): SafeHtml {
  const p = d.period;
  return html`<h1>${subject}</h1>
<p class="sub">Period ${p.label} (${p.start} to ${p.end}), as of ${d.asOf}; ${p.workingDaysLeft} of ${p.workingDays} working days left.${d.goalNote ? ` Goals for ${p.label} are ${d.goalNote} (by working days).` : ''}</p>
${d.warnings.map((w) => html`<p class="warn">Warning: ${w}</p>`)}`;
}

/** The team digest as an HTML page. */
export function renderTeamHtml(d: Digest, subject: string): string {
  const att = d.team.attainment;
  const close = d.closeLabel.toLowerCase();
  const behind = d.reps.filter((r) => r.shortfall);
  const committed = d.reps.filter((r) => r.commitments.length > 0);
  const prompted = d.reps.filter((r) => r.prompts.length > 0);
  const rows = d.reps.map((r) => [r.rep, int(r.closes), r.goal === null ? '–' : goalNumber(r.goal), percent(r.attainment), int(r.gap), int(r.projectedCloses), statusBadge(r)]);
  const body = html`${heading(d, subject)}
${att ? html`<p><b>Team: ${int(att.done)} of ${goalNumber(att.goal)} ${close} (${percent(att.share)})</b>, ${goalNumber(Math.max(0, att.goal - att.done))} to go.</p>` : ''}
<h2>This week vs last week</h2>
<p class="note">${weekSpan(d)}.</p>
${changeGrid(d.team.changes)}
<h2>Attainment</h2>
${grid(['Rep', d.closeLabel, 'Goal', 'Attained', 'To go', 'On pace for', 'Status'], rows)}
${behind.length > 0 ? html`<h2>Behind pace</h2><ul class="prompts">${behind.map((r) => html`<li><b>${r.rep}</b> ${statusBadge(r)}: ${r.shortfall}.</li>`)}</ul>` : ''}
${committed.length > 0 ? html`<h2>Commitments due</h2><ul class="prompts">${committed.flatMap((r) => r.commitments.map((c) => html`<li><b>${r.rep}</b>: ${commitmentText(c)}.</li>`))}</ul>` : ''}
${prompted.length > 0 ? html`<h2>For the next 1:1</h2>${prompted.map((r) => html`<p><b>${r.rep}</b></p><ul class="prompts">${r.prompts.map((p) => html`<li>${p}</li>`)}</ul>`)}` : ''}
<p class="foot">Sent by funnel.</p>`;
  return page(subject, body);
}

/** One rep's own digest as an HTML page: their card, week on week, commitments. */
export function renderRepHtml(d: Digest, r: RepDigest, doc: ReportDocument, entry: RepEntry, subject: string, weekly?: WeeklyActivity): string {
  const body = html`${heading(d, subject)}
<h2>This week vs last week</h2>
<p class="note">${weekSpan(d)}.</p>
${changeGrid(r.changes)}
${r.commitments.length > 0 ? html`<h2>Commitments due</h2><ul class="prompts">${r.commitments.map((c) => html`<li>${commitmentText(c)}.</li>`)}</ul>` : ''}
<h2>This period</h2>
${repCard(doc, entry, weekly)}
<p class="foot">Sent by funnel.</p>`;
  return page(subject, body);
}
