// End-to-end: the built binary on other formats, encodings and date styles. Each case copies
// its fixture folder (test/e2e/fixtures/formats-*/) to a temporary folder and runs there.
// Expected numbers are counted by hand from the fixture files.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, funnel, json, tempDir, type RunResult } from './run.js';

const AS_OF = ['--as-of', '2026-11-18'];
const REPORT_JSON = ['report', ...AS_OF, '--format', 'json'];
const INGEST_FIXTURES = join(ROOT, 'test', 'ingest', 'fixtures');

function fixture(name: string, extra: Record<string, string | Buffer> = {}): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  for (const [file, content] of Object.entries(extra)) writeFileSync(join(dir, file), content);
  return dir;
}

const countsByRep = (doc: any) => Object.fromEntries(doc.reps.map((r: any) => [r.rep, r.counts]));
const byPath = (doc: any) => Object.fromEntries(doc.files.map((f: any) => [f.path, f]));

function expectAccounting(doc: any): void {
  expect(doc.input.rows).toBe(doc.input.used + doc.input.ignored + doc.input.rejected);
  for (const f of doc.input.files) expect(f.rows, f.path).toBe(f.used + f.ignored + f.rejected);
}

function expectNoStackTrace(r: RunResult): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('encodings and compression', () => {
  /** formats-encodings with the data files of test/ingest/fixtures. */
  function encodings(): string {
    const dir = fixture('formats-encodings');
    for (const name of readdirSync(INGEST_FIXTURES)) {
      if (!/\.(mjs|md)$|^\.|truncated/.test(name)) cpSync(join(INGEST_FIXTURES, name), join(dir, name));
    }
    return dir;
  }

  it('nine files, one set of rows: every encoding decodes to the same reps (Zoë Müller, José Núñez)', async () => {
    const r = await funnel(REPORT_JSON, { cwd: encodings() });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expectAccounting(doc);
    // Each file: Zoë and José each make a call, Ann Lee a meeting.
    expect(doc.input).toMatchObject({ rows: 27, used: 27, ignored: 0, rejected: 0 });
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 0, appointment_set: 9, close: 0 },
      'José Núñez': { dial: 9, appointment_set: 0, close: 0 },
      'Zoë Müller': { dial: 9, appointment_set: 0, close: 0 },
    });
    // Guesses are announced: UTF-16 without a BOM, Windows-1252; nothing for the rest.
    expect(r.stderr).toContain(
      'funnel: warning: utf16be-nobom.csv: no byte-order mark, but the bytes look like UTF-16BE text: read as utf-16be (set sources[4].encoding if that is wrong)',
    );
    expect(r.stderr).toContain('funnel: warning: windows-1252.csv: not valid UTF-8: read as Windows-1252 (set sources[5].encoding if that is wrong)');
    expect(r.stderr.match(/warning: [^:]+: (?:no byte-order|not valid)/g)).toHaveLength(2);
  });

  it('inspect names the encoding, delimiter and compression of each file', async () => {
    const dir = encodings();
    const files = ['bom.csv', 'utf16le-bom.txt', 'utf16be-bom.csv', 'utf16le-nobom.csv', 'utf16be-nobom.csv', 'windows-1252.csv', 'calls.csv.gz', 'calls.tsv.gz', 'activities.ndjson.gz'];
    const r = await funnel(['inspect', ...files, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const got = json(r).files.map((f: any) => [f.path, f.format, f.encoding, f.delimiter, f.compression]);
    expect(got).toEqual([
      ['bom.csv', 'csv', 'utf-8', ',', null],
      ['utf16le-bom.txt', 'csv', 'utf-16le', '\t', null],
      ['utf16be-bom.csv', 'csv', 'utf-16be', ',', null],
      ['utf16le-nobom.csv', 'csv', 'utf-16le', ',', null],
      ['utf16be-nobom.csv', 'csv', 'utf-16be', ',', null],
      ['windows-1252.csv', 'csv', 'windows-1252', ';', null],
      ['calls.csv.gz', 'csv', 'utf-8', ',', 'gzip'],
      ['calls.tsv.gz', 'tsv', 'utf-8', '\t', 'gzip'],
      ['activities.ndjson.gz', 'ndjson', 'utf-8', null, 'gzip'],
    ]);
    const table = await funnel(['inspect', 'calls.csv.gz'], { cwd: dir });
    expect(table.stdout).toContain('format csv, encoding utf-8, delimiter ",", gzip-compressed');
  });

  it('ASCII for the first 64 KiB, then Windows-1252: read as Windows-1252, with a warning naming the key', async () => {
    const rows = 'Ann Lee,2026-11-03,call\n'.repeat(2800);
    const bytes = Buffer.concat([Buffer.from(`Owner,Date,Type\n${rows}`), Buffer.from('Zo\xeb M\xfcller,2026-11-04,call\n', 'latin1')]);
    const dir = fixture('formats-ambiguous', { 'late.csv': bytes });
    const r = await funnel([...REPORT_JSON, 'late.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(countsByRep(json(r))['Zoë Müller']).toEqual({ dial: 1, close: 0 });
    expect(r.stderr).toMatch(/warning: late\.csv: not valid UTF-8 from byte \d+ on \(everything before was plain ASCII\): read as Windows-1252 \(set sources\[0\]\.encoding if that is wrong\)/);
  });

  it('UTF-8 first, then bytes that are not: exit 1, the error names the encoding key', async () => {
    const rows = 'Ann Lee,2026-11-03,call\n'.repeat(2800);
    const bytes = Buffer.concat([Buffer.from(`Owner,Date,Type\nZoë Müller,2026-11-02,call\n${rows}`), Buffer.from('Jos\xe9,2026-11-04,call\n', 'latin1')]);
    const r = await funnel([...REPORT_JSON, 'mixed-enc.csv'], { cwd: fixture('formats-ambiguous', { 'mixed-enc.csv': bytes }) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/mixed-enc\.csv: bytes near offset \d+ are not valid utf-8/);
    expect(r.stderr).toContain("set sources[0].encoding: windows-1252 (or the file's real encoding)");
    expectNoStackTrace(r);
  });

  it('a gzip file cut off: exit 1, a clear message', async () => {
    const dir = fixture('formats-ambiguous');
    cpSync(join(INGEST_FIXTURES, 'truncated.csv.gz'), join(dir, 'calls.csv.gz'));
    const r = await funnel(['inspect', 'calls.csv.gz'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('calls.csv.gz: not a valid gzip file (unexpected end of file)');
    expectNoStackTrace(r);
  });
});

describe('dates detected per file and column', () => {
  it('US, EU, dashes, dots, Excel serials and two formats in one file: each read right', async () => {
    const dir = fixture('formats-dates');
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expectAccounting(doc);
    // us.csv: 3 Nov and 13 Nov in the period, 1 Dec after as-of, 2/30 rejected.
    // eu.csv: 3 and 17 Nov, 1 Dec. dash.csv: 5 and 6 Nov, 25 Oct. dotted.csv: 2 and 10 Nov.
    // serial.csv: 3 and 7 Nov. deals.csv: a call on 4 Nov, one on 28 Oct; a close on 16 Nov.
    expect(countsByRep(doc)).toEqual({
      'Ann Lee': { dial: 2, close: 0 },
      'Ben Ortiz': { dial: 2, close: 0 },
      'Cara Diaz': { dial: 2, close: 0 },
      'Dee Park': { dial: 2, close: 0 },
      'Eli Moss': { dial: 2, close: 0 },
      'Fay Wu': { dial: 1, close: 1 },
    });
    expect(doc.input).toMatchObject({ rows: 16, used: 15, ignored: 0, rejected: 1 });
    expect(r.stderr).toContain(
      'us.csv:5: "2/30/2026 10:00 AM" is not a date (expected M/d/yyyy h:mm a, detected from the file; set dateFormat if that is wrong) in column "Date"',
    );
  });

  it('inspect reports the format detected for each date column', async () => {
    const dir = fixture('formats-dates');
    const files = ['us.csv', 'eu.csv', 'dash.csv', 'dotted.csv', 'serial.csv', 'deals.csv'];
    const r = await funnel(['inspect', ...files, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const formats = Object.fromEntries(json(r).files.map((f: any) => [f.path, f.dateFormats]));
    expect(formats).toEqual({
      'us.csv': { Date: 'M/d/yyyy h:mm a' },
      'eu.csv': { Date: 'dd.MM.yyyy HH:mm' },
      'dash.csv': { Date: 'dd-MM-yyyy' },
      'dotted.csv': { Date: 'dd.MM.yyyy' },
      'serial.csv': { Date: 'Excel serial' },
      'deals.csv': { Created: 'dd.MM.yyyy HH:mm', Closed: 'dd.MM.yyyy' },
    });
    const table = await funnel(['inspect', 'deals.csv'], { cwd: dir });
    expect(table.stdout).toContain('date formats: "Created" dd.MM.yyyy HH:mm, "Closed" dd.MM.yyyy');
  });

  it('thousands of rows with days up to 12 before the first that tells: still detected', async () => {
    // 3,000 calls on 1/5/2026 (5 January or 1 May?), then one on 11/13/2026: month-first.
    const text = `Owner,Date,Type\n${'Ann Lee,1/5/2026,call\n'.repeat(3000)}Ann Lee,11/13/2026,call\n`;
    const dir = fixture('formats-ambiguous', { 'calls.csv': text });
    const r = await funnel(['inspect', 'calls.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).files[0]).toMatchObject({ dateFormats: { Date: 'M/d/yyyy' }, used: 3001, dateRange: { start: '2026-01-05', end: '2026-11-13' } });
  });

  it('a configured dateFormat is used as it is, and reported', async () => {
    const dir = fixture('formats-dates');
    const config = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8').replace('  - path: dash.csv\n', '  - path: dash.csv\n    dateFormat: dd-MM-yyyy\n');
    writeFileSync(join(dir, 'funnel.config.yaml'), config);
    const r = await funnel(['inspect', 'dash.csv', '--format', 'json'], { cwd: dir });
    expect(json(r).files[0]).toMatchObject({ dateFormats: { Date: 'dd-MM-yyyy' }, used: 3 });
  });

  it('day and month that the values cannot tell apart: exit 2, names sources[0].dateFormat', async () => {
    const r = await funnel([...REPORT_JSON, 'calls.csv'], { cwd: fixture('formats-ambiguous') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'calls.csv: sources[0].dateFormat: dates like "03/04/2026" in column "Date" (line 2) could be day-first or month-first, and no other date in the file tells',
    );
    expect(r.stderr).toContain('fix: set sources[0].dateFormat to "MM/dd/yyyy" (month-first) or "dd/MM/yyyy" (day-first), or pass --month-first or --day-first');
    expectNoStackTrace(r);
  });

  it('a column with both orders (25/01 and 01/25): exit 2, both values and lines named', async () => {
    const r = await funnel([...REPORT_JSON, 'mixed.csv'], { cwd: fixture('formats-ambiguous') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'mixed.csv: sources[0].dateFormat: column "Date" mixes day-first dates ("25/01/2026", line 2) and month-first dates ("01/25/2026", line 3)',
    );
  });

  it('with dateFormat set, the ambiguous file is read', async () => {
    const dir = fixture('formats-ambiguous');
    const config = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8').replace('    columns:', '    dateFormat: MM/dd/yyyy\n    columns:');
    writeFileSync(join(dir, 'funnel.config.yaml'), config);
    const r = await funnel([...REPORT_JSON, 'calls.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // 11/12/2026 is 12 November.
    expect(countsByRep(json(r))).toEqual({ 'Ann Lee': { dial: 1, close: 0 } });
  });
});

describe('ids shortened by Excel', () => {
  it('a warning names the column and an example; ids stay text', async () => {
    const r = await funnel(REPORT_JSON, { cwd: fixture('formats-ids') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('funnel: warning: deals.csv: ids in column "Record Id" look shortened by Excel (e.g. "5.80503E+18")');
    const doc = json(r);
    // Ann's two deals now share one id: the second counts as a duplicate.
    expect(doc.input.duplicates).toBe(1);
    expect(countsByRep(doc)).toEqual({ 'Ann Lee': { close: 1 }, 'Ben Ortiz': { close: 1 } });
  });
});

describe('XLSX', () => {
  /** A Dynamics-style export: hidden "(Do Not Modify)" columns, real date cells, a formula. */
  async function dynamics(dir: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const calls = wb.addWorksheet('Phone Calls');
    calls.columns = [
      { header: '(Do Not Modify) Phone Call', key: 'id' },
      { header: '(Do Not Modify) Row Checksum', key: 'sum' },
      { header: '(Do Not Modify) Modified On', key: 'mod', style: { numFmt: 'yyyy-mm-dd hh:mm' } },
      { header: 'Subject', key: 'subject' },
      { header: 'Direction', key: 'dir' },
      { header: 'Status Reason', key: 'status' },
      { header: 'Actual End', key: 'end', style: { numFmt: 'm/d/yyyy h:mm AM/PM' } },
      { header: 'Owner', key: 'owner' },
    ];
    for (const c of [1, 2, 3]) calls.getColumn(c).hidden = true;
    const at = (d: number, h = 0, m = 0) => new Date(Date.UTC(2026, 10, d, h, m));
    const call = (id: string, dir: string, status: string, end: Date | null, owner: string) =>
      calls.addRow({ id, sum: `sum-${id}`, mod: at(18), subject: { richText: [{ text: 'Call – ' }, { text: id, font: { bold: true } }] }, dir, status, end, owner });
    call('c1', 'Outgoing', 'Made', at(3, 10, 37), 'Jane Cooper');
    // Minutes after midnight and before it: the calendar date shown must not move with TZ.
    call('c2', 'Outgoing', 'Made', at(1, 0, 30), 'Jane Cooper');
    call('c3', 'Outgoing', 'Made', new Date(Date.UTC(2026, 9, 31, 23, 30)), 'Jane Cooper');
    call('c4', 'Incoming', 'Received', at(5), 'Omar Haddad');
    call('c5', 'Outgoing', 'Made', null, 'Omar Haddad');
    // Actual End of c5 is a formula: c1's end + 14 days (result cached as a serial).
    calls.getCell('G6').value = { formula: 'G2+14', result: 46343.44236111111 };
    const appts = wb.addWorksheet('Appointments');
    appts.columns = [
      { header: '(Do Not Modify) Appointment', key: 'id' },
      { header: 'Subject', key: 'subject' },
      { header: 'Created On', key: 'created', style: { numFmt: 'dd.mm.yyyy' } },
      { header: 'Start Time', key: 'start', style: { numFmt: 'dd.mm.yyyy hh:mm' } },
      { header: 'Activity Status', key: 'status' },
      { header: 'Owner', key: 'owner' },
    ];
    appts.getColumn(1).hidden = true;
    appts.addRow({ id: 'a1', subject: { text: 'Discovery – Acme', hyperlink: 'https://crm.example/a1' }, created: at(2), start: at(6, 14), status: 'Completed', owner: 'Omar Haddad' });
    appts.addRow({ id: 'a2', subject: 'Demo – Bolt', created: at(9), start: at(20, 9), status: 'Scheduled', owner: 'Jane Cooper' });
    appts.addRow({ id: 'a3', subject: 'Pilot – Cyan', created: new Date(Date.UTC(2026, 9, 30)), start: at(3), status: 'Canceled', owner: 'Jane Cooper' });
    await wb.xlsx.writeFile(join(dir, 'dynamics.xlsx'));
  }

  const EXPECTED = {
    // Jane: calls on 3 and 1 Nov (31 Oct is before the period); a2 set on 9 Nov, held after as-of.
    'Jane Cooper': { dial: 2, appointment_set: 1, appointment_kept: 0, close: 0 },
    // Omar: the formula call on 17 Nov (the inbound one is no dial); a1 set 2 Nov, held 6 Nov.
    'Omar Haddad': { dial: 1, appointment_set: 1, appointment_kept: 1, close: 0 },
  };

  it('two sheets of one workbook (by name and by number): counts per rep from real date cells and a formula', async () => {
    const dir = fixture('formats-xlsx');
    await dynamics(dir);
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expectAccounting(doc);
    expect(doc.input).toMatchObject({ rows: 8, used: 7, ignored: 1, rejected: 0 });
    expect(doc.input.files.map((f: any) => f.format)).toEqual(['xlsx', 'xlsx']);
    expect(countsByRep(doc)).toEqual(EXPECTED);
  });

  it.each(['Pacific/Honolulu', 'Pacific/Kiritimati'])('the same counts with TZ=%s', async (tz) => {
    const dir = fixture('formats-xlsx');
    await dynamics(dir);
    const r = await funnel(REPORT_JSON, { cwd: dir, env: { TZ: tz } });
    expect(r.code, r.stderr).toBe(0);
    expect(countsByRep(json(r))).toEqual(EXPECTED);
  });

  it('inspect: the sheet read, its hidden columns (read like the others), the dates as ISO', async () => {
    const dir = fixture('formats-xlsx');
    await dynamics(dir);
    const r = await funnel(['inspect', '--format', 'json'].concat('dynamics.xlsx'), { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const [calls] = json(r).files;
    expect(calls).toMatchObject({
      format: 'xlsx',
      sheet: 'Phone Calls',
      delimiter: null,
      hiddenColumns: ['(Do Not Modify) Phone Call', '(Do Not Modify) Row Checksum', '(Do Not Modify) Modified On'],
      dateFormats: { 'Actual End': 'yyyy-MM-dd HH:mm' },
      rows: 5,
      used: 4,
      ignored: 1,
      dateRange: { start: '2026-10-31', end: '2026-11-17' },
    });
    const table = await funnel(['inspect', 'dynamics.xlsx'], { cwd: dir });
    expect(table.stdout).toContain('format xlsx, sheet "Phone Calls"');
    expect(table.stdout).toContain(
      'hidden columns (3, read like the others): (Do Not Modify) Phone Call, (Do Not Modify) Row Checksum, (Do Not Modify) Modified On',
    );
  });

  it('a sheet name that does not exist: exit 1, names sources[0].sheet and the sheets there are', async () => {
    const dir = fixture('formats-xlsx');
    await dynamics(dir);
    writeFileSync(join(dir, 'funnel.config.yaml'), readFileSync(join(dir, 'funnel.config.yaml'), 'utf8').replace('sheet: Phone Calls', 'sheet: Calls'));
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dynamics.xlsx: sources[0].sheet: no sheet named "Calls"');
    expect(r.stderr).toContain('its sheets are: "Phone Calls", "Appointments"');
  });

  it('a CSV file named .xlsx: exit 1, a clear message', async () => {
    const dir = fixture('formats-xlsx', { 'dynamics.xlsx': 'Owner,Date\nAnn,2026-11-02\n' });
    const r = await funnel(['inspect', 'dynamics.xlsx'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dynamics.xlsx: not an Excel workbook: .xlsx files are zip archives, and this one is not');
    expectNoStackTrace(r);
  });

  it('an old .xls workbook: exit 1, UNSUPPORTED_FORMAT with what to do', async () => {
    const dir = fixture('formats-xlsx', { 'old.xls': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) });
    const r = await funnel(['inspect', 'old.xls'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('old.xls: old Excel .xls workbooks are not supported');
    expect(r.stderr).toContain('save it as .xlsx or as CSV UTF-8');
  });
});
