import type { SourceConfig } from '../config/schema.js';
import { isDateStr } from '../engine/dates.js';
import { DEFAULT_STAGES, type DateStr } from '../engine/model.js';
import type { Tally } from '../engine/tally.js';
import type { RawRecord } from '../ingest/types.js';
import type { RepResolver } from '../normalize/reps.js';
import type { ColumnResolver, RowResult } from '../normalize/source.js';
import type { Preset } from './types.js';

// The result of `funnel sql`, exported from the warehouse: typed rows (`kind`), of which the
// `tally` rows carry a rep, a date and one count column per stage, and the `cycle` rows the
// sales cycle (rep, close date, days from created to close, how many closes). The `input` and
// `reject` rows (the warehouse's row accounting and rejections) have no counts, so they are ignored.

export const funnelTally: Preset = {
  name: 'funnel-tally',
  title: 'The daily tally a "funnel sql" query returns, exported from the warehouse',
  origin: 'run the query "funnel sql --dialect …" prints in the warehouse and export its result as CSV (see docs/warehouse.md)',
  fileNames: [/funnel[-_ ]?tally/i],
  columns: {
    kind: { aliases: ['kind'], isRequired: true, doc: 'tally, input, cycle or reject; tally rows carry counts, cycle rows the sales cycle' },
    rep: { aliases: ['rep'], isRequired: true, doc: 'the rep, as the query named them (config name or first spelling)' },
    date: { aliases: ['date'], isRequired: true, doc: 'the day, YYYY-MM-DD (for cycle rows: the close date)' },
    ...Object.fromEntries(DEFAULT_STAGES.map((stage) => [stage, { aliases: [stage], doc: `${stage} events that day` }])),
    cycle_days: { aliases: ['cycle_days'], doc: 'cycle rows: calendar days from the deal’s creation to its close' },
    cycle_closes: { aliases: ['cycle_closes'], doc: 'cycle rows: how many closes of the rep that day took that many days' },
  },
  anyOf: [...DEFAULT_STAGES],
  values: { stages: ['a config with other stages maps its own count columns: shape: tallies with counts: { STAGE: STAGE }'] },
  stages: [...DEFAULT_STAGES],
  map(c) {
    const counts: Record<string, string> = {};
    for (const stage of DEFAULT_STAGES) if (c[stage]) counts[stage] = c[stage];
    return { shape: 'tallies', columns: { rep: c.rep!, date: c.date }, counts, dateFormat: 'yyyy-MM-dd' };
  },
};

const CYCLE_COLUMNS = ['kind', 'cycle_days', 'cycle_closes'] as const;
const WHOLE = /^-?\d+$/;

/**
 * The reader of a funnel-tally export's `cycle` rows, for a tallies source on a file whose header
 * has `kind`, `cycle_days` and `cycle_closes` (the funnel-tally preset, or a config's own source
 * on such an export); null for any other source. For a cycle row it adds `cycle_closes` samples
 * (close date, days) to the rep's sales cycle and says the row is used; a cycle row it cannot
 * read is rejected; other rows give null (the tallies source decides).
 */
export function cycleReader(
  src: SourceConfig,
  key: string,
  headers: readonly string[],
  column: ColumnResolver,
): ((record: RawRecord, reps: RepResolver, tally: Tally) => RowResult | null) | null {
  if (src.shape !== 'tallies' || !src.columns.date) return null;
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  if (!CYCLE_COLUMNS.every((c) => have.has(c))) return null;
  const name = (c: string) => headers.find((h) => h.trim().toLowerCase() === c)!.trim();
  const [kind, days, closes] = CYCLE_COLUMNS.map((c) => column(name(c), key));
  const repColumn = src.columns.rep as string;
  const dateColumn = src.columns.date;
  const rep = column(repColumn, `${key}.columns.rep`);
  const date = column(dateColumn, `${key}.columns.date`);
  return (record, reps, tally) => {
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
    for (let k = Number(n); k > 0; k--) tally.addCycle(id.key, close as DateStr, Number(d));
    return 'used';
  };
}
