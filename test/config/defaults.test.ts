import { describe, expect, it } from 'vitest';
import { defaultConfigValues } from '../../src/config/defaults.js';
import { defaultConfig } from '../../src/config/find.js';
import { configSchema } from '../../src/config/schema.js';

// Runs without a config file use plain defaults so that they load no validator; the schema's
// defaults stay the reference, and this keeps the two equal.
describe('defaultConfigValues', () => {
  it('equals what the schema gives for an empty config, key order included', () => {
    const fromSchema = configSchema.parse({});
    expect(defaultConfigValues()).toStrictEqual(fromSchema);
    expect(JSON.stringify(defaultConfigValues())).toBe(JSON.stringify(fromSchema));
  });

  it('is a fresh value each time: a run that changes its config changes no other run', () => {
    const a = defaultConfigValues();
    a.stages.push('extra');
    a.prompts.disable.push('x');
    expect(defaultConfigValues().stages).not.toContain('extra');
    expect(defaultConfigValues().prompts.disable).toEqual([]);
  });

  it('defaultConfig runs on it, with no file', () => {
    const loaded = defaultConfig('/tmp');
    expect(loaded).toStrictEqual({ config: configSchema.parse({}), path: null, dir: '/tmp' });
  });
});
