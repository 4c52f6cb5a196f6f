import { Command, Option } from 'commander';
import { FunnelError } from '../../errors.js';
import type { PresetEntry, PresetsDocument } from '../../presets/catalog.js';
import type { CliContext } from '../common.js';

interface PresetsOptions {
  format: 'table' | 'json';
  out?: string;
}

function renderEntry(p: PresetEntry): string {
  const lines = [`${p.name}: ${p.title}`, `  from: ${p.origin}`, `  stages: ${p.stages.join(', ')}`, '  columns (* required), the headers recognised for each:'];
  const width = Math.max(...p.columns.map((c) => c.name.length));
  for (const c of p.columns) lines.push(`  ${c.required ? '*' : ' '} ${c.name.padEnd(width)}  ${c.aliases.join(' | ')}`);
  if (p.anyOf.length > 0) lines.push(`  needs at least one of: ${p.anyOf.join(', ')}`);
  if (p.fileNames.length > 0) lines.push(`  file names that hint at it: ${p.fileNames.map((f) => `/${f}/`).join(' ')}`);
  for (const [name, values] of Object.entries(p.values)) lines.push(`  ${name}: ${values.join(', ')}`);
  return lines.join('\n');
}

function renderPresets(doc: PresetsDocument): string {
  return `${doc.presets.map(renderEntry).join('\n\n')}\n\nMatching: ${doc.matching}.\nSee docs/presets.md for what each preset counts and why.\n`;
}

export function presetsCommand(ctx: CliContext): Command {
  void ctx;
  return new Command('presets')
    .summary('list the built-in presets and the headers each one recognises')
    .description(
      'Lists the built-in presets: the export each one reads, the stages it produces\n' +
        'and, for each of its columns, the header spellings it recognises. A file\n' +
        'without a config source gets the preset whose required columns it has (the\n' +
        'most columns found wins). Give NAME for one preset.',
    )
    .argument('[name]', 'one preset to show')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file>', 'write the result to this file (atomically) instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ funnel presets
  $ funnel presets hubspot-calls
  $ funnel presets --format json`,
    )
    .action(async (name: string | undefined, opts: PresetsOptions) => {
      // Loaded here, not at start-up: `funnel --help` and the other commands need none of it.
      const [{ presetsDocument }, { getPreset, PRESETS, unknownPresetMessage }, { emit }] = await Promise.all([
        import('../../presets/catalog.js'),
        import('../../presets/index.js'),
        import('../output.js'),
      ]);
      if (name !== undefined) {
        const problem = unknownPresetMessage(name);
        if (problem) throw new FunnelError('USAGE', problem, { hint: `presets are: ${PRESETS.map((p) => p.name).join(', ')}` });
      }
      const doc = presetsDocument(name === undefined ? PRESETS : [getPreset(name)!]);
      await emit(ctx, opts.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : renderPresets(doc), opts.out);
    });
}
