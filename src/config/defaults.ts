import { DEFAULT_STAGES } from '../engine/model.js';
import type { FunnelConfig } from './schema.js';

/**
 * What the schema gives for an empty config (`configSchema.parse({})`), as plain data: runs
 * without a config file (the `needed --ratios` calculator, `funnel init`) then load no validator.
 * A unit test keeps it equal to the schema's defaults, which stay the reference.
 */
export function defaultConfigValues(): FunnelConfig {
  return {
    stages: [...DEFAULT_STAGES],
    labels: {},
    weekStartsOn: 'monday',
    workdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    holidays: [],
    goalPeriod: 'month',
    lookbackDays: 90,
    priorCloses: 2,
    reps: {},
    sources: [],
    prompts: { disable: [], add: [], idleDays: 5 },
  };
}
