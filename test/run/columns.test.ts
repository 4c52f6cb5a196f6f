import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { headerKey as presetHeaderKey, headerIndex as presetIndex } from '../../src/presets/match.js';
import { headerIndex } from '../../src/run/columns.js';
import { findHeader, headerKey } from '../../src/text.js';

// One header comparison for presets and hand-written sources: a spelling a preset accepts works
// in a source's `columns:` and `when:` too.

describe('findHeader', () => {
  const headers = ['Record ID', 'Activity Type', 'Activity assigned to', ' Due date '];

  it.each([
    ['Activity Type', 1],
    ['activity_type', 1],
    ['ACTIVITYTYPE', 1],
    ['Activity - Type', 1],
    ['  activity   type ', 1],
    ['due_date', 3],
    ['"Record ID"', 0],
    ['\uFEFFRecord ID', 0],
    ['Activity', -1],
    ['', -1],
    ['---', -1],
  ])('%j → %i', (name, index) => expect(findHeader(headers, name)).toBe(index));

  it('prefers the same spelling, then the same text ignoring case and spaces, then the first equal key', () => {
    const h = ['Stage_Name', 'stage name', 'Stage Name'];
    expect(findHeader(h, 'Stage Name')).toBe(2);
    expect(findHeader(h, 'STAGE  NAME')).toBe(1);
    expect(findHeader(h, 'stage-name')).toBe(0);
  });

  it('is the comparison presets use', () => {
    expect(presetHeaderKey).toBe(headerKey);
    const index = presetIndex(['Activity Type']);
    expect(index.get(headerKey('activity_type'))).toBe('Activity Type');
  });
});

describe('headerIndex (hand-written sources)', () => {
  const find = headerIndex(['Owner', 'Activity Type', 'Date'], 'calls.csv', 1, 'sources[0]');

  it('finds a column spelled as a preset alias would be', () => {
    expect(find('activity_type', 'sources[0].rules[0].when')).toBe(1);
    expect(find('OWNER', 'sources[0].columns.rep')).toBe(0);
  });

  it('a missing column: COLUMN_NOT_FOUND with a suggestion and the key to fix', () => {
    let err: unknown;
    try {
      find('Activty', 'sources[0].rules[0].when');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FunnelError);
    expect((err as FunnelError).code).toBe('COLUMN_NOT_FOUND');
    expect((err as FunnelError).message).toBe('no column "Activty"');
    expect((err as FunnelError).where).toEqual({ file: 'calls.csv', line: 1, key: 'sources[0].rules[0].when' });
    expect((err as FunnelError).hint).toBe('the header has: "Owner", "Activity Type", "Date"; fix sources[0].rules[0].when');
  });
});
