import { randomBytes } from 'node:crypto';
import { openSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Temp files are created beside their target (so the final rename stays on one file system),
// exclusively (O_CREAT|O_EXCL: an existing file or symlink of that name is never opened) and with
// a random name. Each live one is registered here so that every way out of the process removes
// it: the command's own error path, main's finally, the `exit` event and SIGINT/SIGTERM/SIGHUP.

const live = new Set<string>();

/** Base names stay under the usual 255-byte limit with the prefix and suffix added. */
const MAX_BASE = 100;

/** An exclusively created temp file beside `target`, registered for removal; `mode` as for open(2). */
export function createTemp(target: string, mode = 0o666): { path: string; fd: number } {
  const base = basename(target).slice(0, MAX_BASE);
  for (let attempt = 0; ; attempt++) {
    const path = join(dirname(target), `.${base}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      const fd = openSync(path, 'wx', mode);
      live.add(path);
      return { path, fd };
    } catch (err) {
      // A name taken by chance (or planted) is skipped; anything else is the caller's error.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw err;
    }
  }
}

/** The temp file became the target (renamed) and is no longer ours to remove. */
export function releaseTemp(path: string): void {
  live.delete(path);
}

/** Removes a temp file now. */
export function removeTemp(path: string): void {
  rmSync(path, { force: true });
  live.delete(path);
}

/** Removes every live temp file; safe to call more than once and from an `exit` handler. */
export function removeAllTemps(): void {
  for (const path of live) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
  live.clear();
}

/** The temp files still live (for tests). */
export function liveTemps(): string[] {
  return [...live];
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let isInstalled = false;

/**
 * Removes the temp files on exit and on SIGINT/SIGTERM/SIGHUP; after a signal the process still
 * dies of it (exit status 128 + n), as a shell script expects. `onSignal` runs first (e.g. to
 * clear a progress line).
 */
export function cleanTempsOnExit(onSignal: () => void = () => {}): void {
  if (isInstalled) return;
  isInstalled = true;
  process.on('exit', removeAllTemps);
  for (const signal of SIGNALS) {
    process.once(signal, () => {
      onSignal();
      removeAllTemps();
      process.kill(process.pid, signal);
    });
  }
}
