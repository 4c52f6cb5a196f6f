import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { duckdbResourceError } from '../../src/run/duckdb.js';
import { funnel, tempDir } from '../e2e/run.js';

// A memory limit too small for DuckDB, and a spill folder without room: a clear error with a
// fix, exit 1, no stack trace; DuckDB's temporary folder is removed either way.

const CONFIG = `sources:
  - path: calls.csv
    columns: { rep: Owner, date: Date, id: Id }
    rules:
      - stage: dial
        when: { Type: call }
`;

function calls(rows: number): string {
  const lines = ['Id,Owner,Date,Type'];
  for (let i = 0; i < rows; i++) lines.push(`${i},Rep ${i % 7},2026-11-${String(1 + (i % 28)).padStart(2, '0')},${i % 3 ? 'call' : 'email'}`);
  return `${lines.join('\n')}\n`;
}

describe('--engine duckdb with too little memory', () => {
  it('stops with ENGINE_MEMORY naming the limit and the fix', async () => {
    // Appending 20,000 rows needs more than 1 MB of blocks DuckDB cannot spill.
    const dir = tempDir({ 'funnel.config.yaml': CONFIG, 'calls.csv': calls(20_000) });
    const spill = tempDir();
    const r = await funnel(['report', '--engine', 'duckdb', '--memory', '1MB', '--as-of', '2026-11-30'], { cwd: dir, env: { TMPDIR: spill } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^funnel: error: DuckDB ran out of memory within --memory 1MB \(.*allocate.*\)\n/);
    expect(r.stderr).toContain('fix: raise --memory (e.g. --memory 2GB)');
    expect(r.stderr).not.toMatch(/internal error|    at |Possible solutions/);
    // The spill folder funnel made for DuckDB is gone.
    expect(readdirSync(spill)).toEqual([]);
    // The same file completes with a workable limit.
    const ok = await funnel(['report', '--engine', 'duckdb', '--memory', '64MB', '--as-of', '2026-11-30', '--format', 'json'], { cwd: dir, env: { TMPDIR: spill } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).input).toMatchObject({ rows: 20_000, used: 13_333, ignored: 6_667, rejected: 0 });
    expect(readdirSync(spill)).toEqual([]);
  }, 60_000);
});

describe('duckdbResourceError', () => {
  const spill = join('/tmp', 'funnel-duckdb-x');
  it.each([
    ['Out of Memory Error: failed to allocate data of size 32.0 KiB (7.6 MiB/7.6 MiB used)\n\nPossible solutions:\n* Reducing the number of threads', 'DuckDB ran out of memory within --memory 8MB (failed to allocate data of size 32.0 KiB (7.6 MiB/7.6 MiB used))'],
    ['Failed to append: could not allocate block of size 256.0 KiB (910.0 KiB/976.5 KiB used)\n\nPossible solutions:', 'DuckDB ran out of memory within --memory 8MB (could not allocate block of size 256.0 KiB (910.0 KiB/976.5 KiB used))'],
    ['IO Error: Could not write file "/tmp/funnel-duckdb-x/duckdb_temp_storage-0.tmp": No space left on device', `DuckDB could not spill to its temporary folder ${spill}: the disk is full`],
  ])('maps %j', (message, expected) => {
    const mapped = duckdbResourceError(new Error(message), '8MB', spill);
    expect(mapped).toBeInstanceOf(FunnelError);
    expect((mapped as FunnelError).code).toBe('ENGINE_MEMORY');
    expect((mapped as FunnelError).message).toBe(expected);
    expect((mapped as FunnelError).exitCode).toBe(1);
  });

  it('leaves other errors alone', () => {
    const other = new Error('Binder Error: column "x" not found');
    expect(duckdbResourceError(other, '8MB', spill)).toBe(other);
    const funnelError = new FunnelError('USAGE', 'x');
    expect(duckdbResourceError(funnelError, '8MB', spill)).toBe(funnelError);
  });
});
