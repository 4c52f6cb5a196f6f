// XLSX shapes that other writers produce and the format allows, each in a minimal workbook
// written part by part here; and hostile workbooks (bombs, lying directories, malformed XML),
// generated in the test.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { openInput, readRecords } from '../../src/ingest/read.js';
import type { FileMeta, ReadOptions } from '../../src/ingest/types.js';
import { readXlsx, type XlsxSource } from '../../src/ingest/xlsx.js';
import { zip } from './xlsx-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'funnel-xlsx-shapes-'));
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface Read {
  header: { cells: string[]; line: number } | null;
  records: { record: string[]; line: number }[];
  rejects: { line: number; reason: string; code: string }[];
  meta: FileMeta;
}

let files = 0;
function write(bytes: Buffer): string {
  const path = join(dir, `book-${++files}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

async function read(path: string, options: ReadOptions = {}): Promise<Read> {
  const opened = await openInput(path, 'book.xlsx', options);
  const out: Read = { header: null, records: [], rejects: [], meta: opened.meta };
  await readRecords(opened, options, {
    header: (cells, line) => (out.header = { cells, line }),
    record: (record, line) => out.records.push({ record: record as string[], line }),
    reject: (line, reason, code) => out.rejects.push({ line, reason, code }),
  });
  return out;
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

interface Parts {
  /** The <sheetData> content, or the whole sheet part when it starts with `<?xml` or a worksheet tag. */
  sheet: string;
  strings?: string;
  styles?: string;
  workbook?: string;
}

/** A workbook of one sheet "Data" from raw XML parts; the default parts use no prefix. */
function book(parts: Parts, opts: { isDeflated?: boolean; declared?: Record<string, number>; extra?: [string, string | Buffer][] } = {}): Buffer {
  const sheet = !/^<(?:\?xml|(?:\w+:)?worksheet)/.test(parts.sheet) ? `<worksheet xmlns="${MAIN}"><sheetData>${parts.sheet}</sheetData></worksheet>` : parts.sheet;
  const entries: [string, string | Buffer][] = [
    ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', parts.workbook ?? `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', sheet],
  ];
  if (parts.styles !== undefined) entries.push(['xl/styles.xml', parts.styles]);
  if (parts.strings !== undefined) entries.push(['xl/sharedStrings.xml', parts.strings]);
  return zip([...entries, ...(opts.extra ?? [])], { isDeflated: opts.isDeflated ?? true, declared: opts.declared });
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const header = `<row r="1">${inline('A1', 'Owner')}${inline('B1', 'Value')}</row>`;

describe('shapes the format allows', () => {
  it('namespace prefixes on every part (x:sheet, x:c, ns:id)', async () => {
    const x = `xmlns:x="${MAIN}"`;
    const path = write(
      book({
        workbook: `<?xml version="1.0"?><x:workbook ${x} xmlns:ns="${REL}"><x:workbookPr/><x:sheets><x:sheet name="Deals" sheetId="7" ns:id="rId1"/></x:sheets></x:workbook>`,
        strings: `<x:sst ${x} count="2" uniqueCount="2"><x:si><x:t>Owner</x:t></x:si><x:si><x:r><x:t>Ann</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve"> Lee</x:t></x:r></x:si></x:sst>`,
        styles: `<x:styleSheet ${x}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>`,
        sheet:
          `<x:worksheet ${x}><x:cols><x:col min="2" max="2" hidden="1"/></x:cols><x:sheetData>` +
          `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Closed</x:t></x:is></x:c></x:row>` +
          `<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>45292</x:v></x:c></x:row>` +
          `</x:sheetData></x:worksheet>`,
      }),
    );
    const r = await read(path);
    expect(r.meta.sheet).toBe('Deals');
    expect(r.header).toEqual({ cells: ['Owner', 'Closed'], line: 1 });
    expect(r.records).toEqual([{ record: ['Ann Lee', '2024-01-01'], line: 2 }]);
    expect(r.meta.hiddenColumns).toEqual(['Closed']);
  });

  it('CDATA sections in inline and shared strings, entities and character references', async () => {
    const path = write(
      book({
        strings: `<sst xmlns="${MAIN}"><si><t><![CDATA[Bo & <Chen>]]></t></si><si><t>A&amp;B &lt;x&gt; &#233;t&#xE9; &quot;q&quot; &apos;</t></si></sst>`,
        sheet: `${header}<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[Ann <Lee> & co]]></t></is></c><c r="B2" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>1</v></c></row>`,
      }),
    );
    const r = await read(path);
    expect(r.records).toEqual([
      { record: ['Ann <Lee> & co', 'Bo & <Chen>'], line: 2 },
      { record: [`A&B <x> été "q" '`, '1'], line: 3 },
    ]);
  });

  it('cells without r follow the previous cell; rows without r the previous row', async () => {
    const path = write(
      book({
        sheet:
          `<row>${inline('A1', 'Owner').replace(' r="A1"', '')}<c t="inlineStr"><is><t>Value</t></is></c><c t="inlineStr"><is><t>Stage</t></is></c></row>` +
          `<row><c t="inlineStr"><is><t>Ann</t></is></c><c><v>5</v></c></row>` +
          `<row r="5"><c r="B5"><v>7</v></c><c t="inlineStr"><is><t>won</t></is></c></row>` +
          `<row><c t="inlineStr"><is><t>Cara</t></is></c></row>`,
      }),
    );
    const r = await read(path);
    expect(r.header).toEqual({ cells: ['Owner', 'Value', 'Stage'], line: 1 });
    expect(r.records).toEqual([
      { record: ['Ann', '5'], line: 2 },
      { record: ['', '7', 'won'], line: 5 },
      { record: ['Cara'], line: 6 },
    ]);
  });

  it('formulas read as their cached value: 0 is "0", not blank; strings, booleans and errors as shown', async () => {
    const path = write(
      book({
        sheet:
          header +
          `<row r="2">${inline('A2', 'zero')}<c r="B2"><f>B3-B3</f><v>0</v></c></row>` +
          `<row r="3">${inline('A3', 'shared')}<c r="B3"><f t="shared" ref="B3:B4" si="0">1+1</f><v>2</v></c></row>` +
          `<row r="4">${inline('A4', 'text')}<c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>` +
          `<row r="5">${inline('A5', 'bool')}<c r="B5" t="b"><f>1=1</f><v>1</v></c></row>` +
          `<row r="6">${inline('A6', 'false')}<c r="B6" t="b"><v>0</v></c></row>` +
          `<row r="7">${inline('A7', 'error')}<c r="B7" t="e"><f>1/0</f><v>#VALUE!</v></c></row>` +
          `<row r="8">${inline('A8', 'no cached value')}<c r="B8"><f>NOW()</f></c></row>` +
          `<row r="9">${inline('A9', 'iso date')}<c r="B9" t="d"><v>2024-01-01T09:30:00</v></c></row>`,
      }),
    );
    const r = await read(path);
    expect(r.records.map((x) => x.record)).toEqual([
      ['zero', '0'],
      ['shared', '2'],
      ['text', 'ab'],
      ['bool', 'TRUE'],
      ['false', 'FALSE'],
      ['error', '#VALUE!'],
      ['no cached value'],
      ['iso date', '2024-01-01 09:30'],
    ]);
  });

  it('inline strings: rich text runs joined, phonetic readings left out, _xHHHH_ escapes decoded', async () => {
    const path = write(
      book({
        sheet:
          header +
          `<row r="2"><c r="A2" t="inlineStr"><is><r><t>Ann</t></r><r><rPr><i/></rPr><t xml:space="preserve"> Lee</t></r></is></c>` +
          `<c r="B2" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c></row>` +
          `<row r="3"><c r="A3" t="inlineStr"><is><t>line 1_x000D_&#10;line 2</t></is></c><c r="B3" t="inlineStr"><is><t>_x005F_x000D_</t></is></c></row>`,
      }),
    );
    const r = await read(path);
    expect(r.records.map((x) => x.record)).toEqual([
      ['Ann Lee', '東京'],
      ['line 1\r\nline 2', '_x000D_'],
    ]);
  });

  it('shared strings: rich text runs joined, phonetic runs left out, empty items kept in place', async () => {
    const path = write(
      book({
        strings:
          `<sst xmlns="${MAIN}"><si><t>Owner</t></si><si/><si><r><rPr><b/></rPr><t>Bo</t></r><r><t xml:space="preserve"> Chen</t></r></si>` +
          `<si><t>大阪</t><rPh sb="0" eb="2"><t>オオサカ</t></rPh></si><si><t>Value</t></si></sst>`,
        sheet: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>1</v></c></row>`,
      }),
    );
    const r = await read(path);
    expect(r.header?.cells).toEqual(['Owner', 'Value']);
    expect(r.records).toEqual([{ record: ['Bo Chen', '大阪'], line: 2 }]);
  });

  it.each([
    ['1900', '', [['45292', '2024-01-01'], ['45292.5', '2024-01-01 12:00']]],
    ['1904', ' date1904="1"', [['43830', '2024-01-01'], ['0', '1904-01-01']]],
    ['1904 written as true', ' date1904="true"', [['43830', '2024-01-01']]],
  ] as const)('%s date system with built-in date formats (14, 22) and a time (20)', async (_what, attr, cases) => {
    const rows = cases
      .map(([serial], i) => `<row r="${i + 2}">${inline(`A${i + 2}`, 'x')}<c r="B${i + 2}" s="1"><v>${serial}</v></c><c r="C${i + 2}" s="2"><v>${serial}</v></c><c r="D${i + 2}" s="3"><v>0.75</v></c></row>`)
      .join('');
    const path = write(
      book({
        workbook: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${attr}/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        styles: `<styleSheet xmlns="${MAIN}"><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="20"/></cellXfs></styleSheet>`,
        sheet: `<row r="1">${inline('A1', 'Owner')}${inline('B1', 'Date')}${inline('C1', 'Stamp')}${inline('D1', 'Time')}</row>${rows}`,
      }),
    );
    const r = await read(path);
    expect(r.records.map((x) => x.record.slice(1))).toEqual(cases.map(([, date]) => [date, date, '18:00:00']));
  });

  describe('which sheet', () => {
    const workbook =
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Lists" sheetId="1" state="hidden" r:id="rId1"/>` +
      `<sheet name="Secret" sheetId="2" state="veryHidden" r:id="rId4"/><sheet name="Calls" sheetId="3" r:id="rId5"/></sheets></workbook>`;
    const rels =
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId4" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId5" Type="${REL}/worksheet" Target="./worksheets/../worksheets/sheet3.xml"/></Relationships>`;
    const sheetOf = (name: string) => `<worksheet xmlns="${MAIN}"><sheetData><row r="1">${inline('A1', 'Owner')}</row><row r="2">${inline('A2', name)}</row></sheetData></worksheet>`;
    const path = () =>
      write(
        zip([
          ['xl/workbook.xml', workbook],
          ['xl/_rels/workbook.xml.rels', rels],
          ['xl/worksheets/sheet1.xml', sheetOf('from Lists')],
          ['xl/worksheets/sheet2.xml', sheetOf('from Secret')],
          ['xl/worksheets/sheet3.xml', sheetOf('from Calls')],
        ]),
      );

    it('hidden and very hidden sheets first: the first visible sheet is read (targets absolute, relative, with ..)', async () => {
      const r = await read(path());
      expect(r.meta.sheet).toBe('Calls');
      expect(r.records[0].record).toEqual(['from Calls']);
    });

    it.each([
      ['Secret', 'from Secret'],
      [1, 'from Lists'],
      [2, 'from Secret'],
      [3, 'from Calls'],
      ['  LISTS ', 'from Lists'],
    ])('sheet %j', async (sheet, first) => {
      const r = await read(path(), { sheet });
      expect(r.records[0].record).toEqual([first]);
    });
  });
});

describe('the same path read again', () => {
  it('after the file changed: its new shared strings, not the ones read before', async () => {
    const path = join(dir, 'rewritten.xlsx');
    const strings = (owner: string) => `<sst xmlns="${MAIN}"><si><t>Owner</t></si><si><t>${owner}</t></si></sst>`;
    const sheet = `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>`;
    writeFileSync(path, book({ strings: strings('Ann'), sheet }));
    expect((await read(path)).records[0].record).toEqual(['Ann']);
    expect((await read(path)).records[0].record).toEqual(['Ann']);
    writeFileSync(path, book({ strings: strings('Bo Chen'), sheet }));
    expect((await read(path)).records[0].record).toEqual(['Bo Chen']);
  });
});

describe('cells that cannot be read reject their row, and the rest is read', () => {
  it('a cell right of XFD, a shared string that does not exist, a text over 1 MiB', async () => {
    const long = 'x'.repeat(1024 * 1024 + 1);
    const path = write(
      book({
        strings: `<sst xmlns="${MAIN}"><si><t>Owner</t></si><si><t>${long}</t></si></sst>`,
        sheet:
          header +
          `<row r="2">${inline('A2', 'Ann')}<c r="XFE2"><v>1</v></c></row>` +
          `<row r="3">${inline('A3', 'Ben')}<c r="B3" t="s"><v>7</v></c></row>` +
          `<row r="4">${inline('A4', 'Cara')}<c r="B4" t="s"><v>1</v></c></row>` +
          `<row r="5">${inline('A5', 'Dan')}<c r="B5" t="inlineStr"><is><t>${long}</t></is></c></row>` +
          `<row r="6">${inline('A6', 'Eve')}<c r="B6"><v>6</v></c></row>` +
          `<row r="7">${inline('A7', 'Fay')}<c r="B7" t="s"/><c r="C7" t="s"><v></v></c></row>`,
      }),
    );
    const r = await read(path);
    expect(r.rejects).toEqual([
      { line: 2, reason: 'cell XFE2 is right of the last column a sheet can have (XFD)', code: 'XLSX_BAD_CELL' },
      { line: 3, reason: 'cell B3 refers to shared string 7, which the workbook does not have', code: 'XLSX_BAD_CELL' },
      { line: 4, reason: 'cell B4 holds more than 1 MiB of text', code: 'XLSX_CELL_TOO_LONG' },
      { line: 5, reason: 'cell B5 holds more than 1 MiB of text', code: 'XLSX_CELL_TOO_LONG' },
    ]);
    // A shared string cell without an index is empty, not the first string.
    expect(r.records).toEqual([
      { record: ['Eve', '6'], line: 6 },
      { record: ['Fay'], line: 7 },
    ]);
  });

  it('the header row: an error naming the cell', async () => {
    const err = await failure(read(write(book({ sheet: `<row r="3"><c r="A3" t="s"><v>0</v></c></row>` }))));
    expect(err.message).toBe('the header row cannot be read: cell A3 refers to shared string 0, which the workbook does not have');
    expect(err.where).toEqual({ file: 'book.xlsx', line: 3 });
  });
});

describe('damaged and hostile workbooks: a FunnelError naming the file and the part', () => {
  it.each([
    ['a tag closed by another', `<row r="1"><c r="A1"><v>1</c></v></row>`, 'xl/worksheets/sheet1.xml: not well-formed XML: <v> is closed by </c>'],
    ['the part cut short', `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>`, 'xl/worksheets/sheet1.xml: not well-formed XML: <row> is not closed'],
    ['a bare ampersand', `<row r="1">${inline('A1', 'Ann & Lee')}</row>`, 'xl/worksheets/sheet1.xml: not well-formed XML: a bare "&" (write &amp;)'],
    [
      'a DOCTYPE (how an entity expansion bomb starts)',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet xmlns="${MAIN}"><sheetData/></worksheet>`,
      'xl/worksheets/sheet1.xml: not well-formed XML: a DOCTYPE declaration (a workbook has none)',
    ],
  ])('%s', async (_what, sheet, message) => {
    const err = await failure(read(write(book({ sheet }))));
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.message).toBe(`cannot read the workbook: ${message}`);
    expect(err.where).toEqual({ file: 'book.xlsx' });
  });

  it('bytes that are not UTF-8', async () => {
    const sheet = Buffer.concat([Buffer.from(`<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('</t></is></c></row></sheetData></worksheet>')]);
    const bytes = zip([
      ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
      ['xl/worksheets/sheet1.xml', sheet],
    ]);
    const err = await failure(read(write(bytes)));
    expect(err.message).toBe('cannot read the workbook: xl/worksheets/sheet1.xml: not valid UTF-8');
  });

  it('a part that inflates past the size its directory declares is stopped there', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, 'Ann')}</row>`).join('');
    const err = await failure(read(write(book({ sheet: header + rows }, { declared: { 'xl/worksheets/sheet1.xml': 1000 } }))));
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.message).toBe('cannot read the workbook: xl/worksheets/sheet1.xml: damaged (the part inflates past the 1000 bytes the archive declares for it)');
  });

  it('shared strings declared at 4 GB in a small file (the directory is checked before inflating)', async () => {
    const strings = `<sst xmlns="${MAIN}"><si><t>Owner</t></si></sst>`;
    const err = await failure(read(write(book({ strings, sheet: header }, { declared: { 'xl/sharedStrings.xml': 4_000_000_000 } }))));
    expect(err.code).toBe('INPUT_TOO_LARGE');
    expect(err.message).toBe(
      'the workbook is too large to read safely: xl/sharedStrings.xml would inflate to 3815 MiB, over the limit of 512 MiB for the shared strings, which are held in memory (a quarter of --max-decompressed-size)',
    );
    expect(err.where).toEqual({ file: 'book.xlsx' });
    expect(err.hint).toBe('a file this compressed is usually a zip bomb; if the workbook is genuine, raise the limit (--max-decompressed-size 8GiB) or save the sheet as CSV');
  });

  it('a zip bomb: 64 MiB of shared strings stored in a few KiB is refused before it is inflated', async () => {
    const item = '<si><t>lol</t></si>';
    const xml = Buffer.from(`<sst xmlns="${MAIN}">${item.repeat(Math.ceil((64 * 1024 * 1024) / item.length))}</sst>`);
    const bomb = zip(
      [
        ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`],
        [
          'xl/_rels/workbook.xml.rels',
          `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        ],
        ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData>${header}</sheetData></worksheet>`],
        ['xl/sharedStrings.xml', xml],
      ],
      { isDeflated: true },
    );
    expect(bomb.length).toBeLessThan(200 * 1024);
    const err = await failure(read(write(bomb)));
    expect(err.message).toMatch(/^the workbook is too large to read safely: xl\/sharedStrings\.xml would inflate to 64 MiB from \d+ KiB, \d{3,4} times its size, over the limit of 100 times \(--max-compression-ratio\)$/);
    expect(err.code).toBe('INPUT_TOO_LARGE');
  });

  it('limits passed by the caller: a sheet over maxInputSize, shared strings over a quarter of it', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, 'Ann')}</row>`).join('');
    const strings = `<sst xmlns="${MAIN}">${'<si><t>Owner</t></si>'.repeat(2_000)}</sst>`;
    const path = write(book({ sheet: header + rows, strings }));
    const src = (over: Partial<XlsxSource>): XlsxSource => ({ path, display: 'book.xlsx', ...over });
    const meta = () => ({ format: 'xlsx', encoding: 'utf-8', delimiter: null, compression: null, sheet: null, hiddenColumns: [], headers: [], dateFormats: {}, warnings: [] }) as FileMeta;
    const sink = { header() {}, record() {}, reject() {} };
    const big = await failure(readXlsx(src({ maxInputSize: 200_000 }), meta(), sink));
    expect(big.message).toMatch(/^the workbook is too large to read safely: xl\/worksheets\/sheet1\.xml would inflate to \d{3} KiB, over the limit of 195 KiB for one part \(--max-decompressed-size\)$/);
    // 2,000 shared strings are 41 KiB: over a quarter of 160,000 bytes (39 KiB).
    const strs = await failure(readXlsx(src({ maxInputSize: 160_000 }), meta(), sink));
    expect(strs.message).toBe(
      'the workbook is too large to read safely: xl/sharedStrings.xml would inflate to 41 KiB, over the limit of 39 KiB for the shared strings, which are held in memory (a quarter of --max-decompressed-size)',
    );
    let records = 0;
    await readXlsx(src({ maxInputSize: 1_000_000 }), meta(), { header() {}, record: () => records++, reject() {} });
    expect(records).toBe(5_000);
  });
});
