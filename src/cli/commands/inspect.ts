import { Command, Option } from 'commander';
import { FORMATS, renderInspect, type Format } from '../../report/render.js';
import type { CliContext } from '../common.js';

interface InspectOptions {
  config?: string;
  format: Format;
  out?: string;
  quiet?: boolean;
  color?: boolean;
}

export function inspectCommand(ctx: CliContext): Command {
  return new Command('inspect')
    .summary('what funnel understood of each file: format, encoding, mapping, row accounting, rejects')
    .description(
      'What funnel understood of each file: format, encoding, delimiter, the source that maps it,\n' +
        'headers, rows used / ignored / rejected, date range, reps, and every rejected row with its line.\n' +
        'Uses the config when one is found; never needs one. Keeps up to 10,000 rejections per file in memory.',
    )
    .argument('<files...>', 'files to inspect')
    .option('--config <file>', 'config file (default: the nearest funnel.config.yaml|yml|json upward)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write the result to this file (atomically) instead of stdout')
    .option('--quiet', 'accepted like the other commands; inspect prints nothing on stderr but errors')
    .option('--no-color', 'no colour, even on a terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ funnel inspect exports/calls.csv
  $ funnel inspect exports/*.csv --format json`,
    )
    .action(async (files: string[], opts: InspectOptions) => {
      // Loaded here, not at start-up: `funnel --help` and the other commands need none of it.
      const [{ inspectFiles }, { emit, makeChalk }, { withProgress }] = await Promise.all([
        import('../../run/inspect.js'),
        import('../output.js'),
        import('../progress.js'),
      ]);
      const doc = await withProgress(ctx, opts, files, () => inspectFiles(files, opts, ctx.cwd));
      const chalk = makeChalk(opts, ctx.env, ctx.stdoutIsTTY && !opts.out);
      emit(renderInspect(doc, opts.format, { chalk }), opts.out);
    });
}
