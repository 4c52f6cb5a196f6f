// Fixed documents for the renderer tests: the Acme example's numbers as of 2026-11-18, cut to a
// few reps, with one rep whose name and prompts try formula, markdown and HTML injection.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrendReport } from '../../src/engine/trend.js';
import type { InspectDocument } from '../../src/model/inspect.js';
import type { NeededDocument } from '../../src/model/needed.js';
import type { ReportDocument } from '../../src/model/report.js';
import type { WeeklyActivity } from '../../src/model/weekly.js';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const GOLDEN = join(HERE, 'golden');

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(HERE, 'fixtures', name), 'utf8')) as T;
}

export const report = (): ReportDocument => load<ReportDocument>('report.json');
export const needed = (): NeededDocument => load<NeededDocument>('needed.json');
export const inspect = (): InspectDocument => load<InspectDocument>('inspect.json');
export const trend = (): TrendReport => load<TrendReport>('trend.json');

/** Eight weeks of dials, the last one still running. */
export function weekly(doc: ReportDocument): WeeklyActivity {
  const weeks = Array.from({ length: 8 }, (_, i) => {
    const d = new Date(Date.UTC(2026, 8, 28 + 7 * i));
    const start = d.toISOString().slice(0, 10);
    const end = new Date(d.getTime() + 6 * 86400000).toISOString().slice(0, 10);
    return { start, end };
  });
  const series = [
    [92, 101, 88, 95, 110, 97, 104, 41],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [75, 80, 78, 90, 84, 88, 95, 52],
    [60, 58, 71, 66, 70, 62, 69, 30],
  ];
  return {
    stage: 'dial',
    weeks,
    isLastPartial: true,
    team: series[0].map((_, i) => series.reduce((n, s) => n + s[i], 0)),
    reps: Object.fromEntries(doc.reps.map((r, i) => [r.rep, series[i % series.length]])),
  };
}
