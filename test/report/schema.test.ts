// The JSON Schemas in docs/schema/ are generated from src/model/schemas.ts (`npm run schema`).
// These tests fail when the committed files drift from the generator, and when what the built
// binary prints for the bundled example does not validate, or has a field the schema omits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/model/schemas.js';
import { funnel, json, ROOT } from '../e2e/run.js';

const DIR = join(ROOT, 'docs', 'schema');
const ACME = join(ROOT, 'examples', 'acme');
const AS_OF = ['--as-of', '2026-11-18'];

function committed(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, unknown>;
}

/** The schema with `additionalProperties: false` on every object that lists its properties. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v);
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

function validate(schema: unknown, doc: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const check = ajv.compile(schema as object);
  return check(doc) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`);
}

describe('docs/schema', () => {
  it.each(Object.keys(jsonSchemas()))('%s matches the zod schemas (run `npm run schema` after changing them)', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8');
    expect(text).toBe(`${JSON.stringify(jsonSchemas()[name], null, 2)}\n`);
  });

  it('lets documents gain fields: no object is closed', () => {
    for (const name of Object.keys(jsonSchemas())) expect(JSON.stringify(committed(name))).not.toContain('"additionalProperties":false');
  });
});

describe.each([
  ['report.schema.json', ['report', ...AS_OF, '--format', 'json', '--quiet']],
  ['report.schema.json', ['report', ...AS_OF, '--rep', 'Aisha Bello', '--period', 'last-week', '--format', 'json', '--quiet']],
  ['needed.schema.json', ['needed', ...AS_OF, '--team', '--goal', '10', '--format', 'json', '--quiet']],
  ['needed.schema.json', ['needed', ...AS_OF, '--rep', 'Kenji Watanabe', '--format', 'json', '--quiet']],
  ['needed.schema.json', ['needed', ...AS_OF, '--goal', '10', '--ratios', 'dial=70,conversation=20', '--format', 'json']],
  ['inspect.schema.json', ['inspect', 'exports/hubspot-deals.csv', 'exports/hubspot-meetings.csv', '--format', 'json']],
  ['trend.schema.json', ['trend', ...AS_OF, '--weeks', '6', '--format', 'json', '--quiet']],
])('%s', (name, args) => {
  it(`validates funnel ${args.join(' ')} on the example, and lists every field it prints`, async () => {
    const r = await funnel(args, { cwd: ACME });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(validate(committed(name), doc)).toEqual([]);
    expect(validate(closed(committed(name)), doc), 'fields missing from src/model/schemas.ts').toEqual([]);
  });
});
