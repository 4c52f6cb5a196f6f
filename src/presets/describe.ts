import type { ConditionInput } from '../config/conditions.js';
import type { SourceConfig } from '../config/schema.js';

/** A rule as shown to users: the rule itself and a sentence for it. */
export interface RuleView {
  stage: string;
  when: Record<string, unknown>;
  date: string | null;
  /** `dial when "Call direction" not in ("Inbound") (dated by "Activity date")` */
  text: string;
}

/** The mapping a file is read with, as `funnel inspect` and `funnel init` show it. */
export interface MappingView {
  shape: 'events' | 'tallies';
  columns: { rep?: string; date?: string; id?: string };
  dateFormat: string | null;
  rules: RuleView[];
  counts: Record<string, string> | null;
}

const q = (s: unknown) => JSON.stringify(String(s));

/** A condition on one column, in words: `"Type" = "call"`, `"Outcome" matches /^conn/`. */
export function describeCondition(column: string, cond: ConditionInput): string {
  const col = q(column);
  if (typeof cond !== 'object') return `${col} = ${q(cond)}`;
  if ('in' in cond) return `${col} in (${cond.in.map(q).join(', ')})`;
  if ('match' in cond) return `${col} matches /${cond.match}/`;
  if ('empty' in cond) return `${col} ${cond.empty ? 'is empty' : 'is not empty'}`;
  const inner = cond.not;
  if (typeof inner !== 'object') return `${col} ≠ ${q(inner)}`;
  if ('in' in inner) return `${col} not in (${inner.in.map(q).join(', ')})`;
  if ('match' in inner) return `${col} does not match /${inner.match}/`;
  return `not (${describeCondition(column, inner)})`;
}

/** One rule in words, e.g. `conversation when "Call outcome" in ("Connected") (dated by "Activity date")`. */
export function describeRule(rule: { stage: string; when: Record<string, unknown>; date?: string }, defaultDate: string | undefined): string {
  const conds = Object.entries(rule.when).map(([col, cond]) => describeCondition(col, cond as ConditionInput));
  const date = rule.date ?? defaultDate;
  return `${rule.stage} when ${conds.length ? conds.join(' and ') : 'every row'}${date ? ` (dated by ${q(date)})` : ''}`;
}

/** The mapping of a source, readable. */
export function describeMapping(src: SourceConfig): MappingView {
  const columns: MappingView['columns'] = {};
  for (const k of ['rep', 'date', 'id'] as const) if (src.columns[k]) columns[k] = src.columns[k];
  return {
    shape: src.shape,
    columns,
    dateFormat: src.dateFormat ?? null,
    rules: (src.rules ?? []).map((r) => ({
      stage: r.stage,
      when: r.when,
      date: r.date ?? null,
      text: describeRule(r, src.columns.date),
    })),
    counts: src.shape === 'tallies' ? { ...(src.counts ?? {}) } : null,
  };
}
