// Hostile and huge input, end to end on the built binary: each case generates its input here
// (nothing large is committed), and checks the exit code, the message, that the run finished
// (within vitest's generous per-test bound, not a timing assertion) and that the row accounting
// matches the records in the file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BIN, json, ROOT, tempDir } from '../e2e/run.js';

const AS_OF = ['--as-of', '2026-11-18'];
const REPORT_JSON = ['report', ...AS_OF, '--format', 'json'];
const CONFIG = `sources:
  - path: calls.csv
    columns: { rep: Owner, date: Date }
    rules:
      - stage: dial
        when: { Type: call }
  - path: "-"
    columns: { rep: Owner, date: Date }
    rules:
      - stage: dial
        when: { Type: call }
  - path: log.*
    columns: { rep: owner, date: date }
    rules:
      - stage: dial
        when: { type: call }
`;
const GOOD = '2026-11-03,Ann Lee,call,ok\n';
const HEADER = 'Date,Owner,Type,Notes\n';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built funnel with `input` (bytes) on standard input; `tmp` becomes its TMPDIR. */
function run(args: string[], opts: { cwd: string; input?: Buffer | string; tmp?: string; killAfterMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...(opts.tmp && { TMPDIR: opts.tmp }) };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => {});
    if (opts.killAfterMs !== undefined) {
      // Leave standard input open, so the run is still spooling it when the signal comes.
      if (opts.input !== undefined) child.stdin.write(opts.input);
      setTimeout(() => child.kill('SIGTERM'), opts.killAfterMs);
    } else child.stdin.end(opts.input ?? '');
  });
}

function dir(files: Record<string, string | Buffer>): string {
  return tempDir({ 'funnel.config.yaml': CONFIG, ...files });
}

/** rows = used + ignored + rejected for the whole input and for each file. */
function accounting(doc: any): { rows: number; used: number; ignored: number; rejected: number } {
  const input = doc.input;
  expect(input.rows).toBe(input.used + input.ignored + input.rejected);
  for (const f of input.files) expect(f.rows).toBe(f.used + f.ignored + f.rejected);
  return { rows: input.rows, used: input.used, ignored: input.ignored, rejected: input.rejected };
}

describe('records over the size limit', () => {
  it('a 1.1 MB row among 20,000 good rows: that row is rejected with its line, the other 20,000 are counted', async () => {
    const text = `${HEADER}2026-11-03,Ann Lee,call,${'x'.repeat(1_100_000)}\n${GOOD.repeat(20_000)}`;
    const r = await run([...REPORT_JSON, 'calls.csv'], { cwd: dir({ 'calls.csv': text }) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 20_001, used: 20_000, ignored: 0, rejected: 1 });
    expect(r.stderr).toContain('calls.csv:2: the record is longer than 1 MiB (line 2; the file was read on after it)');
  });

  it('--max-record-size raises the limit: the same row is then used', async () => {
    const text = `${HEADER}2026-11-03,Ann Lee,call,${'x'.repeat(1_100_000)}\n${GOOD.repeat(100)}`;
    const r = await run([...REPORT_JSON, '--max-record-size', '2MiB', 'calls.csv'], { cwd: dir({ 'calls.csv': text }) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 101, used: 101, ignored: 0, rejected: 0 });
  });

  it('a stray quote that is never closed, followed by 1.5 MB of rows: its line is rejected, every row after it is read', async () => {
    const text = `${HEADER}${GOOD}2026-11-03,Ann Lee,call,"never closed\n${GOOD.repeat(55_000)}`;
    const r = await run([...REPORT_JSON, 'calls.csv'], { cwd: dir({ 'calls.csv': text }) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 55_002, used: 55_001, ignored: 0, rejected: 1 });
    expect(r.stderr).toContain('calls.csv:3: a quoted field is never closed (line 3 left out; reading went on at line 4)');
  });

  it('an NDJSON line of 32 MiB is rejected and the lines after it are read (linear, not quadratic)', async () => {
    const line = (i: number) => `${JSON.stringify({ id: i, owner: 'Ann Lee', date: '2026-11-03', type: 'call' })}\n`;
    const huge = `${JSON.stringify({ id: 'big', owner: 'Ann Lee', date: '2026-11-03', type: 'call', notes: 'x'.repeat(32 * 1024 * 1024) })}\n`;
    const text = line(1) + huge + Array.from({ length: 1000 }, (_, i) => line(i + 2)).join('');
    const r = await run([...REPORT_JSON, 'log.ndjson'], { cwd: dir({ 'log.ndjson': text }) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 1002, used: 1001, ignored: 0, rejected: 1 });
    expect(r.stderr).toContain('log.ndjson:2: the line is longer than 1 MiB (the file was read on after it)');
  });
});

describe('gzip inputs that expand too far', () => {
  it('a gzip bomb (64 MiB of one repeated row in a few KB) stops at the ratio limit, naming the file, the limit and the flag', async () => {
    const bomb = gzipSync(Buffer.from(HEADER + GOOD.repeat(Math.ceil((64 * 1024 * 1024) / GOOD.length))), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const cwd = dir({ 'log.csv.gz': bomb });
    const res = await run([...REPORT_JSON, 'log.csv.gz'], { cwd });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^funnel: error: log\.csv\.gz: expands more than 200 times \(.* of gzip became .* so far\): likely a decompression bomb\n {2}fix: .*--max-compression-ratio/);
  });

  it('the absolute limit: a file that decompresses past --max-decompressed-size is an error naming the limit', async () => {
    const gz = gzipSync(Buffer.from(HEADER + GOOD.repeat(80_000)));
    const r = await run([...REPORT_JSON, '--max-decompressed-size', '1MiB', 'log.csv.gz'], { cwd: dir({ 'log.csv.gz': gz }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('funnel: error: log.csv.gz: decompresses to more than 1 MiB (the limit for a gzip input)');
    expect(r.stderr).toContain('--max-decompressed-size');
  });
});

describe('JSON that is deep, pretty-printed or shaped like an API answer', () => {
  const rec = (i: number) => ({ id: i, owner: 'Ann Lee', date: '2026-11-03', type: 'call' });

  it('an element nested 5,000 levels deep is rejected with its line; the other elements are used', async () => {
    const deep = `{"id":"deep","owner":"Ann Lee","date":"2026-11-03","type":"call","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const text = `[\n${JSON.stringify(rec(1))},\n${deep},\n${JSON.stringify(rec(2))}\n]\n`;
    const r = await run([...REPORT_JSON, 'log.json'], { cwd: dir({ 'log.json': text }) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 3, used: 2, ignored: 0, rejected: 1 });
    expect(r.stderr).toContain('log.json:3: element 2 is nested more than 64 levels deep');
  });

  it('an sf data tree export ({"records": [...]}, pretty-printed, .json) is read as its records', async () => {
    const text = JSON.stringify({ records: [1, 2, 3].map((i) => ({ attributes: { type: 'Task', referenceId: `T${i}` }, ...rec(i) })) }, null, 2);
    const r = await run([...REPORT_JSON, 'log.json'], { cwd: dir({ 'log.json': text }) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 3, used: 3, ignored: 0, rejected: 0 });
  });

  it('a pretty-printed array in a .ndjson file is read as an array', async () => {
    const r = await run([...REPORT_JSON, 'log.ndjson'], { cwd: dir({ 'log.ndjson': JSON.stringify([rec(1), rec(2)], null, 2) }) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 2, used: 2, ignored: 0, rejected: 0 });
  });
});

describe('a match: pattern that backtracks catastrophically', () => {
  it('is refused at config load (exit 2) with the rule key and the reason, before any row is read', async () => {
    const config = `sources:
  - path: calls.csv
    columns: { rep: Owner, date: Date }
    rules:
      - stage: dial
        when: { Notes: { match: "^(\\\\w+\\\\s?)*$" } }
`;
    const cwd = tempDir({ 'funnel.config.yaml': config, 'calls.csv': `${HEADER}2026-11-03,Ann Lee,call,${'a'.repeat(40)}!\n` });
    const r = await run(REPORT_JSON, { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sources[0].rules[0].when.Notes.match (line 6): "\\w+" is repeated inside "(\\w+\\s?)*" (nested quantifiers)');
  });
});

describe('standard input', () => {
  const csv = `${HEADER}${GOOD.repeat(3)}2026-11-04,,call,no rep\n`;

  it('"-" reads CSV piped in; rejected rows name <stdin> and their line', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'funnel-tmp-'));
    const r = await run([...REPORT_JSON, '-'], { cwd: dir({}), input: csv, tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 4, used: 3, ignored: 0, rejected: 1 });
    expect(r.stderr).toContain('<stdin>:5:');
    // The spooled copy is gone.
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('gzip bytes on standard input are decompressed (as from a .gz file)', async () => {
    const r = await run([...REPORT_JSON, '-'], { cwd: dir({}), input: gzipSync(csv) });
    expect(r.code, r.stderr).toBe(0);
    expect(accounting(json(r))).toEqual({ rows: 4, used: 3, ignored: 0, rejected: 1 });
  });

  it('--input-format ndjson reads it as NDJSON, and inspect names it <stdin>', async () => {
    const text = '{"owner":"Ann Lee","date":"2026-11-03","type":"call"}\n';
    const r = await run(['inspect', '--format', 'json', '--input-format', 'ndjson', '-'], { cwd: ROOT, input: text });
    expect(r.code, r.stderr).toBe(0);
    const [file] = json(r).files;
    expect([file.path, file.format, file.rows]).toEqual(['<stdin>', 'ndjson', 1]);
  });

  it('the spooled copy is removed when the run is stopped by SIGTERM while reading', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'funnel-tmp-'));
    const r = await run([...REPORT_JSON, '-'], { cwd: dir({}), input: csv, tmp, killAfterMs: 1500 });
    expect(r.signal).toBe('SIGTERM');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
