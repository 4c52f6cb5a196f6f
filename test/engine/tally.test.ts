import { describe, expect, it } from 'vitest';
import { countsIn, sumCounts, sumCountsIn, Tally } from '../../src/engine/tally.js';

// Ann's dials: 3 on Nov 1, 2 more on Nov 1 (added twice), 4 on Nov 15, 1 on Nov 30, 7 on Dec 1.
function annAndBo(): Tally {
  const t = new Tally();
  t.add('ann', 'Ann', 'dial', '2026-11-01', 3);
  t.add('ann', 'ANN', 'dial', '2026-11-01', 2);
  t.add('ann', 'Ann', 'dial', '2026-11-15', 4);
  t.add('ann', 'Ann', 'dial', '2026-11-30');
  t.add('ann', 'Ann', 'dial', '2026-12-01', 7);
  t.add('ann', 'Ann', 'close', '2026-11-15', 1);
  t.add('bo', 'Bo', 'dial', '2026-10-31', 6);
  return t;
}

describe('Tally.add', () => {
  it('adds counts per rep, stage and date, one by default, keeping the first spelling of the name', () => {
    const t = annAndBo();
    const ann = t.reps.get('ann')!;
    expect(ann.name).toBe('Ann');
    // 3 + 2 on the same day.
    expect([...ann.byStage.get('dial')!]).toEqual([
      ['2026-11-01', 5],
      ['2026-11-15', 4],
      ['2026-11-30', 1],
      ['2026-12-01', 7],
    ]);
    expect([...t.reps.keys()]).toEqual(['ann', 'bo']);
  });

  it('records cycle samples per rep, in arrival order', () => {
    const t = new Tally();
    t.addCycle('ann', '2026-11-03', 12);
    t.addCycle('ann', '2026-11-05', 30);
    t.addCycle('bo', '2026-11-04', 7);
    expect(t.cycles.get('ann')).toEqual([
      { close: '2026-11-03', days: 12 },
      { close: '2026-11-05', days: 30 },
    ]);
    expect(t.cycles.get('bo')).toEqual([{ close: '2026-11-04', days: 7 }]);
  });
});

describe('countsIn: both ends of the window are included', () => {
  // The tally is built inside each test: mutation testing attributes code to the test that runs it.
  const annOf = () => annAndBo().reps.get('ann');
  it.each([
    // [start, end, dials, closes]
    ['2026-11-01', '2026-11-30', 10, 1], // 5 + 4 + 1; Dec 1 is outside
    ['2026-11-02', '2026-11-30', 5, 1], // 4 + 1: the first day left out
    ['2026-11-01', '2026-11-29', 9, 1], // 5 + 4: the last day left out
    ['2026-11-15', '2026-11-15', 4, 1], // a one-day window
    ['2026-11-16', '2026-11-29', 0, 0], // nothing in it
    ['2026-11-01', '2026-12-31', 17, 1],
    ['2026-12-02', '2026-11-01', 0, 0], // a window that ends before it starts holds nothing
  ])('%s..%s → %d dials, %d closes', (start, end, dials, closes) => {
    expect(countsIn(annOf(), ['dial', 'close'], start, end)).toEqual({ dial: dials, close: closes });
  });

  it('gives 0 for every stage of an unknown rep or an untracked stage', () => {
    expect(countsIn(undefined, ['dial', 'close'], '2026-01-01', '2026-12-31')).toEqual({ dial: 0, close: 0 });
    expect(countsIn(annOf(), ['proposal'], '2026-01-01', '2026-12-31')).toEqual({ proposal: 0 });
  });
});

describe('Tally.hasEventsIn', () => {
  it.each([
    ['ann', '2026-11-01', '2026-11-01', true],
    ['ann', '2026-11-30', '2026-11-30', true],
    ['ann', '2026-11-02', '2026-11-14', false],
    ['ann', '2026-12-01', '2026-12-31', true],
    ['ann', '2026-12-02', '2026-12-31', false],
    ['bo', '2026-10-31', '2026-10-31', true],
    ['bo', '2026-11-01', '2026-11-30', false],
    ['nobody', '2000-01-01', '2100-01-01', false],
  ])('%s in %s..%s → %s', (key, start, end, has) => expect(annAndBo().hasEventsIn(key, start, end)).toBe(has));

  it('ignores dates whose count is zero', () => {
    const z = new Tally();
    z.add('cy', 'Cy', 'dial', '2026-11-10', 0);
    expect(z.hasEventsIn('cy', '2026-11-10', '2026-11-10')).toBe(false);
    z.add('cy', 'Cy', 'close', '2026-11-10', 1);
    expect(z.hasEventsIn('cy', '2026-11-10', '2026-11-10')).toBe(true);
  });
});

describe('sumCounts', () => {
  it('adds stage by stage, a missing stage counting 0, over the stages asked for only', () => {
    // dial 5 + 0 + 2 = 7; close 1 + 3 + 0 = 4; `other` is not asked for.
    expect(sumCounts([{ dial: 5, close: 1 }, { close: 3, other: 9 }, { dial: 2 }], ['dial', 'close'])).toEqual({ dial: 7, close: 4 });
    expect(sumCounts([], ['dial'])).toEqual({ dial: 0 });
  });

  it('the team is the sum of its reps, for any window', () => {
    const t = annAndBo();
    const stages = ['dial', 'close'];
    for (const [start, end] of [
      ['2026-10-01', '2026-12-31'],
      ['2026-11-01', '2026-11-30'],
      ['2026-10-31', '2026-11-01'],
    ]) {
      const perRep = [...t.reps.values()].map((r) => countsIn(r, stages, start, end));
      const team = sumCounts(perRep, stages);
      // Σ over reps of Σ over dates equals Σ over dates of Σ over reps: the tally read whole.
      let dials = 0;
      for (const r of t.reps.values()) for (const [d, n] of r.byStage.get('dial') ?? []) if (d >= start && d <= end) dials += n;
      expect(team.dial).toBe(dials);
    }
    // Oct 1 – Dec 31: Ann 17 dials, Bo 6 → 23.
    expect(sumCounts([...t.reps.values()].map((r) => countsIn(r, stages, '2026-10-01', '2026-12-31')), stages)).toEqual({ dial: 23, close: 1 });
  });
});

describe('sumCountsIn', () => {
  it('adds the reps\' counts in the window, stage by stage', () => {
    const t = annAndBo();
    // Oct 1 – Dec 31: Ann 17 dials, Bo 6 → 23; one close. `proposal` is in no tally: 0.
    expect(sumCountsIn(t.reps.values(), ['dial', 'close', 'proposal'], '2026-10-01', '2026-12-31')).toEqual({ dial: 23, close: 1, proposal: 0 });
    // An empty window and no reps: zeros.
    expect(sumCountsIn(t.reps.values(), ['dial'], '2026-12-31', '2026-10-01')).toEqual({ dial: 0 });
    expect(sumCountsIn([], ['dial', 'close'], '2026-10-01', '2026-12-31')).toEqual({ dial: 0, close: 0 });
  });

  it('equals sumCounts of each rep\'s countsIn, for any window', () => {
    const t = annAndBo();
    const stages = ['dial', 'close'];
    for (const [start, end] of [
      ['2026-10-01', '2026-12-31'],
      ['2026-11-01', '2026-11-30'],
      ['2026-10-31', '2026-11-01'],
      ['2026-11-02', '2026-11-02'],
    ]) {
      expect(sumCountsIn(t.reps.values(), stages, start, end)).toEqual(sumCounts([...t.reps.values()].map((r) => countsIn(r, stages, start, end)), stages));
    }
  });
});
