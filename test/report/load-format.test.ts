import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/report/formats.js';
import { loadFormat, loadNeededRenderer } from '../../src/report/load-format.js';
import { FORMAT_RENDERERS } from '../../src/report/registry.js';

// The calculator loads one format's code; what it loads must be the registry's own renderers.
describe('loadFormat', () => {
  it.each(FORMATS)('%s: the registry entry itself', async (format) => {
    expect(await loadFormat(format)).toBe(FORMAT_RENDERERS[format]);
  });

  it.each(FORMATS)('%s: the needed renderer is the registry\'s', async (format) => {
    expect(await loadNeededRenderer(format)).toBe(FORMAT_RENDERERS[format].needed);
  });
});
