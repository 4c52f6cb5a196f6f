import { describe, expect, it } from 'vitest';
import { headerIndex, headerKey, matchColumns } from '../../src/presets/match.js';
import { hubspotCalls } from '../../src/presets/hubspot-calls.js';

describe('headerKey: case, accents and punctuation do not matter', () => {
  it.each([
    ['Activity - Type', 'activitytype'],
    ['activity_type', 'activitytype'],
    ['ACTIVITYTYPE', 'activitytype'],
    ['  Activity Type ', 'activitytype'],
    ['\uFEFFRecord ID', 'recordid'],
    ['Owner.Name', 'ownername'],
    ['Probability (%)', 'probability'],
    ['Obchod - Fáze', 'obchodfaze'],
    ['Check-In Time', 'checkintime'],
    ['(Do Not Modify) Phone Call', 'donotmodifyphonecall'],
  ])('%j → %j', (header, key) => expect(headerKey(header)).toBe(key));
});

describe('matchColumns', () => {
  const headers = ['Record ID', 'Call owner', 'Assigned to', 'activity_date', 'Call outcome'];

  it('takes the first alias present, in the preset\'s order, and returns headers as written', () => {
    const m = matchColumns(hubspotCalls, headerIndex(headers));
    expect(m.found.rep).toBe('Assigned to');
    expect(m.found.date).toBe('activity_date');
    expect(m.found.direction).toBeUndefined();
    expect(m.missing).toEqual([]);
    expect(m.hasAnyOf).toBe(true);
  });

  it('tries aliases from the config first', () => {
    const m = matchColumns(hubspotCalls, headerIndex(headers), { rep: ['Call Owner'] });
    expect(m.found.rep).toBe('Call owner');
  });

  it('reports the required columns it cannot find, and an unmet distinguishing group', () => {
    const m = matchColumns(hubspotCalls, headerIndex(['Record ID', 'Owner', 'Activity date']));
    expect(m.missing).toEqual(['rep']);
    expect(m.hasAnyOf).toBe(false);
  });
});
