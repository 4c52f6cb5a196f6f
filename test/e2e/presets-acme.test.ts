// The "done" criterion: `funnel report` on a folder holding a HubSpot calls, meetings and
// deals export, with no config, gives per-rep dials, conversations, appointments set and kept, and
// closes. The expected numbers are counted here straight from the CSVs, and checked against the
// example's own hand-written config.
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { funnel, json, ROOT, tempDir } from './run.js';

const ACME = join(ROOT, 'examples', 'acme');
const AS_OF = '2026-11-18';
const START = '2026-11-01';

type Row = Record<string, string>;
type Counts = Record<string, number>;

function rows(path: string): Row[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
}

const inPeriod = (value: string) => /^\d{4}-\d{2}-\d{2}/.test(value) && value.slice(0, 10) >= START && value.slice(0, 10) <= AS_OF;

/**
 * The period's counts per rep, by the semantics of the presets: outbound calls are dials and,
 * Connected or Meeting Booked, conversations (a Record ID counts once); every meeting is set on its
 * Create date and kept on its start when Completed (a row with a bad date counts for nothing); a
 * deal whose Is Closed Won is true closes on its Close Date.
 */
function byHand(exports: string): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  const add = (rep: string, stage: string) => {
    const counts = (out[rep] ??= { dial: 0, conversation: 0, appointment_set: 0, appointment_kept: 0, close: 0 });
    counts[stage]++;
  };
  const seen = new Set<string>();
  for (const file of readdirSync(exports).filter((f) => f.startsWith('hubspot-calls')).sort()) {
    for (const r of rows(join(exports, file))) {
      const rep = r['Activity assigned to'].trim();
      if (!rep || r['Call direction'] !== 'Outbound' || seen.has(r['Record ID'])) continue;
      seen.add(r['Record ID']);
      if (!inPeriod(r['Activity date'])) continue;
      add(rep, 'dial');
      if (['Connected', 'Meeting Booked'].includes(r['Call outcome'])) add(rep, 'conversation');
    }
  }
  for (const r of rows(join(exports, 'hubspot-meetings.csv'))) {
    const rep = r['Activity assigned to'].trim();
    const created = r['Create date'] || r['Meeting start time'];
    if (!rep || !/^\d{4}-\d{2}-\d{2}/.test(created)) continue;
    if (inPeriod(created)) add(rep, 'appointment_set');
    if (r['Meeting outcome'] === 'Completed' && inPeriod(r['Meeting start time'])) add(rep, 'appointment_kept');
  }
  for (const r of rows(join(exports, 'hubspot-deals.csv'))) {
    if (r['Is Closed Won'] === 'true' && inPeriod(r['Close Date'])) add(r['Deal owner'].trim(), 'close');
  }
  return out;
}

const STAGES = ['dial', 'conversation', 'appointment_set', 'appointment_kept', 'close'];
const pick = (counts: Counts) => Object.fromEntries(STAGES.map((s) => [s, counts[s]]));

describe('a folder of HubSpot exports, no config (examples/acme/exports)', () => {
  let dir: string;
  let doc: any;
  beforeAll(async () => {
    dir = tempDir();
    cpSync(join(ACME, 'exports'), join(dir, 'exports'), { recursive: true });
    const r = await funnel(['report', 'exports', '--as-of', AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    doc = json(r);
  }, 60_000);

  it('detects each export\'s preset and accounts for every row', () => {
    expect(doc.input.files.map((f: any) => [f.path, f.preset])).toEqual([
      ['exports/hubspot-calls-2026-q3.csv', 'hubspot-calls'],
      ['exports/hubspot-calls-2026-q4.csv', 'hubspot-calls'],
      ['exports/hubspot-deals.csv', 'hubspot-deals'],
      ['exports/hubspot-meetings.csv', 'hubspot-meetings'],
    ]);
    for (const f of doc.input.files) expect(f.rows).toBe(f.used + f.ignored + f.rejected);
    // The empty owner on one call and "#VALUE!" as one meeting's Create date.
    expect(doc.input).toMatchObject({ rows: 18696, rejected: 2 });
  });

  it('gives per-rep dials, conversations, appointments set and kept, and closes, as counted from the CSVs', () => {
    const expected = byHand(join(dir, 'exports'));
    const reps = doc.reps.filter((r: any) => expected[r.rep]);
    expect(reps.map((r: any) => r.rep).sort()).toEqual(Object.keys(expected).sort());
    for (const r of reps) expect(pick(r.counts), r.rep).toEqual(expected[r.rep]);
    expect(expected['Marisol Vega'].close).toBeGreaterThan(0);
  });

  it('matches the example\'s hand-written config, whose alias folds the e-mail owner into Priya Raman', async () => {
    const r = await funnel(['report', '--as-of', AS_OF, '--format', 'json'], { cwd: ACME });
    expect(r.code, r.stderr).toBe(0);
    const configured = new Map(json(r).reps.map((x: any) => [x.rep, x]));
    for (const rep of doc.reps) {
      if (rep.rep === 'priya.raman@acme.example') continue;
      const theirs = configured.get(rep.rep) as any;
      const ours = { ...rep.counts };
      if (rep.rep === 'Priya Raman') {
        const alias = doc.reps.find((x: any) => x.rep === 'priya.raman@acme.example');
        for (const s of Object.keys(ours)) ours[s] += alias?.counts[s] ?? 0;
      }
      expect(ours, rep.rep).toEqual(theirs.counts);
      expect(rep.lookbackCounts.dial, rep.rep).toBe(theirs.lookbackCounts.dial);
    }
  });
});
