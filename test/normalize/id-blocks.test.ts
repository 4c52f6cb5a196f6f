import { describe, expect, it } from 'vitest';
import { BLOCK, PROMOTE_AT } from '../../src/normalize/id-blocks.js';
import { SeenIds } from '../../src/normalize/id-set.js';
import { rng } from '../random.js';

// Numeric ids that fill a range of 4,096 numbers move from SeenIds' hash table to a dense block
// (IdBlocks). What a caller sees must not change: add answers as before, and size counts
// each id once. What changes is memory, seen here through the typed arrays allocated.

const KINDS = ['Float64Array', 'Int32Array', 'Uint8Array'] as const;
type AnyConstructor = new (...args: unknown[]) => object;

/** Runs `f` while recording every typed array allocated with a length (`Uint8Array(16384)`) into the log it is given. */
function recorded<T>(f: (log: readonly string[]) => T): T {
  const log: string[] = [];
  const saved = KINDS.map((k) => globalThis[k]);
  for (const kind of KINDS) {
    const Real = globalThis[kind] as unknown as AnyConstructor;
    const Recorded = class extends Real {
      constructor(...args: unknown[]) {
        super(...args);
        if (typeof args[0] === 'number') log.push(`${kind}(${args[0]})`);
      }
    };
    Object.defineProperty(globalThis, kind, { value: Recorded, writable: true, configurable: true });
  }
  try {
    return f(log);
  } finally {
    KINDS.forEach((kind, i) => Object.defineProperty(globalThis, kind, { value: saved[i], writable: true, configurable: true }));
  }
}

/** The length of a recorded allocation: 16384 for `Uint8Array(16384)`. */
const lengthOf = (a: string): number => Number(a.slice(a.indexOf('(') + 1, -1));

/** The distinct (id, stage) pairs, the plain way: what SeenIds must answer. */
class Model {
  private readonly pairs = new Set<string>();
  private readonly ids = new Set<string>();
  add(id: string, stage: number): boolean {
    this.ids.add(id);
    const key = `${id}\u0000${stage}`;
    if (this.pairs.has(key)) return false;
    this.pairs.add(key);
    return true;
  }
  get size(): number {
    return this.ids.size;
  }
}

describe('SeenIds: dense blocks of numeric ids', () => {
  it('the constants the comments rely on', () => {
    expect([BLOCK, PROMOTE_AT]).toEqual([4096, 256]);
  });

  it('a range gets its block at its 256th id; later ids of the range allocate nothing', () => {
    // 40,000,000,000 = 4,096 × 9,765,625: the ids below fill one range from its start.
    const start = 40_000_000_000;
    const got = recorded((log) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      const made: Record<number, string[]> = {};
      for (let n = 0; n < 600; n++) {
        const before = log.length;
        ids.add(String(start + n), s);
        if (n >= 254) made[n] = log.slice(before);
      }
      const again = Array.from({ length: 600 }, (_, n) => ids.add(String(start + n), s)).filter(Boolean).length;
      return { made, size: ids.size, again };
    });
    expect(got.made[254]).toEqual([]);
    // The 256th id (n = 255): room for four blocks of stage bits (one byte an id) and the
    // 8-slot table of blocks.
    expect(got.made[255]).toEqual(['Uint8Array(16384)', 'Float64Array(8)', 'Int32Array(8)']);
    for (let n = 256; n < 600; n++) expect(got.made[n]).toEqual([]);
    expect([got.size, got.again]).toEqual([600, 0]);
  });

  it('the hash table stays small while sequential ids fill block after block', () => {
    // 40,000 ids in ten ranges, about 1 % of them repeated later (as overlapping exports do),
    // in two stages. Without blocks the numeric table would double to 65,536 slots.
    const random = rng(7);
    const got = recorded((log) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const model = new Model();
      const stages = [ids.stage('dial'), ids.stage('conversation')];
      const wrong: string[] = [];
      for (let n = 1; n <= 40_000; n++) {
        const id = String(n);
        const stage = stages[random() < 0.3 ? 1 : 0];
        if (ids.add(id, stage) !== model.add(id, stage)) wrong.push(`add ${id}`);
        if (random() < 0.01) {
          const again = String(1 + Math.floor(random() * n));
          if (ids.add(again, stage) !== model.add(again, stage)) wrong.push(`repeat ${again}`);
        }
      }
      return { wrong, size: ids.size, model: model.size, log: [...log] };
    });
    expect(got.wrong).toEqual([]);
    expect(got.size).toBe(got.model);
    const numericTables = got.log.filter((a) => a.startsWith('Float64Array(') && a !== 'Float64Array(1024)').map(lengthOf);
    // Table of blocks aside (8 and 16 slots), the numeric table never passes 512 slots.
    expect(Math.max(...numericTables)).toBeLessThanOrEqual(512);
    // Stage bits of ten blocks: room for 4, 8 and then 16 blocks.
    expect(got.log.filter((a) => a.startsWith('Uint8Array(') && lengthOf(a) >= BLOCK)).toEqual(['Uint8Array(16384)', 'Uint8Array(32768)', 'Uint8Array(65536)']);
  });

  it('the range of 1 to 4,095 (0 is never a numeric id) moves whole', () => {
    const ids = new SeenIds({ initialCapacity: 8 });
    const s = ids.stage('dial');
    for (let n = 1; n < BLOCK; n++) expect(ids.add(String(n), s)).toBe(true);
    for (let n = 1; n < BLOCK; n++) expect([ids.add(String(n), s), ids.addNumeric(n, s)]).toEqual([false, false]);
    expect([ids.size, ids.add('0', s), ids.add('4096', s), ids.size]).toEqual([4095, true, true, 4097]);
  });

  it('scattered ids stay in the hash table: a range needs 256 ids of its own, counted while it is recent', () => {
    // 2,000 ids 4,096 apart: each in its own range, none ever gets a block.
    const got = recorded((log) => {
      const ids = new SeenIds({ initialCapacity: 8 });
      const s = ids.stage('dial');
      for (let n = 1; n <= 2000; n++) ids.add(String(n * BLOCK + 5), s);
      // The first block's stage bits would be Uint8Array(16384); the hash table reaches 4,096 slots.
      return { blocks: log.filter((a) => a === 'Uint8Array(16384)'), size: ids.size };
    });
    expect(got).toEqual({ blocks: [], size: 2000 });
  });

  // The randomized comparison with the plain model: sequential runs, shuffled dense ranges,
  // scattered ids, text ids, repeats, and more than eight stages arriving
  // after blocks exist (the stage bits of blocks are re-laid too). A small first table makes
  // many collisions, so moving ids out of it (deletion in a linear-probing table) is exercised.
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('agrees with the plain model on a mixed stream (seed %i)', (seed) => {
    const random = rng(seed);
    const ids = new SeenIds({ initialCapacity: 8 });
    const model = new Model();
    const stageNames = Array.from({ length: 12 }, (_, i) => `s${i}`);
    let stages = 2;
    const wrong: string[] = [];
    const pick = (): string => {
      const r = random();
      const base = 70_000_000_000 + Math.floor(random() * 40) * BLOCK;
      if (r < 0.5) return String(base + Math.floor(random() * 700)); // a dense corner of a range
      if (r < 0.7) return String(base + Math.floor(random() * BLOCK)); // anywhere in the range
      if (r < 0.85) return String(1 + Math.floor(random() * 1e15 - 1)); // scattered, up to 15 digits
      if (r < 0.95) return String(1 + Math.floor(random() * 5000)); // small numbers, range 0 and 1
      return `t${Math.floor(random() * 500)}`;
    };
    for (let step = 0; step < 30_000; step++) {
      if (step % 7_000 === 6_999 && stages < stageNames.length) stages += 4;
      const stage = ids.stage(stageNames[Math.floor(random() * stages)]);
      const id = pick();
      if (ids.add(id, stage) !== model.add(id, stage)) wrong.push(`${step}: add ${id} ${stage}`);
      if (wrong.length > 5) break;
    }
    expect(wrong).toEqual([]);
    expect(ids.size).toBe(model.size);
  });
});
