// The sheet reader reads most cells in place (src/ingest/xlsx/cell-scan.ts and sheet.ts); the
// reader before it, kept in test/ingest/xlsx-reference/, is the reference. Sheets full of the
// format's variants (every cell type, shared strings valid and not, inline strings with rich text
// and phonetic runs, empty cells and <v/>, missing `r`, prefixes, entities and CRs, formulas,
// comments, CDATA, odd spacing, attributes in any order, repeated or prefixed, values past
// XFD or over the size limit, dates in both systems) and damaged ones are read by both, in
// chunks from 1 character up, and must give the same rows, line numbers, problems and errors.
// FUNNEL_FUZZ_SEEDS sets how many random sheets (default 300).
import { describe, expect, it } from 'vitest';
import type { Book } from '../../src/ingest/xlsx/book.js';
import { sheetHandler } from '../../src/ingest/xlsx/sheet.js';
import { XmlScanner } from '../../src/ingest/xlsx/xml.js';
import { readSheetText } from './xlsx-reference/sheet.js';
import { rng } from '../random.js';

const SEEDS = Number(process.env.FUNNEL_FUZZ_SEEDS ?? 300);

/** Cells the sheet reader was handed read whole (in place) and tag by tag, over all reads. */
const seen = { whole: 0, byTag: 0 };

/** What a sheet reader gives: the hidden columns, then each row; or the error it stops with. */
function read(xml: string, chunk: number, book: Book, isReference: boolean): string[] {
  const out: string[] = [];
  const rows = {
    hidden: (columns: Set<number>) => void out.push(`hidden ${[...columns].join(',')}`),
    row: (cells: string[], line: number, problem: { reason: string; code: string } | null) => void out.push(JSON.stringify([line, cells, problem])),
  };
  try {
    if (isReference) {
      readSheetText(xml, chunk, book, rows);
    } else {
      const handler = sheetHandler(book, rows);
      const cell = handler.cell?.bind(handler);
      const open = handler.open.bind(handler);
      handler.cell = (c) => {
        seen.whole++;
        cell?.(c);
      };
      handler.open = (name, attrs, isEmpty) => {
        if (name === 'c') seen.byTag++;
        open(name, attrs, isEmpty);
      };
      const scanner = new XmlScanner(handler);
      for (let i = 0; i < xml.length; i += chunk) scanner.write(xml.slice(i, i + chunk));
      scanner.end();
      handler.end();
    }
  } catch (err) {
    out.push(`error ${(err as Error).constructor.name}: ${(err as Error).message}`);
  }
  return out;
}

function expectSame(xml: string, book: Book, chunks: number[]): void {
  for (const chunk of chunks) {
    const reference = read(xml, chunk, book, true);
    expect(read(xml, chunk, book, false), `chunks of ${chunk}: ${xml.slice(0, 400)}`).toEqual(reference);
  }
}

const BOOK: Book = {
  sheets: [],
  date1904: false,
  // Style 1: a date and time, 2: a time, 3: elapsed, 4: a number format, 5: a date (built-in 14).
  formats: [undefined, 'yyyy-mm-dd hh:mm', 'h:mm:ss', '[h]:mm', '#,##0.00', 'mm-dd-yy'],
  strings: ['Ann Lee', ' padded ', '', 'a & b', 'x_x000D_y', null, 'call', '   ', 'Łódź 東京'],
};

const sheet = (rows: string, p = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="urn:main">` +
  `<${p}cols><${p}col min="2" max="3" hidden="1"/></${p}cols><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;

describe('the sheet reader gives the rows the reference reader gives', () => {
  it.each([
    ['numbers, shared strings, booleans, errors, dates', '<row r="1"><c r="A1"><v>42</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" s="1"><v>46163.58194444444</v></c><c r="F1" s="1"><v>46302.424305555556</v></c></row>'],
    ['whole numbers and their text', '<row r="1"><c><v>007</v></c><c><v>0</v></c><c><v>123456789012</v></c><c><v>1234567890123</v></c><c><v>123456789012345</v></c><c><v>1234567890123456</v></c><c><v>5805028000056865000</v></c><c><v>-3</v></c><c><v>1e3</v></c><c><v> 5 </v></c><c><v>1.50</v></c><c><v>.5</v></c><c><v>5.</v></c><c><v>abc</v></c></row>'],
    ['dates written every way', '<row r="1"><c s="1"><v>0</v></c><c s="2"><v>0.5</v></c><c s="3"><v>1.25</v></c><c s="5"><v>45000</v></c><c s="1"><v>45000.99999999</v></c><c s="1"><v>007.5</v></c><c s="1"><v>1.</v></c><c s="1"><v>.</v></c><c s="4"><v>1250.5</v></c><c s="9"><v>3</v></c><c s="x"><v>3</v></c><c s="1"><v>123456789.0123456789</v></c><c s="1"><v>0.0000000000000000000000001</v></c></row>'],
    ['shared strings: blank, padded, missing, written oddly', '<row r="1"><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>7</v></c><c t="s"><v>8</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row><row r="2"><c t="s"><v> 0 </v></c><c t="s"><v>00</v></c><c t="s"><v>1.0</v></c></row><row r="3"><c t="s"><v>99</v></c></row><row r="4"><c t="s"><v></v></c><c t="s"/><c t="s"><v>x</v></c></row><row r="5"><c t="s"><v>5</v></c></row><row r="6"><c t="s"><v>1234567890</v></c></row>'],
    ['types written with entities or spaces', '<row r="1"><c t="&#115;"><v>0</v></c><c t=" s"><v>0</v></c><c t="s\t"><v>0</v></c><c t=""><v>4</v></c><c t="n"><v>5</v></c><c t="zz"><v>6</v></c><c t="d"><v>2026-11-18T10:30:00</v></c><c t="d"><v>10:30</v></c><c t="str"><v>a_x000D_b</v></c><c t="b"><v>true</v></c><c t="b"><v>2</v></c></row>'],
    ['inline strings, rich text, phonetic runs', '<row r="1"><c t="inlineStr"><is><t>plain</t></is></c><c t="inlineStr"><is><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r></is></c><c t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c><c t="inlineStr"><v>as v</v></c><c t="inlineStr"/></row>'],
    ['empty cells, <v/>, formulas', '<row r="1"><c r="A1"/><c r="B1"><v/></c><c r="C1"><f>SUM(1,2)</f><v>3</v></c><c r="D1"><f t="shared" si="0"/><v>0</v></c><c r="E1"><f>1</f></c><c r="F1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="G1"><f/></c></row>'],
    ['missing and odd references', '<row><c><v>1</v></c><c r="C"><v>2</v></c><c><v>3</v></c><c r="&#65;1"><v>4</v></c><c r="b1"><v>5</v></c><c r="1"><v>6</v></c></row><row><c r="B7"><v>7</v></c></row><row r="10"><c r="A10"><v>8</v></c></row><row r="x"><c><v>9</v></c></row><row r="&#49;2"><c><v>10</v></c></row><row r="0012"><c><v>11</v></c></row>' +
        '<row spans="1:2" r="20" r="21"><c><v>12</v></c></row><row xmlns:r="urn:r" r="22"><c><v>13</v></c></row><row x:r="23"><c><v>14</v></c></row>' +
        '<row r = \'24\' ><c><v>15</v></c></row><row r="25"/><row r="1234567890123456"><c><v>16</v></c></row><row r="26" ><c><v>17</v></c></row ><row\nr="27"><c><v>18</v></c></row>'],
    ['past XFD', '<row r="1"><c r="XFD1"><v>1</v></c></row><row r="2"><c r="XFE2"><v>1</v></c><c r="A2"><v>2</v></c></row><row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>'],
    ['entities and line ends in values', '<row r="1"><c t="str"><v>a &amp; b</v></c><c t="str"><v>line\r\nbreak\rx</v></c><c><v>&#49;2</v></c><c t="s"><v>&#49;</v></c><c t="e"><v>#DIV/0!</v></c></row>'],
    ['spacing, quotes, attribute order, repeats, prefixes, namespaces', '<row r="1"><c  r = \'A1\'  t="s" ><v>0</v></c><c s="1" t="n" r="B1"><v>45000</v></c><c r="C1" r="Z1"><v>3</v></c><c x:r="D1" xmlns:x="urn:x"><v>4</v></c><c xmlns:r="urn:r" r="E1"><v>5</v></c><c xmlns="urn:main" r="F1"><v>6</v></c><c r="G1"> <v>7</v> </c><c r="H1"><v >8</v ></c><c r="I1"><v xml:space="preserve"> 9 </v></c><c r="J1"><!-- c --><v>10</v></c><c r="K1"><v><![CDATA[<11>]]></v></c><c r="L1"><v>12</v></c ></row>'],
    ['a row end inside a comment, CDATA and an attribute', '<row r="1"><c r="A1"><v>1</v></c><!-- </row> --><c r="B1"><v>2</v></c></row><row r="2"><c r="A2" t="str"><v><![CDATA[x</row>y]]></v></c><c r="B2"><v>3</v></c></row><row r="3"><c r="A3"><v>4</v></c><ext a="</row>"/><c r="B3"><v>5</v></c></row><row r="4"><c r="A4"><v>6</v></c></row>'],
    ['trailing blank cells and text right of the table', '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>7</v></c><c t="s"><v>2</v></c></row><row r="2"><c t="str"><v>  </v></c><c t="str"><v>x</v></c></row><row r="3"/>'],
  ])('%s', (_name, rows) => {
    for (const p of ['', 'x:']) {
      const xml = sheet(p ? rows.replace(/<(\/?)(?!!)/g, `<$1${p}`) : rows, p);
      expectSame(xml, BOOK, [xml.length, 1, 2, 3, 7, 64]);
    }
  });

  it('cells over the size limit: in shared strings, <v>, inline text and with entities', () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    const xml = sheet(
      `<row r="1"><c t="s"><v>5</v></c><c t="s"><v>0</v></c></row><row r="2"><c t="str"><v>${big}</v></c></row>` +
        `<row r="3"><c t="inlineStr"><is><t>${big}</t></is></c></row><row r="4"><c t="str"><v>&amp;${big}</v></c></row><row r="5"><c><v>1</v></c></row>` +
        // Digits a date could be read from, but too many: the cell is rejected all the same.
        `<row r="6"><c r="A6" s="1"><v>${'0'.repeat(1024 * 1024)}1</v></c><c r="B6" t="s"><v>${'0'.repeat(1024 * 1024)}1</v></c></row><row r="7"><c r="A7" t="s"><v>${'0'.repeat(1024 * 1024)}1</v></c></row>`,
    );
    expectSame(xml, BOOK, [xml.length, 64 * 1024, 1000]);
  });

  it('the 1904 date system', () => {
    const xml = sheet('<row r="1"><c s="1"><v>0</v></c><c s="5"><v>45000.5</v></c></row>');
    expectSame(xml, { ...BOOK, date1904: true }, [xml.length, 5]);
  });

  it.each([
    ['a bare & in a value', '<row r="1"><c><v>a & b</v></c></row>'],
    ['a bad character reference', '<row r="1"><c><v>&#0;</v></c></row>'],
    ['a bare & in a formula', '<row r="1"><c><f>1 & 2</f><v>3</v></c></row>'],
    ['a bare & in a type', '<row r="1"><c t="&x"><v>3</v></c></row>'],
    ['a cell not closed', '<row r="1"><c><v>1</v></row>'],
    ['a value closed by another tag', '<row r="1"><c><v>1</f></c></row>'],
    ['an unquoted attribute', '<row r="1"><c r=A1><v>1</v></c></row>'],
    ['an attribute without a value', '<row r="1"><c r><v>1</v></c></row>'],
    ['a bad empty tag', '<row r="1"><c r="A1"/ ><v>1</v></c></row>'],
    ['a DOCTYPE', '<row r="1"><c><v>1</v></c></row><!DOCTYPE x>'],
  ])('%s: the same error', (_name, rows) => {
    const xml = sheet(rows);
    expectSame(xml, BOOK, [xml.length, 1, 5]);
    expect(read(xml, xml.length, BOOK, false).at(-1)).toMatch(/^error XmlError: /);
  });

  it(`${SEEDS} random sheets, in random chunks`, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { xml, book, chunk } = randomSheet(seed);
      for (const size of [xml.length, chunk]) {
        const reference = read(xml, size, book, true);
        const actual = read(xml, size, book, false);
        if (JSON.stringify(actual) !== JSON.stringify(reference)) {
          failures.push(`seed ${seed} (chunks of ${size}): ${xml.slice(0, 600)}\n  reference: ${reference.slice(0, 4).join(' | ')}\n  actual:    ${actual.slice(0, 4).join(' | ')}`);
          break;
        }
      }
      if (failures.length >= 3) break;
    }
    expect(failures).toEqual([]);
  });

  it('the random sheets hold what they are meant to test', () => {
    // A generator that stopped producing rows would make the comparison above pass vacuously.
    let rows = 0;
    let errors = 0;
    let problems = 0;
    seen.whole = 0;
    seen.byTag = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const { xml, book } = randomSheet(seed);
      const out = read(xml, xml.length, book, false);
      rows += out.filter((l) => l.startsWith('[')).length;
      errors += out.filter((l) => l.startsWith('error')).length;
      problems += out.filter((l) => l.includes('"code"')).length;
    }
    expect(rows).toBeGreaterThan(250);
    expect(errors).toBeGreaterThan(2);
    expect(problems).toBeGreaterThan(10);
    // Both ways of reading a cell are exercised, the one in place most.
    expect(seen.whole).toBeGreaterThan(600);
    expect(seen.byTag).toBeGreaterThan(100);
  });
});
describe('date serials with more digits than a double holds exactly', () => {
  it('give the text Number() gives them, near half a millisecond too', () => {
    const r = rng(7);
    const serials: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const whole = String(Math.floor(r() * (i % 3 === 0 ? 200_000 : 60_000)));
      const decimals = 4 + Math.floor(r() * 12);
      let fraction = '';
      if (i % 2 === 0) {
        // Within half a millisecond of half a second (rounded to 500 ms, the text shows the
        // next second; to 499 ms, this one), some within a hair of 499.5 ms: the products that
        // round either way.
        const ms = Math.floor(r() * 86_400) * 1000 + 499.5 + (i % 8 === 0 ? (r() - 0.5) * 1e-6 : (r() - 0.5) * 0.98);
        fraction = (ms / 86_400_000).toFixed(Math.max(decimals, 8)).slice(2);
      } else {
        for (let k = 0; k < decimals; k++) fraction += String(Math.floor(r() * 10));
      }
      serials.push(`${whole}.${fraction}`);
    }
    const rows = [];
    for (let i = 0; i < serials.length; i += 6) {
      const line = i / 6 + 1;
      rows.push(`<row r="${line}">${serials.slice(i, i + 6).map((v, k) => `<c r="${'ABCDEF'[k]}${line}" s="${1 + (k % 3)}"><v>${v}</v></c>`).join('')}</row>`);
    }
    expectSame(sheet(rows.join('')), BOOK, [1_000_000]);
    expectSame(sheet(rows.join('')), { ...BOOK, date1904: true }, [1_000_000]);
  });
});

/** A sheet of random rows and cells in the format's variants; one in ten is damaged somewhere. */
function randomSheet(seed: number): { xml: string; book: Book; chunk: number } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const p = r() < 0.25 ? pick(['x:', 'main:']) : '';
  const strings: (string | null)[] = Array.from({ length: 12 }, (_v, i) => pick(['Ann', ' sp ', '', '  ', 'a&b', `s${i}`, 'x_x000D_y', '東京', null]));
  const book: Book = { sheets: [], date1904: r() < 0.2, formats: [undefined, 'yyyy-mm-dd hh:mm', 'h:mm', '[h]:mm:ss', '0.00', 'd-mmm-yy'], strings };
  const numbers = ['0', '7', '42', '007', '-3', '1.5', '46163.58194444444', '46302.424305555556', '0.5', '1e3', ' 4 ', '', '123456789012', '1234567890123', '123456789012345', '9999999999999999', '5805028000056865000', '.5', '5.', 'abc', '&#49;', '4&#x35;', '45000.1\r\n'];
  const shared = ['0', '1', '2', '3', '11', '12', '99', ' 1', '1.0', '', 'x', '007', '&#50;'];
  const spaces = ['', '', '', ' ', '\n  ', '\t'];
  const value = (text: string) => pick([`<${p}v>${text}</${p}v>`, `<${p}v>${text}</${p}v>`, `<${p}v>${text}</${p}v>`, `<${p}v xml:space="preserve">${text}</${p}v>`, `<${p}v >${text}</${p}v >`]);
  const cellXml = (ref: string): string => {
    const attrs: string[] = [];
    if (ref) attrs.push(pick([`r="${ref}"`, `r="${ref}"`, `r='${ref}'`, `r = "${ref}"`, `x:r="${ref}"`]));
    const kind = pick(['n', 'n', 's', 's', 's', 'str', 'inlineStr', 'b', 'e', 'd', 'zz', 'entity']);
    let content = '';
    if (kind === 'n') {
      if (r() < 0.5) attrs.push(`s="${pick(['0', '1', '2', '3', '4', '5', '9', 'x', '01'])}"`);
      if (r() < 0.2) attrs.push('t="n"');
      content = value(pick(numbers));
    } else if (kind === 's' || kind === 'entity') {
      attrs.push(kind === 's' ? pick(['t="s"', "t='s'", 't = "s"']) : 't="&#115;"');
      content = value(pick(shared));
    } else if (kind === 'str') {
      attrs.push('t="str"');
      content = `<${p}f>${pick(['A1&amp;"x"', 'SUM(1,2)', ''])}</${p}f>${value(pick(['text', ' pad ', 'a &amp; b', 'x_x000D_', '', 'cr\rlf\r\n']))}`;
    } else if (kind === 'inlineStr') {
      attrs.push('t="inlineStr"');
      content = pick([
        `<${p}is><${p}t>${pick(['in', ' in ', '', 'a&amp;b'])}</${p}t></${p}is>`,
        `<${p}is><${p}r><${p}t>ri</${p}t></${p}r><${p}r><${p}t xml:space="preserve">ch </${p}t></${p}r></${p}is>`,
        `<${p}is><${p}t>漢字</${p}t><${p}rPh sb="0" eb="1"><${p}t>かん</${p}t></${p}rPh></${p}is>`,
        value('as v'),
      ]);
    } else if (kind === 'b') {
      attrs.push('t="b"');
      content = value(pick(['0', '1', 'true', 'x']));
    } else if (kind === 'e') {
      attrs.push('t="e"');
      content = value(pick(['#N/A', '#VALUE!', '#DIV/0!']));
    } else if (kind === 'd') {
      attrs.push('t="d"');
      content = value(pick(['2026-11-18', '2026-11-18T09:05:00Z', '09:05', 'junk']));
    } else {
      attrs.push(`t="${pick(['zz', '', ' s'])}"`);
      content = value('v');
    }
    if (r() < 0.15) content = pick([`<${p}f t="shared" si="0"/>`, `<${p}f>1+1</${p}f>`, `<${p}f/>`]) + content;
    if (r() < 0.05) attrs.push(pick(['xmlns:q="urn:q"', 'cm="1"', 'x:s="1"']));
    if (r() < 0.3) attrs.sort(() => r() - 0.5);
    const open = `<${p}c${attrs.length ? ' ' : ''}${attrs.join(pick([' ', ' ', '  ', '\n']))}`;
    const shape = r();
    if (shape < 0.1) return `${open}/>`;
    if (shape < 0.15) return `${open}><${p}v/></${p}c>`;
    if (shape < 0.18) return `${open}>${pick([' ', '<!-- n -->', `<${p}v><![CDATA[cd]]></${p}v>`])}${content}</${p}c>`;
    if (shape < 0.2) return `${open}>${content}</${p}c >`;
    return `${open}>${content}</${p}c>`;
  };
  const letters = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'XFD', 'XFE', 'a'];
  let rowsXml = '';
  let line = 0;
  const rowCount = 2 + Math.floor(r() * 12);
  for (let i = 0; i < rowCount; i++) {
    line += r() < 0.8 ? 1 : 2;
    const rowRef = pick([`${line}`, `${line}`, `${line}`, '', 'x', `&#49;${line}`]);
    let cells = '';
    const width = Math.floor(r() * 9);
    let col = 0;
    for (let k = 0; k < width; k++) {
      col += r() < 0.8 ? 1 : 2;
      const ref = r() < 0.15 ? '' : r() < 0.95 ? `${letters[Math.min(col - 1, 7)]}${line}` : pick(letters) + line;
      cells += cellXml(ref) + pick(spaces);
    }
    rowsXml += `<${p}row${rowRef ? ` r="${rowRef}"` : ''}${r() < 0.3 ? ' spans="1:8"' : ''}>${cells}</${p}row>${pick(spaces)}`;
  }
  let xml = sheet(rowsXml, p);
  if (r() < 0.1) {
    // Damage: a bare &, a cut-off end, an unclosed cell, a stray end tag.
    const at = Math.floor(r() * xml.length);
    xml = pick([xml.slice(0, at) + '&' + xml.slice(at), xml.slice(0, at), xml.replace(`</${p}c>`, ''), xml.replace(`</${p}v>`, `</${p}v></${p}x>`)]);
  }
  return { xml, book, chunk: 1 + Math.floor(r() * 200) };
}
