// Writes docs/schema/*.json, the JSON Schemas of the --format json documents, from the zod
// schemas in src/model/schemas.ts (built into dist/). Run: npm run schema
// test/report/schema.test.ts fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from '../dist/model/schemas.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote docs/schema/${name}`);
}
