import { int } from '../report/format.js';
import { html, type SafeHtml } from '../report/html-template.js';
import { grid, page, repPictures, teamPictures, viewBody } from '../report/html.js';
import { repView } from '../report/rep-view.js';
import { teamView } from '../report/team-view.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import type { WeeklyActivity } from '../model/weekly.js';
import type { Digest, RepDigest, StageChange } from './digest.js';
import { changeText, commitmentText, weekSpan } from './text.js';

// The HTML part of the e-mail: the report's style sheet, views and pictures, one column. The
// pictures are table cells (every mail client draws them); the small SVG sparklines and the
// conversion chart of a rep's own e-mail show in Apple Mail, iOS Mail and Thunderbird, and are
// left out by Gmail and Outlook for Windows, where the same numbers stand in the tables beside them.

function changeCell(c: StageChange): SafeHtml {
  const color = c.change === null || Math.round(c.change * 100) === 0 ? '#5b6b7b' : c.change > 0 ? '#1b6338' : '#9b2116';
  return html`<span style="color:${color}">${changeText(c)}</span>`;
}

function weekOnWeek(d: Digest, changes: StageChange[]): SafeHtml {
  return html`<h2>This week vs last week</h2>
<p class="note">${weekSpan(d)}.</p>
${grid(['Stage', 'This week', 'Last week', 'Change'], changes.map((c) => [c.label, int(c.thisWeek), int(c.lastWeek), changeCell(c)]))}`;
}

/** The team digest as an HTML page: the team picture first, the week against the last, then the team view. */
export function renderTeamHtml(d: Digest, subject: string): string {
  const doc = d.report;
  const committed = d.reps.filter((r) => r.commitments.length > 0);
  const extra = html`${weekOnWeek(d, d.team.changes)}
${committed.length > 0 ? html`<h2>Commitments due</h2><ul class="lines">${committed.flatMap((r) => r.commitments.map((c) => html`<li><b>${r.rep}</b>: ${commitmentText(c)}.</li>`))}</ul>` : ''}`;
  const body = viewBody(teamView(doc), { team: html`${doc.reps.length > 0 ? teamPictures(doc) : ''}${extra}` }, { title: subject });
  return page(subject, html`${body}
<p class="foot">Sent by funnel.</p>`);
}

/** One rep's own digest as an HTML page: their 1:1 view, written to them, with their pictures. */
export function renderRepHtml(d: Digest, r: RepDigest, doc: ReportDocument, entry: RepEntry, subject: string, weekly?: WeeklyActivity): string {
  const view = repView({ ...doc, reps: [entry] }, 'rep');
  const body = viewBody(view, { rep: () => html`${repPictures(doc, entry, weekly)}${weekOnWeek(d, r.changes)}` }, { title: subject });
  return page(subject, html`${body}
<p class="foot">Sent by funnel.</p>`);
}
