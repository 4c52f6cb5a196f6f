import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../src/cli/output.js';

// The colour policy, decided once in makeChalk: --no-color wins; then FORCE_COLOR (0 or false
// turn colour off, any other non-empty value on); then NO_COLOR (any non-empty value); then a
// TTY that is not TERM=dumb. The first rule that applies decides.
type Row = [label: string, color: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean, isOn: boolean];

const table: Row[] = [
  ['a TTY', undefined, {}, true, true],
  ['a pipe', undefined, {}, false, false],
  ['a TTY with TERM=xterm', undefined, { TERM: 'xterm-256color' }, true, true],
  ['a TTY with TERM=dumb', undefined, { TERM: 'dumb' }, true, false],
  ['a TTY with NO_COLOR=1', undefined, { NO_COLOR: '1' }, true, false],
  ['a TTY with NO_COLOR=0 (any non-empty value counts)', undefined, { NO_COLOR: '0' }, true, false],
  ['a TTY with NO_COLOR empty (unset in effect)', undefined, { NO_COLOR: '' }, true, true],
  ['a TTY with --no-color', false, {}, true, false],
  ['a TTY with --color left at its default', true, {}, true, true],
  ['a pipe with FORCE_COLOR=1', undefined, { FORCE_COLOR: '1' }, false, true],
  ['a pipe with FORCE_COLOR=3', undefined, { FORCE_COLOR: '3' }, false, true],
  ['a TTY with FORCE_COLOR=0', undefined, { FORCE_COLOR: '0' }, true, false],
  ['a TTY with FORCE_COLOR=false', undefined, { FORCE_COLOR: 'false' }, true, false],
  ['a TTY with FORCE_COLOR empty (unset in effect)', undefined, { FORCE_COLOR: '' }, true, true],
  ['a pipe with FORCE_COLOR empty', undefined, { FORCE_COLOR: '' }, false, false],
  ['FORCE_COLOR=1 over NO_COLOR=1', undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  ['FORCE_COLOR=1 over TERM=dumb', undefined, { FORCE_COLOR: '1', TERM: 'dumb' }, false, true],
  ['--no-color over FORCE_COLOR=1', false, { FORCE_COLOR: '1' }, true, false],
  ['FORCE_COLOR=0 with NO_COLOR empty on a TTY', undefined, { FORCE_COLOR: '0', NO_COLOR: '' }, true, false],
];

describe('makeChalk colour policy', () => {
  it.each(table)('%s → colour %s', (_label, color, env, isTTY, isOn) => {
    const chalk = makeChalk({ color }, env, isTTY);
    // Level 1 (16 colours) when on: the same escape codes everywhere; 0 when off.
    expect(chalk.level).toBe(isOn ? 1 : 0);
    expect(chalk.red('x')).toBe(isOn ? '\u001b[31mx\u001b[39m' : 'x');
  });
});
