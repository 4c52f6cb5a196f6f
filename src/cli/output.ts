import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { FunnelError } from '../errors.js';
import type { CliStreams } from './common.js';
import { createTemp, releaseTemp, removeTemp } from './temp-files.js';

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

/** Characters written to stdout at a time: a large document is never encoded whole into one buffer. */
const STDOUT_CHUNK = 1 << 20;

/** Text to write: one string, or pieces of it (a large document rendered a part at a time). */
export type Output = string | Iterable<string>;

/**
 * Writes to stdout without process.exit, so piped output is never cut; a closed pipe ends quietly.
 * A reader slower than funnel (`funnel report --format json | jq`) is waited for: the next piece
 * is rendered once the stream has taken the last, so a document rendered a part at a time is
 * never held whole in the stream's queue.
 */
export async function writeStdout(text: Output, stdout: NodeJS.WritableStream): Promise<void> {
  try {
    for (const piece of batches(text, STDOUT_CHUNK)) {
      // A reader that went away (EPIPE) destroyed the stream: the rest has nowhere to go.
      if (isGone(stdout)) return;
      if (!stdout.write(piece)) await drained(stdout);
    }
  } catch (err) {
    throw err instanceof RenderError ? err.thrown : err;
  }
}

function isGone(stream: NodeJS.WritableStream): boolean {
  return Boolean((stream as { destroyed?: boolean }).destroyed);
}

/** Resolves when `stream` has room again, or will never have (closed, failed). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/**
 * An error thrown by the code that renders an output while it is written (pieces are rendered on
 * demand): not a failure to write, so it is passed on as it was thrown.
 */
class RenderError extends Error {
  constructor(readonly thrown: unknown) {
    super('an output failed to render');
  }
}

/** The pieces of `text`, an error of their making wrapped in a RenderError. */
function* rendered(text: Iterable<string>): Generator<string> {
  const it = text[Symbol.iterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = it.next();
    } catch (err) {
      throw new RenderError(err);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** `err` as the write failure `outputFailed` names, unless it came from rendering: then as thrown. */
function writeFailed(shown: string, err: unknown): unknown {
  return err instanceof RenderError ? err.thrown : outputFailed(shown, err);
}

/**
 * Characters of rendered pieces joined into one write. Small, so that the pieces die young: while
 * a megabyte of them was gathered, they outlived the young generation's collections and filled
 * the old one (a 12,000-rep JSON report: 65 MB more heap before a full collection).
 */
const JOINED_CHUNK = 1 << 16;

/** The output in pieces of at most `size` UTF-16 units: a string cut, rendered pieces joined up to JOINED_CHUNK (a larger one cut). */
function* batches(text: Output, size: number): Generator<string> {
  if (typeof text === 'string') return yield* chunks(text, size);
  let batch = '';
  for (const piece of rendered(text)) {
    batch += piece;
    if (batch.length >= Math.min(size, JOINED_CHUNK)) {
      yield* chunks(batch, size);
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

/** `text` in pieces of at most `size` UTF-16 units, never cutting a surrogate pair. */
export function* chunks(text: string, size: number): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - at > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(at, end);
    at = end;
  }
}

/** A file that `--out` and `--rejects` must never replace: an input, the config, the targets. */
export interface ProtectedFile {
  path: string;
  /** The path as shown to the user, when it differs from `path`. */
  shown?: string;
  /** What it is, for the message: `an input file`, `the config file`. */
  what: string;
}

/**
 * Where an output goes:
 * - `fd`: `-`, /dev/stdout, /dev/stderr, /dev/fd/N: written to that descriptor, never reopened;
 * - `through`: a device, FIFO or socket (or a symlink to one): opened and written in place;
 * - `atomic`: a regular file or a new path: a temp file beside it, renamed over it. `path` is the
 *   real file a symlink leads to (the link stays a link), `mode` and `owner` those of the file it
 *   replaces (null for a new file).
 */
export type OutputTarget =
  | { kind: 'fd'; fd: number; path: string }
  | { kind: 'through'; path: string }
  | { kind: 'atomic'; path: string; mode: number | null; owner: { uid: number; gid: number } | null };

const FD_PATH = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/;

function outputFailed(path: string, err: unknown, what = 'cannot write'): FunnelError {
  return new FunnelError('OUTPUT_FAILED', `${what} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
    where: { file: path },
    hint: 'check that the folder exists and that you may write there',
  });
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The path a chain of symlinks ends at, whether or not it exists. */
function linkTarget(path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const st = lstatOrNull(current);
    if (!st?.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

/** Decides how `path` (as given; relative to `cwd`) is written, refusing to replace a protected file. */
export function outputTarget(path: string, opts: { cwd: string; flag: string; protect?: ProtectedFile[] }): OutputTarget {
  if (path === '-' || path === '/dev/stdout') return { kind: 'fd', fd: 1, path };
  if (path === '/dev/stderr') return { kind: 'fd', fd: 2, path };
  const fd = FD_PATH.exec(path);
  if (fd) return { kind: 'fd', fd: Number(fd[1]), path };
  const abs = resolve(opts.cwd, path);
  let target: OutputTarget;
  let st: Stats | null;
  try {
    const own = lstatOrNull(abs);
    // A symlink is followed: its target is written (or created), the link stays.
    st = own?.isSymbolicLink() ? (statOrNull(abs) ?? null) : own;
    const real = own?.isSymbolicLink() ? (st ? realpathSync(abs) : linkTarget(abs)) : abs;
    if (st === null || st.isFile()) {
      target = {
        kind: 'atomic',
        path: real,
        mode: st ? st.mode & 0o777 : null,
        owner: st ? { uid: st.uid, gid: st.gid } : null,
      };
    } else if (st.isDirectory()) {
      throw new FunnelError('OUTPUT_FAILED', `${opts.flag} names a folder`, { where: { file: path }, hint: `name a file, e.g. ${opts.flag} ${path.replace(/\/+$/, '')}/report.txt` });
    } else {
      target = { kind: 'through', path: abs };
    }
  } catch (err) {
    if (err instanceof FunnelError) throw err;
    throw outputFailed(path, err);
  }
  if (st) refuseProtected(st, path, opts.flag, opts.protect ?? []);
  return target;
}

/** A USAGE error when `st` (the file an output would replace) is one of `protect`. */
export function refuseProtected(st: Stats, shown: string, flag: string, protect: ProtectedFile[]): void {
  const clash = protect.find((p) => isSameFile(st, p.path));
  if (clash) {
    const name = clash.shown ?? clash.path;
    throw new FunnelError('USAGE', `${flag} ${shown} would overwrite ${clash.what}${name === shown ? '' : ` (${name})`}`, {
      hint: 'write to another file: funnel never replaces its own input',
    });
  }
}

export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function isSameFile(st: Stats, path: string): boolean {
  try {
    const other = statSync(path);
    return other.dev === st.dev && other.ino === st.ino;
  } catch {
    return false;
  }
}

/** Writes all of `text` to an open descriptor, a piece at a time. */
function writeAll(fd: number, text: Output): void {
  for (const piece of batches(text, STDOUT_CHUNK)) {
    const bytes = Buffer.from(piece);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

/** Gives a temp file the mode (and, where permitted, the owner) of the file it replaces. */
export function keepModeAndOwner(fd: number, target: Extract<OutputTarget, { kind: 'atomic' }>): void {
  if (target.mode !== null) fchmodSync(fd, target.mode);
  if (target.owner) {
    try {
      fchownSync(fd, target.owner.uid, target.owner.gid);
    } catch {
      // Only root (or the owner, for the group) may do this; the file is then ours.
    }
  }
}

/** Writes `text` to a target: atomically (temp, fsync, rename) for files, straight through otherwise. */
export async function writeTarget(target: OutputTarget, text: Output, shown: string, streams: CliStreams): Promise<void> {
  if (target.kind === 'fd') {
    if (target.fd === 1) return writeStdout(text, streams.stdout);
    if (target.fd === 2) return writeStdout(text, streams.stderr);
    try {
      return writeAll(target.fd, text);
    } catch (err) {
      throw writeFailed(shown, err);
    }
  }
  if (target.kind === 'through') {
    let fd: number | null = null;
    try {
      fd = openSync(target.path, 'w');
      writeAll(fd, text);
    } catch (err) {
      throw writeFailed(shown, err);
    } finally {
      if (fd !== null) closeSync(fd);
    }
    return;
  }
  let tmp: { path: string; fd: number } | null = null;
  let isOpen = false;
  try {
    tmp = createTemp(target.path);
    isOpen = true;
    keepModeAndOwner(tmp.fd, target);
    writeAll(tmp.fd, text);
    fsyncSync(tmp.fd);
    isOpen = false;
    closeSync(tmp.fd);
    renameSync(tmp.path, target.path);
    releaseTemp(tmp.path);
  } catch (err) {
    if (tmp) {
      if (isOpen) closeSync(tmp.fd);
      removeTemp(tmp.path);
    }
    throw writeFailed(shown, err);
  }
}

/** Writes the result once: to --out when given (`-` is stdout), else stdout; never over a protected file. */
export function emit(io: { cwd: string; streams: CliStreams }, text: Output, out: string | undefined, protect: ProtectedFile[] = []): Promise<void> {
  if (!out) return writeStdout(text, io.streams.stdout);
  return writeTarget(outputTarget(out, { cwd: io.cwd, flag: '--out', protect }), text, out, io.streams);
}
