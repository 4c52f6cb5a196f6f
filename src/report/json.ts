import type { FormatRenderers } from './registry.js';

/** JSON as every command writes it: two-space indent and a final newline. */
export function renderJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The same text as renderJson, in pieces: the document's top two levels are walked (a report's
 * `reps` array is one piece per rep), so a document of many reps is never one string in memory.
 */
export function* renderJsonPieces(doc: unknown): Generator<string> {
  yield* pieces(doc, '', 2);
  yield '\n';
}

/**
 * renderJsonPieces of `doc` with the array at its top-level `key` taken from `items`, an item at a
 * time: each item is asked for only when the one before is written, so a caller that builds them
 * on demand never holds them all. `doc[key]` (any value) keeps the key's place; the text is
 * renderJson({ ...doc, [key]: [...items] }).
 */
export function* renderJsonStreamed(doc: object, key: string, items: Iterable<unknown>): Generator<string> {
  yield* pieces(doc, '', 2, { key, items });
  yield '\n';
}

/**
 * `value` as JSON.stringify(value, null, 2) writes it at indent `pad`, containers walked `depth`
 * levels down; `streamed` replaces one property of `value` with the array its items make.
 */
function* pieces(value: unknown, pad: string, depth: number, streamed?: { key: string; items: Iterable<unknown> }): Generator<string> {
  if (depth === 0 || !isPlainContainer(value)) {
    const text = `${JSON.stringify(value, null, 2)}`;
    yield pad === '' ? text : text.replaceAll('\n', `\n${pad}`);
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(value)) return yield* arrayPieces(value, pad, depth);
  let isFirst = true;
  for (const key of Object.keys(value)) {
    if (key === streamed?.key) {
      yield `${isFirst ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      isFirst = false;
      yield* arrayPieces(streamed.items, inner, depth - 1);
      continue;
    }
    const item = jsonValue((value as Record<string, unknown>)[key], key);
    // JSON.stringify leaves out properties that are undefined, functions or symbols.
    if (isSkipped(item)) continue;
    yield `${isFirst ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    isFirst = false;
    yield* pieces(item, inner, depth - 1);
  }
  yield isFirst ? '{}' : `\n${pad}}`;
}

/** The items of an array (or of an iterable, read once, as the array they make) at indent `pad`. */
function* arrayPieces(items: Iterable<unknown>, pad: string, depth: number): Generator<string> {
  const inner = `${pad}  `;
  let i = 0;
  // for…of visits an array's holes as undefined, which JSON.stringify writes as null.
  for (const value of items) {
    yield `${i === 0 ? '[' : ','}\n${inner}`;
    const item = jsonValue(value, String(i));
    yield* isSkipped(item) ? ['null'] : pieces(item, inner, depth - 1);
    i++;
  }
  yield i === 0 ? '[]' : `\n${pad}]`;
}

/** What JSON.stringify writes for a value: its toJSON() when it has one. */
function jsonValue(value: unknown, key: string): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === 'function' ? (toJSON as (key: string) => unknown).call(value, key) : value;
}

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** An array, or an object of Object's own prototype (or none) without toJSON: walked like JSON.stringify walks it. */
function isPlainContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** `--format json`: the document itself (docs/schema/*.json). */
export const jsonFormat: FormatRenderers = {
  extension: 'json',
  report: renderJson,
  needed: renderJson,
  inspect: renderJson,
  trend: renderJson,
};
