import * as z from 'zod';

// Zod descriptions of the JSON documents (`--format json`), the source of docs/schema/*.json
// (`npm run schema`). Fields are added, never renamed: the published schemas allow properties
// they do not list, and a test checks that every field the example prints is listed here.

/**
 * Fields funnel always writes that the published schema lists as optional: documents gain fields
 * over time, and a consumer reading an older document must not require them. The TypeScript
 * types (z.output, in report.ts and the other document modules) have them required; the JSON
 * Schema leaves them out of `required` (jsonSchemas below).
 */
const alwaysWritten = z.registry();

/** An optional field that funnel always writes: required in the type, optional in the JSON Schema. */
function written<T extends z.ZodType>(field: z.ZodOptional<T>): z.ZodNonOptional<z.ZodOptional<T>> {
  const always = field.nonoptional();
  alwaysWritten.add(always);
  return always;
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('a calendar date, YYYY-MM-DD');
const count = z.number().int().nonnegative();
const counts = z.record(z.string(), count).describe('stage id → count');
const ratios = z.record(z.string(), z.number().nullable()).describe('stage id → activity per close; null without closes to learn from');

const period = z
  .object({
    label: z.string().describe('e.g. 2026-11, 2026-W47, 2026-Q4'),
    start: date,
    end: date,
    workingDays: count,
    workingDaysElapsed: count.describe('working days from the start to as-of, counting as-of'),
    workingDaysLeft: count.describe('working days after as-of to the end'),
    goalPeriod: z.enum(['week', 'month', 'quarter']).optional().describe('how long goals are set for; the goal for this period is their working-day share'),
  })
  .describe('the reporting period, both ends inclusive');

const goalPart = z
  .object({
    label: z.string().describe('the goal period, e.g. 2026-11'),
    start: date,
    end: date,
    goal: z.number().nullable().describe('the goal set for the whole goal period; null when none'),
    workingDays: count.describe('team working days of the goal period'),
    sharedWorkingDays: count.describe('team working days of the goal period inside the period reported'),
  })
  .describe('a goal period the reported period touches: goal = Σ goal × sharedWorkingDays / workingDays');

const cycle = z
  .object({
    medianDays: z.number().describe('median calendar days from created to close'),
    closes: count.describe('closes the median rests on'),
    basis: z.enum(['rep', 'team']).describe('the rep\'s own closes (at least 3 with a created date), else the team\'s'),
    landsAfterPeriod: z.boolean().describe('as-of + medianDays falls after the period end'),
    underWay: z.object({ since: date, counts }).describe('the last stages before a close, counted over the last medianDays days'),
  })
  .describe('the sales cycle over the lookback\'s closes with a created date');

const nextPeriod = z
  .object({
    label: z.string(),
    start: date,
    end: date,
    goal: z.number().nullable(),
    workingDays: written(count.optional()),
    stages: z.array(z.object({ stage: z.string(), required: count.nullable(), perWorkingDay: z.number().nullable() })),
  })
  .describe('the plan for the next goal period, given when the cycle lands after this one');

const inputWarning = z.object({
  code: z.enum(['STALE_INPUT', 'NO_MATCH']).describe('scripts must accept codes they do not know'),
  file: z.string().nullable(),
  message: z.string(),
});

const stage = z.object({ id: z.string(), label: z.string() });

const stageNeed = z.object({
  required: count.nullable().describe('ceil(goal × ratio); null without a goal or a ratio'),
  done: count,
  remaining: count.nullable(),
  perWorkingDay: z.number().nullable().describe('remaining ÷ working days left; null when none are left'),
  projected: z.number().nullable().describe('done × working days ÷ working days elapsed'),
});

const shortfall = z.object({
  stage: z.string(),
  required: count,
  projected: z.number(),
  gap: count,
  severity: z.enum(['warning', 'critical']).describe('warning when projected ≥ 80 % of required'),
});

const bottleneck = z.object({
  from: z.string(),
  to: z.string(),
  rate: z.number(),
  teamRate: z.number(),
  low: written(z.number().optional()),
  high: written(z.number().optional()),
});

const prompt = z.object({
  id: z.string(),
  text: z.string().describe('the question as the manager asks it'),
  repText: z.string().optional().describe('the same question written to the rep, without stage directions'),
  when: z.string().optional(),
});

const decliningStage = z
  .object({
    stage: z.string(),
    decline: z.enum(['slump', 'slide']).describe('slump: the last 2 complete weeks against the 4 before; slide: 3 weeks each below the one before'),
    before: z.number().describe('activity per working day before the decline'),
    after: z.number().describe('activity per working day now'),
    since: date.describe('first day of the first week of the decline'),
  })
  .describe("an activity stage falling by the trend's decline rule, over the complete weeks before as-of");

const conversionStep = z.object({
  from: z.string(),
  to: z.string(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable().describe('rate with its 80 % Wilson interval [low, high]'),
  teamRate: z.number().nullable(),
  trials: written(count.optional()),
  successes: written(count.optional()),
  cumulativeRate: written(z.number().nullable().optional()),
  teamCumulativeRate: written(z.number().nullable().optional()),
});

const commitment = z.object({
  stage: z.string(),
  committed: z.number(),
  actual: count,
  per: z.enum(['week', 'period']),
  expected: written(z.number().optional()),
  periodTotal: written(z.number().optional()),
  shortBy: written(count.optional()),
  isMet: written(z.boolean().optional()),
});

const dateRange = z.object({ from: date, to: date });

const rep = z.object({
  rep: z.string(),
  goal: z.number().nullable().describe('the goal for the period reported: the working-day share of the goal periods it touches (may be fractional)'),
  goalParts: written(z.array(goalPart).optional()),
  counts: counts.describe('period counts, up to as-of'),
  lookbackCounts: counts,
  ratios: ratios.describe("activity per close, blended toward the team's by priorCloses"),
  rawRatios: ratios,
  needed: z.record(z.string(), stageNeed),
  shortfalls: z.array(shortfall),
  bottleneck: bottleneck.nullable(),
  prompts: z.array(prompt),
  closesInLookback: count,
  status: z.enum(['reached', 'on_track', 'behind', 'critical']).describe('scripts must treat a status they do not know as not failing'),
  activityWorth: z.record(z.string(), z.number().nullable()).describe('projected ÷ ratio per stage: the closes the pace of each stage is worth'),
  bestPerWorkingDay: written(z.record(z.string(), z.number().nullable()).optional()),
  beyondHistory: written(z.array(z.string()).optional().describe('stages whose per-day need is over twice the rep\'s best week')),
  declining: z.array(decliningStage).describe('declining activity stages, top of the funnel first; empty when none'),
  cycle: cycle.nullable(),
  nextPeriod: written(nextPeriod.nullable().optional()),
  // Coaching fields.
  conversion: written(z.array(conversionStep).optional()),
  hasFewCloses: written(z.boolean().optional()),
  probability: written(z.number().min(0).max(1).nullable().optional().describe('chance of reaching the goal by the period end')),
  closesPerWorkingDay: written(z.number().nullable().optional()),
  expectedCloses: written(z.number().nullable().optional()),
  commitments: written(z.array(commitment).optional()),
  checkIn: written(z.string().nullable().optional()),
  diagnoses: written(z.array(z.string()).optional()),
  timeOff: written(z.array(dateRange).optional()),
  workingDays: written(z.object({ total: count, elapsed: count, left: count, off: count }).optional()),
  lastActivity: written(date.nullable().optional()),
  idleWorkingDays: written(count.nullable().optional()),
  historyWorkingDays: written(count.optional()),
});

const inputFile = z.object({
  path: z.string(),
  format: z.string(),
  preset: z.string().nullable(),
  source: z.string().nullable().describe('config key of the source that read the file, e.g. sources[0]'),
  rows: count,
  used: count,
  ignored: count,
  rejected: count,
});

/** `funnel report --format json`. */
export const reportDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    asOf: date,
    period,
    lookback: z.object({ start: date, end: date }),
    stages: z.array(stage).describe('tracked stages, top of the funnel first; the last is the goal unit'),
    team: z.object({ counts, lookbackCounts: counts, ratios, cycle: cycle.nullable().optional(), nextPeriod: nextPeriod.nullable().optional() }),
    input: z
      .object({ rows: count, used: count, ignored: count, rejected: count, duplicates: count, files: z.array(inputFile), warnings: z.array(inputWarning) })
      .describe('row accounting: rows = used + ignored + rejected, in total and per file'),
    reps: z.array(rep).describe('sorted by name'),
  })
  .meta({ title: 'funnel report', description: 'The per-rep funnel of `funnel report --format json`.' });

/** `funnel needed --format json`. */
export const neededDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    asOf: date,
    period,
    rep: z.string().nullable(),
    /** Closes planned for: --goal, else the rep's goal for the period (or the sum of the reps' for --team). */
    goal: z.number(),
    /** How the goal was shared out from goal periods, when it is the rep's own; else empty. */
    goalParts: z.array(goalPart).optional(),
    /** Where the ratios come from: the rep's (blended), the team's, or --ratios. */
    ratiosFrom: z.enum(['rep', 'team', 'given']),
    /** `reached` when the period's closes are at the goal; else from the pace (null for --ratios). */
    status: z.enum(['reached', 'on_track', 'behind', 'critical']).nullable().optional(),
    /** The sales cycle of the rep (or the team); null when unknown or for --ratios. */
    cycle: cycle.nullable().optional(),
    /** The plan for the next goal period, when new activity now lands after this one. */
    nextPeriod: nextPeriod.nullable().optional(),
    /** Stale input, files that matched no rule; absent for --ratios. */
    warnings: z.array(inputWarning).optional(),
    stages: z.array(
      z.object({
        stage: z.string(),
        label: z.string(),
        perClose: z.number().nullable(),
        required: count.nullable(),
        done: count,
        remaining: count.nullable(),
        perWorkingDay: z.number().nullable(),
        perWeek: z.number().nullable(),
        projected: z.number().nullable(),
        /** The best per-working-day rate over the lookback's complete weeks; null without data. */
        bestPerWorkingDay: z.number().nullable().optional(),
        /** The per-day need is far beyond the best week: not reachable by activity alone. */
        isBeyondHistory: z.boolean().optional(),
      }),
    ),
  })
  .meta({ title: 'funnel needed', description: 'The reverse funnel of `funnel needed --format json`.' });

/** `funnel inspect --format json`. */
export const inspectDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    config: z.string().nullable(),
    files: z.array(
      z.object({
        path: z.string(),
        format: z.string(),
        encoding: z.string(),
        delimiter: z.string().nullable(),
        preset: z.string().nullable(),
        /** Config key of the source that maps the file, or null when none does. */
        source: z.string().nullable(),
        /** Stages the mapping can produce. */
        stages: z.array(z.string()),
        headers: z.array(z.string()),
        rows: count,
        used: count,
        ignored: count,
        rejected: count,
        dateRange: z.object({ start: date, end: date }).nullable(),
        reps: z.array(z.string()),
        rejects: z.array(z.object({ line: count, reason: z.string() })),
        warnings: z.array(z.string()),
        detection: written(
          z
            .object({
              preset: z.string().nullable(),
              by: z.enum(['headers', 'config', '--preset']),
              /** Headers that decided it. */
              matched: z.array(z.string()),
              score: z.number(),
              fileNameHint: z.boolean(),
              ambiguous: z.boolean(),
              /** The closest presets, best first. */
              candidates: z.array(
                z.object({
                  preset: z.string(),
                  eligible: z.boolean(),
                  score: z.number(),
                  requiredFound: count,
                  required: count,
                  matched: z.array(z.string()),
                  missing: z.array(z.string()),
                  fileNameHint: z.boolean(),
                }),
              ),
            })
            .nullable()
            .optional()
            .describe('how the preset was chosen; null for a plain config source'),
        ),
        mapping: written(
          z
            .object({
              shape: z.enum(['events', 'tallies']),
              columns: z.object({ rep: z.string().optional(), date: z.string().optional(), id: z.string().optional() }),
              dateFormat: z.string().nullable(),
              rules: z.array(z.object({ stage: z.string(), when: z.record(z.string(), z.unknown()), date: z.string().nullable(), text: z.string() })),
              counts: z.record(z.string(), z.string()).nullable(),
            })
            .nullable()
            .optional()
            .describe('the columns and rules the file was read with; null when nothing maps it'),
        ),
        events: written(z.record(z.string(), count).optional().describe('events counted per stage, duplicates dropped')),
        /** Why rows were ignored, when some were. */
        ignoredReason: written(z.string().nullable().optional()),
        /** `gzip` when the file was decompressed on the fly, else null. */
        compression: written(z.string().nullable().optional()),
        /** XLSX: the sheet that was read; null for other formats. */
        sheet: written(z.string().nullable().optional()),
        /** XLSX: headers of hidden columns (read like the others). */
        hiddenColumns: written(z.array(z.string()).optional()),
        dateFormats: written(z.record(z.string(), z.string()).optional().describe('date format per mapped date column')),
        ruleColumns: written(
          z
            .array(z.object({ column: z.string(), values: z.array(z.object({ value: z.string(), count })), hasMore: z.boolean() }))
            .optional()
            .describe('when no row was used: the columns the rules read and their most common values'),
        ),
      }),
    ),
  })
  .meta({ title: 'funnel inspect', description: 'What `funnel inspect --format json` found in each file.' });

const trendRow = z.object({
  rep: z.string().describe('the rep, or "Team"'),
  stages: z.array(
    z.object({
      stage: z.string(),
      counts: z.array(count).describe('one per week, oldest first'),
      workingDays: z.array(count),
      perWorkingDay: z.array(z.number().nullable()),
      sparkline: z.string(),
      change: z.number().nullable().describe('per working day, last complete week against the one before, as a fraction'),
      isDeclining: z.boolean(),
      decline: z.enum(['slump', 'slide']).nullable(),
    }),
  ),
  conversion: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      rates: z.array(z.number().nullable()),
      sparkline: z.string(),
      change: z.number().nullable().describe('in percentage points'),
    }),
  ),
  declining: z.array(z.string()),
});

/** `funnel trend --format json`. */
export const trendDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    asOf: date,
    weeks: z.array(z.object({ label: z.string(), start: date, end: date, isPartial: z.boolean() })),
    stages: z.array(stage),
    team: trendRow,
    reps: z.array(trendRow),
    input: reportDocumentSchema.shape.input,
  })
  .meta({ title: 'funnel trend', description: 'Weeks per rep and for the team, of `funnel trend --format json`.' });

/** The JSON Schemas to publish, by file name under docs/schema/. */
export function jsonSchemas(): Record<string, unknown> {
  const generate = (schema: z.ZodType) =>
    z.toJSONSchema(schema, {
      // Documents gain fields over time (never renamed): consumers must accept unknown ones.
      override: (ctx) => {
        const json = ctx.jsonSchema as { additionalProperties?: unknown; required?: string[] };
        if (json.additionalProperties === false) delete json.additionalProperties;
        const def = ctx.zodSchema._zod.def;
        if (def.type === 'object' && json.required) {
          const shape = (def as { shape: Record<string, z.core.$ZodType> }).shape;
          json.required = json.required.filter((key) => !alwaysWritten.has(shape[key]));
          if (json.required.length === 0) delete json.required;
        }
      },
    });
  return {
    'report.schema.json': generate(reportDocumentSchema),
    'needed.schema.json': generate(neededDocumentSchema),
    'inspect.schema.json': generate(inspectDocumentSchema),
    'trend.schema.json': generate(trendDocumentSchema),
  };
}
