import { stringify } from 'csv-stringify/sync';
import type { FormatRenderers } from './registry.js';
import type { RepTrend, TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { ReportDocument } from '../model/report.js';

// CSV for spreadsheets and scripts: RFC 4180 (CRLF, quotes doubled), one header row, numbers as
// numbers (full precision, `.` decimal point), null as an empty cell.

/** A cell: numbers stay numbers so the formula guard never touches a negative value. */
export type Cell = string | number | null;

/**
 * Spreadsheets run a cell that starts with = + - @ tab or CR as a formula; csv-stringify's
 * `escape_formulas` prefixes those strings with `'`. NUL is not on its list, so it is guarded here.
 */
const NUL_GUARD = (value: string): string => (value.startsWith('\0') ? `'${value}` : value);

/** Rows to RFC 4180 text with formula injection neutralised. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows], {
    escape_formulas: true,
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the whole record delimiter only; a bare CR or LF must be quoted too.
    quoted_match: /[\r\n]/,
    cast: { string: NUL_GUARD },
  });
}

/** `funnel report` as CSV: one row per rep and stage. */
export function renderReportCsv(doc: ReportDocument): string {
  const header = [
    'period', 'period_start', 'period_end', 'as_of', 'rep', 'goal', 'status', 'stage', 'stage_label',
    'done', 'lookback', 'per_close', 'raw_per_close', 'team_per_close',
    'required', 'remaining', 'per_working_day', 'projected', 'shortfall_gap', 'shortfall_severity',
    'activity_worth', 'best_per_working_day', 'beyond_history',
  ];
  const p = doc.period;
  const rows: Cell[][] = [];
  for (const rep of doc.reps) {
    for (const s of doc.stages) {
      const need = rep.needed[s.id];
      const short = rep.shortfalls.find((x) => x.stage === s.id);
      rows.push([
        p.label, p.start, p.end, doc.asOf, rep.rep, rep.goal, rep.status, s.id, s.label,
        rep.counts[s.id] ?? 0, rep.lookbackCounts[s.id] ?? 0, rep.ratios[s.id] ?? null, rep.rawRatios[s.id] ?? null, doc.team.ratios[s.id] ?? null,
        need?.required ?? null, need?.remaining ?? null, need?.perWorkingDay ?? null, need?.projected ?? null,
        short?.gap ?? null, short?.severity ?? null,
        rep.activityWorth[s.id] ?? null, rep.bestPerWorkingDay[s.id] ?? null, rep.beyondHistory.includes(s.id) ? 'yes' : null,
      ]);
    }
  }
  return toCsv(header, rows);
}

/** `funnel needed` as CSV: one row per stage. */
export function renderNeededCsv(doc: NeededDocument): string {
  const header = [
    'period', 'as_of', 'rep', 'goal', 'ratios_from', 'stage', 'stage_label',
    'per_close', 'required', 'done', 'remaining', 'per_working_day', 'per_week', 'projected',
  ];
  const rows = doc.stages.map((s): Cell[] => [
    doc.period.label, doc.asOf, doc.rep, doc.goal, doc.ratiosFrom, s.stage, s.label,
    s.perClose, s.required, s.done, s.remaining, s.perWorkingDay, s.perWeek, s.projected,
  ]);
  return toCsv(header, rows);
}

/** `funnel inspect` as CSV: one row per file (rejected rows: `--format json` or `--rejects`). */
export function renderInspectCsv(doc: InspectDocument): string {
  const header = [
    'path', 'format', 'encoding', 'delimiter', 'preset', 'source', 'stages', 'headers',
    'rows', 'used', 'ignored', 'rejected', 'first_date', 'last_date', 'reps', 'warnings',
  ];
  const rows = doc.files.map((f): Cell[] => [
    f.path, f.format, f.encoding, f.delimiter === '\t' ? 'tab' : f.delimiter, f.preset, f.source,
    f.stages.join(' '), f.headers.join('; '),
    f.rows, f.used, f.ignored, f.rejected, f.dateRange?.start ?? null, f.dateRange?.end ?? null,
    f.reps.join('; '), f.warnings.join('; '),
  ]);
  return toCsv(header, rows);
}

/** `funnel trend` as CSV: one row per rep (or `team`), stage or step, and week. */
export function renderTrendCsv(doc: TrendReport): string {
  const header = ['scope', 'rep', 'kind', 'stage', 'to_stage', 'week', 'week_start', 'week_end', 'is_partial', 'count', 'working_days', 'per_working_day', 'rate', 'is_declining'];
  const rows: Cell[][] = [];
  const add = (scope: 'rep' | 'team', rep: RepTrend) => {
    for (const s of rep.stages) {
      doc.weeks.forEach((w, i) => {
        rows.push([scope, scope === 'team' ? null : rep.rep, 'stage', s.stage, null, w.label, w.start, w.end, w.isPartial ? 1 : 0, s.counts[i], s.workingDays[i], s.perWorkingDay[i], null, s.isDeclining ? 1 : 0]);
      });
    }
    for (const c of rep.conversion) {
      doc.weeks.forEach((w, i) => {
        rows.push([scope, scope === 'team' ? null : rep.rep, 'step', c.from, c.to, w.label, w.start, w.end, w.isPartial ? 1 : 0, null, null, null, c.rates[i], null]);
      });
    }
  };
  for (const rep of doc.reps) add('rep', rep);
  add('team', doc.team);
  return toCsv(header, rows);
}

/** `--format csv`: one row per rep and stage (report), per stage (needed), per file (inspect), per week (trend). */
export const csvFormat: FormatRenderers = {
  extension: 'csv',
  report: (doc) => renderReportCsv(doc),
  needed: (doc) => renderNeededCsv(doc),
  inspect: (doc) => renderInspectCsv(doc),
  trend: (doc) => renderTrendCsv(doc),
};
