// End-to-end: the built binary on bad and edge-case input. Each case copies its fixture folder
// (test/e2e/fixtures/<case>/) to a temporary folder and runs there, so nothing is written into
// the repository. Expected numbers are counted by hand from the fixture files.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FIXTURES, funnel, json, tempDir, type RunResult } from './run.js';

const AS_OF = ['--as-of', '2026-11-18'];
const REPORT_JSON = ['report', ...AS_OF, '--format', 'json'];

/** A temporary copy of fixtures/<name>, plus `extra` files written into it. */
function fixture(name: string, extra: Record<string, string | Buffer> = {}): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  for (const [file, content] of Object.entries(extra)) writeFileSync(join(dir, file), content);
  return dir;
}

interface Accounting {
  rows: number;
  used: number;
  ignored: number;
  rejected: number;
}

/** rows = used + ignored + rejected, in total and per file, and the exact expected numbers. */
function expectAccounting(doc: any, total: Accounting & { duplicates?: number }, files: (Accounting & { path: string })[]): void {
  const input = doc.input;
  expect(input.rows).toBe(input.used + input.ignored + input.rejected);
  for (const f of input.files) expect(f.rows, f.path).toBe(f.used + f.ignored + f.rejected);
  expect({ rows: input.rows, used: input.used, ignored: input.ignored, rejected: input.rejected }).toEqual({
    rows: total.rows,
    used: total.used,
    ignored: total.ignored,
    rejected: total.rejected,
  });
  if (total.duplicates !== undefined) expect(input.duplicates).toBe(total.duplicates);
  expect(
    input.files.map((f: any) => ({ path: f.path, rows: f.rows, used: f.used, ignored: f.ignored, rejected: f.rejected })),
  ).toEqual(files);
}

/** Period counts of each rep, by name. */
function countsByRep(doc: any): Record<string, Record<string, number>> {
  return Object.fromEntries(doc.reps.map((r: any) => [r.rep, r.counts]));
}

/** The rejections `funnel inspect` lists for one file. */
async function inspectRejects(dir: string, file: string): Promise<{ line: number; reason: string }[]> {
  const r = await funnel(['inspect', file, '--format', 'json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return json(r).files[0].rejects;
}

function expectNoStackTrace(r: RunResult): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
}

describe('unreadable input files', () => {
  it('a source file that does not exist: exit 1, the message names the path', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('missing-file') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('calls.csv');
    expectNoStackTrace(r);
  });

  it('a positional file that does not exist: exit 1, the message names the path as given', async () => {
    const r = await funnel([...REPORT_JSON, 'exports/calls.csv'], { cwd: fixture('missing-file') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('exports/calls.csv');
  });

  it('inspect of a file that does not exist: exit 1, the message names the path', async () => {
    const r = await funnel(['inspect', 'nope.csv', '--format', 'json'], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nope.csv');
  });

  it('an empty file (0 bytes): exit 1, the message names the file', async () => {
    const dir = fixture('empty-file');
    expect(readFileSync(join(dir, 'calls.csv')).length).toBe(0);
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('calls.csv');
    expect(r.stderr).toMatch(/empty/i);
    expectNoStackTrace(r);
  });

  it('a header-only file: exit 0, no rows', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('header-only') });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expectAccounting(doc, { rows: 0, used: 0, ignored: 0, rejected: 0, duplicates: 0 }, [
      { path: 'calls.csv', rows: 0, used: 0, ignored: 0, rejected: 0 },
    ]);
    expect(doc.team.counts).toEqual({ dial: 0, appointment_set: 0, close: 0 });
    expect(doc.reps).toEqual([]);
  });

  it('binary garbage (a PNG header and bytes with NULs): exit 1, the message names the file', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const noise = Buffer.alloc(600);
    let x = 20261118;
    for (let i = 0; i < noise.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = (x >> 16) & 0xff;
    }
    const dir = fixture('binary', { 'calls.csv': Buffer.concat([png, noise]) });
    for (const args of [REPORT_JSON, ['inspect', 'calls.csv', '--format', 'json']]) {
      const r = await funnel(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('calls.csv');
      expectNoStackTrace(r);
    }
  });
});

describe('CSV records', () => {
  it('ragged rows: a short row is padded and used, a long row is rejected at its line', async () => {
    // calls.csv: header (6 fields) on line 1; line 3 has 5 fields (used), line 4 has 7 (rejected),
    // line 6 has 4 fields (used). Dials: Ann lines 2+3 = 2, Ben line 6 = 1; appointments: Ben line 5.
    const dir = fixture('ragged');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/calls\.csv:4\b.*7 fields, header has 6/);
    const doc = json(r);
    expectAccounting(doc, { rows: 5, used: 4, ignored: 0, rejected: 1 }, [
      { path: 'calls.csv', rows: 5, used: 4, ignored: 0, rejected: 1 },
    ]);
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 2, appointment_set: 0, close: 0 },
      'Ben Ortiz': { dial: 1, appointment_set: 1, close: 0 },
    });
    expect(await inspectRejects(dir, 'calls.csv')).toEqual([{ line: 4, reason: '7 fields, header has 6' }]);
  });

  it('an unclosed quote near the end: its line is rejected, the lines after it are read', async () => {
    // Lines 2 and 3 are used; the quote opened on line 4 never closes: line 4 is rejected and
    // reading goes on at line 5: 4 records, 1 rejected.
    const dir = fixture('unclosed-quote');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/calls\.csv:4\b.*quote/);
    const doc = json(r);
    expectAccounting(doc, { rows: 4, used: 3, ignored: 0, rejected: 1 }, [
      { path: 'calls.csv', rows: 4, used: 3, ignored: 0, rejected: 1 },
    ]);
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 2, appointment_set: 0, close: 0 },
      'Ben Ortiz': { dial: 1, appointment_set: 0, close: 0 },
    });
  });

  it('an unclosed quote in a CRLF file: same line and accounting', async () => {
    const text = readFileSync(join(FIXTURES, 'unclosed-quote', 'calls.csv'), 'utf8').replace(/\n/g, '\r\n');
    const dir = fixture('unclosed-quote', { 'calls.csv': text });
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/calls\.csv:4\b.*quote/);
    expectAccounting(json(r), { rows: 4, used: 3, ignored: 0, rejected: 1 }, [
      { path: 'calls.csv', rows: 4, used: 3, ignored: 0, rejected: 1 },
    ]);
  });

  it('an unclosed quote in a CRLF file: the reason names the line left out and where reading went on', async () => {
    const text = readFileSync(join(FIXTURES, 'unclosed-quote', 'calls.csv'), 'utf8').replace(/\n/g, '\r\n');
    const dir = fixture('unclosed-quote', { 'calls.csv': text });
    const [reject] = await inspectRejects(dir, 'calls.csv');
    expect(reject.line).toBe(4);
    expect(reject.reason).toBe('a quoted field is never closed (line 4 left out; reading went on at line 5)');
  });

  for (const eol of ['LF', 'CRLF'] as const) {
    it(`quoted fields with newlines and commas (${eol}): later rows keep their true line numbers`, async () => {
      // calls.csv: record 1 spans lines 2-3, record 2 is line 4, line 5 is blank, record 3 spans
      // lines 6-8, line 9 has 6 fields (rejected), line 10 has the date 2026-11-31 (rejected).
      const text = readFileSync(join(FIXTURES, 'multiline', 'calls.csv'), 'utf8');
      const dir = fixture('multiline', { 'calls.csv': eol === 'CRLF' ? text.replace(/\n/g, '\r\n') : text });
      const r = await funnel(REPORT_JSON, { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/calls\.csv:9\b.*6 fields, header has 5/);
      expect(r.stderr).toMatch(/calls\.csv:10\b.*2026-11-31/);
      const doc = json(r);
      expectAccounting(doc, { rows: 5, used: 3, ignored: 0, rejected: 2 }, [
        { path: 'calls.csv', rows: 5, used: 3, ignored: 0, rejected: 2 },
      ]);
      expect(countsByRep(doc)).toEqual({
        'Ann Lee': { dial: 2, appointment_set: 0, close: 0 },
        'Ben Ortiz': { dial: 1, appointment_set: 0, close: 0 },
      });
      const rejects = await inspectRejects(dir, 'calls.csv');
      expect(rejects.map((x) => x.line)).toEqual([9, 10]);
      expect(rejects[0].reason).toBe('6 fields, header has 5');
      expect(rejects[1].reason).toContain('2026-11-31');
    });
  }

  it('a quote inside an unquoted field is one record: rows and later line numbers stay right', async () => {
    // calls.csv has 3 records: line 2 (Ann "the" Lee, used or rejected), line 3 (clean, used),
    // line 4 (2026-11-31, rejected). Nothing may be reported at line 3, and rows must be 3.
    const dir = fixture('stray-quote');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.input.rows).toBe(3);
    expect(doc.input.rows).toBe(doc.input.used + doc.input.ignored + doc.input.rejected);
    const rejects = await inspectRejects(dir, 'calls.csv');
    expect(rejects.map((x) => x.line)).not.toContain(3);
    expect(rejects.find((x) => x.line === 4)?.reason).toContain('2026-11-31');
  });

  it('a column named in the config but absent from the file: exit 1, names the file', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('missing-column') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('calls.csv');
  });

  it('a column named in the config but absent from the file: names the column and the config key', async () => {
    // columns.rep is "Owner"; the header is Id,Date,Rep,Type.
    const r = await funnel(REPORT_JSON, { cwd: fixture('missing-column') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"Owner"');
    expect(r.stderr).toContain('sources[0].columns.rep');
    expectNoStackTrace(r);
  });

  it('duplicate header names: exit 1, names the file', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('duplicate-header') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('calls.csv');
  });

  it('duplicate header names: the message names the repeated column', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('duplicate-header') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Owner');
    expect(r.stderr).not.toMatch(/not valid utf-8/i);
    expectNoStackTrace(r);
  });
});

describe('dates and reps', () => {
  it('invalid dates are rejected with the value in the reason, with and without dateFormat', async () => {
    // calls.csv (ISO): line 3 is 2026-02-30. eu.csv (dd/MM/yyyy): line 3 is 31/02/2026 and
    // line 4 is 04/11/26 (two-digit year). Used: Ann 02 + 04 Nov, Ben 03 + 05 Nov.
    const dir = fixture('bad-dates');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/calls\.csv:3\b.*2026-02-30/);
    expect(r.stderr).toMatch(/eu\.csv:3\b.*31\/02\/2026/);
    expect(r.stderr).toMatch(/eu\.csv:4\b.*04\/11\/26/);
    const doc = json(r);
    expectAccounting(doc, { rows: 7, used: 4, ignored: 0, rejected: 3 }, [
      { path: 'calls.csv', rows: 3, used: 2, ignored: 0, rejected: 1 },
      { path: 'eu.csv', rows: 4, used: 2, ignored: 0, rejected: 2 },
    ]);
    expect(countsByRep(doc)).toEqual({ 'Ann Lee': { dial: 2, close: 0 }, 'Ben Ortiz': { dial: 2, close: 0 } });
  });

  it('ambiguous day/month dates without dateFormat (CSV): exit 2, names sources[0].dateFormat', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('ambiguous-dates') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sources[0].dateFormat');
    expect(r.stderr).toContain('calls.csv');
    expectNoStackTrace(r);
  });

  it('ambiguous day/month dates without dateFormat (NDJSON): exit 2, names sources[0].dateFormat', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('ambiguous-dates-json') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sources[0].dateFormat');
    expect(r.stderr).toContain('activities.ndjson');
  });

  it('a row without a rep is rejected, the reason names the rep column', async () => {
    // Line 3: empty Owner (rejected); line 4: blank Owner (rejected); line 5: empty Owner but
    // Type "email" matches no rule, so it is ignored. Line 2 is used.
    const dir = fixture('missing-rep');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/calls\.csv:3\b.*Owner/);
    expect(r.stderr).toMatch(/calls\.csv:4\b.*Owner/);
    const doc = json(r);
    expectAccounting(doc, { rows: 4, used: 1, ignored: 1, rejected: 2 }, [
      { path: 'calls.csv', rows: 4, used: 1, ignored: 1, rejected: 2 },
    ]);
    expect(countsByRep(doc)).toEqual({ 'Ann Lee': { dial: 1, appointment_set: 0, close: 0 } });
    const rejects = await inspectRejects(dir, 'calls.csv');
    expect(rejects.map((x) => x.line)).toEqual([3, 4]);
    for (const x of rejects) expect(x.reason).toContain('Owner');
  });
});

describe('config errors', () => {
  it('an unknown key gets "did you mean": exit 2, names sources[0].colums', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('config-typo') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sources[0].colums');
    expect(r.stderr).toContain('did you mean "columns"');
    expectNoStackTrace(r);
  });

  it('several config problems are all listed at once', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('config-many') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const key of ['lookbackDays', 'weekStartsOn', 'holidays[0]', 'sources[0].delimiter', 'sources[0].rules[0].when.Type.im']) {
      expect(r.stderr).toContain(key);
    }
    expect(r.stderr).toContain('did you mean "in"');
  });

  it('a bad regular expression: exit 2, names sources[0].rules[0].when.Stage.match', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('bad-regex') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sources[0].rules[0].when.Stage.match');
  });
});

describe('rejected rows: --strict and --rejects', () => {
  // rejects/calls.csv: line 2 used, line 3 bad date, line 4 no rep, line 5 has 5 fields, line 6 used.
  it('--strict with a rejected row: exit 1 and nothing on stdout', async () => {
    const r = await funnel([...REPORT_JSON, '--strict'], { cwd: fixture('rejects') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('calls.csv:3');
    expectNoStackTrace(r);
  });

  it('without --strict: exit 0, a warning on stderr, the report on stdout', async () => {
    const r = await funnel(['report', ...AS_OF], { cwd: fixture('rejects') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toBe('');
    expect(r.stderr).toMatch(/warning/i);
    expect(r.stderr).toContain('calls.csv:3');
  });

  it('--rejects FILE writes every rejected row with file, line and reason', async () => {
    const dir = fixture('rejects');
    const r = await funnel([...REPORT_JSON, '--rejects', 'out.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expectAccounting(json(r), { rows: 5, used: 2, ignored: 0, rejected: 3 }, [
      { path: 'calls.csv', rows: 5, used: 2, ignored: 0, rejected: 3 },
    ]);
    expect(existsSync(join(dir, 'out.csv'))).toBe(true);
    const rows = parse(readFileSync(join(dir, 'out.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.file, x.line])).toEqual([
      ['calls.csv', '3'],
      ['calls.csv', '4'],
      ['calls.csv', '5'],
    ]);
    expect(rows[0].reason).toContain('2026-11-31');
    expect(rows[1].reason).toContain('Owner');
    expect(rows[2].reason).toContain('5 fields, header has 4');
  });
});

describe('tallies (a hand-kept weekly sheet)', () => {
  it('blank = not recorded, 0 = zero, all blank/zero rows are ignored, n/a is rejected naming the column', async () => {
    // weekly-tally.csv:
    //   2 Ann 40,3,1 used · 3 Ann 35,(blank),0 used · 4 Ben all blank: ignored · 5 Ben 0,0,0: ignored
    //   6 Ben n/a,2,0: rejected (Dials) · 7 Cara 12,1,(blank) used · 8 no rep, all blank: ignored
    // Ann: dial 40+35 = 75, appts 3, closes 1. Cara: dial 12, appts 1. Ben has no events.
    const dir = fixture('tallies');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/weekly-tally\.csv:6\b.*n\/a.*Dials/);
    const doc = json(r);
    expectAccounting(doc, { rows: 7, used: 3, ignored: 3, rejected: 1 }, [
      { path: 'weekly-tally.csv', rows: 7, used: 3, ignored: 3, rejected: 1 },
    ]);
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 75, appointment_set: 3, close: 1 },
      'Cara Diaz': { dial: 12, appointment_set: 1, close: 0 },
    });
    expect(doc.team.counts).toEqual({ dial: 87, appointment_set: 4, close: 1 });
    const rejects = await inspectRejects(dir, 'weekly-tally.csv');
    expect(rejects).toHaveLength(1);
    expect(rejects[0].line).toBe(6);
    expect(rejects[0].reason).toContain('Dials');
  });
});

describe('encodings and delimiters', () => {
  const utf16 = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le');
  const EXPORT_TXT = 'Owner\tDate\tType\nCara Diaz\t2026-11-05\tcall\nZoë Müller\t2026-11-06\tcall\nCara Diaz\t2026-11-06\tmeeting\n';

  it('a UTF-8 file with a BOM and a UTF-16LE (BOM) tab-separated file are read correctly', async () => {
    // bom.csv: Ann x2, Zoë Müller x1 (all calls). export.txt: Cara call, Zoë call, Cara meeting
    // (no rule: ignored). Zoë Müller is one rep across both encodings: 2 dials.
    const dir = fixture('encodings', { 'export.txt': utf16(EXPORT_TXT) });
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expectAccounting(doc, { rows: 6, used: 5, ignored: 1, rejected: 0 }, [
      { path: 'bom.csv', rows: 3, used: 3, ignored: 0, rejected: 0 },
      { path: 'export.txt', rows: 3, used: 2, ignored: 1, rejected: 0 },
    ]);
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 2, close: 0 },
      'Cara Diaz': { dial: 1, close: 0 },
      'Zoë Müller': { dial: 2, close: 0 },
    });

    const i = await funnel(['inspect', 'bom.csv', 'export.txt', '--format', 'json'], { cwd: dir });
    expect(i.code, i.stderr).toBe(0);
    const [bom, txt] = json(i).files;
    expect(bom).toMatchObject({ encoding: 'utf-8', delimiter: ',', headers: ['Owner', 'Date', 'Type'], rows: 3 });
    expect(txt).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['Owner', 'Date', 'Type'], rows: 3 });
  });

  it('a semicolon-delimited file is sniffed (commas inside values do not confuse it)', async () => {
    // activities.csv: Ben call + meeting, Cara 2 calls.
    const dir = fixture('semicolon');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expectAccounting(doc, { rows: 4, used: 4, ignored: 0, rejected: 0 }, [
      { path: 'activities.csv', rows: 4, used: 4, ignored: 0, rejected: 0 },
    ]);
    expect(countsByRep(doc)).toEqual({
      'Ben Ortiz': { dial: 1, appointment_set: 1, close: 0 },
      'Cara Diaz': { dial: 2, appointment_set: 0, close: 0 },
    });
    const i = await funnel(['inspect', 'activities.csv', '--format', 'json'], { cwd: dir });
    expect(json(i).files[0]).toMatchObject({ delimiter: ';', headers: ['Owner', 'Date', 'Type', 'Notes'] });
  });
});

describe('JSON inputs', () => {
  it('NDJSON and a JSON array with dot paths: counts per rep; an invalid NDJSON line is rejected at its line', async () => {
    // activities.ndjson: lines 1-3 used, line 4 is not valid JSON, line 5 blank (not a row),
    // line 6 used. deals.json: d1 Ann won, d2 lost (ignored), d3 Ben won.
    // Ann: dial 2 (n1 as a datetime, n2), close 1. Ben: dial 1 (n5), appt 1 (n3), close 1.
    const dir = fixture('json');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/activities\.ndjson:4\b/);
    const doc = json(r);
    expectAccounting(doc, { rows: 8, used: 6, ignored: 1, rejected: 1 }, [
      { path: 'activities.ndjson', rows: 5, used: 4, ignored: 0, rejected: 1 },
      { path: 'deals.json', rows: 3, used: 2, ignored: 1, rejected: 0 },
    ]);
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 2, appointment_set: 0, close: 1 },
      'Ben Ortiz': { dial: 1, appointment_set: 1, close: 1 },
    });
    const i = await funnel(['inspect', 'activities.ndjson', 'deals.json', '--format', 'json'], { cwd: dir });
    expect(i.code, i.stderr).toBe(0);
    const [nd, arr] = json(i).files;
    expect(nd.format).toBe('ndjson');
    expect(nd.rejects.map((x: any) => x.line)).toEqual([4]);
    expect(arr.format).toBe('json');
    expect(arr.headers).toContain('owner.name');
  });
});

describe('duplicates', () => {
  it('two files sharing ids: duplicates are counted and dropped, the first wins', async () => {
    // calls-a.csv: 1 Ann call 11-02, 2 Ann call 11-03, 3 Ben call 11-04.
    // calls-b.csv: 2 again (dup), 3 again dated 11-05 (dup), 4 Ben call 11-06, blank id Ben call
    // 11-06 (no id: counted), 1 Ann meeting 11-07 (other stage: counted).
    // Ann: dial 2, appt 1. Ben: dial 3. duplicates 2; every row is used.
    const dir = fixture('duplicates');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expectAccounting(doc, { rows: 8, used: 8, ignored: 0, rejected: 0, duplicates: 2 }, [
      { path: 'calls-a.csv', rows: 3, used: 3, ignored: 0, rejected: 0 },
      { path: 'calls-b.csv', rows: 5, used: 5, ignored: 0, rejected: 0 },
    ]);
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 2, appointment_set: 1, close: 0 },
      'Ben Ortiz': { dial: 3, appointment_set: 0, close: 0 },
    });

    // First wins: id 3 keeps its date from calls-a (11-04), so it counts in 11-01..11-04.
    const early = await funnel([...REPORT_JSON, '--period', '2026-11-01..2026-11-04'], { cwd: dir });
    expect(early.code, early.stderr).toBe(0);
    expect(countsByRep(json(early))).toEqual({
      'Ann Lee': { dial: 2, appointment_set: 0, close: 0 },
      'Ben Ortiz': { dial: 1, appointment_set: 0, close: 0 },
    });
  });
});
