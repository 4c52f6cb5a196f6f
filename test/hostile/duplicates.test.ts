// The same real file reached twice (given twice, written two ways, or through a symlink under a
// glob) is read once, and stderr says which one was skipped. Two different config sources may
// still read one file.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnel, json, tempDir } from '../e2e/run.js';

/** No id column: nothing but reading each file once keeps a call from counting twice. */
const CALLS = 'Date,Owner,Type\n2026-11-02,Ann Lee,call\n2026-11-03,Ann Lee,call\n2026-11-04,Bo Chen,call\n2026-11-05,Bo Chen,meeting\n';
const source = (path: string, stage = 'dial', type = 'call') => `  - path: ${path}
    columns: { rep: Owner, date: Date }
    rules:
      - stage: ${stage}
        when: { Type: ${type} }
`;
const REPORT_JSON = ['report', '--as-of', '2026-11-18', '--format', 'json'];

function dials(doc: any): Record<string, number> {
  return Object.fromEntries(doc.reps.map((r: any) => [r.rep, r.counts.dial]));
}

describe('each real file is read once', () => {
  it('funnel report x.csv x.csv ./x.csv: counted once, two warnings', async () => {
    const dir = tempDir({ 'funnel.config.yaml': `sources:\n${source('calls.csv')}`, 'calls.csv': CALLS });
    const r = await funnel([...REPORT_JSON, 'calls.csv', 'calls.csv', './calls.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(dials(doc)).toEqual({ 'Ann Lee': 2, 'Bo Chen': 1 });
    expect(doc.input).toMatchObject({ rows: 4, used: 3, ignored: 1, rejected: 0 });
    expect(doc.input.files).toHaveLength(1);
    expect(r.stderr.split('\n').filter((l) => l.includes('skipped'))).toEqual([
      'funnel: warning: calls.csv: skipped: given more than once (each file is read once)',
      'funnel: warning: calls.csv: skipped: given more than once (each file is read once)',
    ]);
  });

  it('a `latest` symlink under a source glob: read once, the link named', async () => {
    const dir = tempDir({ 'funnel.config.yaml': `sources:\n${source('exports/**/*.csv')}`, 'exports/2026-11/calls.csv': CALLS });
    symlinkSync('2026-11', join(dir, 'exports', 'latest'));
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(dials(doc)).toEqual({ 'Ann Lee': 2, 'Bo Chen': 1 });
    expect(doc.input.files.map((f: any) => f.path)).toEqual(['exports/2026-11/calls.csv']);
    expect(doc.input.rows).toBe(4);
    expect(r.stderr).toContain('funnel: warning: exports/latest/calls.csv: skipped: the same file as exports/2026-11/calls.csv (each file is read once)');
  });

  it('--quiet: read once, nothing said', async () => {
    const dir = tempDir({ 'funnel.config.yaml': `sources:\n${source('calls.csv')}`, 'calls.csv': CALLS });
    const r = await funnel([...REPORT_JSON, '--quiet', 'calls.csv', 'calls.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(dials(json(r))).toEqual({ 'Ann Lee': 2, 'Bo Chen': 1 });
  });

  it('inspect a.csv link.csv: one file described, the duplicate named on stderr', async () => {
    const dir = tempDir({ 'calls.csv': CALLS });
    symlinkSync('calls.csv', join(dir, 'link.csv'));
    const r = await funnel(['inspect', '--format', 'json', 'calls.csv', 'link.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).files.map((f: any) => [f.path, f.rows])).toEqual([['calls.csv', 4]]);
    expect(r.stderr).toBe('funnel: warning: link.csv: skipped: the same file as calls.csv (each file is read once)\n');
  });

  it('two config sources reading one file (e.g. two kinds of row) are both kept', async () => {
    const dir = tempDir({
      'funnel.config.yaml': `sources:\n${source('calls.csv')}${source('data/../calls.csv', 'appointment_set', 'meeting')}`,
      'calls.csv': CALLS,
    });
    mkdirSync(join(dir, 'data'));
    const r = await funnel(REPORT_JSON, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.input.files).toHaveLength(2);
    expect(doc.team.counts).toMatchObject({ dial: 3, appointment_set: 1 });
    expect(r.stderr).not.toContain('skipped');
  });
});
