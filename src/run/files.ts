import { statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import type { LoadedConfig } from '../config/load.js';
import type { SourceConfig } from '../config/schema.js';
import { FunnelError } from '../errors.js';

/** One input file and the source (mapping) that reads it. */
export interface InputFile {
  path: string;
  /** The path as shown to the user: relative to the working directory. */
  display: string;
  source: SourceConfig | null;
  /** Config key of the source, e.g. `sources[1]`. */
  sourceKey: string | null;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function expand(pattern: string, baseDir: string): string[] {
  const abs = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
  if (!fg.isDynamicPattern(pattern)) return [abs];
  return fg.sync(fg.convertPathToPattern(baseDir) + '/' + pattern.replace(/^\.\//, ''), { onlyFiles: true, absolute: true, dot: false }).sort();
}

/**
 * The files of a run: the positional FILES (each read by the first config source whose path
 * pattern matches it), or else every config source's files. Order: as given, then as listed.
 */
export function resolveInputs(loaded: LoadedConfig, positional: string[], cwd: string): InputFile[] {
  const { config } = loaded;
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
      for (const path of paths) files.push({ path, display: display(path, cwd), source, sourceKey: `sources[${i}]` });
    });
    return files;
  }

  const matchers = config.sources.map((source) => {
    const abs = isAbsolute(source.path) ? source.path : resolve(loaded.dir, source.path);
    const full = picomatch(abs.split('\\').join('/'));
    const base = picomatch(basename(source.path));
    return (p: string) => full(p.split('\\').join('/')) || base(basename(p));
  });
  const files: InputFile[] = [];
  for (const arg of positional) {
    const paths = fg.isDynamicPattern(arg) ? expand(arg, cwd) : [resolve(cwd, arg)];
    if (paths.length === 0) throw new FunnelError('NO_INPUT', `"${arg}" matched no files`);
    for (const path of paths) {
      const i = matchers.findIndex((m) => m(path));
      files.push({ path, display: display(path, cwd), source: i >= 0 ? config.sources[i] : null, sourceKey: i >= 0 ? `sources[${i}]` : null });
    }
  }
  return files;
}

/** True when the path exists and is a regular file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
