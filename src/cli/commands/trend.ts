import { Command } from 'commander';
// The decline rule's thresholds, for the help text (the engine's own constants, so help and code agree).
import { BASELINE_WEEKS, FALLING_WEEKS, MIN_WEEKLY_BASELINE, RECENT_WEEKS, SLIDE_DROP, SLUMP_DROP } from '../../engine/decline-rule.js';
import type { TrendDocument } from '../../model/trend.js';
import { FunnelError } from '../../errors.js';
import { addInputOptions, addOutputOptions, protectedFiles, type CliContext, type DataOptions } from '../common.js';

interface TrendOptions extends DataOptions {
  weeks?: string;
  rep: string[];
}


const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The most weeks `--weeks` takes: every week is a column per rep and stage. */
const MAX_WEEKS = 520;

/** `funnel trend`: options → run → trend → one write. */
export function trendCommand(ctx: CliContext): Command {
  const cmd = new Command('trend')
    .summary('per rep, per week: activity, conversion, sparklines, week-over-week change, declines')
    .description(
      "Per rep and for the team, per week: counts for each tracked stage and each step's conversion, a sparkline " +
        'per row (activity per working day), the change from the week before, and a flag on declining activity. ' +
        'The last week runs to --as-of. Streams its input like report; writes table or json.',
    )
    .argument('[files...]', 'input files or folders (CSV, TSV, JSON, NDJSON, XLSX, .gz); default: the config\'s sources')
    .option('--weeks <n>', 'how many weeks to show (1 to 520), ending with the week of --as-of', '8')
    .option('--rep <name>', 'only this rep (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[]);
  addInputOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ funnel trend --as-of 2026-11-18
  $ funnel trend --weeks 12 --rep "Jane Doe"
  $ funnel trend --format json > trend.json

A stage is flagged as declining when, per working day over complete weeks (weeks off skipped):
  slump  the average of the last ${RECENT_WEEKS} weeks is ${pct(SLUMP_DROP)} or more under the average of the
         ${BASELINE_WEEKS} weeks before them, or
  slide  each of the last ${FALLING_WEEKS} weeks fell and the last is ${pct(SLIDE_DROP)} or more under the week
         the fall began,
and never when that baseline averages under ${MIN_WEEKLY_BASELINE} events a week. The goal stage is not
flagged. See docs/coaching.md.`,
  );
  cmd.action(async (files: string[], opts: TrendOptions) => {
    // Loaded here, not at start-up: `funnel --help` and the other commands need none of it.
    const [{ buildTrend }, { renderTrend }, { numberOption }, { inputSummary }, { emit, makeChalk }, { readRun, repFilter }, { documentFor }] = await Promise.all([
      import('../../engine/trend.js'),
      import('../../report/render.js'),
      import('../../run/context.js'),
      import('../../run/report.js'),
      import('../output.js'),
      import('../read-run.js'),
      import('../terminal.js'),
    ]);
    const weeks = numberOption(opts.weeks, '--weeks', 8, { isInteger: true, min: 1 });
    if (weeks > MAX_WEEKS) throw new FunnelError('USAGE', `--weeks "${opts.weeks}" is more than ${MAX_WEEKS} (ten years)`, { hint: `pass --weeks 1..${MAX_WEEKS}` });
    const chalk = makeChalk(opts, ctx.env, ctx.stdoutIsTTY && !opts.out);
    const run = await readRun(opts, files, ctx);
    const trend = buildTrend({
      tally: run.data.tally,
      stages: run.stages,
      calendar: run.calendar,
      asOf: run.asOf,
      weeks,
      namedReps: run.named,
    });
    const keep = repFilter(run, opts.rep, () => trend.reps.map((r) => r.rep), 'in these weeks');
    if (keep) trend.reps = trend.reps.filter((r) => keep.has(r.rep.toLowerCase()));
    const doc: TrendDocument = { schemaVersion: 1, ...trend, input: inputSummary(run) };
    await emit(ctx, renderTrend(documentFor(doc, opts.format), opts.format, { chalk }), opts.out, protectedFiles(run, opts, ctx.cwd));
  });
  return cmd;
}
