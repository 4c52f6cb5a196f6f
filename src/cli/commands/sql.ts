import { basename, isAbsolute, resolve } from 'node:path';
import { Command, Option } from 'commander';
import fg from 'fast-glob';
import type { SourceConfig } from '../../config/schema.js';
import { FunnelError } from '../../errors.js';
import { loadRunConfig, resolveAsOf } from '../../run/context.js';
import { runReps } from '../../run/duckdb.js';
import { compileQuery, type SqlInput } from '../../sql/compile.js';
import { DIALECTS, getDialect, type DialectName } from '../../sql/dialect.js';
import { prepareFile } from '../../run/sql-input.js';
import { sourceMapping, type SourceMapping } from '../../sql/mapping.js';
import { closest } from '../../text.js';
import type { CliContext } from '../common.js';
import { emit } from '../output.js';

interface SqlOptions {
  dialect: DialectName;
  config?: string;
  source: string[];
  rowNumber?: string;
  asOf?: string;
  out?: string;
}

/** The table a source reads by default: its path's base name without extensions and wildcards. */
export function defaultTableName(path: string): string {
  const base = basename(path).replace(/(\.(csv|tsv|json|ndjson|jsonl|xlsx|gz))+$/i, '');
  const name = base.replace(/[*?[\]{}!]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
  return /^[a-z_]/.test(name) ? name : `t_${name}`;
}

/** A table name as the dialect writes it: each dotted part quoted (BigQuery: the whole path). */
function relation(table: string, dialect: DialectName): string {
  const d = getDialect(dialect);
  return dialect === 'bigquery' ? d.id(table) : table.split('.').map((p) => d.id(p)).join('.');
}

export function sqlCommand(ctx: CliContext): Command {
  const cmd = new Command('sql')
    .summary("print one SQL query that computes the config's daily tally in a warehouse")
    .description(
      "Compiles the config's sources and rules into one query for DuckDB, PostgreSQL, Snowflake or BigQuery. " +
        'It returns the daily tally (rep, date, a count per stage), the sales-cycle samples, the row accounting and ' +
        'every rejected row with its reason, as typed rows (column kind). Export its result as CSV and run "funnel report" on it: the file ' +
        'is read with the funnel-tally preset, no config needed. funnel never connects to the warehouse.\n' +
        'Each source reads a table named after its path (exports/hubspot-calls-*.csv → hubspot_calls) unless ' +
        '--source binds it. Where a source file exists locally, its header decides presets and its values the ' +
        'day/month order of dates, as in "funnel report".',
    )
    .addOption(new Option('--dialect <dialect>', 'the SQL dialect').choices(DIALECTS).makeOptionMandatory())
    .option('--config <file>', 'config file (default: the nearest funnel.config.yaml|yml|json upward)')
    .option('--source <name=table>', 'read a source from this table; NAME is the default table name or the source\'s position (0, sources[0]) (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--row-number <column>', 'an integer column every table has that numbers its rows in load order: the first of duplicates wins by it, and rejections name it as their line')
    .option('--as-of <date>', "weekly tallies get no share on days after this date (YYYY-MM-DD); default: the warehouse's current date when the query runs")
    .option('--out <file>', 'write the query to this file instead of stdout');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ funnel sql --dialect postgres > tally.sql
  $ funnel sql --dialect bigquery --source hubspot_calls=fivetran_hubspot.engagement_call --row-number _row
  $ psql -d crm --csv -f tally.sql > funnel-tally.csv && funnel report funnel-tally.csv

Without --row-number, the first of duplicates is the one with the earliest date (then the rep);
see docs/warehouse.md for the result's columns and each dialect's limits.`,
  );
  cmd.action(async (opts: SqlOptions) => {
    const loaded = loadRunConfig(opts, ctx.cwd);
    const { config } = loaded;
    if (config.sources.length === 0) {
      throw new FunnelError('NO_INPUT', 'the config has no sources to compile', {
        where: { file: loaded.path ?? undefined },
        hint: 'add sources (columns and rules, or a preset) to the config; see the README',
      });
    }
    const names = uniqueNames(config.sources.map((s) => defaultTableName(s.path)));
    const tables = [...names];
    for (const binding of opts.source) {
      const m = /^([^=]+)=(.+)$/.exec(binding);
      if (!m) throw new FunnelError('USAGE', `--source "${binding}" is not NAME=TABLE`, { hint: `e.g. --source ${names[0]}=analytics.${names[0]}` });
      const name = m[1].trim();
      const at = /^(?:sources\[)?(\d+)\]?$/.exec(name) ? Number(/(\d+)/.exec(name)![1]) : names.indexOf(name);
      if (at < 0 || at >= names.length) {
        const suggestion = closest(name, names);
        throw new FunnelError('USAGE', `--source: no source "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, { hint: `the sources are: ${names.join(', ')} (or 0..${names.length - 1})` });
      }
      tables[at] = m[2].trim();
    }
    const inputs: SqlInput[] = [];
    for (const [i, source] of config.sources.entries()) {
      const mapping = await mapSource(source, i, loaded.dir, config.stages);
      inputs.push({ label: names[i], relation: relation(tables[i], opts.dialect), mapping, rowNumber: opts.rowNumber ?? null });
    }
    const sql = compileQuery(inputs, {
      dialect: opts.dialect,
      stages: config.stages,
      reps: runReps(loaded),
      calendar: { workdays: config.workdays, holidays: config.holidays },
      asOf: opts.asOf === undefined ? 'current' : resolveAsOf(opts.asOf, opts.asOf),
    });
    emit(sql, opts.out);
  });
  return cmd;
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}_${k}`;
  });
}

/** A source's mapping: from its first local file when there is one (headers, detected dates), else from the config alone. */
async function mapSource(source: SourceConfig, i: number, dir: string, stages: readonly string[]): Promise<SourceMapping> {
  const key = `sources[${i}]`;
  const pattern = isAbsolute(source.path) ? source.path : resolve(dir, source.path);
  const files = fg.isDynamicPattern(source.path) ? fg.sync(fg.convertPathToPattern(dir) + '/' + source.path.replace(/^\.\//, ''), { onlyFiles: true, absolute: true }).sort() : [pattern];
  const first = files.find((f) => fg.sync(fg.convertPathToPattern(f)).length > 0);
  if (first) {
    const file = await prepareFile({ path: first, display: first, source, sourceKey: key, forcedPreset: null }, stages);
    if (file.mapping) return file.mapping;
  }
  if (source.preset !== undefined) {
    throw new FunnelError('NO_INPUT', `${key} uses preset ${source.preset}, which needs a file's header to map it, and "${source.path}" matched no file`, {
      where: { key: `${key}.path` },
      hint: 'put one export (its header is enough) at the source\'s path, or write columns and rules in the source instead of a preset',
    });
  }
  return sourceMapping(source, { key });
}
