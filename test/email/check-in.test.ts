// The biweekly cadence across year ends: every second week, never three weeks apart after a
// 53-week ISO year (2026 has week 53).
import { describe, expect, it } from 'vitest';
import { checkInDecision, isBiweeklyWeek } from '../../src/email/check-in.js';

describe('biweekly check-in over 2026 and 2027', () => {
  // Hand-computed: 2026's even ISO weeks, then, after week 53, 2027's odd weeks, then 2028-W01.
  it.each([
    ['2025-12-29', '2026-W01 Monday', false],
    ['2026-01-05', '2026-W02 Monday', true],
    ['2026-01-11', '2026-W02 Sunday', true],
    ['2026-01-12', '2026-W03 Monday', false],
    ['2026-11-09', '2026-W46 Monday', true],
    ['2026-11-18', '2026-W47 Wednesday', false],
    ['2026-12-14', '2026-W51 Monday', false],
    ['2026-12-21', '2026-W52 Monday', true],
    ['2026-12-28', '2026-W53 Monday', false],
    ['2027-01-03', '2026-W53 Sunday', false],
    ['2027-01-04', '2027-W01 Monday', true],
    ['2027-01-11', '2027-W02 Monday', false],
    ['2027-01-18', '2027-W03 Monday', true],
    ['2027-06-30', '2027-W26 Wednesday', false],
    ['2027-12-20', '2027-W51 Monday', true],
    ['2027-12-27', '2027-W52 Monday', false],
    ['2028-01-03', '2028-W01 Monday', true],
  ])('%s (%s) → sent: %j', (day, _week, isSent) => {
    expect(isBiweeklyWeek(day)).toBe(isSent);
    expect(checkInDecision('biweekly', day, 0).isSent).toBe(isSent);
  });

  it('mails a biweekly rep exactly every 14 days through both years', () => {
    const sent: number[] = [];
    for (let t = Date.UTC(2025, 11, 29); t <= Date.UTC(2028, 0, 5); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const weekday = new Date(t).getUTCDay();
      if (weekday === 3 && isBiweeklyWeek(day)) sent.push(t); // one run a week, on Wednesdays
    }
    const gaps = new Set(sent.slice(1).map((t, i) => (t - sent[i]) / 86_400_000));
    expect([...gaps]).toEqual([14]);
    // 2025-12-31 (W01, off) to 2028-01-05: 106 Wednesdays, every second one sent.
    expect(sent).toHaveLength(53);
  });

  it('treats every day of one ISO week alike', () => {
    for (const day of ['2026-12-28', '2026-12-29', '2026-12-31', '2027-01-01', '2027-01-03']) expect(isBiweeklyWeek(day), day).toBe(false);
    for (const day of ['2027-01-04', '2027-01-06', '2027-01-10']) expect(isBiweeklyWeek(day), day).toBe(true);
  });
});
