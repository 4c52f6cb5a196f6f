import type { ConditionInput } from '../config/conditions.js';
import type { PresetRule } from './types.js';

// Small builders the preset files share, so each preset reads as its mapping and nothing else.

/** A cell that is not empty. */
export const FILLED: ConditionInput = { empty: false };

/** Values that mean a call came in rather than went out (Dynamics says Incoming, Zoho Missed). */
export const INBOUND = ['Inbound', 'Incoming', 'Internal', 'Missed'] as const;

/** Meeting outcomes that mean the meeting took place. */
export const HELD = ['Completed', 'Held', 'Attended', 'Done'] as const;

/** A meeting whose type or title says it is a second or follow-up meeting. */
export const SECOND_MEETING = '\\b(?:2nd|second|follow[- ]?up)\\b';

/**
 * Free-text call results that mean a live conversation, as dialers standardise them
 * (Connected, Answered, Spoke with …, Meeting Set); a booked meeting implies one.
 */
export const LIVE = '^(?:connected|answered|spoke|conversation|contact made)\\b';

/** Dispositions and outcomes that mean a meeting was booked on the call. */
export const BOOKED = '\\bmeeting (?:booked|scheduled|set)\\b|\\b(?:demo|appointment) (?:booked|scheduled|set)\\b';

export function oneOf(values: readonly string[]): ConditionInput {
  return { in: [...values] };
}

export function noneOf(values: readonly string[]): ConditionInput {
  return { not: { in: [...values] } };
}

export function matches(pattern: string): ConditionInput {
  return { match: pattern };
}

/** A regex matching any of `values` as the whole cell (case-insensitive like every match). */
export function whole(values: readonly string[]): string {
  return `^(?:${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}

/** A `when` from [header, condition] pairs; a pair whose header the file lacks is left out. */
export function when(...pairs: [string | undefined, ConditionInput][]): Record<string, ConditionInput> {
  const out: Record<string, ConditionInput> = {};
  for (const [header, cond] of pairs) if (header !== undefined) out[header] = cond;
  return out;
}

/**
 * Rules for one stage dated by the first of `dates` that is filled in: every date but the last
 * gets its own rule requiring it, so a row falls through to the next date instead of being
 * rejected for an empty one. Absent date columns are skipped; with none, the source's date is used.
 */
export function dated(stage: string, cond: Record<string, ConditionInput>, dates: (string | undefined)[]): PresetRule[] {
  const present = dates.filter((d): d is string => d !== undefined);
  if (present.length === 0) return [{ stage, when: cond }];
  return present.map((date, i) =>
    i < present.length - 1 ? { stage, when: { ...cond, [date]: FILLED }, date } : { stage, when: cond, date },
  );
}
