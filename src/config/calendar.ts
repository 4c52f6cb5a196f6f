import type { Calendar, Weekday } from '../engine/model.js';
import type { FunnelConfig } from './schema.js';

// Kept apart from the schema so that reading a config's calendar loads no validator.

/** date-fns weekStartsOn index (0 = Sunday) for a configured weekday name. */
export function weekStartIndex(name: string): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  const short = name.slice(0, 3);
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(short) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** The working calendar a config describes. */
export function calendarOf(config: FunnelConfig): Calendar {
  return {
    weekStartsOn: weekStartIndex(config.weekStartsOn),
    workdays: new Set(config.workdays as Weekday[]),
    holidays: new Set(config.holidays),
  };
}
