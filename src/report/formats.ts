// The output formats, in a module of their own: the CLI lists them at start-up without loading
// a renderer.

/** Output formats every data command offers (`--format`). */
export const FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
