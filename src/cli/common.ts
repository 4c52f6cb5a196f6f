import { Option, type Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import { toDateStr } from '../engine/dates.js';
import { FunnelError, formatWhere } from '../errors.js';
import type { RejectedRow } from '../run/pipeline.js';
import type { PreparedRun } from '../run/prepare.js';
import { plural } from '../report/format.js';
import { FORMATS, type Format } from '../report/render.js';
import { RejectsWriter } from './rejects.js';

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
  today: string;
  stdoutIsTTY: boolean;
  stderr: (line: string) => void;
  /** Raw stderr writes (progress line); absent where there is no terminal to draw on. */
  writeStderr?: (text: string) => void;
  stderrIsTTY?: boolean;
  /** Exit status a command asks for on success (3 for --fail-on-shortfall); main applies it. */
  exit: { code: number };
}

export function todayLocal(): string {
  return toDateStr(new Date());
}

/** --preset NAME: read the FILES given with this preset instead of detecting one. */
export function addPresetOption(cmd: Command): Command {
  return cmd.option('--preset <name>', 'read the FILES given with this preset (see "funnel presets") instead of detecting one from their headers');
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
    .option('--period <period>', 'this-week, last-week, this-month, last-month, this-quarter, last-quarter, 2026-11, 2026-W47, 2026-Q4 or 2026-11-01..2026-11-15', 'this-month')
    .option('--as-of <date>', 'the day to report as of, YYYY-MM-DD (default: today)')
    .option('--lookback <days>', 'days of history for ratios (default: lookbackDays in config, else 90)')
    .option('--targets <file>', 'targets CSV: rep,goal[,period][,commit_<stage>...] (overrides the config)')
    .option('--prior-closes <k>', 'blend each rep toward the team as if they had K closes at the team ratio (default: priorCloses, else 2)')
    .option('--rejects <file>', 'write every rejected row (file, line, reason) to this CSV')
    .option('--strict', 'fail (exit 1) when any row is rejected, instead of warning')
    .option('--quiet', 'no warnings on stderr; errors are still printed');
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write the result to this file (atomically) instead of stdout')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR and FORCE_COLOR are honoured too)');
}

/** Sets up --rejects; the returned callbacks feed and finish it. */
export function rejectsSink(path: string | undefined): { onReject?: (r: RejectedRow) => void; finish: () => Promise<void>; abort: () => void } {
  if (!path) return { finish: async () => {}, abort: () => {} };
  const writer = new RejectsWriter(path);
  return { onReject: (r) => writer.add(r), finish: () => writer.close(), abort: () => writer.discard() };
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
  if (opts.quiet) return;
  for (const f of run.data.files) for (const w of f.meta.warnings) ctx.stderr(chalk.yellow(`funnel: warning: ${f.path}: ${w}`));
  if (total > 0) {
    ctx.stderr(chalk.yellow(`funnel: warning: ${plural(total, 'row')} rejected and left out of the numbers:`));
    for (const e of examples) ctx.stderr(e);
    if (total > examples.length) ctx.stderr(`  … and ${total - examples.length} more`);
    ctx.stderr(opts.rejects ? `  every rejected row is in ${opts.rejects}` : '  write them all with --rejects FILE');
  }
}

/** One error as printed on stderr: `funnel: error: where: what`, details, then the fix. */
export function formatError(err: FunnelError): string {
  const where = formatWhere(err.where);
  const lines = [`funnel: error: ${where ? `${where}: ` : ''}${err.message}`];
  for (const d of err.details) lines.push(d.startsWith('  ') ? d : `  ${d}`);
  if (err.hint) lines.push(`  fix: ${err.hint}`);
  return lines.join('\n');
}
