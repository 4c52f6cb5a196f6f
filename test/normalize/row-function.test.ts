import { describe, expect, it } from 'vitest';
import { configSchema, type SourceConfig } from '../../src/config/schema.js';
import type { Calendar, Weekday } from '../../src/engine/model.js';
import { SeenIds } from '../../src/normalize/id-set.js';
import { sourceMapping, type SourceMapping } from '../../src/normalize/mapping.js';
import { RepResolver } from '../../src/normalize/reps.js';
import { compileMapping, compileSource, emitRow, type MapResult, type RowResult, type RunState } from '../../src/normalize/source.js';

// The row function compiled from a mapping, row after row: the result object is reused between
// rows, so each test maps several rows and checks that nothing of one row leaks into the next.

const headers = ['ID', 'Owner', 'Type', 'Date', 'Closed', 'Created', 'Note'];

function compiled(source: Record<string, unknown>, edit: (m: SourceMapping) => void = () => {}) {
  const config = configSchema.parse({ sources: [source] });
  const m = sourceMapping(config.sources[0] as SourceConfig, { key: 'sources[0]' });
  edit(m);
  const state: RunState = { reps: new RepResolver({}), seen: new SeenIds(), duplicates: 0 };
  const map = compileMapping(m, { getter: (c) => (r) => (r as string[])[headers.indexOf(c.column)] ?? '', state });
  /** Maps a row and copies the (reused) result before the next row is mapped. */
  const row = (...cells: string[]): MapResult => {
    const out = map(cells);
    return typeof out === 'object' && 'events' in out ? { ...out, rep: { ...out.rep }, events: out.events.map((e) => ({ ...e })) } : out;
  };
  return { row, state };
}

const deals = {
  path: 'deals.csv',
  columns: { rep: 'Owner', date: 'Date', id: 'ID', created: 'Created' },
  rules: [
    { stage: 'dial', when: { Type: { in: ['call', 'won'] } } },
    { stage: 'close', when: { Type: 'won' }, date: 'Closed' },
  ],
};

describe('events: the reused row', () => {
  it('each row has exactly its own events, ids, reps and created dates', () => {
    const { row } = compiled(deals);
    // Two events, each with the created date; then one event and no created date; then two again.
    expect(row('9', 'Ann Lee', 'won', '2026-03-02', '2026-03-05', '2026-02-01', '')).toEqual({
      rep: { key: 'ann lee', name: 'Ann Lee' },
      id: '9',
      events: [
        { stage: 'dial', stageNo: 0, date: '2026-03-02', count: 1, created: '2026-02-01' },
        { stage: 'close', stageNo: 1, date: '2026-03-05', count: 1, created: '2026-02-01' },
      ],
    });
    expect(row('', 'Bo Chen', 'call', '2026-03-03', '', '', '')).toEqual({
      rep: { key: 'bo chen', name: 'Bo Chen' },
      id: '',
      events: [{ stage: 'dial', stageNo: 0, date: '2026-03-03', count: 1, created: null }],
    });
    expect(row(' 10 ', 'ann lee', 'won', '2026-03-04', '2026-03-06', 'n/a', '')).toEqual({
      rep: { key: 'ann lee', name: 'Ann Lee' },
      id: '10',
      events: [
        { stage: 'dial', stageNo: 0, date: '2026-03-04', count: 1, created: null },
        { stage: 'close', stageNo: 1, date: '2026-03-06', count: 1, created: null },
      ],
    });
  });

  it('a rule with a created column of its own reads it; others read none', () => {
    const { row } = compiled({
      path: 'd.csv',
      columns: { rep: 'Owner', date: 'Date' },
      rules: [
        { stage: 'dial', when: { Type: 'won' } },
        { stage: 'close', when: { Type: 'won' }, date: 'Closed', created: 'Created' },
      ],
    });
    expect(row('', 'Ann', 'won', '2026-03-02', '2026-03-05', '2026-02-01', '')).toMatchObject({
      events: [
        { stage: 'dial', created: null },
        { stage: 'close', created: '2026-02-01' },
      ],
    });
  });

  it('an alternative is skipped only when an earlier rule of its stage matched in this row', () => {
    const { row } = compiled({
      path: 'd.csv',
      columns: { rep: 'Owner', date: 'Date' },
      rules: [
        { stage: 'close', when: { Type: 'won' }, date: 'Closed' },
        { stage: 'dial', when: { Note: 'x' } },
        { stage: 'close', when: { Note: 'x' } },
      ],
    });
    // Row 1: rule 0 matches, so rule 2 (close again) is skipped. Row 2: rule 0 does not match, rule 2 does.
    expect(row('', 'Ann', 'won', '2026-03-02', '2026-03-05', '', 'x')).toMatchObject({
      events: [
        { stage: 'close', date: '2026-03-05' },
        { stage: 'dial', date: '2026-03-02' },
      ],
    });
    expect(row('', 'Ann', 'lost', '2026-03-02', '2026-03-05', '', 'x')).toMatchObject({
      events: [
        { stage: 'dial', date: '2026-03-02' },
        { stage: 'close', date: '2026-03-02' },
      ],
    });
    expect(row('', 'Ann', 'lost', '2026-03-02', '', '', '')).toBe('ignored');
  });

  it('every condition of a rule must hold', () => {
    const { row } = compiled({ path: 'd.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { Type: 'call', Note: 'out' } }] });
    expect(row('', 'Ann', 'call', '2026-03-02', '', '', 'out')).toMatchObject({ events: [{ stage: 'dial' }] });
    expect(row('', 'Ann', 'call', '2026-03-02', '', '', 'in')).toBe('ignored');
    expect(row('', 'Ann', 'email', '2026-03-02', '', '', 'out')).toBe('ignored');
  });
});

describe('events: totals rows and missing reps', () => {
  it.each([
    // [rep cell, another cell, outcome]
    ['Total', '', 'total'], // the rep cell says so (and would name a rep "Total")
    ['Grand Total', '', 'total'],
    ['', 'Grand total', 'total'], // an empty rep, and another cell says so
    ['  ', 'Grand total', 'total'], // a blank rep is an empty one
    ['', '', 'NO_REP'],
    ['  ', 'notes', 'NO_REP'],
    ['Totally Tubular', '', 'used'], // a rep whose name starts like "total" but is not one
    ['Ann', 'Total', 'used'], // a rep named: another cell saying Total does not matter
  ])('rep %j, note %j → %s', (rep, note, outcome) => {
    const { row } = compiled({ path: 'd.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial' }] });
    const out = row('', rep, '', '2026-03-02', '', '', note);
    const got = typeof out === 'string' ? out : 'code' in out ? out.code : 'used';
    expect(got).toBe(outcome);
  });

  it('the no-rep rejection names the column as the source names it', () => {
    const { row } = compiled({ path: 'd.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial' }] });
    expect(row('', ' ', '', '2026-03-02', '', '', '')).toEqual({ code: 'NO_REP', field: 'Owner', value: ' ', reason: 'no rep: column "Owner" is empty' });
  });

  it('a bad date is rejected whole, without the isAmbiguous mark; an ambiguous one with it', () => {
    const { row } = compiled(deals);
    expect(row('', 'Ann', 'won', '2026-03-02', '2026-13-01', '', '')).toEqual({
      code: 'BAD_DATE',
      field: 'Closed',
      value: '2026-13-01',
      reason: '"2026-13-01" is not a date (expected a real calendar date) in column "Closed"',
    });
    expect(row('', 'Ann', 'call', '03/04/2026', '', '', '')).toEqual({
      code: 'BAD_DATE',
      field: '',
      value: '03/04/2026',
      reason: '"03/04/2026" could be day-first or month-first',
      isAmbiguous: true,
    });
  });

  it('a date column the mapping gives no reading is read as auto', () => {
    const { row } = compiled(deals, (m) => {
      delete m.dates.Closed;
      m.dates.Date = { kind: 'format', format: 'dd.MM.yyyy' };
    });
    expect(row('', 'Ann', 'won', '02.03.2026', '2026-03-05', '', '')).toMatchObject({
      events: [
        { stage: 'dial', date: '2026-03-02' },
        { stage: 'close', date: '2026-03-05' },
      ],
    });
    expect(row('', 'Ann', 'won', '02.03.2026', 'soon', '', '')).toEqual({
      code: 'BAD_DATE',
      field: 'Closed',
      value: 'soon',
      reason: '"soon" is not a date (expected YYYY-MM-DD, or set dateFormat) in column "Closed"',
    });
  });

  it('two columns with one data spelling but two names: each rejection names its own', () => {
    const { row } = compiled(deals, (m) => {
      // The close rule reads the same data column, named differently in the source.
      m.rules[1].date = { name: 'Close Date', column: 'Date', key: 'sources[0].rules[1].date' };
    });
    expect(row('', 'Ann', 'won', 'soon', '', '', '')).toMatchObject({ field: 'Date' });
    expect(row('', 'Ann', 'won', '2026-03-02', '', '', '')).toMatchObject({ events: [{ date: '2026-03-02' }, { date: '2026-03-02' }] });
    const { row: closeOnly } = compiled(deals, (m) => {
      m.rules[1].date = { name: 'Close Date', column: 'Date', key: 'sources[0].rules[1].date' };
      m.rules = [m.rules[1]];
    });
    expect(closeOnly('', 'Ann', 'won', 'soon', '', '', '')).toMatchObject({ field: 'Close Date', reason: '"soon" is not a date (expected YYYY-MM-DD, or set dateFormat) in column "Close Date"' });
  });
});

describe('emitRow and compileSource', () => {
  it('a row without an id is never deduplicated; ids are per stage; duplicates are counted', () => {
    const state: RunState = { reps: new RepResolver({}), seen: new SeenIds(), duplicates: 0 };
    const got: string[] = [];
    const sink = { event: (rep: { name: string }, stage: string, date: string, count: number, created: string | null) => got.push(`${rep.name} ${stage} ${date} ${count} ${created}`) };
    const dial = state.seen.stage('dial');
    const close = state.seen.stage('close');
    const ev = (stage: string, stageNo: number, date: string) => ({ stage, stageNo, date: date as `${number}-${number}-${number}`, count: 1, created: null });
    const rep = { key: 'ann', name: 'Ann' };
    emitRow({ rep, id: '', events: [ev('dial', dial, '2026-03-02')] }, state, sink);
    emitRow({ rep, id: '', events: [ev('dial', dial, '2026-03-02')] }, state, sink);
    emitRow({ rep, id: '5', events: [ev('dial', dial, '2026-03-03'), ev('close', close, '2026-03-04')] }, state, sink);
    emitRow({ rep, id: '5', events: [ev('dial', dial, '2026-03-05'), ev('close', close, '2026-03-06')] }, state, sink);
    expect(got).toEqual(['Ann dial 2026-03-02 1 null', 'Ann dial 2026-03-02 1 null', 'Ann dial 2026-03-03 1 null', 'Ann close 2026-03-04 1 null']);
    expect(state.duplicates).toBe(2);
  });

  it('compileSource finds each column once, by the name the source gives, with its config key', () => {
    const config = configSchema.parse({ sources: [deals] });
    const asked: string[] = [];
    const state: RunState = { reps: new RepResolver({}), seen: new SeenIds(), duplicates: 0 };
    const events: string[] = [];
    const map = compileSource(
      config.sources[0] as SourceConfig,
      'sources[5]',
      (name, key) => {
        asked.push(`${name} ${key}`);
        const i = headers.indexOf(name);
        return (r) => (r as string[])[i] ?? '';
      },
      state,
      { event: (rep, stage, date, count, created) => events.push(`${rep.name} ${stage} ${date} ${count} ${created}`) },
    );
    expect(asked).toEqual([
      'Owner sources[5].columns.rep',
      'ID sources[5].columns.id',
      'Date sources[5].columns.date',
      'Created sources[5].columns.created',
      'Type sources[5].rules[0].when',
      'Closed sources[5].rules[1].date',
    ]);
    const outcomes: RowResult[] = [
      map(['1', 'Ann', 'won', '2026-03-02', '2026-03-05', '2026-02-01', '']),
      map(['1', 'Ann', 'won', '2026-03-02', '2026-03-05', '2026-02-01', '']),
      map(['2', 'Ann', 'lost', '2026-03-02', '', '', '']),
      map(['3', '', 'call', '2026-03-02', '', '', 'Grand total']),
      map(['4', '', 'call', '2026-03-02', '', '', '']),
    ];
    expect(outcomes).toEqual(['used', 'used', 'ignored', 'total', { code: 'NO_REP', field: 'Owner', value: '', reason: 'no rep: column "Owner" is empty' }]);
    expect(events).toEqual(['Ann dial 2026-03-02 1 2026-02-01', 'Ann close 2026-03-05 1 2026-02-01']);
    expect(state.duplicates).toBe(2);
  });
});

describe('tallies: one row', () => {
  const weekly = { path: 'w.csv', shape: 'tallies', columns: { rep: 'Owner', date: 'Date' }, counts: { dial: 'Type', close: 'Note' } };

  it.each([
    // [Type (dials), Note (closes), outcome]
    ['3', '', [['dial', 3]]],
    ['0', '2', [['close', 2]]],
    ['12.0', '1.00', [['dial', 12], ['close', 1]]], // a whole number written with a decimal zero
    [' 4 ', '', [['dial', 4]]],
    ['', '', 'ignored'],
    ['0', '0', 'ignored'],
    ['0', ' ', 'ignored'],
  ] as const)('dials %j, closes %j → %j', (dials, closes, outcome) => {
    const { row } = compiled(weekly);
    const out = row('', 'Ann', dials, '2026-03-02', '', '', closes);
    if (typeof outcome === 'string') expect(out).toBe(outcome);
    else
      expect(out).toEqual({
        rep: { key: 'ann', name: 'Ann' },
        id: '',
        events: outcome.map(([stage, count]) => ({ stage, stageNo: -1, date: '2026-03-02', count, created: null })),
      });
  });

  it('what is checked first: a totals row, then nothing counted, then the rep, then the counts, then the date', () => {
    const { row } = compiled(weekly);
    // A totals row with a bad count and no rep is a totals row.
    expect(row('', '', 'x', 'bad', '', '', 'Total')).toBe('total');
    expect(row('', 'Total', '5', '2026-03-02', '', '', '')).toBe('total');
    // Nothing counted: ignored, even without a rep or a date.
    expect(row('', '', '', 'bad', '', '', '')).toBe('ignored');
    // A bad count counts as something: with no rep, the rep is what is missing.
    expect(row('', '', 'x', '2026-03-02', '', '', '')).toMatchObject({ code: 'NO_REP' });
    // With a rep: the first bad count, whatever the date.
    expect(row('', 'Ann', '1.5', 'bad', '', '', 'x')).toEqual({
      code: 'BAD_COUNT',
      field: 'Type',
      value: '1.5',
      reason: '"1.5" in column "Type" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded',
    });
    expect(row('', 'Ann', '0', '2026-03-02', '', '', ' -2 ')).toMatchObject({ code: 'BAD_COUNT', field: 'Note', value: '-2' });
    // Counts fine: the date.
    expect(row('', 'Ann', '5', 'bad', '', '', '')).toEqual({
      code: 'BAD_DATE',
      field: 'Date',
      value: 'bad',
      reason: '"bad" is not a date (expected YYYY-MM-DD, or set dateFormat) in column "Date"',
    });
  });

  it('a week column spreads each count over its working days, up to as-of', () => {
    const config = configSchema.parse({ sources: [{ ...weekly, columns: { rep: 'Owner', date: 'Week Of' } }] });
    const m = sourceMapping(config.sources[0] as SourceConfig, { key: 'sources[0]' });
    const calendar: Calendar = { weekStartsOn: 1, workdays: new Set<Weekday>(['mon', 'tue', 'wed', 'thu', 'fri']), holidays: new Set() };
    const state: RunState = { reps: new RepResolver({}), seen: new SeenIds(), duplicates: 0, tallyDays: { calendar, asOf: '2026-03-04' } };
    const cols = ['Owner', 'Week Of', 'Type', 'Note'];
    const map = compileMapping(m, { getter: (c) => (r) => (r as string[])[cols.indexOf(c.column)] ?? '', state });
    // Monday 2026-03-02: as-of Wednesday leaves three working days; 7 dials → 3, 2, 2.
    expect(map(['Ann', '2026-03-02', '7', ''])).toMatchObject({
      events: [
        { stage: 'dial', date: '2026-03-02', count: 3 },
        { stage: 'dial', date: '2026-03-03', count: 2 },
        { stage: 'dial', date: '2026-03-04', count: 2 },
      ],
    });
  });
});
