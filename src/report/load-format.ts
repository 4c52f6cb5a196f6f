import { loadFormat, type Format } from './formats.js';
import type { FormatRenderers } from './registry.js';

export { loadFormat } from './formats.js';

/** The needed document's renderer in `format`; for the table format without the other tables' code. */
export async function loadNeededRenderer(format: Format): Promise<FormatRenderers['needed']> {
  if (format === 'table') return (await import('./needed-table.js')).neededTable;
  return (await loadFormat(format)).needed;
}
