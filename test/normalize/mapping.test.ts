import { describe, expect, it } from 'vitest';
import { configSchema, type SourceConfig } from '../../src/config/schema.js';
import { SeenIds } from '../../src/normalize/id-set.js';
import { sourceMapping, type SourceMapping } from '../../src/normalize/mapping.js';
import { RepResolver } from '../../src/normalize/reps.js';
import { compileMapping, emitRow, type MapResult, type RunState } from '../../src/normalize/source.js';

// The row function is compiled from the mapping as plain data: the same value the SQL compiler
// reads. These tests build the value (or edit it by hand) and check what the row function makes.

const headers = ['ID', 'Owner', 'Type', 'Date', 'Closed', 'Created'];

function mappingOf(source: Record<string, unknown>): SourceMapping {
  const config = configSchema.parse({ sources: [source] });
  return sourceMapping(config.sources[0] as SourceConfig, { key: 'sources[0]' });
}

function compile(m: SourceMapping) {
  const state: RunState = { reps: new RepResolver({}), seen: new SeenIds(), duplicates: 0 };
  const map = compileMapping(m, { getter: (c) => (r) => (r as string[])[headers.indexOf(c.column)] ?? '', state });
  /** Maps a row and copies the (reused) result. */
  const row = (r: string[]): MapResult => {
    const out = map(r);
    return typeof out === 'object' && 'events' in out ? { ...out, events: out.events.map((e) => ({ ...e })) } : out;
  };
  return { row, map, state };
}

const calls = {
  path: 'calls.csv',
  columns: { rep: 'Owner', date: 'Date', id: 'ID', created: 'Created' },
  rules: [
    { stage: 'dial', when: { Type: 'call' } },
    { stage: 'close', when: { Type: { in: ['won', 'closed won'] } }, date: 'Closed' },
    { stage: 'close', when: { Type: { match: '^won' } }, date: 'Closed' },
  ],
};

describe('the mapping as data', () => {
  it('states every column with the key naming it, the per-rule dates and the alternatives', () => {
    const m = mappingOf(calls);
    expect(m.rep).toEqual({ name: 'Owner', column: 'Owner', key: 'sources[0].columns.rep' });
    expect(m.rules.map((r) => [r.stage, r.date.name, r.created?.name, r.isAlternative])).toEqual([
      ['dial', 'Date', 'Created', false],
      ['close', 'Closed', 'Created', false],
      ['close', 'Closed', 'Created', true],
    ]);
    expect(m.rules[1].when[0].condition).toEqual({ kind: 'in', values: ['won', 'closed won'] });
    expect(m.dates).toEqual({ Date: { kind: 'auto' }, Closed: { kind: 'auto' }, Created: { kind: 'auto' } });
    expect(m.dedupe).toEqual({ column: m.id, per: 'stage', keeps: 'first' });
  });

  it('a tallies source maps no created column and no id', () => {
    const m = mappingOf({ path: 't.csv', shape: 'tallies', columns: { rep: 'Owner', date: 'Week Of', created: 'Created', id: 'ID' }, counts: { dial: 'Dials' } });
    expect([m.created, m.id, m.span]).toEqual([null, null, 'week-from']);
  });
});

describe('the row function compiled from it', () => {
  it('gives events as a value: rep, trimmed id, each event with its date and created date', () => {
    const { row } = compile(mappingOf(calls));
    expect(row([' 7 ', 'Ann Lee', 'Won', '2026-03-02', '2026-03-09', '2026-02-01'])).toEqual({
      rep: { key: 'ann lee', name: 'Ann Lee' },
      id: '7',
      events: [{ stage: 'close', stageNo: 1, date: '2026-03-09', count: 1, created: '2026-02-01' }],
    });
  });

  it('the first matching alternative gives the event; a bad created date leaves the row used', () => {
    const { row } = compile(mappingOf(calls));
    const out = row(['', 'Ann Lee', 'closed won', '2026-03-02', '2026-03-09', 'soon']);
    expect(out).toMatchObject({ id: '', events: [{ stage: 'close', date: '2026-03-09', created: null }] });
  });

  it('a day/month date with no order: a rejection marked ambiguous, returned and not thrown', () => {
    const { row } = compile(mappingOf(calls));
    expect(row(['1', 'Ann Lee', 'call', '03/04/2026', '', ''])).toEqual({
      code: 'BAD_DATE',
      field: '',
      value: '03/04/2026',
      reason: '"03/04/2026" could be day-first or month-first',
      isAmbiguous: true,
    });
  });

  it('reads a date column as the mapping says: a day-month reading, edited in the data, changes the row function', () => {
    const m = mappingOf(calls);
    m.dates.Date = { kind: 'day-month', order: 'day-first', label: 'dd/MM/yyyy' };
    const { row } = compile(m);
    expect(row(['1', 'Ann Lee', 'call', '03/04/2026', '', ''])).toMatchObject({ events: [{ stage: 'dial', date: '2026-04-03' }] });
    expect(row(['1', 'Ann Lee', 'call', '31/02/2026', '', ''])).toEqual({
      code: 'BAD_DATE',
      field: 'Date',
      value: '31/02/2026',
      reason: '"31/02/2026" is not a date (expected dd/MM/yyyy, detected from the file; set dateFormat if that is wrong) in column "Date"',
    });
  });

  it('a condition edited in the data changes what matches', () => {
    const m = mappingOf(calls);
    m.rules[0].when[0].condition = { kind: 'not', condition: { kind: 'equals', value: 'call' } };
    const { row } = compile(m);
    expect(row(['1', 'Ann Lee', 'call', '2026-03-02', '', ''])).toBe('ignored');
    expect(row(['1', 'Ann Lee', 'email', '2026-03-02', '', ''])).toMatchObject({ events: [{ stage: 'dial' }] });
  });

  it('the sink drops a repeated (id, stage): the first wins, duplicates are counted', () => {
    const { map, state } = compile(mappingOf(calls));
    const got: string[] = [];
    const sink = { event: (rep: { name: string }, stage: string, date: string) => got.push(`${rep.name} ${stage} ${date}`) };
    for (const r of [
      ['9', 'Ann Lee', 'call', '2026-03-02', '', ''],
      ['9', 'Bo Chen', 'call', '2026-03-03', '', ''],
      ['9', 'Bo Chen', 'won', '2026-03-03', '2026-03-04', ''],
    ]) {
      const out = map(r);
      if (typeof out === 'object' && 'events' in out) emitRow(out, state, sink);
    }
    expect(got).toEqual(['Ann Lee dial 2026-03-02', 'Bo Chen close 2026-03-04']);
    expect(state.duplicates).toBe(1);
  });
});
