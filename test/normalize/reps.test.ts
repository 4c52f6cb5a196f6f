import { describe, expect, it } from 'vitest';
import { RepResolver } from '../../src/normalize/reps.js';

describe('RepResolver', () => {
  const config = { 'Jane  Doe': { aliases: ['jdoe', 'J. Doe'] }, 'Kenji Watanabe': { aliases: [] } };

  it.each([
    // [as written, key, name]
    ['Jane Doe', 'jane doe', 'Jane Doe'],
    ['  JANE   doe ', 'jane doe', 'Jane Doe'],
    ['JDOE', 'jane doe', 'Jane Doe'],
    ['j.  doe', 'jane doe', 'Jane Doe'],
    ['kenji watanabe', 'kenji watanabe', 'Kenji Watanabe'],
  ])('%j is the configured rep %s', (raw, key, name) => {
    expect(new RepResolver(config).resolve(raw)).toEqual({ key, name });
  });

  it('names a rep the config does not know by the first spelling seen', () => {
    const r = new RepResolver(config);
    expect(r.resolve(' ali  BAKER')).toEqual({ key: 'ali baker', name: 'ali BAKER' });
    expect(r.resolve('Ali Baker')).toEqual({ key: 'ali baker', name: 'ali BAKER' });
    // The same answer again (from the cache).
    expect(r.resolve('Ali Baker')).toEqual({ key: 'ali baker', name: 'ali BAKER' });
  });

  it('has no rep for an empty or blank value', () => {
    const r = new RepResolver(config);
    expect(r.resolve('')).toBeNull();
    expect(r.resolve(' \t ')).toBeNull();
    expect(r.resolve(' \t ')).toBeNull();
  });
});
