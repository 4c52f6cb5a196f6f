import { describe, expect, it } from 'vitest';
import { ValueCounts } from '../../src/normalize/value-counts.js';

// Records are plain arrays here: column 0 is the type, column 1 the outcome.
const getter = (i: number) => (record: unknown) => (record as string[])[i] ?? '';

function counted(rows: string[][]): ValueCounts {
  const counts = new ValueCounts([
    { column: 'Type', get: getter(0) },
    { column: 'Outcome', get: getter(1) },
  ]);
  for (const row of rows) counts.add(row as never);
  return counts;
}

describe('ValueCounts', () => {
  it('counts each column, trimmed and collapsed, most common first, ties in order of appearance', () => {
    // Type: "Call" ×3 (one written with spaces around it), "Call back" ×2 (one with a double space),
    // "Email" ×1. Outcome: "Connected" ×3, "No answer" ×2, the empty value ×1.
    const c = counted([
      ['Call', 'No answer'],
      [' Call ', 'Connected'],
      ['Email', 'Connected'],
      ['Call  back', ''],
      ['Call back', 'No answer'],
      ['Call', 'Connected'],
    ]);
    expect(c.result()).toEqual([
      {
        column: 'Type',
        values: [
          { value: 'Call', count: 3 },
          { value: 'Call back', count: 2 },
          { value: 'Email', count: 1 },
        ],
        hasMore: false,
      },
      {
        column: 'Outcome',
        values: [
          { value: 'Connected', count: 3 },
          { value: 'No answer', count: 2 },
          { value: '', count: 1 },
        ],
        hasMore: false,
      },
    ]);
  });

  it('keeps the top values asked for and says when there are more', () => {
    const c = counted([['a'], ['b'], ['b'], ['c'], ['c'], ['c']]);
    expect(c.result(2)[0]).toEqual({ column: 'Type', values: [{ value: 'c', count: 3 }, { value: 'b', count: 2 }], hasMore: true });
    // Exactly as many distinct values as asked for: nothing more.
    expect(c.result(3)[0].hasMore).toBe(false);
    expect(c.result(3)[0].values).toHaveLength(3);
  });

  it('stops adding distinct values at 1,000, and says there were more', () => {
    // 1,000 distinct values fit; the 1,001st is only noted; a value already kept is still counted.
    const rows = Array.from({ length: 1000 }, (_, i) => [`v${i}`]);
    const full = counted(rows);
    expect(full.result(2000)[0].values).toHaveLength(1000);
    expect(full.result(2000)[0].hasMore).toBe(false);
    const over = counted([...rows, ['v1000'], ['v0']]);
    const [type] = over.result(2000);
    expect(type.values).toHaveLength(1000);
    expect(type.hasMore).toBe(true);
    expect(type.values[0]).toEqual({ value: 'v0', count: 2 });
    expect(type.values.some((v) => v.value === 'v1000')).toBe(false);
  });
});
