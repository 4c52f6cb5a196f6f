// JSON documents read record by record, NDJSON lines split in linear time, and JSON told apart
// from NDJSON by content.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { detectFormat } from '../../src/ingest/detect.js';
import { JsonSyntaxError, RecordArrayScanner, splitLines, type Element } from '../../src/ingest/json-stream.js';
import { openInput, readRecords } from '../../src/ingest/read.js';

/** The elements the scanner hands out for `text` fed in pieces of `size` bytes. */
function scan(text: string, size = 1 << 20, maxSize = 1 << 20, maxDepth = 64): { elements: Element[]; container: string | null; otherArrays: string[] } {
  const scanner = new RecordArrayScanner(maxSize, maxDepth);
  const bytes = Buffer.from(text);
  const elements: Element[] = [];
  for (let i = 0; i < bytes.length; i += size) elements.push(...scanner.push(bytes.subarray(i, i + size)));
  elements.push(...scanner.end());
  return { elements, container: scanner.shape.container, otherArrays: scanner.shape.otherArrays };
}

const SF_TREE = `{
  "records": [
    {
      "attributes": { "type": "Task", "referenceId": "TaskRef1" },
      "Subject": "Call [follow-up] {x}",
      "Owner": "Ann \\"Lee\\""
    },
    {
      "attributes": { "type": "Task", "referenceId": "TaskRef2" },
      "Subject": "Call, again ]",
      "Owner": "Bo Chen"
    }
  ]
}
`;

describe('RecordArrayScanner', () => {
  it('reads the records array of an sf data tree export, each element at the line it starts on', () => {
    const { elements, container } = scan(SF_TREE);
    expect(container).toBe('records');
    expect(elements.map((e) => e.line)).toEqual([3, 8]);
    expect(elements.map((e) => JSON.parse(e.text as string).Owner)).toEqual(['Ann "Lee"', 'Bo Chen']);
  });

  it('gives the same elements whatever the chunk size', () => {
    const whole = scan(SF_TREE).elements;
    for (const size of [1, 2, 3, 7, 16]) expect(scan(SF_TREE, size).elements).toEqual(whole);
  });

  it.each([
    ['a top-level array', '[{"a":1}, {"a":2}]', 'array', 2],
    ['an empty array', '[ ]', 'array', 0],
    ['records after other members', '{"totalSize": 2, "done": true, "meta": {"x": [1, {"y": "]"}]}, "records": [{"a":1},{"a":2}]}', 'records', 2],
    ['an OData value array', '{"@odata.context": "x", "value": [{"a":1}]}', 'value', 1],
    ['a HubSpot results array', '{"results": [{"a":1}], "paging": {"next": {"after": "2"}}}', 'results', 1],
    ['scalars among the elements', '[1, "two", {"a":3}, null]', 'array', 4],
  ])('%s', (_name, text, container, count) => {
    const r = scan(text);
    expect(r.container).toBe(container);
    expect(r.elements).toHaveLength(count);
    for (let size = 1; size < 6; size++) expect(scan(text, size).elements).toEqual(r.elements);
  });

  it('reads the first records array and reports the others', () => {
    const r = scan('{"data": [{"a":1}], "items": [{"b":2}]}');
    expect(r.container).toBe('data');
    expect(r.elements).toHaveLength(1);
    expect(r.otherArrays).toEqual(['items']);
  });

  it('an element over the size limit or the depth limit comes out without its text; the next is read', () => {
    const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const r = scan(`[\n{"a":1},\n{"n":"${'x'.repeat(30000)}"},\n${deep},\n{"a":2}\n]`, 7, 20000, 64);
    expect(r.elements.map((e) => (e.text === null ? e.problem : JSON.parse(e.text).a))).toEqual([1, 'long', 'deep', 2]);
    expect(r.elements.map((e) => e.line)).toEqual([2, 3, 4, 5]);
  });

  it.each([
    ['text after the document', '[{"a":1}]\n{"b":2}', /NDJSON/],
    ['a cut-off document', '[{"a":1},', /ends too early/],
    ['a missing comma', '[{"a":1} {"a":2}]', /between elements/],
    ['a scalar document', '"just text"', /array or object/],
  ])('malformed: %s', (_name, text, message) => {
    expect(() => scan(text)).toThrow(JsonSyntaxError);
    expect(() => scan(text)).toThrow(message);
  });
});

async function* chunked(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function allLines(text: string, size: number, max: number) {
  const out = [];
  for await (const l of splitLines(chunked(text, size), max)) out.push(l);
  return out;
}

describe('splitLines', () => {
  it('splits on LF (dropping a CR before it), numbers lines, and keeps a last line without a break', async () => {
    const expected = [
      { line: 1, text: 'a' },
      { line: 2, text: '' },
      { line: 3, text: 'ccc' },
      { line: 4, text: 'dd' },
    ];
    for (const size of [1, 2, 100]) expect(await allLines('a\r\n\nccc\ndd', size, 10)).toEqual(expected);
  });

  it('a line over the limit comes out as null text; the lines after it are whole', async () => {
    const text = `{"a":1}\n{"a":"${'x'.repeat(50)}"}\n{"a":3}\n`;
    for (const size of [3, 16, 1000]) {
      expect(await allLines(text, size, 20)).toEqual([
        { line: 1, text: '{"a":1}' },
        { line: 2, text: null },
        { line: 3, text: '{"a":3}' },
      ]);
    }
  });
});

describe('detectFormat for text starting with {', () => {
  it.each([
    ['a pretty-printed object (.json)', 'x.json', SF_TREE, true, 'json'],
    ['a pretty-printed object (no extension)', 'input', SF_TREE, true, 'json'],
    ['a pretty-printed object named .ndjson', 'x.ndjson', SF_TREE, true, 'json'],
    ['one object per line (.json)', 'x.json', '{"a":1}\n{"a":2}\n', true, 'ndjson'],
    ['one object per line (.ndjson)', 'x.ndjson', '{"a":1}\n{"a":2}\n', true, 'ndjson'],
    ['one minified object with a records array', 'x.json', '{"totalSize":1,"records":[{"a":1}]}\n', true, 'json'],
    ['one minified record, the whole file', 'x.json', '{"a":1,"b":[1,2]}', true, 'ndjson'],
    ['a minified object longer than the head, records first', 'x.json', '{"records":[{"a":1},{"a":2', false, 'json'],
    ['a long first line without a records array', 'x.json', '{"a":"xxxx', false, 'ndjson'],
    ['a .csv file stays CSV', 'x.csv', '{"a":1}\n', true, 'csv'],
    ['an array named .ndjson is an array', 'x.ndjson', '[\n  {"a":1}\n]', true, 'json'],
  ])('%s', (_name, path, text, isComplete, format) => {
    expect(detectFormat(path, text, null, isComplete)).toBe(format);
  });
});

async function readFile(name: string, text: string, maxRecordSize = 200) {
  const path = join(mkdtempSync(join(tmpdir(), 'funnel-json-')), name);
  writeFileSync(path, text);
  const opened = await openInput(path, name, {});
  const out = { format: opened.meta.format, records: [] as { line: number; record: unknown }[], rejects: [] as { line: number; code: string }[], headers: [] as string[] };
  await readRecords(opened, { maxRecordSize }, {
    header: () => {},
    record: (record, line) => out.records.push({ line, record }),
    reject: (line, _reason, code) => out.rejects.push({ line, code }),
  });
  out.headers = opened.meta.headers;
  return out;
}

describe('reading JSON files', () => {
  it('an sf data tree export named .json is one document: two records, dot-path headers', async () => {
    const r = await readFile('tasks.json', SF_TREE);
    expect(r.format).toBe('json');
    expect(r.records.map((x) => x.line)).toEqual([3, 8]);
    expect(r.headers).toEqual(['attributes.type', 'attributes.referenceId', 'Subject', 'Owner']);
  });

  it('a pretty-printed array is one document', async () => {
    const r = await readFile('calls.json', JSON.stringify([{ a: 1 }, { a: 2 }], null, 2));
    expect(r.format).toBe('json');
    expect(r.records.map((x) => x.line)).toEqual([2, 5]);
  });

  it('an object with no records array is an error listing its keys', async () => {
    const err = await readFile('one.json', JSON.stringify({ Owner: 'Ann', Type: 'call' }, null, 2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FunnelError);
    expect((err as FunnelError).code).toBe('INVALID_JSON');
    expect((err as FunnelError).message).toBe('a JSON object with no array of records (its keys are "Owner", "Type")');
  });

  it('NDJSON: a line over the limit and a line nested too deep are rejected, the others read', async () => {
    const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const r = await readFile('log.ndjson', `{"a":1}\n{"a":"${'x'.repeat(30000)}"}\n${deep}\n{"a":4}\n`, 20000);
    expect(r.records.map((x) => x.line)).toEqual([1, 4]);
    expect(r.rejects).toEqual([
      { line: 2, code: 'RECORD_TOO_LONG' },
      { line: 3, code: 'JSON_TOO_DEEP' },
    ]);
  });

  it('a JSON array: an element over the limit is rejected, malformed JSON stops the file with its line', async () => {
    const r = await readFile('a.json', `[\n{"a":1},\n{"a":"${'x'.repeat(300)}"},\n{"a":3}\n]`);
    expect(r.records.map((x) => x.line)).toEqual([2, 4]);
    expect(r.rejects).toEqual([{ line: 3, code: 'RECORD_TOO_LONG' }]);
    const err = await readFile('b.json', '[\n{"a":1},\n{"a":2,}\n]').catch((e: unknown) => e);
    expect((err as FunnelError).where).toEqual({ file: 'b.json', line: 3 });
  });
});
