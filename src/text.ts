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

// Header comparison, one rule for presets and hand-written sources alike: two headers are the
// same column when their keys are equal (accents, case and every character that is not a letter
// or digit dropped), so `Activity - Type`, `activity_type`, `ACTIVITYTYPE` and `Activity Type `
// are one header; a UTF-8 BOM or stray quotes around a header do not matter either.

/** The key headers (and preset aliases, and a source's column names) are compared by. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Where `name` is among `headers` (compared by headerKey), or -1. When several headers have its
 * key, the closest spelling wins: the same text (trimmed), then the same text ignoring case and
 * whitespace runs, then the first with the key.
 */
export function findHeader(headers: readonly string[], name: string): number {
  const want = name.trim();
  const exact = headers.findIndex((h) => h.trim() === want);
  if (exact >= 0) return exact;
  const loose = textKey(want);
  const spaced = headers.findIndex((h) => textKey(h) === loose);
  if (spaced >= 0) return spaced;
  const key = headerKey(want);
  return key === '' ? -1 : headers.findIndex((h) => headerKey(h) === key);
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

// Terminal-safe text. Data (rep names, headers, cell values, file names) may carry C0/C1 control
// characters: ESC starts a sequence that moves the cursor, erases lines or sets the clipboard
// (OSC 52), CR overwrites a line, and bidi overrides reorder what is shown. Each such character is
// shown as a visible escape instead: `\xNN` for C0, DEL and C1 (ESC becomes the four characters
// `\x1b`), `\uNNNN` for the bidi embeddings, overrides and isolates and the Unicode line and
// paragraph separators. A backslash that would read as the start of such an escape (one followed
// by `x`, `u`, another backslash or an escaped character) is doubled, so the form is unambiguous.

/** C0 controls, DEL, C1 controls, bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069), U+2028/U+2029. */
const UNSAFE = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_ALL = new RegExp(`[${UNSAFE}]|\\\\(?=[xu\\\\${UNSAFE}])`, 'g');
const UNSAFE_BUT_NEWLINE = new RegExp(`[${UNSAFE.replace('\\u0000-\\u001f', '\\u0000-\\u0009\\u000b-\\u001f')}]|\\\\(?=[xu\\\\${UNSAFE}])`, 'g');
const HAS_UNSAFE = new RegExp(`[${UNSAFE}\\\\]`);

function escapeChar(c: string): string {
  if (c === '\\') return '\\\\';
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `value` with every control character shown as a visible escape (see above), for text meant for
 * a terminal. `isNewlineKept` keeps `\n` for text of several lines that are all ours.
 */
export function terminalSafe(value: string, opts: { isNewlineKept?: boolean } = {}): string {
  if (!HAS_UNSAFE.test(value)) return value;
  return value.replace(opts.isNewlineKept ? UNSAFE_BUT_NEWLINE : UNSAFE_ALL, escapeChar);
}
