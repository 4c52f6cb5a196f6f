import { addDaysStr } from './dates.js';
import type { Calendar, DateStr } from './model.js';
import { countWorkingDays } from './workdays.js';

/** A problem with the input as a whole: printed on stderr, carried in JSON, an error under --strict. */
export interface InputWarning {
  code: 'STALE_INPUT' | 'NO_MATCH';
  /** The file it is about, or null when it is about all of them. */
  file: string | null;
  message: string;
}

/** The newest event may be this many working days before as-of before the input is stale. */
export const STALE_WORKING_DAYS = 5;

/** The values most often found in a column the rules read, most common first. */
export interface ColumnValues {
  column: string;
  values: { value: string; count: number }[];
  /** Distinct values beyond those counted. */
  hasMore: boolean;
}

/**
 * `STALE_INPUT` when the newest event of all inputs is more than `STALE_WORKING_DAYS` working days
 * before as-of (working days after it, up to and including as-of); null when fresh or without events.
 */
export function staleInput(newest: DateStr | null, asOf: DateStr, calendar: Calendar): InputWarning | null {
  if (newest === null || newest >= asOf) return null;
  const gap = countWorkingDays(addDaysStr(newest, 1), asOf, calendar);
  if (gap <= STALE_WORKING_DAYS) return null;
  return {
    code: 'STALE_INPUT',
    file: null,
    message:
      `the data ends on ${newest}, ${gap} working days before ${asOf}: the numbers judge days with no data as days without activity; ` +
      `export fresh data, or run with --as-of ${newest}`,
  };
}

const quote = (v: string) => (v === '' ? '(empty)' : JSON.stringify(v));

/** `NO_MATCH` for a file that has rows but uses none: the columns its rules read and their commonest values. */
export function noMatch(file: { path: string; rows: number; used: number; columns: readonly ColumnValues[] }): InputWarning | null {
  if (file.rows === 0 || file.used > 0) return null;
  const columns = file.columns.map((c) => {
    const shown = c.values.slice(0, 5).map((v) => `${quote(v.value)} ×${v.count}`);
    const more = c.values.length > 5 || c.hasMore ? ', …' : '';
    return `"${c.column}": ${shown.length > 0 ? shown.join(', ') : 'no values'}${more}`;
  });
  const read = columns.length > 0 ? `; the rules read ${columns.join('; ')}` : '; no rule reads any of its columns';
  return {
    code: 'NO_MATCH',
    file: file.path,
    message: `none of its ${file.rows.toLocaleString('en-US')} rows matched a rule${read}. Check the values against the rules (funnel inspect ${file.path} shows both)`,
  };
}
