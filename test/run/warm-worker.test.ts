import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configPaths, dropWarmWorker, prestartForInputs, prestartSplitWorker, takeWarmWorker, warmCut, warmShare } from '../../src/run/warm-worker.js';

const dir = mkdtempSync(join(tmpdir(), 'funnel-warm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => dropWarmWorker());
writeFileSync(join(dir, 'big.csv'), 'Id,Owner\n1,Ana\n');
writeFileSync(join(dir, 'big.csv.gz'), 'not really gzip, but named so');

const SMALL_MIN = { FUNNEL_SPLIT_MIN_BYTES: '10' };

describe('prestartSplitWorker', () => {
  it.each<[string, string[], NodeJS.ProcessEnv, boolean]>([
    ['a file of the splitting size', ['report', 'big.csv'], SMALL_MIN, true],
    ['a file below it', ['report', 'big.csv'], { FUNNEL_SPLIT_MIN_BYTES: '1000' }, false],
    ['the default size (48 MiB)', ['report', 'big.csv'], {}, false],
    ['FUNNEL_THREADS=1', ['report', 'big.csv'], { ...SMALL_MIN, FUNNEL_THREADS: '1' }, false],
    ['a gzip file (read on one thread)', ['report', 'big.csv.gz'], SMALL_MIN, false],
    ['an option, not a file', ['report', '--config=big.csv'], SMALL_MIN, false],
    ['a missing file', ['report', 'nowhere.csv'], SMALL_MIN, false],
    ['a folder', ['report', '.'], { FUNNEL_SPLIT_MIN_BYTES: '1' }, false],
  ])('%s', (_name, args, env, expected) => {
    prestartSplitWorker(args, dir, env);
    expect(warmShare() !== null).toBe(expected);
  });

  it('for the files of a run: the first of the size, no cut to find, a later share', async () => {
    prestartForInputs([join(dir, 'big.csv.gz'), join(dir, 'big.csv')], { FUNNEL_SPLIT_MIN_BYTES: '10' });
    expect(warmShare()).not.toBeNull();
    expect(warmShare()).toBe(0.52);
    expect(await warmCut(join(dir, 'big.csv'))).toBeNull();
    // One worker at most: a file named on the command line found one started.
    prestartSplitWorker(['big.csv'], dir, SMALL_MIN);
    expect(takeWarmWorker()).toMatchObject({ isEarly: false });
  });

  it('started with the process: the earlier share', () => {
    prestartSplitWorker(['big.csv'], dir, SMALL_MIN);
    expect(warmShare()).toBe(0.5);
    dropWarmWorker();
    expect(warmShare()).toBeNull();
  });

  it('is stopped and forgotten when dropped', () => {
    prestartSplitWorker(['big.csv'], dir, SMALL_MIN);
    expect(warmShare()).not.toBeNull();
    dropWarmWorker();
    expect(warmShare()).toBeNull();
    expect(takeWarmWorker()).toBeNull();
  });

  it('finds the cut only for the file it was started for', async () => {
    prestartSplitWorker(['big.csv'], dir, SMALL_MIN);
    expect(await warmCut(join(dir, 'other.csv'))).toBeNull();
    expect(await warmCut('big.csv')).toBeNull(); // relative to this process's folder, not dir
  });

  it('is handed out once', () => {
    prestartSplitWorker(['big.csv'], dir, SMALL_MIN);
    const taken = takeWarmWorker();
    expect(taken).toMatchObject({ isEarly: true });
    expect(takeWarmWorker()).toBeNull();
    void taken?.worker.terminate();
  });

  it('a worker that failed to start is not handed out (the file then starts its own)', async () => {
    // From the sources the worker's module (split-worker.js beside warm-worker.ts) does not exist: it fails at once.
    prestartSplitWorker(['big.csv'], dir, SMALL_MIN);
    expect(warmShare()).not.toBeNull();
    expect(await warmCut(join(dir, 'big.csv'))).toBeNull();
    expect(warmShare()).toBeNull();
    expect(takeWarmWorker()).toBeNull();
  });
});

describe('the files a config names, read from its text', () => {
  const cfg = mkdtempSync(join(tmpdir(), 'funnel-peek-'));
  afterAll(() => rmSync(cfg, { recursive: true, force: true }));
  mkdirSync(join(cfg, 'exports'));
  mkdirSync(join(cfg, 'other'));
  for (const f of ['activities-1.csv', 'activities-2.csv', 'notes.txt', 'exports/q4.csv', 'exports/q3.csv', 'a b.csv', 'big.csv']) writeFileSync(join(cfg, f), 'Id,Owner\n1,Ana\n');
  const write = (name: string, text: string) => writeFileSync(join(cfg, name), text);

  it('block, flow and JSON entries, quoted or not, with comments; paths relative to the config', () => {
    write(
      'funnel.config.yaml',
      [
        'sources:',
        '  - path: "activities-*.csv"   # both exports',
        '    columns: { rep: Owner }',
        "  - { path: 'exports/q?.csv', preset: hubspot-calls }",
        '  - path: a b.csv',
        '  - path: missing.csv',
      ].join('\n'),
    );
    expect(configPaths(['report'], join(cfg, 'other')).sort()).toEqual(
      ['activities-1.csv', 'activities-2.csv', 'exports/q3.csv', 'exports/q4.csv', 'a b.csv', 'missing.csv'].map((f) => join(cfg, f)).sort(),
    );
    write('c.json', JSON.stringify({ sources: [{ path: 'big.csv', columns: { rep: 'Owner' } }] }));
    expect(configPaths(['report', '--config', 'c.json'], cfg)).toEqual([join(cfg, 'big.csv')]);
    expect(configPaths(['report', `--config=${join(cfg, 'c.json')}`], '/')).toEqual([join(cfg, 'big.csv')]);
  });

  it('patterns it cannot list without a glob library give nothing (the run starts the worker once it knows its files)', () => {
    write('p.yaml', ['sources:', '  - path: "exports/**/*.csv"', '  - path: "*/q4.csv"', '  - path: "activities-{1,2}.csv"', '  - path: "[ab]ig.csv"'].join('\n'));
    expect(configPaths(['report', '--config', 'p.yaml'], cfg)).toEqual([]);
  });

  it('no config, a missing one, or one too large to be a config: nothing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'funnel-peek-none-'));
    try {
      expect(configPaths(['report'], empty)).toEqual([]);
      expect(configPaths(['report', '--config', 'nowhere.yaml'], empty)).toEqual([]);
      write('huge.yaml', `sources:\n  - path: big.csv\n${'#'.repeat(300 * 1024)}\n`);
      expect(configPaths(['report', '--config', 'huge.yaml'], cfg)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.each<[string, string[], boolean]>([
    ['report', ['report'], true],
    ['trend', ['trend', '--weeks', '8'], true],
    ['needed', ['needed', '--goal', '10'], true],
    ['the needed --ratios calculator (reads no data)', ['needed', '--goal', '10', '--ratios', 'dial=15'], false],
    ['init', ['init'], false],
    ['--help', ['--help'], false],
  ])('a config naming a large file starts the worker for %s', (_name, args, expected) => {
    write('funnel.config.yaml', 'sources:\n  - path: big.csv\n');
    prestartSplitWorker(args, cfg, SMALL_MIN);
    expect(warmShare()).toBe(expected ? 0.5 : null);
    dropWarmWorker();
  });
});
