// Every format of every document, rendered from the documents the CLI builds for the example
// (test/report/fixtures, made by `npm run fixtures`) and compared with golden files byte for byte.
// Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/report
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderInspect, renderNeeded, renderReport, renderTrend, type Format } from '../../src/report/render.js';
import { GOLDEN, inspect, needed, report, trend, weekly } from './fixtures.js';

const chalk = new Chalk({ level: 0 });
const EXT: Partial<Record<Format, string>> = { table: 'txt', csv: 'csv', markdown: 'md', html: 'html' };

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe.each(['table', 'csv', 'markdown', 'html'] as const)('%s', (format) => {
  const ext = EXT[format];
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
