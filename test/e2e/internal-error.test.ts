import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnel, ROOT, tempDir } from './run.js';

// An internal error is a bug, not a user mistake: it exits 1 (the contract's runtime error; its
// codes are 0-3) and says it is a bug and what a report needs. It is caused here by a module preloaded into the built binary
// (node --import) that makes JSON.stringify fail on an output document; funnel has no hook for it.

const BREAK_JSON = `
const stringify = JSON.stringify;
JSON.stringify = function (value, ...rest) {
  if (value && typeof value === 'object' && 'schemaVersion' in value) throw new TypeError('injected: cannot serialise');
  return stringify.call(this, value, ...rest);
};
`;
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function crashing(env: Record<string, string | undefined> = {}) {
  const dir = tempDir({ 'break-json.mjs': BREAK_JSON });
  return funnel(['needed', '--goal', '10', '--ratios', 'dial=15', '--as-of', '2026-11-10', '--format', 'json'], {
    cwd: dir,
    env: { NODE_OPTIONS: `--import=${join(dir, 'break-json.mjs')}`, FUNNEL_DEBUG: undefined, ...env },
  });
}

describe('an internal error', () => {
  it('exits 1 and says it is a bug, with what to report; no stack trace', async () => {
    const r = await crashing();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'funnel: internal error: injected: cannot serialise\n' +
        '  this is a bug in funnel, not a problem with your input or command; please report it\n' +
        `  include the command you ran, funnel ${VERSION}, node ${process.version} and the stack trace: run the command again with FUNNEL_DEBUG=1\n`,
    );
  });

  it('with FUNNEL_DEBUG=1, the stack trace too', async () => {
    const r = await crashing({ FUNNEL_DEBUG: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ {2}TypeError: injected: cannot serialise\n {2}at JSON\.stringify .*break-json\.mjs/m);
    expect(r.stderr).toMatch(/dist\/report\/json\.js/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`  include the command you ran, funnel ${VERSION}, node ${process.version} and the stack trace above`);
  });

  it('a user mistake is not one: a missing file still exits 1 without a stack trace', async () => {
    const r = await funnel(['report', 'no-such.csv', '--as-of', '2026-11-10'], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
