import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGenerated } from './generated.js';
import { bothEngines } from './harness.js';

const root = mkdtempSync(join(tmpdir(), 'funnel-sql-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('DuckDB engine = streaming engine on generated hostile inputs', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i', async (seed) => {
    const dir = join(root, String(seed));
    writeGenerated(dir, seed);
    // Seeds 4 to 6 stop weekly tallies at an as-of inside the data's weeks.
    const { streaming, duckdb } = await bothEngines(dir, { asOf: seed > 3 ? '2026-11-18' : undefined });
    // The data must exercise what it is meant to: duplicates, rejections of each kind, every stage.
    expect(streaming.error).toBeUndefined();
    expect(streaming.totals?.duplicates).toBeGreaterThan(0);
    const codes = new Set((streaming.files as { rejects: { code: string }[] }[]).flatMap((f) => f.rejects.map((x) => x.code)));
    expect([...codes].sort()).toEqual(['BAD_COUNT', 'BAD_DATE', 'NO_REP']);
    for (const stage of ['dial', 'conversation', 'appointment_set', 'appointment_kept', 'second_meeting', 'proposal', 'close']) {
      expect(Object.values(streaming.tally ?? {}).some((r) => r[stage])).toBe(true);
    }
    expect(Object.values(streaming.cycles ?? {}).flat().length).toBeGreaterThan(0);
    expect(duckdb).toEqual(streaming);
  }, 60_000);
});
