import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FunnelError, type ErrorCode } from '../../src/errors.js';

// Every error code a user can meet is listed in docs/errors.md with its exit status.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const source = readFileSync(resolve(ROOT, 'src/errors.ts'), 'utf8');
const union = /export type ErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
const CODES = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1] as ErrorCode);
const docs = readFileSync(resolve(ROOT, 'docs/errors.md'), 'utf8');

describe('docs/errors.md', () => {
  it('reads the codes from src/errors.ts', () => {
    expect(CODES.length).toBeGreaterThan(10);
    expect(CODES).toContain('USAGE');
  });

  it.each(CODES)('lists %s with its exit status', (code) => {
    const exit = new FunnelError(code, '').exitCode;
    expect(docs).toContain(`| \`${code}\` | ${exit} |`);
  });
});
