// XLSX reading: a workbook written by exceljs (another program's writer, as a spreadsheet
// program writes one) and workbooks built part by part (xlsx-builder.ts, or raw parts below) for
// the layouts, cell forms and hostile files around the edges.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { openInput, readRecords } from '../../src/ingest/read.js';
import type { ReadOptions } from '../../src/ingest/types.js';
import { cellText, isDateFormat } from '../../src/ingest/xlsx.js';
import { buildXlsx, zip, type BookSpec } from './xlsx-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'funnel-xlsx-'));

interface Read {
  header: { cells: string[]; line: number } | null;
  records: { record: string[]; line: number }[];
  rejects: { line: number; reason: string }[];
  meta: Awaited<ReturnType<typeof openInput>>['meta'];
}

async function read(path: string, options: ReadOptions = {}): Promise<Read> {
  const opened = await openInput(path, path.split('/').pop() as string, options);
  const out: Read = { header: null, records: [], rejects: [], meta: opened.meta };
  await readRecords(opened, options, {
    header: (cells, line) => (out.header = { cells, line }),
    record: (record, line) => out.records.push({ record: record as string[], line }),
    reject: (line, reason) => out.rejects.push({ line, reason }),
  });
  return out;
}

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function failure(p: Promise<unknown>): Promise<FunnelError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FunnelError);
    return err as FunnelError;
  }
  throw new Error('expected an error');
}

describe('a workbook written by exceljs (Dynamics-style phone calls export)', () => {
  let path: string;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Phone Calls');
    ws.columns = [
      { header: '(Do Not Modify) Phone Call', key: 'guid' },
      { header: '(Do Not Modify) Row Checksum', key: 'sum' },
      { header: 'Subject', key: 'subject' },
      { header: 'Due', key: 'due', style: { numFmt: 'm/d/yyyy h:mm AM/PM' } },
      { header: 'Actual End', key: 'end', style: { numFmt: 'dd.mm.yyyy' } },
      { header: 'Follow-up', key: 'next' },
      { header: 'Owner', key: 'owner' },
      { header: 'Left Voice Mail', key: 'vm' },
      { header: 'Duration', key: 'dur', style: { numFmt: 'h:mm:ss' } },
      { header: 'Regarding', key: 'link' },
      { header: 'Score', key: 'score' },
    ];
    ws.getColumn(1).hidden = true;
    ws.getColumn(2).hidden = true;
    ws.addRow({
      guid: '6f1c2a0e-8b7d-ef11-a4e6-000d3a5c1e21',
      sum: 'Hx9+Fq2Lk==',
      subject: { richText: [{ text: 'Intro call – ' }, { font: { bold: true }, text: 'Acme' }] },
      // exceljs writes Dates as serials of their UTC fields: 2025-03-04 10:30 in the cell.
      due: new Date(Date.UTC(2025, 2, 4, 10, 30)),
      end: new Date(Date.UTC(2025, 2, 4)),
      owner: 'Jane Cooper',
      vm: false,
      dur: 0.0185532, // 26 min 43 s
      link: { text: 'Acme – 50 seats', hyperlink: 'https://crm.example/opportunity/1' },
      score: { formula: '1+1', result: 2 },
    });
    // A formula whose result is a date: the cached result is a serial with a date format.
    ws.getCell('F2').value = { formula: 'D2+7', result: 45727.4375 };
    ws.getCell('F2').numFmt = 'yyyy-mm-dd';
    ws.addRow([]); // a blank row is not a row
    ws.addRow({ guid: 'b2', sum: 'x', subject: 'Call – Bolt', due: new Date(Date.UTC(2025, 11, 31, 23, 59, 59)), owner: 'Omar Haddad', vm: true, score: { formula: 'NA()', result: { error: '#N/A' } } });
    path = join(dir, 'phone-calls.xlsx');
    await wb.xlsx.writeFile(path);
  });

  it('reads the first sheet: header at row 1, records at their sheet row numbers, blank rows skipped', async () => {
    const r = await read(path);
    expect(r.meta).toMatchObject({ format: 'xlsx', sheet: 'Phone Calls', delimiter: null, compression: null });
    expect(r.header).toEqual({
      line: 1,
      cells: [
        '(Do Not Modify) Phone Call',
        '(Do Not Modify) Row Checksum',
        'Subject',
        'Due',
        'Actual End',
        'Follow-up',
        'Owner',
        'Left Voice Mail',
        'Duration',
        'Regarding',
        'Score',
      ],
    });
    expect(r.records.map((x) => x.line)).toEqual([2, 4]);
  });

  it('real date cells become ISO dates (the calendar date shown), formulas their result, rich text and links their text', async () => {
    const r = await read(path);
    expect(r.records[0].record).toEqual([
      '6f1c2a0e-8b7d-ef11-a4e6-000d3a5c1e21',
      'Hx9+Fq2Lk==',
      'Intro call – Acme',
      '2025-03-04 10:30',
      '2025-03-04',
      '2025-03-11 10:30',
      'Jane Cooper',
      'FALSE',
      '00:26:43',
      'Acme – 50 seats',
      '2',
    ]);
    // A formula whose cached result is an error reads as the error, as the cell shows it.
    expect(r.records[1].record).toEqual(['b2', 'x', 'Call – Bolt', '2025-12-31 23:59:59', '', '', 'Omar Haddad', 'TRUE', '', '', '#N/A']);
  });

  it('hidden columns are read like the others and listed by header', async () => {
    const r = await read(path);
    expect(r.meta.hiddenColumns).toEqual(['(Do Not Modify) Phone Call', '(Do Not Modify) Row Checksum']);
  });

  it('the date of a cell does not depend on the time zone', async () => {
    // TZ is UTC in tests: read the workbook and a serial that local time would move to another
    // day in a time zone west of UTC.
    const tz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(new Date(Date.UTC(2025, 0, 1, 23, 30)).getDate()).toBe(1);
      expect(new Date(Date.UTC(2025, 0, 1, 1, 30)).getDate()).toBe(31);
      expect(cellText(45658.0625, 'yyyy-mm-dd', false)).toBe('2025-01-01 01:30');
      expect((await read(path)).records[0].record[4]).toBe('2025-03-04');
    } finally {
      process.env.TZ = tz;
    }
  });
});

describe('workbooks built part by part', () => {
  const dateStyles = ['dd.mm.yyyy', 'yyyy-mm-dd hh:mm', 'h:mm'];
  const book = (over: Partial<BookSpec> = {}): BookSpec => ({
    styles: dateStyles,
    sheets: [
      {
        name: 'Deals',
        cols: '<cols><col min="1" max="1" width="30" hidden="1" customWidth="1"/><col min="4" max="4" width="9"/></cols>',
        rows: {
          1: ['Id', 'Owner', 'Closed', 'Created', 'Amount'],
          2: [5805028000056864695, 'Ann Lee', { xml: 's="1"><v>45292</v>' }, { xml: 's="2"><v>45292.75</v>' }, 1250.5],
          3: [{ xml: 't="inlineStr"><is><t>id-2</t></is>' }, 'Ben Ortiz', { xml: 's="1"><f>C2+1</f><v>45293</v>' }, { xml: 't="str"><f>TEXT(1,"0")</f><v>text result</v>' }, { xml: 't="b"><v>1</v>' }],
          5: ['id-3', 'Cara Diaz', { xml: 't="e"><v>#REF!</v>' }, null, null, 'note right of the table'],
          6: [null, null, null, null, null],
        },
      },
    ],
    ...over,
  });

  it('parts in any zip order: the sheet stored before the styles and the workbook part still gets its dates and name', async () => {
    // The order of a real workbook written by another tool: shared strings, the sheet, then
    // styles and the workbook part last.
    const path = write('late-parts.xlsx', buildXlsx(book({ order: ['_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/workbook.xml'] })));
    const r = await read(path);
    expect(r.meta.sheet).toBe('Deals');
    expect(r.header?.cells).toEqual(['Id', 'Owner', 'Closed', 'Created', 'Amount']);
    expect(r.records).toEqual([
      // A 19-digit id stored as a number has lost its last digits: shown as Excel shows it.
      { line: 2, record: ['5.805028000056865E+18', 'Ann Lee', '2024-01-01', '2024-01-01 18:00', '1250.5'] },
      { line: 3, record: ['id-2', 'Ben Ortiz', '2024-01-02', 'text result', 'TRUE'] },
    ]);
    expect(r.rejects).toEqual([{ line: 5, reason: '6 cells, header has 5 (a value right of the table)' }]);
    expect(r.meta.hiddenColumns).toEqual(['Id']);
  });

  it.each([
    ['default order, stored', undefined, false],
    ['default order, deflated', undefined, true],
    ['workbook part first', ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml'], true],
    ['sheet first, stored', ['xl/worksheets/sheet1.xml'], false],
    ['sheet first, deflated', ['xl/worksheets/sheet1.xml'], true],
  ])('%s: same records', async (what, order, isDeflated) => {
    const r = await read(write(`${what.replace(/\W+/g, '-')}.xlsx`, buildXlsx(book({ order, isDeflated }))));
    expect(r.meta.sheet).toBe('Deals');
    expect(r.records.map((x) => x.record[2])).toEqual(['2024-01-01', '2024-01-02']);
  });

  it('the 1904 date system', async () => {
    const path = write('1904.xlsx', buildXlsx({ date1904: true, styles: ['yyyy-mm-dd'], sheets: [{ name: 'S', rows: { 1: ['Date'], 2: [{ xml: 's="1"><v>0</v>' }], 3: [{ xml: 's="1"><v>43830</v>' }] } }] }));
    const r = await read(path);
    expect(r.records.map((x) => x.record[0])).toEqual(['1904-01-01', '2024-01-01']);
  });

  describe('sheets', () => {
    const sheets: BookSpec = {
      sheets: [
        { name: 'hiddenDataSheet', state: 'hidden', rows: { 1: ['Meta'], 2: ['x'] } },
        { name: 'Calls', rows: { 1: ['Owner'], 2: ['Ann'] } },
        { name: 'Meetings', rows: { 1: ['Host'], 2: ['Ben'], 3: ['Cara'] } },
      ],
    };
    let path: string;
    beforeAll(() => {
      path = write('sheets.xlsx', buildXlsx(sheets));
    });

    it('without sheet: the first visible sheet', async () => {
      expect((await read(path)).meta.sheet).toBe('Calls');
    });

    it.each([
      ['Meetings', 'Meetings', 2],
      ['  meetings ', 'Meetings', 2],
      [1, 'hiddenDataSheet', 1],
      [3, 'Meetings', 2],
    ])('sheet %j reads %s', async (sheet, name, rows) => {
      const r = await read(path, { sheet });
      expect(r.meta.sheet).toBe(name);
      expect(r.records).toHaveLength(rows);
    });

    it('a sheet that does not exist: an error naming the key and listing the sheets', async () => {
      const err = await failure(read(path, { sheet: 'Deals', sourceKey: 'sources[0]' }));
      expect(err.message).toBe('no sheet named "Deals"');
      expect(err.where).toEqual({ file: 'sheets.xlsx', key: 'sources[0].sheet' });
      expect(err.hint).toBe('its sheets are: "hiddenDataSheet", "Calls", "Meetings"');
      const err4 = await failure(read(path, { sheet: 4 }));
      expect(err4.message).toBe('the workbook has 3 sheets, so there is no sheet 4');
    });

    it('a sheet with no rows: EMPTY_FILE', async () => {
      const empty = write('empty-sheet.xlsx', buildXlsx({ sheets: [{ name: 'Empty', rows: {} }] }));
      const err = await failure(read(empty));
      expect(err.code).toBe('EMPTY_FILE');
      expect(err.message).toBe('sheet "Empty" is empty (no header row)');
    });
  });

  describe('files that are not readable workbooks', () => {
    it('a zip archive without a workbook', async () => {
      const err = await failure(read(write('other.xlsx', zip([['notes.txt', 'hello']]))));
      expect(err.code).toBe('FILE_UNREADABLE');
      expect(err.message).toBe('no workbook inside: this zip archive is not an Excel workbook');
    });

    it('a workbook cut off (end of the zip archive missing): an error, not a partial read', async () => {
      const whole = buildXlsx(book());
      const err = await failure(read(write('cut.xlsx', whole.subarray(0, Math.floor(whole.length * 0.8)))));
      expect(err.code).toBe('FILE_UNREADABLE');
      expect(err.message).toBe('the workbook is incomplete: the end of its zip archive is missing');
    });

    it('format: xlsx on a file that is not a workbook: an error naming the key', async () => {
      const err = await failure(read(write('calls.csv', Buffer.from('Owner,Date\nAnn,2026-11-02\n')), { format: 'xlsx', sourceKey: 'sources[1]' }));
      expect(err.where).toEqual({ file: 'calls.csv', key: 'sources[1].format' });
    });

    it('a text file named .xlsx', async () => {
      const err = await failure(read(write('calls.xlsx', Buffer.from('Owner,Date\nAnn,2026-11-02\n'))));
      expect(err.message).toBe('not an Excel workbook: .xlsx files are zip archives, and this one is not');
    });
  });
});

describe('cellText', () => {
  it.each([
    [null, undefined, ''],
    ['text', undefined, 'text'],
    [42, undefined, '42'],
    [0.1, '0.00%', '0.1'],
    [45292.5, 'dd/mm/yyyy', '2024-01-01 12:00'],
    [45292, '[$-409]mmm d, yyyy', '2024-01-01'],
    [0.5, 'h:mm', '12:00:00'],
    [1.5, '[h]:mm', '36:00:00'],
    [0.0185532, 'mm:ss', '00:26:43'],
    // A date and time in a column formatted to show the time only keeps its date.
    [45292.5, 'h:mm AM/PM', '2024-01-01 12:00'],
    [45292, 'mmm yyyy', '2024-01-01'],
    [true, undefined, 'TRUE'],
    [false, undefined, 'FALSE'],
    [0, undefined, '0'],
    [0, 'yyyy-mm-dd', '1899-12-30'],
    [45292.99998, 'yyyy-mm-dd', '2024-01-01 23:59:58'],
    [45292.9999999, 'yyyy-mm-dd', '2024-01-02'],
    [1234567890123456, undefined, '1.234567890123456E+15'],
    [123456789012345, undefined, '123456789012345'],
  ])('%j with format %j → %j', (value, numFmt, text) => {
    expect(cellText(value, numFmt, false)).toBe(text);
  });

  it.each([
    ['yyyy-mm-dd', true],
    ['m/d/yy h:mm', true],
    ['[h]:mm:ss', true],
    ['General', false],
    ['0.00', false],
    ['"$"#,##0.00', false],
    ['[Red]0;"days"', false],
  ])('isDateFormat(%j) = %s', (fmt, is) => {
    expect(isDateFormat(fmt)).toBe(is);
  });
});
