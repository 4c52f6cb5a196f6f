import * as z from 'zod';
import { isDateStr } from '../engine/dates.js';
import { DEFAULT_STAGES, type DateRange } from '../engine/model.js';
import { parseDateRange } from '../engine/coaching/time-off.js';
import { promptTemplateSchema } from './prompts.js';
import { checkCondition } from './conditions.js';

// Defaults live here: `FunnelConfigInput` is what users write, `FunnelConfig` what code reads.

const STAGE_ID = /^[a-z][a-z0-9_]*$/;
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const SHORT_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const stageId = z.string().regex(STAGE_ID, 'expected a stage id: lower-case letters, digits and _ (e.g. "dial")');
const columnName = z.string().trim().min(1, 'expected a column name');
const dateString = z.string().refine(isDateStr, 'expected a date written YYYY-MM-DD');

/** A rule condition: a value (equals), or { in }, { match }, { not }, { empty }. Checked by hand for precise messages. */
const condition = z.unknown().superRefine((value, ctx) => {
  for (const problem of checkCondition(value)) {
    ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  }
});

const rule = z.strictObject({
  /** Stage this rule emits. */
  stage: stageId,
  /** Column → condition; every condition must hold (AND). An empty `when` matches every row. */
  when: z.record(z.string(), condition).default({}),
  /** Date column for this rule's events, instead of `columns.date`. */
  date: columnName.optional(),
  /** Column holding the date the deal was created, for the sales cycle (close rules); instead of `columns.created`. */
  created: columnName.optional(),
});

const source = z
  .strictObject({
    /** File path or glob, relative to the config file. */
    path: z.string().min(1, 'expected a file path or glob'),
    /** A built-in preset (`funnel presets`) that maps the file from its headers, or `auto` to detect one per file. */
    preset: z.string().min(1, 'expected a preset name (see funnel presets) or auto').optional(),
    /** Extra header spellings for the preset's logical columns: `{ rep: [Vertriebler] }`; tried before the preset's own. */
    aliases: z.record(z.string(), z.array(columnName).min(1, 'expected a list of header names')).optional(),
    format: z.enum(['csv', 'tsv', 'json', 'ndjson', 'xlsx']).optional(),
    delimiter: z
      .string()
      .refine((d) => [',', ';', '\t', '|'].includes(d) || d === 'tab', 'expected one of "," ";" "|" or tab')
      .transform((d) => (d === 'tab' ? '\t' : d))
      .optional(),
    encoding: z.enum(['utf-8', 'utf8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1']).optional(),
    /** XLSX: the sheet to read, by name or 1-based position; default the first visible sheet. */
    sheet: z.union([z.string().min(1, 'expected a sheet name'), z.number().int().positive()]).optional(),
    columns: z
      .strictObject({
        rep: columnName.optional(),
        date: columnName.optional(),
        id: columnName.optional(),
        /** The date each deal was created: close events measure the sales cycle from it. */
        created: columnName.optional(),
      })
      .default({}),
    dateFormat: z.string().min(1).optional(),
    shape: z.enum(['events', 'tallies']).default('events'),
    /** `rules:` with every item commented out (as `funnel init` writes them) is no rules yet: rows are ignored. */
    rules: z
      .array(rule)
      .nullable()
      .transform((r) => r ?? [])
      .optional(),
    /** Tallies: stage → column holding that stage's count. */
    counts: z.record(stageId, columnName).optional(),
  })
  .superRefine((src, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
    if (src.shape === 'tallies') {
      if (!src.counts || Object.keys(src.counts).length === 0)
        issue('a tallies source needs counts: { stage: column, … }', ['counts']);
      if (src.rules) issue('a tallies source takes counts, not rules', ['rules']);
      if (!src.columns.rep) issue('a tallies source needs columns.rep', ['columns', 'rep']);
      if (!src.columns.date) issue('a tallies source needs columns.date (the week or day of each row)', ['columns', 'date']);
      return;
    }
    if (src.aliases && !src.preset) issue('aliases are for presets: add preset: NAME (or preset: auto)', ['aliases']);
    if (src.counts) issue('counts is for shape: tallies; event sources take rules', ['counts']);
    if (src.preset) return;
    // `rules: []` (or every rule commented out) is allowed: a source being written, its rows ignored.
    if (src.rules === undefined) issue('a source needs rules (or a preset)', ['rules']);
    if (!src.columns.rep) issue('a source needs columns.rep (the column naming the rep)', ['columns', 'rep']);
    if (!src.columns.date && !(src.rules ?? []).every((r) => r.date)) {
      issue('a source needs columns.date, or a date on every rule', ['columns', 'date']);
    }
  });

const TIME_OFF_FORMS = 'expected a date (2026-11-23), a range ("2026-11-23..2026-11-25") or { from, to }';

/** A day or range off: `2026-11-23`, `2026-11-23..2026-11-25` or { from, to }; checked by hand for precise messages. */
const timeOffEntry = z.unknown().transform((value, ctx) => {
  let range: DateRange | string;
  if (typeof value === 'string') range = parseDateRange(value);
  else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { from, to, ...rest } = value as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) range = `unknown key "${extra[0]}"; ${TIME_OFF_FORMS}`;
    else if (typeof from !== 'string' || !isDateStr(from)) range = `from: expected a date written YYYY-MM-DD`;
    else if (typeof to !== 'string' || !isDateStr(to)) range = `to: expected a date written YYYY-MM-DD`;
    else range = from <= to ? { from, to } : `${from}..${to} ends before it starts`;
  } else range = `${TIME_OFF_FORMS}, got ${JSON.stringify(value)}`;
  if (typeof range === 'string') {
    ctx.addIssue({ code: 'custom', message: range });
    return z.NEVER;
  }
  return range;
});

const rep = z.strictObject({
  aliases: z.array(z.string().min(1)).default([]),
  /** Closes this rep aims for in the period; targets.csv overrides it. */
  goal: z.number().nonnegative().optional(),
  /** Activity the rep promised, per week unless `commitmentsPer: period`: stage → count. */
  commitments: z.record(stageId, z.number().nonnegative()).optional(),
  /** Whether `commitments` are per week (the default) or for the whole period. */
  commitmentsPer: z.enum(['week', 'period']).default('week'),
  /** How the rep wants to be held to account, e.g. weekly, biweekly, autonomy. */
  checkIn: z.string().optional(),
  /** Where `funnel email --each-rep` sends this rep their own numbers. */
  email: z.email('expected an e-mail address, e.g. jane@acme.example').optional(),
  /** Days off, taken out of this rep's working days: `2026-11-23`, `2026-11-23..2026-11-25` or { from, to }. */
  timeOff: z.array(timeOffEntry).default([]),
});

/** Prompt library changes: a whole library file, prompts to disable, prompts to add or replace (same id). */
const prompts = z.strictObject({
  /** A YAML prompt library that replaces the built-in one, relative to the config file. */
  library: z.string().min(1).optional(),
  disable: z.array(z.string().min(1)).default([]),
  add: z.array(promptTemplateSchema).default([]),
  /** A rep with no event in this many working days is idle. */
  idleDays: z.number().int().positive().default(5),
});

export const configSchema = z
  .strictObject({
    stages: z
      .array(stageId)
      .min(2, 'expected at least two stages, the last being the goal unit')
      .refine((s) => new Set(s).size === s.length, 'stages must not repeat')
      .default([...DEFAULT_STAGES]),
    labels: z.record(stageId, z.string()).default({}),
    weekStartsOn: z
      .enum([...WEEKDAY_NAMES, ...SHORT_WEEKDAYS.map((d) => d)] as [string, ...string[]])
      .default('monday'),
    workdays: z
      .array(z.enum(SHORT_WEEKDAYS))
      .min(1, 'expected at least one working day')
      .default(['mon', 'tue', 'wed', 'thu', 'fri']),
    holidays: z.array(dateString).default([]),
    /** The period a goal is set for; goals for other periods are its working-day share. */
    goalPeriod: z.enum(['week', 'month', 'quarter']).default('month'),
    lookbackDays: z.number().int().positive().default(90),
    priorCloses: z.number().nonnegative().default(2),
    reps: z.record(z.string().min(1), rep).default({}),
    targets: z.string().min(1).optional(),
    /** Owner ids and e-mails → rep names (CSV: id,name), relative to the config; default owners.csv beside it, when present. */
    owners: z.string().min(1).optional(),
    sources: z.array(source).default([]),
    prompts: prompts.default({ disable: [], add: [], idleDays: 5 }),
  })
  .superRefine((cfg, ctx) => {
    const known = new Set(cfg.stages);
    const check = (stage: string, path: (string | number)[]) => {
      if (!known.has(stage)) {
        ctx.addIssue({ code: 'custom', message: `unknown stage "${stage}"; stages are: ${cfg.stages.join(', ')}`, path });
      }
    };
    for (const s of Object.keys(cfg.labels)) check(s, ['labels', s]);
    cfg.sources.forEach((src, i) => {
      src.rules?.forEach((r, j) => check(r.stage, ['sources', i, 'rules', j, 'stage']));
      for (const s of Object.keys(src.counts ?? {})) check(s, ['sources', i, 'counts', s]);
    });
    for (const [name, r] of Object.entries(cfg.reps)) {
      for (const s of Object.keys(r.commitments ?? {})) check(s, ['reps', name, 'commitments', s]);
    }
    cfg.prompts.add.forEach((t, i) => {
      if (t.stage !== undefined) check(t.stage, ['prompts', 'add', i, 'stage']);
    });
  });

export type FunnelConfigInput = z.input<typeof configSchema>;
export type FunnelConfig = z.output<typeof configSchema>;
export type SourceConfig = FunnelConfig['sources'][number];
export type RuleConfig = NonNullable<SourceConfig['rules']>[number];

export { weekStartIndex } from './calendar.js';
