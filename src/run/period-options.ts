import { isDateStr } from '../engine/dates.js';
import type { Calendar, DateStr, Period } from '../engine/model.js';
import { PERIOD_FORMS, PeriodError, resolvePeriod } from '../engine/periods.js';
import { FunnelError } from '../errors.js';

// --as-of and --period, apart from context.ts so that the calculator loads no config validator.

/** Validates --as-of; `today` is the caller's clock reading. */
export function resolveAsOf(value: string | undefined, today: DateStr): DateStr {
  if (value === undefined) return today;
  if (!isDateStr(value)) {
    throw new FunnelError('USAGE', `--as-of "${value}" is not a date`, { hint: 'write it YYYY-MM-DD, e.g. --as-of 2026-11-18' });
  }
  return value;
}

export function resolvePeriodOption(value: string | undefined, asOf: DateStr, calendar: Calendar): Period {
  try {
    return resolvePeriod(value ?? 'this-month', asOf, calendar);
  } catch (err) {
    if (err instanceof PeriodError) {
      throw new FunnelError('USAGE', `--period: ${err.message}`, { hint: `use one of: ${PERIOD_FORMS}` });
    }
    throw err;
  }
}
