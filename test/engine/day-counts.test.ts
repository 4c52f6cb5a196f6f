import { describe, expect, it } from 'vitest';
import { DayArena, DayCounts, dayNumber, dayString } from '../../src/engine/day-counts.js';
import { rng } from '../random.js';

describe('dayNumber and dayString', () => {
  // Days since 1970-01-01, computed with Python's datetime.date differences.
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-02-29', 11016],
    ['2000-03-01', 11017],
    ['2026-11-18', 20775],
    ['1900-03-01', -25508],
    ['0001-01-01', -719162],
    ['9999-12-31', 2932896],
  ])('%s is day %d, and back', (s, n) => {
    expect(dayNumber(s)).toBe(n);
    expect(dayString(n)).toBe(s);
  });

  it('round-trips every day of 1899 to 2101 and keeps the order of the strings', () => {
    const wrong: string[] = [];
    let previous = dayString(dayNumber('1899-01-01') - 1);
    for (let n = dayNumber('1899-01-01'); n <= dayNumber('2101-12-31'); n++) {
      const s = dayString(n);
      if (dayNumber(s) !== n || !(s > previous)) wrong.push(`${n} ${s}`);
      previous = s;
    }
    expect(previous).toBe('2101-12-31');
    expect(wrong).toEqual([]);
  });

  it.each(['2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '2026-01-1x', '20261118', '', '2026/11/18'])(
    'throws on %j, which is no YYYY-MM-DD date',
    (s) => expect(() => dayNumber(s)).toThrow(/not a YYYY-MM-DD date/),
  );
});

/** A reference: a Map of day → count, read the slow way. */
function reference(adds: [number, number][]): Map<number, number> {
  const m = new Map<number, number>();
  for (const [day, n] of adds) m.set(day, (m.get(day) ?? 0) + n);
  return m;
}

describe('DayCounts', () => {
  it('adds counts per day, keeps days in date order and iterates [date, count] pairs', () => {
    const c = new DayCounts();
    c.add(dayNumber('2026-11-15'), 4);
    c.add(dayNumber('2026-11-01'), 3);
    c.add(dayNumber('2026-12-01'), 7);
    c.add(dayNumber('2026-11-01'), 2);
    c.add(dayNumber('2026-11-30'), 1);
    c.add(dayNumber('2026-11-20'), 0);
    expect([...c]).toEqual([
      ['2026-11-01', 5],
      ['2026-11-15', 4],
      ['2026-11-20', 0],
      ['2026-11-30', 1],
      ['2026-12-01', 7],
    ]);
    expect(c.size).toBe(5);
    expect(c.get('2026-11-01')).toBe(5);
    expect(c.get('2026-11-02')).toBeUndefined();
    // Nov 1 .. Nov 30: 5 + 4 + 0 + 1.
    expect(c.sumIn(dayNumber('2026-11-01'), dayNumber('2026-11-30'))).toBe(10);
    expect(c.sumIn(dayNumber('2026-11-02'), dayNumber('2026-11-29'))).toBe(4);
    expect(c.sumIn(dayNumber('2026-12-02'), dayNumber('2026-11-01'))).toBe(0);
    // Nov 20 holds a 0: no event.
    expect(c.hasAnyIn(dayNumber('2026-11-16'), dayNumber('2026-11-29'))).toBe(false);
    expect(c.hasAnyIn(dayNumber('2026-11-16'), dayNumber('2026-11-30'))).toBe(true);
    expect(c.activeSpan(dayNumber('2026-11-29'))).toEqual({ first: dayNumber('2026-11-01'), last: dayNumber('2026-11-15') });
    expect(c.activeSpan(dayNumber('2026-10-31'))).toBeNull();
  });

  it('finds a day where the spread of the days puts it, never in another counter\'s slots', () => {
    // a holds days 10 and 20 in arena slots 0-1, b days 12 and 13 in slots 2-3. Day 13 is 3 days
    // after a's first: slot 3 holds 13, but it is b's, so a must insert its own day 13.
    const arena = new DayArena();
    const a = new DayCounts(arena);
    const b = new DayCounts(arena);
    a.add(10, 1);
    a.add(20, 1);
    b.add(12, 1);
    b.add(13, 1);
    a.add(13, 5);
    const days = (c: DayCounts) => {
      const out: [number, number][] = [];
      c.forEachIn(0, 100, (day, n) => out.push([day, n]));
      return out;
    };
    expect(days(a)).toEqual([[10, 1], [13, 5], [20, 1]]);
    expect(days(b)).toEqual([[12, 1], [13, 1]]);
    // Days without gaps: day 12 is 2 after the first, in slot 2, and is counted there.
    const c = new DayCounts(new DayArena());
    for (const d of [10, 11, 12, 13]) c.add(d, 1);
    c.add(12, 4);
    c.add(10, 2);
    expect(days(c)).toEqual([[10, 3], [11, 1], [12, 5], [13, 1]]);
    // Working days (no weekends) and a cluster far from where the spread puts it.
    const w = new DayCounts(new DayArena());
    const held = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 40, 41, 42, 43, 44, 45];
    for (const d of held) w.add(d, 1);
    for (const d of [...held].reverse()) w.add(d, 1);
    w.add(30, 7);
    w.add(0, 1);
    expect(days(w)).toEqual([[0, 1], ...held.map((d) => [d, 2] as [number, number]).filter(([d]) => d < 30), [30, 7], ...held.filter((d) => d > 30).map((d) => [d, 2] as [number, number])]);
  });

  it('activeSpan skips days that hold 0 at either end', () => {
    const c = new DayCounts();
    for (const [d, n] of [[10, 0], [11, 2], [12, 0], [13, 1], [14, 0], [20, 5]] as const) c.add(d, n);
    expect(c.activeSpan(19)).toEqual({ first: 11, last: 13 });
    expect(c.activeSpan(20)).toEqual({ first: 11, last: 20 });
    expect(c.activeSpan(11)).toEqual({ first: 11, last: 11 });
    expect(c.activeSpan(10)).toBeNull();
  });

  it('many counters sharing one arena, fed in random, reverse and forward order, read like a Map', () => {
    const rand = rng(7);
    const arena = new DayArena();
    const counters: DayCounts[] = [];
    const adds: [number, number][][] = [];
    for (let k = 0; k < 40; k++) {
      counters.push(new DayCounts(arena));
      adds.push([]);
    }
    for (let step = 0; step < 20_000; step++) {
      const k = Math.floor(rand() * counters.length);
      // Counter k mod 4: 0 random days, 1 days going back, 2 days going forward (with repeats),
      // 3 files of the same dates one after another (runs going forward over days 0..51 again and
      // again, each skipping some days and repeating others), as several exports of one period are read.
      const seen = adds[k].length;
      const day =
        k % 4 === 0 ? Math.floor(rand() * 3000) - 500 : k % 4 === 1 ? 2000 - seen + Math.floor(rand() * 3) : k % 4 === 2 ? seen >> 1 : (seen % 50) + Math.floor(rand() * 3);
      const n = Math.floor(rand() * 4);
      counters[k].add(day, n);
      adds[k].push([day, n]);
    }
    for (let k = 0; k < counters.length; k++) {
      const ref = reference(adds[k]);
      const days = [...ref.keys()].sort((a, b) => a - b);
      expect([...counters[k]]).toEqual(days.map((d) => [dayString(d), ref.get(d)]));
      for (let w = 0; w < 50; w++) {
        const from = Math.floor(rand() * 3200) - 600;
        const to = from + Math.floor(rand() * 400) - 20;
        const inWindow = days.filter((d) => d >= from && d <= to);
        expect(counters[k].sumIn(from, to)).toBe(inWindow.reduce((s, d) => s + ref.get(d)!, 0));
        expect(counters[k].hasAnyIn(from, to)).toBe(inWindow.some((d) => ref.get(d)! > 0));
        const visited: [number, number][] = [];
        counters[k].forEachIn(from, to, (d, n) => visited.push([d, n]));
        expect(visited).toEqual(inWindow.map((d) => [d, ref.get(d)]));
        const active = days.filter((d) => d <= to && ref.get(d)! > 0);
        expect(counters[k].activeSpan(to)).toEqual(active.length ? { first: active[0], last: active[active.length - 1] } : null);
      }
    }
  });
  it('a counter whose days fill its span goes dense, and back to sorted days when a far day comes; it reads the same throughout', () => {
    const rand = rng(23);
    const arena = new DayArena();
    const c = new DayCounts(arena);
    const other = new DayCounts(arena);
    const adds: [number, number][] = [];
    const check = () => {
      const ref = reference(adds);
      const days = [...ref.keys()].sort((a, b) => a - b);
      expect([...c]).toEqual(days.map((d) => [dayString(d), ref.get(d)]));
      expect(c.size).toBe(days.length);
      // Room for every day held: a part's counts are copied into arrays of this size.
      expect(arena.size).toBeGreaterThanOrEqual(days.length + other.size);
      for (let w = 0; w < 30; w++) {
        const from = days[0] - 50 + Math.floor(rand() * (days[days.length - 1] - days[0] + 100));
        const to = from + Math.floor(rand() * 200) - 10;
        const inWindow = days.filter((d) => d >= from && d <= to);
        expect(c.sumIn(from, to)).toBe(inWindow.reduce((sum, d) => sum + ref.get(d)!, 0));
        expect(c.hasAnyIn(from, to)).toBe(inWindow.some((d) => ref.get(d)! > 0));
        const visited: [number, number][] = [];
        c.forEachIn(from, to, (d, n) => visited.push([d, n]));
        expect(visited).toEqual(inWindow.map((d) => [d, ref.get(d)]));
        const active = days.filter((d) => d <= to && ref.get(d)! > 0);
        expect(c.activeSpan(to)).toEqual(active.length ? { first: active[0], last: active[active.length - 1] } : null);
        expect(c.get(dayString(from))).toBe(ref.get(from));
      }
      const visited: number[] = [];
      other.forEachIn(-Infinity, Infinity, (d) => visited.push(d));
      expect(visited).toEqual([...Array(other.size).keys()].map((i) => 100_000 + i * 7));
    };
    const add = (day: number, n: number) => {
      c.add(day, n);
      adds.push([day, n]);
    };
    // Another counter of the arena, sorted all along, must keep its days whatever c does.
    for (let i = 0; i < 40; i++) other.add(100_000 + i * 7, 1);
    // Working days of ten weeks in random order (some counts 0): dense after the first 32 days held.
    const weekdays = [...Array(70).keys()].filter((d) => d % 7 < 5);
    for (let i = 0; i < 400; i++) add(1000 + weekdays[Math.floor(rand() * weekdays.length)], Math.floor(rand() * 3));
    check();
    // Growing to the right and to the left, a week at a time.
    for (let week = 10; week < 20; week++) for (const d of [0, 1, 2, 3, 4]) add(1000 + week * 7 + d, 1);
    for (let week = 1; week < 6; week++) for (const d of [0, 1, 2, 3, 4]) add(1000 - week * 7 + d, 2);
    check();
    // A day far away: back to sorted days; more of them there, then the gap filled: dense again.
    add(5000, 4);
    check();
    for (let d = 5001; d < 5040; d++) add(d, 1);
    check();
    for (let d = 1140; d < 5000; d++) add(d, d % 3);
    check();
    add(900, 1);
    add(1100, 2);
    check();
  });
});
