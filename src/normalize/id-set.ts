import { FunnelError } from '../errors.js';
import { BLOCK, IdBlocks } from './id-blocks.js';

/**
 * The (id, stage) pairs a run has counted, for first-wins deduplication, in typed arrays
 * instead of one `Set` per stage: each distinct id is stored once, with one bit per stage.
 *
 * Ids are compared as their exact (already trimmed) text. Ids of up to 15 digits without a
 * leading zero are kept as numbers in an open-addressing table of float64 keys: that form
 * is one-to-one with the text ("7" is 7, "007" stays text), so equality is unchanged. Other
 * ids are copied into a byte arena (one byte per UTF-16 unit when every unit is below 256,
 * else two) and found through a hash table of entry indexes. No hash is trusted alone: a
 * match always compares the whole id, so there are no false positives.
 *
 * Numeric ids that fill a range (256 of 4,096 consecutive numbers) move to a dense block of that
 * range (IdBlocks), where each number has its stage bits at a fixed place: a CRM that numbers its
 * records as it makes them gives exports whose ids mostly end up there.
 *
 * Memory: in a dense block, 1 to 16 bytes an id (4 KiB a block); in the hash table, 9 bytes a
 * slot for numeric ids, in a table 35 to 70 % full (it doubles at 70 %), so 13 to 26 bytes an
 * id; text ids take 4 bytes a slot, 17 an entry and their text (one byte a UTF-16 unit, or two),
 * with the same doubling. While a table doubles, its old and new arrays are both held: 100
 * million scattered numeric ids take 2.4 GB, 3.6 GB at the moment of doubling; 100 million ids
 * that fill their ranges take about 100 MB.
 */
export class SeenIds {
  private readonly stageIndex = new Map<string, number>();
  /** Bytes of stage bits per id: one byte holds eight stages. */
  private stride = 1;

  private readonly blocks = new IdBlocks((bytes) => allocate(Uint8Array, bytes, this.size));
  /** Distinct ids held in blocks. */
  private blockCount = 0;

  private numCap: number;
  private numCount = 0;
  private numKeys: Float64Array;
  private numMasks: Uint8Array;

  private textCap: number;
  private textCount = 0;
  /** Entry index + 1 per slot; 0 is an empty slot. */
  private textSlots: Int32Array;
  private entryCap: number;
  private entryStart: Float64Array;
  /** Length in UTF-16 units; negative for a wide (two bytes a unit) entry. */
  private entryLen: Int32Array;
  private entryHash: Int32Array;
  private textMasks: Uint8Array;
  private arena: Uint8Array;
  private arenaUsed = 0;

  /** Table sizes start at `initialCapacity` slots (a power of two) and double as they fill. */
  constructor(opts: { initialCapacity?: number } = {}) {
    const cap = Math.max(8, 2 ** Math.ceil(Math.log2(opts.initialCapacity ?? 4096)));
    this.numCap = cap;
    this.numKeys = new Float64Array(cap);
    this.numMasks = new Uint8Array(cap);
    this.textCap = cap;
    this.textSlots = new Int32Array(cap);
    this.entryCap = Math.floor(cap * MAX_LOAD) + 1;
    this.entryStart = new Float64Array(this.entryCap);
    this.entryLen = new Int32Array(this.entryCap);
    this.entryHash = new Int32Array(this.entryCap);
    this.textMasks = new Uint8Array(this.entryCap);
    this.arena = new Uint8Array(cap * 4);
  }

  /** Distinct ids held (each once, whatever its stages). */
  get size(): number {
    return this.numCount + this.textCount + this.blockCount;
  }

  /** The number of a stage for `add`: stages are numbered in the order they are first asked for. */
  stage(stage: string): number {
    let i = this.stageIndex.get(stage);
    if (i === undefined) {
      i = this.stageIndex.size;
      this.stageIndex.set(stage, i);
      if (i >= this.stride * 8) this.widen(this.stride + 1);
    }
    return i;
  }

  /**
   * Records `id` (non-empty, trimmed text) as counted for `stage` (from `stage()`); returns
   * false when that pair was already recorded, true when it is new.
   */
  add(id: string, stage: number): boolean {
    const byte = stage >> 3;
    const bit = 1 << (stage & 7);
    const n = numericId(id);
    if (n > 0) return this.addNumeric(n, stage);
    const at = this.textEntry(id) * this.stride + byte;
    const masks = this.textMasks;
    if ((masks[at] & bit) !== 0) return false;
    masks[at] |= bit;
    return true;
  }

  /** `add` of an id whose numericId is `n` (> 0). */
  addNumeric(n: number, stage: number): boolean {
    const bit = 1 << (stage & 7);
    if (this.blocks.count > 0) {
      const place = this.blocks.find(n);
      if (place >= 0) return this.addInBlock(place, stage);
    }
    const before = this.numCount;
    const at = this.numSlot(n) * this.stride + (stage >> 3);
    const masks = this.numMasks;
    if ((masks[at] & bit) !== 0) return false;
    masks[at] |= bit;
    if (this.numCount !== before) {
      const key = this.blocks.noteNew(n);
      if (key >= 0) this.makeBlock(key);
    }
    return true;
  }

  private addInBlock(place: number, stage: number): boolean {
    const masks = this.blocks.masks;
    const first = place * this.stride;
    const at = first + (stage >> 3);
    const bit = 1 << (stage & 7);
    if ((masks[at] & bit) !== 0) return false;
    let isNew = true;
    for (let b = 0; b < this.stride; b++) if (masks[first + b] !== 0) isNew = false;
    masks[at] |= bit;
    if (isNew) this.blockCount++;
    return true;
  }

  /** Moves the ids of range `key` from the hash table into a new block. */
  private makeBlock(key: number): void {
    const stride = this.stride;
    const base = this.blocks.create(key, stride);
    const masks = this.blocks.masks;
    const first = key * BLOCK;
    for (let o = 0; o < BLOCK; o++) {
      const slot = this.numericSlotOf(first + o);
      if (slot < 0) continue;
      for (let b = 0; b < stride; b++) masks[(base + o) * stride + b] = this.numMasks[slot * stride + b];
      this.removeNumeric(slot);
      this.blockCount++;
    }
  }

  /** The hash-table slot of numeric id `n`, or -1 (always for 0, which marks an empty slot). */
  private numericSlotOf(n: number): number {
    const mask = this.numCap - 1;
    const keys = this.numKeys;
    for (let i = mixNumber(n) & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === 0) return -1;
      if (k === n) return i;
    }
  }

  /** Empties `slot`, moving back the entries after it that would no longer be found (linear probing's deletion). */
  private removeNumeric(slot: number): void {
    const mask = this.numCap - 1;
    const keys = this.numKeys;
    const masks = this.numMasks;
    const stride = this.stride;
    let hole = slot;
    for (let j = (slot + 1) & mask; keys[j] !== 0; j = (j + 1) & mask) {
      const home = mixNumber(keys[j]) & mask;
      // The entry at j stays when its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      keys[hole] = keys[j];
      for (let b = 0; b < stride; b++) masks[hole * stride + b] = masks[j * stride + b];
      hole = j;
    }
    keys[hole] = 0;
    for (let b = 0; b < stride; b++) masks[hole * stride + b] = 0;
    this.numCount--;
  }

  /** Slot of numeric id `n`, inserted with no stage bits when new. */
  private numSlot(n: number): number {
    let mask = this.numCap - 1;
    let i = mixNumber(n) & mask;
    let keys = this.numKeys;
    for (;;) {
      const k = keys[i];
      if (k === n) return i;
      if (k === 0) break;
      i = (i + 1) & mask;
    }
    if (this.numCount + 1 > this.numCap * MAX_LOAD) {
      this.growNumbers();
      mask = this.numCap - 1;
      keys = this.numKeys;
      i = mixNumber(n) & mask;
      while (keys[i] !== 0) i = (i + 1) & mask;
    }
    keys[i] = n;
    this.numCount++;
    return i;
  }

  /** Entry index of text id `id`, appended with no stage bits when new. */
  private textEntry(id: string): number {
    const h = hashText(id);
    let mask = this.textCap - 1;
    let i = h & mask;
    let slots = this.textSlots;
    for (;;) {
      const e = slots[i] - 1;
      if (e < 0) break;
      if (this.entryHash[e] === h && this.equals(e, id)) return e;
      i = (i + 1) & mask;
    }
    if (this.textCount + 1 > this.textCap * MAX_LOAD) {
      this.growText();
      mask = this.textCap - 1;
      slots = this.textSlots;
      i = h & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
    }
    const e = this.textCount;
    if (e >= this.entryCap) this.growEntries();
    this.store(e, id, h);
    slots[i] = e + 1;
    this.textCount++;
    return e;
  }

  private equals(e: number, id: string): boolean {
    const len = this.entryLen[e];
    const arena = this.arena;
    let at = this.entryStart[e];
    if (len >= 0) {
      if (len !== id.length) return false;
      for (let j = 0; j < len; j++) if (arena[at + j] !== id.charCodeAt(j)) return false;
      return true;
    }
    if (-len !== id.length) return false;
    for (let j = 0; j < id.length; j++, at += 2) if ((arena[at] | (arena[at + 1] << 8)) !== id.charCodeAt(j)) return false;
    return true;
  }

  private store(e: number, id: string, h: number): void {
    let isWide = false;
    for (let j = 0; j < id.length; j++) {
      if (id.charCodeAt(j) > 0xff) {
        isWide = true;
        break;
      }
    }
    const bytes = isWide ? id.length * 2 : id.length;
    if (this.arenaUsed + bytes > this.arena.length) this.growArena(this.arenaUsed + bytes);
    const arena = this.arena;
    let at = this.arenaUsed;
    this.entryStart[e] = at;
    this.entryLen[e] = isWide ? -id.length : id.length;
    this.entryHash[e] = h;
    if (isWide) {
      for (let j = 0; j < id.length; j++, at += 2) {
        const c = id.charCodeAt(j);
        arena[at] = c & 0xff;
        arena[at + 1] = c >> 8;
      }
    } else {
      for (let j = 0; j < id.length; j++) arena[at + j] = id.charCodeAt(j);
    }
    this.arenaUsed += bytes;
  }

  private growNumbers(): void {
    const cap = this.numCap * 2;
    checkCapacity(cap, this.size);
    const keys = allocate(Float64Array, cap, this.size);
    const masks = allocate(Uint8Array, cap * this.stride, this.size);
    const mask = cap - 1;
    const old = this.numKeys;
    const oldMasks = this.numMasks;
    for (let j = 0; j < old.length; j++) {
      const k = old[j];
      if (k === 0) continue;
      let i = mixNumber(k) & mask;
      while (keys[i] !== 0) i = (i + 1) & mask;
      keys[i] = k;
      for (let b = 0; b < this.stride; b++) masks[i * this.stride + b] = oldMasks[j * this.stride + b];
    }
    this.numCap = cap;
    this.numKeys = keys;
    this.numMasks = masks;
  }

  private growText(): void {
    const cap = this.textCap * 2;
    checkCapacity(cap, this.size);
    const slots = allocate(Int32Array, cap, this.size);
    const mask = cap - 1;
    // Entries keep their order: re-insert them by index, with their stored hashes.
    for (let e = 0; e < this.textCount; e++) {
      let i = this.entryHash[e] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.textCap = cap;
    this.textSlots = slots;
  }

  private growEntries(): void {
    const cap = this.entryCap * 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(cap * per);
      next.set(old);
      return next;
    };
    this.entryStart = grow(this.entryStart, (n) => allocate(Float64Array, n, this.size));
    this.entryLen = grow(this.entryLen, (n) => allocate(Int32Array, n, this.size));
    this.entryHash = grow(this.entryHash, (n) => allocate(Int32Array, n, this.size));
    this.textMasks = grow(this.textMasks, (n) => allocate(Uint8Array, n, this.size), this.stride);
    this.entryCap = cap;
  }

  private growArena(need: number): void {
    let cap = this.arena.length * 2;
    while (cap < need) cap *= 2;
    const next = allocate(Uint8Array, cap, this.size);
    next.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = next;
  }

  /** More than eight stages per byte: re-lay the stage bits with `stride` bytes per id. */
  private widen(stride: number): void {
    const relay = (old: Uint8Array, count: number) => {
      const next = allocate(Uint8Array, count * stride, this.size);
      for (let j = 0; j < count; j++) for (let b = 0; b < this.stride; b++) next[j * stride + b] = old[j * this.stride + b];
      return next;
    };
    this.numMasks = relay(this.numMasks, this.numCap);
    this.textMasks = relay(this.textMasks, this.entryCap);
    this.blocks.widen(this.stride, stride);
    this.stride = stride;
  }
}

/** Tables are at most 70 % full before they double. */
const MAX_LOAD = 0.7;

/**
 * The largest table: 2^28 slots, about 188 million distinct ids of one kind (numeric or text)
 * and 2.4 GB for numeric ones. Beyond it (or when memory runs out first) the run stops with
 * TOO_MANY_IDS rather than count wrong.
 */
export const MAX_SLOTS = 2 ** 28;

function checkCapacity(cap: number, size: number): void {
  if (cap > MAX_SLOTS) throw tooManyIds(size, `the limit is ${Math.floor(MAX_SLOTS * MAX_LOAD).toLocaleString('en-US')} distinct ids of one kind`);
}

function allocate<T>(make: new (n: number) => T, n: number, size: number): T {
  try {
    return new make(n);
  } catch (err) {
    if (err instanceof RangeError) throw tooManyIds(size, 'there is not enough memory to hold more');
    throw err;
  }
}

function tooManyIds(size: number, why: string): FunnelError {
  return new FunnelError('TOO_MANY_IDS', `too many distinct ids to deduplicate: ${size.toLocaleString('en-US')} so far, and ${why}`, {
    hint:
      'read fewer or shorter exports per run (every id of a run is kept to drop repeats), ' +
      'or remove columns.id from sources whose exports hold no repeated rows',
  });
}

/**
 * The id as a number when it is 1 to 15 digits without a leading zero (exact in a double, and
 * one-to-one with its text), else 0.
 */
export function numericId(id: string): number {
  const len = id.length;
  if (len === 0 || len > 15) return 0;
  let c = id.charCodeAt(0);
  if (c < 49 || c > 57) return 0;
  let n = c - 48;
  for (let j = 1; j < len; j++) {
    c = id.charCodeAt(j);
    if (c < 48 || c > 57) return 0;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** A 32-bit mix of an integer below 2^53 (murmur3's finaliser over its two halves). */
function mixNumber(n: number): number {
  const lo = n >>> 0;
  const hi = (n / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** FNV-1a over the UTF-16 units, finished with a mix so low bits spread. */
function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
