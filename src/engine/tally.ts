import type { CycleSample } from './cycle.js';
import type { Counts, DateStr, StageId } from './model.js';

/** Event counts of one rep: stage → date → count. */
export interface RepTally {
  /** Display name: the configured name, else the first spelling seen. */
  name: string;
  byStage: Map<StageId, Map<DateStr, number>>;
}

/**
 * Aggregates events as they arrive. Memory grows with reps × stages × distinct dates,
 * never with the number of rows.
 */
export class Tally {
  readonly reps = new Map<string, RepTally>();
  /** Closes with a known creation date, by rep key: the sales cycle. One entry per close counted. */
  readonly cycles = new Map<string, CycleSample[]>();

  /** Records that a close of the rep on `close` came from a deal created `days` calendar days before. */
  addCycle(repKey: string, close: DateStr, days: number): void {
    let samples = this.cycles.get(repKey);
    if (!samples) {
      samples = [];
      this.cycles.set(repKey, samples);
    }
    samples.push({ close, days });
  }

  /** Adds `count` events of `stage` on `date` for the rep identified by `repKey`. */
  add(repKey: string, repName: string, stage: StageId, date: DateStr, count = 1): void {
    let rep = this.reps.get(repKey);
    if (!rep) {
      rep = { name: repName, byStage: new Map() };
      this.reps.set(repKey, rep);
    }
    let byDate = rep.byStage.get(stage);
    if (!byDate) {
      byDate = new Map();
      rep.byStage.set(stage, byDate);
    }
    byDate.set(date, (byDate.get(date) ?? 0) + count);
  }

  /** True when the rep has any event dated in [start, end]. */
  hasEventsIn(repKey: string, start: DateStr, end: DateStr): boolean {
    const rep = this.reps.get(repKey);
    if (!rep) return false;
    for (const byDate of rep.byStage.values()) {
      for (const [date, n] of byDate) if (n > 0 && date >= start && date <= end) return true;
    }
    return false;
  }
}

/** Per-stage counts of one rep for events dated in [start, end]. */
export function countsIn(rep: RepTally | undefined, stages: readonly StageId[], start: DateStr, end: DateStr): Counts {
  const counts: Counts = {};
  for (const stage of stages) {
    let n = 0;
    const byDate = rep?.byStage.get(stage);
    if (byDate) for (const [date, c] of byDate) if (date >= start && date <= end) n += c;
    counts[stage] = n;
  }
  return counts;
}

export function sumCounts(all: Counts[], stages: readonly StageId[]): Counts {
  const total: Counts = {};
  for (const stage of stages) total[stage] = all.reduce((sum, c) => sum + (c[stage] ?? 0), 0);
  return total;
}
