import { FunnelError } from '../errors.js';
import { prepareRun, type PreparedRun } from '../run/prepare.js';
import { reportRepNames } from '../run/report.js';
import { closest } from '../text.js';
import { duplicateWarning, protectedFiles, reportInputProblems, type CliContext, type DataOptions } from './common.js';
import { rejectsSink } from './rejects.js';
import type { DuplicateInput } from '../run/files.js';
import { withProgress } from './progress.js';
import { makeChalk } from './output.js';

/**
 * Reads a data command's input: config, files (with progress on a terminal), every rejected row
 * to --rejects, and the input warnings on stderr (or the --strict error): files skipped as read
 * already, then the problems of the files read.
 */
export async function readRun(opts: Omit<DataOptions, 'format'>, files: string[], ctx: CliContext): Promise<PreparedRun> {
  const rejects = rejectsSink(opts.rejects, ctx);
  let run: PreparedRun;
  const duplicates: DuplicateInput[] = [];
  try {
    run = await withProgress(ctx, opts, files, () =>
      prepareRun(opts, files, { cwd: ctx.cwd, today: ctx.today, onReject: rejects.onReject, onDuplicate: (d) => duplicates.push(d) }),
    );
    await rejects.finish(protectedFiles(run, opts, ctx.cwd));
  } catch (err) {
    rejects.abort();
    throw err;
  }
  const chalk = makeChalk(opts, ctx.env, false);
  if (!opts.quiet) for (const d of duplicates) ctx.stderr(duplicateWarning(d), chalk.yellow);
  reportInputProblems(run, opts, ctx, chalk);
  return run;
}

/**
 * Rep keys for `--rep NAME...`, or null for every rep; a name that is not among `available` (the
 * reps the command shows, by default the report's) is a usage error with a suggestion.
 */
export function repFilter(
  run: PreparedRun,
  names: string[],
  available: () => string[] = () => reportRepNames(run),
  scope = 'in the period or lookback',
): Set<string> | null {
  if (names.length === 0) return null;
  const all = available();
  return new Set(
    names.map((name) => {
      const id = run.data.reps.resolve(name);
      if (!id || !all.some((r) => r.toLowerCase() === id.key)) {
        const suggestion = closest(name, all);
        throw new FunnelError('USAGE', `--rep "${name}": no such rep ${scope}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, {
          hint: all.length ? `reps are: ${all.join(', ')}` : `no reps have events ${scope}`,
        });
      }
      return id.key;
    }),
  );
}
