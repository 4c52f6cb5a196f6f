import { Command, Option } from 'commander';
import { addInputOptions, addOutputOptions, protectedFiles, type CliContext, type DataOptions } from '../common.js';

interface ReportOptions extends DataOptions {
  rep: string[];
  engine?: 'streaming' | 'duckdb';
  memory?: string;
}

export function reportCommand(ctx: CliContext): Command {
  const cmd = new Command('report')
    .summary('per-rep funnel for the period: counts, ratios, needed activity, pace, shortfalls')
    .description(
      'Per-rep funnel for the period: counts per stage, activity per close, what the goal needs, pace and shortfalls.\n' +
        'Reads FILES with the config\'s sources or presets detected from their headers;\n' +
        'without FILES, every source in the config.\n' +
        'Streams its input: memory grows with reps × stages × days and with the distinct ids it de-duplicates, not with rows.',
    )
    .argument('[files...]', 'input files or folders (CSV, TSV, JSON, NDJSON, XLSX, .gz); default: the config\'s sources')
    .option('--rep <name>', 'only this rep, in detail (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--fail-on-shortfall', 'exit 3 when any rep is behind pace (a rep who reached the goal never is)')
    .addOption(new Option('--engine <engine>', 'streaming (reads in one pass) or duckdb (the rules compiled to SQL and run by DuckDB, which spills to disk beyond --memory; needs @duckdb/node-api)').choices(['streaming', 'duckdb']).default('streaming'))
    .option('--memory <size>', 'with --engine duckdb: the memory DuckDB may use before it spills to disk, e.g. 2GB (default 1GB)');
  addInputOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ funnel report --as-of 2026-11-18
  $ funnel report --period last-week --format json > week.json
  $ funnel report --rep "Jane Doe"
  $ funnel report exports/calls-*.csv --rejects rejected.csv --strict`,
  );
  cmd.action(async (files: string[], opts: ReportOptions) => {
    // Loaded here, not at start-up: `funnel --help` and the other commands need none of it.
    const [{ renderReport }, { renderJsonStreamed }, { reportDocument, reportStream }, { emit, makeChalk }, { readRun, repFilter }, { documentFor }, { weeklyActivity }] = await Promise.all([
      import('../../report/render.js'),
      import('../../report/json.js'),
      import('../../run/report.js'),
      import('../output.js'),
      import('../read-run.js'),
      import('../terminal.js'),
      import('../../run/weekly.js'),
    ]);
    const chalk = makeChalk(opts, ctx.env, ctx.stdoutIsTTY && !opts.out);
    const run = await readRun(opts, files, ctx);

    const filter = repFilter(run, opts.rep);
    let hasShortfall = false;
    if (opts.format === 'json') {
      // JSON is built and written a rep at a time: thousands of reps are never in memory at once.
      const { doc, reps } = reportStream(run, filter);
      const entries = reps[Symbol.iterator]();
      const next = () => {
        const entry = entries.next();
        if (!entry.done && entry.value.shortfalls.length > 0) hasShortfall = true;
        return entry;
      };
      // No return(): when stdout closes early, the reps left are still read for --fail-on-shortfall.
      await emit(ctx, renderJsonStreamed(doc, 'reps', { [Symbol.iterator]: () => ({ next }) }), opts.out, protectedFiles(run, opts, ctx.cwd));
      if (opts.failOnShortfall) {
        while (!hasShortfall && next().done !== true) {
          // Every rep counts for the exit code, written or not.
        }
      }
    } else {
      const doc = reportDocument(run, filter);
      const weekly = opts.format === 'html' ? weeklyActivity(run, doc.reps.map((r) => r.rep)) : undefined;
      await emit(ctx, renderReport(documentFor(doc, opts.format), opts.format, { chalk, isDetail: filter !== null, weekly }), opts.out, protectedFiles(run, opts, ctx.cwd));
      hasShortfall = doc.reps.some((r) => r.shortfalls.length > 0);
    }
    if (opts.failOnShortfall && hasShortfall) ctx.exit.code = 3;
  });
  return cmd;
}
