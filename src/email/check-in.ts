// A rep's `checkIn` preference decides whether `funnel email --each-rep` writes to them on a run:
//   weekly (and no preference) → every run;
//   biweekly → only when the week the digest covers has an even ISO week number;
//   autonomy → never individually (they still appear in the team digest).
// Any other value is treated as weekly, with a warning.

export const CHECK_INS = ['weekly', 'biweekly', 'autonomy'] as const;

export type CheckInDecision = { isSent: true; warning?: string } | { isSent: false; reason: string };

export function checkInDecision(checkIn: string | null | undefined, isoWeek: number): CheckInDecision {
  const value = (checkIn ?? '').trim().toLowerCase();
  if (value === '' || value === 'weekly') return { isSent: true };
  if (value === 'biweekly') {
    return isoWeek % 2 === 0 ? { isSent: true } : { isSent: false, reason: `checkIn biweekly, and week ${isoWeek} is odd` };
  }
  if (value === 'autonomy') return { isSent: false, reason: 'checkIn autonomy: no individual e-mail' };
  return { isSent: true, warning: `checkIn "${checkIn}" is not one of ${CHECK_INS.join(', ')}; sent as weekly` };
}
