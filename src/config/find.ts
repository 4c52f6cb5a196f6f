import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultConfigValues } from './defaults.js';
import type { FunnelConfig } from './schema.js';

// Finding a config loads no YAML parser and no validator: load.ts does, when there is a file.

export const CONFIG_NAMES = ['funnel.config.yaml', 'funnel.config.yml', 'funnel.config.json'];

/** A validated config and where it came from (paths in it are relative to `dir`). */
export interface LoadedConfig {
  config: FunnelConfig;
  /** Absolute path of the file, or null when running on defaults. */
  path: string | null;
  dir: string;
}

/** The nearest funnel.config.yaml|yml|json from `startDir` upward, or null. */
export function findConfig(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Defaults only, for runs without a config file. */
export function defaultConfig(cwd: string): LoadedConfig {
  return { config: defaultConfigValues(), path: null, dir: resolve(cwd) };
}

/** The config file a run reads: --config (relative to cwd), else the nearest one upward, else null. */
export function configFileFor(opts: { config?: string }, cwd: string): { path: string; displayPath: string } | null {
  if (opts.config) return { path: resolve(cwd, opts.config), displayPath: opts.config };
  const found = findConfig(cwd);
  return found ? { path: found, displayPath: found } : null;
}

/**
 * As `loadRunConfig` (run/context.ts), for commands that start fast: the YAML parser and the
 * schema are loaded only when there is a file to read.
 */
export async function loadConfigLazily(opts: { config?: string }, cwd: string): Promise<LoadedConfig> {
  const file = configFileFor(opts, cwd);
  if (!file) return defaultConfig(cwd);
  const { loadConfig } = await import('./load.js');
  return loadConfig(file.path, file.displayPath);
}
