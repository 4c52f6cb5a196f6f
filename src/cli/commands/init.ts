import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Command } from 'commander';
import { FunnelError } from '../../errors.js';
import type { describeCandidates } from '../../presets/detect.js';
import type { FileProfile, GuessedMapping } from '../../presets/guess.js';
import type { InitFile, InitSource } from '../../presets/init-config.js';
import type { FileResult } from '../../run/pipeline.js';
import { addPresetOption, duplicateWarning, type CliContext } from '../common.js';

interface InitOptions {
  force?: boolean;
  preset?: string;
  out?: string;
}

const DATA_FILE = /\.(?:csv|tsv|json|ndjson|jsonl|xlsx)(?:\.gz)?$/i;
const PROJECT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'jsconfig.json'];

/** Data files in `dir` and its subfolders one level down, but `notData`; hidden folders and node_modules left out. */
function scan(dir: string, notData: ReadonlySet<string>, depth = 1): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory() && depth > 0) out.push(...scan(path, notData, depth - 1));
    else if (st.isFile() && DATA_FILE.test(name) && !notData.has(name)) out.push(path);
  }
  return out;
}

const posix = (p: string) => p.split(sep).join('/');
/** A file name for a one-line message: quoted and escaped when it holds control characters (a newline). */
const printable = (p: string) => (/[\u0000-\u001f\u007f-\u009f]/.test(p) ? JSON.stringify(p) : p);

/** Files read by one preset in one folder become one source, with a glob when one fits exactly. */
function groupSources(files: InitFile[], absolute: Map<InitFile, string>, baseDir: string, matcher: GlobMatcher): InitSource[] {
  const groups = new Map<string, InitFile[]>();
  for (const f of files) {
    const key = `${f.preset}\0${dirname(absolute.get(f)!)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const sources: InitSource[] = [];
  for (const group of groups.values()) {
    const dir = dirname(absolute.get(group[0])!);
    const names = group.map((f) => basename(absolute.get(f)!));
    const glob = group.length > 1 ? globFor(names, readdirSync(dir), matcher) : null;
    if (glob) sources.push({ path: posix(relative(baseDir, join(dir, glob))), files: group });
    else for (const f of group) sources.push({ path: f.path, files: [f] });
  }
  return sources;
}

/** picomatch's signature, passed in: init's libraries load when it runs, not at start-up. */
type GlobMatcher = (glob: string, options: { dot: boolean }) => (name: string) => boolean;

/** `prefix*suffix` of the names, when it matches exactly them among the folder's entries. */
function globFor(names: string[], entries: string[], picomatch: GlobMatcher): string | null {
  let prefix = names[0];
  let suffix = names[0];
  for (const n of names) {
    while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
    while (!n.endsWith(suffix)) suffix = suffix.slice(1);
  }
  if (prefix.length + suffix.length > Math.min(...names.map((n) => n.length))) return null;
  const glob = `${prefix}*${suffix}`;
  if (/[*?[\]{}()!]/.test(prefix + suffix) || prefix === '') return null;
  const isMatch = picomatch(glob, { dot: false });
  const matched = entries.filter((e) => isMatch(e)).sort();
  return matched.length === names.length && matched.every((m, i) => m === [...names].sort()[i]) ? glob : null;
}

function initFile(f: FileResult, path: string, ambiguousDate: string | null, guess: GuessedMapping | null, describe: typeof describeCandidates): InitFile {
  return {
    path,
    preset: f.preset,
    matched: f.detection?.matched ?? [],
    mapping: f.mapping,
    headers: f.meta.headers,
    rows: f.rows,
    dateRange: f.dateRange,
    reps: f.reps,
    events: f.events,
    closest: f.detection && !f.preset ? describe(f.detection.candidates) : [],
    ambiguousDate,
    guess,
  };
}

export function initCommand(ctx: CliContext): Command {
  const cmd = new Command('init')
    .summary('write a commented funnel.config.yaml from sample exports, whatever their shape')
    .description(
      'Reads sample exports, picks the preset that fits each one (as report does for\n' +
        'files without a config source) and writes a commented funnel.config.yaml: a\n' +
        'source per kind of export (a glob for several files of one kind in a folder)\n' +
        'with the mapping its preset resolved, the stages they produce, and the reps\n' +
        'found, with empty goals. A file no preset fits gets a source guessed from its\n' +
        'headers and values (rep, date, id and created columns), the values of its\n' +
        'columns with few of them, and rules proposed from values that look like stages\n' +
        'or outcomes, commented out. Without FILES it reads the data files here and one\n' +
        'folder down. Reads every row, to find the reps. Never overwrites a file\n' +
        'without --force.',
    )
    .argument('[files...]', 'sample exports (default: .csv/.tsv/.json/.ndjson/.xlsx files here and one folder down)')
    .option('--force', 'overwrite an existing config file')
    .option('--out <file>', 'where to write (default: funnel.config.yaml in this folder); - writes to stdout');
  addPresetOption(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ funnel init
  $ funnel init exports/*.csv
  $ funnel init --preset salesforce-report-activities report1733312345.csv
  $ funnel init --out - exports/      # print it instead`,
  );
  cmd.action(async (files: string[], opts: InitOptions) => {
    // Loaded here, not at start-up: `funnel --help` and the other commands need none of it.
    const [{ default: yaml }, { CONFIG_NAMES, defaultConfig }, { configSchema }, { FileProfile, guessMapping }, { initConfigText }, { resolveInputs }, { ingest }, { emit }, { default: picomatch }, { describeCandidates }, { headerKey }] =
      await Promise.all([
        // yaml is CommonJS: its default export is the module, as Node and the bundle both give it.
        import('yaml'),
        import('../../config/load.js'),
        import('../../config/schema.js'),
        import('../../presets/guess.js'),
        import('../../presets/init-config.js'),
        import('../../run/files.js'),
        import('../../run/pipeline.js'),
        import('../output.js'),
        import('picomatch'),
        import('../../presets/detect.js'),
        import('../../presets/match.js'),
      ]);
    const target = opts.out === '-' ? null : resolve(ctx.cwd, opts.out ?? CONFIG_NAMES[0]);
    const shown = target ? posix(relative(ctx.cwd, target)) || target : '-';
    if (target && existsSync(target) && !opts.force) {
      throw new FunnelError('USAGE', `${shown} already exists; funnel init does not overwrite it`, {
        hint: 'pass --force to replace it, or --out FILE to write the new config elsewhere',
      });
    }
    const baseDir = target ? dirname(target) : ctx.cwd;
    const paths = files.length > 0 ? files : scan(ctx.cwd, new Set([...CONFIG_NAMES, ...PROJECT_FILES])).map((p) => relative(ctx.cwd, p));
    if (paths.length === 0) {
      throw new FunnelError('NO_INPUT', 'no data files here to learn from', { hint: 'pass sample exports: funnel init exports/*.csv' });
    }

    const loaded = defaultConfig(ctx.cwd);
    const inputs = resolveInputs(loaded, paths, ctx.cwd, { preset: opts.preset, onDuplicate: (d) => ctx.stderr(duplicateWarning(d)) });
    const learned: InitFile[] = [];
    const absolute = new Map<InitFile, string>();
    let targets: string | null = null;
    for (const input of inputs) {
      if (target && resolve(input.path) === target) continue;
      const seen: { mapped: FileResult | null; profile: FileProfile | null } = { mapped: null, profile: null };
      let ambiguousDate: string | null = null;
      let result: FileResult;
      try {
        const data = await ingest(loaded, [input], {
          isUnrecognizedAllowed: true,
          keepRejects: 0,
          onMapped: (f) => (seen.mapped = f),
          // Each file is profiled as it is read: a mapping is guessed from the values when no
          // preset fits, and rules are proposed when the preset's count nothing.
          onRecord: (f, record) => (seen.profile ??= new FileProfile(f.meta.headers)).add(record),
        });
        result = data.files[0];
        if (result.dateProblem) ambiguousDate = /"([^"]+)"/.exec(result.dateProblem.message)?.[1] ?? '';
      } catch (err) {
        // A file whose dates need a dateFormat is still worth a source: the config says which is needed.
        if (!(err instanceof FunnelError)) throw err;
        if (files.length === 0 && err.code !== 'AMBIGUOUS_DATES') {
          // A stray file found by the scan is not worth stopping for.
          ctx.stderr(`funnel: warning: ${input.display}: skipped: ${err.message}`);
          continue;
        }
        if (err.code !== 'AMBIGUOUS_DATES' || !seen.mapped) throw err;
        ambiguousDate = /"([^"]+)"/.exec(err.message)?.[1] ?? '';
        result = seen.mapped;
      }
      const keys = new Set(result.meta.headers.map(headerKey));
      if (!result.preset && keys.has('rep') && keys.has('goal')) {
        targets = posix(relative(baseDir, input.path));
        continue;
      }
      const counted = Object.values(result.events).some((n) => n > 0);
      const guess = result.preset && counted ? null : guessMapping(seen.profile ?? new FileProfile(result.meta.headers), loaded.config.stages);
      const f = initFile(result, posix(relative(baseDir, input.path)), ambiguousDate, guess, describeCandidates);
      absolute.set(f, input.path);
      learned.push(f);
    }

    const recognized = learned.filter((f) => f.preset);
    const unrecognized = learned.filter((f) => !f.preset);
    const text = initConfigText(
      { sources: groupSources(recognized, absolute, baseDir, picomatch), unrecognized, targets, stages: loaded.config.stages },
      { fileCount: learned.length + (targets ? 1 : 0) },
    );
    // What init writes must load: a failure here is a bug, not a user error.
    const check = configSchema.safeParse(yaml.parse(text));
    if (!check.success) throw new Error(`funnel init wrote a config that does not validate: ${check.error.message}`);

    await emit(ctx, text, target ?? undefined, inputs.filter((i) => i.path !== target).map((i) => ({ path: i.path, what: 'a sample export' })));
    const presets = [...new Set(recognized.map((f) => f.preset))].join(', ');
    const counted = recognized.length > 0 ? `${recognized.length} file${recognized.length === 1 ? '' : 's'} recognised (${presets})` : 'no file recognised by a preset';
    if (target) ctx.stderr(`funnel: wrote ${shown}: ${counted}; next: ${recognized.length > 0 ? 'funnel report' : 'check the guessed columns and uncomment the rules that fit'}`);
    for (const f of unrecognized) {
      const what = f.guess?.columns.rep ? 'its columns were guessed and its rules are proposed, commented out' : 'no column looks like the rep: its source is left commented out';
      ctx.stderr(`funnel: warning: ${printable(f.path)}: no preset recognised it; ${what}`);
    }
  });
  return cmd;
}
