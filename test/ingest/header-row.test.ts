// The header of a hand-kept sheet below a title and blank lines, for CSV and XLSX alike.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { findHeaderRow } from '../../src/ingest/detect.js';
import { openInput, readRecords } from '../../src/ingest/read.js';
import type { RawRecord } from '../../src/ingest/types.js';
import { buildXlsx } from './xlsx-builder.js';

describe('findHeaderRow', () => {
  const TABLE = [
    ['Week Of', 'Sales Rep', 'Calls', 'Appts Set', 'Closes'],
    ['2026-11-09', 'Ann Lee', '40', '3', '1'],
  ];
  it.each([
    ['a plain table', TABLE, 0],
    ['a title padded with empty cells', [['Acme Sales - Weekly Activity Report', '', '', '', ''], ...TABLE], 1],
    ['two title lines', [['Acme Sales', '', '', '', ''], ['Generated 2026-11-20', '', '', '', ''], ...TABLE], 2],
    // A second cell filled in a 5-wide table is still a title (less than half of the cells).
    ['a title with a date beside it', [['Weekly report', '2026-11-20', '', '', ''], ...TABLE], 1],
    // The first full row is data, not labels: keep the first row, as before.
    ['a fuller row of numbers', [['Totals', '', '', '', ''], ['1', '2', '3', '4', '5']], 0],
    ['a fuller row with repeated labels', [['Title', '', '', ''], ['A', 'a', 'B', 'C']], 0],
    ['a single column', [['Rep'], ['Ann']], 0],
    ['nothing', [], 0],
  ])('%s → row %s', (_, rows, at) => {
    expect(findHeaderRow(rows)).toBe(at);
  });
});

interface Read {
  header: { cells: string[]; line: number } | null;
  records: { record: RawRecord; line: number }[];
  rejects: { line: number; reason: string }[];
  warnings: string[];
}

async function read(name: string, bytes: string | Buffer): Promise<Read> {
  const path = join(mkdtempSync(join(tmpdir(), 'funnel-header-')), name);
  writeFileSync(path, bytes);
  const opened = await openInput(path, name, {});
  const out: Read = { header: null, records: [], rejects: [], warnings: opened.meta.warnings };
  await readRecords(opened, {}, {
    header: (cells, line) => (out.header = { cells, line }),
    record: (record, line) => out.records.push({ record, line }),
    reject: (line, reason) => out.rejects.push({ line, reason }),
  });
  return out;
}

const SHEET = 'Acme Sales - Weekly Activity Report,,,\n,,,\nWeek Of,Sales Rep,Calls,Closes\n2026-11-09,Ann Lee,40,1\n2026-11-09,Ben Ortiz,35,0,extra\n';

describe('reading below a title', () => {
  it('CSV: the header is line 3, lines 1–2 are not rows, and the lines of the rows stay right', async () => {
    const r = await read('weekly.csv', SHEET);
    expect(r.header).toEqual({ cells: ['Week Of', 'Sales Rep', 'Calls', 'Closes'], line: 3 });
    expect(r.records).toEqual([{ record: ['2026-11-09', 'Ann Lee', '40', '1'], line: 4 }]);
    // Wider than the real header: rejected, as the reader does for any table.
    expect(r.rejects).toEqual([{ line: 5, reason: '5 fields, header has 4' }]);
    expect(r.warnings).toEqual(['header found on line 3; lines 1–2 skipped (a title or blank lines above the table are not rows)']);
  });

  it('CSV without a title: read as before, no warning', async () => {
    const r = await read('plain.csv', 'Rep,Calls\nAnn,1\n');
    expect(r.header).toEqual({ cells: ['Rep', 'Calls'], line: 1 });
    expect(r.records).toHaveLength(1);
    expect(r.warnings).toEqual([]);
  });

  it('more rows than the look-ahead: every row is handed on, in order', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `2026-11-09,Rep ${i},${i},0\n`).join('');
    const r = await read('long.csv', `Title,,,\nWeek Of,Sales Rep,Calls,Closes\n${rows}`);
    expect(r.records.map((x) => x.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 3));
    expect(r.records[49].record).toEqual(['2026-11-09', 'Rep 49', '49', '0']);
  });

  it('a one-cell title the reader cut the table against: a clear error, not a file of rejected rows', async () => {
    const err = await read('weekly.csv', 'Acme Sales - Weekly Activity Report\n\nWeek Of,Sales Rep,Calls\n2026-11-09,Ann Lee,40\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FunnelError);
    expect((err as FunnelError).code).toBe('FILE_UNREADABLE');
    expect((err as FunnelError).message).toBe('line 1 looks like a title above the table: the rows below it are wider (line 3)');
  });

  it('XLSX: a one-cell title above the table (the reader cuts rows against it): the same clear error', async () => {
    const book = buildXlsx({
      sheets: [
        {
          name: 'Weekly',
          rows: {
            1: ['Acme Sales - Weekly Activity Report'],
            3: ['Week Of', 'Sales Rep', 'Calls', 'Closes'],
            4: ['2026-11-09', 'Ann Lee', 40, 1],
          },
        },
      ],
    });
    const err = await read('weekly.xlsx', book).catch((e: unknown) => e);
    expect((err as FunnelError).message).toBe('line 1 looks like a title above the table: the rows below it are wider (line 3)');
  });
});
