import { headerKey } from '../text.js';
import type { Preset } from './types.js';

// Headers compare as everywhere else (src/text.ts): accents, case and punctuation dropped.
export { headerKey };

/** Which logical columns of a preset a header list holds, and which required ones it lacks. */
export interface ColumnMatch {
  found: Record<string, string | undefined>;
  /** Logical column → header, for the columns found, in the preset's column order. */
  matched: { column: string; header: string }[];
  missing: string[];
  /** The preset's `anyOf` group is satisfied (or the preset has none). */
  hasAnyOf: boolean;
}

/** Header keys of a file → the header as written (the first of equal keys wins). */
export function headerIndex(headers: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const h of headers) {
    const key = headerKey(h);
    if (key !== '' && !index.has(key)) index.set(key, h.trim());
  }
  return index;
}

/**
 * Finds each logical column of `preset` among `headers`: the first alias present wins, user
 * aliases (from config) before the preset's own.
 */
export function matchColumns(
  preset: Preset,
  index: Map<string, string>,
  extraAliases: Readonly<Record<string, readonly string[]>> = {},
): ColumnMatch {
  const found: Record<string, string | undefined> = {};
  const matched: ColumnMatch['matched'] = [];
  const missing: string[] = [];
  for (const [name, col] of Object.entries(preset.columns)) {
    let header: string | undefined;
    for (const alias of [...(extraAliases[name] ?? []), ...col.aliases]) {
      header = index.get(headerKey(alias));
      if (header !== undefined) break;
    }
    found[name] = header;
    if (header !== undefined) matched.push({ column: name, header });
    else if (col.isRequired) missing.push(name);
  }
  const hasAnyOf = !preset.anyOf || preset.anyOf.some((c) => found[c] !== undefined);
  return { found, matched, missing, hasAnyOf };
}
