import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { FORMATS, type Format } from '../../report/formats.js';
import type { DuplicateInput } from '../../run/files.js';
import { duplicateWarning, type CliContext } from '../common.js';

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
      const [{ inspectFiles }, { emit, makeChalk }, { withProgress }, { documentFor }] = await Promise.all([
        import('../../run/inspect.js'),
        import('../output.js'),
        import('../progress.js'),
        import('../terminal.js'),
      ]);
      const { renderInspect } = await import('../../report/render.js');
      // A file given twice (or reached twice through a symlink) is inspected once, and that is said.
      const onDuplicate = (d: DuplicateInput) => {
        if (!opts.quiet) ctx.stderr(duplicateWarning(d), makeChalk(opts, ctx.env, false).yellow);
      };
      const doc = await withProgress(ctx, opts, files, () => inspectFiles(files, { ...opts, onDuplicate }, ctx.cwd));
      const chalk = makeChalk(opts, ctx.env, ctx.stdoutIsTTY && !opts.out);
      const protect = [
        ...doc.files.map((f) => ({ path: resolve(ctx.cwd, f.path), shown: f.path, what: 'an input file' })),
        ...(doc.config ? [{ path: doc.config, what: 'the config file' }] : []),
      ];
      await emit(ctx, renderInspect(documentFor(doc, opts.format), opts.format, { chalk }), opts.out, protect);
    });
}
