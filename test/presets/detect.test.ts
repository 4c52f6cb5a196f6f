import { describe, expect, it } from 'vitest';
import { describeCandidates, detectPreset, unrecognizedFileError } from '../../src/presets/detect.js';
import type { Preset } from '../../src/presets/types.js';

function preset(name: string, required: string[], optional: string[] = [], fileNames: RegExp[] = []): Preset {
  const columns = Object.fromEntries([
    ...required.map((h) => [h.toLowerCase(), { aliases: [h], isRequired: true, doc: '' }]),
    ...optional.map((h) => [h.toLowerCase(), { aliases: [h], doc: '' }]),
  ]);
  return { name, title: name, origin: '', columns, fileNames, stages: ['dial'], map: () => ({ shape: 'events', columns: { rep: required[0] }, rules: [] }) };
}

const A = preset('a', ['Owner', 'Date'], ['Outcome', 'Direction'], [/calls/]);
const B = preset('b', ['Owner', 'Date'], ['Stage', 'Won']);
const C = preset('c', ['Host', 'From'], ['To']);

describe('detectPreset', () => {
  it('a preset fits only with every required column; the most columns found wins', () => {
    const d = detectPreset(['Owner', 'Date', 'Outcome', 'Stage', 'Won'], 'export.csv', { presets: [A, B, C] });
    expect(d).toMatchObject({ preset: 'b', score: 4, matched: ['Owner', 'Date', 'Stage', 'Won'], isAmbiguous: false, hasFileNameHint: false });
    expect(d.candidates.map((c) => [c.preset, c.isEligible, c.score])).toEqual([['b', true, 4], ['a', true, 3], ['c', false, 0]]);
  });

  it('a file-name hint adds two to a preset the headers fit', () => {
    const d = detectPreset(['Owner', 'Date', 'Outcome', 'Stage', 'Won'], 'hubspot-calls-q1.csv', { presets: [A, B, C] });
    expect(d).toMatchObject({ preset: 'a', score: 5, hasFileNameHint: true });
  });

  it('a file-name hint alone chooses nothing', () => {
    const d = detectPreset(['Owner', 'When'], 'calls.csv', { presets: [A] });
    expect(d.preset).toBeNull();
    expect(d.candidates[0]).toMatchObject({ isEligible: false, hasFileNameHint: false, requiredFound: 1, required: 2, missing: ['date ("Date")'] });
  });

  it('a tie between fitting presets is ambiguous: none is chosen', () => {
    const d = detectPreset(['Owner', 'Date', 'Outcome', 'Stage'], 'x.csv', { presets: [A, B] });
    expect(d).toMatchObject({ preset: null, isAmbiguous: true });
    expect(unrecognizedFileError('x.csv', d).message).toBe('the headers fit several presets equally well: a, b');
  });

  it('without a fit, candidates are ranked by the share of required columns found', () => {
    const d = detectPreset(['Host', 'Owner'], 'x.csv', { presets: [A, C] });
    expect(d.preset).toBeNull();
    expect(describeCandidates(d.candidates)).toEqual([
      '  a: 1 of 2 required columns, 1 column recognised; missing date ("Date")',
      '  c: 1 of 2 required columns, 1 column recognised; missing from ("From")',
    ]);
    const err = unrecognizedFileError('x.csv', d);
    expect(err.code).toBe('NO_SOURCE_FOR_FILE');
    expect(err.exitCode).toBe(2);
    expect(err.details[0]).toBe('closest presets:');
    expect(err.hint).toContain('--preset NAME');
    expect(err.hint).toContain('funnel init x.csv');
  });
});
