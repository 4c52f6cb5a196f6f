#!/usr/bin/env node
// A file larger than DuckDB's memory limit, through `funnel report --engine duckdb --memory`.
//
// Generates the bench's HubSpot-like activity log (scripts/bench-data.mjs: 4 M rows, about
// 430 MB, 200 reps over 26 weeks, 1 % repeated ids) in a fresh temporary folder, runs
// `funnel report --engine duckdb --memory 256MB --format json` on it once, and prints the wall
// time, CPU time and peak RSS of the run, and the most DuckDB wrote to its spill folder (the
// run's TMPDIR is a folder of its own, watched every 200 ms). It checks the row accounting
// (every row used, ignored or rejected). With --compare it also runs the streaming engine and
// demands the same JSON. The folder is deleted afterwards (--keep leaves it).
//
// Usage: npm run bench:duckdb        (builds first; 4 M rows, --memory 256MB, a few minutes)
//        node scripts/duckdb-scale.mjs --rows 1000000 --memory 128MB --compare
//        node scripts/duckdb-scale.mjs --bin ../old/bin/funnel.js

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AS_OF, CONFIG, writeCsv } from './bench-data.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RSS_PRELOAD = join(ROOT, 'scripts', 'bench-rss.mjs');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? def : process.argv[i + 1];
};
const ROWS = Number(arg('rows', 4_000_000));
const MEMORY = arg('memory', '256MB');
const BIN = arg('bin', join(ROOT, 'bin', 'funnel.js'));
const COMPARE = process.argv.includes('--compare');
const KEEP = process.argv.includes('--keep');

/** Bytes under `dir` (files in nested folders too); 0 when it is gone. */
function sizeOf(dir) {
  let n = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    try {
      n += e.isDirectory() ? sizeOf(p) : statSync(p).size;
    } catch {
      // Removed while counting.
    }
  }
  return n;
}

/** Runs funnel with the RSS preload and TMPDIR set to `spill`; wall, CPU, peak RSS, the largest spill seen, stdout. */
function run(args, cwd, spill, rssFile) {
  const t0 = process.hrtime.bigint();
  let peakSpill = 0;
  const timer = setInterval(() => (peakSpill = Math.max(peakSpill, sizeOf(spill))), 200);
  return new Promise((resolve, reject) => {
    const env = { ...process.env, BENCH_RSS_FILE: rssFile, TMPDIR: spill, NO_COLOR: '1', TZ: 'UTC' };
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, BIN, ...args], { cwd, env });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`funnel ${args.join(' ')} exited ${code}:\n${Buffer.concat(err).toString()}`));
      const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
      resolve({ wall, cpu: usage.cpu, rssMB: usage.maxRSS / 1024, spillMB: peakSpill / 1e6, stdout: Buffer.concat(out).toString() });
    });
  });
}

const root = mkdtempSync(join(tmpdir(), 'funnel-duckdb-scale-'));
const data = join(root, 'data');
const spill = join(root, 'spill');
mkdirSync(data);
mkdirSync(spill);
try {
  process.stderr.write(`generating ${ROWS.toLocaleString('en-US')} rows…\n`);
  const file = join(data, 'activities.csv');
  await writeCsv(file, { rows: ROWS, reps: 200, weeks: 26, seed: 1 });
  writeFileSync(join(data, 'funnel.config.yaml'), CONFIG);
  const mb = statSync(file).size / 1e6;
  const load = loadavg()[0];
  process.stderr.write(`running funnel report --engine duckdb --memory ${MEMORY} on ${mb.toFixed(0)} MB…\n`);
  const args = ['report', '--as-of', AS_OF, '--format', 'json'];
  const duck = await run([...args, '--engine', 'duckdb', '--memory', MEMORY], data, spill, join(root, 'rss.json'));
  const { input } = JSON.parse(duck.stdout);
  if (input.rows !== ROWS || input.rows !== input.used + input.ignored + input.rejected) {
    throw new Error(`row accounting: ${JSON.stringify({ rows: input.rows, used: input.used, ignored: input.ignored, rejected: input.rejected })}, expected ${ROWS} rows`);
  }
  const lines = [
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.versions.node}; load average ${load.toFixed(1)} at the start`,
    `input: ${ROWS.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB CSV; ${input.used.toLocaleString('en-US')} used, ${input.ignored.toLocaleString('en-US')} ignored, ${input.rejected} rejected, ${input.duplicates.toLocaleString('en-US')} duplicates dropped`,
    `--engine duckdb --memory ${MEMORY}: wall ${duck.wall.toFixed(1)} s, CPU ${duck.cpu.toFixed(1)} s, peak RSS ${duck.rssMB.toFixed(0)} MB, spill folder at most ${duck.spillMB.toFixed(0)} MB`,
  ];
  if (COMPARE) {
    process.stderr.write('running the streaming engine…\n');
    const streaming = await run(args, data, spill, join(root, 'rss.json'));
    const same = streaming.stdout === duck.stdout;
    lines.push(`streaming engine: wall ${streaming.wall.toFixed(1)} s, CPU ${streaming.cpu.toFixed(1)} s, peak RSS ${streaming.rssMB.toFixed(0)} MB; JSON ${same ? 'identical' : 'DIFFERENT'}`);
    if (!same) {
      console.log(lines.join('\n'));
      process.exitCode = 1;
    }
  }
  if (process.exitCode !== 1) console.log(lines.join('\n'));
} finally {
  if (KEEP) process.stderr.write(`kept ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
}
