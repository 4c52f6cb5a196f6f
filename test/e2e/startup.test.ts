import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnel, ROOT, tempDir } from './run.js';

// `funnel --help` and the `needed --ratios` calculator read no data: they must start without
// the validator, the YAML parser, the readers and the pipeline (docs/performance.md). A module
// hook records every file the built binary loads; the bundle's metafile says which modules each
// file holds (dist/bundle/meta.json, written by scripts/bundle.mjs). No timing is asserted.

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.FUNNEL_TEST_LOADED, result.url + '\\n');
  return result;
}`;
const REGISTER = `import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n`;

/** What a run loads at start-up must never include. */
const HEAVY = [
  /node_modules\/(zod|yaml|csv-parse|fast-glob|exceljs|picomatch)\//,
  /node_modules\/date-fns\/parse/,
  /dist\/(ingest\/read|run\/pipeline|run\/prepare|normalize\/|config\/schema|config\/load|model\/schemas|presets\/)/,
];

const BUNDLE = `file://${ROOT}/dist/bundle/`;
const META = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };

/** The modules a loaded file holds, as URLs: a bundle file's inputs (dist/… and node_modules/…), else the file itself. */
function modulesIn(url: string): string[] {
  if (!url.startsWith(BUNDLE)) return [url];
  const output = META.outputs[`dist/bundle/${url.slice(BUNDLE.length)}`];
  if (!output) throw new Error(`${url} is not in dist/bundle/meta.json: rebuild`);
  return Object.keys(output.inputs).map((input) => `file://${ROOT}/${input}`);
}

async function loadedBy(args: string[], files: Record<string, string> = {}) {
  const dir = tempDir({ 'hooks.mjs': HOOKS, 'register.mjs': REGISTER, ...files });
  const log = join(dir, 'loaded.txt');
  const r = await funnel(args, { cwd: dir, env: { NODE_OPTIONS: `--import=${join(dir, 'register.mjs')}`, FUNNEL_TEST_LOADED: log } });
  const loaded = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:'));
  return { r, urls: loaded.flatMap(modulesIn) };
}

describe('start-up loads only what the command needs', () => {
  it('the hook sees the modules (a run that reads data loads the pipeline, from the bundle)', async () => {
    const { urls } = await loadedBy(['report', 'calls.csv', '--as-of', '2026-11-18'], { 'calls.csv': 'Date,Rep,Outcome\n2026-11-02,Ann,x\n' });
    expect(urls.some((u) => /dist\/run\/pipeline\.js$/.test(u))).toBe(true);
    expect(urls.some((u) => /node_modules\/zod\//.test(u))).toBe(true);
  });

  it('funnel --help', async () => {
    const { r, urls } = await loadedBy(['--help']);
    expect(r.code).toBe(0);
    expect(urls.filter((u) => HEAVY.some((h) => h.test(u)))).toEqual([]);
  });

  it('funnel needed --ratios without a config: no validator, no YAML parser, one renderer', async () => {
    const { r, urls } = await loadedBy(['needed', '--goal', '10', '--ratios', 'dial=15', '--as-of', '2026-11-10']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('150');
    expect(urls.filter((u) => HEAVY.some((h) => h.test(u)))).toEqual([]);
    expect(urls.filter((u) => /dist\/report\/(html|markdown|csv|report-table|trend-table)\.js$/.test(u))).toEqual([]);
  });

  it('funnel needed --ratios with a config: the config is validated', async () => {
    const { r, urls } = await loadedBy(['needed', '--goal', '10', '--ratios', 'dial=15,meeting=2', '--as-of', '2026-11-10', '--format', 'json'], {
      'funnel.config.yaml': 'stages: [dial, meeting, close]\n',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stages.map((s: { stage: string }) => s.stage)).toEqual(['dial', 'meeting', 'close']);
    expect(urls.some((u) => /node_modules\/zod\//.test(u))).toBe(true);
    expect(urls.some((u) => /node_modules\/yaml\//.test(u))).toBe(true);
  });

  it('funnel needed --ratios with a config that fails validation: the schema\'s message', async () => {
    const { r } = await loadedBy(['needed', '--goal', '10', '--ratios', 'dial=15', '--as-of', '2026-11-10'], { 'funnel.config.yaml': 'stagez: [dial, close]\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stagez (line 1): unknown key (did you mean "stages"?)');
  });
});
