import type { ColumnValues } from '../engine/input-health.js';
import type { Getter } from './source.js';

/** Distinct values kept per column; further values are only noted, so memory stays bounded. */
const MAX_DISTINCT = 1_000;

/**
 * Counts the values of the columns a source's rules read, so that a file whose rows match no rule
 * can show what its columns hold instead. Values are compared trimmed, with inner whitespace collapsed.
 */
export class ValueCounts {
  private readonly counts: { column: string; get: Getter; values: Map<string, number>; hasMore: boolean }[];

  constructor(columns: readonly { column: string; get: Getter }[]) {
    this.counts = columns.map((c) => ({ ...c, values: new Map(), hasMore: false }));
  }

  add(record: Parameters<Getter>[0]): void {
    for (const c of this.counts) {
      const value = c.get(record).trim().replace(/\s+/g, ' ');
      const n = c.values.get(value);
      if (n !== undefined) c.values.set(value, n + 1);
      else if (c.values.size < MAX_DISTINCT) c.values.set(value, 1);
      else c.hasMore = true;
    }
  }

  /** Each column's values, most common first (ties in order of first appearance), at most `top` of them. */
  result(top = 10): ColumnValues[] {
    return this.counts.map((c) => ({
      column: c.column,
      values: [...c.values].sort((a, b) => b[1] - a[1]).slice(0, top).map(([value, count]) => ({ value, count })),
      hasMore: c.hasMore || c.values.size > top,
    }));
  }
}
