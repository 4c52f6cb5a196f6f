import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { FunnelError } from '../errors.js';
import { parseDateRange } from '../engine/coaching/time-off.js';
import type { DateRange } from '../engine/model.js';
import { collapse } from '../text.js';

/** One rep's row of targets.csv that applies to the period. */
export interface Target {
  rep: string;
  goal: number | null;
  /** `commit_<stage>` columns: activity the rep committed to. */
  commitments: Record<string, number>;
  /** `commit_per` column: whether this row's commitments are per week (default) or for the period. */
  commitmentsPer: 'week' | 'period' | null;
  /** `time_off` column: days or ranges separated by spaces or semicolons. */
  timeOff: DateRange[];
  /** `check_in` column: how the rep wants to be held to account. */
  checkIn: string | null;
}

/** A rep's rows of targets.csv: the one without a period, and one per goal period. */
export interface RepTargets {
  rep: string;
  general: Target | null;
  /** By lower-case goal period label (`2026-11`, `2026-w47`, `2026-q4`). */
  byPeriod: Map<string, Target>;
}

/** How a goal period of each kind is written in the `period` column. */
const PERIOD_LABELS: Record<'week' | 'month' | 'quarter', { pattern: RegExp; example: string }> = {
  week: { pattern: /^(\d{4}-w\d{2}|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/i, example: '2026-W47' },
  month: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, example: '2026-11' },
  quarter: { pattern: /^\d{4}-q[1-4]$/i, example: '2026-Q4' },
};

/**
 * Reads targets.csv (`rep,goal[,period][,commit_<stage>...]`). A row with a period is that goal
 * period's (`goalPeriod`: a month `2026-11`, a week `2026-W47` or a quarter `2026-Q4`) and wins
 * over the rep's row without one. Small file: read whole.
 */
export function loadTargets(path: string, display: string, goalPeriod: 'week' | 'month' | 'quarter', stages: readonly string[]): Map<string, RepTargets> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FunnelError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', code === 'ENOENT' ? 'no such targets file' : `cannot read targets (${code})`, {
      where: { file: display },
      hint: 'check --targets or the targets key (relative to the config file)',
    });
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, delimiter: [',', ';', '\t'] });
  } catch (err) {
    throw new FunnelError('TARGETS_INVALID', `cannot parse: ${(err as Error).message}`, { where: { file: display } });
  }
  if (rows.length === 0) throw new FunnelError('TARGETS_INVALID', 'the file is empty; expected a header rep,goal', { where: { file: display } });
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const repCol = col('rep');
  const goalCol = col('goal');
  const periodCol = col('period');
  if (repCol < 0 || goalCol < 0) {
    throw new FunnelError('TARGETS_INVALID', `the header needs columns rep and goal (has ${header.join(', ')})`, { where: { file: display, line: 1 } });
  }
  const perCol = stages.includes('per') ? -1 : col('commit_per');
  const timeOffCol = col('time_off');
  const checkInCol = col('check_in');
  const commitCols = header
    .map((h, i) => ({ h, i }))
    .filter(({ h, i }) => h.startsWith('commit_') && i !== perCol)
    .map(({ h, i }) => {
      const stage = h.slice('commit_'.length);
      if (!stages.includes(stage)) {
        throw new FunnelError('TARGETS_INVALID', `column "${h}" names no stage; stages are ${stages.join(', ')}`, { where: { file: display, line: 1 } });
      }
      return { stage, i };
    });

  const number = (raw: string | undefined, what: string, line: number): number | null => {
    const v = (raw ?? '').trim();
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) {
      throw new FunnelError('TARGETS_INVALID', `${what} "${v}" is not a number ≥ 0`, { where: { file: display, line } });
    }
    return n;
  };

  const byRep = new Map<string, RepTargets>();
  const label = PERIOD_LABELS[goalPeriod];
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const rep = collapse(row[repCol] ?? '');
    if (rep === '') throw new FunnelError('TARGETS_INVALID', 'the rep is empty', { where: { file: display, line } });
    const period = periodCol >= 0 ? (row[periodCol] ?? '').trim() : '';
    if (period !== '' && !label.pattern.test(period)) {
      throw new FunnelError('TARGETS_INVALID', `period "${period}" is not a ${goalPeriod} (goalPeriod: ${goalPeriod})`, {
        where: { file: display, line },
        hint: `write the ${goalPeriod} the goal is for, e.g. ${label.example}, or set goalPeriod in the config to the period your goals are for`,
      });
    }
    const commitments: Record<string, number> = {};
    for (const c of commitCols) {
      const n = number(row[c.i], `commit_${c.stage}`, line);
      if (n !== null) commitments[c.stage] = n;
    }
    const per = perCol >= 0 ? (row[perCol] ?? '').trim().toLowerCase() : '';
    if (per !== '' && per !== 'week' && per !== 'period') {
      throw new FunnelError('TARGETS_INVALID', `commit_per "${per}" is not week or period`, { where: { file: display, line } });
    }
    const timeOff: DateRange[] = [];
    // Several ranges share one cell, split by spaces, semicolons, commas or |; quote the cell if it holds the delimiter.
    for (const part of (timeOffCol >= 0 ? (row[timeOffCol] ?? '') : '').split(/[\s;,|]+/).filter(Boolean)) {
      const range = parseDateRange(part);
      if (typeof range === 'string') throw new FunnelError('TARGETS_INVALID', `time_off: ${range}`, { where: { file: display, line } });
      timeOff.push(range);
    }
    const checkIn = checkInCol >= 0 ? collapse(row[checkInCol] ?? '') : '';
    const target: Target = {
      rep,
      goal: number(row[goalCol], 'goal', line),
      commitments,
      commitmentsPer: per === '' ? null : per,
      timeOff,
      checkIn: checkIn === '' ? null : checkIn,
    };
    const key = rep.toLowerCase();
    let entry = byRep.get(key);
    if (!entry) {
      entry = { rep, general: null, byPeriod: new Map() };
      byRep.set(key, entry);
    }
    const isTaken = period === '' ? entry.general !== null : entry.byPeriod.has(period.toLowerCase());
    if (isTaken) {
      throw new FunnelError('TARGETS_INVALID', `${rep} has two rows${period ? ` for ${period}` : ''}`, { where: { file: display, line } });
    }
    if (period === '') entry.general = target;
    else entry.byPeriod.set(period.toLowerCase(), target);
  });
  return byRep;
}
