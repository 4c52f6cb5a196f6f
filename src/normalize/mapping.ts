import type { ConditionInput } from '../config/conditions.js';
import type { SourceConfig } from '../config/schema.js';
import { textKey } from '../text.js';
import type { DayOrder } from './date-detect.js';
import { tallySpan, type TallySpan } from './tally-days.js';

// What a source means, as a plain value: the columns it reads and what for, its rules and their
// conditions, how each date column is read, how text compares and what deduplicates. Two
// compilers read it: the streaming engine's row function (src/normalize/source.ts) and the SQL
// compiler (src/sql/compile.ts). Both follow the contract's "Semantics the numbers must follow".

/** A column as the source names it (`name`, shown in rejections) and as the data spells it (`column`). */
export interface MappedColumn {
  name: string;
  column: string;
  /** The config key naming it (`sources[0].columns.rep`, `sources[0].rules[2].when`), for messages. */
  key: string;
}

/** A rule condition on one cell; text values are already comparison keys (trimmed, collapsed, lower-cased). */
export type MappedCondition =
  | { kind: 'equals'; value: string }
  | { kind: 'in'; values: string[] }
  /** A JavaScript regular expression, tested case-insensitively (Unicode) on the collapsed cell. */
  | { kind: 'match'; pattern: string }
  | { kind: 'not'; condition: MappedCondition }
  | { kind: 'empty'; isEmpty: boolean };

/** How the values of one date column are read. */
export type DateReading =
  /** No dateFormat: ISO dates and datetimes (the date as written), YYYY/MM/DD, Excel serials; a day/month date is ambiguous. */
  | { kind: 'auto' }
  /**
   * Day/month dates whose order was detected from the file's values (or given with --day-first /
   * --month-first; `label` in date-fns tokens); other values read as `auto`. `given`: the flag
   * whose --date-format equals the label, named in rejections instead of "detected".
   */
  | { kind: 'day-month'; order: DayOrder; label: string; given?: string }
  /** The source's dateFormat (date-fns tokens): a value must match it whole. */
  | { kind: 'format'; format: string }
  /**
   * The command line's --date-format for a column the file leaves open: values that fit it are
   * read with it, others as `auto`; a value neither reads is rejected naming the flag.
   */
  | { kind: 'flag-format'; format: string; flag: string };

export interface MappedRule {
  stage: string;
  when: { column: MappedColumn; condition: MappedCondition }[];
  /** The date column of this rule's events. */
  date: MappedColumn;
  /** The column holding the deal's creation date (sales cycle), when mapped. */
  created: MappedColumn | null;
  /** An earlier rule of the source emits the same stage: this one applies only when none of those matched. */
  isAlternative: boolean;
}

/** The meaning of one source (or one file read through a preset), as data. */
export interface SourceMapping {
  /** Names the source in messages: `sources[0]`, `preset hubspot-calls`. */
  key: string;
  shape: 'events' | 'tallies';
  rep: MappedColumn;
  /** The default date column (a rule's own `date` wins); for tallies, the row's date. */
  date: MappedColumn | null;
  id: MappedColumn | null;
  created: MappedColumn | null;
  /** Events: rules in order; every condition of a rule must hold. */
  rules: MappedRule[];
  /** Tallies: stage → count column, in config order. */
  counts: { stage: string; column: MappedColumn }[];
  /**
   * Tallies: what a row's date stands for, from the date column's name (`Week Of` → the week from
   * it, `Week Ending` → the week up to it, else the day): a week's count is spread over its working
   * days up to as-of. Events: always `day`.
   */
  span: TallySpan;
  /** How each date column (by data spelling) is read. */
  dates: Record<string, DateReading>;
  /** How text compares: trimmed and whitespace-collapsed (JavaScript's `\s`), then Unicode lower-cased. */
  text: { whitespace: 'unicode'; isCaseFolded: true };
  /** Events with the same (id, stage) count once across every input; the first in input order wins. */
  dedupe: { column: MappedColumn; per: 'stage'; keeps: 'first' } | null;
}

/** Finds the data spelling of a column the source names; `key` is the config key naming it. */
export type ColumnLookup = (name: string, key: string) => string;

/** Options for `sourceMapping`. */
export interface MappingOptions {
  /** The source's config key, for messages. */
  key: string;
  /** Resolves a column name to the data's spelling; default: the name, trimmed. */
  lookup?: ColumnLookup;
  /**
   * How each date column (data spelling) is read, as decided from the file (FileDates.decide);
   * a column not listed reads with the source's dateFormat, or as `auto`.
   */
  readings?: Record<string, DateReading>;
}

/** Turns a resolved source (a config source, or a preset applied to a file's headers) into a SourceMapping. */
export function sourceMapping(src: SourceConfig, opts: MappingOptions): SourceMapping {
  const lookup = opts.lookup ?? ((name: string) => name.trim());
  const col = (name: string, key: string): MappedColumn => ({ name, column: lookup(name, key), key });
  const k = opts.key;
  // Columns are looked up in this order (the first missing one is the error shown).
  const rep = col(src.columns.rep as string, `${k}.columns.rep`);
  const isEvents = src.shape === 'events';
  const id = isEvents && src.columns.id ? col(src.columns.id, `${k}.columns.id`) : null;
  const date = src.columns.date ? col(src.columns.date, `${k}.columns.date`) : null;
  const created = isEvents && src.columns.created ? col(src.columns.created, `${k}.columns.created`) : null;
  const rules: MappedRule[] = isEvents
    ? (src.rules ?? []).map((rule, i) => ({
        stage: rule.stage,
        when: Object.entries(rule.when).map(([name, cond]) => ({
          column: col(name, `${k}.rules[${i}].when`),
          condition: mappedCondition(cond as ConditionInput),
        })),
        date: rule.date ? col(rule.date, `${k}.rules[${i}].date`) : (date as MappedColumn),
        created: rule.created ? col(rule.created, `${k}.rules[${i}].created`) : created,
        isAlternative: (src.rules ?? []).slice(0, i).some((other) => other.stage === rule.stage),
      }))
    : [];
  const counts = isEvents ? [] : Object.entries(src.counts ?? {}).map(([stage, name]) => ({ stage, column: col(name, `${k}.counts.${stage}`) }));
  const dates: Record<string, DateReading> = {};
  const readingOf = (d: MappedColumn): DateReading =>
    opts.readings?.[d.column] ?? (src.dateFormat ? { kind: 'format', format: src.dateFormat } : { kind: 'auto' });
  // Deal creation dates are read like event dates (they only inform the sales cycle).
  const dateColumns = isEvents ? rules.flatMap((r) => (r.created ? [r.date, r.created] : [r.date])) : [date as MappedColumn];
  for (const d of dateColumns) dates[d.column] = readingOf(d);
  return {
    key: k,
    shape: src.shape,
    rep,
    date,
    id,
    created,
    rules,
    counts,
    span: src.shape === 'tallies' ? tallySpan((date as MappedColumn).name) : 'day',
    dates,
    text: { whitespace: 'unicode', isCaseFolded: true },
    dedupe: id ? { column: id, per: 'stage', keeps: 'first' } : null,
  };
}

/** A validated config condition as data, with its comparison keys computed once. */
export function mappedCondition(cond: ConditionInput): MappedCondition {
  if (typeof cond === 'string' || typeof cond === 'number' || typeof cond === 'boolean') return { kind: 'equals', value: textKey(String(cond)) };
  if ('in' in cond) return { kind: 'in', values: [...new Set(cond.in.map((c) => textKey(String(c))))] };
  if ('match' in cond) return { kind: 'match', pattern: cond.match };
  if ('not' in cond) return { kind: 'not', condition: mappedCondition(cond.not) };
  return { kind: 'empty', isEmpty: cond.empty };
}

/**
 * The date columns of a source as it names them, each use once, in the order they are decided:
 * tallies: the date; events: `columns.date`, `columns.created`, then each rule's own date and
 * created columns. Detection follows this order, so the first undecidable column named is stable.
 */
export function dateColumnsToDecide(src: SourceConfig, key: string): { name: string; key: string }[] {
  if (src.shape === 'tallies') return [{ name: src.columns.date as string, key: `${key}.columns.date` }];
  const out: { name: string; key: string }[] = [];
  if (src.columns.date) out.push({ name: src.columns.date, key: `${key}.columns.date` });
  if (src.columns.created) out.push({ name: src.columns.created, key: `${key}.columns.created` });
  (src.rules ?? []).forEach((rule, i) => {
    if (rule.date) out.push({ name: rule.date, key: `${key}.rules[${i}].date` });
    if (rule.created) out.push({ name: rule.created, key: `${key}.rules[${i}].created` });
  });
  return out;
}

/** Every column a mapping reads (data spellings), once each, in a stable order. */
export function mappedColumns(m: SourceMapping): string[] {
  const out = new Set<string>([m.rep.column]);
  if (m.id) out.add(m.id.column);
  for (const r of m.rules) {
    for (const w of r.when) out.add(w.column.column);
    out.add(r.date.column);
    if (r.created) out.add(r.created.column);
  }
  if (m.date && m.shape === 'tallies') out.add(m.date.column);
  for (const c of m.counts) out.add(c.column.column);
  return [...out];
}
