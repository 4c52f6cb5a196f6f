import { FunnelError } from '../errors.js';
import { JDN_WEEKDAY, julianDay, julianDaySql, withDayText } from './calendar.js';
import { collapse } from '../text.js';
import { DateFormatUnsupported } from './date-format.js';
import { dateSql, isFallbackFormat, type DateProblemKind } from './dates.js';
import { getDialect, whitespaceClass, type Dialect, type DialectName } from './dialect.js';
import type { MappedCondition, SourceMapping } from './mapping.js';
import { RegexUnsupported, translateRegex } from './regex.js';

// One query for every input: the rules, the dates, the rep names, first-wins deduplication in
// input order and the row accounting, with the semantics of src/normalize/source.ts. The result
// is one relation of typed rows (the `kind` column); see docs/warehouse.md for its shape.
// Weekly tallies are spread over their working days, and the goal stage's closes with a created
// date give the sales cycle, as src/normalize/tally-days.ts and src/run/pipeline.ts do.

/** One input of the query: a table (or table function) read with one mapping. */
export interface SqlInput {
  /** Names the input in the result's `source` column: a file as shown, or a source's table. */
  label: string;
  /** The FROM item, ready to paste (a quoted table name, or a table function call). */
  relation: string;
  mapping: SourceMapping;
  /**
   * An integer column numbering the rows in input order: it decides which duplicate counts
   * first, and is the line a rejection names. Null: no such column (see `orderFallback`).
   */
  rowNumber: string | null;
  /** An integer column holding the line a rejection names, when it is not `rowNumber` (files loaded by funnel). */
  lineColumn?: string;
}

export interface CompileOptions {
  dialect: DialectName;
  /** The config's stages, in order: one count column each. */
  stages: readonly string[];
  /** Config reps and their aliases. */
  reps: Readonly<Record<string, { aliases: readonly string[] }>>;
  /** The team calendar weekly tallies are spread over: working weekdays (`mon` …) and holidays (YYYY-MM-DD). */
  calendar?: { workdays: readonly string[]; holidays: readonly string[] };
  /**
   * Days after as-of get no share of a weekly tally: a YYYY-MM-DD date, `current` (the warehouse's
   * current date when the query runs), or null (no limit). Default null.
   */
  asOf?: string | null;
}

/** Result columns that are not stage counts, in order. */
export const FIXED_COLUMNS = ['kind', 'source', 'line', 'rep', 'date'] as const;
export const ACCOUNT_COLUMNS = ['rows', 'used', 'ignored', 'rejected', 'duplicates'] as const;
export const REJECT_COLUMNS = ['code', 'field', 'value', 'reason'] as const;
/** The sales cycle: closes of the goal stage with a created date, by rep, close date and days from created to close. */
export const CYCLE_COLUMNS = ['cycle_days', 'cycle_closes'] as const;

/** Every result column, for the given stages. */
export function resultColumns(stages: readonly string[]): string[] {
  return [...FIXED_COLUMNS, ...stages, ...ACCOUNT_COLUMNS, ...REJECT_COLUMNS, ...CYCLE_COLUMNS];
}

interface Ctx {
  d: Dialect;
  ws: string;
  q: (name: string) => string;
  s: (value: string) => string;
  /** The condition a day (a JDN column or expression) must meet to get a share of a weekly tally. */
  isSpreadDay: (jd: string) => string;
}

/** The SQL text of the query; throws FunnelError (SQL_UNSUPPORTED) for what a dialect cannot express. */
export function compileQuery(inputs: readonly SqlInput[], opts: CompileOptions): string {
  const d = getDialect(opts.dialect);
  const c: Ctx = { d, ws: whitespaceClass(d), q: d.id, s: d.str, isSpreadDay: spreadDay(d, opts) };
  const fixed = new Set<string>([...FIXED_COLUMNS, ...ACCOUNT_COLUMNS, ...REJECT_COLUMNS, ...CYCLE_COLUMNS]);
  const clash = opts.stages.find((s) => fixed.has(s));
  if (clash) {
    throw new FunnelError('SQL_UNSUPPORTED', `the stage "${clash}" has the name of a result column`, {
      where: { key: 'stages' },
      hint: `rename the stage; the result's other columns are ${[...fixed].join(', ')}`,
    });
  }
  const ctes: string[] = [cfgReps(c, opts.reps)];
  inputs.forEach((input, i) => ctes.push(...inputCtes(c, input, i)));
  const all = (f: (i: number) => string) => inputs.map((_, i) => f(i)).join('\n  UNION ALL\n  ');
  const none = (cols: string) => `SELECT ${cols} WHERE 1 = 0`;
  const t = d.text;
  const evCols = `CAST(NULL AS BIGINT) AS inp, CAST(NULL AS BIGINT) AS ord, CAST(NULL AS ${t}) AS rep_key, CAST(NULL AS ${t}) AS id, CAST(NULL AS ${t}) AS stage, CAST(NULL AS ${t}) AS dt, CAST(NULL AS BIGINT) AS n, CAST(NULL AS ${t}) AS cr`;
  ctes.push(`ev AS (\n  ${inputs.length ? all((i) => `SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM ev_${i}`) : none(evCols)}\n)`);
  // First wins per (id, stage) across every input: input position, then the row number; without
  // one, the earliest date, then the rep, decide.
  ctes.push(
    `ranked AS (\n  SELECT ev.*, CASE WHEN id IS NULL THEN 1 ELSE ROW_NUMBER() OVER (PARTITION BY id, stage ORDER BY inp, ord, dt, rep_key) END AS rn\n  FROM ev\n)`,
  );
  const seenCols = `CAST(NULL AS ${t}) AS rep_key, CAST(NULL AS ${t}) AS rep_name, CAST(NULL AS BIGINT) AS inp, CAST(NULL AS BIGINT) AS ord`;
  ctes.push(
    `seen AS (\n  ${inputs.length ? all((i) => `SELECT rep_key, rep_name, inp, ord FROM st_${i} WHERE status <> 'ignored' AND rep_name <> ''`) : none(seenCols)}\n)`,
  );
  // A rep the config does not name is named by its first spelling in input order.
  ctes.push(
    `names AS (\n  SELECT rep_key, rep_name FROM (\n    SELECT rep_key, rep_name, ROW_NUMBER() OVER (PARTITION BY rep_key ORDER BY inp, ord, rep_name) AS rn FROM seen\n  ) first_seen WHERE rn = 1\n)`,
  );
  ctes.push(
    `kept AS (\n  SELECT r.inp, COALESCE(cfg.rep_key, r.rep_key) AS rep_key, COALESCE(cfg.rep_name, nm.rep_name) AS rep_name, r.dt, r.stage, r.n, r.cr\n` +
      `  FROM ranked r LEFT JOIN cfg_reps cfg ON cfg.alias_key = r.rep_key LEFT JOIN names nm ON nm.rep_key = r.rep_key\n  WHERE r.rn = 1\n)`,
  );
  const acctCols = 'CAST(NULL AS BIGINT) AS inp, CAST(NULL AS BIGINT) AS n_rows, CAST(NULL AS BIGINT) AS n_used, CAST(NULL AS BIGINT) AS n_ignored, CAST(NULL AS BIGINT) AS n_rejected';
  ctes.push(
    `acct AS (\n  ${
      inputs.length
        ? all(
            (i) =>
              `SELECT ${i} AS inp, COUNT(*) AS n_rows, COALESCE(SUM(CASE WHEN status = 'used' THEN 1 ELSE 0 END), 0) AS n_used, ` +
              `COALESCE(SUM(CASE WHEN status = 'ignored' THEN 1 ELSE 0 END), 0) AS n_ignored, COALESCE(SUM(CASE WHEN status NOT IN ('used', 'ignored') THEN 1 ELSE 0 END), 0) AS n_rejected FROM st_${i}`,
          )
        : none(acctCols)
    }\n)`,
  );
  ctes.push(`dups AS (\n  SELECT inp, COUNT(*) AS n FROM ranked WHERE rn > 1 GROUP BY inp\n)`);
  // Every counted event of the goal stage with a readable created date is one sample of the cycle.
  const goal = opts.stages[opts.stages.length - 1] ?? '';
  ctes.push(
    `cyc AS (\n  SELECT inp, rep_key, rep_name, dt, days, COUNT(*) AS n FROM (\n    SELECT inp, rep_key, rep_name, dt, ${julianDaySql(d, 'dt')} - ${julianDaySql(d, 'cr')} AS days FROM kept WHERE stage = ${c.s(goal)} AND cr IS NOT NULL\n  ) closes GROUP BY inp, rep_key, rep_name, dt, days\n)`,
  );
  const rejCols = `CAST(NULL AS BIGINT) AS inp, CAST(NULL AS BIGINT) AS ord, CAST(NULL AS BIGINT) AS line, CAST(NULL AS ${t}) AS code, CAST(NULL AS ${t}) AS field, CAST(NULL AS ${t}) AS value, CAST(NULL AS ${t}) AS reason`;
  ctes.push(`rej AS (\n  ${inputs.length ? all((i) => `SELECT inp, ord, line, code, field, value, reason FROM rej_${i}`) : none(rejCols)}\n)`);

  const labelOf = (col: string) => `CASE ${col} ${inputs.map((inp, i) => `WHEN ${i} THEN ${c.s(inp.label)}`).join(' ')} END`;
  const labels = labelOf('inp');
  const nullText = `CAST(NULL AS ${t})`;
  const nullInt = 'CAST(NULL AS BIGINT)';
  const stageNulls = opts.stages.map((s) => `${nullInt} AS ${c.q(s)}`).join(', ');
  const accNulls = ACCOUNT_COLUMNS.map((a) => `${nullInt} AS ${c.q(a)}`).join(', ');
  const rejNulls = REJECT_COLUMNS.map((a) => `${nullText} AS ${c.q(a)}`).join(', ');
  const cycNulls = CYCLE_COLUMNS.map((a) => `${nullInt} AS ${c.q(a)}`).join(', ');
  const stageSums = opts.stages.map((s) => `CAST(COALESCE(SUM(CASE WHEN stage = ${c.s(s)} THEN n END), 0) AS BIGINT) AS ${c.q(s)}`).join(', ');
  const inputsKnown = inputs.length ? labels : nullText;
  const tally =
    `SELECT 'tally' AS ${c.q('kind')}, ${inputsKnown} AS ${c.q('source')}, ${nullInt} AS ${c.q('line')}, rep_name AS ${c.q('rep')}, dt AS ${c.q('date')}, ` +
    `${stageSums}, ${accNulls}, ${rejNulls}, ${cycNulls}, 1 AS k_order, inp AS k_inp, CAST(NULL AS BIGINT) AS k_ord, rep_key AS k_rep FROM kept GROUP BY inp, rep_key, rep_name, dt`;
  const input =
    `SELECT 'input', ${inputs.length ? labelOf('a.inp') : nullText}, ${nullInt}, ${nullText}, ${nullText}, ${stageNulls ? `${opts.stages.map(() => nullInt).join(', ')}, ` : ''}` +
    `a.n_rows, a.n_used, a.n_ignored, a.n_rejected, COALESCE(dp.n, 0), ${REJECT_COLUMNS.map(() => nullText).join(', ')}, ${nullInt}, ${nullInt}, 0, a.inp, ${nullInt}, ${nullText} ` +
    `FROM acct a LEFT JOIN dups dp ON dp.inp = a.inp`;
  const reject =
    `SELECT 'reject', ${inputsKnown}, line, ${nullText}, ${nullText}, ${opts.stages.map(() => nullInt).join(', ')}${opts.stages.length ? ', ' : ''}` +
    `${ACCOUNT_COLUMNS.map(() => nullInt).join(', ')}, code, field, value, reason, ${nullInt}, ${nullInt}, 3, inp, ord, ${nullText} FROM rej`;
  const stageNullList = opts.stages.map(() => `${nullInt}, `).join('');
  const cycle =
    `SELECT 'cycle', ${inputsKnown}, ${nullInt}, rep_name, dt, ${stageNullList}${ACCOUNT_COLUMNS.map(() => nullInt).join(', ')}, ${REJECT_COLUMNS.map(() => nullText).join(', ')}, ` +
    `CAST(days AS BIGINT), CAST(n AS BIGINT), 2, inp, days, rep_key FROM cyc`;
  const cols = resultColumns(opts.stages).map((col) => c.q(col)).join(', ');
  return (
    `-- funnel: the daily tally, the row accounting and the rejected rows of ${inputs.length} input${inputs.length === 1 ? '' : 's'} (${d.name}).\n` +
    `-- kind = 'tally': source, rep, date and a count per stage; 'input': rows = used + ignored + rejected per source,\n` +
    `-- and duplicates dropped; 'cycle': rep, close date, cycle_days (created to close) and cycle_closes;\n` +
    `-- 'reject': source, line, code, field, value, reason. See docs/warehouse.md.\n` +
    `WITH\n${ctes.join(',\n')}\n` +
    `SELECT ${cols} FROM (\n  ${tally}\n  UNION ALL\n  ${input}\n  UNION ALL\n  ${cycle}\n  UNION ALL\n  ${reject}\n) result\nORDER BY k_order, k_inp, k_rep, ${c.q('date')}, k_ord\n`
  );
}

/**
 * The CTEs that spread a weekly tally's counts over the week's working days up to as-of, as
 * src/normalize/tally-days.ts does: whole numbers, the remainder one each to the earliest days; a
 * week without such a day keeps its count on the row's date. Ends with `ev_<i>`.
 */
function spreadCtes(c: Ctx, i: number, events: string, span: 'week-from' | 'week-to'): string[] {
  const { d } = c;
  const first = span === 'week-from' ? julianDaySql(d, 'dt') : `${julianDaySql(d, 'dt')} - 6`;
  const week = [0, 1, 2, 3, 4, 5, 6].map((o) => `SELECT ${o} AS o`).join(' UNION ALL ');
  const share = `${d.div('n', 'w')} + CASE WHEN k <= n - w * ${d.div('n', 'w')} THEN 1 ELSE 0 END`;
  return [
    `tv_${i} AS (\n  ${events}\n)`,
    // One key per (row, stage): the row number of the input is not always known.
    `tw_${i} AS (\n  SELECT tv.*, ROW_NUMBER() OVER (ORDER BY ord, rep_key, stage, dt, n) AS rk, ${first} AS j0 FROM tv_${i} tv\n)`,
    `td_${i} AS (\n  SELECT tw.rk, tw.j0 + wk.o AS jd FROM tw_${i} tw CROSS JOIN (${week}) wk WHERE ${c.isSpreadDay('tw.j0 + wk.o')}\n)`,
    `ts_${i} AS (\n  SELECT tw.inp, tw.ord, tw.rep_key, tw.id, tw.stage, tw.n, tw.cr, td.jd, COUNT(*) OVER (PARTITION BY td.rk) AS w, ROW_NUMBER() OVER (PARTITION BY td.rk ORDER BY td.jd) AS k\n  FROM tw_${i} tw JOIN td_${i} td ON td.rk = tw.rk\n)`,
    `ev_${i} AS (\n  SELECT inp, ord, rep_key, id, stage, day_text AS dt, ${share} AS n, cr FROM ${withDayText(d, `ts_${i}`)} spread WHERE ${share} > 0\n` +
      `  UNION ALL\n  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM tw_${i} tw WHERE NOT EXISTS (SELECT 1 FROM td_${i} td WHERE td.rk = tw.rk)\n)`,
  ];
}

/** The condition a day (JDN) meets to take a share of a weekly tally: a working weekday, no holiday, not after as-of. */
function spreadDay(d: Dialect, opts: CompileOptions): (jd: string) => string {
  const workdays = [...new Set((opts.calendar?.workdays ?? ['mon', 'tue', 'wed', 'thu', 'fri']).map((w) => JDN_WEEKDAY[w]))].sort();
  const holidays = [...new Set(opts.calendar?.holidays ?? [])].sort().map(julianDay);
  const asOf = opts.asOf === undefined || opts.asOf === null ? null : opts.asOf === 'current' ? julianDaySql(d, `(${d.today})`) : String(julianDay(opts.asOf));
  return (jd) => {
    const parts = [workdays.length ? `${d.mod(jd, '7')} IN (${workdays.join(', ')})` : 'FALSE'];
    if (holidays.length) parts.push(`${jd} NOT IN (${holidays.join(', ')})`);
    if (asOf !== null) parts.push(`${jd} <= ${asOf}`);
    return parts.join(' AND ');
  };
}

/** Config rep names and aliases by comparison key. */
function cfgReps(c: Ctx, reps: CompileOptions['reps']): string {
  const rows: string[] = [];
  const seen = new Set<string>();
  for (const [name, rep] of Object.entries(reps)) {
    const display = collapse(name);
    const key = display.toLowerCase();
    for (const alias of [name, ...rep.aliases]) {
      const aliasKey = collapse(alias).toLowerCase();
      // The last config entry for a key wins, as in RepResolver.
      if (seen.has(aliasKey)) {
        const at = rows.findIndex((r) => r.startsWith(`SELECT ${c.s(aliasKey)} AS`));
        if (at >= 0) rows.splice(at, 1);
      }
      seen.add(aliasKey);
      rows.push(`SELECT ${c.s(aliasKey)} AS alias_key, ${c.s(key)} AS rep_key, ${c.s(display)} AS rep_name`);
    }
  }
  const t = c.d.text;
  const body = rows.length
    ? rows.join('\n  UNION ALL\n  ')
    : `SELECT CAST(NULL AS ${t}) AS alias_key, CAST(NULL AS ${t}) AS rep_key, CAST(NULL AS ${t}) AS rep_name WHERE 1 = 0`;
  return `cfg_reps AS (\n  ${body}\n)`;
}

/** Trims JavaScript whitespace. */
function jsTrim(c: Ctx, e: string): string {
  return c.d.replaceAll(e, `^[${c.ws}]+|[${c.ws}]+$`, '');
}

/** Trims and collapses inner whitespace runs to one space (src/text.ts `collapse`). */
function collapsed(c: Ctx, e: string): string {
  return jsTrim(c, c.d.replaceAll(e, `[${c.ws}]+`, ' '));
}

function conditionSql(c: Ctx, cond: MappedCondition, x: string, where: string): string {
  switch (cond.kind) {
    case 'equals':
      return `LOWER(${x}) = ${c.s(cond.value)}`;
    case 'in':
      return `LOWER(${x}) IN (${cond.values.map((v) => c.s(v)).join(', ')})`;
    case 'match':
      try {
        return c.d.matches(x, translateRegex(cond.pattern, c.d), { isCaseInsensitive: true });
      } catch (err) {
        if (!(err instanceof RegexUnsupported)) throw err;
        throw new FunnelError('SQL_UNSUPPORTED', `the pattern ${JSON.stringify(cond.pattern)} uses ${err.construct}, which ${c.d.name}'s regular expressions cannot express exactly`, {
          where: { key: where },
          hint: `rewrite the pattern without it (e.g. a list with { in: [...] }), or run this source with the streaming engine`,
        });
      }
    case 'not':
      return `NOT (${conditionSql(c, cond.condition, x, `${where}.not`)})`;
    case 'empty':
      return cond.isEmpty ? `${x} = ''` : `${x} <> ''`;
  }
}

/** The rejection reason of a date problem, as src/normalize/dates.ts words it. */
function dateReason(c: Ctx, kind: DateProblemKind, shown: string, value: string, column: string, expected: string): string {
  const col = c.s(` in column "${column}"`);
  switch (kind) {
    case 'EMPTY':
      return c.s(`the date is empty in column "${column}"`);
    case 'CALENDAR':
      return `'"' || ${shown} || ${c.s('" is not a date (expected a real calendar date)')} || ${col}`;
    case 'AMBIGUOUS':
      return `'dates like "' || ${value} || ${c.s(`" could be day-first or month-first; ${expected}`)}`;
    default:
      return `'"' || ${value} || ${c.s(`" is not a date (expected ${expected})`)} || ${col}`;
  }
}

/** The CTEs of one input: its cells, their meaning, each row's outcome, its events and rejections. */
function inputCtes(c: Ctx, input: SqlInput, i: number): string[] {
  const { d, q, s } = c;
  const m = input.mapping;
  const t = d.text;
  const cells = new Map<string, string>();
  const cell = (column: string) => {
    let name = cells.get(column);
    if (!name) cells.set(column, (name = `c${cells.size}`));
    return name;
  };
  cell(m.rep.column);
  if (m.id) cell(m.id.column);
  const dateCols = Object.keys(m.dates);
  for (const dc of dateCols) cell(dc);
  for (const r of m.rules) for (const w of r.when) cell(w.column.column);
  for (const k of m.counts) cell(k.column.column);

  const ord = input.rowNumber ? `CAST(${q(input.rowNumber)} AS BIGINT)` : 'CAST(NULL AS BIGINT)';
  const line = input.lineColumn ? `CAST(${q(input.lineColumn)} AS BIGINT)` : ord;
  const raw = [...cells].map(([col, name]) => `COALESCE(CAST(${q(col)} AS ${t}), '') AS ${name}`);
  const out: string[] = [`raw_${i} AS (\n  SELECT ${i} AS inp, ${ord} AS ord, ${line} AS line, ${raw.join(', ')}\n  FROM ${input.relation}\n)`];

  // Layer 1: collapsed text of every cell, trimmed values of ids, dates and counts.
  const l1: string[] = ['inp', 'ord', 'line'];
  for (const [, name] of cells) l1.push(name, `${collapsed(c, name)} AS x_${name}`);
  const dateIdx = new Map(dateCols.map((dc, j) => [dc, j]));
  for (const [dc, j] of dateIdx) l1.push(`${jsTrim(c, cell(dc))} AS v${j}`);
  if (m.id) l1.push(`${jsTrim(c, cell(m.id.column))} AS id_text`);
  m.counts.forEach((k, j) => l1.push(`${jsTrim(c, cell(k.column.column))} AS k${j}`));
  out.push(`l1_${i} AS (\n  SELECT ${l1.join(', ')}\n  FROM raw_${i}\n)`);

  // Layer 2: rules matched, date parts, counts read.
  const l2: string[] = ['l1.*'];
  const dates = new Map<string, ReturnType<typeof dateSql>>();
  for (const [dc, j] of dateIdx) {
    let ds: ReturnType<typeof dateSql>;
    try {
      ds = dateSql(m.dates[dc], d, `v${j}`, (name) => `d${j}_${name}`, c.ws);
    } catch (err) {
      if (!(err instanceof DateFormatUnsupported)) throw err;
      const reading = m.dates[dc];
      const given = isFallbackFormat(reading) ? reading.flag : `dateFormat "${reading.kind === 'format' ? reading.format : ''}"`;
      throw new FunnelError('SQL_UNSUPPORTED', `${given} has ${err.message}, which funnel sql cannot read exactly`, {
        where: isFallbackFormat(reading) ? {} : { key: `${m.key}.dateFormat` },
        hint: 'use a format whose numbers are separated (e.g. yyyy-MM-dd HH:mm, dd/MM/yyyy), or the streaming engine',
      });
    }
    dates.set(dc, ds);
    for (const [name, e] of Object.entries(ds.parts)) l2.push(`${e} AS d${j}_${name}`);
  }
  const rule = m.rules.map((r, j) => {
    const conds = r.when.map((w) => conditionSql(c, w.condition, `x_${cell(w.column.column)}`, `${m.key}.rules[${j}].when.${w.column.name}`));
    return conds.length ? conds.join(' AND ') : 'TRUE';
  });
  m.rules.forEach((r, j) => {
    // Several rules for one stage are alternatives: the first that matches gives the event.
    const earlier = m.rules.map((o, k) => (k < j && o.stage === r.stage ? k : -1)).filter((k) => k >= 0);
    const guard = earlier.length ? ` AND NOT (${earlier.map((k) => `(${rule[k]})`).join(' OR ')})` : '';
    l2.push(`CASE WHEN (${rule[j]})${guard} THEN 1 ELSE 0 END AS m${j}`);
  });
  const COUNT = '^[0-9]+([.]0+)?$';
  m.counts.forEach((_, j) => {
    l2.push(`CASE WHEN k${j} = '' THEN 1 WHEN ${d.matches(`k${j}`, COUNT)} THEN 1 ELSE 0 END AS kok${j}`);
    l2.push(`CASE WHEN k${j} <> '' AND ${d.matches(`k${j}`, COUNT)} THEN ${d.double(d.extract(`k${j}`, '^([0-9]+)'))} ELSE 0 END AS kn${j}`);
  });
  out.push(`l2_${i} ${d.computedOnce}\n  SELECT ${l2.join(',\n    ')}\n  FROM l1_${i} l1\n)`);

  // Layer 3: dates, the rep and the row's outcome.
  const repName = `x_${cell(m.rep.column)}`;
  const l3: string[] = ['l2.*', `${repName} AS rep_name`, `LOWER(${repName}) AS rep_key`];
  for (const [dc, j] of dateIdx) {
    const ds = dates.get(dc) as ReturnType<typeof dateSql>;
    l3.push(`${ds.date} AS dt${j}`, `${ds.problem} AS dp${j}`);
  }
  l3.push(m.id ? `CASE WHEN id_text = '' THEN NULL ELSE id_text END AS id` : `CAST(NULL AS ${t}) AS id`);
  const status: string[] = [];
  if (m.shape === 'events') {
    status.push(`WHEN ${m.rules.length ? m.rules.map((_, j) => `m${j} = 0`).join(' AND ') : 'TRUE'} THEN 'ignored'`);
    status.push(`WHEN ${repName} = '' THEN 'NO_REP'`);
    m.rules.forEach((r, j) => status.push(`WHEN m${j} = 1 AND dt${dateIdx.get(r.date.column)} IS NULL THEN 'date:${dateIdx.get(r.date.column)}'`));
  } else {
    const any = m.counts.map((_, j) => `(k${j} <> '' AND (kok${j} = 0 OR kn${j} > 0))`).join(' OR ') || 'FALSE';
    status.push(`WHEN NOT (${any}) THEN 'ignored'`);
    status.push(`WHEN ${repName} = '' THEN 'NO_REP'`);
    m.counts.forEach((_, j) => status.push(`WHEN kok${j} = 0 THEN 'count:${j}'`));
    const dj = dateIdx.get((m.date as { column: string }).column) as number;
    status.push(`WHEN dt${dj} IS NULL THEN 'date:${dj}'`);
  }
  out.push(`l3_${i} AS (\n  SELECT ${l3.join(',\n    ')}\n  FROM l2_${i} l2\n)`);
  out.push(`st_${i} AS (\n  SELECT l3.*, CASE ${status.join(' ')} ELSE 'used' END AS status\n  FROM l3_${i} l3\n)`);

  // Events of used rows; `cr`: the deal's created date (events of a rule that maps one).
  const nullText = `CAST(NULL AS ${t})`;
  const ev =
    m.shape === 'events'
      ? m.rules.map((r, j) => {
          const cr = r.created ? `dt${dateIdx.get(r.created.column)}` : nullText;
          return `SELECT inp, ord, rep_key, id, ${s(r.stage)} AS stage, dt${dateIdx.get(r.date.column)} AS dt, 1 AS n, ${cr} AS cr FROM st_${i} WHERE status = 'used' AND m${j} = 1`;
        })
      : m.counts.map((k, j) => {
          const dj = dateIdx.get((m.date as { column: string }).column);
          return `SELECT inp, ord, rep_key, id, ${s(k.stage)} AS stage, dt${dj} AS dt, ${d.int(`kn${j}`)} AS n, ${nullText} AS cr FROM st_${i} WHERE status = 'used' AND kn${j} > 0`;
        });
  const events = ev.length ? ev.join('\n  UNION ALL\n  ') : `SELECT inp, ord, rep_key, id, ${nullText} AS stage, ${nullText} AS dt, 1 AS n, ${nullText} AS cr FROM st_${i} WHERE 1 = 0`;
  if (m.shape === 'tallies' && m.span !== 'day' && ev.length) out.push(...spreadCtes(c, i, events, m.span));
  else out.push(`ev_${i} AS (\n  ${events}\n)`);

  // Rejections, worded as the streaming engine words them.
  const code: string[] = [`CASE status WHEN 'NO_REP' THEN 'NO_REP'`];
  const field: string[] = [`CASE status WHEN 'NO_REP' THEN ${s(m.rep.name)}`];
  const value: string[] = [`CASE status WHEN 'NO_REP' THEN ${cell(m.rep.column)}`];
  const reason: string[] = [`CASE status WHEN 'NO_REP' THEN ${s(`no rep: column "${m.rep.name}" is empty`)}`];
  for (const [dc, j] of dateIdx) {
    const reading = m.dates[dc];
    const rule = m.rules.find((r) => r.date.column === dc);
    // A created date never rejects a row (a blank or invalid one only leaves the close out of the cycle).
    if (m.shape === 'events' && !rule) continue;
    const name = m.shape === 'tallies' ? (m.date as { name: string }).name : (rule as { date: { name: string } }).date.name;
    const shown = `CASE WHEN d${j}_shape = 'iso' AND ${d.length(`v${j}`)} > 10 THEN SUBSTR(v${j}, 1, 10) ELSE v${j} END`;
    const isFallback = isFallbackFormat(reading);
    const expected =
      reading.kind === 'flag-format'
        ? `${reading.format}, given with ${reading.flag}`
        : reading.kind === 'format'
          ? `dateFormat "${reading.format}"`
          : reading.kind === 'day-month'
            ? `${reading.label}, ${reading.given ? `given with ${reading.given}` : 'detected from the file; set dateFormat if that is wrong'}`
            : 'YYYY-MM-DD, or set dateFormat';
    const kinds: DateProblemKind[] = ['EMPTY', 'CALENDAR', 'AMBIGUOUS', 'BAD', 'DETECTED', 'FORMAT'];
    const why = `CASE dp${j} ${kinds
      .map((k) => `WHEN '${k}' THEN ${dateReason(c, k, shown, `v${j}`, k === 'DETECTED' ? name.trim() : name, k === 'AMBIGUOUS' ? `set dateFormat on ${m.key}, e.g. dd/MM/yyyy or MM/dd/yyyy` : expected)}`)
      .join(' ')} END`;
    code.push(`WHEN 'date:${j}' THEN CASE WHEN dp${j} = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END`);
    field.push(`WHEN 'date:${j}' THEN ${s(reading.kind === 'day-month' || isFallback ? name.trim() : name)}`);
    value.push(`WHEN 'date:${j}' THEN ${cell(dc)}`);
    reason.push(`WHEN 'date:${j}' THEN ${why}`);
  }
  m.counts.forEach((k, j) => {
    code.push(`WHEN 'count:${j}' THEN 'BAD_COUNT'`);
    field.push(`WHEN 'count:${j}' THEN ${s(k.column.name)}`);
    value.push(`WHEN 'count:${j}' THEN k${j}`);
    reason.push(
      `WHEN 'count:${j}' THEN '"' || k${j} || ${s(`" in column "${k.column.name}" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded`)}`,
    );
  });
  const endCase = (parts: string[]) => `${parts.join(' ')} END`;
  out.push(
    `rej_${i} AS (\n  SELECT inp, ord, line, ${endCase(code)} AS code, ${endCase(field)} AS field, ${endCase(value)} AS value, ${endCase(reason)} AS reason\n` +
      `  FROM st_${i} WHERE status NOT IN ('used', 'ignored')\n)`,
  );
  return out;
}
