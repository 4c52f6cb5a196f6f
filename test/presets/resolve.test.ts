import { describe, expect, it } from 'vitest';
import { configSchema, type SourceConfig } from '../../src/config/schema.js';
import { DEFAULT_STAGES } from '../../src/engine/model.js';
import { FunnelError } from '../../src/errors.js';
import { getPreset } from '../../src/presets/index.js';
import { applyPreset, resolveMapping } from '../../src/presets/resolve.js';

const DEALS = ['Record ID', 'Deal Name', 'Deal Stage', 'Close Date', 'Create Date', 'Deal owner', 'Is Closed Won'];
const deals = getPreset('hubspot-deals')!;

function source(extra: Record<string, unknown>): SourceConfig {
  return configSchema.parse({ sources: [{ path: 'deals.csv', preset: 'hubspot-deals', ...extra }] }).sources[0];
}

describe('applyPreset', () => {
  it('resolves columns and rules on the file\'s own header names', () => {
    const src = applyPreset(deals, DEALS, null, { display: 'deals.csv' }, null, DEFAULT_STAGES);
    expect(src.columns).toEqual({ rep: 'Deal owner', date: 'Create Date', id: 'Record ID', created: 'Create Date' });
    expect(src.rules?.map((r) => [r.stage, Object.keys(r.when), r.date])).toEqual([
      ['proposal', ['Deal Stage'], 'Create Date'],
      ['proposal', ['Is Closed Won'], 'Create Date'],
      ['close', ['Is Closed Won'], 'Close Date'],
    ]);
  });

  it('without "Is Closed Won", a deal closes on the stage label', () => {
    const src = applyPreset(deals, DEALS.filter((h) => h !== 'Is Closed Won'), null, { display: 'deals.csv' }, null, DEFAULT_STAGES);
    expect(src.rules?.find((r) => r.stage === 'close')?.when).toEqual({ 'Deal Stage': { match: '^closed ?won$' } });
  });

  it('config keys win: columns one by one, rules as a whole, dateFormat', () => {
    const src = applyPreset(
      deals,
      DEALS,
      source({ columns: { rep: 'Deal Name' }, dateFormat: 'yyyy-MM-dd HH:mm', rules: [{ stage: 'close', when: { 'Deal Stage': 'Won' } }] }),
      { display: 'deals.csv' },
      'sources[0]',
      DEFAULT_STAGES,
    );
    expect(src.columns).toEqual({ rep: 'Deal Name', date: 'Create Date', id: 'Record ID', created: 'Create Date' });
    expect(src.rules).toEqual([{ stage: 'close', when: { 'Deal Stage': 'Won' } }]);
    expect(src.dateFormat).toBe('yyyy-MM-dd HH:mm');
    expect(src.preset).toBe('hubspot-deals');
  });

  it('rules for stages the config does not have are dropped', () => {
    const src = applyPreset(deals, DEALS, null, { display: 'deals.csv' }, null, ['dial', 'close']);
    expect(src.rules?.map((r) => r.stage)).toEqual(['close']);
  });

  it('config aliases name odd headers; a missing required column is an error naming the key to fix', () => {
    const headers = DEALS.map((h) => (h === 'Deal owner' ? 'Verantwortlicher' : h));
    expect(applyPreset(deals, headers, source({ aliases: { rep: ['Verantwortlicher'] } }), { display: 'd.csv' }, 'sources[0]', DEFAULT_STAGES).columns.rep).toBe(
      'Verantwortlicher',
    );
    let err: unknown;
    try {
      applyPreset(deals, headers, source({}), { display: 'd.csv' }, 'sources[0]', DEFAULT_STAGES);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FunnelError);
    expect((err as FunnelError).message).toBe('the file does not have the columns of a HubSpot deals export: no rep ("Deal owner", "hubspot_owner_id")');
    expect((err as FunnelError).where).toEqual({ file: 'd.csv', key: 'sources[0]' });
    expect((err as FunnelError).hint).toBe('add the header your file uses, e.g. aliases: { rep: ["Your header"] }, to sources[0]');
  });
});

describe('resolveMapping', () => {
  const req = { path: '/x/hubspot-deals.csv', display: 'hubspot-deals.csv', sourceKey: null, source: null };

  it('a plain config source is used as it is, whatever the headers', () => {
    const plain = configSchema.parse({ sources: [{ path: 'a.csv', columns: { rep: 'R', date: 'D' }, rules: [{ stage: 'dial' }] }] }).sources[0];
    expect(resolveMapping({ ...req, source: plain, sourceKey: 'sources[0]' }, [], DEFAULT_STAGES)).toEqual({ source: plain, key: 'sources[0]', preset: null, detection: null });
  });

  it('a file without a source is detected, keyed by its preset', () => {
    const m = resolveMapping(req, DEALS, DEFAULT_STAGES);
    expect(m).toMatchObject({ preset: 'hubspot-deals', key: 'preset hubspot-deals', detection: { by: 'headers', hasFileNameHint: true } });
  });

  it('--preset wins over detection', () => {
    const m = resolveMapping({ ...req, forcedPreset: 'zoho-deals' }, ['Deal Owner Name', 'Stage', 'Closing Date', ...DEALS], DEFAULT_STAGES);
    expect(m).toMatchObject({ preset: 'zoho-deals', key: '--preset zoho-deals', detection: { by: '--preset' } });
  });

  it('nothing fits: no source, and the detection says why', () => {
    const m = resolveMapping(req, ['Foo', 'Bar'], DEFAULT_STAGES);
    expect(m.source).toBeNull();
    expect(m.detection?.preset).toBeNull();
    expect(m.detection?.candidates.length).toBe(3);
  });
});
