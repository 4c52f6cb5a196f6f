import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlParser from 'node-sql-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/errors.js';
import { runReps } from '../../src/run/duckdb.js';
import { prepareFile } from '../../src/run/sql-input.js';
import { compileQuery, type SqlInput } from '../../src/sql/compile.js';
import { getDialect, type DialectName } from '../../src/sql/dialect.js';
import { FIXTURES, ROOT } from '../e2e/run.js';
import { writeGenerated } from './generated.js';
import { loadFolder } from './harness.js';

// The PostgreSQL, Snowflake and BigQuery queries, checked by a SQL parser for that dialect
// (node-sql-parser's grammars): the golden files, and the query compiled for every e2e fixture,
// the bundled example, generated hostile configs and dateFormat configs. A syntax check only:
// it proves each query is one well-formed statement of the dialect (quoting, string escapes,
// CASE, casts, window functions, CTEs), not that the warehouse accepts every function name or
// gives the streaming engine's numbers; DuckDB and PostgreSQL do that in the differential tests.
//
// Two constructs we emit are valid but beyond node-sql-parser 5.4's grammars; they are rewritten
// into an equivalent form before parsing (and nothing else is):
// - BigQuery: `CAST(x AS BIGINT)`. BIGINT is a documented alias of INT64 in BigQuery; the
//   grammar knows only INT64 (and INTEGER) in casts.
// - PostgreSQL: `substring(x from 'pattern')`, the SQL-standard regex substring, which the
//   grammar lacks; PostgreSQL's function form `substring(x, 'pattern')` means the same.
// - PostgreSQL: `name AS MATERIALIZED (…)` (PostgreSQL 12+, a planner hint that changes no
//   result), which the grammar lacks; `name AS (…)`.

const { Parser } = sqlParser;
const parser = new Parser();

const DIALECTS = ['postgres', 'snowflake', 'bigquery'] as const satisfies readonly DialectName[];
const DATABASE: Record<(typeof DIALECTS)[number], string> = { postgres: 'postgresql', snowflake: 'snowflake', bigquery: 'bigquery' };
const REWRITES: Record<(typeof DIALECTS)[number], [RegExp, string][]> = {
  bigquery: [[/ AS BIGINT\)/g, ' AS INT64)']],
  postgres: [
    [/\bsubstring\((\w+) from ('(?:[^']|'')*')\)/g, 'substring($1, $2)'],
    [/ AS MATERIALIZED \(/g, ' AS ('],
  ],
  snowflake: [],
};

/** The parse error of `sql` in `dialect` with the text around it, or null when it parses as one SELECT. */
function parseError(sql: string, dialect: (typeof DIALECTS)[number]): string | null {
  let text = sql;
  for (const [from, to] of REWRITES[dialect]) text = text.replace(from, to);
  try {
    const ast = parser.astify(text, { database: DATABASE[dialect] });
    const statements = Array.isArray(ast) ? ast : [ast];
    if (statements.length !== 1 || statements[0].type !== 'select') return `expected one SELECT, got ${statements.map((s) => s.type).join(', ')}`;
    return null;
  } catch (err) {
    const at = (err as { location?: { start: { offset: number; line: number; column: number } } }).location?.start;
    if (!at) return String(err);
    return `line ${at.line}, column ${at.column}: …${text.slice(Math.max(0, at.offset - 120), at.offset)}⟦HERE⟧${text.slice(at.offset, at.offset + 60)}… (${(err as Error).message.slice(0, 200)})`;
  }
}

const root = mkdtempSync(join(tmpdir(), 'funnel-sql-parse-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Date formats of the dateFormat cases: every token the compiler reads. */
const DATE_FORMATS = ['dd/MM/yyyy', 'M/d/yyyy h:mm a', 'yyyy-MM-dd HH:mm:ss', 'd.M.yyyy', "MM-dd-yyyy'T'HH:mm", "y/M/d 'at' H:m:s", 'd MMM yyyy', 'MMMM d, yyyy hh:mm aa'];

function dateFormatFolder(): string {
  const dir = join(root, 'date-formats');
  mkdirSync(dir, { recursive: true });
  const sources = DATE_FORMATS.map(
    (f, i) => `  - path: f${i}.csv\n    dateFormat: "${f}"\n    columns: { rep: Rep, date: When, id: Id }\n    rules:\n      - stage: dial\n        when: { Kind: { in: [call, "it's"] } }\n`,
  );
  for (let i = 0; i < DATE_FORMATS.length; i++) writeFileSync(join(dir, `f${i}.csv`), 'Id,Rep,When,Kind\n1,Ann,x,call\n');
  writeFileSync(join(dir, 'funnel.config.yaml'), `sources:\n${sources.join('')}`);
  return dir;
}

/** Every folder whose query is parsed: the fixtures with a config, the example, generated and dateFormat configs. */
function folders(): [string, string][] {
  const out: [string, string][] = readdirSync(FIXTURES)
    .filter((d) => existsSync(join(FIXTURES, d, 'funnel.config.yaml')))
    .map((d) => [`fixture ${d}`, join(FIXTURES, d)]);
  out.push(['the bundled example', join(ROOT, 'examples', 'acme')]);
  for (const seed of [1, 2, 3]) {
    const dir = join(root, `generated-${seed}`);
    writeGenerated(dir, seed, 40);
    // Snowflake has no word boundary: the same rule without one, so every dialect compiles it.
    const config = join(dir, 'funnel.config.yaml');
    const text = readFileSync(config, 'utf8');
    if (!text.includes('\\\\bbooked\\\\b')) throw new Error('the generated config changed: update this rewrite');
    writeFileSync(config, text.replace('\\\\bbooked\\\\b', '(?:^| )booked(?: |$)'));
    out.push([`generated seed ${seed}`, dir]);
  }
  out.push(['dateFormat tokens', dateFormatFolder()]);
  return out;
}

/**
 * The folder's inputs as the query's inputs (as `funnel report --engine duckdb` maps them), or
 * null when mapping stops (a fixture of a broken file or config: nothing to compile).
 */
async function sqlInputs(dir: string, dialect: DialectName, withRowNumber: boolean): Promise<{ inputs: SqlInput[]; stages: string[]; reps: ReturnType<typeof runReps> } | null> {
  try {
    const { loaded, inputs } = loadFolder(dir);
    const out: SqlInput[] = [];
    for (const [i, input] of inputs.entries()) {
      const file = await prepareFile(input, loaded.config.stages, { isUnrecognizedAllowed: true });
      if (file.mapping) out.push({ label: input.display, relation: getDialect(dialect).id(`in_${i}`), mapping: file.mapping, rowNumber: withRowNumber ? '_row' : null });
    }
    return out.length === 0 ? null : { inputs: out, stages: loaded.config.stages, reps: runReps(loaded) };
  } catch (err) {
    if (err instanceof FunnelError) return null;
    throw err;
  }
}

const cases = folders();

describe('the compiled query parses in its dialect (node-sql-parser)', () => {
  it.each(readdirSync(join(ROOT, 'test', 'sql', 'golden')).filter((f) => !f.includes('.duckdb.')))('golden file %s', (file) => {
    const dialect = file.split('.')[1] as (typeof DIALECTS)[number];
    expect(parseError(readFileSync(join(ROOT, 'test', 'sql', 'golden', file), 'utf8'), dialect)).toBeNull();
  });

  it.each(DIALECTS)('every fixture, the example, generated and dateFormat configs in %s', async (dialect) => {
    const failures: string[] = [];
    const compiled: string[] = [];
    for (const [i, [name, dir]] of cases.entries()) {
      // Half the cases with a row-number column and a fixed as-of, half without (CURRENT_DATE).
      const mapped = await sqlInputs(dir, dialect, i % 2 === 0);
      if (!mapped) continue;
      let sql: string;
      try {
        sql = compileQuery(mapped.inputs, { dialect, stages: mapped.stages, reps: mapped.reps, asOf: i % 2 === 0 ? '2026-11-18' : 'current', calendar: { workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2026-11-26'] } });
      } catch (err) {
        // A pattern the dialect cannot express is refused by design (tested in sql-command.test.ts).
        if (err instanceof FunnelError && err.code === 'SQL_UNSUPPORTED') continue;
        throw err;
      }
      compiled.push(name);
      const error = parseError(sql, dialect);
      if (error) failures.push(`${name}: ${error}`);
    }
    expect(failures).toEqual([]);
    // Most fixtures map (the others stop on a broken file or config before there is a query).
    expect(compiled.filter((n) => n.startsWith('fixture ')).length).toBeGreaterThanOrEqual(20);
    expect(compiled).toEqual(expect.arrayContaining(['the bundled example', 'dateFormat tokens']));
    expect(compiled).toEqual(expect.arrayContaining(['generated seed 1', 'generated seed 2', 'generated seed 3']));
  }, 120_000);

  it('the check fails on a broken query (a dropped parenthesis, a foreign operator)', () => {
    const sql = readFileSync(join(ROOT, 'test', 'sql', 'golden', 'acme.snowflake.sql'), 'utf8');
    expect(parseError(sql.replace('COALESCE(CAST(', 'COALESCE(CAST'), 'snowflake')).toMatch(/^line \d+/);
    const duckdb = readFileSync(join(ROOT, 'test', 'sql', 'golden', 'acme.duckdb.sql'), 'utf8');
    // DuckDB's integer division `//` is no PostgreSQL operator.
    expect(duckdb).toContain(' // ');
    expect(parseError(duckdb, 'postgres')).toMatch(/⟦HERE⟧\/ /);
  });
});
