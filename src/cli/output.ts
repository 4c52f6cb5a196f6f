import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { FunnelError } from '../errors.js';

/**
 * Colour is decided once: on only for a TTY, unless --no-color, NO_COLOR (any non-empty value)
 * or TERM=dumb; FORCE_COLOR=1|2|3 forces it on and FORCE_COLOR=0 off. chalk does not read NO_COLOR.
 */
export function makeChalk(opts: { color?: boolean }, env: NodeJS.ProcessEnv, isTTY: boolean): ChalkInstance {
  let on: boolean;
  const force = env.FORCE_COLOR;
  if (opts.color === false) on = false;
  else if (force !== undefined && force !== '') on = force !== '0' && force !== 'false';
  else if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') on = false;
  else on = isTTY && env.TERM !== 'dumb';
  return new Chalk({ level: on ? 1 : 0 });
}

/** Writes to stdout without process.exit, so piped output is never cut; a closed pipe ends quietly. */
export function writeStdout(text: string): void {
  process.stdout.write(text);
}

/** Writes `text` to `path` atomically: a temp file in the same folder, then rename. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new FunnelError('OUTPUT_FAILED', `cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
      where: { file: path },
    });
  }
}

/** Writes the result once: to --out when given, else stdout. */
export function emit(text: string, out: string | undefined): void {
  if (out) writeFileAtomic(out, text);
  else writeStdout(text);
}
