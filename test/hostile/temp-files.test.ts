// Temp files are created exclusively with a random name: a name already taken (a file or a
// symlink planted there) is never opened, and removeAllTemps removes what is still live.
import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../e2e/run.js';

// The first random name is the one an attacker planted; the second is free.
const names = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'];
vi.mock('node:crypto', async (original) => ({
  ...(await original<typeof import('node:crypto')>()),
  randomBytes: () => ({ toString: () => names.shift() ?? 'cccccccccccccccc' }),
}));

const { createTemp, liveTemps, releaseTemp, removeAllTemps } = await import('../../src/cli/temp-files.js');
const { closeSync, writeSync } = await import('node:fs');

describe('createTemp', () => {
  it('skips a name that exists (here a planted symlink) instead of following it', () => {
    const d = tempDir({ 'victim.txt': 'keep me' });
    symlinkSync('victim.txt', join(d, '.out.csv.aaaaaaaaaaaaaaaa.tmp'));
    const tmp = createTemp(join(d, 'out.csv'));
    expect(tmp.path).toBe(join(d, '.out.csv.bbbbbbbbbbbbbbbb.tmp'));
    writeSync(tmp.fd, 'data');
    closeSync(tmp.fd);
    expect(readFileSync(join(d, 'victim.txt'), 'utf8')).toBe('keep me');
    expect(lstatSync(tmp.path).isFile()).toBe(true);
    expect(liveTemps()).toContain(tmp.path);

    removeAllTemps();
    expect(existsSync(tmp.path)).toBe(false);
    expect(existsSync(join(d, 'victim.txt'))).toBe(true);
    expect(liveTemps()).toEqual([]);
  });

  it('a released temp file (renamed into place) is not removed', () => {
    const d = tempDir();
    const tmp = createTemp(join(d, 'x.json'));
    closeSync(tmp.fd);
    writeFileSync(tmp.path, 'kept');
    releaseTemp(tmp.path);
    removeAllTemps();
    expect(readFileSync(tmp.path, 'utf8')).toBe('kept');
  });
});
