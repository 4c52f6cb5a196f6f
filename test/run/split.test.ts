import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/engine/day-counts.js';
import { Tally } from '../../src/engine/tally.js';
import { BatchWriter, forEachCount, NO_CYCLE, partCounts, walkBatch, type BatchVisitor } from '../../src/run/split-codec.js';
import { cutFor, SplitPart, splitPoint } from '../../src/run/split.js';

const ON = { FUNNEL_THREADS: '2', FUNNEL_SPLIT_MIN_BYTES: '1' };
const CSV = { format: 'csv', compression: null, encoding: 'utf-8', isEncodingDetected: true, delimiter: ',' };

function file(text: string): { path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'funnel-split-')), 'f.csv');
  writeFileSync(path, text);
  return { path };
}

describe('splitPoint', () => {
  // 40 lines of 10 bytes ("Sør,12,x\n": ø is 2 bytes) or 11 with CRLF: 53 % of the file is byte
  // 212 (233), in line 22; the cut is where the next line starts, byte 220 (242).
  const lines = (eol: string, n = 40, name = 'Sør') => Array.from({ length: n }, () => `${name},12,x${eol}`).join('');

  it('cuts at the first line start from the middle on, with an even number of quotes before it', () => {
    const f = file(lines('\n'));
    expect(splitPoint(f.path, CSV, ON)).toEqual({ at: 220, recordDelimiter: '\n' });
    // A quoted field with line breaks across the cut's place: the cut comes after it closes.
    const head = lines('\n', 19) + `Sør,"${'a\n'.repeat(30)}",x\n`;
    const text = head + lines('\n', 19);
    const g = file(text);
    const place = Math.floor(Buffer.byteLength(text) * 0.53);
    expect(Buffer.byteLength(lines('\n', 19) + 'Sør,"')).toBeLessThan(place);
    expect(Buffer.byteLength(head) - 4).toBeGreaterThan(place);
    expect(splitPoint(g.path, CSV, ON)).toEqual({ at: Buffer.byteLength(head), recordDelimiter: '\n' });
  });

  it('CRLF files are cut after a CRLF; a lone CR leaves the file whole', () => {
    const f = file(lines('\r\n'));
    const at = splitPoint(f.path, CSV, ON);
    expect(at).toEqual({ at: 242, recordDelimiter: '\r\n' });
    const g = file(lines('\r'));
    expect(splitPoint(g.path, CSV, ON)).toBeNull();
  });

  it('by default unless FUNNEL_THREADS=1 or one CPU, for a file of the size, plain UTF-8 CSV that is not ASCII-only at the start unless the encoding is set', () => {
    const f = file(lines('\n'));
    const facts = CSV;
    // Two threads by default, where there are two CPUs to use; FUNNEL_THREADS=1 keeps one.
    expect(splitPoint(f.path, facts, { FUNNEL_SPLIT_MIN_BYTES: '1' }, 2)).toEqual({ at: 220, recordDelimiter: '\n' });
    expect(splitPoint(f.path, facts, { FUNNEL_SPLIT_MIN_BYTES: '1' }, 1)).toBeNull();
    expect(splitPoint(f.path, facts, { FUNNEL_THREADS: '2', FUNNEL_SPLIT_MIN_BYTES: '1' }, 1)).toBeNull();
    expect(splitPoint(f.path, facts, { FUNNEL_THREADS: '1', FUNNEL_SPLIT_MIN_BYTES: '1' }, 2)).toBeNull();
    expect(splitPoint(f.path, facts, {}, 2)).toBeNull(); // 400 bytes < 48 MiB
    expect(splitPoint(f.path, facts, { FUNNEL_THREADS: '2' }, 2)).toBeNull();
    expect(splitPoint(f.path, { ...facts, compression: 'gzip' }, ON)).toBeNull();
    expect(splitPoint(f.path, { ...facts, encoding: 'windows-1252' }, ON)).toBeNull();
    expect(splitPoint(f.path, { ...facts, format: 'json' }, ON)).toBeNull();
    expect(splitPoint(f.path, { ...facts, delimiter: '||' }, ON)).toBeNull();
    expect(splitPoint('/dev/null', facts, ON)).toBeNull();
    expect(splitPoint(f.path, facts, ON)).not.toBeNull();
    const ascii = file(lines('\n', 40, 'Sor'.padEnd(4, 'r')));
    expect(splitPoint(ascii.path, CSV, ON)).toBeNull();
    expect(splitPoint(ascii.path, { ...CSV, isEncodingDetected: false }, ON)).toEqual({ at: 220, recordDelimiter: '\n' });
  });

  it('a worker started with the process finds the same cut at its share; splitPoint takes it while the file is unchanged', () => {
    const f = file(lines('\n'));
    // 50 % of 400 bytes is byte 200, in line 21; the next line starts at byte 210.
    expect(cutFor(f.path, 0.5)).toEqual({ at: 210, recordDelimiter: '\n', size: 400 });
    expect(cutFor(f.path, 0.53)).toEqual({ ...splitPoint(f.path, CSV, ON), size: 400 });
    expect(splitPoint(f.path, CSV, ON, 2, { at: 210, recordDelimiter: '\n', size: 400 })).toEqual({ at: 210, recordDelimiter: '\n' });
    // A file that changed since (another size or line end) is cut afresh.
    expect(splitPoint(f.path, CSV, ON, 2, { at: 210, recordDelimiter: '\n', size: 399 })).toEqual({ at: 220, recordDelimiter: '\n' });
    expect(splitPoint(f.path, CSV, ON, 2, { at: 210, recordDelimiter: '\r\n', size: 400 })).toEqual({ at: 220, recordDelimiter: '\n' });
    // Nor is a known cut a reason to split a file that is not to be.
    expect(splitPoint(f.path, { ...CSV, encoding: 'windows-1252' }, ON, 2, { at: 210, recordDelimiter: '\n', size: 400 })).toBeNull();
    expect(cutFor('/nowhere.csv', 0.5)).toBeNull();
    expect(cutFor('/dev/null', 0.5)).toBeNull();
  });

  it('no cut when no line break outside quotes follows the middle', () => {
    const f = file(lines('\n', 20) + 'Sør,"' + 'x'.repeat(300) + '"');
    expect(splitPoint(f.path, CSV, ON)).toBeNull();
  });
});

describe('split batches', () => {
  it('hand back every entry in order: ids as numbers or text, kept events, rejections, totals, spellings', () => {
    const w = new BatchWriter();
    w.rep('Ana Lima');
    w.ids('4000', 2);
    w.event('dial', 'ana lima', 20500, NO_CYCLE);
    w.event('close', 'ana lima', 20501, -3);
    w.rejected(7, { code: 'BAD_DATE', field: 'Date', value: '2026-02-30', reason: 'not a date', isAmbiguous: true });
    w.rejected(8, { code: 'NO_REP', field: 'Owner', value: '', reason: 'no rep' });
    w.ids('A-1', 0);
    w.total(9);
    w.unreadable(10, '9 fields, header has 7', 'TOO_MANY_FIELDS');
    // Enough rows to grow the arrays.
    for (let i = 0; i < 10_000; i++) w.ids(String(10 + i), 0);
    w.rows = 5;
    const batch = w.take({ byte: 123, line: 11 });
    const seen: unknown[] = [];
    const v: BatchVisitor = {
      rep: (raw) => seen.push(['rep', raw]),
      id: (id) => seen.push(['id', id]),
      event: (...a) => seen.push(['event', ...a]),
      rejected: (line, r) => seen.push(['rejected', line, r]),
      unreadable: (...a) => seen.push(['unreadable', ...a]),
      total: (line) => seen.push(['total', line]),
    };
    walkBatch(batch, v);
    expect(seen.slice(0, 10)).toEqual([
      ['rep', 'Ana Lima'],
      ['id', 4000],
      ['event', 'dial', 'ana lima', 20500, NO_CYCLE, 0],
      ['event', 'close', 'ana lima', 20501, -3, 1],
      ['rejected', 7, { code: 'BAD_DATE', field: 'Date', value: '2026-02-30', reason: 'not a date', isAmbiguous: true }],
      ['rejected', 8, { code: 'NO_REP', field: 'Owner', value: '', reason: 'no rep' }],
      ['id', 'A-1'],
      ['total', 9],
      ['unreadable', 10, '9 fields, header has 7', 'TOO_MANY_FIELDS'],
      ['id', 10],
    ]);
    expect(seen).toHaveLength(10_009);
    expect(seen.at(-1)).toEqual(['id', 10_009]);
    expect(batch).toMatchObject({ end: { byte: 123, line: 11 }, rows: 5 });
    // Packed: the numeric-id row with two events is 1 + 2 + 3 numbers (the close carries its cycle).
    expect(Array.from(batch.ops.subarray(2, 8))).toEqual([5 | (2 << 3), 0 | (1 << 11), 20500, 1 | (1 << 10) | (1 << 11), 20501, -3]);
    // The writer starts over.
    const next = w.take({ byte: 200, line: 12 });
    expect([next.ops.length, next.strings.length, next.stages.length, next.numbers.length, next.rows]).toEqual([0, 0, 0, 0, 0]);
  });

  it('stages have their own table: a stage first named after thousands of strings still travels', () => {
    const w = new BatchWriter();
    // 1,500 rejections put 4,500 texts in the string table before the first event.
    for (let i = 0; i < 1500; i++) w.rejected(i, { code: 'NO_REP', field: 'Owner', value: `v${i}`, reason: `r${i}` });
    w.ids('77', 3);
    w.event('close', 'bo lee', 20000, 12);
    w.event('dial', 'ana lima', 20001, NO_CYCLE);
    w.event('close', 'ana lima', 20002, 0);
    const events: unknown[] = [];
    walkBatch(w.take({ byte: 1, line: 1 }), {
      rep() {},
      id: (id) => events.push(id),
      event: (...a) => events.push(a),
      rejected() {},
      unreadable() {},
      total() {},
    });
    // Each event names its stage and its place in the batch's own table of stages.
    expect(events).toEqual([77, ['close', 'bo lee', 20000, 12, 0], ['dial', 'ana lima', 20001, NO_CYCLE, 1], ['close', 'ana lima', 20002, 0, 0]]);
  });
});

describe('the part\'s counts', () => {
  it('travel as flat arrays and come back rep by rep, stage by stage, days in order', () => {
    const t = new Tally();
    t.add('bo', 'Bo', 'dial', '2026-03-04', 2);
    t.add('ana', 'Ana', 'dial', '2026-03-02');
    t.add('bo', 'Bo', 'close', '2026-03-01');
    t.add('bo', 'Bo', 'dial', '2026-03-01', 3);
    t.add('ana', 'Ana', 'dial', '2026-03-02', 4);
    const cycles = [{ repKey: 'bo', close: '2026-03-01' as const, days: 9 }];
    // Three series (bo dial, ana dial, bo close) of 2, 1 and 1 days; slots hold at least those.
    expect(t.series).toBe(3);
    expect(t.slots).toBeGreaterThanOrEqual(4);
    const counts = partCounts(t, cycles, 7);
    expect([counts.repKeys, counts.stages, Array.from(counts.runs)]).toEqual([['bo', 'ana'], ['dial', 'close'], [0, 0, 2, 0, 1, 1, 1, 0, 1]]);
    expect([counts.cycles, counts.duplicates]).toEqual([cycles, 7]);
    const got: unknown[] = [];
    forEachCount(counts, (rep, stage, days, n, from, to) => {
      for (let i = from; i < to; i++) got.push([rep, stage, days[i] - dayNumber('2026-03-01'), n[i]]);
    });
    expect(got).toEqual([
      ['bo', 'dial', 0, 3],
      ['bo', 'dial', 3, 2],
      ['bo', 'close', 0, 1],
      ['ana', 'dial', 1, 5],
    ]);
  });
});

describe('SplitPart', () => {
  it('a worker that fails before sending anything leaves the whole part to this thread, from the cut', async () => {
    // From the sources the worker's module (split-worker.js beside split.ts) does not exist: it fails at once.
    const part = new SplitPart({
      loaded: { config: {} as never, path: null, dir: tmpdir() },
      input: { path: '/nowhere.csv', display: 'nowhere.csv', source: null, sourceKey: null, forcedPreset: null },
      opened: { path: '/nowhere.csv', display: 'nowhere.csv', isEncodingDetected: false, meta: {} as never },
      sample: null,
      dateFallback: null,
      asOf: null,
      headers: ['Id'],
      headerLine: 1,
      resume: { byte: 123, line: 0, headerLength: 1, recordDelimiter: '\n' },
    });
    const taken: unknown[] = [];
    const end = await part.replay(() => taken.push('batch'), {} as BatchVisitor);
    await part.close();
    expect(taken).toEqual([]);
    expect(end).toEqual({ counts: null, readOnFrom: { byte: 123, line: 0 } });
  });
});
