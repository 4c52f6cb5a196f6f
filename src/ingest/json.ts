import { pipeline, type Transform } from 'node:stream';
import { FunnelError } from '../errors.js';
import { byteStages, decodeStage, readError, type TextSource } from './decode.js';
import { depthOf, JsonSyntaxError, RECORD_KEYS, RecordArrayScanner, splitLines, type Element } from './json-stream.js';
import { formatSize, inputLimits, type InputLimits } from './limits.js';
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

/** The decoded bytes of a file (UTF-8), chunk by chunk, decompressed and checked like CSV. */
async function* textChunks(src: TextSource): AsyncGenerator<Buffer> {
  // pipeline() destroys every stage on an error, and the last one with that error.
  const stream = pipeline([...byteStages(src.path, src.compression, src), decodeStage(src)], () => {}) as unknown as Transform;
  try {
    // The decoder passes whole UTF-8 sequences only; text from other encodings arrives as UTF-8.
    for await (const chunk of stream as AsyncIterable<Buffer | string>) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  } catch (err) {
    throw readError(err, src) ?? new FunnelError('FILE_UNREADABLE', `cannot read: ${(err as Error).message}`, { where: { file: src.display } });
  } finally {
    stream.destroy();
  }
}

/** What a JSON reader found besides its records. */
export interface JsonRead {
  /** Dot-path keys of the first records. */
  headers: string[];
  warnings: string[];
}

/**
 * Streams an NDJSON file: one JSON object per line; blank lines are not rows. A line longer
 * than the record limit, or nested deeper than the depth limit, is rejected and reading goes on.
 * Returns the keys seen in the first records.
 */
export async function readNdjson(src: TextSource, sink: RecordSink, limits: InputLimits = inputLimits()): Promise<string[]> {
  const keys = new Set<string>();
  let seen = 0;
  for await (const { line, text } of splitLines(textChunks(src), limits.maxRecordSize)) {
    if (text === null) {
      sink.reject(line, `the line is longer than ${formatSize(limits.maxRecordSize)} (the file was read on after it)`, 'RECORD_TOO_LONG');
      continue;
    }
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
    if (depthOf(value, limits.maxJsonDepth) > limits.maxJsonDepth) {
      sink.reject(line, `the object is nested more than ${limits.maxJsonDepth} levels deep`, 'JSON_TOO_DEEP');
      continue;
    }
    if (seen++ < HEADER_SAMPLE) flattenKeys(value, '', keys);
    sink.record(value, line);
  }
  return [...keys];
}

/**
 * Streams a JSON document record by record: a top-level array of objects, or an object whose
 * records sit in an array under one of RECORD_KEYS (`{"records": [...]}` as `sf data tree
 * export` writes, `{"data": [...]}`, `{"results": [...]}`, `{"value": [...]}` …). Each element is
 * reported at the line it starts on. An element over the record limit or nested deeper than the
 * depth limit is rejected and reading goes on; malformed JSON stops the file.
 */
export async function readJsonArray(src: TextSource, sink: RecordSink, limits: InputLimits = inputLimits()): Promise<JsonRead> {
  const display = src.display;
  const scanner = new RecordArrayScanner(limits.maxRecordSize, limits.maxJsonDepth);
  const keys = new Set<string>();
  let index = 0;
  const take = (element: Element) => {
    index++;
    if (element.text === null) {
      const why =
        element.problem === 'long'
          ? [`element ${index} is longer than ${formatSize(limits.maxRecordSize)} (the file was read on after it)`, 'RECORD_TOO_LONG']
          : [`element ${index} is nested more than ${limits.maxJsonDepth} levels deep`, 'JSON_TOO_DEEP'];
      sink.reject(element.line, why[0], why[1]);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(element.text);
    } catch (err) {
      throw invalidJson(display, element.line, `in the element that starts on this line: ${(err as Error).message}`);
    }
    if (!isObject(value)) {
      sink.reject(element.line, `element ${index} is not an object`, 'NOT_AN_OBJECT');
      return;
    }
    if (index <= HEADER_SAMPLE) flattenKeys(value, '', keys);
    sink.record(value, element.line);
  };
  try {
    for await (const chunk of textChunks(src)) for (const element of scanner.push(chunk)) take(element);
    for (const element of scanner.end()) take(element);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw invalidJson(display, err.line, err.message);
    throw err;
  }
  const { shape } = scanner;
  if (shape.container === null) {
    const found = shape.keys.length > 0 ? `its keys are ${shape.keys.map((k) => `"${k}"`).join(', ')}` : 'it is empty';
    throw new FunnelError('INVALID_JSON', `a JSON object with no array of records (${found})`, {
      where: { file: display },
      hint: `funnel reads a JSON array of objects, an object holding one under ${RECORD_KEYS.map((k) => `"${k}"`).join(', ')}, or NDJSON (one object per line)`,
    });
  }
  const warnings = shape.otherArrays.map((k) => `the records were read from "${shape.container}"; the array under "${k}" was not read`);
  return { headers: [...keys], warnings };
}

function invalidJson(display: string, line: number, why: string): FunnelError {
  return new FunnelError('INVALID_JSON', `not valid JSON: ${why}`, {
    where: { file: display, line },
    hint: 'expected a JSON array of objects, an object holding one under "records" (or "data", "results" …), or NDJSON (one object per line)',
  });
}
