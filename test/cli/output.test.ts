// outputTarget: how --out and --rejects write a path, decided from what the path is.
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunks, outputTarget, writeStdout, writeTarget } from '../../src/cli/output.js';
import { FunnelError } from '../../src/errors.js';
import { tempDir } from '../e2e/run.js';

const at = (cwd: string, path: string, protect = [] as { path: string; what: string }[]) => outputTarget(path, { cwd, flag: '--out', protect });
/** The process's own streams: these writes go to files, never to them. */
const STREAMS = { stdout: process.stdout, stderr: process.stderr };

describe('outputTarget', () => {
  it.each([
    ['-', 1],
    ['/dev/stdout', 1],
    ['/dev/stderr', 2],
    ['/dev/fd/3', 3],
    ['/proc/self/fd/7', 7],
  ])('%s is descriptor %i', (path, fd) => {
    expect(at('/', path)).toEqual({ kind: 'fd', fd, path });
  });

  it('a device is written through', () => {
    expect(at('/', '/dev/null')).toEqual({ kind: 'through', path: '/dev/null' });
  });

  it('a new path and an existing file are written atomically; the file keeps its mode and owner', () => {
    const d = tempDir({ 'old.txt': 'x' });
    chmodSync(join(d, 'old.txt'), 0o604);
    expect(at(d, 'new.txt')).toEqual({ kind: 'atomic', path: join(d, 'new.txt'), mode: null, owner: null });
    expect(at(d, 'old.txt')).toMatchObject({ kind: 'atomic', path: join(d, 'old.txt'), mode: 0o604, owner: { uid: process.getuid!(), gid: process.getgid!() } });
  });

  it('symlinks lead to their target, also when it does not exist yet; chains too', () => {
    const d = tempDir({ 'sub/real.txt': 'x' });
    symlinkSync('sub/real.txt', join(d, 'one'));
    symlinkSync('one', join(d, 'two'));
    symlinkSync('sub/later.txt', join(d, 'dangling'));
    expect(at(d, 'two')).toMatchObject({ kind: 'atomic', path: join(d, 'sub', 'real.txt') });
    expect(at(d, 'dangling')).toMatchObject({ kind: 'atomic', path: join(d, 'sub', 'later.txt'), mode: null });
  });

  it('a protected file, by any name, is refused with USAGE', () => {
    const d = tempDir({ 'calls.csv': 'a\n' });
    symlinkSync('calls.csv', join(d, 'link.csv'));
    const protect = [{ path: join(d, 'calls.csv'), what: 'an input file' }];
    for (const path of ['calls.csv', './calls.csv', 'link.csv']) {
      expect(() => at(d, path, protect)).toThrowError(expect.objectContaining({ code: 'USAGE' }) as FunnelError);
    }
    expect(() => at(d, 'other.csv', protect)).not.toThrow();
  });

  it('a folder is refused with OUTPUT_FAILED', () => {
    const d = tempDir();
    mkdirSync(join(d, 'reports'));
    expect(() => at(d, 'reports')).toThrowError(expect.objectContaining({ code: 'OUTPUT_FAILED', message: '--out names a folder' }) as FunnelError);
  });
});

describe('chunks: a large output written a piece at a time', () => {
  it('gives back the whole text, never cutting a surrogate pair', () => {
    // 'a😀b': 😀 is two UTF-16 units (a surrogate pair) at indexes 1 and 2.
    expect([...chunks('a😀b', 2)]).toEqual(['a', '😀', 'b']);
    expect([...chunks('abcdef', 4)]).toEqual(['abcd', 'ef']);
    expect([...chunks('', 4)]).toEqual([]);
    // A piece of one unit that is a high surrogate stays (no empty piece, no endless loop).
    expect([...chunks('😀', 1)]).toEqual(['\ud83d', '\ude00']);
    const text = 'ø😀x'.repeat(1000);
    for (const size of [1, 2, 3, 7, 1024]) {
      const pieces = [...chunks(text, size)];
      expect(pieces.join('')).toBe(text);
      if (size > 1) expect(pieces.every((p) => p.length <= size && !/[\ud800-\udbff]$/.test(p))).toBe(true);
    }
  });
});

describe('writeTarget: an output rendered while it is written', () => {
  /** Pieces 'a', 'b', then the error of the code rendering them. */
  function* failing(err: Error): Generator<string> {
    yield 'a';
    yield 'b';
    throw err;
  }

  it('writes every piece', async () => {
    const d = tempDir({ 'report.json': 'old' });
    await writeTarget(at(d, 'report.json'), ['a', 'b', 'c'], 'report.json', STREAMS);
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('abc');
  });

  it('passes a rendering error on as thrown, not as a write failure, and leaves the file as it was', async () => {
    const d = tempDir({ 'report.json': 'old' });
    const bug = new TypeError('a bug while rendering');
    await expect(writeTarget(at(d, 'report.json'), failing(bug), 'report.json', STREAMS)).rejects.toThrow(bug);
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('old');
    // No temp file is left beside it.
    expect(readdirSync(d)).toEqual(['report.json']);
  });

  it('passes it on from a device written through as well', async () => {
    const bug = new RangeError('another bug');
    await expect(writeTarget(at('/', '/dev/null'), failing(bug), '/dev/null', STREAMS)).rejects.toThrow(bug);
  });
});

describe('writeStdout', () => {
  it('renders the next piece only once a slow reader has taken what is queued', async () => {
    // A stream that takes one write every 5 ms and holds at most 16 characters queued (a pipe to
    // a slow reader): the queue must never hold more than one batch of pieces past that mark.
    let queuedMost = 0;
    const taken: string[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        taken.push(chunk);
        setTimeout(done, 5);
      },
    });
    let rendered = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 200; i++) {
        queuedMost = Math.max(queuedMost, slow.writableLength);
        rendered++;
        // 100 K characters a piece: each is its own write (pieces are joined up to 64 K).
        yield String(i % 10).repeat(100_000);
      }
    }
    await writeStdout(pieces(), slow);
    await new Promise((resolve) => slow.end(resolve));
    expect(rendered).toBe(200);
    expect(taken.join('').length).toBe(200 * 100_000);
    // Without waiting for 'drain', all 20 M characters were queued before the first was taken.
    expect(queuedMost).toBeLessThanOrEqual(1_100_000);
  });

  it('stops quietly when the reader has gone away', async () => {
    const gone = new Writable({ write: (_chunk, _encoding, done) => done() });
    gone.destroy();
    let rendered = 0;
    await writeStdout(
      (function* () {
        for (;;) {
          rendered++;
          yield 'x'.repeat(100_000);
        }
      })(),
      gone,
    );
    expect(rendered).toBe(1);
  });
});

