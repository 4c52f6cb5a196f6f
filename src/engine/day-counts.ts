import type { DateStr } from './model.js';

// A rep's counts of one stage per day, kept sorted by day number (days since 1970-01-01) in typed
// arrays shared by the whole tally: 12 bytes a day plus the slack of doubling, where nested Maps of
// date strings took about 50. The engine asks for sums over windows, answered by binary search
// instead of a scan of every day. A rep and stage with a count on most days of its span (an
// active rep's dials) is kept densely instead: a count per day of the span, found by subtraction.

/** `YYYY-MM-DD` → days since 1970-01-01 (negative before); throws on anything else, a bug upstream. */
export function dayNumber(s: DateStr): number {
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || y < 0 || m < 1 || m > 12 || d < 1 || d > monthDays(y, m)) {
    throw new Error(`tally: "${s}" is not a YYYY-MM-DD date`);
  }
  // Days from civil (H. Hinnant): proleptic Gregorian, exact for every 4-digit year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 → `YYYY-MM-DD`; the inverse of dayNumber. */
export function dayString(n: number): DateStr {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The value of s[from, to) as decimal digits, or -1 when any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

function monthDays(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The storage of every DayCounts of a tally: two typed arrays cut into segments, one per rep and
 * stage, whose capacity doubles as they fill (a segment outgrown is reused by the next of its
 * size). 12 bytes a day plus the slack of doubling, and no array object per rep and stage.
 */
export class DayArena {
  days = new Int32Array(1024);
  counts = new Float64Array(1024);
  private top = 0;
  /** Free segments by log2 of their capacity. */
  private readonly free: number[][] = [];
  /** Days the dense DayCounts of this arena hold room for (8 bytes each, in arrays of their own). */
  denseSlots = 0;

  /**
   * Slots handed out so far (free segments included, 12 bytes each), and the days of dense
   * counts: never fewer than the days held.
   */
  get size(): number {
    return this.top + this.denseSlots;
  }

  /** A segment of `capacity` (a power of 2) slots; its start. */
  alloc(capacity: number): number {
    const reused = this.free[Math.log2(capacity)]?.pop();
    if (reused !== undefined) return reused;
    if (this.top + capacity > this.days.length) {
      let size = this.days.length * 2;
      while (this.top + capacity > size) size *= 2;
      const days = new Int32Array(size);
      days.set(this.days.subarray(0, this.top));
      const counts = new Float64Array(size);
      counts.set(this.counts.subarray(0, this.top));
      this.days = days;
      this.counts = counts;
    }
    const start = this.top;
    this.top += capacity;
    return start;
  }

  release(start: number, capacity: number): void {
    (this.free[Math.log2(capacity)] ??= []).push(start);
  }
}

/** A DayCounts holding this many days or more goes dense when they fill 1 in DENSE_SPREAD of their span. */
const DENSE_FROM = 32;
const DENSE_SPREAD = 2;

/**
 * Counts of one rep and stage per day. Iterates like a `Map<DateStr, number>` (`[date, count]`
 * pairs), in date order. Counts are whole numbers ≥ 0; a day may hold 0 (a weekly tally spread
 * thinly), which counts as no event.
 */
export class DayCounts implements Iterable<[DateStr, number]> {
  /** Day numbers ascending, each once, in arena.days[start, start + size); their counts beside them in arena.counts. */
  private start = -1;
  private capacity = 0;
  private length = 0;
  /** Offset of the day the last add landed on, and that day: rows of one day in a row find it at once. */
  private recent = 0;
  private recentDay = 0;
  /**
   * The first and the last day held (when any), kept here: rows in no date order find their
   * day without reading the arena's ends, whose cache lines are rarely at hand.
   */
  private firstDay = 0;
  private lastDay = 0;
  /**
   * The dense form, or null while the days are kept sorted in the arena: the count of day
   * `base + i` at i, -1 where no count is held (counts are never negative).
   */
  private dense: Float64Array | null = null;
  private base = 0;

  constructor(private readonly arena: DayArena = new DayArena()) {}

  /** How many days hold a count. */
  get size(): number {
    return this.length;
  }

  /**
   * Adds `count` on day number `day`. The fast paths: appending in date order (the first file),
   * the day of the last add, and a day held where the days' spread puts it (see find).
   */
  add(day: number, count: number): void {
    const dense = this.dense;
    if (dense !== null) {
      const i = day - this.base;
      if (i >= 0 && i < dense.length) {
        const held = dense[i];
        if (held >= 0) {
          dense[i] = held + count;
          return;
        }
        dense[i] = count;
        this.length++;
        if (day < this.firstDay) this.firstDay = day;
        if (day > this.lastDay) this.lastDay = day;
        return;
      }
      // A day outside the room: more room if the days stay dense, else back to the sorted form.
      if (this.regrow(day)) return this.add(day, count);
      this.toSparse();
    }
    const n = this.length;
    let { days, counts } = this.arena;
    if (n > 0 && day >= this.firstDay && day <= this.lastDay) {
      const i = day === this.recentDay ? this.start + this.recent : this.find(day);
      if (i < this.start + n && days[i] === day) {
        counts[i] += count;
        this.recent = i - this.start;
        this.recentDay = day;
        return;
      }
    }
    if (n === this.capacity) {
      const capacity = n === 0 ? 2 : n * 2;
      const start = this.arena.alloc(capacity);
      ({ days, counts } = this.arena);
      if (n > 0) {
        days.copyWithin(start, this.start, this.start + n);
        counts.copyWithin(start, this.start, this.start + n);
        this.arena.release(this.start, this.capacity);
      }
      this.start = start;
      this.capacity = capacity;
    }
    const end = this.start + n;
    const i = n > 0 && day < this.lastDay ? this.lowerBound(day) : end;
    if (i < end) {
      days.copyWithin(i + 1, i, end);
      counts.copyWithin(i + 1, i, end);
    }
    days[i] = day;
    counts[i] = count;
    if (i === this.start) this.firstDay = day;
    if (i === end) this.lastDay = day;
    this.length = n + 1;
    this.recent = i - this.start;
    this.recentDay = day;
    if (this.length >= DENSE_FROM && this.lastDay - this.firstDay < DENSE_SPREAD * this.length) this.toDense();
  }

  /** Moves the days from the arena to a dense array over their span, with room to grow. */
  private toDense(): void {
    const span = this.lastDay - this.firstDay + 1;
    const dense = new Float64Array(span + (span >> 1)).fill(-1);
    const { days, counts } = this.arena;
    for (let i = this.start; i < this.start + this.length; i++) dense[days[i] - this.firstDay] = counts[i];
    this.arena.release(this.start, this.capacity);
    this.start = -1;
    this.capacity = 0;
    this.dense = dense;
    this.base = this.firstDay;
    this.arena.denseSlots += dense.length;
  }

  /**
   * Room for `day` in the dense array, when the days with it still fill at least 1 in
   * DENSE_SPREAD of their span: false (nothing changed) when they would not.
   */
  private regrow(day: number): boolean {
    const old = this.dense as Float64Array;
    const first = Math.min(this.firstDay, day);
    const last = Math.max(this.lastDay, day);
    const span = last - first + 1;
    if (span > DENSE_SPREAD * (this.length + 1)) return false;
    // Half the span again as room, on the side the days grew to.
    const size = span + (span >> 1);
    const base = day < this.firstDay ? last - size + 1 : first;
    const dense = new Float64Array(size).fill(-1);
    dense.set(old.subarray(this.firstDay - this.base, this.lastDay - this.base + 1), this.firstDay - base);
    this.arena.denseSlots += size - old.length;
    this.dense = dense;
    this.base = base;
    return true;
  }

  /** Moves the days of the dense array back to the arena, sorted. */
  private toSparse(): void {
    const dense = this.dense as Float64Array;
    let capacity = 2;
    while (capacity < this.length + 1) capacity *= 2;
    const start = this.arena.alloc(capacity);
    const { days, counts } = this.arena;
    let at = start;
    for (let i = this.firstDay - this.base; i <= this.lastDay - this.base; i++) {
      if (dense[i] < 0) continue;
      days[at] = this.base + i;
      counts[at++] = dense[i];
    }
    this.arena.denseSlots -= dense.length;
    this.dense = null;
    this.start = start;
    this.capacity = capacity;
    this.recent = 0;
    this.recentDay = days[start];
  }

  /** The count on `date`, or undefined when nothing was added on it. */
  get(date: DateStr): number | undefined {
    const day = dayNumber(date);
    if (this.dense !== null) {
      const held = day >= this.firstDay && day <= this.lastDay ? this.dense[day - this.base] : -1;
      return held >= 0 ? held : undefined;
    }
    const i = this.lowerBound(day);
    return i < this.start + this.length && this.arena.days[i] === day ? this.arena.counts[i] : undefined;
  }

  /** The sum of the counts on day numbers in [from, to]. */
  sumIn(from: number, to: number): number {
    if (this.dense !== null) {
      let sum = 0;
      this.forEachIn(from, to, (_day, count) => (sum += count));
      return sum;
    }
    const { days, counts } = this.arena;
    const end = this.start + this.length;
    let sum = 0;
    for (let i = this.lowerBound(from); i < end && days[i] <= to; i++) sum += counts[i];
    return sum;
  }

  /** True when a day number in [from, to] holds a count above 0. */
  hasAnyIn(from: number, to: number): boolean {
    const dense = this.dense;
    if (dense !== null) {
      const last = Math.min(to, this.lastDay) - this.base;
      for (let i = Math.max(from, this.firstDay) - this.base; i <= last; i++) if (dense[i] > 0) return true;
      return false;
    }
    const { days, counts } = this.arena;
    const end = this.start + this.length;
    for (let i = this.lowerBound(from); i < end && days[i] <= to; i++) if (counts[i] > 0) return true;
    return false;
  }

  /** Calls `fn(day, count)` for each day number in [from, to] that holds a count, in date order. */
  forEachIn(from: number, to: number, fn: (day: number, count: number) => void): void {
    const dense = this.dense;
    if (dense !== null) {
      const last = Math.min(to, this.lastDay) - this.base;
      for (let i = Math.max(from, this.firstDay) - this.base; i <= last; i++) if (dense[i] >= 0) fn(this.base + i, dense[i]);
      return;
    }
    const { days, counts } = this.arena;
    const end = this.start + this.length;
    for (let i = this.lowerBound(from); i < end && days[i] <= to; i++) fn(days[i], counts[i]);
  }

  /** The first and the last day number up to `to` with a count above 0, or null when there is none. */
  activeSpan(to: number): { first: number; last: number } | null {
    if (this.dense !== null) {
      let first = -1;
      let last = -1;
      this.forEachIn(-Infinity, to, (day, count) => {
        if (count <= 0) return;
        if (first < 0) first = day;
        last = day;
      });
      return first < 0 ? null : { first, last };
    }
    const { days, counts } = this.arena;
    const end = this.lowerBound(to + 1);
    let first = -1;
    for (let i = this.start; i < end; i++) {
      if (counts[i] > 0) {
        first = i;
        break;
      }
    }
    if (first < 0) return null;
    let last = first;
    for (let i = end - 1; i > first; i--) {
      if (counts[i] > 0) {
        last = i;
        break;
      }
    }
    return { first: days[first], last: days[last] };
  }

  *[Symbol.iterator](): Iterator<[DateStr, number]> {
    const dense = this.dense;
    if (dense !== null) {
      for (let i = this.firstDay - this.base; i <= this.lastDay - this.base; i++) if (dense[i] >= 0) yield [dayString(this.base + i), dense[i]];
      return;
    }
    for (let i = 0; i < this.length; i++) yield [dayString(this.arena.days[this.start + i]), this.arena.counts[this.start + i]];
  }

  /**
   * The arena index of the first day ≥ `day`, for a day within the days held. Rows in no date
   * order mostly find theirs where the days' spread puts it (days run evenly: every day, or
   * working days), a few steps from it at most; else by binary search.
   */
  private find(day: number): number {
    const { days } = this.arena;
    const first = this.start;
    const last = first + this.length - 1;
    const span = this.lastDay - this.firstDay;
    if (span <= 0 || day <= this.firstDay) return this.lowerBound(day);
    let i = first + Math.floor(((day - this.firstDay) * (last - first)) / span);
    for (let steps = 0; steps < 4; steps++) {
      if (days[i] < day) i++;
      else if (i > first && days[i - 1] >= day) i--;
      else return i;
    }
    return this.lowerBound(day);
  }

  /** The arena index of the first day ≥ `day` (start + size when there is none). */
  private lowerBound(day: number): number {
    const { days } = this.arena;
    let lo = this.start;
    let hi = this.start + this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (days[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
