import { DEFAULT_STAGES } from '../engine/model.js';
import type { Preset } from './types.js';

// The result of `funnel sql`, exported from the warehouse: typed rows (`kind`), of which the
// `tally` rows carry a rep, a date and one count column per stage, and the `cycle` rows the
// sales cycle (rep, close date, days from created to close, how many closes). The `input` and
// `reject` rows (the warehouse's row accounting and rejections) have no counts, so they are ignored.
// The cycle rows are read by src/run/tally-cycles.ts.

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
