import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonPieces, renderJsonStreamed } from '../../src/report/json.js';
import { planReport } from '../../src/engine/report.js';
import { fixedGoalBook } from '../../src/engine/goals.js';
import { Tally } from '../../src/engine/tally.js';

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

// renderJsonStreamed must write what renderJson writes for the whole document, asking for each
// item only once the one before is written.
describe('renderJsonStreamed', () => {
  const cases: [string, Record<string, unknown>, unknown[]][] = [
    ['several items, the key in the middle', { schemaVersion: 1, team: { n: 2 }, reps: null, input: { rows: 3 } }, [{ rep: 'Ann', prompts: [] }, { rep: 'Bo', n: [1, { deep: 'ø😀' }] }, {}]],
    ['no items', { a: 1, reps: [], z: 2 }, []],
    ['the key first and last', { reps: 'placeholder' }, [1, 'two']],
    ['items JSON writes as null, and toJSON with the index as key', { reps: 0 }, [undefined, () => 1, { toJSON: (key: string) => `at ${key}` }, new Date(Date.UTC(2026, 10, 18))]],
  ];
  it.each(cases)('%s', (_name, doc, items) => {
    const text = [...renderJsonStreamed(doc, 'reps', items)].join('');
    expect(text).toBe(renderJson({ ...doc, reps: items }));
  });

  it('writes a multi-rep report exactly as JSON.stringify of the whole document, building one rep at a time', () => {
    const tally = new Tally();
    for (const [key, name, date, dials, closes] of [
      ['ann', 'Ann', '2026-11-02', 60, 1],
      ['bo', 'bo', '2026-11-10', 40, 0],
      ['cy', 'Cy', '2026-10-25', 90, 2],
      ['dee', 'Dée "D"', '2026-11-16', 5, 0],
    ] as const) {
      tally.add(key, name, 'dial', date, dials);
      if (closes > 0) tally.add(key, name, 'close', date, closes);
    }
    const plan = planReport({
      tally,
      stages: [{ id: 'dial', label: 'Dials' }, { id: 'close', label: 'Closes' }],
      calendar: { weekStartsOn: 1, workdays: new Set(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set() },
      asOf: '2026-11-18',
      period: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' },
      lookbackDays: 30,
      priorCloses: 1,
      namedReps: new Map([['ann', { name: 'Ann', book: fixedGoalBook(5) }]]),
    });
    const doc = { schemaVersion: 1, ...plan.head, reps: [], input: { rows: 6 } };
    const whole = { ...doc, reps: plan.reps.map(plan.entry) };
    expect(whole.reps.map((r) => r.rep)).toEqual(['Ann', 'bo', 'Cy', 'Dée "D"']);

    const log: string[] = [];
    const reps = {
      *[Symbol.iterator]() {
        for (const ref of plan.reps) {
          log.push(`build ${ref.name}`);
          yield plan.entry(ref);
        }
      },
    };
    let text = '';
    for (const piece of renderJsonStreamed(doc, 'reps', reps)) {
      text += piece;
      log.push('piece');
    }
    expect(text).toBe(JSON.stringify(whole, null, 2) + '\n');
    // Each rep is built only once the one before is written: between two builds, the separator
    // and the text of the rep built first.
    const builds = log.flatMap((l, i) => (l.startsWith('build') ? [i] : []));
    expect(builds).toHaveLength(4);
    for (let k = 1; k < builds.length; k++) expect(log.slice(builds[k - 1] + 1, builds[k])).toEqual(['piece', 'piece']);
  });
});
