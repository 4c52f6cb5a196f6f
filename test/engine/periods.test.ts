import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/engine/model.js';
import { lookbackWindow, resolvePeriod } from '../../src/engine/periods.js';
import { PERIOD_FORMS, PERIOD_HELP, RELATIVE_PERIODS, WRITTEN_PERIODS } from '../../src/engine/period-forms.js';

const monday: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set() };
const sunday: Calendar = { ...monday, weekStartsOn: 0 };

describe('resolvePeriod', () => {
  it.each([
    // 2026-11-18 is a Wednesday in ISO week 47 (2026 starts on a Thursday).
    ['this-week', '2026-11-18', '2026-W47', '2026-11-16', '2026-11-22'],
    ['last-week', '2026-11-18', '2026-W46', '2026-11-09', '2026-11-15'],
    ['this-month', '2026-11-18', '2026-11', '2026-11-01', '2026-11-30'],
    ['last-month', '2026-11-18', '2026-10', '2026-10-01', '2026-10-31'],
    ['this-quarter', '2026-11-18', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['last-quarter', '2026-11-18', '2026-Q3', '2026-07-01', '2026-09-30'],
    // Month arithmetic clamps: a month before March 31 is February.
    ['last-month', '2026-03-31', '2026-02', '2026-02-01', '2026-02-28'],
    // Quarter and year edges.
    ['last-quarter', '2026-01-15', '2025-Q4', '2025-10-01', '2025-12-31'],
    ['this-quarter', '2026-03-31', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['this-quarter', '2026-04-01', '2026-Q2', '2026-04-01', '2026-06-30'],
    // The week of 2026-01-02 belongs to ISO year 2026; the week before to 2025.
    ['this-week', '2026-01-02', '2026-W01', '2025-12-29', '2026-01-04'],
    ['last-week', '2026-01-02', '2025-W52', '2025-12-22', '2025-12-28'],
    ['2026-11', '2026-01-01', '2026-11', '2026-11-01', '2026-11-30'],
    ['2026-02', '2026-01-01', '2026-02', '2026-02-01', '2026-02-28'],
    // Leap day.
    ['2028-02', '2026-01-01', '2028-02', '2028-02-01', '2028-02-29'],
    ['2026-W47', '2026-01-01', '2026-W47', '2026-11-16', '2026-11-22'],
    ['2026-W01', '2026-01-01', '2026-W01', '2025-12-29', '2026-01-04'],
    // 2026 starts on a Thursday, so it has an ISO week 53.
    ['2026-W53', '2026-01-01', '2026-W53', '2026-12-28', '2027-01-03'],
    ['2026-Q4', '2026-01-01', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-Q1', '2026-06-01', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-11-01..2026-11-15', '2026-01-01', '2026-11-01..2026-11-15', '2026-11-01', '2026-11-15'],
    ['2028-02-28..2028-03-01', '2026-01-01', '2028-02-28..2028-03-01', '2028-02-28', '2028-03-01'],
    // Years below 100 are those years (year 0 is a leap year; 1900 was not).
    ['0000-02', '2026-01-01', '0000-02', '0000-02-01', '0000-02-29'],
    ['0050-Q4', '2026-01-01', '0050-Q4', '0050-10-01', '0050-12-31'],
  ])('%s as of %s is %s (%s to %s)', (expr, asOf, label, start, end) => {
    expect(resolvePeriod(expr, asOf, monday)).toEqual({ label, start, end });
  });

  it('starts weeks on the configured day', () => {
    // Sunday-start week holding Wednesday 2026-11-18.
    expect(resolvePeriod('this-week', '2026-11-18', sunday)).toEqual({
      label: '2026-11-15..2026-11-21',
      start: '2026-11-15',
      end: '2026-11-21',
    });
    // ISO week 47 starts Monday 2026-11-16; a Sunday-start week starts the day before.
    expect(resolvePeriod('2026-W47', '2026-01-01', sunday)).toMatchObject({ start: '2026-11-15', end: '2026-11-21' });
  });

  it.each([
    ['2026-13', 'no month 13'],
    ['2027-W53', 'no ISO week 53'],
    ['2026-W00', 'no ISO week 0'],
    ['2026-11-15..2026-11-01', 'starts (2026-11-15) after it ends'],
    ['2026-02-30..2026-03-01', 'not a calendar date'],
    ['next-month', 'is not a period'],
  ])('rejects %s', (expr, message) => {
    expect(() => resolvePeriod(expr, '2026-11-18', monday)).toThrow(message);
  });
});

describe('lookbackWindow', () => {
  it.each([
    // 90 days ending on and including 2026-11-18 start on 2026-08-21.
    ['2026-11-18', 90, '2026-08-21'],
    ['2026-11-18', 1, '2026-11-18'],
    // Across a leap day: 2028-03-01 minus 1 day is 2028-02-29.
    ['2028-03-01', 2, '2028-02-29'],
  ])('as of %s over %i days starts on %s', (asOf, days, start) => {
    expect(lookbackWindow(asOf, days)).toEqual({ start, end: asOf });
  });
});

describe('the listed period forms', () => {
  it('every form the help and hints list resolves, and the lists read as before', () => {
    for (const form of RELATIVE_PERIODS) expect(resolvePeriod(form, '2026-11-18', monday).start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(WRITTEN_PERIODS.map((p) => resolvePeriod(p.example, '2026-11-18', monday).label)).toEqual(['2026-11', '2026-W47', '2026-Q4', '2026-11-01..2026-11-15']);
    expect(PERIOD_FORMS).toBe(
      'this-week, last-week, this-month, last-month, this-quarter, last-quarter, YYYY-MM (2026-11), YYYY-Www (2026-W47), YYYY-Qn (2026-Q4), START..END (2026-11-01..2026-11-15)',
    );
    expect(PERIOD_HELP).toBe('this-week, last-week, this-month, last-month, this-quarter, last-quarter, 2026-11, 2026-W47, 2026-Q4 or 2026-11-01..2026-11-15');
  });
});
