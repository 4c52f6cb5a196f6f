// Every human format shows the same sections for the same view: the team view (report, the team
// e-mail) and the 1:1 view (report --rep, a rep's own e-mail). The views are built once
// (src/report/team-view.ts, rep-view.ts); this test fails when a renderer drops a section, its
// title or its first sentence, and pins which sections the example has.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestWeek } from '../../src/email/digest.js';
import { renderRepHtml, renderTeamHtml } from '../../src/email/html.js';
import { renderRepText, renderTeamText } from '../../src/email/text.js';
import type { ReportDocument } from '../../src/model/report.js';
import { FORMAT_RENDERERS, renderReport } from '../../src/report/render.js';
import { repView } from '../../src/report/rep-view.js';
import { teamView } from '../../src/report/team-view.js';
import { REP_SECTIONS, TEAM_SECTIONS, sectionsOf, type View } from '../../src/report/view.js';
import { report, weekly } from './fixtures.js';

const chalk = new Chalk({ level: 0 });
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** What a reader sees: tags dropped and entities decoded (HTML), escapes dropped (markdown), spaces collapsed. */
function readable(text: string): string {
  return text
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<\/?(b|span)\b[^>]*>/g, '')
    .replace(/<[a-z/!][^>]*>/gi, ' ')
    .replace(/\*\*/g, '')
    .replace(/&[a-z#0-9]+;/g, (m) => ENTITIES[m] ?? m)
    .replace(/\\([\\|`*_[\]<>])/g, '$1')
    .replace(/\s+/g, ' ');
}

/** The title of each section and the first words of its first line, as every format must show them. */
function expectations(view: View): { key: string; text: string }[] {
  return sectionsOf(view).flatMap((s) => {
    const first = s.blocks.find((b) => b.kind === 'lines');
    const line = first?.kind === 'lines' ? first.lines[0].text.split(' ').slice(0, 6).join(' ') : null;
    return [{ key: s.key, text: s.title }, ...(line ? [{ key: s.key, text: line }] : [])];
  });
}

function digestOf(doc: ReportDocument) {
  const zero = Object.fromEntries(doc.stages.map((s) => [s.id, 0]));
  const week: DigestWeek = { isoWeek: 47, start: '2026-11-16', end: '2026-11-18', isPartial: true, previousStart: '2026-11-09', previousEnd: '2026-11-11' };
  const none = { start: week.start, end: week.end, team: zero, reps: {} };
  return buildDigest({ report: doc, week, thisWeek: none, lastWeek: { ...none, start: week.previousStart, end: week.previousEnd } });
}

/** The report with only Kenji Watanabe, as `--rep "Kenji Watanabe"` builds it. */
function kenjiOnly(): ReportDocument {
  const doc = report();
  doc.reps = doc.reps.filter((r) => r.rep === 'Kenji Watanabe');
  return doc;
}

const HUMAN = Object.keys(FORMAT_RENDERERS).filter((f) => f !== 'json' && f !== 'csv') as ('table' | 'markdown' | 'html')[];

describe('the team view', () => {
  const doc = report();
  const view = teamView(doc);
  const digest = digestOf(doc);
  const outputs: [string, string][] = [
    ...HUMAN.map((f): [string, string] => [f, renderReport(doc, f, { chalk, weekly: weekly(doc) })]),
    ['e-mail text', renderTeamText(digest, 'subject')],
    ['e-mail html', renderTeamHtml(digest, 'subject')],
  ];

  it('has every team section for the example', () => {
    expect(sectionsOf(view).map((s) => s.key)).toEqual(TEAM_SECTIONS);
  });

  it.each(outputs)('%s shows every section with its first sentence', (_, output) => {
    const text = readable(output);
    for (const { key, text: expected } of expectations(view)) expect(text, `section ${key}`).toContain(readable(expected));
  });

  it.each(outputs)("%s shows Kenji's decline and the prompt about it", (_, output) => {
    const text = readable(output);
    expect(text).toContain('Kenji Watanabe: per working day since 2026-11-02: dials 17 → 7 (−59%)');
    expect(text).toContain('Kenji, your dials per day dropped from 17 to 7 two weeks ago: what changed?');
  });
});

describe('the 1:1 view', () => {
  const doc = kenjiOnly();
  const view = repView(doc);
  const digest = digestOf(doc);
  const entry = doc.reps[0];
  const manager: [string, string][] = HUMAN.map((f) => [f, renderReport(doc, f, { chalk, isDetail: true, weekly: weekly(doc) })]);
  const rep: [string, string][] = [
    ['e-mail text', renderRepText(digest, digest.reps[0], doc, entry, 'subject')],
    ['e-mail html', renderRepHtml(digest, digest.reps[0], doc, entry, 'subject', weekly(doc))],
  ];

  it("has every 1:1 section for Kenji Watanabe", () => {
    expect(sectionsOf(view).map((s) => s.key)).toEqual(REP_SECTIONS);
  });

  it.each(manager)('%s shows every section, the chance, the check-in and the caveats', (_, output) => {
    const text = readable(output);
    for (const { key, text: expected } of expectations(view)) expect(text, `section ${key}`).toContain(readable(expected));
    expect(text).toContain('1% likely to reach 4 by 2026-11-30');
    expect(text).toContain('check-in: not recorded');
    expect(text).toContain('23.8%–27.4%');
    expect(text).toContain('Dials 17 → 7 a working day since 2026-11-02 (−59%).');
    expect(text).toContain('[wait for the answer]');
  });

  it.each(rep)('%s shows the same sections, written to the rep, with no stage directions', (_, output) => {
    const text = readable(output);
    const repSide = repView(doc, 'rep');
    expect(sectionsOf(repSide).map((s) => s.key)).toEqual(REP_SECTIONS);
    for (const { key, text: expected } of expectations(repSide)) expect(text, `section ${key}`).toContain(readable(expected));
    expect(text).toContain('To prepare for your 1:1');
    expect(text).toContain('Your dials per day dropped from 17 to 7 two weeks ago.');
    expect(text).toContain('You need 485 dials for 4 closes');
    expect(text).not.toContain('[wait');
    expect(text).not.toContain('Kenji, your goal is');
    expect(text).not.toContain('For the 1:1');
  });
});

describe('honest rates', () => {
  // A window rate above 100 %: more proposals than 2nd meetings (a cohort mismatch).
  const doc = kenjiOnly();
  Object.assign(doc.reps[0].conversion[4], { rate: 1.071, low: 0.895, high: 1 });
  const outputs: [string, string][] = HUMAN.map((f) => [f, renderReport(doc, f, { chalk, isDetail: true })]);

  it.each(outputs)('%s says so in words instead of a range that excludes the rate', (_, output) => {
    const text = readable(output);
    expect(text).toContain('above 100%');
    expect(text).toContain('2nd meetings → proposals, 107.1%: more proposals than 2nd meetings in the lookback');
    expect(text).not.toContain('89.5%–100.0%');
  });
});
