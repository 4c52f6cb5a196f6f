import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadConfig } from '../../src/config/load.js';
import { FunnelError } from '../../src/errors.js';

function configFile(text: string, name = 'funnel.config.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'funnel-config-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problems(text: string, name?: string): FunnelError {
  try {
    loadConfig(configFile(text, name), 'funnel.config.yaml');
  } catch (err) {
    if (err instanceof FunnelError) return err;
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

describe('loadConfig', () => {
  it('fills defaults', () => {
    const { config } = loadConfig(configFile('sources: []\n'));
    expect(config).toMatchObject({
      stages: ['dial', 'conversation', 'appointment_set', 'appointment_kept', 'second_meeting', 'proposal', 'close'],
      weekStartsOn: 'monday',
      workdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      holidays: [],
      lookbackDays: 90,
      priorCloses: 2,
    });
  });

  it('reads an empty file as all defaults', () => {
    expect(loadConfig(configFile('')).config.sources).toEqual([]);
  });

  it('reports every problem at once, with key paths, YAML lines and did-you-mean', () => {
    const err = problems(
      [
        'lookbackDays: -3', // line 1
        'holidays: [2026-13-01]', // line 2
        'sources:', // line 3
        '  - path: calls.csv', // line 4
        '    colums: { rep: Owner }', // line 5
        '    rules:', // line 6
        '      - stage: dial', // line 7
        '        when: { Stage: { match: "([a-z" } }', // line 8
        '      - stage: demo', // line 9
        '        when: { Type: { mach: x } }', // line 10
      ].join('\n'),
    );
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(`${err.details.length} problems in the config`);
    expect(err.details).toEqual([
      'lookbackDays (line 1): Too small: expected number to be >0',
      'holidays[0] (line 2): expected a date written YYYY-MM-DD',
      // The misspelt columns key leaves the source without columns.rep and columns.date.
      'sources[0].columns.rep (line 4): a source needs columns.rep (the column naming the rep)',
      'sources[0].columns.date (line 4): a source needs columns.date, or a date on every rule',
      'sources[0].colums (line 5): unknown key (did you mean "columns"?)',
      'sources[0].rules[0].when.Stage.match (line 8): invalid regular expression: Invalid regular expression: /([a-z/iu: Unterminated character class',
      'sources[0].rules[1].stage (line 9): unknown stage "demo"; stages are: dial, conversation, appointment_set, appointment_kept, second_meeting, proposal, close',
      'sources[0].rules[1].when.Type.mach (line 10): unknown condition "mach" (did you mean "match"?); expected a value, or one of { in: [...] }, { match: REGEX }, { not: CONDITION }, { empty: true|false }',
    ]);
  });

  it('names unknown top-level keys', () => {
    const err = problems('sorces: []\nlookback: 30\n');
    expect(err.details).toEqual([
      'sorces (line 1): unknown key (did you mean "sources"?)',
      'lookback (line 2): unknown key (did you mean "lookbackDays"?)',
    ]);
  });

  it('explains wrong types', () => {
    const err = problems('priorCloses: two\nworkdays: [mon, funday]\n');
    expect(err.details).toEqual([
      'priorCloses (line 1): expected number, got "two"',
      'workdays[1] (line 2): expected one of "mon", "tue", "wed", "thu", "fri", "sat", "sun", got "funday"',
    ]);
  });

  it('rejects invalid YAML with its line', () => {
    const err = problems('sources:\n  - path: a.csv\n  path: b.csv\n');
    expect(err.code).toBe('CONFIG_PARSE');
    expect(err.details[0]).toMatch(/^line 3: /);
  });

  it('rejects duplicate keys', () => {
    const err = problems('lookbackDays: 30\nlookbackDays: 60\n');
    expect(err.code).toBe('CONFIG_PARSE');
    expect(err.details[0]).toContain('line 2');
  });

  it('reads JSON configs', () => {
    const err = problems('{"sources": [], "priorClose": 1}', 'funnel.config.json');
    expect(err.details).toEqual(['priorClose: unknown key (did you mean "priorCloses"?)']);
  });

  it('checks tallies sources', () => {
    const err = problems('sources:\n  - path: t.csv\n    shape: tallies\n    rules: [{ stage: dial }]\n');
    expect(err.details).toEqual([
      'sources[0].counts (line 2): a tallies source needs counts: { stage: column, … }',
      'sources[0].columns.rep (line 2): a tallies source needs columns.rep',
      'sources[0].columns.date (line 2): a tallies source needs columns.date (the week or day of each row)',
      'sources[0].rules (line 4): a tallies source takes counts, not rules',
    ]);
  });
});

describe('findConfig', () => {
  it('finds the nearest config upward', () => {
    const root = mkdtempSync(join(tmpdir(), 'funnel-find-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'funnel.config.yml'), '');
    writeFileSync(join(root, 'a', 'funnel.config.json'), '{}');
    expect(findConfig(join(root, 'a', 'b'))).toBe(join(root, 'a', 'funnel.config.json'));
    expect(findConfig(root)).toBe(join(root, 'funnel.config.yml'));
  });
});
