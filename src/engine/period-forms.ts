// The forms `--period` accepts, listed once: help, error hints and the parser's tests read them.
// No date code here, so the command line's help can name them without loading date-fns.

/** Periods named relative to as-of. */
export const RELATIVE_PERIODS = ['this-week', 'last-week', 'this-month', 'last-month', 'this-quarter', 'last-quarter'] as const;

export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** Periods written out: their shape and an example of each. */
export const WRITTEN_PERIODS = [
  { shape: 'YYYY-MM', example: '2026-11' },
  { shape: 'YYYY-Www', example: '2026-W47' },
  { shape: 'YYYY-Qn', example: '2026-Q4' },
  { shape: 'START..END', example: '2026-11-01..2026-11-15' },
] as const;

/** Every form with its shape, for error hints: `this-week, …, YYYY-MM (2026-11), …`. */
export const PERIOD_FORMS = [...RELATIVE_PERIODS, ...WRITTEN_PERIODS.map((p) => `${p.shape} (${p.example})`)].join(', ');

/** Every form by example, for `--period`'s help: `this-week, …, 2026-Q4 or 2026-11-01..2026-11-15`. */
export const PERIOD_HELP = (() => {
  const forms = [...RELATIVE_PERIODS, ...WRITTEN_PERIODS.map((p) => p.example)];
  return `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}`;
})();
