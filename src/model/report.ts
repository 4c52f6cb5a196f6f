import type { z } from 'zod';
import type { reportDocumentSchema } from './schemas.js';

// The `funnel report` document: built by run/, read by the renderers and the e-mail digest.
// Types only: the schema (schemas.ts) is the one description of the document; importing this
// module loads no zod.

/** The `funnel report` document (`--format json`), as docs/schema/report.schema.json describes it. */
export type ReportDocument = z.output<typeof reportDocumentSchema>;

/** One rep of the report. */
export type RepEntry = ReportDocument['reps'][number];

/** A rep's status for the period. */
export type RepStatus = RepEntry['status'];

/** Row accounting of the run, as in the JSON `input` object. */
export type InputSummary = ReportDocument['input'];

/** Stale input, a file that matched no rule. */
export type InputWarning = InputSummary['warnings'][number];
