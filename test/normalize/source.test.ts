import { describe, expect, it } from 'vitest';
import { configSchema, type SourceConfig } from '../../src/config/schema.js';
import { SeenIds } from '../../src/normalize/id-set.js';
import { RepResolver } from '../../src/normalize/reps.js';
import { compileSource, type RowResult, type RunState } from '../../src/normalize/source.js';

type Event = [rep: string, stage: string, date: string, count: number];

/** Compiles `source` against `headers` and maps `rows`, returning outcomes and events. */
function run(source: Record<string, unknown>, headers: string[], rows: string[][], reps: Record<string, unknown> = {}) {
  const config = configSchema.parse({ sources: [source], reps });
  const state: RunState = { reps: new RepResolver(config.reps), seen: new SeenIds(), duplicates: 0 };
  const events: Event[] = [];
  const column = (name: string) => {
    const i = headers.indexOf(name);
    if (i < 0) throw new Error(`no column ${name}`);
    return (r: unknown) => (r as string[])[i] ?? '';
  };
  const map = compileSource(config.sources[0] as SourceConfig, 'sources[0]', column, state, {
    event: (rep, stage, date, count) => events.push([rep.name, stage, date, count]),
  });
  const outcomes: RowResult[] = rows.map((r) => map(r));
  return { outcomes, events, state };
}

const calls = {
  path: 'calls.csv',
  columns: { rep: 'Owner', date: 'Date', id: 'ID' },
  rules: [
    { stage: 'dial', when: { Type: 'call', Direction: { not: 'inbound' } } },
    { stage: 'conversation', when: { Type: 'call', Outcome: { in: ['Connected', 'Meeting booked'] } } },
    { stage: 'close', when: { Stage: { match: '^closed ?won$' } }, date: 'Closed' },
  ],
};
const headers = ['ID', 'Owner', 'Type', 'Direction', 'Outcome', 'Date', 'Stage', 'Closed'];

describe('event sources', () => {
  it('emits one event per matching rule, dated per rule', () => {
    const { outcomes, events } = run(calls, headers, [
      ['1', 'Jane Doe', 'Call', 'Outbound', 'Connected', '2026-11-02', '', ''],
      ['2', 'Jane Doe', 'call', 'Inbound', 'Connected', '2026-11-02', '', ''],
      ['3', 'Jane Doe', 'Email', 'Outbound', '', '2026-11-03', 'Closed Won', '2026-11-20'],
      ['4', 'Jane Doe', 'Email', '', '', '2026-11-03', 'Open', ''],
    ]);
    expect(outcomes).toEqual(['used', 'used', 'used', 'ignored']);
    expect(events).toEqual([
      ['Jane Doe', 'dial', '2026-11-02', 1],
      ['Jane Doe', 'conversation', '2026-11-02', 1],
      // Inbound: a conversation but not a dial.
      ['Jane Doe', 'conversation', '2026-11-02', 1],
      // The close is dated by its own column.
      ['Jane Doe', 'close', '2026-11-20', 1],
    ]);
  });

  it('resolves aliases and spellings to one rep', () => {
    const { events } = run(
      calls,
      headers,
      [
        ['1', '  jane   DOE ', 'Call', '', '', '2026-11-02', '', ''],
        ['2', 'jdoe@acme.example', 'Call', '', '', '2026-11-02', '', ''],
        ['3', 'Bob', 'Call', '', '', '2026-11-02', '', ''],
        ['4', 'BOB', 'Call', '', '', '2026-11-02', '', ''],
      ],
      { 'Jane Doe': { aliases: ['jdoe@acme.example'] } },
    );
    // Configured reps keep their configured name; others the first spelling seen.
    expect(events.map((e) => e[0])).toEqual(['Jane Doe', 'Jane Doe', 'Bob', 'Bob']);
  });

  it('counts each (id, stage) once, first wins, and keeps the row used', () => {
    const { outcomes, events, state } = run(calls, headers, [
      ['7', 'Jane', 'Call', '', 'Connected', '2026-11-02', '', ''],
      ['7', 'Bob', 'Call', '', 'Connected', '2026-11-05', '', ''],
      // Blank ids are no ids: never deduplicated.
      [' ', 'Bob', 'Call', '', '', '2026-11-05', '', ''],
      ['', 'Bob', 'Call', '', '', '2026-11-05', '', ''],
    ]);
    expect(outcomes).toEqual(['used', 'used', 'used', 'used']);
    expect(events).toEqual([
      ['Jane', 'dial', '2026-11-02', 1],
      ['Jane', 'conversation', '2026-11-02', 1],
      ['Bob', 'dial', '2026-11-05', 1],
      ['Bob', 'dial', '2026-11-05', 1],
    ]);
    expect(state.duplicates).toBe(2);
  });

  it('rejects a matching row whole when the rep or a date is missing', () => {
    const { outcomes, events } = run(calls, headers, [
      ['1', '   ', 'Call', '', '', '2026-11-02', '', ''],
      // The close rule's date is bad: the dial event is not emitted either.
      ['2', 'Jane', 'Call', '', '', '2026-11-02', 'Closed Won', '2026-02-30'],
      // A row matching no rule is ignored even without a rep.
      ['3', '', 'Email', '', '', 'garbage', '', ''],
    ]);
    expect(outcomes[0]).toEqual({ code: 'NO_REP', field: 'Owner', value: '   ', reason: 'no rep: column "Owner" is empty' });
    expect(outcomes[1]).toEqual({
      code: 'BAD_DATE',
      field: 'Closed',
      value: '2026-02-30',
      reason: '"2026-02-30" is not a date (expected a real calendar date) in column "Closed"',
    });
    expect(outcomes[2]).toBe('ignored');
    expect(events).toEqual([]);
  });

  it('emits one event when several rules for a stage match (OR), dated by the first', () => {
    const source = {
      path: 'x.csv',
      columns: { rep: 'Owner', date: 'Date' },
      rules: [
        { stage: 'appointment_set', when: { Type: 'meeting' } },
        { stage: 'appointment_set', when: { Outcome: 'Meeting booked' }, date: 'Closed' },
      ],
    };
    const { events, state } = run(source, headers, [
      ['', 'Jane', 'Meeting', '', 'Meeting booked', '2026-11-02', '', '2026-11-09'],
      ['', 'Jane', 'Call', '', 'Meeting booked', '2026-11-02', '', '2026-11-09'],
    ]);
    expect(events).toEqual([
      ['Jane', 'appointment_set', '2026-11-02', 1],
      ['Jane', 'appointment_set', '2026-11-09', 1],
    ]);
    expect(state.duplicates).toBe(0);
  });

  it('matches every row with an empty when', () => {
    const { outcomes } = run({ path: 'x.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial' }] }, headers, [
      ['', 'Jane', '', '', '', '2026-11-02', '', ''],
    ]);
    expect(outcomes).toEqual(['used']);
  });
});

describe('tallies', () => {
  const tally = {
    path: 'weekly.csv',
    shape: 'tallies',
    columns: { rep: 'Rep', date: 'Week' },
    counts: { dial: 'Dials', appointment_set: 'Appts Set', close: 'Closes' },
  };
  const th = ['Rep', 'Week', 'Dials', 'Appts Set', 'Closes'];

  it('treats blank as not recorded, 0 as zero, and all-blank or zero rows as ignored', () => {
    const { outcomes, events } = run(tally, th, [
      ['Jane', '2026-11-02', '40', '', '0'],
      ['Jane', '2026-11-09', '', '', ''],
      ['Jane', '2026-11-16', '0', '0', '0'],
      ['Bob', '2026-11-02', '12', '3', '1'],
    ]);
    expect(outcomes).toEqual(['used', 'ignored', 'ignored', 'used']);
    expect(events).toEqual([
      ['Jane', 'dial', '2026-11-02', 40],
      ['Bob', 'dial', '2026-11-02', 12],
      ['Bob', 'appointment_set', '2026-11-02', 3],
      ['Bob', 'close', '2026-11-02', 1],
    ]);
  });

  it('rejects a row with a count that is not a whole number', () => {
    const { outcomes, events } = run(tally, th, [
      ['Jane', '2026-11-02', '40', 'n/a', ''],
      ['Jane', '2026-11-02', '4.5', '', ''],
      ['Jane', '2026-11-02', '-3', '', ''],
      ['', '2026-11-02', '5', '', ''],
      ['Bob', 'week 45', '5', '', ''],
    ]);
    expect(outcomes[0]).toMatchObject({ code: 'BAD_COUNT', field: 'Appts Set', value: 'n/a' });
    expect((outcomes[0] as { reason: string }).reason).toBe(
      '"n/a" in column "Appts Set" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded',
    );
    expect(outcomes[1]).toMatchObject({ code: 'BAD_COUNT', value: '4.5' });
    expect(outcomes[2]).toMatchObject({ code: 'BAD_COUNT', value: '-3' });
    expect(outcomes[3]).toMatchObject({ code: 'NO_REP' });
    expect(outcomes[4]).toMatchObject({ code: 'BAD_DATE', field: 'Week' });
    expect(events).toEqual([]);
  });
});
