import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import type { LoadedConfig } from '../config/load.js';
import type { SourceConfig } from '../config/schema.js';
import { FunnelError } from '../errors.js';
import { STDIN, STDIN_DISPLAY } from '../ingest/stdin.js';
import { AUTO, getPreset, PRESETS, unknownPresetMessage } from '../presets/index.js';
import { closest } from '../text.js';

/** One input file and the source (mapping) that reads it. */
export interface InputFile {
  path: string;
  /** The path as shown to the user: relative to the working directory. */
  display: string;
  source: SourceConfig | null;
  /** Config key of the source, e.g. `sources[1]`. */
  sourceKey: string | null;
  /** The preset given with --preset; it replaces detection and any config source. */
  forcedPreset: string | null;
}

/** An input left out because it is a file already read: `file` (as shown) is the same file as `sameAs`. */
export interface DuplicateInput {
  file: string;
  sameAs: string;
}

/** Files a folder given as FILES stands for: data files by extension, hidden files left out. */
const DATA_FILE = /\.(?:csv|tsv|json|ndjson|jsonl|xlsx)(?:\.gz)?$/i;

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function expand(pattern: string, baseDir: string): string[] {
  if (pattern === STDIN) return [STDIN];
  const abs = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
  if (!fg.isDynamicPattern(pattern)) return [abs];
  return fg.sync(fg.convertPathToPattern(baseDir) + '/' + pattern.replace(/^\.\//, ''), { onlyFiles: true, absolute: true, dot: false }).sort();
}

/**
 * The files of a run: the positional FILES (each read by the first config source whose path
 * pattern matches it, else by the preset detected from its headers; a folder stands for the data
 * files in it), or else every config source's files. Order: as given, then as listed.
 * `preset` (--preset) reads every positional file with that preset.
 *
 * Each real file (device and inode, so a symlink or a path written two ways is the same file) is
 * read once: the FILES given twice, or a source whose glob reaches a file twice (a `latest` link
 * beside the folder it points into). `onDuplicate` hears of each one left out. Two different
 * config sources may still read one file (two sheets of a workbook).
 */
export function resolveInputs(
  loaded: LoadedConfig,
  positional: string[],
  cwd: string,
  opts: { preset?: string; onDuplicate?: (d: DuplicateInput) => void } = {},
): InputFile[] {
  const { config } = loaded;
  checkSourcePresets(loaded, cwd);
  const forcedPreset = opts.preset ?? null;
  if (forcedPreset !== null) {
    const problem = unknownPresetMessage(forcedPreset);
    if (problem) throw new FunnelError('USAGE', `--preset: ${problem}`);
    if (positional.length === 0) {
      throw new FunnelError('USAGE', '--preset applies to FILES given on the command line, and none were given', {
        hint: `pass the files, e.g. funnel report --preset ${forcedPreset} exports/calls.csv; for config sources set preset: on the source`,
      });
    }
  }
  if (positional.length === 0) {
    if (config.sources.length === 0) {
      throw new FunnelError('NO_INPUT', 'no input files', {
        hint: loaded.path
          ? `add sources to ${display(loaded.path, cwd)} or pass FILES`
          : 'pass FILES, or create funnel.config.yaml with sources (see the README)',
      });
    }
    const files: InputFile[] = [];
    config.sources.forEach((source, i) => {
      const paths = expand(source.path, loaded.dir);
      if (paths.length === 0) {
        throw new FunnelError('NO_INPUT', `"${source.path}" matched no files`, {
          where: { file: loaded.path ? display(loaded.path, cwd) : undefined, key: `sources[${i}].path` },
          hint: `paths are relative to the config file's folder (${display(loaded.dir, cwd) || '.'})`,
        });
      }
      for (const path of paths) files.push({ path, display: path === STDIN ? STDIN_DISPLAY : display(path, cwd), source, sourceKey: `sources[${i}]`, forcedPreset: null });
    });
    return readOnce(files, (f) => f.sourceKey ?? '', opts.onDuplicate);
  }

  const matchers = config.sources.map((source) => {
    const abs = isAbsolute(source.path) ? source.path : resolve(loaded.dir, source.path);
    const full = picomatch(abs.split('\\').join('/'));
    const base = picomatch(basename(source.path));
    return (p: string) => full(p.split('\\').join('/')) || base(basename(p));
  });
  const files: InputFile[] = [];
  if (positional.filter((a) => a === STDIN).length > 1) throw new FunnelError('USAGE', '"-" (standard input) can be given once');
  for (const arg of positional) {
    if (arg === STDIN) {
      // Standard input is read by a source whose path is "-", else by the preset its headers fit.
      const i = forcedPreset ? -1 : config.sources.findIndex((s) => s.path === STDIN);
      files.push({ path: STDIN, display: STDIN_DISPLAY, source: i >= 0 ? config.sources[i] : null, sourceKey: i >= 0 ? `sources[${i}]` : null, forcedPreset });
      continue;
    }
    const paths = fg.isDynamicPattern(arg) ? expand(arg, cwd) : folderOrFile(resolve(cwd, arg), arg);
    if (paths.length === 0) throw new FunnelError('NO_INPUT', `"${arg}" matched no files`);
    for (const path of paths) {
      // --preset replaces any config source for the files it is given with.
      const i = forcedPreset ? -1 : matchers.findIndex((m) => m(path));
      files.push({
        path,
        display: display(path, cwd),
        source: i >= 0 ? config.sources[i] : null,
        sourceKey: i >= 0 ? `sources[${i}]` : null,
        forcedPreset,
      });
    }
  }
  return readOnce(files, () => '', opts.onDuplicate);
}

/** The device and inode of a file (following symlinks), or null when it cannot be read (reported later). */
function fileIdentity(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return st.ino === 0n ? null : `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** `files` without the ones that are a file already listed within the same `scope`. */
function readOnce(files: InputFile[], scope: (f: InputFile) => string, onDuplicate?: (d: DuplicateInput) => void): InputFile[] {
  const seen = new Map<string, InputFile>();
  return files.filter((f) => {
    const id = fileIdentity(f.path);
    if (id === null) return true;
    const key = `${scope(f)}\0${id}`;
    const first = seen.get(key);
    if (first) {
      onDuplicate?.({ file: f.display, sameAs: first.display });
      return false;
    }
    seen.set(key, f);
    return true;
  });
}

/** A folder stands for the data files directly in it (sorted); anything else is itself. */
function folderOrFile(path: string, arg: string): string[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return [path];
  }
  if (!isDir) return [path];
  const names = readdirSync(path)
    .filter((n) => !n.startsWith('.') && DATA_FILE.test(n) && isFile(join(path, n)))
    .sort();
  if (names.length === 0) {
    throw new FunnelError('NO_INPUT', `the folder "${arg}" holds no data files`, {
      hint: 'funnel reads .csv, .tsv, .json, .ndjson and .xlsx files (optionally .gz); pass them by name otherwise',
    });
  }
  return names.map((n) => join(path, n));
}

/** Every config source's preset must exist and its aliases name the preset's columns; all problems at once. */
function checkSourcePresets(loaded: LoadedConfig, cwd: string): void {
  const details: string[] = [];
  loaded.config.sources.forEach((source, i) => {
    if (source.preset === undefined) return;
    const problem = unknownPresetMessage(source.preset, { isAutoAllowed: true });
    if (problem) {
      details.push(`sources[${i}].preset: ${problem}`);
      return;
    }
    const preset = source.preset === AUTO ? null : getPreset(source.preset);
    const columns = preset ? Object.keys(preset.columns) : [...new Set(PRESETS.flatMap((p) => Object.keys(p.columns)))];
    for (const name of Object.keys(source.aliases ?? {})) {
      if (columns.includes(name)) continue;
      const suggestion = closest(name, columns);
      details.push(
        `sources[${i}].aliases.${name}: ${preset ? `preset ${preset.name} has no column "${name}"` : `no preset has a column "${name}"`}` +
          `${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; its columns are: ${columns.join(', ')}`,
      );
    }
  });
  if (details.length > 0) {
    throw new FunnelError('CONFIG_INVALID', `${details.length} problem${details.length === 1 ? '' : 's'} in the config`, {
      where: { file: loaded.path ? display(loaded.path, cwd) : undefined },
      details,
      hint: '"funnel presets" lists the presets and their columns',
    });
  }
}

/** True when the path exists and is a regular file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
