import { describe, expect, it } from 'vitest';
import { EXIT_INTERNAL, internalErrorText } from '../../src/cli/main.js';

const INFO = { isDebug: false, funnelVersion: '1.2.3', nodeVersion: 'v20.20.2' };

describe('internalErrorText', () => {
  it('says it is a bug and what a report needs; no stack trace by default', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(internalErrorText(err, INFO)).toBe(
      "funnel: internal error: Cannot read properties of undefined (reading 'x')\n" +
        '  this is a bug in funnel, not a problem with your input or command; please report it\n' +
        '  include the command you ran, funnel 1.2.3, node v20.20.2 and the stack trace: run the command again with FUNNEL_DEBUG=1\n',
    );
  });

  it('with FUNNEL_DEBUG, the stack trace, indented, before the report hint', () => {
    const err = new Error('boom');
    err.stack = 'Error: boom\n    at f (file:///x/dist/a.js:1:2)\n    at g (file:///x/dist/b.js:3:4)';
    expect(internalErrorText(err, { ...INFO, isDebug: true }).split('\n')).toEqual([
      'funnel: internal error: boom',
      '  this is a bug in funnel, not a problem with your input or command; please report it',
      '  Error: boom',
      '  at f (file:///x/dist/a.js:1:2)',
      '  at g (file:///x/dist/b.js:3:4)',
      '  include the command you ran, funnel 1.2.3, node v20.20.2 and the stack trace above',
      '',
    ]);
  });

  it('something thrown that is not an Error, an empty message, a message of several lines', () => {
    expect(internalErrorText('a string', INFO).split('\n')[0]).toBe('funnel: internal error: a string');
    expect(internalErrorText(undefined, INFO).split('\n')[0]).toBe('funnel: internal error: undefined');
    expect(internalErrorText(new RangeError(''), INFO).split('\n')[0]).toBe('funnel: internal error: RangeError');
    expect(internalErrorText(new Error('first\nsecond'), INFO).split('\n')[0]).toBe('funnel: internal error: first');
  });

  it('control characters from the message are shown as escapes', () => {
    expect(internalErrorText(new Error('bad \u001b[2J value'), INFO).split('\n')[0]).toBe('funnel: internal error: bad \\x1b[2J value');
  });

  it('exits with the contract\'s runtime-error status: its codes are 0-3', () => {
    expect(EXIT_INTERNAL).toBe(1);
  });
});
