// The seeded generator of every randomized test (mulberry32): the same seed gives the same
// numbers on every machine, so a failing seed can be run again.

/** Numbers in [0, 1) from `seed`, the same sequence every time. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
