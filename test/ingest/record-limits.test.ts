// CSV records over the size limit and quotes that never close: the record is rejected with its
// lines and reading goes on. The limit is set small (64 bytes) so the cases stay readable.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { openInput, readRecords } from '../../src/ingest/read.js';
import { RecordGuard } from '../../src/ingest/record-guard.js';

const MAX = 64;
const LONG = 'x'.repeat(100);

interface Read {
  records: { line: number; first: string }[];
  rejects: { line: number; reason: string; code: string }[];
}

async function read(text: string | Buffer, name = 'calls.csv', maxRecordSize = MAX): Promise<Read> {
  const path = join(mkdtempSync(join(tmpdir(), 'funnel-limits-')), name);
  writeFileSync(path, text);
  const opened = await openInput(path, name, {});
  const out: Read = { records: [], rejects: [] };
  await readRecords(opened, { maxRecordSize }, {
    header: () => {},
    record: (r, line) => out.records.push({ line, first: (r as string[])[0] }),
    reject: (line, reason, code) => out.rejects.push({ line, reason, code }),
  });
  return out;
}

const lines = (r: Read) => r.records.map((x) => x.line);

describe('a CSV record over the limit', () => {
  it('an unquoted long record is rejected at its line; every later row is read with its own line', async () => {
    const r = await read(`a,b,c\n1,${LONG},x\n2,b,c\n3,b,c\n4,b,c\n`);
    expect(r.rejects).toEqual([{ line: 2, code: 'CSV_MAX_RECORD_SIZE', reason: 'the record is longer than 64 bytes (line 2; the file was read on after it)' }]);
    expect(lines(r)).toEqual([3, 4, 5]);
    expect(r.records.map((x) => x.first)).toEqual(['2', '3', '4']);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('a long quoted field over several lines (%s) is one rejected record; line numbers after it stay true', async (_name, eol) => {
    // Record 2 spans lines 2-5 (a pasted e-mail thread); rows on lines 6 and 7 follow.
    const notes = ['first line of a long mail', 'second line of a long mail', 'third line of a long mail', 'end'].join(eol);
    const text = ['a,b,c', `1,"${notes}",x`, '2,b,c', '3,"ok",c', ''].join(eol);
    const r = await read(text);
    expect(r.rejects).toEqual([{ line: 2, code: 'CSV_MAX_RECORD_SIZE', reason: 'the record is longer than 64 bytes (lines 2-5; the file was read on after it)' }]);
    expect(lines(r)).toEqual([6, 7]);
  });

  it('a long last record without a final line break is rejected', async () => {
    const r = await read(`a,b\n1,b\n2,${LONG}`);
    expect(lines(r)).toEqual([2]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[3, 'CSV_MAX_RECORD_SIZE']]);
  });

  it('several long records, each rejected; rows = records in the file', async () => {
    const rows = ['a,b'];
    for (let i = 0; i < 50; i++) rows.push(i % 10 === 3 ? `${i},${LONG}` : `${i},ok`);
    const r = await read(`${rows.join('\n')}\n`);
    expect(r.rejects.map((x) => x.line)).toEqual([5, 15, 25, 35, 45]);
    expect(r.records.length + r.rejects.length).toBe(50);
  });

  it('a header over the limit stops the file with an error naming the flag', async () => {
    const err = await read(`${LONG},b\n1,2\n`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FunnelError);
    expect((err as FunnelError).message).toBe('the header cannot be read: it is longer than 64 bytes');
    expect((err as FunnelError).hint).toContain('--max-record-size');
  });

  it('with a delimiter that occurs in the marker (.), the long record is still one rejected row', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'funnel-limits-')), 'dots.csv');
    writeFileSync(path, `a.b\n1.${LONG}\n2.b\n`);
    const opened = await openInput(path, 'dots.csv', { delimiter: '.' });
    const out: Read = { records: [], rejects: [] };
    await readRecords(opened, { delimiter: '.', maxRecordSize: MAX }, {
      header: () => {},
      record: (r, line) => out.records.push({ line, first: (r as string[])[0] }),
      reject: (line, reason, code) => out.rejects.push({ line, reason, code }),
    });
    expect(out.records).toEqual([{ line: 3, first: '2' }]);
    expect(out.rejects.map((x) => x.code)).toEqual(['CSV_MAX_RECORD_SIZE']);
  });

  it('the same through gzip', async () => {
    const r = await read(gzipSync(`a,b,c\n1,${LONG},x\n2,b,c\n`), 'calls.csv.gz');
    expect(lines(r)).toEqual([3]);
    expect(r.rejects.map((x) => x.line)).toEqual([2]);
  });
});

describe('a quote that never closes', () => {
  it('near the end: the record is rejected at its line and the lines after the quote are read', async () => {
    const r = await read('a,b,c\n1,b,c\n2,"never closed,c\n3,b,c\n4,b,c\n');
    expect(r.rejects).toEqual([
      { line: 3, code: 'CSV_QUOTE_NOT_CLOSED', reason: 'a quoted field is never closed (line 3 left out; reading went on at line 4)' },
    ]);
    expect(lines(r)).toEqual([2, 4, 5]);
  });

  it('opened on a later line of a multi-line record: the lines up to the quote are left out', async () => {
    // Record 2 starts on line 2 with a quoted field over lines 2-3, then opens a quote on line 3 that never closes.
    const r = await read('a,b,c\n1,"two\nlines","open\n3,b,c\n');
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([[2, 'a quoted field is never closed (lines 2-3 left out; reading went on at line 4)']]);
    expect(lines(r)).toEqual([4]);
  });

  it('followed by more than the limit of text: the file is read again from the line after the quote', async () => {
    const rows = ['a,b,c', '1,b,c', '2,"never closed,c'];
    for (let i = 3; i < 40; i++) rows.push(`${i},b,c`);
    const r = await read(`${rows.join('\n')}\n`);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[3, 'CSV_QUOTE_NOT_CLOSED']]);
    expect(lines(r)).toEqual([2, ...Array.from({ length: 37 }, (_, i) => i + 4)]);
  });

  it('two of them, each followed by more than the limit: both rejected, everything else read', async () => {
    const rows = ['a,b,c', '1,"never closed,c'];
    for (let i = 2; i < 20; i++) rows.push(`${i},b,c`);
    rows.push('20,"again,c');
    for (let i = 21; i < 40; i++) rows.push(`${i},b,c`);
    const r = await read(`${rows.join('\n')}\n`);
    expect(r.rejects.map((x) => x.line)).toEqual([2, 21]);
    expect(r.records.length + r.rejects.length).toBe(39);
  });
});

/** The guard's output for `text` fed in pieces of `size` bytes, with its marker made readable. */
async function guarded(text: string, size: number, delimiter = ','): Promise<string> {
  const guard = new RecordGuard({ delimiter, maxRecordSize: 24 });
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(guard)) out.push(chunk as Buffer);
  return Buffer.concat(out).toString().split(guard.marker).join('#');
}

describe('RecordGuard', () => {
  const CASES = [
    'a,b\n1,2\n3,"x\ny"\n',
    `a,b\r\n1,"${'q'.repeat(30)}"\r\n2,3\r\n`,
    `a;b\n1;"x"";${'z'.repeat(30)}"\n2;3\n`,
    'a,b\n1,"open\n2,3\n4,5',
    `a,b\n1,${'y'.repeat(40)}\n2,"a""b"\n3,x"y\n`,
    'a,b\r1,2\r3,"x\ry"\r',
    `h\n"${'w'.repeat(10)}\n${'v'.repeat(30)}\nlast`,
  ];

  it.each(CASES.map((c) => [JSON.stringify(c).slice(0, 40), c]))('gives the same output whatever the chunk size: %s', async (_name, text) => {
    const whole = await guarded(text, 1 << 20, text.includes(';') ? ';' : ',');
    for (const size of [1, 2, 3, 5, 7, 13]) expect(await guarded(text, size, text.includes(';') ? ';' : ',')).toBe(whole);
  });

  it('passes short records through unchanged and replaces long ones with one marker line', async () => {
    expect(await guarded('a,b\n1,2\n', 4)).toBe('a,b\n1,2\n');
    expect(await guarded(`a,b\n1,${'x'.repeat(30)}\n2,3\n`, 4)).toBe('a,b\n"#long.1"\n2,3\n');
    expect(await guarded('a,b\n1,"open\n2,3\n', 4)).toBe('a,b\n"#unclosed.1.x"\n2,3\n');
  });
});
