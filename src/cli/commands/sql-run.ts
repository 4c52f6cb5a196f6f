import { basename, isAbsolute, resolve } from 'node:path';
import fg from 'fast-glob';
import type { SourceConfig } from '../../config/schema.js';
import { FunnelError } from '../../errors.js';
import { loadRunConfig, resolveAsOf } from '../../run/context.js';
import { runReps } from '../../run/duckdb.js';
import { compileQuery, type SqlInput } from '../../sql/compile.js';
import { getDialect, type DialectName } from '../../sql/dialect.js';
import { prepareFile } from '../../run/sql-input.js';
import { sourceMapping, type SourceMapping } from '../../sql/mapping.js';
import { closest } from '../../text.js';
import type { CliContext } from '../common.js';
import { emit } from '../output.js';

export interface SqlOptions {
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

/** The `funnel sql` action: loaded when the command runs, so start-up stays light. */
export async function runSql(opts: SqlOptions, ctx: CliContext): Promise<void> {
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
  await emit(ctx, sql, opts.out);

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
