import { resolve } from 'node:path';
import { configFileFor, defaultConfig, type LoadedConfig } from '../config/find.js';
import { loadConfig } from '../config/load.js';
import type { FunnelConfig } from '../config/schema.js';
import { loadTargets, type RepTargets, type Target } from '../config/targets.js';
import type { GoalBook, PlanRow } from '../engine/goals.js';
import { DEFAULT_LABELS, type DateRange, type StageId } from '../engine/model.js';
import { FunnelError } from '../errors.js';
import type { DateFallback } from '../normalize/date-detect.js';
import type { RepResolver } from '../normalize/reps.js';

export { calendarOf } from '../config/calendar.js';
export { resolveAsOf, resolvePeriodOption } from './period-options.js';

/** Options every data command shares. */
export interface CommonOptions {
  config?: string;
  period?: string;
  asOf?: string;
  lookback?: string;
  targets?: string;
  priorCloses?: string;
  /** --date-format FMT, --month-first, --day-first: for date columns a file cannot settle. */
  dateFormat?: string;
  monthFirst?: boolean;
  dayFirst?: boolean;
}

/** The command line's day/month order or date format, or null; more than one is a usage error. */
export function dateFallbackOption(opts: Pick<CommonOptions, 'dateFormat' | 'monthFirst' | 'dayFirst'>): DateFallback | null {
  const given: DateFallback[] = [];
  if (opts.dateFormat !== undefined) {
    if (!/[dD]/.test(opts.dateFormat) || !/M/.test(opts.dateFormat) || !/y/.test(opts.dateFormat)) {
      throw new FunnelError('USAGE', `--date-format "${opts.dateFormat}" needs a day (d), a month (M) and a year (y)`, {
        hint: 'use date-fns tokens, e.g. --date-format "M/d/yyyy h:mm a" or --date-format dd/MM/yyyy',
      });
    }
    given.push({ format: opts.dateFormat, flag: `--date-format "${opts.dateFormat}"` });
  }
  if (opts.monthFirst) given.push({ order: 'month-first', flag: '--month-first' });
  if (opts.dayFirst) given.push({ order: 'day-first', flag: '--day-first' });
  if (given.length > 1) {
    throw new FunnelError('USAGE', `${given.map((g) => g.flag.split(' ')[0]).join(' and ')} contradict each other`, { hint: 'pass only one of them' });
  }
  return given[0] ?? null;
}

/** Finds and loads the config: --config, else the nearest one upward, else defaults. */
export function loadRunConfig(opts: { config?: string }, cwd: string): LoadedConfig {
  const file = configFileFor(opts, cwd);
  return file ? loadConfig(file.path, file.displayPath) : defaultConfig(cwd);
}

/** A non-negative number option (`--lookback`, `--prior-closes`), or the fallback. */
export function numberOption(value: string | undefined, flag: string, fallback: number, opts: { isInteger?: boolean; min?: number } = {}): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  const min = opts.min ?? 0;
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (opts.isInteger && !Number.isInteger(n))) {
    throw new FunnelError('USAGE', `${flag} "${value}" is not ${opts.isInteger ? 'a whole number' : 'a number'} ≥ ${min}`);
  }
  return n;
}

/** Tracked stages with labels: those some input produces, plus the goal stage (always last). */
export function trackedStages(config: FunnelConfig, producible: Set<StageId> | null): { id: StageId; label: string }[] {
  const last = config.stages[config.stages.length - 1];
  return config.stages
    .filter((s) => producible === null || producible.has(s) || s === last)
    .map((id) => ({ id, label: config.labels[id] ?? DEFAULT_LABELS[id] ?? id }));
}

/** A rep named in config or targets: goals and promises by goal period, check-in preference and time off. */
export interface NamedRep {
  name: string;
  book: GoalBook;
  checkIn: string | null;
  /** Config and targets time off together. */
  timeOff: DateRange[];
}

const perStage = (commitments: Record<string, number>, per: 'week' | 'period') =>
  Object.fromEntries(Object.keys(commitments).map((s) => [s, per]));

function planRow(target: Target): PlanRow {
  return { goal: target.goal, commitments: target.commitments, commitmentsPer: perStage(target.commitments, target.commitmentsPer ?? 'week') };
}

/**
 * Reps named in config or targets, keyed like the data. `referenceLabel` is the goal period that
 * holds the report's reference day: its targets row, if any, gives the check-in preference.
 */
export function namedReps(loaded: LoadedConfig, reps: RepResolver, targets: Map<string, RepTargets>, referenceLabel: string): Map<string, NamedRep> {
  const named = new Map<string, NamedRep>();
  for (const [name, rep] of Object.entries(loaded.config.reps)) {
    const id = reps.resolve(name);
    if (!id) continue;
    const commitments = { ...(rep.commitments ?? {}) };
    named.set(id.key, {
      name: id.name,
      book: { byPeriod: new Map(), general: null, config: { goal: rep.goal ?? null, commitments, commitmentsPer: perStage(commitments, rep.commitmentsPer) } },
      checkIn: rep.checkIn ?? null,
      timeOff: [...rep.timeOff],
    });
  }
  for (const rows of targets.values()) {
    const id = reps.resolve(rows.rep);
    if (!id) continue;
    const prior = named.get(id.key);
    const all = [...(rows.general ? [rows.general] : []), ...rows.byPeriod.values()];
    const reference = rows.byPeriod.get(referenceLabel.toLowerCase());
    named.set(id.key, {
      name: prior?.name ?? id.name,
      book: {
        byPeriod: new Map([...rows.byPeriod].map(([label, t]) => [label, planRow(t)])),
        general: rows.general ? planRow(rows.general) : null,
        config: prior?.book.config ?? null,
      },
      checkIn: reference?.checkIn ?? rows.general?.checkIn ?? prior?.checkIn ?? null,
      timeOff: [...(prior?.timeOff ?? []), ...all.flatMap((t) => t.timeOff)],
    });
  }
  return named;
}

/** targets.csv from --targets (relative to cwd) or the config's `targets` (relative to the config). */
export function loadRunTargets(loaded: LoadedConfig, flag: string | undefined, cwd: string): Map<string, RepTargets> {
  const { goalPeriod, stages } = loaded.config;
  if (flag) return loadTargets(resolve(cwd, flag), flag, goalPeriod, stages);
  if (loaded.config.targets) {
    const path = resolve(loaded.dir, loaded.config.targets);
    return loadTargets(path, loaded.config.targets, goalPeriod, stages);
  }
  return new Map();
}
