/**
 * Dense blocks of numeric ids, for SeenIds: where a run's numeric ids come close together (the
 * usual case: a CRM numbers its records as it creates them, so an export's ids fill a range),
 * each id of a block of 4,096 consecutive numbers gets its stage bits at a fixed place, found by
 * arithmetic instead of a hash table. A block costs 4,096 bytes per byte of stage bits whatever
 * it holds, so it is made only for a range that already holds PROMOTE_AT ids (16 bytes an id at
 * worst, against 13 to 26 in the hash table); sparse ids stay in the hash table.
 *
 * Which ranges fill is counted in a small direct-mapped table of recent blocks: a new id counts
 * for its block while no other block took that entry in between. The count never exceeds the
 * ids the range holds, so a block is never made for fewer than PROMOTE_AT; a range whose count
 * is lost (two busy ranges sharing an entry) simply stays in the hash table.
 */
export class IdBlocks {
  /** Blocks made. */
  count = 0;
  /** Stage bits: id `o` of block `b` has its `stride` bytes at (b × BLOCK + o) × stride. */
  masks: Uint8Array = NONE;

  /** Block key + 1 per slot (0 is an empty slot), and the block's number; made with the first block. */
  private keys: Float64Array = NO_KEYS;
  private numbers: Int32Array = NO_NUMBERS;
  private lastKey = -1;
  private lastBase = 0;

  /** Key + 1 of the range each entry counts for (0: none), and its count; made with the first new id. */
  private recentKeys: Float64Array | undefined;
  private recentCounts: Int32Array | undefined;

  /** `allocate(bytes)` makes each new stage-bit array (SeenIds turns running out of memory into TOO_MANY_IDS). */
  constructor(private readonly allocate: (bytes: number) => Uint8Array) {}

  /** The place (b × BLOCK + o) of numeric id `n` when its block exists, else -1. */
  find(n: number): number {
    const key = Math.floor(n / BLOCK);
    if (key !== this.lastKey) {
      const b = this.lookup(key);
      if (b < 0) return -1;
      this.lastKey = key;
      this.lastBase = b * BLOCK;
    }
    return this.lastBase + (n - key * BLOCK);
  }

  /** Counts a new id `n` (not in a block) for its range; returns the range's key when it is time to make its block, else -1. */
  noteNew(n: number): number {
    const key = Math.floor(n / BLOCK);
    const recentKeys = (this.recentKeys ??= new Float64Array(RECENT));
    const recentCounts = (this.recentCounts ??= new Int32Array(RECENT));
    const at = key % RECENT;
    if (recentKeys[at] !== key + 1) {
      recentKeys[at] = key + 1;
      recentCounts[at] = 0;
    }
    return ++recentCounts[at] === PROMOTE_AT ? key : -1;
  }

  /** Makes the block of range `key`, with no stage bits set; returns the place of its first id. */
  create(key: number, stride: number): number {
    const b = this.count;
    if ((b + 1) * BLOCK * stride > this.masks.length) {
      const next = this.allocate(Math.max(4, b * 2) * BLOCK * stride);
      next.set(this.masks);
      this.masks = next;
    }
    if (b + 1 > this.keys.length * MAX_LOAD) this.growKeys();
    this.insert(key, b);
    this.count++;
    return b * BLOCK;
  }

  /** Re-lays the stage bits from `from` to `to` bytes an id. */
  widen(from: number, to: number): void {
    if (this.count === 0) return;
    const ids = this.count * BLOCK;
    const next = this.allocate((this.masks.length / from) * to);
    for (let j = 0; j < ids; j++) for (let b = 0; b < from; b++) next[j * to + b] = this.masks[j * from + b];
    this.masks = next;
  }

  private lookup(key: number): number {
    if (this.count === 0) return -1;
    const mask = this.keys.length - 1;
    for (let i = mixKey(key) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === key + 1) return this.numbers[i];
      if (k === 0) return -1;
    }
  }

  private insert(key: number, b: number): void {
    const mask = this.keys.length - 1;
    let i = mixKey(key) & mask;
    while (this.keys[i] !== 0) i = (i + 1) & mask;
    this.keys[i] = key + 1;
    this.numbers[i] = b;
  }

  private growKeys(): void {
    const oldKeys = this.keys;
    const oldNumbers = this.numbers;
    const cap = Math.max(8, oldKeys.length * 2);
    this.keys = new Float64Array(cap);
    this.numbers = new Int32Array(cap);
    for (let j = 0; j < oldKeys.length; j++) if (oldKeys[j] !== 0) this.insert(oldKeys[j] - 1, oldNumbers[j]);
  }
}

/** Consecutive numbers per block. */
export const BLOCK = 4096;

/** Ids a range must hold before it gets a block. */
export const PROMOTE_AT = 256;

/** Entries of the table of recent blocks: 1,024 consecutive blocks (4 M numbers) never share one. */
const RECENT = 1024;

const MAX_LOAD = 0.5;

const NONE = new Uint8Array(0);
const NO_KEYS = new Float64Array(0);
const NO_NUMBERS = new Int32Array(0);

function mixKey(key: number): number {
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}
