import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { resolveInputs } from '../run/files.js';
import { loadRunConfig } from '../run/context.js';
import { terminalSafe } from '../text.js';
import type { CliContext } from './common.js';

// A progress line on stderr while large inputs are read: only on a terminal, never in CI
// (CI set) or under --quiet, so cron and pipes never see control sequences.

/** Inputs smaller than this in total are read too fast to need a progress line. */
export const LARGE_INPUT_BYTES = 8 * 1024 * 1024;
/** Nothing is drawn before this, nor more often than every THROTTLE_MS. */
const FIRST_DRAW_MS = 300;
const THROTTLE_MS = 100;

/** Where reading stands. */
export interface Progress {
  bytesRead: number;
  totalBytes: number;
  /** The file being read, as shown. */
  file: string | null;
}

/** True on an interactive terminal: stderr a TTY, TERM not dumb, CI unset, not --quiet. */
export function isProgressWanted(opts: { isTTY: boolean; env: NodeJS.ProcessEnv; isQuiet: boolean }): boolean {
  return opts.isTTY && !opts.isQuiet && opts.env.CI === undefined && opts.env.TERM !== 'dumb';
}

function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** `reading 12.3 of 45.6 MB (27%) · calls.csv`. */
export function progressText(p: Progress): string {
  const share = p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 0;
  return `funnel: reading ${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB (${share}%)${p.file ? ` · ${terminalSafe(p.file)}` : ''}`;
}

/** Draws progress on one terminal line, throttled; `done` clears it. */
export function progressLine(write: (text: string) => void, now: () => number = Date.now): { onProgress: (p: Progress) => void; done: () => void } {
  const started = now();
  let last = -Infinity;
  let isDrawn = false;
  return {
    onProgress(p) {
      const t = now();
      if (t - started < FIRST_DRAW_MS || t - last < THROTTLE_MS) return;
      last = t;
      isDrawn = true;
      write(`\r\x1b[2K${progressText(p)}`);
    },
    done() {
      if (isDrawn) write('\r\x1b[2K');
      isDrawn = false;
    },
  };
}

/**
 * Measures reading from the outside: the kernel's offset of each input file this process has
 * open, from /proc/self/fdinfo (Linux). Where /proc is missing, it reports nothing. Files are
 * read one after another, in order, so the ones before the open one are done.
 */
export function watchInputFiles(paths: string[], onProgress: (p: Progress) => void, intervalMs = THROTTLE_MS): () => void {
  const files = paths.map((p) => {
    try {
      return { real: realpathSync(p), name: basename(p), size: statSync(p).size };
    } catch {
      return { real: p, name: basename(p), size: 0 };
    }
  });
  const index = new Map(files.map((f, i) => [f.real, i]));
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  let current = -1;
  const poll = () => {
    const open = openOffsets(index);
    if (open === null) return;
    for (const i of open.keys()) if (i > current) current = i;
    if (current < 0) return;
    const before = files.slice(0, current).reduce((n, f) => n + f.size, 0);
    const here = open.get(current) ?? files[current].size;
    onProgress({ bytesRead: before + Math.min(here, files[current].size), totalBytes, file: files[current].name });
  };
  const timer = setInterval(poll, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Offsets of the open files among `index`, by their position in it; null without /proc. */
function openOffsets(index: Map<string, number>): Map<number, number> | null {
  let fds: string[];
  try {
    fds = readdirSync('/proc/self/fd');
  } catch {
    return null;
  }
  const out = new Map<number, number>();
  for (const fd of fds) {
    try {
      const i = index.get(readlinkSync(`/proc/self/fd/${fd}`));
      if (i === undefined) continue;
      const pos = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
      if (pos) out.set(i, Math.max(out.get(i) ?? 0, Number(pos[1])));
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return out;
}

/**
 * Runs `task` (which reads the inputs) with a progress line when it is wanted and the inputs are
 * large. The inputs are resolved here only to size them; any problem is left for `task` to report.
 */
export async function withProgress<T>(ctx: CliContext, opts: { config?: string; quiet?: boolean }, files: string[], task: () => Promise<T>): Promise<T> {
  const write = ctx.writeStderr;
  if (!write || !isProgressWanted({ isTTY: ctx.stderrIsTTY ?? false, env: ctx.env, isQuiet: Boolean(opts.quiet) })) return task();
  let paths: string[];
  try {
    paths = resolveInputs(loadRunConfig(opts, ctx.cwd), files, ctx.cwd).map((f) => f.path);
  } catch {
    return task();
  }
  const total = paths.reduce((n, p) => {
    try {
      return n + statSync(p).size;
    } catch {
      return n;
    }
  }, 0);
  if (total < LARGE_INPUT_BYTES) return task();
  const line = progressLine(write);
  const stop = watchInputFiles(paths, line.onProgress);
  try {
    return await task();
  } finally {
    stop();
    line.done();
  }
}
