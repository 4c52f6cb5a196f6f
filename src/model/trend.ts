import type { z } from 'zod';
import type { trendDocumentSchema } from './schemas.js';

/** The `funnel trend` document (`--format json`): the engine's weeks, the schema version and the input accounting. */
export type TrendDocument = z.output<typeof trendDocumentSchema>;
