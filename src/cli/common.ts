import { relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import { toDateStr } from '../engine/dates.js';
import { PERIOD_HELP } from '../engine/period-forms.js';
import { FunnelError, formatWhere } from '../errors.js';
import { DEFAULT_LIMITS, formatSize, parseSize, setInputLimits } from '../ingest/limits.js';
import { setStdinFormat } from '../ingest/stdin.js';
import type { InputFormat } from '../ingest/types.js';
import type { PreparedRun } from '../run/prepare.js';
import { plural } from '../report/format.js';
import { FORMATS, type Format } from '../report/formats.js';
import { terminalSafe } from '../text.js';
import type { ProtectedFile } from './output.js';

/** Options shared by report and needed, as commander hands them over. */
export interface DataOptions {
  config?: string;
  preset?: string;
  period?: string;
  asOf?: string;
  lookback?: string;
  targets?: string;
  priorCloses?: string;
  dateFormat?: string;
  monthFirst?: boolean;
  dayFirst?: boolean;
  format: Format;
  out?: string;
  rejects?: string;
  strict?: boolean;
  failOnShortfall?: boolean;
  quiet?: boolean;
  color?: boolean;
}

/** What commands get from the CLI layer: the only place that knows argv, env, clock and streams. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where a command's output goes (`emit`), and --rejects or --out given as `-`, /dev/stdout or /dev/stderr. */
  streams: CliStreams;
  today: string;
  stdoutIsTTY: boolean;
  /**
   * Writes one line to stderr, made terminal-safe (control characters from data shown as visible
   * escapes, see terminalSafe); `paint` (our own colour) is applied after that, so only our own
   * escape sequences reach the terminal.
   */
  stderr: (line: string, paint?: (text: string) => string) => void;
  /** Raw stderr writes (progress line); absent where there is no terminal to draw on. */
  writeStderr?: (text: string) => void;
  stderrIsTTY?: boolean;
  /** Exit status a command asks for on success (3 for --fail-on-shortfall); main applies it. */
  exit: { code: number };
}

/** The process's standard output and error, or a caller's streams when funnel runs inside another program. */
export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function todayLocal(): string {
  return toDateStr(new Date());
}

/** --preset NAME: read the FILES given with this preset instead of detecting one. */
export function addPresetOption(cmd: Command): Command {
  cmd.option('--preset <name>', 'read the FILES given with this preset (see "funnel presets") instead of detecting one from their headers');
  return addReadOptions(cmd);
}

const plain = (bytes: number) => formatSize(bytes).replace(' ', '');

/**
 * How input is read: the format of standard input (FILE "-"), and the limits that bound each
 * input. The limit flags are left out of --help: the error that hits a limit names its flag,
 * and docs/security.md lists them with their defaults.
 */
export function addReadOptions(cmd: Command): Command {
  cmd.addOption(new Option('--input-format <format>', 'format of standard input (FILE "-"), instead of sniffing it').choices(['csv', 'tsv', 'json', 'ndjson', 'xlsx']));
  const hidden = (flags: string, what: string) => cmd.addOption(new Option(flags, what).hideHelp());
  hidden('--max-record-size <size>', `longest CSV record, NDJSON line or JSON element (default: ${plain(DEFAULT_LIMITS.maxRecordSize)})`);
  hidden('--max-decompressed-size <size>', `most a .gz input may expand to (default: ${plain(DEFAULT_LIMITS.maxDecompressedSize)})`);
  hidden('--max-compression-ratio <n>', `most a .gz input may expand, decompressed ÷ compressed (default: ${DEFAULT_LIMITS.maxCompressionRatio})`);
  hidden('--max-json-depth <n>', `deepest nesting in one JSON record (default: ${DEFAULT_LIMITS.maxJsonDepth})`);
  return cmd.hook('preAction', (_cmd, action) => {
    const o = action.opts<{ inputFormat?: InputFormat; maxRecordSize?: string; maxDecompressedSize?: string; maxCompressionRatio?: string; maxJsonDepth?: string }>();
    setStdinFormat(o.inputFormat);
    setInputLimits({
      ...(o.maxRecordSize !== undefined && { maxRecordSize: parseSize(o.maxRecordSize, '--max-record-size') }),
      ...(o.maxDecompressedSize !== undefined && { maxDecompressedSize: parseSize(o.maxDecompressedSize, '--max-decompressed-size') }),
      ...(o.maxCompressionRatio !== undefined && { maxCompressionRatio: positive(o.maxCompressionRatio, '--max-compression-ratio') }),
      ...(o.maxJsonDepth !== undefined && { maxJsonDepth: positive(o.maxJsonDepth, '--max-json-depth') }),
    });
  });
}

function positive(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new FunnelError('USAGE', `${option}: "${text}" is not a whole number ≥ 1`);
  return n;
}

/** --date-format, --month-first, --day-first: for date columns a file cannot settle itself. */
export function addDateOptions(cmd: Command): Command {
  return cmd
    .option('--month-first', 'read dates like 3/4/2025 as 4 March, where the file itself cannot tell')
    .option('--day-first', 'read dates like 3/4/2025 as 3 April, where the file itself cannot tell')
    .option('--date-format <fmt>', 'date-fns format for date columns the file cannot settle, e.g. "M/d/yyyy h:mm a"');
}

export function addInputOptions(cmd: Command): Command {
  cmd.option('--config <file>', 'config file (default: the nearest funnel.config.yaml|yml|json upward)');
  addPresetOption(cmd);
  addDateOptions(cmd);
  return cmd
    .option('--period <period>', PERIOD_HELP, 'this-month')
    .option('--as-of <date>', 'the day to report as of, YYYY-MM-DD (default: today)')
    .option('--lookback <days>', 'days of history for ratios (default: lookbackDays in config, else 90)')
    .option('--targets <file>', 'targets CSV: rep,goal[,period][,commit_<stage>...] (overrides the config)')
    .option('--prior-closes <k>', 'blend each rep toward the team as if they had K closes at the team ratio (default: priorCloses, else 2)')
    .option('--rejects <file>', 'write every rejected row (file, line, reason) to this CSV')
    .option('--strict', 'fail (exit 1) when any row is rejected, the data is stale or a file matches no rule, instead of warning')
    .option('--quiet', 'no warnings on stderr; errors are still printed');
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write the result to this file (atomically) instead of stdout')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR and FORCE_COLOR are honoured too)');
}

/** The files a run read (inputs, config, targets): --out and --rejects refuse to replace them. */
export function protectedFiles(run: PreparedRun, opts: { targets?: string }, cwd: string): ProtectedFile[] {
  const shown = (path: string) => {
    const rel = relative(cwd, path);
    return rel === '' || rel.startsWith('..') ? path : rel;
  };
  const files: ProtectedFile[] = run.data.files.map((f) => ({ path: resolve(cwd, f.path), shown: f.path, what: 'an input file' }));
  if (run.loaded.path) files.push({ path: run.loaded.path, shown: shown(run.loaded.path), what: 'the config file' });
  const targets = opts.targets ? resolve(cwd, opts.targets) : run.loaded.config.targets ? resolve(run.loaded.dir, run.loaded.config.targets) : null;
  if (targets) files.push({ path: targets, shown: shown(targets), what: 'the targets file' });
  return files;
}

/** Warnings about the input on stderr; under --strict, rejected rows stop the run. */
export function reportInputProblems(run: PreparedRun, opts: { strict?: boolean; quiet?: boolean; rejects?: string }, ctx: CliContext, chalk: ChalkInstance): void {
  const rejected = run.data.files.flatMap((f) => f.rejects);
  const total = run.data.rejected;
  const examples = rejected.slice(0, 3).map((r) => `  ${r.file}:${r.line}: ${r.reason}`);
  if (total > 0 && opts.strict) {
    throw new FunnelError('REJECTED_ROWS', `${plural(total, 'row')} rejected (--strict)`, {
      details: [...examples, ...(total > examples.length ? [`  … and ${total - examples.length} more`] : [])],
      hint: opts.rejects ? `every rejected row is in ${opts.rejects}` : 'see them all with --rejects FILE, fix the file or the config, or drop --strict',
    });
  }
  // Input health: stale data and files that matched no rule; errors under --strict.
  const [health, ...more] = run.warnings;
  if (health && opts.strict) {
    throw new FunnelError(health.code, health.message, {
      where: health.file ? { file: health.file } : undefined,
      details: more.map((w) => `also: ${w.file ? `${w.file}: ` : ''}${w.message}`),
      hint: 'fix the input (or --as-of), or drop --strict to get the report with this warning',
    });
  }
  if (opts.quiet) return;
  for (const w of run.warnings) ctx.stderr(`funnel: warning: ${w.file ? `${w.file}: ` : ''}${w.message}`, chalk.yellow);
  for (const f of run.data.files) for (const w of f.meta.warnings) ctx.stderr(`funnel: warning: ${f.path}: ${w}`, chalk.yellow);
  if (total > 0) {
    ctx.stderr(`funnel: warning: ${plural(total, 'row')} rejected and left out of the numbers:`, chalk.yellow);
    for (const e of examples) ctx.stderr(e);
    if (total > examples.length) ctx.stderr(`  … and ${total - examples.length} more`);
    ctx.stderr(opts.rejects ? `  every rejected row is in ${opts.rejects}` : '  write them all with --rejects FILE');
  }
}

/**
 * One error as printed on stderr: `funnel: error: where: what`, details, then the fix. Each line
 * is terminal-safe: a value quoted from the data shows its control characters as escapes.
 */
export function formatError(err: FunnelError): string {
  const where = formatWhere(err.where);
  const lines = [`funnel: error: ${where ? `${where}: ` : ''}${err.message}`];
  for (const d of err.details) lines.push(d.startsWith('  ') ? d : `  ${d}`);
  if (err.hint) lines.push(`  fix: ${err.hint}`);
  return lines.map((line) => terminalSafe(line)).join('\n');
}

/** `funnel: warning: b.csv: skipped: the same file as a.csv (each file is read once)`. */
export function duplicateWarning(d: { file: string; sameAs: string }): string {
  const what = d.file === d.sameAs ? 'given more than once' : `the same file as ${d.sameAs}`;
  return `funnel: warning: ${d.file}: skipped: ${what} (each file is read once)`;
}
