import type { FormatRenderers } from './registry.js';

/** JSON as every command writes it: two-space indent and a final newline. */
export function renderJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `--format json`: the document itself (docs/schema/*.json). */
export const jsonFormat: FormatRenderers = {
  extension: 'json',
  report: renderJson,
  needed: renderJson,
  inspect: renderJson,
  trend: renderJson,
};
