#!/usr/bin/env node
// Speed and memory of `funnel report`, side by side with csv-parse alone and with DuckDB.
//
// Generates deterministic HubSpot-like activity logs (scripts/bench-data.mjs) in a temp dir and
// runs, interleaved round by round (each case once per round; start-up five times a round):
//   - start-up: `node -e 0`, `funnel --help`, `funnel needed --goal 10 --ratios dial=15`;
//   - per data set: csv-parse alone reading the same CSV files (with funnel's options, no
//     `info`), `funnel report --format json`, and DuckDB doing the same job (rules, first-wins
//     dedupe by id and stage in file order, trimmed case-insensitive matching, counts per rep,
//     stage and day) when @duckdb/node-api is installed.
// Data sets: 100 k, 1 M and 4 M rows (200 reps, 26 weeks); ten files of 100 k; 1 M rows of
// 2,000 reps over 104 weeks and of 20,000 reps over 520 weeks; 200 k rows as NDJSON and as XLSX.
// Every funnel run reads on one thread (FUNNEL_THREADS=1); each single CSV file of 48 MiB or more
// is also read on two threads (what funnel does by default for such a file on two CPUs), whose
// report must be the same bytes. Every child runs with
// scripts/bench-rss.mjs, which reports its CPU time and peak RSS. Prints medians (wall, CPU), the largest peak RSS,
// and per-round ratios funnel ÷ csv-parse and funnel ÷ DuckDB (wall; below 1 is faster).
// It only measures: no thresholds. Exits non-zero if a run or a row-accounting check fails.
//
// Usage: npm run bench                    (builds first; 3 rounds, a few minutes)
//        npm run bench -- --quick         (one round, data sets a tenth of the size)
//        npm run bench -- --rounds 5
//        node scripts/bench.mjs --only 1m  (one data set: 100k 1m 4m 10x100k 2000reps 20000reps ndjson xlsx; and start-up)
//        node scripts/bench.mjs --bin ../old/bin/funnel.js   (another build of funnel)

import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { AS_OF, CONFIG, writeCsv, writeNdjson, writeXlsx } from './bench-data.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const binAt = process.argv.indexOf('--bin');
// --bin DIR/bin/funnel.js measures another build (e.g. an older checkout) the same way.
const BIN = binAt > 0 ? process.argv[binAt + 1] : join(ROOT, 'bin', 'funnel.js');
const RSS_PRELOAD = join(ROOT, 'scripts', 'bench-rss.mjs');

// ---- child modes: csv-parse alone, DuckDB -----------------------------------------------------

if (process.argv[2] === '--child') {
  const [mode, ...files] = process.argv.slice(3);
  if (mode === 'csv-parse') {
    const { parse } = await import('csv-parse');
    let records = 0;
    for (const file of files) {
      const parser = parse({ delimiter: ',', bom: true, relax_column_count: true, skip_records_with_error: true, max_record_size: 1 << 20 });
      parser.on('data', () => records++);
      await pipeline(createReadStream(file), parser);
    }
    console.log(JSON.stringify({ records }));
  } else if (mode === 'duckdb') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:', { threads: '2' });
    const conn = await db.connect();
    const reader = await conn.runAndReadAll(duckdbSql(files));
    const [[groups, events]] = reader.getRows();
    console.log(JSON.stringify({ groups: Number(groups), events: Number(events) }));
  }
  process.exit(0);
}

/** The report's reading job in SQL: rules, first-wins dedupe per (id, stage) in file order, counts per rep, stage, day. */
function duckdbSql(files) {
  const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
  const col = (name) => `trim("${name}")`;
  const is = (name, value) => `lower(${col(name)}) = '${value}'`;
  const event = (stage, date, where) =>
    `SELECT n, ${col('Activity ID')} AS id, lower(${col('Owner')}) AS rep, '${stage}' AS stage, left(${col(date)}, 10) AS day FROM src WHERE ${where}`;
  return `
    WITH src AS (
      SELECT row_number() OVER () AS n, * FROM read_csv([${list}], header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
    ), ev AS (
      ${event('dial', 'Activity Date', `${is('Type', 'call')} AND ${is('Direction', 'outbound')}`)}
      UNION ALL ${event('conversation', 'Activity Date', `${is('Type', 'call')} AND ${is('Outcome', 'connected')}`)}
      UNION ALL ${event('appointment_set', 'Created', is('Type', 'meeting'))}
      UNION ALL ${event('appointment_kept', 'Activity Date', `${is('Type', 'meeting')} AND ${is('Outcome', 'completed')}`)}
      UNION ALL ${event('close', 'Activity Date', is('Type', 'deal_won'))}
    ), kept AS (
      SELECT rep, stage, day FROM ev QUALIFY id = '' OR row_number() OVER (PARTITION BY id, stage ORDER BY n) = 1
    )
    SELECT count(*) AS groups, sum(c) AS events FROM (SELECT rep, stage, day, count(*) AS c FROM kept GROUP BY ALL)`;
}

// ---- options ----------------------------------------------------------------------------------

const args = process.argv.slice(2);
const value = (flag) => {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
};
const QUICK = args.includes('--quick');
const ROUNDS = Number(value('--rounds') ?? (QUICK ? 1 : 3));
const ONLY = value('--only');
const SCALE = QUICK ? 0.1 : 1;
const STARTUP_RUNS = 5;

let hasDuckDb = false;
try {
  await import('@duckdb/node-api');
  hasDuckDb = true;
} catch {
  // Optional: the DuckDB column stays empty.
}

// ---- data -------------------------------------------------------------------------------------

const DATASETS = [
  { id: '100k', rows: 100_000, files: 1 },
  { id: '1m', rows: 1_000_000, files: 1 },
  { id: '4m', rows: 4_000_000, files: 1 },
  { id: '10x100k', rows: 100_000, files: 10 },
  { id: '2000reps', rows: 1_000_000, files: 1, reps: 2000, weeks: 104 },
  { id: '20000reps', rows: 1_000_000, files: 1, reps: 20000, weeks: 520 },
  { id: 'ndjson', rows: 200_000, files: 1, ndjson: true },
  { id: 'xlsx', rows: 200_000, files: 1, xlsx: true },
].filter((d) => !ONLY || d.id.includes(ONLY));

/** 100000 → "100k", 1000000 → "1M". */
const count = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

async function makeDataset(root, d) {
  const dir = join(root, d.id);
  mkdirSync(dir);
  const rows = Math.round(d.rows * SCALE);
  const name =
    d.files > 1 ? `${d.files} files × ${count(rows)}` : d.reps ? `${count(rows)}, ${d.reps} reps × ${d.weeks} wk` : `${count(rows)}${d.ndjson ? ' NDJSON' : d.xlsx ? ' XLSX' : ''}`;
  const files = [];
  for (let i = 0; i < d.files; i++) {
    const file = join(dir, d.ndjson ? 'activities.ndjson' : d.xlsx ? 'activities.xlsx' : d.files > 1 ? `activities-${String(i + 1).padStart(2, '0')}.csv` : 'activities.csv');
    const opts = { rows, reps: d.reps ?? 200, weeks: d.weeks ?? 26, seed: i + 1, firstId: i * rows };
    await (d.ndjson ? writeNdjson(file, opts) : d.xlsx ? writeXlsx(file, opts) : writeCsv(file, opts));
    files.push(file);
  }
  writeFileSync(join(dir, 'funnel.config.yaml'), d.ndjson || d.xlsx ? CONFIG.replace('"activities*.csv"', d.ndjson ? 'activities.ndjson' : 'activities.xlsx') : CONFIG);
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  return { ...d, name, dir, files, rows: rows * d.files, mb: bytes / 1e6 };
}

// ---- runs -------------------------------------------------------------------------------------

/** Runs node with the RSS preload; returns wall seconds, CPU seconds, peak RSS (MB) and stdout. */
function run(argv, cwd, rssFile, env = {}) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, ...argv], { cwd, env: { ...process.env, FUNNEL_THREADS: '1', ...env, BENCH_RSS_FILE: rssFile } });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}:\n${Buffer.concat(err).toString()}`));
      const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
      resolve({ wall, cpu: usage.cpu, rssMB: usage.maxRSS / 1024, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = new Map(); // case name → { wall: [], cpu: [], rss: [] }
function record(name, r) {
  const entry = results.get(name) ?? { wall: [], cpu: [], rss: [] };
  entry.wall.push(r.wall);
  entry.cpu.push(r.cpu);
  entry.rss.push(r.rssMB);
  results.set(name, entry);
}

const fmt = (n, d = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));

const root = mkdtempSync(join(tmpdir(), 'funnel-bench-'));
const empty = join(root, 'empty');
mkdirSync(empty);
const rss = join(root, 'rss.json');
const loadBefore = loadavg();
try {
  process.stderr.write(`generating data${QUICK ? ' (quick: a tenth of the rows)' : ''}…\n`);
  const sets = [];
  for (const d of DATASETS) sets.push(await makeDataset(root, d));

  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`round ${round} of ${ROUNDS}…\n`);
    for (let i = 0; i < STARTUP_RUNS; i++) {
      record('start-up: node -e 0', await run(['-e', '0'], empty, rss));
      record('start-up: funnel --help', await run([BIN, '--help'], empty, rss));
      record('start-up: funnel needed --ratios', await run([BIN, 'needed', '--goal', '10', '--ratios', 'dial=15', '--as-of', AS_OF], empty, rss));
    }
    for (const ds of sets) {
      if (!ds.ndjson && !ds.xlsx) {
        const r = await run([SELF, '--child', 'csv-parse', ...ds.files], ds.dir, rss);
        const { records } = JSON.parse(r.stdout);
        if (records !== ds.rows + ds.files.length) throw new Error(`csv-parse read ${records} records of ${ds.name}`);
        record(`${ds.name}: csv-parse alone`, r);
      }
      const f = await run([BIN, 'report', '--as-of', AS_OF, '--format', 'json'], ds.dir, rss);
      const { input } = JSON.parse(f.stdout);
      if (input.rows !== ds.rows || input.rows !== input.used + input.ignored + input.rejected) {
        throw new Error(`row accounting check failed for ${ds.name} (${ds.rows} rows generated): ${JSON.stringify(input)}`);
      }
      ds.input = input;
      record(`${ds.name}: funnel report`, f);
      if (ds.files.length === 1 && !ds.ndjson && !ds.xlsx && ds.mb >= 48 * 1.048576) {
        // A large CSV file on two threads (the default where there are two CPUs): the same report, byte for byte.
        const two = await run([BIN, 'report', '--as-of', AS_OF, '--format', 'json'], ds.dir, rss, { FUNNEL_THREADS: '2', FUNNEL_DEBUG_SPLIT: '1' });
        if (two.stdout !== f.stdout) throw new Error(`FUNNEL_THREADS=2 printed another report for ${ds.name}`);
        // A file naming many reps in its first records stays on one thread (docs/performance.md).
        const isSplit = two.stderr.includes('read on two threads');
        record(`${ds.name}: funnel report, ${isSplit ? '2 threads' : 'many reps: 1 thread'}`, two);
      }
      if (hasDuckDb && !ds.ndjson && !ds.xlsx) {
        const r = await run([SELF, '--child', 'duckdb', ...ds.files], ds.dir, rss);
        ds.duckdb = JSON.parse(r.stdout);
        record(`${ds.name}: DuckDB`, r);
      }
    }
  }

  // ---- report ---------------------------------------------------------------------------------
  const loadAfter = loadavg();
  const cpu = cpus();
  console.log(`\nfunnel bench · node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'cpu'} · ${fmt(totalmem() / 2 ** 30, 1)} GiB`);
  console.log(`load average before ${loadBefore.map((l) => fmt(l)).join(' ')}, after ${loadAfter.map((l) => fmt(l)).join(' ')} · ${ROUNDS} round(s)${QUICK ? ' · quick' : ''} · DuckDB ${hasDuckDb ? 'yes' : 'not installed'}`);
  console.log('\ndata sets:');
  for (const ds of sets) {
    const dup = ds.input ? `, ${fmt(ds.input.duplicates, 0)} duplicates` : '';
    const duck = ds.duckdb ? `; DuckDB: ${fmt(ds.duckdb.groups, 0)} rep × stage × day groups, ${fmt(ds.duckdb.events, 0)} events` : '';
    console.log(`  ${ds.name.padEnd(20)} ${fmt(ds.rows, 0).padStart(10)} rows in ${ds.files.length} file(s), ${fmt(ds.mb, 1)} MB${dup}${duck}`);
  }
  const head = `${'case'.padEnd(52)}${'wall s'.padStart(9)}${'CPU s'.padStart(9)}${'peak RSS MB'.padStart(13)}`;
  console.log(`\n${head}\n${'-'.repeat(head.length)}`);
  for (const [name, r] of results) {
    console.log(`${name.padEnd(52)}${fmt(median(r.wall)).padStart(9)}${fmt(median(r.cpu)).padStart(9)}${fmt(Math.max(...r.rss), 0).padStart(13)}`);
  }
  const startup = (name) => median(results.get(`start-up: ${name}`).cpu);
  console.log(`\nstart-up CPU above node -e 0: --help ${fmt(startup('funnel --help') - startup('node -e 0'))} s, needed --ratios ${fmt(startup('funnel needed --ratios') - startup('node -e 0'))} s`);

  // Per-round ratios (wall): the cases of one round ran back to back, under the same load.
  const ratio = (a, b) => {
    const x = results.get(a);
    const y = results.get(b);
    return x && y ? median(x.wall.map((w, i) => w / y.wall[i])) : undefined;
  };
  console.log(`\n${'data set'.padEnd(36)}${'funnel ÷ csv-parse'.padStart(20)}${'funnel ÷ DuckDB'.padStart(18)}${'RSS funnel/DuckDB MB'.padStart(24)}`);
  for (const ds of sets) {
    for (const how of ['', ', 2 threads']) {
      const f = results.get(`${ds.name}: funnel report${how}`);
      if (!f) continue;
      const d = results.get(`${ds.name}: DuckDB`);
      const mem = `${fmt(Math.max(...f.rss), 0)} / ${d ? fmt(Math.max(...d.rss), 0) : '—'}`;
      const name = `${ds.name}${how}`;
      console.log(`${name.padEnd(36)}${fmt(ratio(`${ds.name}: funnel report${how}`, `${ds.name}: csv-parse alone`)).padStart(20)}${fmt(ratio(`${ds.name}: funnel report${how}`, `${ds.name}: DuckDB`)).padStart(18)}${mem.padStart(24)}`);
    }
  }
} catch (err) {
  console.error(`bench failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
