import { describe, expect, it } from 'vitest';
import { noMatch, staleInput, STALE_WORKING_DAYS } from '../../src/engine/input-health.js';
import type { Calendar } from '../../src/engine/model.js';

// Mon–Fri with Thanksgiving (Thu 2026-11-26) off.
const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set(['2026-11-26']) };

describe('staleInput: more than 5 working days after the newest event, up to and including as-of', () => {
  it('allows 5 working days', () => expect(STALE_WORKING_DAYS).toBe(5));

  it.each<[string, string | null, string, number | null]>([
    // Newest Wed 11 Nov, as of Wed 18 Nov: Thu 12, Fri 13, Mon 16, Tue 17, Wed 18 = 5: fresh.
    ['5 working days: fresh', '2026-11-11', '2026-11-18', null],
    // Newest Tue 10 Nov: Wed 11 … Wed 18 = 6: stale.
    ['6 working days: stale', '2026-11-10', '2026-11-18', 6],
    // Newest Fri 13 Nov, as of Fri 20 Nov: Mon 16 – Fri 20 = 5 (the weekend is not counted): fresh.
    ['a weekend does not count', '2026-11-13', '2026-11-20', null],
    // … as of Mon 23 Nov: 16–20 and 23 = 6: stale.
    ['the next Monday is the sixth', '2026-11-13', '2026-11-23', 6],
    // Newest Fri 20 Nov, as of Mon 30 Nov: 23, 24, 25, (26 off), 27, 30 = 5: fresh; it would be 6 without the holiday.
    ['a holiday does not count', '2026-11-20', '2026-11-30', null],
    // … as of Tue 1 Dec: 6 working days.
    ['past the holiday', '2026-11-20', '2026-12-01', 6],
    // The example: newest 18 Nov, as of 31 Dec: 19, 20, 23–25, 27, 30 (7) + 1 Dec – 31 Dec (23 weekdays, no Christmas here) = 30.
    ['the example a month and a half later', '2026-11-18', '2026-12-31', 30],
    ['data up to as-of', '2026-11-18', '2026-11-18', null],
    ['data after as-of', '2026-11-19', '2026-11-18', null],
    ['no events at all', null, '2026-11-18', null],
  ])('%s', (_name, newest, asOf, gap) => {
    const warning = staleInput(newest, asOf, calendar);
    if (gap === null) {
      expect(warning).toBeNull();
      return;
    }
    expect(warning).toEqual({
      code: 'STALE_INPUT',
      file: null,
      message:
        `the data ends on ${newest}, ${gap} working days before ${asOf}: the numbers judge days with no data as days without activity; ` +
        `export fresh data, or run with --as-of ${newest}`,
    });
  });
});

describe('noMatch', () => {
  const outcome = { column: 'Outcome', values: [{ value: 'Closed - Won', count: 3 }, { value: 'Lost', count: 1 }], hasMore: false };

  it('names the columns the rules read and their most common values', () => {
    expect(noMatch({ path: 'deals.csv', rows: 4, used: 0, columns: [outcome] })).toEqual({
      code: 'NO_MATCH',
      file: 'deals.csv',
      message:
        'none of its 4 rows matched a rule; the rules read "Outcome": "Closed - Won" ×3, "Lost" ×1. ' +
        'Check the values against the rules (funnel inspect deals.csv shows both)',
    });
  });

  it('shows five values per column, marks more, names empty cells, and groups thousands', () => {
    const stage = {
      column: 'Stage',
      values: ['a', 'b', 'c', 'd', 'e', 'f'].map((value, i) => ({ value, count: 60 - i * 10 })),
      hasMore: false,
    };
    const owner = { column: 'Owner', values: [{ value: '', count: 210 }], hasMore: true };
    const warning = noMatch({ path: 'Deals (Done).xlsx', rows: 21_594, used: 0, columns: [stage, owner] });
    expect(warning?.message).toBe(
      'none of its 21,594 rows matched a rule; the rules read "Stage": "a" ×60, "b" ×50, "c" ×40, "d" ×30, "e" ×20, …; ' +
        '"Owner": (empty) ×210, …. Check the values against the rules (funnel inspect Deals (Done).xlsx shows both)',
    );
  });

  it('says so when no rule reads a column, or a column has no values', () => {
    expect(noMatch({ path: 'a.csv', rows: 2, used: 0, columns: [] })?.message).toContain('none of its 2 rows matched a rule; no rule reads any of its columns.');
    expect(noMatch({ path: 'a.csv', rows: 2, used: 0, columns: [{ column: 'Type', values: [], hasMore: false }] })?.message).toContain('"Type": no values');
  });

  it.each([
    ['a file that uses a row', { rows: 4, used: 1 }],
    ['a file without rows', { rows: 0, used: 0 }],
  ])('is silent for %s', (_name, counts) => {
    expect(noMatch({ path: 'deals.csv', ...counts, columns: [outcome] })).toBeNull();
  });
});
