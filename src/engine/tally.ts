import type { CycleSample } from './cycle.js';
import { DayArena, DayCounts, dayNumber } from './day-counts.js';
import type { Counts, DateStr, StageId } from './model.js';

export { DayArena, DayCounts, dayNumber, dayString } from './day-counts.js';

/** Event counts of one rep: stage → counts per day. */
export interface RepTally {
  /** Display name: the configured name, else the first spelling seen. */
  name: string;
  byStage: Map<StageId, DayCounts>;
}

/**
 * Aggregates events as they arrive. Memory grows with reps × stages × distinct dates,
 * never with the number of rows.
 */
export class Tally {
  readonly reps = new Map<string, RepTally>();
  /** Closes with a known creation date, by rep key: the sales cycle. One entry per close counted. */
  readonly cycles = new Map<string, CycleSample[]>();
  /** The storage of every rep's counts per day. */
  private readonly arena = new DayArena();
  // dayOf's last date and its number.
  private lastDate = '';
  private lastDay = 0;
  private seriesCount = 0;

  /** Day slots the counts take (12 bytes each): what the tally's size grows with. */
  get slots(): number {
    return this.arena.size;
  }

  /** Reps and stages with counts (a DayCounts each). */
  get series(): number {
    return this.seriesCount;
  }

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
    this.countsOf(repKey, repName, stage).add(this.dayOf(date), count);
  }

  /** `date`'s day number; rows of a file mostly repeat the date before, whose number is kept. */
  dayOf(date: DateStr): number {
    if (date !== this.lastDate) {
      this.lastDay = dayNumber(date);
      this.lastDate = date;
    }
    return this.lastDay;
  }

  /**
   * The counts per day of the rep's stage, made (and the rep with `repName`) when there are none
   * yet: ask for it only with a count above 0 to add (an empty one would take memory for nothing).
   */
  countsOf(repKey: string, repName: string, stage: StageId): DayCounts {
    let rep = this.reps.get(repKey);
    if (!rep) {
      rep = { name: repName, byStage: new Map() };
      this.reps.set(repKey, rep);
    }
    let byDay = rep.byStage.get(stage);
    if (!byDay) {
      byDay = new DayCounts(this.arena);
      rep.byStage.set(stage, byDay);
      this.seriesCount++;
    }
    return byDay;
  }

  /** True when the rep has any event dated in [start, end]. */
  hasEventsIn(repKey: string, start: DateStr, end: DateStr): boolean {
    const rep = this.reps.get(repKey);
    if (!rep || end < start) return false;
    const from = dayNumber(start);
    const to = dayNumber(end);
    for (const byDay of rep.byStage.values()) if (byDay.hasAnyIn(from, to)) return true;
    return false;
  }
}

/** Per-stage counts of one rep for events dated in [start, end]. */
export function countsIn(rep: RepTally | undefined, stages: readonly StageId[], start: DateStr, end: DateStr): Counts {
  const counts: Counts = {};
  const isEmpty = !rep || end < start;
  const from = isEmpty ? 0 : dayNumber(start);
  const to = isEmpty ? 0 : dayNumber(end);
  for (const stage of stages) {
    const byDay = isEmpty ? undefined : rep.byStage.get(stage);
    counts[stage] = byDay ? byDay.sumIn(from, to) : 0;
  }
  return counts;
}

/**
 * Per-stage counts of several reps together for events dated in [start, end]: sumCounts of their
 * countsIn, added in the same order, without holding a Counts object per rep.
 */
export function sumCountsIn(reps: Iterable<RepTally>, stages: readonly StageId[], start: DateStr, end: DateStr): Counts {
  const total: Counts = {};
  for (const stage of stages) total[stage] = 0;
  if (end < start) return total;
  const from = dayNumber(start);
  const to = dayNumber(end);
  for (const rep of reps) {
    for (const stage of stages) total[stage] += rep.byStage.get(stage)?.sumIn(from, to) ?? 0;
  }
  return total;
}

export function sumCounts(all: Counts[], stages: readonly StageId[]): Counts {
  const total: Counts = {};
  for (const stage of stages) total[stage] = all.reduce((sum, c) => sum + (c[stage] ?? 0), 0);
  return total;
}
