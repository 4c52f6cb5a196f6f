// Control characters from the data never reach a terminal: rep names, headers, rejected values and
// file names are shown with visible escapes in the table and markdown formats, in warnings and in
// errors; JSON and --rejects keep the exact data.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/cli/common.js';
import { progressText } from '../../src/cli/progress.js';
import { documentFor, terminalCopy } from '../../src/cli/terminal.js';
import { FunnelError } from '../../src/errors.js';
import { terminalSafe } from '../../src/text.js';
import { funnel, json, tempDir } from '../e2e/run.js';

const ESC = '\x1b';
const BEL = '\x07';
/** Moves up two lines and erases the line: would overwrite Ann Lee's row on a terminal. */
const CURSOR_UP = `Bo Chen${ESC}[2A${ESC}[2KAnn Lee on track`;
/** OSC 52: sets the clipboard of many terminals to base64 "hi". */
const OSC52 = `2026-11-0${ESC}]52;c;aGk=${BEL}`;

/** The inverse of terminalSafe, to prove the visible form loses nothing. */
function decode(text: string): string {
  return text.replace(/\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})/g, (_, e: string) => (e === '\\' ? '\\' : String.fromCharCode(parseInt(e.slice(1), 16))));
}

describe('terminalSafe', () => {
  it.each([
    ['Ann Lee', 'Ann Lee'],
    [CURSOR_UP, 'Bo Chen\\x1b[2A\\x1b[2KAnn Lee on track'],
    [OSC52, '2026-11-0\\x1b]52;c;aGk=\\x07'],
    ['a\rb\nc\td', 'a\\x0db\\x0ac\\x09d'],
    ['\x00\x7f\x9b', '\\x00\\x7f\\x9b'],
    ['Ann \u202eeeL\u2066x\u2069', 'Ann \\u202eeeL\\u2066x\\u2069'],
    ['line\u2028break', 'line\\u2028break'],
    // Backslashes only double where they would read as an escape.
    ['C:\\Users\\ann', 'C:\\Users\\ann'],
    ['C:\\x.csv', 'C:\\\\x.csv'],
    ['\\\\', '\\\\\\'],
    [`\\${ESC}`, '\\\\\\x1b'],
    ['Zoë Ωmega 日本', 'Zoë Ωmega 日本'],
  ])('%j → %s', (input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
    expect(decode(terminalSafe(input))).toBe(input);
  });

  it('keeps newlines when asked, and still escapes the rest', () => {
    expect(terminalSafe(`a\nb${ESC}[2J\r`, { isNewlineKept: true })).toBe('a\nb\\x1b[2J\\x0d');
  });
});

describe('terminalCopy', () => {
  it('copies the document with every string and key made safe, leaving the original as it was', () => {
    const doc = { reps: [{ rep: CURSOR_UP, counts: { [`dial${ESC}`]: 3 } }], n: 1, none: null, ok: true };
    const safe = terminalCopy(doc);
    expect(safe).toEqual({ reps: [{ rep: 'Bo Chen\\x1b[2A\\x1b[2KAnn Lee on track', counts: { 'dial\\x1b': 3 } }], n: 1, none: null, ok: true });
    expect(doc.reps[0].rep).toBe(CURSOR_UP);
  });

  it('is applied for table and markdown only', () => {
    const doc = { rep: CURSOR_UP };
    expect(documentFor(doc, 'table').rep).not.toContain(ESC);
    expect(documentFor(doc, 'markdown').rep).not.toContain(ESC);
    for (const format of ['json', 'csv', 'html']) expect(documentFor(doc, format)).toBe(doc);
  });
});

describe('errors and the progress line', () => {
  it('formatError escapes data in the message, the details and the fix', () => {
    const err = new FunnelError('USAGE', `--rep "${CURSOR_UP}": no such rep`, { details: [`  ${OSC52}`], hint: `reps are: ${CURSOR_UP}` });
    const text = formatError(err);
    expect(text).not.toContain(ESC);
    expect(text).not.toContain(BEL);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('Bo Chen\\x1b[2A');
  });

  it('progressText shows a hostile file name escaped', () => {
    expect(progressText({ bytesRead: 0, totalBytes: 1, file: `x${ESC}]0;title${BEL}.csv` })).toBe('funnel: reading 0.0 of 0.0 MB (0%) · x\\x1b]0;title\\x07.csv');
  });
});

const CONFIG = `sources:
  - path: calls.csv
    columns: { rep: Owner, date: Date }
    rules:
      - stage: dial
`;

/** Ann Lee: 2 calls; the cursor-moving rep: 1 call; one row whose date is an OSC 52 sequence. */
function hostileDir(): string {
  return tempDir({
    'funnel.config.yaml': CONFIG,
    'calls.csv': ['Date,Owner,Type', '2026-11-02,Ann Lee,call', '2026-11-03,Ann Lee,call', `2026-11-04,${CURSOR_UP},call`, `${OSC52},Ann Lee,call`, ''].join('\n'),
  });
}

const REPORT = ['report', '--as-of', '2026-11-18'];

/** No raw control character but newline (and, with colour, our own SGR codes) in `text`. */
function expectTerminalSafe(text: string): void {
  // eslint-disable-next-line no-control-regex
  expect(text.replace(/\x1b\[(?:33|39|1|22|2|31|32|90)m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
}

describe('funnel on hostile names and values', () => {
  it.each(['table', 'markdown'])('--format %s: no control character on stdout or stderr; the rep shows escaped', async (format) => {
    const dir = hostileDir();
    const r = await funnel([...REPORT, '--format', format], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expectTerminalSafe(r.stdout);
    expectTerminalSafe(r.stderr);
    expect(r.stdout).toMatch(/Bo Chen\\{1,2}x1b\\?\[2A\\{1,2}x1b\\?\[2KAnn Lee/);
    expect(r.stderr).toContain('calls.csv:5: "2026-11-0\\x1b]52;c;aGk=\\x07" is not a date');
  });

  it('JSON keeps the exact data, and the rows add up', async () => {
    const dir = hostileDir();
    const doc = json(await funnel([...REPORT, '--format', 'json', '--quiet'], { cwd: dir }));
    expect(doc.reps.map((r: any) => [r.rep, r.counts.dial])).toEqual([
      ['Ann Lee', 2],
      [CURSOR_UP, 1],
    ]);
    expect(doc.input).toMatchObject({ rows: 4, used: 3, ignored: 0, rejected: 1 });
  });

  it('--rejects keeps the exact value (it is CSV), with formula guards', async () => {
    const dir = hostileDir();
    writeFileSync(join(dir, 'calls.csv'), readFileSync(join(dir, 'calls.csv'), 'utf8') + '=1+2,Ann Lee,call\n');
    const r = await funnel([...REPORT, '--rejects', 'rejects.csv', '--quiet'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(readFileSync(join(dir, 'rejects.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.line, x.value])).toEqual([
      ['5', OSC52],
      ['6', "'=1+2"],
    ]);
  });

  it('colour still works on stderr (FORCE_COLOR), and only our own sequences pass', async () => {
    const dir = hostileDir();
    const r = await funnel(REPORT, { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${ESC}[33mfunnel: warning: 1 row rejected`);
    expect(r.stdout).toContain(`${ESC}[1mRep${ESC}[22m`);
    expectTerminalSafe(r.stdout);
    expectTerminalSafe(r.stderr);
  });

  it('an error that quotes the data (an unknown --rep, the reps listed) is escaped; exit 2', async () => {
    const dir = hostileDir();
    const r = await funnel([...REPORT, '--rep', `Nobody${ESC}[2J`], { cwd: dir });
    expect(r.code).toBe(2);
    expectTerminalSafe(r.stderr);
    expect(r.stderr).toContain('funnel: error: --rep "Nobody\\x1b[2J": no such rep');
    expect(r.stderr).toContain('reps are: Ann Lee, Bo Chen\\x1b[2A\\x1b[2KAnn Lee on track');
  });

  it('inspect: a header and a rep with control characters show escaped', async () => {
    const dir = tempDir({ 'calls.csv': `Date,Owner,Type,Note${ESC}]0;pwned${BEL}\n2026-11-02,${CURSOR_UP},call,x\n` });
    const r = await funnel(['inspect', 'calls.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expectTerminalSafe(r.stdout);
    expect(r.stdout).toContain('Note\\x1b]0;pwned\\x07');
  });

  it('trend --format table: the rep shows escaped', async () => {
    const dir = hostileDir();
    const r = await funnel(['trend', '--as-of', '2026-11-18', '--weeks', '3', '--quiet'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expectTerminalSafe(r.stdout);
    expect(r.stdout).toContain('Bo Chen\\x1b[2A');
  });

  it('a commander usage error quoting argv is escaped', async () => {
    const r = await funnel(['report', `--bogus${ESC}[2J`]);
    expect(r.code).toBe(2);
    expectTerminalSafe(r.stderr);
    expect(r.stderr).toContain('--bogus\\x1b[2J');
  });
});
