import { terminalSafe } from '../text.js';

// The table and markdown formats are read on a terminal, so the document they render is a copy
// with every string from the data made terminal-safe first (renderers add their own colour
// afterwards). JSON, CSV and HTML keep the data exactly; their own escaping covers them.

/** Formats whose output is text for a terminal. */
const TERMINAL_FORMATS: ReadonlySet<string> = new Set(['table', 'markdown']);

/** A deep copy of a JSON-like document with every string, keys included, made terminal-safe. */
export function terminalCopy<T>(doc: T): T {
  return copy(doc) as T;
}

function copy(value: unknown): unknown {
  if (typeof value === 'string') return terminalSafe(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [copy(k), copy(v)]));
  if (value instanceof Set) return new Set([...value].map(copy));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  // terminalSafe is one-to-one, so two keys never become one.
  for (const [k, v] of Object.entries(value)) out[terminalSafe(k)] = copy(v);
  return out;
}

/** The document to render in `format`: a terminal-safe copy for table and markdown, else `doc` itself. */
export function documentFor<T>(doc: T, format: string): T {
  return TERMINAL_FORMATS.has(format) ? terminalCopy(doc) : doc;
}
