import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/engine/model.js';
import { isTotalRow } from '../../src/normalize/source.js';
import { spreadCount, tallySpan } from '../../src/normalize/tally-days.js';

const calendar: Calendar = { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set() };
const days = (asOf: string | null = null, holidays: string[] = []) => ({ calendar: { ...calendar, holidays: new Set(holidays) }, asOf });

describe('tallySpan', () => {
  it.each([
    ['Week Of', 'week-from'],
    ['Week Starting', 'week-from'],
    ['Week', 'week-from'],
    ['week_beginning', 'week-from'],
    ['Week Ending', 'week-to'],
    ['Week End', 'week-to'],
    ['W/E', 'week-to'],
    ['Date', 'day'],
    ['Day', 'day'],
  ])('%s → %s', (header, span) => {
    expect(tallySpan(header)).toBe(span);
  });
});

describe('spreadCount', () => {
  // 2026-11-16 is a Monday; 2026-11-20 the Friday of that week.
  it('5 over a Monday-to-Friday week: 1 a working day', () => {
    expect(spreadCount('2026-11-16', 5, 'week-from', days())).toEqual([
      ['2026-11-16', 1],
      ['2026-11-17', 1],
      ['2026-11-18', 1],
      ['2026-11-19', 1],
      ['2026-11-20', 1],
    ]);
  });

  it('7: the remainder goes one each to the earliest days (2, 2, 1, 1, 1); the total is kept', () => {
    const out = spreadCount('2026-11-16', 7, 'week-from', days());
    expect(out.map(([, n]) => n)).toEqual([2, 2, 1, 1, 1]);
  });

  it('3: days that would get 0 get no event', () => {
    expect(spreadCount('2026-11-16', 3, 'week-from', days())).toEqual([
      ['2026-11-16', 1],
      ['2026-11-17', 1],
      ['2026-11-18', 1],
    ]);
  });

  it('a holiday gets nothing: 8 over four days', () => {
    const out = spreadCount('2026-11-16', 8, 'week-from', days(null, ['2026-11-18']));
    expect(out).toEqual([
      ['2026-11-16', 2],
      ['2026-11-17', 2],
      ['2026-11-19', 2],
      ['2026-11-20', 2],
    ]);
  });

  it('a week still under way: only its days up to as-of (Tuesday) get a share', () => {
    expect(spreadCount('2026-11-16', 9, 'week-from', days('2026-11-17'))).toEqual([
      ['2026-11-16', 5],
      ['2026-11-17', 4],
    ]);
  });

  it('week ending on a Friday (or Sunday): the seven days up to it', () => {
    expect(spreadCount('2026-11-20', 10, 'week-to', days()).map(([d]) => d)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(spreadCount('2026-11-22', 10, 'week-to', days()).map(([d]) => d)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
  });

  it('a US week of Sunday 15 November: Monday to Friday after it', () => {
    expect(spreadCount('2026-11-15', 5, 'week-from', days()).map(([d]) => d)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
  });

  it('no working day in the span (all after as-of, or holidays), a daily tally, or no calendar: the row date keeps it all', () => {
    expect(spreadCount('2026-11-16', 5, 'week-from', days('2026-11-13'))).toEqual([['2026-11-16', 5]]);
    expect(spreadCount('2026-11-16', 5, 'week-from', days(null, ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']))).toEqual([['2026-11-16', 5]]);
    expect(spreadCount('2026-11-16', 5, 'day', days())).toEqual([['2026-11-16', 5]]);
    expect(spreadCount('2026-11-16', 5, 'week-from', null)).toEqual([['2026-11-16', 5]]);
  });
});

describe('isTotalRow', () => {
  it.each([
    [['TOTALS', '', '147'], '', true],
    [['2026-11-16', '', '147'], 'Total', true],
    [['', 'Grand total', '147'], 'Grand total', true],
    [['Subtotal', '', '1'], '', true],
    [['Total (12 records)', '', '1'], '', true],
    [['2026-11-16', '', '1'], '', false],
    [['2026-11-16', 'Ann Lee', 'Total'], 'Ann Lee', false],
    [['Totally', '', '1'], '', false],
  ])('%j with rep %j → %s', (record, rep, is) => {
    expect(isTotalRow(record, rep)).toBe(is);
  });

  it('JSON records: any string value', () => {
    expect(isTotalRow({ week: 'Grand Total', rep: '' }, '')).toBe(true);
    // Only text values: a list holding "Total" is not a totals cell.
    expect(isTotalRow({ tags: ['Total'], rep: '' }, '')).toBe(false);
  });
});

describe('tallySpan: the spellings of a week-ending header', () => {
  it.each([
    ['  WEEK ENDING  ', 'week-to'], // trimmed, any case
    ['week  ending', 'week-to'],
    ['WeekEnding', 'week-to'],
    ['Week-Ending', 'week-to'],
    ['Week - Ending', 'week-to'],
    ['Week To', 'week-to'],
    ['w / e', 'week-to'],
    ['W/E Date', 'week-to'],
    [' WE ', 'week-to'],
    ['Week Total', 'week-from'], // "to" must end a word
    ['Sales W/E', 'day'], // W/E only at the start
    ['Date WE', 'day'], // WE only alone
  ])('%j → %s', (header, span) => {
    expect(tallySpan(header)).toBe(span);
  });
});
