import type { SourceConfig } from '../config/schema.js';
import { isDateStr } from '../engine/dates.js';
import type { DateStr } from '../engine/model.js';
import type { RawRecord } from '../ingest/types.js';
import type { RepId, RepResolver } from '../normalize/reps.js';
import type { ColumnResolver, Rejection } from '../normalize/source.js';

// The `cycle` rows of a funnel-tally export (src/presets/funnel-tally.ts): the sales-cycle samples
// the warehouse computed, given back to the Tally as the streaming engine records them.

/** A cycle row read: `count` samples of `days` days for deals the rep closed on `date`. */
export interface CycleRow {
  kind: 'cycles';
  rep: RepId;
  date: DateStr;
  days: number;
  count: number;
}

const CYCLE_COLUMNS = ['kind', 'cycle_days', 'cycle_closes'] as const;
const WHOLE = /^-?\d+$/;

/**
 * The reader of a funnel-tally export's `cycle` rows, for a tallies source on a file whose header
 * has `kind`, `cycle_days` and `cycle_closes` (the funnel-tally preset, or a config's own source
 * on such an export); null for any other source. A cycle row gives its samples (the sink adds
 * them to the rep's sales cycle); a cycle row it cannot read is rejected; other rows give null
 * (the tallies source decides).
 */
export function cycleReader(
  src: SourceConfig,
  key: string,
  headers: readonly string[],
  column: ColumnResolver,
): ((record: RawRecord, reps: RepResolver) => CycleRow | Rejection | null) | null {
  if (src.shape !== 'tallies' || !src.columns.date) return null;
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  if (!CYCLE_COLUMNS.every((c) => have.has(c))) return null;
  const name = (c: string) => headers.find((h) => h.trim().toLowerCase() === c)!.trim();
  const [kind, days, closes] = CYCLE_COLUMNS.map((c) => column(name(c), key));
  const repColumn = src.columns.rep as string;
  const dateColumn = src.columns.date;
  const rep = column(repColumn, `${key}.columns.rep`);
  const date = column(dateColumn, `${key}.columns.date`);
  return (record, reps) => {
    if (kind(record).trim().toLowerCase() !== 'cycle') return null;
    const repRaw = rep(record);
    const id = reps.resolve(repRaw);
    if (!id) return { code: 'NO_REP', field: repColumn, value: repRaw, reason: `no rep: column "${repColumn}" is empty` };
    const close = date(record).trim();
    if (!isDateStr(close)) return { code: 'BAD_DATE', field: dateColumn, value: close, reason: `"${close}" is not a date (expected YYYY-MM-DD) in column "${dateColumn}"` };
    const d = days(record).trim();
    const n = closes(record).trim();
    if (!WHOLE.test(d) || !/^\d+$/.test(n)) {
      const [field, value] = WHOLE.test(d) ? [name('cycle_closes'), n] : [name('cycle_days'), d];
      return { code: 'BAD_COUNT', field, value, reason: `"${value}" in column "${field}" is not a whole number` };
    }
    return { kind: 'cycles', rep: id, date: close as DateStr, days: Number(d), count: Number(n) };
  };
}
