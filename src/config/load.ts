import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import { FunnelError } from '../errors.js';
import { closest } from '../text.js';
import type { LoadedConfig } from './find.js';
import { configSchema } from './schema.js';

export { CONFIG_NAMES, defaultConfig, findConfig, type LoadedConfig } from './find.js';

/** Aliases a YAML value may expand to, as the yaml package counts them; more is an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/** Reads, parses and validates a config file; every problem is reported at once. */
export function loadConfig(path: string, displayPath = path): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new FunnelError('CONFIG_NOT_FOUND', `cannot read config: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      where: { file: displayPath },
      hint: 'check the path given to --config',
    });
  }
  const isJson = path.endsWith('.json');
  const lineCounter = new LineCounter();
  let doc: Document | null = null;
  let raw: unknown;
  if (isJson) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new FunnelError('CONFIG_PARSE', `invalid JSON: ${(err as Error).message}`, { where: { file: displayPath } });
    }
  } else {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const details = doc.errors.map((e) => `line ${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
      throw new FunnelError('CONFIG_PARSE', 'invalid YAML', { where: { file: displayPath }, details });
    }
    try {
      raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
    } catch (err) {
      // The yaml package refuses aliases that expand exponentially ("billion laughs").
      throw new FunnelError('CONFIG_PARSE', `invalid YAML: its aliases (*name) expand too far (${(err as Error).message})`, {
        where: { file: displayPath },
        hint: `write the values out instead of aliases of aliases (funnel expands at most ${MAX_ALIAS_COUNT} aliases)`,
      });
    }
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    // In file order: problems with a line first, by line; the rest as zod found them.
    const details = result.error.issues
      .flatMap((issue) => describeIssue(issue, raw, doc, lineCounter))
      .map((text, i) => ({ text, i, line: Number(/\(line (\d+)\)/.exec(text)?.[1] ?? Infinity) }))
      .sort((a, b) => a.line - b.line || a.i - b.i)
      .map((d) => d.text);
    throw new FunnelError(
      'CONFIG_INVALID',
      `${details.length} problem${details.length === 1 ? '' : 's'} in the config`,
      { where: { file: displayPath }, details, hint: 'see the config format in the README' },
    );
  }
  return { config: result.data, path: resolve(path), dir: dirname(resolve(path)) };
}

/** `sources[0].rules[2].when.Stage` */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : /^[A-Za-z_][\w]*$/.test(String(p)) ? `.${String(p)}` : `.${JSON.stringify(String(p))}`;
  }
  return out || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, doc: Document | null, lc: LineCounter): string[] {
  const at = (path: readonly PropertyKey[]) => {
    const line = doc ? lineOf(doc, lc, path) : undefined;
    return `${keyPath(path)}${line ? ` (line ${line})` : ''}`;
  };
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(raw, issue.path);
    return issue.keys.map((key) => {
      const suggestion = closest(key, known);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : known.length ? `; expected one of: ${known.join(', ')}` : '';
      return `${at([...issue.path, key])}: unknown key${hint}`;
    });
  }
  return [`${at(issue.path)}: ${messageOf(issue, valueAt(raw, issue.path))}`];
}

function messageOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') {
    return value === undefined ? `required, expected ${issue.expected}` : `expected ${issue.expected}, got ${describe(value)}`;
  }
  if (issue.code === 'invalid_value') {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`;
  }
  return issue.message;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Keys the schema allows at `path`, for "did you mean"; found by walking the zod definition. */
function knownKeysAt(raw: unknown, path: readonly PropertyKey[]): string[] {
  void raw;
  let schema: unknown = configSchema;
  const unwrap = (s: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return s;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') s = def.innerType;
      else if (def.type === 'pipe') s = def.in;
      else return s;
    }
    return s;
  };
  schema = unwrap(schema);
  for (const p of path) {
    const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') schema = (def.shape as Record<string, unknown>)[String(p)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return [];
    if (!schema) return [];
    schema = unwrap(schema);
  }
  const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : [];
}

/** 1-based line of the key (or value) at `path` in a YAML document. */
function lineOf(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const parentPath = path.slice(0, Math.max(0, depth - 1));
    const parent = parentPath.length ? doc.getIn(parentPath as unknown[], true) : doc.contents;
    if (depth > 0 && isMap(parent)) {
      const key = path[depth - 1];
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(key));
      const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
      if (range) return lc.linePos(range[0]).line;
    }
    const node = depth > 0 ? doc.getIn(path.slice(0, depth) as unknown[], true) : doc.contents;
    const range = (node as { range?: [number, number] } | null)?.range;
    if (range) return lc.linePos(range[0]).line;
  }
  return undefined;
}
