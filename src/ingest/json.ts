import { pipeline, type Transform } from 'node:stream';
import { FunnelError } from '../errors.js';
import { byteStages, decodeStage, readError, type TextSource } from './decode.js';
import type { RecordSink } from './types.js';

/** How many records' keys are listed as the file's headers. */
const HEADER_SAMPLE = 100;

/** Dot-path keys of an object: `{a: {b: 1}, c: 2}` → `a.b`, `c`. */
export function flattenKeys(obj: Record<string, unknown>, prefix = '', out: Set<string> = new Set()): Set<string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenKeys(v as Record<string, unknown>, key, out);
    else out.add(key);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The decoded text of a file, chunk by chunk (decompressed and checked like CSV). */
async function* textChunks(src: TextSource): AsyncGenerator<string> {
  // pipeline() destroys every stage on an error, and the last one with that error.
  const stream = pipeline([...byteStages(src.path, src.compression), decodeStage(src)], () => {}) as unknown as Transform;
  try {
    // The decoder passes whole UTF-8 sequences only, so each buffer converts on its own.
    for await (const chunk of stream as AsyncIterable<Buffer | string>) yield typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  } catch (err) {
    throw readError(err, src) ?? new FunnelError('FILE_UNREADABLE', `cannot read: ${(err as Error).message}`, { where: { file: src.display } });
  } finally {
    stream.destroy();
  }
}

/** The lines of a file (without their line breaks), streamed. */
async function* textLines(src: TextSource): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of textChunks(src)) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() as string;
    for (const p of parts) yield p.endsWith('\r') ? p.slice(0, -1) : p;
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/**
 * Streams an NDJSON file: one JSON object per line; blank lines are not rows.
 * Returns the keys seen in the first records.
 */
export async function readNdjson(src: TextSource, sink: RecordSink): Promise<string[]> {
  const keys = new Set<string>();
  let seen = 0;
  let line = 0;
  for await (const text of textLines(src)) {
    line++;
    const body = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (body.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (err) {
      sink.reject(line, `not valid JSON: ${(err as Error).message}`, 'INVALID_JSON_LINE');
      continue;
    }
    if (!isObject(value)) {
      sink.reject(line, 'expected a JSON object', 'NOT_AN_OBJECT');
      continue;
    }
    if (seen++ < HEADER_SAMPLE) flattenKeys(value, '', keys);
    sink.record(value, line);
  }
  return [...keys];
}

/**
 * Reads a JSON array of objects. The array is parsed whole (JSON.parse), so the file is held in
 * memory once; use NDJSON for very large inputs. Each element is reported at the line it starts on.
 */
export async function readJsonArray(src: TextSource, sink: RecordSink): Promise<string[]> {
  const display = src.display;
  let text = '';
  for await (const chunk of textChunks(src)) text += chunk;
  text = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FunnelError('INVALID_JSON', `not valid JSON: ${(err as Error).message}`, {
      where: { file: display },
      hint: 'expected a JSON array of objects, or NDJSON (one object per line)',
    });
  }
  if (!Array.isArray(data)) {
    throw new FunnelError('INVALID_JSON', 'expected a JSON array of objects', {
      where: { file: display },
      hint: 'put the records in a top-level array, or write one object per line (NDJSON)',
    });
  }
  const lines = elementLines(text);
  const keys = new Set<string>();
  data.forEach((value, i) => {
    const line = lines[i] ?? 1;
    if (!isObject(value)) {
      sink.reject(line, `element ${i + 1} is not an object`, 'NOT_AN_OBJECT');
      return;
    }
    if (i < HEADER_SAMPLE) flattenKeys(value, '', keys);
    sink.record(value, line);
  });
  return [...keys];
}

/** 1-based line on which each top-level array element starts (the text is valid JSON). */
function elementLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && expectValue && c !== ']') {
      starts.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return starts;
}
