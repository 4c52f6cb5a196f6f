import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../e2e/run.js';
import { bothEngines } from './harness.js';

// Every e2e fixture and the bundled example, through the streaming engine and through the
// compiled query run by DuckDB: the same tally, row accounting, rejections (file, line, code,
// field, value, reason) and the same errors.

const folders = readdirSync(FIXTURES)
  .filter((d) => existsSync(join(FIXTURES, d, 'funnel.config.yaml')))
  .map((d) => [d, join(FIXTURES, d)] as const);

describe('DuckDB engine = streaming engine', () => {
  it.each(folders)('fixture %s', async (_name, dir) => {
    const { streaming, duckdb } = await bothEngines(dir);
    expect(duckdb).toEqual(streaming);
  });

  it('the bundled example', async () => {
    const { streaming, duckdb } = await bothEngines(join(ROOT, 'examples', 'acme'));
    expect(streaming.totals?.rows).toBeGreaterThan(10_000);
    expect(duckdb).toEqual(streaming);
  }, 120_000);
});
