import { readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { configFileFor } from '../config/find.js';

// A worker thread takes about 150 ms to start (Node sets up a new isolate, then loads the
// worker's code) before it reads a record. Started with the process, when a file named on the
// command line is large enough to be read on two threads (split.ts), it is ready by the time this
// thread has loaded its code and config and reached the file's header; started with the run, for
// a file the config names, it has less of its start left there. Either way the file is cut
// nearer its middle. A worker not taken is stopped once the run knows it will not be.
//
// Which files a run reads is known only once its config is loaded, about 150 ms in. So with the
// process, the config's text is also looked through for the paths its sources name (no YAML
// parser: that is what takes the time), and a large file among them starts the worker as a file
// named on the command line does. It is a guess that only decides when the worker starts: the
// run still decides which files it reads and whether one is split.

/** Files below this size are read on one thread (FUNNEL_SPLIT_MIN_BYTES changes it). */
export const MIN_SPLIT_BYTES = 48 * 1024 * 1024;

/** Names that are never a plain CSV file: a worker started for them would only be stopped. */
const NOT_CSV = /\.(gz|xlsx|xlsm|xls|json|ndjson|jsonl|zip)$/i;

/** The share of the file this thread reads when the worker was started with the process (split.ts has the other). */
export const WARM_SHARE = 0.5;
/** The share when it was started once the run knew its files, and has some of its start-up left at the file's header. */
const LATE_SHARE = 0.52;

/** A cut found by the worker started with the process, for a file of `size` bytes. */
export interface KnownCut {
  at: number;
  recordDelimiter: '\n' | '\r\n';
  size: number;
}

/** What a worker started before its job is given: the file whose cut it finds (null: none), at `share`. */
export interface WarmStart {
  prestart: string | null;
  share: number;
}

let warm: { worker: Worker; isDead: boolean; path: string; cut: Promise<KnownCut | null>; isEarly: boolean } | null = null;

/**
 * Starts split-worker.ts, with its job, or with the file it may be given later (WarmStart). Its young generation is kept
 * small: it streams, so little survives a scavenge, and the default (up to 48 MB) only added to
 * the peak (1 M rows on two threads: 156 → 140 MB, no slower; docs/performance.md).
 */
export function startSplitWorker(job: object): Worker {
  return new Worker(new URL('./split-worker.js', import.meta.url), { workerData: job, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
}

/** Whether this process may read on two threads (`cores`: what it may use). */
export function mayUseTwoThreads(env: NodeJS.ProcessEnv, cores = availableParallelism()): boolean {
  return env.FUNNEL_THREADS !== '1' && cores >= 2;
}

/** A size in bytes from a test's variable (digits only), else `fallback`. */
export function bytesFrom(value: string | undefined, fallback: number): number {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : fallback;
}

/**
 * Starts the split worker now when one of `args` names a regular file of the splitting size, or
 * else, for a command that reads the config's sources, the config's text does (configPaths): a
 * guess, whether the file is split is decided at its header. Its code loads while this thread
 * loads its own, and it finds the file's cut; then it waits for its job (split.ts's SplitPart).
 */
export function prestartSplitWorker(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void {
  if (warm !== null || !mayUseTwoThreads(env)) return;
  const named = largeFile(
    args.filter((arg) => !arg.startsWith('-')).map((arg) => resolve(cwd, arg)),
    env,
  );
  const path = named ?? (readsSources(args) ? largeFile(configPaths(args, cwd), env) : null);
  if (path !== null) start(path, true);
}

/** Whether the command of `args` reads the config's sources: the `needed --ratios` calculator reads no data. */
function readsSources(args: readonly string[]): boolean {
  const command = args.find((arg) => !arg.startsWith('-'));
  if (command === 'needed') return !args.some((arg) => arg === '--ratios' || arg.startsWith('--ratios='));
  return command === 'report' || command === 'trend' || command === 'email';
}

/** Configs larger than this are not looked through (a config is a few KB). */
const CONFIG_PEEK_BYTES = 256 * 1024;
/** Folders of more entries than this are not listed for a source's pattern. */
const PEEK_ENTRIES = 10_000;
// `path: activities*.csv`, `- path: "exports/q4.csv"`, `{ path: 'a.csv', … }`, `"path": "a.csv"`.
const PATH_ENTRY = /(?:^|[\s{,])["']?path["']?\s*:\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'#,{}\[\]][^#,{}\n]*))/gm;

/**
 * The files the sources of the run's config name, as far as its text shows them: a path, or a
 * pattern with `*` and `?` in its file name only. Paths are relative to the config's folder.
 */
export function configPaths(args: readonly string[], cwd: string): string[] {
  const at = args.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
  const config = at < 0 ? undefined : args[at].startsWith('--config=') ? args[at].slice('--config='.length) : args[at + 1];
  let text: string;
  let dir: string;
  try {
    const file = configFileFor({ config }, cwd);
    if (file === null || statSync(file.path).size > CONFIG_PEEK_BYTES) return [];
    text = readFileSync(file.path, 'utf8');
    dir = dirname(file.path);
  } catch {
    return [];
  }
  const paths: string[] = [];
  for (const m of text.matchAll(PATH_ENTRY)) {
    const written = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (written !== '') paths.push(...filesOf(resolve(dir, written)));
  }
  return paths;
}

/** The files of a path, or of a pattern with `*` and `?` in its last part only; none for any other pattern. */
function filesOf(pattern: string): string[] {
  const name = basename(pattern);
  const folder = dirname(pattern);
  if (/[*?[\]{}!]/.test(folder) || /[[\]{}!]/.test(name)) return [];
  if (!/[*?]/.test(name)) return [pattern];
  const re = new RegExp(`^${name.replace(/[.+^$()|\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`);
  try {
    const entries = readdirSync(folder);
    if (entries.length > PEEK_ENTRIES) return [];
    return entries.filter((entry) => re.test(entry)).map((entry) => resolve(folder, entry));
  } catch {
    return [];
  }
}

/**
 * As prestartSplitWorker, for the files a run is about to read (its config's sources): too late
 * to find the cut before this thread needs it, the worker only loads its code meanwhile.
 */
export function prestartForInputs(paths: readonly string[], env: NodeJS.ProcessEnv): void {
  const path = largeFile(
    paths.map((p) => resolve(p)),
    env,
  );
  if (path !== null) start(path, false);
}

/** The first of `paths` that may be split by its name and size, unless a worker was started or two threads are not to be used. */
function largeFile(paths: string[], env: NodeJS.ProcessEnv): string | null {
  if (warm !== null || !mayUseTwoThreads(env)) return null;
  const min = Math.max(1, bytesFrom(env.FUNNEL_SPLIT_MIN_BYTES, MIN_SPLIT_BYTES));
  const found = paths.find((path) => {
    if (NOT_CSV.test(path)) return false;
    try {
      const st = statSync(path);
      return st.isFile() && st.size >= min;
    } catch {
      return false;
    }
  });
  return found ?? null;
}

function start(path: string, isEarly: boolean): void {
  let worker: Worker;
  try {
    worker = startSplitWorker({ prestart: isEarly ? path : null, share: WARM_SHARE } satisfies WarmStart);
  } catch {
    return;
  }
  // Its first message is the file's cut (split.ts's cutFor); a worker that fails has none.
  let settle: (cut: KnownCut | null) => void = () => {};
  const cut = isEarly ? new Promise<KnownCut | null>((resolve) => (settle = resolve)) : Promise.resolve(null);
  const started = { worker, isDead: false, path, cut, isEarly };
  // Until it is taken, nothing waits for it: the process may end without it, and its failure only means it is not used.
  worker.unref();
  if (isEarly) worker.once('message', (m: { kind: string; cut?: KnownCut | null }) => settle(m.kind === 'cut' ? (m.cut ?? null) : null));
  const die = () => {
    started.isDead = true;
    settle(null);
  };
  worker.on('error', die);
  worker.on('exit', die);
  warm = started;
}

/** The cut the started worker finds for `path` (it may still be at it); null when it was started for no such file. */
export function warmCut(path: string): Promise<KnownCut | null> {
  return warm !== null && warm.path === resolve(path) ? warm.cut : Promise.resolve(null);
}

/** The started worker, for a file about to be split, and whether it started with the process; null when none was started or it failed. */
export function takeWarmWorker(): { worker: Worker; isEarly: boolean } | null {
  const taken = warm;
  warm = null;
  if (taken === null || taken.isDead) return null;
  taken.worker.ref();
  return { worker: taken.worker, isEarly: taken.isEarly };
}

/** The share of the file this thread reads when a started worker waits (null: none waits). */
export function warmShare(): number | null {
  if (warm === null || warm.isDead) return null;
  return warm.isEarly ? WARM_SHARE : LATE_SHARE;
}

/** Stops a started worker no file will take. */
export function dropWarmWorker(): void {
  const dropped = warm;
  warm = null;
  if (dropped !== null && !dropped.isDead) void dropped.worker.terminate();
}
