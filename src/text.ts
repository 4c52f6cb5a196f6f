// Text comparison per the contract: trimmed, inner whitespace collapsed (JavaScript's `\s`),
// case-insensitive as Unicode toLowerCase.

const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Trims and collapses inner whitespace runs to one space. */
export function collapse(value: string): string {
  const trimmed = value.trim();
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** The comparison key of a text value: collapsed and lower-cased. */
export function textKey(value: string): string {
  return collapse(value).toLowerCase();
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate within a small edit distance, case-insensitively; undefined if none is close. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  const list = [...candidates];
  // A word that starts a candidate (`lookback` → `lookbackDays`) is the likeliest meaning.
  if (w.length >= 3) {
    const prefixed = list.find((c) => c.toLowerCase().startsWith(w));
    if (prefixed) return prefixed;
  }
  for (const c of list) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
