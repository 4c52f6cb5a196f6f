import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '../../src/config/targets.js';
import { FunnelError } from '../../src/errors.js';

const STAGES = ['dial', 'appointment_kept', 'close'];

function targetsFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'funnel-targets-')), 'targets.csv');
  writeFileSync(path, text);
  return path;
}

function refusal(text: string, goalPeriod: 'week' | 'month' | 'quarter'): FunnelError {
  try {
    loadTargets(targetsFile(text), 'targets.csv', goalPeriod, STAGES);
  } catch (err) {
    if (err instanceof FunnelError) return err;
    throw err;
  }
  throw new Error('loadTargets accepted the file');
}

describe('loadTargets: rows by goal period', () => {
  it('keeps the row without a period and one row per goal period, by lower-case label', () => {
    const rows = loadTargets(
      targetsFile('rep,goal,period,commit_dial,commit_per\nAnn Lee,6,,40,\nAnn Lee,9,2026-11,60,week\nann lee,,2026-12,,\nBo Park,3,2026-11,20,period\n'),
      'targets.csv',
      'month',
      STAGES,
    );
    const ann = rows.get('ann lee')!;
    expect(ann.general).toMatchObject({ goal: 6, commitments: { dial: 40 }, commitmentsPer: null });
    expect(ann.byPeriod.get('2026-11')).toMatchObject({ goal: 9, commitments: { dial: 60 }, commitmentsPer: 'week' });
    // An empty goal is "not set here", so that the row without a period applies.
    expect(ann.byPeriod.get('2026-12')).toMatchObject({ goal: null, commitments: {} });
    const bo = rows.get('bo park')!;
    expect(bo.general).toBeNull();
    expect(bo.byPeriod.get('2026-11')).toMatchObject({ goal: 3, commitments: { dial: 20 }, commitmentsPer: 'period' });
  });

  it.each<['week' | 'month' | 'quarter', string]>([
    ['week', '2026-W47'],
    ['month', '2026-11'],
    ['quarter', '2026-Q4'],
  ])('goalPeriod %s takes %s', (kind, label) => {
    const rows = loadTargets(targetsFile(`rep,goal,period\nAnn Lee,4,${label}\n`), 'targets.csv', kind, STAGES);
    expect(rows.get('ann lee')?.byPeriod.get(label.toLowerCase())?.goal).toBe(4);
  });

  it.each<['week' | 'month' | 'quarter', string, string]>([
    ['month', '2026-W47', 'e.g. 2026-11'],
    ['month', '2026-13', 'e.g. 2026-11'],
    ['quarter', '2026-11', 'e.g. 2026-Q4'],
    ['week', '2026-Q4', 'e.g. 2026-W47'],
  ])('goalPeriod %s refuses %s (TARGETS_INVALID, with the line)', (kind, label, example) => {
    const err = refusal(`rep,goal,period\nAnn Lee,4,\nAnn Lee,4,${label}\n`, kind);
    expect(err.code).toBe('TARGETS_INVALID');
    expect(err.message).toBe(`period "${label}" is not a ${kind} (goalPeriod: ${kind})`);
    expect(err.where).toEqual({ file: 'targets.csv', line: 3 });
    expect(err.hint).toContain(example);
  });

  it('refuses two rows for the same goal period, or two without one', () => {
    expect(refusal('rep,goal,period\nAnn Lee,4,2026-11\nAnn Lee,5,2026-11\n', 'month').message).toBe('Ann Lee has two rows for 2026-11');
    expect(refusal('rep,goal\nAnn Lee,4\nAnn Lee,5\n', 'month').message).toBe('Ann Lee has two rows');
  });
});
