import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropWarmWorker, prestartForInputs, prestartSplitWorker, takeWarmWorker, warmCut, warmShare } from '../../src/run/warm-worker.js';

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
    expect(warmShare()).toBe(0.51);
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
