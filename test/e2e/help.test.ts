import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnel, ROOT } from './run.js';

// Help is part of the interface: every command's --help is compared with a golden file
// (rewrite them with UPDATE_GOLDEN=1 after a deliberate change, and read the diff).
const GOLDEN = join(ROOT, 'test', 'e2e', 'golden');
const COMMANDS = ['', 'report', 'needed', 'inspect', 'trend', 'email', 'init', 'presets', 'sql'];

describe('help', () => {
  for (const cmd of COMMANDS) {
    it(`funnel ${cmd || '(program)'} --help matches its golden file`, async () => {
      const r = await funnel(cmd ? [cmd, '--help'] : ['--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const file = join(GOLDEN, `help-${cmd || 'funnel'}.txt`);
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, r.stdout);
      expect(r.stdout).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('shows examples and exit codes', async () => {
    const top = await funnel(['--help']);
    expect(top.stdout).toContain('Exit codes:');
    for (const cmd of ['report', 'needed', 'inspect']) {
      const r = await funnel([cmd, '--help']);
      expect(r.stdout, cmd).toContain('Examples:');
      expect(r.stdout, cmd).toContain(`$ funnel ${cmd}`);
    }
  });

  it('prints usage and exits 2 without a command', async () => {
    const r = await funnel([]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('Usage: funnel');
  });
});
