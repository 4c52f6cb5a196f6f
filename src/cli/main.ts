import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { FunnelError } from '../errors.js';
import { terminalSafe } from '../text.js';
import { addDateOptions, addPresetOption, formatError, todayLocal, type CliContext } from './common.js';
import { emailCommand } from './commands/email.js';
import { initCommand } from './commands/init.js';
import { inspectCommand } from './commands/inspect.js';
import { neededCommand } from './commands/needed.js';
import { presetsCommand } from './commands/presets.js';
import { reportCommand } from './commands/report.js';
import { sqlCommand } from './commands/sql.js';
import { trendCommand } from './commands/trend.js';
import { cleanTempsOnExit, removeAllTemps } from './temp-files.js';
import { prestartSplitWorker } from '../run/warm-worker.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Exit status of an internal error, a bug in funnel. The contract's codes are 0-3 and an internal
 * error is a runtime error (1); its own message, not its status, tells it from an input error.
 */
export const EXIT_INTERNAL = 1;

const EXIT_CODES = `
Exit codes:
  0  success
  1  input or runtime error (unreadable file, rejected rows under --strict)
  2  usage or config error
  3  a shortfall was found and --fail-on-shortfall was given`;

export function buildProgram(ctx: CliContext): Command {
  const { stdout, stderr } = ctx.streams;
  const output = {
    writeOut: (s: string) => stdout.write(s),
    // Commander quotes argv back (an unknown option, a bad choice): made terminal-safe too.
    writeErr: (s: string) => stderr.write(terminalSafe(s, { isNewlineKept: true })),
    getOutHelpWidth: () => columnsOf(stdout),
    getErrHelpWidth: () => columnsOf(stderr),
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  const program = new Command('funnel')
    .description('Sales activity funnel reports from the CRM exports you already have.')
    .version(version(), '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ ...output, outputError: (s, write) => write(`funnel: ${s.replace(/^error: /, 'error: ')}`) })
    .exitOverride()
    .addHelpText('after', `${EXIT_CODES}\n\nRun "funnel <command> --help" for a command's options and examples.`);
  for (const cmd of [reportCommand(ctx), neededCommand(ctx), addDateOptions(addPresetOption(inspectCommand(ctx))), initCommand(ctx), emailCommand(ctx), trendCommand(ctx), presetsCommand(ctx), sqlCommand(ctx)]) {
    cmd.exitOverride();
    cmd.configureOutput({ ...output, outputError: (s, write) => write(`funnel: ${s}`) });
    program.addCommand(cmd);
  }
  program.hook('preAction', (_program, action) => optionsFromEnv(action, ctx.env));
  return program;
}

/**
 * Options declared with `.env(NAME)` read the run's environment: commander reads the process's,
 * which is the same one when funnel runs as a program, but not when `run` is given its own. An
 * option given on the command line, or found by commander, is left as it is. (Those options take
 * their value as it is: none of them has a parser.)
 */
function optionsFromEnv(cmd: Command, env: NodeJS.ProcessEnv): void {
  for (const option of cmd.options) {
    const name = option.attributeName();
    const value = option.envVar ? env[option.envVar] : undefined;
    const source = cmd.getOptionValueSource(name);
    if (value !== undefined && (source === undefined || source === 'default')) cmd.setOptionValueWithSource(name, value, 'env');
  }
}

/** A terminal's width for help text; commander's default (80) for a pipe or file. */
function columnsOf(stream: NodeJS.WritableStream): number {
  return (stream as { columns?: number }).columns || 80;
}

/** The one place that decides the process's exit status. */
export async function main(argv: string[]): Promise<void> {
  // A reader that goes away (`funnel report | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  // No temp file (--out, --rejects) outlives the process, however it ends.
  cleanTempsOnExit();
  // A large CSV file named on the command line: its second reader starts loading now.
  prestartSplitWorker(argv.slice(2), process.cwd(), process.env);
  process.exitCode = await run(argv, { cwd: process.cwd(), env: process.env, streams: { stdout: process.stdout, stderr: process.stderr } });
}

/**
 * Runs one command line (`argv` as process.argv: node, script, arguments) in this process with the
 * given working folder, environment and output streams, and returns its exit status. `main` runs it
 * with the process's own; a program embedding funnel (or a test) can pass its own.
 */
export async function run(argv: string[], io: Pick<CliContext, 'cwd' | 'env' | 'streams'>): Promise<number> {
  const { stdout, stderr } = io.streams;
  const ctx: CliContext = {
    ...io,
    today: todayLocal(),
    stdoutIsTTY: isTTY(stdout),
    stderr: (line, paint) => stderr.write(`${paint ? paint(terminalSafe(line)) : terminalSafe(line)}\n`),
    writeStderr: (text) => stderr.write(text),
    stderrIsTTY: isTTY(stderr),
    exit: { code: 0 },
  };
  try {
    const program = buildProgram(ctx);
    if (argv.length <= 2) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync(argv);
    return ctx.exit.code;
  } catch (err) {
    return exitCodeFor(err, ctx);
  } finally {
    removeAllTemps();
  }
}

function isTTY(stream: NodeJS.WritableStream): boolean {
  return Boolean((stream as { isTTY?: boolean }).isTTY);
}

function exitCodeFor(err: unknown, ctx: CliContext): number {
  if (err instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof FunnelError) {
    ctx.streams.stderr.write(`${formatError(err)}\n`);
    return err.exitCode;
  }
  let funnelVersion: string;
  try {
    funnelVersion = version();
  } catch {
    funnelVersion = '(version unknown)';
  }
  ctx.streams.stderr.write(internalErrorText(err, { isDebug: isDebug(ctx.env), funnelVersion, nodeVersion: process.version }));
  return EXIT_INTERNAL;
}

/** FUNNEL_DEBUG=1 (any value but empty or 0) adds the stack trace to an internal error. */
function isDebug(env: NodeJS.ProcessEnv): boolean {
  return env.FUNNEL_DEBUG !== undefined && env.FUNNEL_DEBUG !== '' && env.FUNNEL_DEBUG !== '0';
}

/**
 * What an unexpected exception prints: that it is a bug in funnel, not in the input, and what a
 * report needs. The stack trace only with FUNNEL_DEBUG=1: it means nothing to most users.
 */
export function internalErrorText(err: unknown, info: { isDebug: boolean; funnelVersion: string; nodeVersion: string }): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = [
    `funnel: internal error: ${message.split('\n')[0] || (err instanceof Error ? err.name : 'unknown')}`,
    '  this is a bug in funnel, not a problem with your input or command; please report it',
  ];
  const about = `the command you ran, funnel ${info.funnelVersion}, node ${info.nodeVersion}`;
  if (info.isDebug && err instanceof Error && err.stack) {
    lines.push(...err.stack.split('\n').map((line) => `  ${line.trim()}`));
    lines.push(`  include ${about} and the stack trace above`);
  } else {
    lines.push(`  include ${about} and the stack trace: run the command again with FUNNEL_DEBUG=1`);
  }
  return `${lines.map((line) => terminalSafe(line)).join('\n')}\n`;
}
