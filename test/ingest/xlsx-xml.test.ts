// The XML scanner behind the XLSX reader: events as a parser must give them, whatever the
// chunk boundaries, and errors for what is not well-formed.
import { describe, expect, it } from 'vitest';
import { XmlError, XmlScanner, type XmlHandler } from '../../src/ingest/xlsx/xml.js';

/** Events of `xml` fed in chunks of `size` characters; text pieces of one node joined. */
function events(xml: string, size = xml.length, attrNames: string[] = ['r', 't', 's', 'id', 'a', 'b']): string[] {
  const out: string[] = [];
  const scanner = new XmlScanner({
    open(name, attrs, isEmpty) {
      const shown = attrNames.flatMap((a) => (attrs.get(a) === undefined ? [] : [`${a}=${JSON.stringify(attrs.get(a))}`]));
      out.push(`<${name}${shown.map((a) => ` ${a}`).join('')}${isEmpty ? '/' : ''}>`);
    },
    close(name) {
      out.push(`</${name}>`);
    },
    text(text) {
      const last = out.length - 1;
      if (last >= 0 && out[last].startsWith('"')) out[last] = JSON.stringify(JSON.parse(out[last]) + text);
      else out.push(JSON.stringify(text));
    },
  });
  for (let i = 0; i < xml.length; i += size) scanner.write(xml.slice(i, i + size));
  scanner.end();
  return out;
}

const DOC =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- a comment with <tags> and -- inside -->` +
  `<x:worksheet xmlns:x="urn:main" xmlns:r="urn:rel"><x:sheetData>` +
  `<x:row r="1" spans="1:2"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve">a &amp; b &lt;&gt; &#233;&#x1F600; &quot;&apos;</x:t></x:is></x:c>` +
  `<x:c r='B1' s = "2" ><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t><![CDATA[<not a tag> & ]] >]]></x:t></x:is></x:c></x:row>` +
  `<x:row r="2"/><x:row r="3"><x:c r="A3"><x:f>SUM(A1:A2)&gt;0</x:f><x:v>1</x:v></x:c></x:row>` +
  `<x:sheet r:id="rId1" a="x&gt;y" b="tab\there\r\nline"/>` +
  `line one\r\nline two\rthree` +
  `</x:sheetData></x:worksheet>\n`;

const EXPECTED = [
  '<worksheet>',
  '<sheetData>',
  '<row r="1">',
  '<c r="A1" t="inlineStr">',
  '<is>',
  '<t>',
  JSON.stringify(`a & b <> é😀 "'`),
  '</t>',
  '</is>',
  '</c>',
  '<c r="B1" s="2">',
  '<v>',
  '"0"',
  '</v>',
  '</c>',
  '<c r="C1" t="inlineStr">',
  '<is>',
  '<t>',
  JSON.stringify('<not a tag> & ]] >'),
  '</t>',
  '</is>',
  '</c>',
  '</row>',
  '<row r="2"/>',
  '<row r="3">',
  '<c r="A3">',
  '<f>',
  '"SUM(A1:A2)>0"',
  '</f>',
  '<v>',
  '"1"',
  '</v>',
  '</c>',
  '</row>',
  // Prefixed attributes by local name (xmlns:r is no attribute); whitespace characters in
  // attribute values become spaces, a line end one space.
  '<sheet id="rId1" a="x>y" b="tab here line"/>',
  JSON.stringify('line one\nline two\nthree'),
  '</sheetData>',
  '</worksheet>',
];

describe('XmlScanner', () => {
  it('gives the events of a document: prefixes dropped, entities and CDATA decoded, comments skipped, CRLF as LF', () => {
    expect(events(DOC)).toEqual(EXPECTED);
  });

  it.each([1, 2, 3, 5, 7, 13, 64])('the same events in chunks of %i characters', (size) => {
    expect(events(DOC, size)).toEqual(EXPECTED);
  });

  it('a > inside an attribute value does not end the tag', () => {
    expect(events('<a b="1>2" t=\'x"y\'/>')).toEqual(['<a t="x\\"y" b="1>2"/>']);
  });

  it.each([
    ['<a><b></a></b>', '<b> is closed by </a>'],
    ['<a></a></a>', '</a> closes nothing'],
    ['<a><b>', '<b> is not closed'],
    ['<a/><b/>', 'a second root element'],
    ['text<a/>', 'text outside the root element'],
    ['<a b=c/>', 'attribute b of <a> is not quoted'],
    ['<a b/>', 'a bad attribute b in <a>'],
    ['<a>&nbsp;</a>', 'a bare "&" (write &amp;)'],
    ['<a>&#0;</a>', 'a bad character reference &#0;'],
    ['<a>x & y</a>', 'a bare "&" (write &amp;)'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'a DOCTYPE declaration (a workbook has none)'],
    ['<a><![CDATA[x</a>', 'a CDATA section is not closed'],
    ['<a><!-- x </a>', 'a comment is not closed'],
    ['<a><b', 'the document ends inside a tag'],
    ['', 'no root element'],
    ['<a></b >', '<a> is closed by </b>'],
    ['<ab></a>', '<ab> is closed by </a>'],
  ])('%j: %s', (xml, message) => {
    for (const size of [xml.length || 1, 1]) {
      expect(() => events(xml, size)).toThrow(XmlError);
      expect(() => events(xml, size)).toThrow(message);
    }
  });

  it('a tag longer than 1 MiB is an error, not a buffer that grows with the input', () => {
    const scanner = new XmlScanner({ open() {}, close() {}, text() {} });
    scanner.write('<a><b c="');
    expect(() => {
      for (let i = 0; i < 20; i++) scanner.write('x'.repeat(64 * 1024));
    }).toThrow('a tag longer than 1 MiB');
  });

  it('long text and CDATA arrive in pieces as they are scanned', () => {
    const pieces: number[] = [];
    const scanner = new XmlScanner({ open() {}, close() {}, text: (t) => pieces.push(t.length) });
    scanner.write('<a><![CDATA[');
    for (let i = 0; i < 40; i++) scanner.write('y'.repeat(64 * 1024));
    scanner.write(']]>');
    for (let i = 0; i < 40; i++) scanner.write('z'.repeat(64 * 1024));
    scanner.write('</a>');
    scanner.end();
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(80 * 64 * 1024);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(64 * 1024 + 2);
  });

  describe('cells read whole (the cell handler) or tag by tag give the same cells', () => {
    const SHEET =
      `<x:worksheet xmlns:x="urn:main"><x:sheetData><x:row r="1">` +
      `<x:c r="A1"/><x:c r="B1"><x:v>1</x:v></x:c><x:c r="C1" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c>` +
      `<x:c r="D1"><x:f t="shared" si="0"/><x:v>3</x:v></x:c><x:c r="E1"><x:v xml:space="preserve"> 4</x:v></x:c><x:c r="F1"><x:v/></x:c>` +
      `<x:c r="G1"> <x:v>5</x:v> </x:c><x:c r="H1" t="inlineStr"><x:is><x:t>in</x:t></x:is></x:c><x:c r="I1"><x:v>a&amp;b&#65;</x:v></x:c>` +
      `<x:c r="J1"><x:v><![CDATA[<z>]]></x:v></x:c><x:c r="K1"><!-- note --><x:v>6</x:v></x:c><x:c r="L1"><x:f>1</x:f></x:c>` +
      `</x:row></x:sheetData></x:worksheet>`;
    const EXPECTED_CELLS = ['A1=null', 'B1="1"', 'C1="ab"', 'D1="3"', 'E1=" 4"', 'F1=""', 'G1="5"', 'H1=null', 'I1="a&bA"', 'J1="<z>"', 'K1="6"', 'L1=null'];

    /** The cells of SHEET: each cell's r and the text of its <v> (null without one). */
    function cells(size: number, isWhole: boolean): { cells: string[]; whole: number } {
      const out: string[] = [];
      let whole = 0;
      let ref = '';
      let value: string | null = null;
      let isInV = false;
      const handler: XmlHandler = {
        open(name, attrs, isEmpty) {
          if (name === 'c') [ref, value] = [attrs.get('r') ?? '', null];
          if (name === 'v') [isInV, value] = [!isEmpty, value ?? ''];
          if (name === 'c' && isEmpty) out.push(`${ref}=null`);
        },
        close(name) {
          if (name === 'v') isInV = false;
          if (name === 'c') out.push(`${ref}=${JSON.stringify(value)}`);
        },
        text(text) {
          if (isInV) value += text;
        },
      };
      if (isWhole) {
        handler.cell = (c) => {
          whole++;
          const v = c.v < 0 ? null : (c.text ?? c.s.slice(c.v, c.vEnd));
          out.push(`${c.s.slice(c.r, c.rEnd)}=${JSON.stringify(v)}`);
        };
      }
      const scanner = new XmlScanner(handler);
      for (let i = 0; i < SHEET.length; i += size) scanner.write(SHEET.slice(i, i + size));
      scanner.end();
      return { cells: out, whole };
    }

    it.each([1, 7, 64, 100_000])('in chunks of %i characters', (size) => {
      expect(cells(size, false).cells).toEqual(EXPECTED_CELLS);
      expect(cells(size, true).cells).toEqual(EXPECTED_CELLS);
    });

    it('the common shapes are read whole when they fit in the chunk, the others tag by tag', () => {
      // A1 (empty), B1, C1, D1, E1 (a <v> with an attribute), F1 (<v/>), I1 (entities), L1 (formula only).
      expect(cells(100_000, true).whole).toBe(8);
      expect(cells(1, true).whole).toBe(1);
    });
  });
});

