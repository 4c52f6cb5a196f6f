import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import type { DateStr, StageId } from '../engine/model.js';
import { Tally } from '../engine/tally.js';
import { FunnelError } from '../errors.js';
import { RepResolver } from '../normalize/reps.js';
import { cycleReader } from './tally-cycles.js';
import { loadOwners, withOwners } from '../config/owners.js';
import type { InputFile } from './files.js';
import { newFileResult, type FileResult, type IngestOptions, type IngestResult, type RejectedRow } from './pipeline.js';
import { compileQuery, type SqlInput } from '../sql/compile.js';
import { prepareFile, readPreparedFile, type PreparedFile } from './sql-input.js';

// `funnel report --engine duckdb`: the compiled query run by DuckDB in this process. funnel's
// readers load each file's mapped columns into a DuckDB table; DuckDB does the rules, dates,
// deduplication and tally, within `memory_limit`, spilling to a temporary directory beyond it.
// The result is handed back as the streaming engine's IngestResult.

/** Options of the DuckDB engine. */
export interface DuckdbOptions extends IngestOptions {
  /** DuckDB's memory_limit, e.g. `2GB`; default 1GB. */
  memoryLimit?: string;
  /** Where DuckDB spills; default a fresh folder under the system's temporary directory, removed after. */
  tempDirectory?: string;
}

type DuckdbModule = typeof import('@duckdb/node-api');

async function loadDuckdb(): Promise<DuckdbModule> {
  try {
    return await import('@duckdb/node-api');
  } catch {
    throw new FunnelError('ENGINE_UNAVAILABLE', '--engine duckdb needs DuckDB, which is not installed', {
      hint: 'install it beside funnel with "npm install @duckdb/node-api" (it is an optional dependency), or drop --engine to use the streaming engine',
    });
  }
}

const MEMORY_LIMIT = /^\d+(?:\.\d+)?\s*(?:[KMGT]i?B|B)$/i;

/**
 * DuckDB's errors for a memory limit too small for a step it cannot spill (appending rows,
 * a hash table's pinned blocks) or a spill folder without room, as the run's error; any other
 * error is returned as it is.
 */
export function duckdbResourceError(err: unknown, memoryLimit: string, tempDirectory: string): unknown {
  if (err instanceof FunnelError || !(err instanceof Error)) return err;
  // DuckDB's first line says what failed; the rest is its generic tuning advice.
  const first = err.message.split(/\n|\\x0a/)[0].trim();
  if (/out of memory|could not allocate|failed to allocate/i.test(first)) {
    return new FunnelError('ENGINE_MEMORY', `DuckDB ran out of memory within --memory ${memoryLimit} (${first.replace(/^(?:Out of Memory Error|Failed to append):\s*/i, '')})`, {
      hint: 'raise --memory (e.g. --memory 2GB): DuckDB spills to disk beyond it, but some steps need their data in memory; or drop --engine duckdb',
    });
  }
  if (/no space left on device|disk is full/i.test(first)) {
    return new FunnelError('ENGINE_MEMORY', `DuckDB could not spill to its temporary folder ${tempDirectory}: the disk is full`, {
      hint: 'free space there, point TMPDIR at a folder on a larger disk, or raise --memory so less is spilled',
    });
  }
  return err;
}

/** Reads every input through DuckDB into the same result the streaming engine's `ingest` returns. */
export async function ingestDuckdb(loaded: LoadedConfig, inputs: InputFile[], opts: DuckdbOptions = {}): Promise<IngestResult> {
  const { config } = loaded;
  const memoryLimit = opts.memoryLimit ?? '1GB';
  if (!MEMORY_LIMIT.test(memoryLimit)) {
    throw new FunnelError('USAGE', `--memory "${memoryLimit}" is not a size`, { hint: 'write it like 512MB or 4GB' });
  }
  const duckdb = await loadDuckdb();
  const ownTemp = opts.tempDirectory ? null : mkdtempSync(join(tmpdir(), 'funnel-duckdb-'));
  const instance = await duckdb.DuckDBInstance.create(':memory:', {
    memory_limit: memoryLimit,
    temp_directory: opts.tempDirectory ?? (ownTemp as string),
    preserve_insertion_order: 'false',
  });
  const conn = await instance.connect();
  const spill = opts.tempDirectory ?? (ownTemp as string);
  try {
    const prepared: PreparedFile[] = [];
    const readerRejects: RejectedRow[][] = [];
    const unmappedRows: number[] = [];
    const sqlInputs: SqlInput[] = [];
    let row = 0;
    // An error that stops the run in a later file comes after what the earlier files stop with.
    let stop: unknown = null;
    for (const [i, input] of inputs.entries()) {
      let file: PreparedFile;
      try {
        file = await prepareFile(input, config.stages, { isUnrecognizedAllowed: opts.isUnrecognizedAllowed, dateFallback: opts.dateFallback });
      } catch (err) {
        stop = err;
        break;
      }
      if (file.resolved.source && file.resolved.key && cycleReader(file.resolved.source, file.resolved.key, file.headers, () => () => '')) {
        stop = new FunnelError('SQL_UNSUPPORTED', 'the cycle rows of a funnel-tally export are read by the streaming engine only', {
          where: { file: input.display },
          hint: 'drop --engine duckdb for this file (an exported tally is small)',
        });
        break;
      }
      prepared.push(file);
      readerRejects.push([]);
      unmappedRows.push(0);
      const table = `in_${i}`;
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      if (file.mapping) {
        await conn.run(`CREATE TABLE ${table} (_row BIGINT, _line BIGINT${file.columns.map((c) => `, ${q(c)} VARCHAR`).join('')})`);
        sqlInputs.push({ label: String(i), relation: table, mapping: file.mapping, rowNumber: '_row', lineColumn: '_line' });
      }
      const appender = file.mapping ? await conn.createAppender(table) : null;
      const reading = readPreparedFile(file, {
        row(line, values) {
          const a = appender!;
          a.appendBigInt(BigInt(row++));
          a.appendBigInt(BigInt(line));
          for (const v of values) a.appendVarchar(v);
          a.endRow();
        },
        reject(line, reason, code) {
          readerRejects[i].push({ file: input.display, line, code, field: null, value: null, reason });
        },
        unmapped() {
          unmappedRows[i]++;
        },
      });
      try {
        await reading;
      } catch (err) {
        stop = err;
      }
      // An append that ran out of memory stops the run here: the query would only fail again.
      if (stop && duckdbResourceError(stop, memoryLimit, spill) !== stop) throw stop;
      appender?.closeSync();
      if (stop) break;
    }
    const sql = compileQuery(sqlInputs, {
      dialect: 'duckdb',
      stages: config.stages,
      reps: runReps(loaded),
      calendar: { workdays: config.workdays, holidays: config.holidays },
      asOf: opts.asOf ?? null,
    });
    const reader = await conn.runAndReadAll(sql);
    const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    const result = toIngestResult(loaded, prepared, rows, readerRejects, unmappedRows, opts);
    if (stop) throw stop;
    return result;
  } catch (err) {
    throw duckdbResourceError(err, memoryLimit, spill);
  } finally {
    conn.closeSync();
    instance.closeSync();
    if (ownTemp) rmSync(ownTemp, { recursive: true, force: true });
  }
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The config's reps with the owner ids and e-mails of owners.csv as aliases, as the streaming engine resolves them. */
export function runReps(loaded: LoadedConfig): Record<string, { aliases: string[] }> {
  return withOwners<{ aliases: string[] }>(loaded.config.reps, loadOwners(loaded), () => ({ aliases: [] }));
}

/** The query's typed rows (as objects by column name) as the streaming engine's result. */
export function toIngestResult(
  loaded: LoadedConfig,
  prepared: PreparedFile[],
  rows: Record<string, unknown>[],
  readerRejects: RejectedRow[][],
  unmappedRows: number[],
  opts: DuckdbOptions,
): IngestResult {
  const { config } = loaded;
  const keep = opts.keepRejects ?? 20;
  const tally = new Tally();
  const reps = new RepResolver(runReps(loaded));
  const producible = new Set<StageId>();
  const files: FileResult[] = prepared.map((p) => {
    const src = p.mapping ? p.resolved.source : null;
    for (const r of src?.rules ?? []) producible.add(r.stage);
    for (const s of Object.keys(src?.counts ?? {})) producible.add(s);
    const unmapped = unmappedRows[prepared.indexOf(p)];
    return {
      ...newFileResult({
        path: p.input.display,
        meta: p.opened.meta,
        source: p.input.sourceKey,
        preset: p.resolved.preset,
        detection: p.resolved.detection,
        mapping: p.resolved.source,
      }),
      rows: unmapped,
      ignored: unmapped,
    };
  });
  // Inputs in the query are the mapped files only; `source` holds the file's position.
  const fileOf = (source: unknown) => files[Number(source)];
  const fileReps = files.map(() => new Set<string>());
  const sqlRejects: RejectedRow[][] = files.map(() => []);
  let duplicates = 0;
  // The first day/month date per file that no order could be told for (the streaming engine's late ambiguity).
  const firstAmbiguous: ({ value: string; line: number } | null)[] = files.map(() => null);
  for (const r of rows) {
    const f = fileOf(r.source);
    const at = files.indexOf(f);
    if (r.kind === 'tally') {
      const id = reps.resolve(String(r.rep));
      if (!id) continue;
      const date = String(r.date) as DateStr;
      for (const stage of config.stages) {
        const n = num(r[stage]);
        if (n <= 0) continue;
        tally.add(id.key, id.name, stage, date, n);
        f.events[stage] = (f.events[stage] ?? 0) + n;
        fileReps[at].add(id.name);
        if (f.dateRange === null) f.dateRange = { start: date, end: date };
        else {
          if (date < f.dateRange.start) f.dateRange.start = date;
          if (date > f.dateRange.end) f.dateRange.end = date;
        }
      }
    } else if (r.kind === 'input') {
      f.rows += num(r.rows);
      f.used += num(r.used);
      f.ignored += num(r.ignored);
      f.rejected += num(r.rejected);
      duplicates += num(r.duplicates);
    } else if (r.kind === 'cycle') {
      const id = reps.resolve(String(r.rep));
      if (!id) continue;
      for (let k = num(r.cycle_closes); k > 0; k--) tally.addCycle(id.key, String(r.date) as DateStr, num(r.cycle_days));
    } else if (r.kind === 'reject') {
      if (r.code === 'AMBIGUOUS_DATE') {
        // As the streaming engine rejects it: the row is rejected, the file's dates are a problem the report stops on.
        const value = String(r.value ?? '').trim();
        const line = num(r.line);
        const first = firstAmbiguous[at];
        if (first === null || line < first.line) firstAmbiguous[at] = { value, line };
        sqlRejects[at].push({ file: f.path, line, code: 'BAD_DATE', field: '', value, reason: `"${value}" could be day-first or month-first` });
        continue;
      }
      sqlRejects[at].push({ file: f.path, line: num(r.line), code: String(r.code), field: r.field as string | null, value: r.value as string | null, reason: String(r.reason) });
    }
  }
  prepared.forEach((p, i) => {
    const first = firstAmbiguous[i];
    if (first && p.dates) p.dates.lateAmbiguity(first.value, first.line, p.resolved.key);
    files[i].dateProblem = p.dates?.problem() ?? null;
  });
  files.forEach((f, i) => {
    f.rows += readerRejects[i].length;
    f.rejected += readerRejects[i].length;
    // Rejections in line order, as the streaming engine meets them.
    const all = [...sqlRejects[i], ...readerRejects[i]].sort((a, b) => a.line - b.line);
    for (const row of all) {
      if (f.rejects.length < keep) f.rejects.push(row);
      opts.onReject?.(row);
    }
    f.reps = [...fileReps[i]].sort((a, b) => a.localeCompare(b));
  });
  const sum = (k: 'rows' | 'used' | 'ignored' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
  return { tally, files, rows: sum('rows'), used: sum('used'), ignored: sum('ignored'), rejected: sum('rejected'), duplicates, producible, reps };
}
