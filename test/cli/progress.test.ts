// The progress line: when it is drawn, how often, and bytes measured from the open file.
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProgressWanted, progressLine, progressText, watchInputFiles, type Progress } from '../../src/cli/progress.js';
import { tempDir } from '../e2e/run.js';

describe('isProgressWanted', () => {
  it.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, { CI: 'true' }, false, false],
    [true, { CI: '' }, false, false],
    [true, {}, true, false],
    [true, { TERM: 'dumb' }, false, false],
  ])('TTY %j, env %j, quiet %j → %j', (isTTY, env, isQuiet, expected) => {
    expect(isProgressWanted({ isTTY, env: env as NodeJS.ProcessEnv, isQuiet })).toBe(expected);
  });
});

describe('progressLine', () => {
  it('waits, throttles, redraws one line and clears it at the end', () => {
    let t = 0;
    const out: string[] = [];
    const line = progressLine((s) => out.push(s), () => t);
    const p: Progress = { bytesRead: 5_000_000, totalBytes: 20_000_000, file: 'calls.csv' };
    line.onProgress(p);
    t = 350;
    line.onProgress(p);
    t = 400;
    line.onProgress(p);
    t = 460;
    line.onProgress({ ...p, bytesRead: 10_000_000 });
    line.done();
    expect(out).toEqual([
      '\r\x1b[2Kfunnel: reading 5.0 of 20.0 MB (25%) · calls.csv',
      '\r\x1b[2Kfunnel: reading 10.0 of 20.0 MB (50%) · calls.csv',
      '\r\x1b[2K',
    ]);
  });

  it('clears nothing when it drew nothing', () => {
    const out: string[] = [];
    progressLine((s) => out.push(s), () => 0).done();
    expect(out).toEqual([]);
    expect(progressText({ bytesRead: 0, totalBytes: 0, file: null })).toBe('funnel: reading 0.0 of 0.0 MB (0%)');
  });
});

describe.skipIf(!existsSync('/proc/self/fdinfo'))('watchInputFiles', () => {
  it('reports the bytes read so far of the open input, across files in order', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, 'x'.repeat(256 * 1024));
    writeFileSync(b, 'y'.repeat(512 * 1024));
    const seen: Progress[] = [];
    const stop = watchInputFiles([a, b], (p) => seen.push(p), 2);
    for (const file of [a, b]) {
      const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
      for await (const _chunk of stream) await new Promise((r) => setTimeout(r, 15));
    }
    stop();
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((p) => p.totalBytes === 768 * 1024)).toBe(true);
    const bytes = seen.map((p) => p.bytesRead);
    expect(bytes).toEqual([...bytes].sort((x, y) => x - y));
    expect(seen.some((p) => p.file === 'a.csv' && p.bytesRead > 0 && p.bytesRead < 256 * 1024)).toBe(true);
    expect(seen.some((p) => p.file === 'b.csv' && p.bytesRead > 256 * 1024)).toBe(true);
  });
});
