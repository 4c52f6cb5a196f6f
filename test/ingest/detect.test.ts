import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { detectBinaryFormat, detectEncoding, detectFormat, formatExtension, readHead, sniffUtf16, type Head } from '../../src/ingest/detect.js';

const head = (bytes: number[] | Buffer, compression: Head['compression'] = null): Head => {
  const b = Buffer.from(bytes);
  return { bytes: b, size: b.length, compression, isComplete: true };
};
const ZIP = [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0];
const TEXT = [...Buffer.from('Owner,Date\nAnn,2026-11-02\n')];

function thrown(f: () => unknown): FunnelError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(FunnelError);
    return err as FunnelError;
  }
  throw new Error('expected an error');
}

describe('formats of binary files', () => {
  it.each([
    ['export.xlsx', ZIP],
    ['Export.XLSM', ZIP],
    // A workbook is recognised by its bytes whatever its name.
    ['export.csv', ZIP],
    ['export', ZIP],
  ])('%s starting like a zip archive is XLSX', (name, bytes) => {
    expect(detectBinaryFormat(name, head(bytes), name)).toBe('xlsx');
  });

  it.each(['a.csv', 'a.csv.gz', 'a.json', 'a.txt'])('%s with text bytes is left to text detection', (name) => {
    expect(detectBinaryFormat(name, head(TEXT), name)).toBeNull();
  });

  it('an .xlsx file that is not a zip archive: a clear error', () => {
    const err = thrown(() => detectBinaryFormat('calls.xlsx', head(TEXT), 'calls.xlsx'));
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.message).toBe('not an Excel workbook: .xlsx files are zip archives, and this one is not');
    expect(err.where).toEqual({ file: 'calls.xlsx' });
    expect(err.hint).toContain('rename it to .csv');
  });

  it.each([
    ['old.xls', 'old Excel .xls workbooks are not supported', 'save it as .xlsx or as CSV UTF-8'],
    ['sheet.ods', 'OpenDocument spreadsheets are not supported', 'save the sheet as .xlsx'],
    ['exports.zip', 'zip archives are not supported', 'unzip it'],
  ])('%s: UNSUPPORTED_FORMAT, %s', (name, message, hint) => {
    const err = thrown(() => detectBinaryFormat(name, head(ZIP), name));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toBe(message);
    expect(err.hint).toContain(hint);
  });

  it('a password-protected workbook (an OLE file named .xlsx) is refused with what to do', () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
    const err = thrown(() => detectBinaryFormat('book.xlsx', head(ole), 'book.xlsx'));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toBe('a password-protected workbook (or an old .xls file renamed) is not supported');
  });

  it('a gzip-compressed workbook is refused', () => {
    const err = thrown(() => detectBinaryFormat('book.xlsx.gz', head(ZIP, 'gzip'), 'book.xlsx.gz'));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.hint).toBe('gunzip it and pass the .xlsx file');
  });
});

describe('text formats, looking through .gz', () => {
  it.each([
    ['calls.csv.gz', 'gzip', '.csv'],
    ['calls.CSV.GZ', 'gzip', '.csv'],
    ['calls.tsv.gz', 'gzip', '.tsv'],
    ['calls.csv', null, '.csv'],
    // Not gzip inside: the name is taken as it is.
    ['calls.csv.gz', null, '.gz'],
  ] as const)('%s (%s) → %s', (name, compression, ext) => {
    expect(formatExtension(name, compression)).toBe(ext);
  });

  it.each([
    ['a.csv.gz', 'x,y', 'csv'],
    ['a.tsv.gz', 'x\ty', 'tsv'],
    ['a.ndjson.gz', '{"a":1}', 'ndjson'],
    ['a.json.gz', '[{"a":1}]', 'json'],
    ['a.json.gz', '{"a":1}\n{"a":2}', 'ndjson'],
    ['a.gz', '[{"a":1}]', 'json'],
    ['a.gz', 'x,y', 'csv'],
  ])('%s holding %j is %s', (name, text, format) => {
    expect(detectFormat(name, text, 'gzip')).toBe(format);
  });
});

describe('readHead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'funnel-head-'));

  it('returns the decompressed start of a gzip file, and says it is gzip', async () => {
    const path = join(dir, 'a.csv.gz');
    writeFileSync(path, gzipSync('Owner,Date\nAnn,2026-11-02\n'));
    const h = await readHead(path, 'a.csv.gz');
    expect(h.compression).toBe('gzip');
    expect(h.isComplete).toBe(true);
    expect(h.bytes.toString()).toBe('Owner,Date\nAnn,2026-11-02\n');
  });

  it('stops decompressing after 64 KiB', async () => {
    const path = join(dir, 'big.csv.gz');
    writeFileSync(path, gzipSync('x,y\n'.repeat(100_000)));
    const h = await readHead(path, 'big.csv.gz');
    expect(h.bytes.length).toBe(64 * 1024);
    expect(h.isComplete).toBe(false);
  });

  it('a plain file: its first bytes, not compressed', async () => {
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'a,b\n');
    expect(await readHead(path, 'a.csv')).toMatchObject({ compression: null, isComplete: true, size: 4 });
  });
});

describe('encodings', () => {
  const utf16 = (s: string, be = false) => {
    const b = Buffer.from(s, 'utf16le');
    if (be) for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
    return b;
  };

  it.each([
    ['little-endian', utf16('Owner,Date\nZoë,2026-11-02\n'), 'utf-16le'],
    ['big-endian', utf16('Owner,Date\nZoë,2026-11-02\n', true), 'utf-16be'],
    ['plain UTF-8', Buffer.from('Owner,Date\n'), null],
    ['binary', Buffer.from([0, 0, 0, 1, 7, 0, 0, 9, 0, 0, 3, 4]), null],
  ])('sniffUtf16: %s → %s', (_what, bytes, expected) => {
    expect(sniffUtf16(bytes)).toBe(expected);
  });

  it('the configured encoding wins over the BOM and the content', () => {
    const warnings: string[] = [];
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'latin1', 'a.csv', warnings)).toBe('windows-1252');
    expect(detectEncoding(utf16('abc'), 'utf8', 'a.csv', warnings)).toBe('utf-8');
    expect(warnings).toEqual([]);
  });

  it('not valid UTF-8 → Windows-1252 with a warning that names the source key', () => {
    const warnings: string[] = [];
    expect(detectEncoding(Buffer.from('Caf\xe9 \x80\n', 'latin1'), undefined, 'a.csv', warnings, 'sources[4]')).toBe('windows-1252');
    expect(warnings).toEqual(['not valid UTF-8: read as Windows-1252 (set sources[4].encoding if that is wrong)']);
  });

  it('a UTF-8 character cut at the end of the head is still UTF-8', () => {
    const bytes = Buffer.from('abc é');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), undefined, 'a.csv', [])).toBe('utf-8');
  });
});
