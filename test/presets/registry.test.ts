// Every built-in preset: named like its file, documented, with a fixture its mapping fits, and
// rules that only name columns the file has and conditions the config schema accepts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCondition } from '../../src/config/conditions.js';
import { DEFAULT_STAGES } from '../../src/engine/model.js';
import { detectPreset } from '../../src/presets/detect.js';
import { PRESETS } from '../../src/presets/index.js';
import { applyPreset } from '../../src/presets/resolve.js';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures', 'presets');
const DOCS = readFileSync(join(ROOT, 'docs', 'presets.md'), 'utf8');

function header(preset: string): string[] {
  const first = readFileSync(join(FIXTURES, `${preset}.csv`), 'utf8').split('\n')[0];
  return first.split(',').map((h) => h.replace(/^"|"$/g, ''));
}

describe('the preset registry', () => {
  it('has 34 presets with unique kebab-case names, one file each', () => {
    const names = PRESETS.map((p) => p.name);
    expect(new Set(names).size).toBe(34);
    const files = readdirSync(join(ROOT, 'src', 'presets'));
    for (const n of names) {
      expect(n).toMatch(/^[a-z]+(?:-[a-z]+)+$/);
      expect(files, n).toContain(`${n}.ts`);
    }
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('%s: documented, with a fixture it fits', (name, p) => {
    expect(DOCS, `docs/presets.md has a section for ${name}`).toContain(`### \`${name}\``);
    expect(existsSync(join(FIXTURES, `${name}.csv`))).toBe(true);
    const headers = header(name);
    expect(detectPreset(headers, 'export.csv').preset).toBe(name);
    const src = applyPreset(p, headers, null, { display: `${name}.csv` }, null, DEFAULT_STAGES);
    const has = new Set(headers);
    for (const col of Object.values(src.columns)) if (col) expect(has, col).toContain(col);
    for (const r of src.rules ?? []) {
      expect(p.stages).toContain(r.stage);
      if (r.date) expect(has).toContain(r.date);
      for (const [col, cond] of Object.entries(r.when)) {
        expect(has).toContain(col);
        expect(checkCondition(cond)).toEqual([]);
      }
    }
    for (const col of Object.values(src.counts ?? {})) expect(has).toContain(col);
    for (const s of p.stages) expect(DEFAULT_STAGES).toContain(s);
    for (const c of Object.values(p.columns)) expect(c.aliases.length).toBeGreaterThan(0);
  });
});
