import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/engine/model.js';
import { PERIOD_FORMS, periodContaining, periodsOverlapping, resolvePeriod } from '../../src/engine/periods.js';

const monday: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set() };
const sunday: Calendar = { ...monday, weekStartsOn: 0 };

describe('periodContaining', () => {
  it.each([
    ['week', '2026-11-18', monday, { label: '2026-W47', start: '2026-11-16', end: '2026-11-22' }],
    ['week', '2026-11-16', monday, { label: '2026-W47', start: '2026-11-16', end: '2026-11-22' }],
    ['week', '2026-11-22', monday, { label: '2026-W47', start: '2026-11-16', end: '2026-11-22' }],
    // 2026 has 53 ISO weeks: Thursday Dec 31 is in W53, and so is Friday Jan 1, 2027.
    ['week', '2026-12-31', monday, { label: '2026-W53', start: '2026-12-28', end: '2027-01-03' }],
    ['week', '2027-01-01', monday, { label: '2026-W53', start: '2026-12-28', end: '2027-01-03' }],
    // Monday Dec 29, 2025 starts 2026-W01: its Thursday is Jan 1, 2026.
    ['week', '2025-12-29', monday, { label: '2026-W01', start: '2025-12-29', end: '2026-01-04' }],
    // Weeks from Sunday are labelled by their dates.
    ['week', '2026-11-18', sunday, { label: '2026-11-15..2026-11-21', start: '2026-11-15', end: '2026-11-21' }],
    ['month', '2026-11-18', monday, { label: '2026-11', start: '2026-11-01', end: '2026-11-30' }],
    ['month', '2028-02-01', monday, { label: '2028-02', start: '2028-02-01', end: '2028-02-29' }],
    ['quarter', '2026-11-18', monday, { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' }],
    ['quarter', '2026-03-31', monday, { label: '2026-Q1', start: '2026-01-01', end: '2026-03-31' }],
  ] as const)('the %s holding %s', (kind, date, calendar, period) => {
    expect(periodContaining(kind, date, calendar)).toEqual(period);
  });
});

describe('periodsOverlapping', () => {
  it.each([
    ['month', '2026-11-20', '2027-01-10', ['2026-11', '2026-12', '2027-01']],
    ['month', '2026-11-01', '2026-11-30', ['2026-11']],
    ['month', '2026-11-30', '2026-12-01', ['2026-11', '2026-12']],
    ['quarter', '2026-09-15', '2026-10-15', ['2026-Q3', '2026-Q4']],
    // November 2026 touches six Monday weeks: W44 (Sunday Nov 1) to W49 (Monday Nov 30).
    ['week', '2026-11-01', '2026-11-30', ['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']],
    ['week', '2026-11-18', '2026-11-18', ['2026-W47']],
  ] as const)('%s periods over %s..%s', (kind, start, end, labels) => {
    expect(periodsOverlapping(kind, { label: 'p', start, end }, monday).map((p) => p.label)).toEqual(labels);
  });

  it('is empty for a period that ends before it starts', () => {
    expect(periodsOverlapping('month', { label: 'p', start: '2026-11-02', end: '2026-11-01' }, monday)).toEqual([]);
  });
});

describe('resolvePeriod at its edges', () => {
  it.each([
    ['2026-01', '2026-01-01', '2026-01-31'],
    ['2026-12', '2026-12-01', '2026-12-31'],
    [' 2026-11 ', '2026-11-01', '2026-11-30'],
    ['2026-11-05..2026-11-05', '2026-11-05', '2026-11-05'], // one day
  ])('%j → %s..%s', (expr, start, end) => {
    expect(resolvePeriod(expr, '2026-11-18', monday)).toMatchObject({ start, end });
  });

  it.each([
    ['2026-00', '"2026-00" has no month 00'],
    ['2026-13', '"2026-13" has no month 13'],
  ])('%s: %s', (expr, message) => expect(() => resolvePeriod(expr, '2026-11-18', monday)).toThrow(message));

  it.each(['x2026-11', '2026-11x', 'x2026-q4', '2026-q4x', 'x2026-w47', '2026-w47x', 'x2026-11-01..2026-11-15', '2026-11-01..2026-11-15x'])(
    '%j is not a period',
    (expr) => expect(() => resolvePeriod(expr, '2026-11-18', monday)).toThrow(`"${expr}" is not a period`),
  );

  it('lists the forms it accepts', () => {
    expect(PERIOD_FORMS).toBe(
      'this-week, last-week, this-month, last-month, this-quarter, last-quarter, YYYY-MM (2026-11), YYYY-Www (2026-W47), YYYY-Qn (2026-Q4), START..END (2026-11-01..2026-11-15)',
    );
  });
});
