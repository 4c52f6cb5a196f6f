import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { FunnelError } from '../errors.js';

// What `funnel email` has sent, so that a rerun (after a partial failure, or a cron job run
// twice) does not mail anyone twice. One small JSON file per config, in the state directory:
// $FUNNEL_STATE_DIR, else $XDG_STATE_HOME/funnel, else ~/.local/state/funnel. An entry is one
// recipient of one message: the period, the last day it covers, the kind (team digest or a
// rep's own e-mail) and the address. It is written (atomically) after each accepted message.

/** Which message went to whom, for which period. */
export interface SendKey {
  /** The period's label, e.g. `2026-11` or `2026-W47`. */
  period: string;
  /** The last day the message covers: the period's end, or as-of while the period runs. */
  through: string;
  /** `team` for the team digest, `rep` for a rep's own e-mail. */
  kind: 'team' | 'rep';
  /** The rep, for `rep` messages. */
  rep?: string;
  /** The recipient's bare address, lower case. */
  to: string;
}

/** A recorded send. */
export interface SendLogEntry extends SendKey {
  subject: string;
  /** When the server accepted it (ISO 8601). */
  sentAt: string;
}

/** Entries older than this are dropped when the log is written, so it stays small. */
const KEEP_DAYS = 400;

/** The state directory from the environment (see the module comment). */
export function stateDir(env: NodeJS.ProcessEnv): string {
  if (env.FUNNEL_STATE_DIR) return resolve(env.FUNNEL_STATE_DIR);
  if (env.XDG_STATE_HOME) return join(resolve(env.XDG_STATE_HOME), 'funnel');
  return join(env.HOME || homedir(), '.local', 'state', 'funnel');
}

/**
 * The log of one team: named after the config file (its real path) or, without one, the folder
 * funnel runs in, so two teams on one machine keep separate logs.
 */
export function sendLogPath(env: NodeJS.ProcessEnv, configPath: string | null, cwd: string): string {
  let owner = configPath ?? cwd;
  try {
    owner = realpathSync(owner);
  } catch {
    // a path that cannot be resolved still names the log consistently
  }
  const id = createHash('sha256').update(owner).digest('hex').slice(0, 16);
  return join(stateDir(env), `sent-${id}.json`);
}

/** The address inside `Name <addr>`, lower case. */
export function bareAddress(address: string): string {
  return (/<([^>]*)>\s*$/.exec(address)?.[1] ?? address).trim().toLowerCase();
}

function keyOf(k: SendKey): string {
  return [k.period, k.through, k.kind, k.rep ?? '', bareAddress(k.to)].join('\u0000');
}

interface LogFile {
  /** What the log is for, for people reading it. */
  config: string | null;
  entries: SendLogEntry[];
}

/** The entries of the log at `path`; none when it does not exist. */
export function readSendLog(path: string): SendLogEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw logError(path, 'cannot read the send log', err);
  }
  try {
    const parsed = JSON.parse(text) as Partial<LogFile>;
    if (!Array.isArray(parsed.entries)) throw new Error('no "entries" list');
    return parsed.entries.filter((e): e is SendLogEntry => typeof e === 'object' && e !== null && typeof e.to === 'string' && typeof e.period === 'string');
  } catch (err) {
    throw new FunnelError('SEND_LOG_FAILED', `the send log is damaged (${(err as Error).message})`, {
      where: { file: path },
      hint: 'delete the file (the next run then sends everything again) or fix it; FUNNEL_STATE_DIR moves the log elsewhere',
    });
  }
}

/** A set of what was sent, to ask `has` of. */
export function sentSet(entries: SendLogEntry[]): { has: (k: SendKey) => boolean } {
  const keys = new Set(entries.map(keyOf));
  return { has: (k) => keys.has(keyOf(k)) };
}

/** Makes sure the log's folder exists and a file can be written there, before anything is sent. */
export function checkWritable(path: string): void {
  const probe = `${path}.${randomBytes(6).toString('hex')}.probe`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(probe, '', { flag: 'wx', mode: 0o600 });
    rmSync(probe, { force: true });
  } catch (err) {
    removeQuietly(probe);
    throw logError(path, 'cannot write the send log, so a rerun could not tell what was sent; nothing was sent', err);
  }
}

/**
 * Adds `added` to the log at `path`: re-read, merged (an entry replaces an older one with the same
 * key), entries older than KEEP_DAYS dropped, written to a temp file and renamed over the log.
 */
export function recordSent(path: string, added: SendLogEntry[], meta: { config: string | null; now: Date }): void {
  const byKey = new Map<string, SendLogEntry>();
  const oldest = meta.now.getTime() - KEEP_DAYS * 86_400_000;
  for (const e of [...readSendLog(path), ...added]) {
    const at = Date.parse(e.sentAt);
    if (Number.isNaN(at) || at >= oldest) byKey.set(keyOf(e), e);
  }
  const file: LogFile = { config: meta.config, entries: [...byKey.values()] };
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    renameSync(tmp, path);
  } catch (err) {
    removeQuietly(tmp);
    throw logError(path, 'cannot write the send log', err);
  }
}

/** Removes a temp file on a failure path; the failure being reported matters more than this one. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // e.g. ENOTDIR: there was never a file
  }
}

function logError(path: string, what: string, err: unknown): FunnelError {
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new FunnelError('SEND_LOG_FAILED', `${what} (${reason})`, {
    where: { file: path },
    hint: 'make the folder writable, or set FUNNEL_STATE_DIR to a folder that is',
  });
}
