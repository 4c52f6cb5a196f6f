import { describe, expect, it } from 'vitest';
import { addDaysStr, daysInMonth, eachDate, isDateStr, maxDate, minDate, toDate, toDateStr, weekdayOf } from '../../src/engine/dates.js';
import { DEFAULT_LABELS, DEFAULT_STAGES, WEEKDAYS } from '../../src/engine/model.js';

describe('calendar helpers', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2028, 2, 29],
    [1900, 2, 28], // divisible by 100, not by 400
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
    // Years 0-99 are those years, not 1900-1999: year 0 is a leap year (proleptic Gregorian), 1900 and 100 are not.
    [0, 2, 29],
    [50, 2, 28],
    [52, 2, 29],
    [100, 2, 28],
  ])('%d-%d has %d days', (y, m, n) => expect(daysInMonth(y, m)).toBe(n));

  it.each([
    ['2026-11-30', true],
    ['2026-12-31', true],
    ['2026-01-01', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-11-31', false],
    ['2026-11-00', false],
    ['2026-1-05', false],
    ['2026-11-05 ', false],
    [' 2026-11-05', false],
    ['20261105', false],
  ])('isDateStr(%j) → %s', (s, ok) => expect(isDateStr(s)).toBe(ok));

  it.each([
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    // Across the European and US clock changes: calendar days, not 24-hour steps.
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-11-18', -29, '2026-10-20'],
    ['2026-11-18', 0, '2026-11-18'],
  ])('%s + %d days = %s', (s, n, out) => expect(addDaysStr(s, n)).toBe(out));

  it.each([
    ['2026-11-15', 0], // Sunday
    ['2026-11-16', 1],
    ['2026-11-21', 6], // Saturday
    ['2027-01-01', 5], // Friday
  ])('weekdayOf(%s) = %d', (s, d) => expect(weekdayOf(s)).toBe(d));

  it('round-trips dates, padding the year to four digits', () => {
    expect(toDateStr(toDate('2026-02-05'))).toBe('2026-02-05');
    const early = toDate('2026-01-01');
    early.setFullYear(987);
    expect(toDateStr(early)).toBe('0987-01-01');
  });

  it('keeps years 0-99 (a Date constructor would read them as 1900-1999)', () => {
    expect(toDateStr(toDate('0050-03-01'))).toBe('0050-03-01');
    expect(addDaysStr('0050-12-31', 1)).toBe('0051-01-01');
    expect(addDaysStr('0000-03-01', -1)).toBe('0000-02-29');
    expect(isDateStr('0000-02-29')).toBe(true);
    // 0001-01-01 was a Monday in the proleptic Gregorian calendar (1901-01-01 was a Tuesday).
    expect(weekdayOf('0001-01-01')).toBe(1);
    expect([...eachDate('0099-12-30', '0100-01-01')]).toEqual(['0099-12-30', '0099-12-31', '0100-01-01']);
  });

  it('lists every date of a range, both ends included; none when it runs backwards', () => {
    expect([...eachDate('2026-02-27', '2026-03-02')]).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect([...eachDate('2026-03-02', '2026-03-02')]).toEqual(['2026-03-02']);
    expect([...eachDate('2026-03-03', '2026-03-02')]).toEqual([]);
  });

  it('orders ISO dates', () => {
    expect(minDate('2026-11-02', '2026-10-31')).toBe('2026-10-31');
    expect(minDate('2026-10-31', '2026-11-02')).toBe('2026-10-31');
    expect(maxDate('2026-11-02', '2026-10-31')).toBe('2026-11-02');
    expect(maxDate('2026-10-31', '2026-11-02')).toBe('2026-11-02');
    expect(minDate('2026-11-02', '2026-11-02')).toBe('2026-11-02');
  });
});

describe('the model', () => {
  it('knows the contract\'s stages, top of the funnel first, with their labels', () => {
    expect(DEFAULT_STAGES).toEqual(['dial', 'conversation', 'appointment_set', 'appointment_kept', 'second_meeting', 'proposal', 'close']);
    expect(DEFAULT_STAGES.map((s) => DEFAULT_LABELS[s])).toEqual(['Dials', 'Conversations', 'Appts set', 'Appts kept', '2nd meetings', 'Proposals', 'Closes']);
  });

  it('numbers weekdays as date-fns does, Sunday 0', () => {
    expect(WEEKDAYS).toEqual(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
  });
});
