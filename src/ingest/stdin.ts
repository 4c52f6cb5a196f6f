import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isatty } from 'node:tty';
import { FunnelError } from '../errors.js';
import type { InputFormat } from './types.js';

// Standard input as a FILE. Every input is opened more than once (detection, the read-ahead that
// decides date formats, the read itself, and a re-read after a broken quote), so stdin is spooled
// once to a private file: a fresh folder only the user can enter (mkdtemp, random name, 0700),
// the file created exclusively with mode 0600, both removed when the process exits, on an error,
// and on SIGINT, SIGTERM or SIGHUP. Buffering in memory instead would bound the input by memory.

/** The FILE argument that stands for standard input. */
export const STDIN = '-';
/** How standard input is named in messages, --rejects and JSON. */
export const STDIN_DISPLAY = '<stdin>';

let format: InputFormat | undefined;
let spool: Promise<string> | null = null;
let folder: string | null = null;

/** --input-format: the format of standard input, instead of sniffing it. */
export function setStdinFormat(value: InputFormat | undefined): void {
  format = value;
}

export function stdinFormat(): InputFormat | undefined {
  return format;
}

/** Path of a private copy of standard input, made on first use (once per process). */
export function spoolStdin(): Promise<string> {
  spool ??= copyStdin();
  return spool;
}

async function copyStdin(): Promise<string> {
  if (isatty(0)) {
    throw new FunnelError('USAGE', '"-" reads standard input, but standard input is a terminal', {
      hint: 'pipe the data in, e.g. gunzip -c calls.csv.gz | funnel report -',
    });
  }
  folder = mkdtempSync(join(tmpdir(), 'funnel-stdin-'));
  watchExit();
  const path = join(folder, 'input');
  const fd = openSync(path, 'wx', 0o600);
  try {
    await pipeline(process.stdin, createWriteStream('', { fd, autoClose: false }));
  } catch (err) {
    throw new FunnelError('FILE_UNREADABLE', `cannot read standard input (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
      where: { file: STDIN_DISPLAY },
    });
  } finally {
    closeSync(fd);
  }
  return path;
}

/** Removes the spooled copy; safe to call more than once. */
export function removeSpool(): void {
  if (folder === null) return;
  try {
    rmSync(folder, { recursive: true, force: true });
  } catch {
    // Nothing more can be done on the way out.
  }
  folder = null;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function watchExit(): void {
  process.once('exit', removeSpool);
  for (const signal of SIGNALS) {
    const onSignal = () => {
      removeSpool();
      // Alone, end as the signal would have; other handlers decide for themselves.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}
