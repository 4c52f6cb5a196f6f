import { describe, expect, it } from 'vitest';
import { activityOf, parseDateRange, repCalendar } from '../../../src/engine/coaching/time-off.js';
import type { Calendar } from '../../../src/engine/model.js';
import { fixedGoalBook } from '../../../src/engine/goals.js';
import { buildReport } from '../../../src/engine/report.js';
import { Tally } from '../../../src/engine/tally.js';
import { periodInfo } from '../../../src/engine/workdays.js';

// November 2026, Thanksgiving (26th) off: 20 working days; as of the 18th, 13 done and 7 left.
const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set(['2026-11-26']) };
const nov = { label: '2026-11', start: '2026-11-01', end: '2026-11-30' };

describe('parseDateRange', () => {
  it.each([
    ['2026-11-23', { from: '2026-11-23', to: '2026-11-23' }],
    ['2026-11-23..2026-11-25', { from: '2026-11-23', to: '2026-11-25' }],
    [' 2026-11-23..2026-11-25 ', { from: '2026-11-23', to: '2026-11-25' }],
  ])('%s', (text, range) => expect(parseDateRange(text)).toEqual(range));

  it.each([
    ['2026-11-25..2026-11-23', '"2026-11-25..2026-11-23" ends before it starts'],
    ['2026-11-31', '"2026-11-31" is not a date or a range; write 2026-11-23 or 2026-11-23..2026-11-25'],
    ['2026-11-01..2026-11-02..2026-11-03', '"2026-11-01..2026-11-02..2026-11-03" is not a date or a range; write 2026-11-23 or 2026-11-23..2026-11-25'],
  ])('%s is refused', (text, message) => expect(parseDateRange(text)).toBe(message));
});

describe('time off', () => {
  it('takes days off after as-of out of the days left', () => {
    // Mon 23 – Wed 25 off: 20 − 3 = 17 working days; 13 done as before; 7 − 3 = 4 left.
    const info = periodInfo(nov, '2026-11-18', repCalendar(calendar, [{ from: '2026-11-23', to: '2026-11-25' }]));
    expect([info.workingDays, info.workingDaysElapsed, info.workingDaysLeft]).toEqual([17, 13, 4]);
  });

  it('takes days off before as-of out of the days elapsed, over a weekend too', () => {
    // Fri 6 – Mon 9 off: two working days (the weekend was off anyway): 18 in all, 11 done, 7 left.
    const info = periodInfo(nov, '2026-11-18', repCalendar(calendar, [{ from: '2026-11-06', to: '2026-11-09' }]));
    expect([info.workingDays, info.workingDaysElapsed, info.workingDaysLeft]).toEqual([18, 11, 7]);
  });

  it('leaves the team calendar alone', () => {
    repCalendar(calendar, [{ from: '2026-11-23', to: '2026-11-25' }]);
    expect([...calendar.holidays]).toEqual(['2026-11-26']);
  });

  it('changes the rep\'s pace and per-day need in the report, and only theirs', () => {
    const tally = new Tally();
    for (const rep of ['Ann', 'Bo']) {
      tally.add(rep.toLowerCase(), rep, 'dial', '2026-11-02', 130);
      tally.add(rep.toLowerCase(), rep, 'close', '2026-11-03', 2);
      tally.add(rep.toLowerCase(), rep, 'close', '2026-10-01', 8);
    }
    const report = buildReport({
      tally,
      stages: [{ id: 'dial', label: 'Dials' }, { id: 'close', label: 'Closes' }],
      calendar,
      asOf: '2026-11-18',
      period: nov,
      lookbackDays: 90,
      priorCloses: 0,
      namedReps: new Map([
        ['ann', { name: 'Ann', book: fixedGoalBook(4), timeOff: [{ from: '2026-11-23', to: '2026-11-25' }] }],
        ['bo', { name: 'Bo', book: fixedGoalBook(4) }],
      ]),
    });
    const [ann, bo] = report.reps;
    // Ratio 130 dials / 10 closes = 13 per close; 4 closes need 52 dials, all done: 0 left.
    // Closes: 4 needed, 2 done, 2 left: Ann 2 / 4 days = 0.5 a day; Bo 2 / 7.
    expect(ann.needed.close.perWorkingDay).toBeCloseTo(0.5, 12);
    expect(bo.needed.close.perWorkingDay).toBeCloseTo(2 / 7, 12);
    // Pace: 2 × 17 / 13 = 2.615 for Ann, 2 × 20 / 13 = 3.077 for Bo.
    expect(ann.needed.close.projected).toBeCloseTo(34 / 13, 12);
    expect(bo.needed.close.projected).toBeCloseTo(40 / 13, 12);
    expect(ann.workingDays).toEqual({ total: 17, elapsed: 13, left: 4, off: 3 });
    expect(bo.workingDays).toEqual({ total: 20, elapsed: 13, left: 7, off: 0 });
    expect(ann.timeOff).toEqual([{ from: '2026-11-23', to: '2026-11-25' }]);
  });
});

describe('activityOf', () => {
  const tally = new Tally();
  tally.add('ann', 'Ann', 'dial', '2026-09-14', 3);
  tally.add('ann', 'Ann', 'dial', '2026-11-10', 3);
  // After as-of: counts nowhere, so not as activity either.
  tally.add('ann', 'Ann', 'dial', '2026-11-20', 3);

  it('finds the last activity and the working days since, and the history in the lookback', () => {
    // Wed 11 – Wed 18 holds 6 working days. History from Sep 14 (after the lookback start, Aug 21)
    // to Nov 18: 9 weeks + Mon 16 – Wed 18 = 48 working days (Nov 26 is later).
    expect(activityOf(tally.reps.get('ann'), '2026-11-18', '2026-08-21', calendar)).toEqual({
      lastActivity: '2026-11-10',
      idleWorkingDays: 6,
      historyWorkingDays: 48,
    });
  });

  it('counts the idle days in the rep\'s own working days: time off is not idleness', () => {
    const off = repCalendar(calendar, [{ from: '2026-11-11', to: '2026-11-17' }]);
    expect(activityOf(tally.reps.get('ann'), '2026-11-18', '2026-08-21', off).idleWorkingDays).toBe(1);
  });

  it('is empty for a rep without events', () => {
    expect(activityOf(undefined, '2026-11-18', '2026-08-21', calendar)).toEqual({ lastActivity: null, idleWorkingDays: null, historyWorkingDays: 0 });
  });
});
