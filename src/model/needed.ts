import type { z } from 'zod';
import type { neededDocumentSchema } from './schemas.js';

// Types only: the schema (schemas.ts) is the one description of the document; importing this
// module loads no zod.

/** The `funnel needed` document (`--format json`), as docs/schema/needed.schema.json describes it. */
export type NeededDocument = z.output<typeof neededDocumentSchema>;

/** One stage of `funnel needed`, with the rep's best week beside the per-day need. */
export type NeededStageRow = NeededDocument['stages'][number];
