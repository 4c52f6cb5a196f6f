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

// Every folder under src/ has an entry: what it may import of ours. `cli` is imported by nobody;
// renderers and e-mail read the output model and never the code that builds it (run/).
const ALLOWED: Record<string, string[]> = {
  engine: ['engine'],
  text: [],
  errors: [],
  model: ['model', 'engine', 'presets'],
  config: ['config', 'engine', 'errors', 'text'],
  ingest: ['ingest', 'errors', 'text'],
  normalize: ['normalize', 'config', 'engine', 'ingest', 'errors', 'text'],
  presets: ['presets', 'config', 'engine', 'ingest', 'normalize', 'errors', 'text'],
  sql: ['sql', 'config', 'normalize', 'errors', 'text'],
  report: ['report', 'model', 'engine', 'errors', 'text'],
  email: ['email', 'report', 'model', 'engine', 'errors', 'text'],
  run: ['run', 'model', 'engine', 'config', 'ingest', 'normalize', 'presets', 'sql', 'report', 'errors', 'text'],
  cli: ['cli', 'run', 'model', 'engine', 'config', 'ingest', 'normalize', 'presets', 'sql', 'report', 'email', 'errors', 'text'],
};

describe('import direction', () => {
  const all = files(SRC);
  it('finds the sources', () => expect(all.length).toBeGreaterThan(20));

  it('has a rule for every folder under src/', () => {
    const layers = [...new Set(all.map(layerOf))].sort();
    expect(layers.filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  // Only files that import something of ours get a test: each one asserts at least one import.
  for (const file of all.filter((f) => importedLayers(f).length > 0)) {
    const layer = layerOf(file);
    it(`${relative(SRC, file)} imports only what its layer may`, () => {
      const imports = importedLayers(file);
      expect(imports.length).toBeGreaterThan(0);
      const allowed = ALLOWED[layer] ?? [];
      for (const { spec, layer: target } of imports) {
        expect(allowed, `${relative(SRC, file)} imports ${spec}`).toContain(target);
      }
    });
  }

  it('keeps renderers and e-mail away from run/ and cli/', () => {
    const offenders = all
      .filter((f) => ['report', 'email'].includes(layerOf(f)))
      .filter((f) => importedLayers(f).some((i) => i.layer === 'run' || i.layer === 'cli'))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('keeps the engine free of the clock', () => {
    for (const file of all.filter((f) => layerOf(f) === 'engine')) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/new Date\(\)|Date\.now\(/);
      expect(text, file).not.toMatch(/from 'node:fs'|from 'fs'/);
    }
  });
});
