import { describe, expect, it } from 'vitest';
import { configSchema, type SourceConfig } from '../../src/config/schema.js';
import { dateColumnsToDecide, mappedColumns, mappedCondition, sourceMapping, type DateReading } from '../../src/normalize/mapping.js';

// The mapping builder on its own: which columns it looks up (in which order, under which config
// key), how each date column is read, and what it leaves out for each shape. The row function
// compiled from the mapping is tested in mapping.test.ts and source.test.ts.

/** A config source as the schema leaves it (names trimmed, defaults filled in). */
function parsed(source: Record<string, unknown>): SourceConfig {
  return configSchema.parse({ sources: [source] }).sources[0] as SourceConfig;
}

/** A lookup that records each call and gives the data spelling in capitals. */
function recordingLookup() {
  const calls: [string, string][] = [];
  const lookup = (name: string, key: string) => {
    calls.push([name, key]);
    return name.toUpperCase();
  };
  return { calls, lookup };
}

describe('sourceMapping: the columns of an events source', () => {
  it('looks each column up once per use, in order: rep, id, date, created, then each rule (when, date, created)', () => {
    const src = parsed({
      path: 'calls.csv',
      columns: { rep: 'Owner', id: 'ID', date: 'Date', created: 'Created' },
      rules: [
        { stage: 'dial', when: { Type: 'call', Direction: 'out' } },
        { stage: 'close', when: { Type: 'won' }, date: 'Closed', created: 'Opened' },
      ],
    });
    const { calls, lookup } = recordingLookup();
    const m = sourceMapping(src, { key: 'sources[3]', lookup });
    // Rule 0 has no date or created of its own: it reuses columns.date / columns.created, no lookup.
    expect(calls).toEqual([
      ['Owner', 'sources[3].columns.rep'],
      ['ID', 'sources[3].columns.id'],
      ['Date', 'sources[3].columns.date'],
      ['Created', 'sources[3].columns.created'],
      ['Type', 'sources[3].rules[0].when'],
      ['Direction', 'sources[3].rules[0].when'],
      ['Type', 'sources[3].rules[1].when'],
      ['Closed', 'sources[3].rules[1].date'],
      ['Opened', 'sources[3].rules[1].created'],
    ]);
    expect(m.key).toBe('sources[3]');
    expect(m.shape).toBe('events');
    expect(m.rep).toEqual({ name: 'Owner', column: 'OWNER', key: 'sources[3].columns.rep' });
    expect(m.id).toEqual({ name: 'ID', column: 'ID', key: 'sources[3].columns.id' });
    expect(m.date).toEqual({ name: 'Date', column: 'DATE', key: 'sources[3].columns.date' });
    expect(m.created).toEqual({ name: 'Created', column: 'CREATED', key: 'sources[3].columns.created' });
    expect(m.rules[0]).toEqual({
      stage: 'dial',
      when: [
        { column: { name: 'Type', column: 'TYPE', key: 'sources[3].rules[0].when' }, condition: { kind: 'equals', value: 'call' } },
        { column: { name: 'Direction', column: 'DIRECTION', key: 'sources[3].rules[0].when' }, condition: { kind: 'equals', value: 'out' } },
      ],
      date: m.date,
      created: m.created,
      isAlternative: false,
    });
    expect(m.rules[1].date).toEqual({ name: 'Closed', column: 'CLOSED', key: 'sources[3].rules[1].date' });
    expect(m.rules[1].created).toEqual({ name: 'Opened', column: 'OPENED', key: 'sources[3].rules[1].created' });
    // Events have no counts, are read day by day, and deduplicate by their id.
    expect(m.counts).toEqual([]);
    expect(m.span).toBe('day');
    expect(m.text).toEqual({ whitespace: 'unicode', isCaseFolded: true });
    expect(m.dedupe).toEqual({ column: { name: 'ID', column: 'ID', key: 'sources[3].columns.id' }, per: 'stage', keeps: 'first' });
  });

  it('without a lookup, the data spelling is the name trimmed (a when key is not trimmed by the schema)', () => {
    const src = parsed({ path: 'a.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { '  Call Type ': 'x' } }] });
    const m = sourceMapping(src, { key: 'sources[0]' });
    expect(m.rules[0].when[0].column).toEqual({ name: '  Call Type ', column: 'Call Type', key: 'sources[0].rules[0].when' });
    // A hand-built source whose names were not trimmed by the schema (a preset applied to headers).
    const raw = { ...src, columns: { rep: ' Owner\t', date: ' Date ' } } as SourceConfig;
    const m2 = sourceMapping(raw, { key: 'preset x' });
    expect(m2.rep).toEqual({ name: ' Owner\t', column: 'Owner', key: 'preset x.columns.rep' });
    expect(m2.dates).toEqual({ Date: { kind: 'auto' } });
  });

  it('no id: no dedupe; no created: rules have none unless their own; no date: each rule its own', () => {
    const src = parsed({
      path: 'a.csv',
      columns: { rep: 'Owner' },
      rules: [
        { stage: 'dial', when: {}, date: 'Called' },
        { stage: 'close', when: { Stage: 'won' }, date: 'Closed', created: 'Opened' },
      ],
    });
    const { calls, lookup } = recordingLookup();
    const m = sourceMapping(src, { key: 'sources[1]', lookup });
    expect(calls).toEqual([
      ['Owner', 'sources[1].columns.rep'],
      ['Called', 'sources[1].rules[0].date'],
      ['Stage', 'sources[1].rules[1].when'],
      ['Closed', 'sources[1].rules[1].date'],
      ['Opened', 'sources[1].rules[1].created'],
    ]);
    expect([m.id, m.date, m.created, m.dedupe]).toEqual([null, null, null, null]);
    expect(m.rules.map((r) => [r.date.column, r.created?.column ?? null, r.when.length])).toEqual([
      ['CALLED', null, 0],
      ['CLOSED', 'OPENED', 1],
    ]);
  });

  it('a rule is an alternative when an earlier rule emits its stage, whichever rule that is', () => {
    const src = parsed({
      path: 'a.csv',
      columns: { rep: 'Owner', date: 'Date' },
      rules: [
        { stage: 'close', when: { A: '1' } },
        { stage: 'dial', when: { A: '2' } },
        { stage: 'close', when: { A: '3' } },
        { stage: 'dial', when: { A: '4' } },
        { stage: 'proposal', when: { A: '5' } },
      ],
    });
    const m = sourceMapping(src, { key: 'sources[0]' });
    // close (first), dial (first), close (after rule 0), dial (after rule 1), proposal (first).
    expect(m.rules.map((r) => r.isAlternative)).toEqual([false, false, true, true, false]);
  });

  it('no rules yet (rules: [], or none given, as a preset source before its preset is applied): no rules, no date columns', () => {
    const m = sourceMapping(parsed({ path: 'a.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [] }), { key: 'sources[0]' });
    expect([m.rules, m.dates, m.counts]).toEqual([[], {}, []]);
    const none = parsed({ path: 'a.csv', preset: 'hubspot-calls', columns: { rep: 'Owner', date: 'Date' } });
    expect(none.rules).toBeUndefined();
    expect(sourceMapping(none, { key: 'sources[0]' }).rules).toEqual([]);
    expect(dateColumnsToDecide(none, 's')).toEqual([{ name: 'Date', key: 's.columns.date' }]);
  });
});

describe('sourceMapping: a tallies source', () => {
  it('looks up rep, date and each count under its own key; never an id or a created column', () => {
    // The schema allows id and created on a tallies source; the builder leaves them out.
    const src = parsed({
      path: 't.csv',
      shape: 'tallies',
      columns: { rep: 'Owner', date: 'Week Ending', id: 'ID', created: 'Created' },
      counts: { dial: 'Dials', proposal: 'Meetings' },
    });
    const { calls, lookup } = recordingLookup();
    const m = sourceMapping(src, { key: 'sources[2]', lookup });
    expect(calls).toEqual([
      ['Owner', 'sources[2].columns.rep'],
      ['Week Ending', 'sources[2].columns.date'],
      ['Dials', 'sources[2].counts.dial'],
      ['Meetings', 'sources[2].counts.proposal'],
    ]);
    expect(m.shape).toBe('tallies');
    expect([m.id, m.created, m.dedupe, m.rules]).toEqual([null, null, null, []]);
    expect(m.counts).toEqual([
      { stage: 'dial', column: { name: 'Dials', column: 'DIALS', key: 'sources[2].counts.dial' } },
      { stage: 'proposal', column: { name: 'Meetings', column: 'MEETINGS', key: 'sources[2].counts.proposal' } },
    ]);
    // The row's date is its one date column, read by its data spelling.
    expect(m.dates).toEqual({ 'WEEK ENDING': { kind: 'auto' } });
  });

  it.each([
    // The span is read from the date column as the source names it.
    ['Week Of', 'week-from'],
    ['Week Ending', 'week-to'],
    ['Date', 'day'],
  ])('a tallies date column named %j spreads over %s', (name, span) => {
    const src = parsed({ path: 't.csv', shape: 'tallies', columns: { rep: 'Owner', date: name }, counts: { dial: 'Dials' } });
    expect(sourceMapping(src, { key: 'sources[0]' }).span).toBe(span);
  });

  it('an events source whose date column is named like a week is still read by the day', () => {
    const src = parsed({ path: 'a.csv', columns: { rep: 'Owner', date: 'Week Of' }, rules: [{ stage: 'dial' }] });
    expect(sourceMapping(src, { key: 'sources[0]' }).span).toBe('day');
  });
});

describe('sourceMapping: how each date column is read', () => {
  const events = {
    path: 'a.csv',
    columns: { rep: 'Owner', date: 'Date', created: 'Created' },
    rules: [
      { stage: 'dial', when: { Type: 'call' } },
      { stage: 'close', when: { Type: 'won' }, date: 'Closed' },
    ],
  };

  it('no dateFormat and no readings: every date column (event dates and created dates) reads as auto', () => {
    const m = sourceMapping(parsed(events), { key: 'sources[0]' });
    expect(m.dates).toEqual({ Date: { kind: 'auto' }, Created: { kind: 'auto' }, Closed: { kind: 'auto' } });
  });

  it("the source's dateFormat reads every date column not decided otherwise", () => {
    const m = sourceMapping(parsed({ ...events, dateFormat: 'dd.MM.yyyy' }), { key: 'sources[0]' });
    const format: DateReading = { kind: 'format', format: 'dd.MM.yyyy' };
    expect(m.dates).toEqual({ Date: format, Created: format, Closed: format });
  });

  it('a reading decided from the file wins, by data spelling; the other columns keep the default', () => {
    const dayFirst: DateReading = { kind: 'day-month', order: 'day-first', label: 'dd/MM/yyyy' };
    const flag: DateReading = { kind: 'flag-format', format: 'd.M.yyyy', flag: '--date-format d.M.yyyy' };
    const { lookup } = recordingLookup();
    // Keyed by the data spelling (CLOSED), not by the name the source gives (Closed); `Closed` is no key.
    const readings = { CLOSED: dayFirst, CREATED: flag, Closed: { kind: 'auto' } as DateReading };
    const m = sourceMapping(parsed({ ...events, dateFormat: 'yyyy-MM-dd' }), { key: 'sources[0]', lookup, readings });
    expect(m.dates).toEqual({ DATE: { kind: 'format', format: 'yyyy-MM-dd' }, CREATED: flag, CLOSED: dayFirst });
  });

  it('a tallies date column takes its reading, or the dateFormat', () => {
    const tallies = { path: 't.csv', shape: 'tallies', columns: { rep: 'Owner', date: 'Day' }, counts: { dial: 'Dials' } };
    const dm: DateReading = { kind: 'day-month', order: 'month-first', label: 'M/d/yyyy', given: '--month-first' };
    expect(sourceMapping(parsed(tallies), { key: 's', readings: { Day: dm } }).dates).toEqual({ Day: dm });
    expect(sourceMapping(parsed({ ...tallies, dateFormat: 'M/d/yy' }), { key: 's' }).dates).toEqual({ Day: { kind: 'format', format: 'M/d/yy' } });
  });
});

describe('mappedCondition', () => {
  it.each([
    // A value: equals its comparison key (trimmed, whitespace collapsed, lower-cased); numbers and booleans as text.
    ['  Closed \t WON ', { kind: 'equals', value: 'closed won' }],
    [42, { kind: 'equals', value: '42' }],
    [false, { kind: 'equals', value: 'false' }],
    // In: each value's key, repeats (by key) dropped, first order kept.
    [{ in: ['Won', ' won ', 'Lost', 'WON', 7, '7'] }, { kind: 'in', values: ['won', 'lost', '7'] }],
    // Match: the pattern as written (case-insensitivity is the compiler's flag, not a lower-cased pattern).
    [{ match: '^Closed\\s+Won$' }, { kind: 'match', pattern: '^Closed\\s+Won$' }],
    // Not: the inner condition mapped the same way.
    [{ not: { in: ['A', 'a'] } }, { kind: 'not', condition: { kind: 'in', values: ['a'] } }],
    [{ not: { not: 'X ' } }, { kind: 'not', condition: { kind: 'not', condition: { kind: 'equals', value: 'x' } } }],
    [{ empty: true }, { kind: 'empty', isEmpty: true }],
    [{ empty: false }, { kind: 'empty', isEmpty: false }],
  ])('%j → %j', (cond, expected) => {
    expect(mappedCondition(cond as Parameters<typeof mappedCondition>[0])).toEqual(expected);
  });
});

describe('dateColumnsToDecide', () => {
  it('tallies: the one date column, under columns.date', () => {
    const src = parsed({ path: 't.csv', shape: 'tallies', columns: { rep: 'Owner', date: 'Week Of', created: 'C' }, counts: { dial: 'Dials' } });
    expect(dateColumnsToDecide(src, 'sources[4]')).toEqual([{ name: 'Week Of', key: 'sources[4].columns.date' }]);
  });

  it("events: columns.date, columns.created, then each rule's own date and created, each use once", () => {
    const src = parsed({
      path: 'a.csv',
      columns: { rep: 'Owner', date: 'Date', created: 'Created' },
      rules: [
        { stage: 'dial', when: {} },
        { stage: 'proposal', when: {}, created: 'Deal Created' },
        { stage: 'close', when: {}, date: 'Closed', created: 'Opened' },
        { stage: 'close', when: {}, date: 'Closed' },
      ],
    });
    expect(dateColumnsToDecide(src, 'preset x')).toEqual([
      { name: 'Date', key: 'preset x.columns.date' },
      { name: 'Created', key: 'preset x.columns.created' },
      { name: 'Deal Created', key: 'preset x.rules[1].created' },
      { name: 'Closed', key: 'preset x.rules[2].date' },
      { name: 'Opened', key: 'preset x.rules[2].created' },
      { name: 'Closed', key: 'preset x.rules[3].date' },
    ]);
  });

  it('events without columns.date or created: only the rules name dates', () => {
    const src = parsed({ path: 'a.csv', columns: { rep: 'Owner' }, rules: [{ stage: 'dial', date: 'Called' }] });
    expect(dateColumnsToDecide(src, 's')).toEqual([{ name: 'Called', key: 's.rules[0].date' }]);
    expect(dateColumnsToDecide(parsed({ path: 'a.csv', columns: { rep: 'Owner', date: 'D' }, rules: [] }), 's')).toEqual([{ name: 'D', key: 's.columns.date' }]);
  });
});

describe('mappedColumns', () => {
  it('events: rep, id, then per rule its condition columns, date and created; each data spelling once', () => {
    const src = parsed({
      path: 'a.csv',
      columns: { rep: 'Owner', id: 'ID', date: 'Date', created: 'Created' },
      rules: [
        { stage: 'dial', when: { Type: 'call' } },
        { stage: 'close', when: { Stage: 'won', Type: 'deal' }, date: 'Closed' },
      ],
    });
    const m = sourceMapping(src, { key: 's', lookup: (n) => n.toLowerCase() });
    expect(mappedColumns(m)).toEqual(['owner', 'id', 'type', 'date', 'created', 'stage', 'closed']);
  });

  it('events: columns.date is read only through a rule that uses it; no id, no id column', () => {
    const src = parsed({ path: 'a.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [{ stage: 'dial', when: { Type: 'x' }, date: 'Called' }] });
    expect(mappedColumns(sourceMapping(src, { key: 's' }))).toEqual(['Owner', 'Type', 'Called']);
    const none = parsed({ path: 'a.csv', columns: { rep: 'Owner', date: 'Date' }, rules: [] });
    expect(mappedColumns(sourceMapping(none, { key: 's' }))).toEqual(['Owner']);
  });

  it('tallies: rep, the date, then each count column', () => {
    const src = parsed({ path: 't.csv', shape: 'tallies', columns: { rep: 'Owner', date: 'Week' }, counts: { dial: 'Dials', close: 'Owner' } });
    // `close` counts a column already read (the rep's): it is listed once.
    expect(mappedColumns(sourceMapping(src, { key: 's' }))).toEqual(['Owner', 'Week', 'Dials']);
  });
});
