import { Command, Option } from 'commander';
import { renderInspectTable } from '../../report/inspect-table.js';
import { inspectFiles } from '../../run/inspect.js';
import type { CliContext } from '../common.js';
import { emit, makeChalk } from '../output.js';

interface InspectOptions {
  config?: string;
  format: 'table' | 'json';
  out?: string;
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
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file>', 'write the result to this file (atomically) instead of stdout')
    .option('--no-color', 'no colour, even on a terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ funnel inspect exports/calls.csv
  $ funnel inspect exports/*.csv --format json`,
    )
    .action(async (files: string[], opts: InspectOptions) => {
      const doc = await inspectFiles(files, opts, ctx.cwd);
      const chalk = makeChalk(opts, ctx.env, ctx.stdoutIsTTY && !opts.out);
      emit(opts.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : renderInspectTable(doc, chalk), opts.out);
    });
}
