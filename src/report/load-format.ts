import type { Format } from './formats.js';
import type { FormatRenderers } from './registry.js';

// One format's renderers without loading the others: the `needed --ratios` calculator starts in
// a fraction of the time the whole registry takes to load. The record type makes a format
// without a loader a compile error; a unit test keeps each loader equal to registry.ts's entry.
const LOADERS: Record<Format, () => Promise<FormatRenderers>> = {
  table: async () => (await import('./table-format.js')).tableFormat,
  json: async () => (await import('./json.js')).jsonFormat,
  csv: async () => (await import('./csv.js')).csvFormat,
  markdown: async () => (await import('./markdown.js')).markdownFormat,
  html: async () => (await import('./html.js')).htmlFormat,
};

/** The renderers of `format`, loading only that format's code. */
export function loadFormat(format: Format): Promise<FormatRenderers> {
  return LOADERS[format]();
}

/** The needed document's renderer in `format`; for the table format without the other tables' code. */
export async function loadNeededRenderer(format: Format): Promise<FormatRenderers['needed']> {
  if (format === 'table') return (await import('./needed-table.js')).neededTable;
  return (await loadFormat(format)).needed;
}
