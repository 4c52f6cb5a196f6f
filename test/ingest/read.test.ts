// Reading files of every encoding and compression into records. The fixtures are written by
// fixtures/generate.mjs and hold the same three rows; expected records are written out here.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { openInput, readRecords, sampleRecords } from '../../src/ingest/read.js';
import type { RawRecord, ReadOptions } from '../../src/ingest/types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const HEADER = ['Owner', 'Date', 'Type', 'Note'];
const ROWS = [
  ['Zoë Müller', '2026-11-02', 'call', '€ 1.250 “Angebot”'],
  ['José Núñez', '2026-11-03', 'call', 'naïve café'],
  ['Ann Lee', '2026-11-04', 'meeting', 'plain'],
];

interface Read {
  header: string[] | null;
  records: { record: RawRecord; line: number }[];
  rejects: { line: number; reason: string }[];
  meta: Awaited<ReturnType<typeof openInput>>['meta'];
}

async function read(path: string, options: ReadOptions = {}): Promise<Read> {
  const opened = await openInput(path, path.split('/').pop() as string, options);
  const out: Read = { header: null, records: [], rejects: [], meta: opened.meta };
  await readRecords(opened, options, {
    header: (h) => (out.header = h),
    record: (record, line) => out.records.push({ record, line }),
    reject: (line, reason) => out.rejects.push({ line, reason }),
  });
  return out;
}

function temp(name: string, bytes: Buffer | string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'funnel-ingest-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(p: Promise<unknown>): Promise<FunnelError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FunnelError);
    return err as FunnelError;
  }
  throw new Error('expected an error');
}

describe('encodings', () => {
  it.each([
    ['bom.csv', 'utf-8', ',', [0xef, 0xbb, 0xbf]],
    ['utf16le-bom.txt', 'utf-16le', '\t', [0xff, 0xfe]],
    ['utf16be-bom.csv', 'utf-16be', ',', [0xfe, 0xff]],
  ])('%s: detected from the byte-order mark as %s, delimiter %j', async (name, encoding, delimiter, bom) => {
    const path = join(FIXTURES, name);
    expect([...readFileSync(path).subarray(0, bom.length)]).toEqual(bom);
    const r = await read(path);
    expect(r.meta).toMatchObject({ format: 'csv', encoding, delimiter, compression: null, warnings: [] });
    expect(r.header).toEqual(HEADER);
    expect(r.records).toEqual(ROWS.map((record, i) => ({ record, line: i + 2 })));
  });

  it.each([
    ['utf16le-nobom.csv', 'utf-16le'],
    ['utf16be-nobom.csv', 'utf-16be'],
  ])('%s: UTF-16 without a BOM is recognised from its NUL bytes, with a warning', async (name, encoding) => {
    const r = await read(join(FIXTURES, name), { sourceKey: 'sources[2]' });
    expect(r.meta.encoding).toBe(encoding);
    expect(r.meta.warnings).toEqual([
      `no byte-order mark, but the bytes look like ${encoding.toUpperCase()} text: read as ${encoding} (set sources[2].encoding if that is wrong)`,
    ]);
    expect(r.records.map((x) => x.record)).toEqual(ROWS);
  });

  it('UTF-16 without a BOM, with the encoding configured: no warning', async () => {
    const r = await read(join(FIXTURES, 'utf16le-nobom.csv'), { encoding: 'utf-16le' });
    expect(r.meta).toMatchObject({ encoding: 'utf-16le', warnings: [] });
    expect(r.records.map((x) => x.record)).toEqual(ROWS);
  });

  it('Windows-1252 (not valid UTF-8): decoded with € “ ” intact, and a warning naming the key', async () => {
    const path = join(FIXTURES, 'windows-1252.csv');
    expect(readFileSync(path).includes(0x80)).toBe(true);
    const r = await read(path, { sourceKey: 'sources[0]' });
    expect(r.meta).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(r.meta.warnings).toEqual(['not valid UTF-8: read as Windows-1252 (set sources[0].encoding if that is wrong)']);
    expect(r.records.map((x) => x.record)).toEqual(ROWS);
    expect(r.records.map((x) => x.line)).toEqual([2, 3, 4]);
  });

  it('encoding: windows-1252 in the config reads it without a warning', async () => {
    const r = await read(join(FIXTURES, 'windows-1252.csv'), { encoding: 'windows-1252' });
    expect(r.meta.warnings).toEqual([]);
    expect(r.records[0].record).toEqual(ROWS[0]);
  });

  // 70,000 bytes of plain ASCII rows, past the 64 KiB the encoding is detected from.
  const ascii = 'Owner,Date,Type\n' + 'Ann Lee,2026-11-03,call\n'.repeat(2920);
  const lateLine = 2 + 2920;

  it('ASCII for the first 64 KiB, Windows-1252 later: read as Windows-1252 from there, with a warning', async () => {
    const path = temp('late.csv', Buffer.concat([Buffer.from(ascii), Buffer.from([0x5a, 0x6f, 0xeb]), Buffer.from(',2026-11-04,call \x80\n', 'latin1')]));
    const r = await read(path, { sourceKey: 'sources[1]' });
    const last = r.records[r.records.length - 1];
    expect(last).toEqual({ record: ['Zoë', '2026-11-04', 'call €'], line: lateLine });
    expect(r.records).toHaveLength(2921);
    expect(r.meta.encoding).toBe('windows-1252');
    expect(r.meta.warnings).toEqual([
      `not valid UTF-8 from byte ${ascii.length + 2} on (everything before was plain ASCII): read as Windows-1252 (set sources[1].encoding if that is wrong)`,
    ]);
  });

  it('UTF-8 accents first, then bytes that are not UTF-8: an error naming the encoding key', async () => {
    const text = 'Owner,Date,Type\nZoë Müller,2026-11-02,call\n' + 'Ann Lee,2026-11-03,call\n'.repeat(2920);
    const path = temp('mixed.csv', Buffer.concat([Buffer.from(text), Buffer.from('Jos\xe9,2026-11-04,call\n', 'latin1')]));
    const err = await failure(read(path, { sourceKey: 'sources[3]' }));
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.message).toMatch(/^bytes near offset \d+ are not valid utf-8 \(the file mixes encodings: earlier bytes were UTF-8\)$/);
    expect(err.hint).toBe("set sources[3].encoding: windows-1252 (or the file's real encoding)");
  });

  it('encoding: utf-8 in the config is strict: later invalid bytes are an error, not a fallback', async () => {
    const path = temp('strict.csv', Buffer.concat([Buffer.from(ascii), Buffer.from('Jos\xe9,2026-11-04,call\n', 'latin1')]));
    const err = await failure(read(path, { encoding: 'utf-8', sourceKey: 'sources[0]' }));
    expect(err.message).toBe(`bytes near offset ${ascii.length + 3} are not valid utf-8`);
    expect(err.hint).toContain('sources[0].encoding');
  });

  it('a file with NUL bytes that is not UTF-16 is binary', async () => {
    const path = temp('data.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 7, 9]));
    const err = await failure(read(path));
    expect(err.code).toBe('BINARY_FILE');
  });
});

describe('gzip', () => {
  it.each([
    ['calls.csv.gz', 'csv', ','],
    ['calls.tsv.gz', 'tsv', '\t'],
  ])('%s: decompressed while read; the format comes from the name inside .gz', async (name, format, delimiter) => {
    const r = await read(join(FIXTURES, name));
    expect(r.meta).toMatchObject({ format, delimiter, compression: 'gzip', encoding: 'utf-8' });
    expect(r.header).toEqual(HEADER);
    expect(r.records).toEqual(ROWS.map((record, i) => ({ record, line: i + 2 })));
  });

  it('activities.ndjson.gz: NDJSON through gzip, objects with their lines', async () => {
    const r = await read(join(FIXTURES, 'activities.ndjson.gz'));
    expect(r.meta).toMatchObject({ format: 'ndjson', compression: 'gzip' });
    expect(r.meta.headers).toEqual(HEADER);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(r.records[0].record).toEqual(Object.fromEntries(HEADER.map((h, i) => [h, ROWS[0][i]])));
  });

  it('a JSON array through gzip', async () => {
    const path = temp('deals.json.gz', gzipSync(JSON.stringify([{ owner: 'Ann', date: '2026-11-02' }], null, 1)));
    const r = await read(path);
    expect(r.meta).toMatchObject({ format: 'json', compression: 'gzip' });
    expect(r.records).toEqual([{ record: { owner: 'Ann', date: '2026-11-02' }, line: 2 }]);
  });

  it('a large file is streamed through gzip (beyond the 64 KiB head)', async () => {
    const text = 'Owner,Date,Type\n' + 'Ann Lee,2026-11-03,call\n'.repeat(20_000);
    const r = await read(temp('big.csv.gz', gzipSync(text)));
    expect(r.records).toHaveLength(20_000);
    expect(r.records[19_999].line).toBe(20_001);
  });

  it('a gzip file cut off: a clear error, no rows', async () => {
    const err = await failure(read(join(FIXTURES, 'truncated.csv.gz')));
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.message).toBe('not a valid gzip file (unexpected end of file)');
    expect(err.hint).toContain('cut off');
  });

  it('an empty file inside gzip is an empty file', async () => {
    const err = await failure(read(temp('empty.csv.gz', gzipSync(''))));
    expect(err.code).toBe('EMPTY_FILE');
  });
});

describe('sampleRecords', () => {
  it('reads records ahead, with their lines, until told to stop; the file meta is left alone', async () => {
    const path = join(FIXTURES, 'windows-1252.csv');
    const opened = await openInput(path, 'windows-1252.csv', {});
    const warnings = [...opened.meta.warnings];
    const taken: { record: RawRecord; line: number }[] = [];
    await sampleRecords(opened, {}, (record, line) => taken.push({ record, line }) < 2);
    expect(taken).toEqual([
      { record: ROWS[0], line: 2 },
      { record: ROWS[1], line: 3 },
    ]);
    expect(opened.meta.warnings).toEqual(warnings);
    expect(opened.meta.headers).toEqual([]);
  });

  it('lets go of what it was handed once it stops, though the stopped reader lingers', async () => {
    // A file read ahead is read again from its start, and the reader stopped mid-file is let
    // go later: were it still to reach `take`, the records read ahead would outlive the plan.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = temp('long.csv', 'id,rep\n' + Array.from({ length: 200_000 }, (_, i) => `${i},Rep ${i % 7}\n`).join(''));
    const opened = await openInput(path, 'long.csv', {});
    let isCollected = false;
    const registry = new FinalizationRegistry(() => (isCollected = true));
    const sample = async (): Promise<void> => {
      const kept: RawRecord[] = [];
      await sampleRecords(opened, {}, (record) => kept.push(record) < 1000);
      expect(kept).toHaveLength(1000);
      registry.register(kept, null);
    };
    await sample();
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(isCollected).toBe(true);
  });

  it('a file shorter than the sample gives all its records', async () => {
    const opened = await openInput(join(FIXTURES, 'calls.csv.gz'), 'calls.csv.gz', {});
    let n = 0;
    await sampleRecords(opened, {}, () => ++n > 0);
    expect(n).toBe(3);
  });
});

describe('errors thrown by the sink', () => {
  it('stop the read and come out as they are (no crash from inside the parser)', async () => {
    const opened = await openInput(join(FIXTURES, 'bom.csv'), 'bom.csv', {});
    const stop = new FunnelError('COLUMN_NOT_FOUND', 'no column "Rep"');
    const seen: number[] = [];
    const p = readRecords(opened, {}, {
      header() {},
      record(_r, line) {
        seen.push(line);
        throw stop;
      },
      reject() {},
    });
    await expect(p).rejects.toBe(stop);
    expect(seen).toEqual([2]);
  });
});
