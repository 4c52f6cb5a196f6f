// A YAML alias bomb in the config is a config error (exit 2), not an internal error; aliases in
// moderation still load. `trend --weeks` is bounded.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { FunnelError } from '../../src/errors.js';
import { funnel, json, tempDir } from '../e2e/run.js';

/** "Billion laughs": nine levels of ten aliases each expand to 10^9 strings. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nsources: *a9\n`;
}

const CALLS = 'Date,Owner,Type\n2026-11-02,Ann Lee,call\n2026-11-09,Ann Lee,call\n2026-11-16,Bo Chen,call\n';

describe('YAML aliases', () => {
  it('an alias bomb: exit 2 with a config error naming the file, and it finishes', async () => {
    const dir = tempDir({ 'funnel.config.yaml': aliasBomb(), 'calls.csv': CALLS });
    const r = await funnel(['report', '--as-of', '2026-11-18', 'calls.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^funnel: error: \S*funnel\.config\.yaml: invalid YAML: its aliases \(\*name\) expand too far/);
    expect(r.stderr).toContain('fix: write the values out instead of aliases of aliases');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout).toBe('');
  });

  it('as a FunnelError CONFIG_PARSE from loadConfig', () => {
    const dir = tempDir({ 'funnel.config.yaml': aliasBomb() });
    expect(() => loadConfig(join(dir, 'funnel.config.yaml'))).toThrowError(expect.objectContaining({ code: 'CONFIG_PARSE', exitCode: 2 }) as FunnelError);
  });

  it('a few aliases (one rule list shared by two sources) still load', () => {
    const dir = tempDir();
    const path = join(dir, 'funnel.config.yaml');
    writeFileSync(
      path,
      `sources:
  - path: a.csv
    columns: &cols { rep: Owner, date: Date }
    rules: &rules
      - stage: dial
  - path: b.csv
    columns: *cols
    rules: *rules
`,
    );
    const { config } = loadConfig(path);
    expect(config.sources.map((s) => [s.path, s.columns?.rep, s.rules?.[0].stage])).toEqual([
      ['a.csv', 'Owner', 'dial'],
      ['b.csv', 'Owner', 'dial'],
    ]);
  });
});

describe('trend --weeks', () => {
  const config = 'sources:\n  - path: calls.csv\n    columns: { rep: Owner, date: Date }\n    rules:\n      - stage: dial\n';

  it.each(['521', '1e9', '0'])('--weeks %s: exit 2', async (weeks) => {
    const dir = tempDir({ 'funnel.config.yaml': config, 'calls.csv': CALLS });
    const r = await funnel(['trend', '--as-of', '2026-11-18', '--weeks', weeks], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^funnel: error: --weeks "${weeks}" is (more than 520|not a whole number ≥ 1)`));
  });

  it('--weeks 520 is allowed, and the rows add up', async () => {
    const dir = tempDir({ 'funnel.config.yaml': config, 'calls.csv': CALLS });
    const r = await funnel(['trend', '--as-of', '2026-11-18', '--weeks', '520', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.input).toMatchObject({ rows: 3, used: 3, ignored: 0, rejected: 0 });
    expect(doc.weeks).toHaveLength(520);
  });
});
