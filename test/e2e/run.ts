import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Repository root and the built binary the e2e tests run. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'funnel.js');
/** The bundle `bin/funnel.js` runs; its `run` is what an in-process run calls. */
const BUNDLE = join(ROOT, 'dist', 'bundle', 'funnel.js');
export const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures');

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** Run the binary in a process of its own even where running it in this one would do. */
  spawn?: boolean;
}

/**
 * Runs the built `funnel` with NO_COLOR=1 TZ=UTC, no TTY, and returns its output and exit code.
 *
 * By default the built bundle's `run` (what `bin/funnel.js` calls) runs inside the test's own process
 * with the given folder, environment and captured streams: each run then costs its work, not a Node
 * start and a module load. A run spawns `bin/funnel.js` instead when it needs what only a process of
 * its own has: standard input (`input`, or `-` among the arguments), a /dev path, an environment
 * variable read outside funnel's context (TZ, TMPDIR, NODE_OPTIONS, NODE_EXTRA_CA_CERTS…),
 * or `spawn: true` (signals, exit status of the process, memory limits). FUNNEL_E2E_SPAWN=1 spawns
 * every run, to check that both ways agree.
 */
export function funnel(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return needsProcess(args, opts) ? spawned(args, opts) : inProcess(args, opts);
}

/** Variables funnel reads from its context's environment (`ctx.env`), so a run in this process sees them. */
const CONTEXT_ENV = new Set(['NO_COLOR', 'FORCE_COLOR', 'TERM', 'CI', 'FUNNEL_REP', 'FUNNEL_STATE_DIR', 'XDG_STATE_HOME', 'HOME', 'FUNNEL_SMTP_URL', 'FUNNEL_MAIL_FROM']);

function needsProcess(args: string[], opts: RunOptions): boolean {
  if (opts.spawn || process.env.FUNNEL_E2E_SPAWN === '1') return true;
  if (opts.input !== undefined || args.includes('-')) return true;
  if (args.some((a) => a.includes('/dev/'))) return true;
  // Commander reads its options' variables from this process's environment first: it must not have its own.
  if (process.env.FUNNEL_SMTP_URL !== undefined || process.env.FUNNEL_MAIL_FROM !== undefined) return true;
  // A variable unset here and in this process changes nothing.
  return Object.entries(opts.env ?? {}).some(([k, v]) => !CONTEXT_ENV.has(k) && !(v === undefined && process.env[k] === undefined));
}

function environment(opts: RunOptions): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', TZ: 'UTC', FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

/** Runs `bin/funnel.js` in a child process. */
export function spawned(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: environment(opts), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ stdout, stderr, code }));
    child.stdin.end(opts.input ?? '');
  });
}

type Run = (argv: string[], io: { cwd: string; env: NodeJS.ProcessEnv; streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } }) => Promise<number>;
let bundle: Promise<{ run: Run }> | undefined;

/** Runs the built bundle's `run` in this process (loaded once per test file, natively: see vitest.config.ts). */
async function inProcess(args: string[], opts: RunOptions): Promise<RunResult> {
  bundle ??= import(/* @vite-ignore */ pathToFileURL(BUNDLE).href) as Promise<{ run: Run }>;
  const { run } = await bundle;
  const stdout = collector();
  const stderr = collector();
  const code = await run([process.execPath, BIN, ...args], { cwd: opts.cwd ?? ROOT, env: environment(opts), streams: { stdout: stdout.stream, stderr: stderr.stream } });
  return { stdout: stdout.text(), stderr: stderr.text(), code };
}

function collector(): { stream: Writable; text: () => string } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, encoding, done) {
      parts.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(parts).toString('utf8') };
}

/** A fresh temporary folder holding `files` (path → content). */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'funnel-test-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** Parses stdout as JSON, failing the test with stderr when it is not. */
export function json<T = any>(r: RunResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}).\nstdout: ${r.stdout.slice(0, 500)}\nstderr: ${r.stderr}`);
  }
}
