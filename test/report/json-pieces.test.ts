import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonPieces } from '../../src/report/json.js';

// renderJsonPieces must write exactly what renderJson writes, for any document.
describe('renderJsonPieces', () => {
  const cases: [string, unknown][] = [
    ['a report-like document', { schemaVersion: 1, period: { start: '2026-11-01', end: '2026-11-30' }, reps: [{ rep: 'Ann', counts: { dial: 3 }, prompts: [] }, { rep: 'Bo', counts: {}, cycle: null }], input: { rows: 2, warnings: ['a\nb "q"'] } }],
    ['empty containers at every level', { a: [], b: {}, c: [[], {}], d: [{}] }],
    ['skipped values: undefined, functions and symbols out of objects, null in arrays', { u: undefined, f: () => 1, s: Symbol('x'), keep: 1, arr: [undefined, () => 1, Symbol('y'), 2] }],
    ['an object whose only keys are skipped', { nested: { u: undefined } }],
    ['toJSON at every level', { when: new Date(Date.UTC(2026, 10, 18)), list: [{ toJSON: () => ({ x: 1 }) }], custom: { toJSON: (key: string) => `key=${key}` } }],
    ['a top-level array and scalars', [1, 'two', null, true, { deep: { deeper: [1, { deepest: 'ø😀' }] } }]],
    ['a scalar', 'just text'],
    ['null', null],
    ['an array with holes', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['an object without a prototype', Object.assign(Object.create(null) as object, { z: 1, a: [2] })],
    ['numbers JSON cannot write', { nan: NaN, inf: -Infinity, neg0: -0 }],
  ];
  it.each(cases)('%s', (_name, doc) => {
    expect([...renderJsonPieces(doc)].join('')).toBe(renderJson(doc));
  });

  it('gives one piece per element of a top-level array property (a report\'s reps)', () => {
    const doc = { reps: Array.from({ length: 1000 }, (_, i) => ({ rep: `R${i}`, n: i })) };
    const pieces = [...renderJsonPieces(doc)];
    expect(pieces.join('')).toBe(renderJson(doc));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100);
  });
});
