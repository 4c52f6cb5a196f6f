import { describe, expect, it } from 'vitest';
import type { Calendar, Weekday } from '../../src/engine/model.js';
import { countWorkingDays, periodInfo } from '../../src/engine/workdays.js';

function cal(holidays: string[] = [], workdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']): Calendar {
  return { weekStartsOn: 1, workdays: new Set(workdays), holidays: new Set(holidays) };
}

const november = { label: '2026-11', start: '2026-11-01', end: '2026-11-30' };

describe('countWorkingDays', () => {
  it.each([
    // November 2026 starts on a Sunday: weekdays are 2-6, 9-13, 16-20, 23-27 and 30 = 21.
    ['2026-11-01', '2026-11-30', [], 21],
    // Thanksgiving (Thursday 26th) off.
    ['2026-11-01', '2026-11-30', ['2026-11-26'], 20],
    // A holiday on a Saturday changes nothing.
    ['2026-11-01', '2026-11-30', ['2026-11-28'], 21],
    ['2026-11-18', '2026-11-18', [], 1],
    ['2026-11-21', '2026-11-22', [], 0],
    // Start after end is an empty range.
    ['2026-11-20', '2026-11-19', [], 0],
    // February 2028 has 29 days: 21 weekdays (Feb 1 2028 is a Tuesday).
    ['2028-02-01', '2028-02-29', [], 21],
  ])('%s to %s with holidays %j: %i', (start, end, holidays, n) => {
    expect(countWorkingDays(start, end, cal(holidays))).toBe(n);
  });

  it('uses the configured weekday set', () => {
    // Mon-Sat in November 2026: 21 weekdays + 4 Saturdays (7, 14, 21, 28).
    expect(countWorkingDays('2026-11-01', '2026-11-30', cal([], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']))).toBe(25);
  });
});

describe('periodInfo', () => {
  it.each([
    // As of Wednesday 18th: 2-6, 9-13, 16-18 elapsed = 13; 19, 20, 23, 24, 25, 27, 30 left = 7.
    ['2026-11-18', ['2026-11-26'], 20, 13, 7],
    ['2026-11-18', [], 21, 13, 8],
    // Saturday as-of: elapsed counts through Friday 20th.
    ['2026-11-21', ['2026-11-26'], 20, 15, 5],
    // Before the period: nothing elapsed.
    ['2026-10-31', [], 21, 0, 21],
    // After the period: nothing left.
    ['2026-12-02', [], 21, 21, 0],
    // As-of on the last day.
    ['2026-11-30', [], 21, 21, 0],
  ])('as of %s with holidays %j: %i days, %i elapsed, %i left', (asOf, holidays, total, elapsed, left) => {
    expect(periodInfo(november, asOf, cal(holidays))).toEqual({ ...november, workingDays: total, workingDaysElapsed: elapsed, workingDaysLeft: left });
  });
});
