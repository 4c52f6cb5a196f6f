// A rep's `checkIn` preference decides whether `funnel email --each-rep` writes to them on a run:
//   weekly (and no preference) → every run;
//   biweekly → every second week, counted without a break at year ends: when the ISO week that
//     holds the digest's day is an even number of weeks after ISO week 2 of 2026 (Monday
//     2026-01-05). That is the even ISO weeks of 2026 and, after 2026's week 53, the odd weeks of
//     2027. Even ISO week numbers alone would skip three weeks in a row after every 53-week year;
//   autonomy → never individually (they still appear in the team digest).
// Any other value is treated as weekly, with a warning.

export const CHECK_INS = ['weekly', 'biweekly', 'autonomy'] as const;

export type CheckInDecision = { isSent: true; warning?: string } | { isSent: false; reason: string };

const DAY_MS = 86_400_000;
/** Monday of ISO week 2026-W02, the first week a biweekly rep is mailed in. */
const BIWEEKLY_ANCHOR = Date.UTC(2026, 0, 5);

/** The Monday (UTC ms) of the ISO week that holds `day` (YYYY-MM-DD). */
function isoMonday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return t - weekday * DAY_MS;
}

/** Whether the ISO week that holds `day` is a biweekly rep's week. */
export function isBiweeklyWeek(day: string): boolean {
  const weeks = Math.round((isoMonday(day) - BIWEEKLY_ANCHOR) / (7 * DAY_MS));
  return weeks % 2 === 0;
}

/**
 * Whether a rep with this `checkIn` gets their e-mail for the digest of `day` (YYYY-MM-DD, any
 * day of the digest's week); `isoWeek` is that week's ISO number, for the reason given.
 */
export function checkInDecision(checkIn: string | null | undefined, day: string, isoWeek: number): CheckInDecision {
  const value = (checkIn ?? '').trim().toLowerCase();
  if (value === '' || value === 'weekly') return { isSent: true };
  if (value === 'biweekly') {
    return isBiweeklyWeek(day) ? { isSent: true } : { isSent: false, reason: `checkIn biweekly, and week ${isoWeek} is an off week (sent every second week)` };
  }
  if (value === 'autonomy') return { isSent: false, reason: 'checkIn autonomy: no individual e-mail' };
  return { isSent: true, warning: `checkIn "${checkIn}" is not one of ${CHECK_INS.join(', ')}; sent as weekly` };
}
