// The package as users get it: `npm pack`, installed from the tarball into a temporary prefix,
// runs `funnel report` on the bundled example from there. Slow (about a minute: npm resolves
// the dependencies, from its cache when it can), so it is the only test that installs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', FORCE_COLOR: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('installing the packed package', () => {
  it('npm pack, npm install -g --prefix TMP TARBALL, then funnel report on the example', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'funnel-install-'));
    // dist/ is built already (npm test builds first): no prepare script while other tests run it.
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    const [{ filename, files }] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const paths = files.map((f) => f.path);
    expect(paths).toContain('docs/schema/report.schema.json');
    expect(paths).toContain('src/prompts/prompts.yaml');
    expect(paths.some((p) => p.startsWith('test/') || p.startsWith('src/cli/'))).toBe(false);

    const prefix = join(dir, 'prefix');
    const install = run('npm', ['install', '-g', '--prefix', prefix, join(dir, filename), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
    expect(install.code, install.stderr).toBe(0);
    const bin = process.platform === 'win32' ? join(prefix, 'funnel.cmd') : join(prefix, 'bin', 'funnel');
    expect(existsSync(bin)).toBe(true);
    expect(Object.keys(pkg.bin)).toEqual(['funnel']);

    const version = run(bin, ['--version'], dir);
    expect(version.stdout.trim()).toBe(pkg.version);
    const report = run(bin, ['report', '--as-of', '2026-11-18', '--format', 'json', '--quiet'], join(ROOT, 'examples', 'acme'));
    expect(report.code, report.stderr).toBe(0);
    const doc = JSON.parse(report.stdout) as { reps: { rep: string }[]; input: { rows: number } };
    expect(doc.input.rows).toBe(18_696);
    expect(doc.reps.map((r) => r.rep)).toContain('Aisha Bello');
    // The schemas ship with it.
    expect(existsSync(join(prefix, 'lib', 'node_modules', pkg.name, 'docs', 'schema', 'report.schema.json'))).toBe(true);
  });
});
