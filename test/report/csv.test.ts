// CSV output: RFC 4180 quoting and formula injection. A cell a spreadsheet would run as a
// formula (= + - @ tab CR, and NUL) gets a leading apostrophe; numbers stay numbers.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderReportCsv, toCsv } from '../../src/report/csv.js';
import { report } from './fixtures.js';

const cell = (value: string | number | null) => toCsv(['h'], [[value]]).split('\r\n')[1];

describe('toCsv', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['\0x', "'\0x"],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])('neutralises %j', (input, expected) => {
    expect(cell(input)).toBe(expected);
  });

  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['a=b', 'a=b'],
    ['O\'Brien - Sales', "O'Brien - Sales"],
    ['semi;colon', 'semi;colon'],
  ])('leaves %j alone', (input, expected) => {
    expect(cell(input)).toBe(expected);
  });

  it('keeps numbers as numbers, negative ones too, and null as an empty cell', () => {
    expect(cell(-3)).toBe('-3');
    expect(cell(57.142857142857146)).toBe('57.142857142857146');
    expect(cell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks per RFC 4180 and ends records with CRLF', () => {
    const text = toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 'ok']]);
    expect(text).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",ok\r\n');
    expect(parse(text)).toEqual([['a', 'b'], ['x,y', 'say "hi"'], ['line\nbreak', 'ok']]);
  });
});

describe('renderReportCsv', () => {
  it('guards a rep name that is a formula, and it reads back intact but for the apostrophe', () => {
    const rows = parse(renderReportCsv(report()), { columns: true }) as Record<string, string>[];
    const names = [...new Set(rows.map((r) => r.rep))];
    expect(names).toContain('\'=HYPERLINK("http://evil.example","Jordan") | `Ellis` <b>');
    expect(names.every((n) => !/^[=+\-@\t\r\0]/.test(n))).toBe(true);
  });

  it('writes one row per rep and stage', () => {
    const doc = report();
    const rows = parse(renderReportCsv(doc), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(doc.reps.length * doc.stages.length);
    // Aisha has reached her goal: nothing remains and there is no shortfall, whatever the pace.
    expect(rows[0]).toMatchObject({ rep: 'Aisha Bello', status: 'reached', stage: 'dial', done: '226', required: '626', remaining: '0', shortfall_gap: '' });
    // Kenji: ceil(4 × 121.116) = 485 dials, on pace for 90 × 20 / 13 = 138.46: 347 short.
    expect(rows.find((r) => r.rep === 'Kenji Watanabe' && r.stage === 'dial')).toMatchObject({ required: '485', shortfall_gap: '347', shortfall_severity: 'critical', beyond_history: 'yes' });
  });
});
