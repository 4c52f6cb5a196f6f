// Every format of every document, rendered from the documents the CLI builds for the example
// (test/report/fixtures, made by `npm run fixtures`) and compared with golden files byte for byte.
// Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/report
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestWeek } from '../../src/email/digest.js';
import { renderRepHtml, renderTeamHtml } from '../../src/email/html.js';
import { renderRepText, renderTeamText } from '../../src/email/text.js';
import { FORMAT_RENDERERS, renderInspect, renderNeeded, renderReport, renderTrend, type Format } from '../../src/report/render.js';
import { GOLDEN, inspect, needed, report, trend, weekly } from './fixtures.js';

const chalk = new Chalk({ level: 0 });
// Every registered format but JSON (the fixtures are JSON) has goldens under its own extension.
const FORMATS = (Object.keys(FORMAT_RENDERERS) as Format[]).filter((f) => f !== 'json');

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe.each(FORMATS)('%s', (format) => {
  const ext = FORMAT_RENDERERS[format].extension;
  it('renders the report', () => {
    const doc = report();
    golden(`report.${ext}`, renderReport(doc, format, { chalk, weekly: weekly(doc) }));
  });
  it('renders the --rep detail view', () => {
    const doc = report();
    doc.reps = doc.reps.filter((r) => r.rep === 'Aisha Bello' || r.rep === 'Kenji Watanabe');
    golden(`report-rep.${ext}`, renderReport(doc, format, { chalk, isDetail: true }));
  });
  it('renders needed', () => {
    golden(`needed.${ext}`, renderNeeded(needed(), format, { chalk }));
  });
  it('renders inspect', () => {
    golden(`inspect.${ext}`, renderInspect(inspect(), format, { chalk }));
  });
  it('renders trend', () => {
    golden(`trend.${ext}`, renderTrend(trend(), format, { chalk }));
  });
});

describe('the e-mail digest', () => {
  // Week-on-week counts made up for the test: the rest comes from the example's report.
  const doc = report();
  const week: DigestWeek = { isoWeek: 47, start: '2026-11-16', end: '2026-11-18', isPartial: true, previousStart: '2026-11-09', previousEnd: '2026-11-11' };
  const counts = (dial: number) => Object.fromEntries(doc.stages.map((s, i) => [s.id, Math.max(0, dial >> (2 * i))]));
  const range = (start: string, end: string, dial: number) => ({ start, end, team: counts(dial * 5), reps: Object.fromEntries(doc.reps.map((r) => [r.rep, counts(dial)])) });
  const digest = buildDigest({ report: doc, week, thisWeek: range(week.start, week.end, 40), lastWeek: range(week.previousStart, week.previousEnd, 52) });
  const kenji = doc.reps.findIndex((r) => r.rep === 'Kenji Watanabe');

  it('renders the team digest as text and HTML', () => {
    golden('digest-team.txt', renderTeamText(digest, 'Week 47 (2026-11): 2 of 5 reps behind pace'));
    golden('digest-team.html', renderTeamHtml(digest, 'Week 47 (2026-11): 2 of 5 reps behind pace'));
  });
  it("renders a rep's own digest as text and HTML", () => {
    const subject = 'Week 47 (2026-11): Kenji Watanabe, far behind pace (0 of 4 closes)';
    golden('digest-rep.txt', renderRepText(digest, digest.reps[kenji], doc, doc.reps[kenji], subject));
    golden('digest-rep.html', renderRepHtml(digest, digest.reps[kenji], doc, doc.reps[kenji], subject, weekly(doc)));
  });
});

describe('every format', () => {
  it('never carries colour codes, even with a colour chalk', () => {
    const colour = new Chalk({ level: 3 });
    for (const format of ['json', 'csv', 'markdown', 'html'] as const) {
      expect(renderReport(report(), format, { chalk: colour })).not.toMatch(/\x1b\[/);
      expect(renderNeeded(needed(), format, { chalk: colour })).not.toMatch(/\x1b\[/);
      expect(renderInspect(inspect(), format, { chalk: colour })).not.toMatch(/\x1b\[/);
      expect(renderTrend(trend(), format, { chalk: colour })).not.toMatch(/\x1b\[/);
    }
  });
});
