import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bothEngines } from './harness.js';
import { AS_OF_24, UNCAPPED, writeFiles } from './spread-fixture.js';

// Weekly tallies spread over their working days, computed by hand, through the streaming engine
// and the compiled query (DuckDB): week-from and week-ending headers, a holiday, the remainder to
// the earliest days, as-of cutting a week, and a week wholly after as-of keeping its count.

const root = mkdtempSync(join(tmpdir(), 'funnel-sql-spread-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('weekly tallies spread over working days', () => {
  it('without as-of: both engines give the hand-computed days', async () => {
    const dir = writeFiles(join(root, 'uncapped'));
    const { streaming, duckdb } = await bothEngines(dir);
    expect(streaming.tally).toEqual(UNCAPPED);
    expect(duckdb).toEqual(streaming);
  });

  it('as of 2026-11-24: both engines give the hand-computed days', async () => {
    const dir = writeFiles(join(root, 'capped'));
    const { streaming, duckdb } = await bothEngines(dir, { asOf: '2026-11-24' });
    expect(streaming.tally).toEqual(AS_OF_24);
    expect(duckdb).toEqual(streaming);
  });
});
