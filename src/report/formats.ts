import type { FormatRenderers } from './registry.js';

// The output formats, in one list. A new format is one file exporting its FormatRenderers and
// one line below; the golden test renders every format listed, so its goldens follow. Each format
// is loaded when asked for: the CLI lists the names at start-up without loading a renderer, and
// the `needed --ratios` calculator loads only the format it prints (see load-format.ts).
const LOADERS = {
  table: async () => (await import('./table-format.js')).tableFormat,
  json: async () => (await import('./json.js')).jsonFormat,
  csv: async () => (await import('./csv.js')).csvFormat,
  markdown: async () => (await import('./markdown.js')).markdownFormat,
  html: async () => (await import('./html.js')).htmlFormat,
} satisfies Record<string, () => Promise<FormatRenderers>>;

export type Format = keyof typeof LOADERS;

/** Output formats every data command offers (`--format`), in the order help lists them. */
export const FORMATS = Object.keys(LOADERS) as Format[];

/** The renderers of `format`, loading only that format's code. */
export function loadFormat(format: Format): Promise<FormatRenderers> {
  return LOADERS[format]();
}
