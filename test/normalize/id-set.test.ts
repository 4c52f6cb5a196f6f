import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { SeenIds } from '../../src/normalize/id-set.js';
import { rng } from '../random.js';

describe('SeenIds', () => {
  it('says new once per (id, stage), then already seen', () => {
    const ids = new SeenIds();
    const dial = ids.stage('dial');
    const close = ids.stage('close');
    expect([dial, close, ids.stage('dial')]).toEqual([0, 1, 0]);
    expect(ids.add('7', dial)).toBe(true);
    expect(ids.add('7', dial)).toBe(false);
    // The same id in another stage is another event.
    expect(ids.add('7', close)).toBe(true);
    expect(ids.add('7', close)).toBe(false);
    expect(ids.add('abc', dial)).toBe(true);
    expect(ids.add('abc', dial)).toBe(false);
    expect(ids.add('abc', close)).toBe(true);
    expect(ids.size).toBe(2);
  });

  it('compares ids as exact text: "007", "7", "7.0" and "07" are four ids; case and spaces count', () => {
    const ids = new SeenIds();
    const s = ids.stage('dial');
    const distinct = ['7', '007', '07', '7.0', '+7', '-7', '7e0', 'Abc', 'abc', 'a b', 'ab', '0', '00', '٧'];
    for (const id of distinct) expect(ids.add(id, s)).toBe(true);
    for (const id of distinct) expect(ids.add(id, s)).toBe(false);
    expect(ids.size).toBe(distinct.length);
  });

  it('keeps 15-digit ids apart and treats 16 digits and more as text, exactly', () => {
    const ids = new SeenIds();
    const s = ids.stage('dial');
    // 2^53 + 1 is not a double: as a number it would collide with 2^53.
    const big = ['999999999999999', '999999999999998', '9007199254740992', '9007199254740993', '100000000000000000000', '1000000000000000000001'];
    for (const id of big) expect(ids.add(id, s)).toBe(true);
    for (const id of big) expect(ids.add(id, s)).toBe(false);
  });

  it('stores text with characters beyond Latin-1 (two bytes a unit) and tells it from its narrow look-alikes', () => {
    const ids = new SeenIds();
    const s = ids.stage('dial');
    const texts = ['Søren-1', 'Søren-1 ', 'Ōsaka-2', 'Osaka-2', '東京-3', '😀', '\u00ff', '\u0100', 'a\u0000b', 'ab'];
    for (const id of texts) expect(ids.add(id, s)).toBe(true);
    for (const id of texts) expect(ids.add(id, s)).toBe(false);
    expect(ids.size).toBe(texts.length);
  });

  it('grows past its initial capacity without losing an id or a stage bit (numeric and text)', () => {
    const ids = new SeenIds({ initialCapacity: 8 });
    const a = ids.stage('a');
    const b = ids.stage('b');
    const n = 20_000;
    const wrong: string[] = [];
    const check = (id: string, stage: number, isNew: boolean) => {
      if (ids.add(id, stage) !== isNew) wrong.push(`${id}/${stage}`);
    };
    for (let i = 1; i <= n; i++) {
      check(String(i), a, true);
      check(`x${i}`, a, true);
      if (i % 3 === 0) check(String(i), b, true);
    }
    expect(ids.size).toBe(2 * n);
    for (let i = 1; i <= n; i++) {
      check(String(i), a, false);
      check(`x${i}`, a, false);
      // b was set for every third id only, and survived every doubling.
      check(String(i), b, i % 3 !== 0);
      check(`x${i}`, b, true);
    }
    expect(wrong).toEqual([]);
  });

  it('holds more than eight stages (the stage bits widen to another byte)', () => {
    const ids = new SeenIds({ initialCapacity: 8 });
    const first = ids.stage('s0');
    for (let i = 0; i < 100; i++) ids.add(String(i + 1), first);
    const stages = Array.from({ length: 20 }, (_, i) => ids.stage(`s${i}`));
    expect(stages[19]).toBe(19);
    for (let i = 0; i < 100; i++) {
      expect(ids.add(String(i + 1), first)).toBe(false);
      for (const s of stages.slice(1)) expect(ids.add(String(i + 1), s)).toBe(true);
      for (const s of stages) expect(ids.add(String(i + 1), s)).toBe(false);
    }
  });

  it('agrees with a Set of strings on random ids full of collisions of their low bits', () => {
    const wrong: string[] = [];
    for (const seed of [1, 2, 3]) {
      const next = rng(seed);
      const ids = new SeenIds({ initialCapacity: 16 });
      const stages = [ids.stage('dial'), ids.stage('conversation'), ids.stage('close')];
      const reference = new Set<string>();
      for (let i = 0; i < 30_000; i++) {
        const r = next();
        // Numbers spaced by 2^k (same low bits), short text, leading zeros, and a few long ids.
        const id =
          r < 0.3
            ? String(1 + Math.floor(next() * 64) * 2 ** Math.floor(next() * 40))
            : r < 0.5
              ? `0${Math.floor(next() * 500)}`
              : r < 0.9
                ? Math.floor(next() * 3000).toString(36)
                : `id-${'z'.repeat(Math.floor(next() * 40))}${Math.floor(next() * 50)}`;
        const stage = stages[Math.floor(next() * 3)];
        const key = `${stage}\u0000${id}`;
        // `has` looks without recording, as `add` answers before recording.
        if (ids.add(id, stage) === reference.has(key)) wrong.push(`seed ${seed}, draw ${i}: ${id}`);
        reference.add(key);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('stops with TOO_MANY_IDS, not an internal error, when a table cannot grow', () => {
    const ids = new SeenIds({ initialCapacity: 8 });
    const s = ids.stage('dial');
    // Stand in for an exhausted memory: the next allocation fails as V8's does.
    const real = globalThis.Float64Array;
    let err: unknown = null;
    try {
      for (let i = 1; i <= 5; i++) ids.add(String(i), s);
      globalThis.Float64Array = class extends real {
        constructor(n: number) {
          super(0);
          throw new RangeError(`Array buffer allocation failed (${n})`);
        }
      } as unknown as Float64ArrayConstructor;
      for (let i = 6; i <= 100; i++) ids.add(String(i), s);
    } catch (e) {
      err = e;
    } finally {
      globalThis.Float64Array = real;
    }
    expect(err).toBeInstanceOf(FunnelError);
    expect((err as FunnelError).code).toBe('TOO_MANY_IDS');
    expect((err as FunnelError).message).toBe('too many distinct ids to deduplicate: 5 so far, and there is not enough memory to hold more');
  });
});
