import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { SeenIds } from '../../src/normalize/id-set.js';

// SeenIds' tables, as its doc comment states them: numeric ids (1 to 15 digits, no leading zero)
// in a float64 table, other ids in a text table with an entry list and a byte arena (one byte a
// UTF-16 unit, two when a unit is above 255); every table doubles when it would pass 70 % full.
// The typed arrays it allocates are watched here: each allocation is recorded, so the test can
// say which table an id went to and when each one grows, and every element read is counted, so
// a broken probe (one that never finds an empty slot) throws after a bound instead of hanging.

const KINDS = ['Float64Array', 'Int32Array', 'Uint8Array'] as const;
type Kind = (typeof KINDS)[number];
type AnyConstructor = new (...args: unknown[]) => object;

/** More element reads than any test here needs: a probe that does not end reaches it fast. */
const READ_BOUND = 2_000_000;

/**
 * Runs `f` with the global typed arrays replaced by recording look-alikes. `since()` returns the
 * allocations (`Float64Array(16)`) made since its previous call.
 */
function watched<T>(f: (since: () => string[]) => T): T {
  const log: string[] = [];
  let taken = 0;
  let reads = 0;
  const saved = new Map<Kind, unknown>(KINDS.map((k) => [k, globalThis[k]]));
  const handler: ProxyHandler<object> = {
    get(target, p) {
      if (++reads > READ_BOUND) throw new Error(`more than ${READ_BOUND} reads of the id tables: a probe that does not end`);
      const v: unknown = Reflect.get(target, p, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    set: (target, p, v) => Reflect.set(target, p, v, target),
  };
  for (const kind of KINDS) {
    const Real = saved.get(kind) as AnyConstructor;
    const Watched = class extends Real {
      constructor(...args: unknown[]) {
        super(...args);
        // A view made by subarray() (a buffer, not a length) must stay a real typed array.
        if (typeof args[0] !== 'number') return;
        log.push(`${kind}(${args[0]})`);
        return new Proxy(this, handler);
      }
    };
    Object.defineProperty(globalThis, kind, { value: Watched, writable: true, configurable: true });
  }
  const since = () => log.slice(taken, (taken = log.length));
  try {
    return f(since);
  } finally {
    for (const kind of KINDS) Object.defineProperty(globalThis, kind, { value: saved.get(kind), writable: true, configurable: true });
  }
}

/** The allocations of a new SeenIds of `cap` slots: numeric keys and bits, text slots, entries (4 arrays), arena. */
function created(cap: number, entries: number): string[] {
  return [
    `Float64Array(${cap})`,
    `Uint8Array(${cap})`,
    `Int32Array(${cap})`,
    `Float64Array(${entries})`,
    `Int32Array(${entries})`,
    `Int32Array(${entries})`,
    `Uint8Array(${entries})`,
    `Uint8Array(${cap * 4})`,
  ];
}

describe('SeenIds: table sizes', () => {
  it.each([
    // [initialCapacity, slots, entries]: slots are the next power of two, at least 8; entries
    // hold one more than the 70 % that fit before the text table doubles: floor(0.7 × slots) + 1.
    [undefined, 4096, 2868], // 0.7 × 4096 = 2867.2
    [0, 8, 6], // 2^ceil(log2 0) = 0, raised to 8; 0.7 × 8 = 5.6
    [1, 8, 6],
    [8, 8, 6],
    [9, 16, 12], // log2 9 = 3.17 → 2^4; 0.7 × 16 = 11.2
    [100, 128, 90], // log2 100 = 6.64 → 2^7; 0.7 × 128 = 89.6
    [5000, 8192, 5735], // 0.7 × 8192 = 5734.4
  ])('initialCapacity %s: %i slots, %i entries, an arena of 4 bytes a slot', (initialCapacity, cap, entries) => {
    const log = watched((since) => {
      new SeenIds(initialCapacity === undefined ? {} : { initialCapacity });
      return since();
    });
    expect(log).toEqual(created(cap, entries));
  });
});

describe('SeenIds: which table an id goes to', () => {
  // Five numeric and five text ids fill an 8-slot set to its 70 % mark (5 of 5.6), so the next
  // new id doubles the table it goes to: Float64Array(16) and its stage bits Uint8Array(16) for
  // a numeric id, Int32Array(16) for a text one.
  const kindOf = (id: string) =>
    watched((since) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      for (const pre of ['1001', '1002', '1003', '1004', '1005', 'p1', 'p2', 'p3', 'p4', 'p5']) ids.add(pre, s);
      since();
      const added = [ids.add(id, s), ids.add(id, s)];
      const grown = since();
      return { added, size: ids.size, grown };
    });

  it.each(['1', '9', '10', '19', '90', '99', '123456789012345', '100000000000000', '999999999999999'])(
    '%j: 1 to 15 digits, no leading zero → the numeric table',
    (id) => {
      expect(kindOf(id)).toEqual({ added: [true, false], size: 11, grown: ['Float64Array(16)', 'Uint8Array(16)'] });
    },
  );

  it.each([
    '0',
    '00',
    '01',
    '007',
    '1000000000000000', // 16 digits
    '9999999999999999',
    '1a',
    'a1',
    '1.0',
    '1e3',
    '1/', // '/' and ':' sit just below '0' and just above '9'
    '1:',
    '/1',
    ':1',
    ' 1',
    '1 ',
    '-1',
    '+1',
    '１', // a full-width digit
    '1٠', // an Arabic-Indic zero
  ])('%j → the text table', (id) => {
    expect(kindOf(id)).toEqual({ added: [true, false], size: 11, grown: ['Int32Array(16)'] });
  });

  it('digits next to the digit range do not read as numbers (each is its own id)', () => {
    // As numbers, '1/' would be 1·10 + (47 − 48) = 9 and '1:' 1·10 + 10 = 20.
    const got = watched(() => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      return { added: ['9', '20', '1/', '1:', '10', '1'].map((id) => ids.add(id, s)), size: ids.size };
    });
    expect(got).toEqual({ added: [true, true, true, true, true, true], size: 6 });
  });
});

describe('SeenIds: when each table doubles', () => {
  it('numeric ids: at the 6th, 12th, 23rd, 45th, 90th and 180th distinct id', () => {
    // A table of c slots doubles when the next id would be more than 0.7 c: 8 → the 6th (> 5.6),
    // 16 → the 12th (> 11.2), 32 → the 23rd (> 22.4), 64 → the 45th, 128 → the 90th, 256 → the 180th.
    const { growth, again, size } = watched((since) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      since();
      const growth: string[] = [];
      for (let n = 1; n <= 200; n++) {
        ids.add(String(n), s);
        for (const a of since()) growth.push(`${n}: ${a}`);
      }
      // Every id is found again, and a repeat allocates nothing.
      const again = Array.from({ length: 200 }, (_, i) => ids.add(String(i + 1), s)).filter(Boolean).length;
      return { growth: [...growth, ...since()], again, size: ids.size };
    });
    expect(growth).toEqual([
      // The first new numeric id makes the table of recent ranges (see IdBlocks).
      '1: Float64Array(1024)',
      '1: Int32Array(1024)',
      '6: Float64Array(16)',
      '6: Uint8Array(16)',
      '12: Float64Array(32)',
      '12: Uint8Array(32)',
      '23: Float64Array(64)',
      '23: Uint8Array(64)',
      '45: Float64Array(128)',
      '45: Uint8Array(128)',
      '90: Float64Array(256)',
      '90: Uint8Array(256)',
      '180: Float64Array(512)',
      '180: Uint8Array(512)',
    ]);
    expect([again, size]).toEqual([0, 200]);
  });

  it('text ids: slots at 70 %, entries when full, the arena when the next id does not fit', () => {
    // Ids t001 … t060, four bytes each. Slots (8) double at the 6th, 12th, 23rd and 45th id as
    // above. Entries (6) double when the id to add has no room: the 7th (index 6), the 13th, the
    // 25th and the 49th; all four entry arrays at once. The arena (32 bytes) doubles when the
    // next id would pass its end: the 9th id needs 36 bytes → 64, the 17th 68 → 128, the 33rd 132 → 256.
    const { growth, again, size } = watched((since) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      since();
      const growth: string[] = [];
      const id = (n: number) => `t${String(n).padStart(3, '0')}`;
      for (let n = 1; n <= 60; n++) {
        ids.add(id(n), s);
        for (const a of since()) growth.push(`${n}: ${a}`);
      }
      const again = Array.from({ length: 60 }, (_, i) => ids.add(id(i + 1), s)).filter(Boolean).length;
      return { growth: [...growth, ...since()], again, size: ids.size };
    });
    const entries = (n: number, cap: number) => [`${n}: Float64Array(${cap})`, `${n}: Int32Array(${cap})`, `${n}: Int32Array(${cap})`, `${n}: Uint8Array(${cap})`];
    expect(growth).toEqual([
      '6: Int32Array(16)',
      ...entries(7, 12),
      '9: Uint8Array(64)',
      '12: Int32Array(32)',
      ...entries(13, 24),
      '17: Uint8Array(128)',
      '23: Int32Array(64)',
      ...entries(25, 48),
      '33: Uint8Array(256)',
      '45: Int32Array(128)',
      ...entries(49, 96),
    ]);
    expect([again, size]).toEqual([0, 60]);
  });

  it.each([
    // [id, what the arena (32 bytes) becomes]: it doubles until the id fits, and not beyond.
    ['x'.repeat(32), null], // exactly fills it
    ['x'.repeat(33), 64],
    ['x'.repeat(64), 64], // exactly fills the doubled arena
    ['x'.repeat(65), 128],
    ['x'.repeat(129), 256],
    ['ÿ'.repeat(20), null], // U+00FF still takes one byte
    ['Ā'.repeat(16), null], // U+0100 takes two: 32 bytes
    ['Ā'.repeat(17), 64], // 34 bytes
    ['x'.repeat(16) + '東', 64], // one wide unit makes the whole id wide: 17 units, 34 bytes
    ['東' + 'x'.repeat(15), null], // 16 units, 32 bytes
  ])('a first id %j grows the arena to %s', (id, arena) => {
    const { log, added } = watched((since) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      since();
      const first = ids.add(id, s);
      const log = since();
      return { log, added: [first, ids.add(id, s)] };
    });
    expect(log).toEqual(arena === null ? [] : [`Uint8Array(${arena})`]);
    expect(added).toEqual([true, false]);
  });
});

describe('SeenIds: more than eight stages', () => {
  it('widens the stage bits by a byte at the 9th and the 17th stage, for both tables; tables then grow at the new width', () => {
    // 8 slots and 6 entries: the 9th stage re-lays both bit arrays at two bytes an id (16 and
    // 12 bytes), the 17th at three (24 and 18). Numeric growth then takes 16 × 3 bytes of bits,
    // entry growth 12 × 3.
    const got = watched((since) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      since();
      const steps: string[] = [];
      for (let i = 0; i < 20; i++) {
        const n = ids.stage(`s${i}`);
        steps.push(`s${i}=${n}${since().map((a) => ` ${a}`).join('')}`);
      }
      // Asking again gives the same number and allocates nothing.
      steps.push(`s8=${ids.stage('s8')}${since().join(' ')}`);
      for (let n = 1; n <= 6; n++) ids.add(String(n), 19);
      steps.push(`6 numeric ids: ${since().join(' ')}`);
      for (let n = 1; n <= 7; n++) ids.add(`t${n}`, 19);
      steps.push(`7 text ids: ${since().join(' ')}`);
      return steps;
    });
    expect(got).toEqual([
      's0=0',
      's1=1',
      's2=2',
      's3=3',
      's4=4',
      's5=5',
      's6=6',
      's7=7',
      's8=8 Uint8Array(16) Uint8Array(12)',
      's9=9',
      's10=10',
      's11=11',
      's12=12',
      's13=13',
      's14=14',
      's15=15',
      's16=16 Uint8Array(24) Uint8Array(18)',
      's17=17',
      's18=18',
      's19=19',
      's8=8',
      '6 numeric ids: Float64Array(1024) Int32Array(1024) Float64Array(16) Uint8Array(48)',
      '7 text ids: Int32Array(16) Float64Array(12) Int32Array(12) Int32Array(12) Uint8Array(36)',
    ]);
  });

  it('keeps every (id, stage) bit of neighbouring ids apart through widening and growth', () => {
    // Text entries sit side by side in insertion order, and 40 numeric ids fill most of a
    // 64-slot table, so a bit copied to or read from the neighbour's byte shows up here.
    const got = watched(() => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const all = [...Array.from({ length: 40 }, (_, i) => String(i + 1)), ...Array.from({ length: 40 }, (_, i) => `t${i}`)];
      // Id number k is recorded for stage j < 8 when bit j of (7k + 3) mod 256 is set.
      const early = (k: number, j: number) => (((7 * k + 3) % 256) >> j) & 1;
      const wrong: string[] = [];
      const first = Array.from({ length: 8 }, (_, j) => ids.stage(`s${j}`));
      all.forEach((id, k) => first.forEach((j) => early(k, j) && ids.add(id, j)));
      // Ids recorded for stages 8 … 19 when k mod (j − 6) is 0: stage 8 every 2nd id, stage 9 every 3rd …
      const late = (k: number, j: number) => k % (j - 6) === 0;
      // Widen to 2 bytes an id and record stages 8 … 15; then widen to 3, moving those second
      // bytes too, and record stages 16 … 19. The tables already hold every id.
      const second = Array.from({ length: 8 }, (_, j) => ids.stage(`s${j + 8}`));
      all.forEach((id, k) => second.forEach((j) => late(k, j) && ids.add(id, j)));
      const third = Array.from({ length: 4 }, (_, j) => ids.stage(`s${j + 16}`));
      all.forEach((id, k) => third.forEach((j) => late(k, j) && ids.add(id, j)));
      // Grow both tables past their size with more ids, at stage 19.
      for (let n = 100; n < 300; n++) {
        ids.add(String(n), 19);
        ids.add(`u${n}`, 19);
      }
      all.forEach((id, k) => {
        for (let j = 0; j < 20; j++) {
          const isSeen = j < 8 ? early(k, j) === 1 : late(k, j);
          if (ids.add(id, j) === isSeen) wrong.push(`${id} stage ${j}: ${isSeen ? 'seen' : 'not seen'} before`);
        }
      });
      return { wrong, size: ids.size };
    });
    expect(got).toEqual({ wrong: [], size: 80 + 400 });
  });
});

describe('SeenIds: ids whose hashes collide', () => {
  // Pairs of distinct ids with the same 32-bit text hash (FNV-1a and its final mix), found by a
  // search outside the tests: a match must compare the whole id, length and every unit.
  it.each([
    ['narrow, same length', 'id-vhfkip', 'id-sq843q'],
    ['wide, same length', '東広仙浜福大', '東台浜古大広'],
    // The suffix brings FNV's state back to what it was after "ab": a longer id that starts with the shorter.
    ['narrow, one a prefix of the other', 'ab', 'abiÊ÷ê~'],
    ['narrow and wide, one a prefix of the other', 'ab', 'abo\u2d6e\u0f4d'],
  ])('%s: %j and %j are two ids, in either order', (_, a, b) => {
    const got = watched(() =>
      [
        [a, b],
        [b, a],
      ].map(([x, y]) => {
        const ids = new SeenIds({ initialCapacity: 8 });
        const s = ids.stage('dial');
        const t = ids.stage('close');
        return [ids.add(x, s), ids.add(y, s), ids.add(x, s), ids.add(y, s), ids.add(y, t), ids.add(x, t), ids.add(x, t), ids.size];
      }),
    );
    expect(got).toEqual([
      [true, true, false, false, true, true, false, 2],
      [true, true, false, false, true, true, false, 2],
    ]);
  });
});

/**
 * Typed arrays that hold only what is written to them: a table of 2^28 slots without its
 * gigabytes. Reads of unwritten elements give 0, as a new typed array's do.
 */
function sparseArrays<T>(f: () => T, opts: { isEmptyToIterate?: boolean } = {}): T {
  const saved = new Map<Kind, unknown>(KINDS.map((k) => [k, globalThis[k]]));
  const Sparse = function (this: unknown, n: number) {
    const cells = new Map<string, number>();
    // isEmptyToIterate: a loop over the elements sees none (a table of 2^27 slots is not
    // walked element by element here; only the size check of its doubling is under test).
    const length = opts.isEmptyToIterate ? 0 : n;
    return new Proxy(
      {},
      {
        get: (_, p) => (p === 'length' ? length : typeof p === 'string' ? (cells.get(p) ?? 0) : undefined),
        set: (_, p, v: number) => (cells.set(String(p), v), true),
      },
    );
  };
  for (const kind of KINDS) Object.defineProperty(globalThis, kind, { value: Sparse, writable: true, configurable: true });
  try {
    return f();
  } finally {
    for (const kind of KINDS) Object.defineProperty(globalThis, kind, { value: saved.get(kind), writable: true, configurable: true });
  }
}

/** The error `f` throws (null when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
    return null;
  } catch (err) {
    return err;
  }
}

const HINT = 'read fewer or shorter exports per run (every id of a run is kept to drop repeats), or remove columns.id from sources whose exports hold no repeated rows';

describe('SeenIds: TOO_MANY_IDS', () => {
  // The largest table has 2^28 slots: 0.7 × 2^28 = 187,904,819.2, so 187,904,819 ids of one
  // kind fit; the next one would need 2^29 slots. The count is set by hand on a table of 2^28
  // sparse slots (reaching it by adding ids would take gigabytes and minutes).
  it.each([
    ['numeric', 'numCount', '42'],
    ['text', 'textCount', 'abc'],
  ])('a full %s table of 2^28 slots: the next id stops the run with the limit', (_, count, id) => {
    const err = sparseArrays(() => {
      const ids = new SeenIds({ initialCapacity: 2 ** 28 });
      const s = ids.stage('dial');
      (ids as unknown as Record<string, number>)[count] = 187_904_819;
      return thrown(() => ids.add(id, s));
    });
    expect(err).toBeInstanceOf(FunnelError);
    expect(err).toMatchObject({
      code: 'TOO_MANY_IDS',
      message: 'too many distinct ids to deduplicate: 187,904,819 so far, and the limit is 187,904,819 distinct ids of one kind',
      hint: HINT,
    });
  });

  it('a numeric table of 2^27 slots still doubles to 2^28', () => {
    // 0.7 × 2^27 = 93,952,409.6: the 93,952,410th id doubles the table to the largest size.
    const got = sparseArrays(
      () => {
        const ids = new SeenIds({ initialCapacity: 2 ** 27 });
        const s = ids.stage('dial');
        (ids as unknown as Record<string, number>).numCount = 93_952_409;
        return [thrown(() => ids.add('42', s)), ids.add('42', s), ids.size];
      },
      { isEmptyToIterate: true },
    );
    expect(got).toEqual([null, false, 93_952_410]);
  });

  it.each([
    // [the array that cannot be allocated, the ids added before, the id that needs it, the count so far]
    // 1,433 numeric ids fill 2,048 slots to 69.97 %; the 1,434th needs 4,096 (Float64Array).
    // They are 5,000 apart, each in its own range, so none moves to a dense block.
    ['Float64Array', 1433, '7170000', '1,433'],
    // 5 text ids fill 8 slots to 5 of 5.6; the 6th needs 16 slots (Int32Array).
    ['Int32Array', 5, 't6', '5'],
  ] as const)('memory runs out for a %s: TOO_MANY_IDS with the count so far', (kind, before, next, count) => {
    const err = watched(() => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      for (let n = 1; n <= before; n++) ids.add(kind === 'Float64Array' ? String(n * 5000) : `t${n}`, s);
      const real = globalThis[kind];
      Object.defineProperty(globalThis, kind, {
        value: function () {
          throw new RangeError('Array buffer allocation failed');
        },
        configurable: true,
        writable: true,
      });
      try {
        return thrown(() => ids.add(next, s));
      } finally {
        Object.defineProperty(globalThis, kind, { value: real, configurable: true, writable: true });
      }
    });
    expect(err).toBeInstanceOf(FunnelError);
    expect(err).toMatchObject({
      code: 'TOO_MANY_IDS',
      message: `too many distinct ids to deduplicate: ${count} so far, and there is not enough memory to hold more`,
      hint: HINT,
    });
  });

  it('an allocation error other than running out of memory is not taken for one', () => {
    const failure = new TypeError('not a memory problem');
    const err = watched(() => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      for (let n = 1; n <= 5; n++) ids.add(String(n), s);
      const real = globalThis.Float64Array;
      Object.defineProperty(globalThis, 'Float64Array', {
        value: function () {
          throw failure;
        },
        configurable: true,
        writable: true,
      });
      try {
        return thrown(() => ids.add('6', s));
      } finally {
        Object.defineProperty(globalThis, 'Float64Array', { value: real, configurable: true, writable: true });
      }
    });
    expect(err).toBe(failure);
  });
});
