import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Keeps the data flow one way (see docs in the README): engine imports nothing of ours but
// itself; nothing imports cli; ingest/normalize/config/report never reach up into run or cli.

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Top-level folder under src/ of each relative import of `file`. */
function importedLayers(file: string): { spec: string; layer: string }[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((spec) => {
      const target = relative(SRC, resolve(dirname(file), spec));
      return { spec, layer: target.includes('/') ? target.split('/')[0] : target.replace(/\.js$/, '') };
    });
}

function layerOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes('/') ? rel.split('/')[0] : rel.replace(/\.ts$/, '');
}

const ALLOWED: Record<string, string[]> = {
  engine: ['engine'],
  text: [],
  errors: [],
  config: ['config', 'engine', 'errors', 'text'],
  ingest: ['ingest', 'errors', 'text'],
  normalize: ['normalize', 'config', 'engine', 'ingest', 'errors', 'text'],
  report: ['report', 'engine', 'run', 'errors', 'text'],
};

describe('import direction', () => {
  const all = files(SRC);
  it('finds the sources', () => expect(all.length).toBeGreaterThan(20));

  for (const file of all) {
    const layer = layerOf(file);
    it(`${relative(SRC, file)} imports only what its layer may`, () => {
      for (const { spec, layer: target } of importedLayers(file)) {
        if (layer !== 'cli') expect(target, `${spec} (cli is imported by nobody)`).not.toBe('cli');
        const allowed = ALLOWED[layer];
        if (allowed) expect(allowed, `${relative(SRC, file)} imports ${spec}`).toContain(target);
      }
    });
  }

  it('keeps the engine free of the clock', () => {
    for (const file of all.filter((f) => layerOf(f) === 'engine')) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/new Date\(\)|Date\.now\(/);
      expect(text, file).not.toMatch(/from 'node:fs'|from 'fs'/);
    }
  });
});
