import type { z } from 'zod';
import type { inspectDocumentSchema } from './schemas.js';

// Types only: the schema (schemas.ts) is the one description of the document; importing this
// module loads no zod.

/** The `funnel inspect` document (`--format json`), as docs/schema/inspect.schema.json describes it. */
export type InspectDocument = z.output<typeof inspectDocumentSchema>;

/** One file as `funnel inspect` describes it. */
export type InspectedFile = InspectDocument['files'][number];

/** How the preset was chosen: by the headers, the config or --preset; null for a plain config source. */
export type InspectDetection = NonNullable<InspectedFile['detection']>;

/** One preset's fit, as inspect shows it. */
export type InspectCandidate = InspectDetection['candidates'][number];
