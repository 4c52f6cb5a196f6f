#!/usr/bin/env node
// Throughput and memory benchmark for `funnel report` on a large CRM activity export.
//
// Generates a deterministic 1,000,000-row activity CSV (seeded PRNG) plus a funnel.config.yaml
// in a fresh temp dir, then measures:
//   (a)  csv-parse alone streaming the file (array records), as a floor for CSV reading;
//   (a') the same with `info: true`, which funnel needs for line numbers;
//   (b)  `funnel report --as-of 2026-11-18 --format json` through bin/funnel.js, wall time and
//        peak RSS (via the preload scripts/bench-rss.mjs); the JSON row accounting is checked.
// (b) is repeated on a 250,000-row file to show whether memory grows with the row count, and
// on the same 250,000 rows as an XLSX workbook (exceljs's streaming writer, shared strings).
// It only measures: no thresholds. Exits non-zero if a run or the JSON check fails.
//
// Usage: npm run bench            (builds first)
//        BENCH_ROWS=200000 node scripts/bench.mjs

import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'funnel.js');
const RSS_PRELOAD = join(ROOT, 'scripts', 'bench-rss.mjs');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SMALL_ROWS = 250_000;
const AS_OF = '2026-11-18';

// ---- deterministic data ---------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Jane', 'Omar', 'Li', 'Priya', 'Marco'];
const LAST = ['Doe', 'Haddad', 'Chen', 'Raman', 'Rossi'];
const REPS = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`)); // 25 reps
const DAYS = [];
for (let t = Date.UTC(2026, 5, 1); t <= Date.UTC(2026, 10, 18); t += 86_400_000) {
  DAYS.push(new Date(t).toISOString().slice(0, 10));
}
const NOTES = ['', '', '', 'Left message', 'Follow up next week', '"Asked about pricing, discounts, and terms"',
  '"Gatekeeper said ""call back"", try Tuesday"', 'Sent deck', '"Decision maker out, back Monday"'];
const pad2 = (n) => (n < 10 ? `0${n}` : `${n}`);

/** One activity row; `r` is the PRNG. Types: ~70 % call, 15 % email, 13 % meeting, 2 % deal_won. */
function row(i, r) {
  const rep = REPS[Math.floor(r() * REPS.length)];
  const d = Math.floor(r() * DAYS.length);
  const when = `${DAYS[d]} ${pad2(8 + Math.floor(r() * 10))}:${pad2(Math.floor(r() * 60))}`;
  const u = r();
  let type, direction, outcome, created = when;
  if (u < 0.7) {
    type = 'call';
    direction = r() < 0.9 ? 'outbound' : 'inbound';
    const o = r();
    outcome = o < 0.2 ? 'connected' : o < 0.6 ? 'no answer' : o < 0.9 ? 'left voicemail' : 'busy';
  } else if (u < 0.85) {
    type = 'email';
    direction = r() < 0.8 ? 'outbound' : 'inbound';
    outcome = r() < 0.1 ? 'replied' : 'sent';
  } else if (u < 0.98) {
    type = 'meeting';
    direction = '';
    const o = r();
    outcome = o < 0.7 ? 'completed' : o < 0.85 ? 'no show' : 'rescheduled';
    created = `${DAYS[Math.max(0, d - 1 - Math.floor(r() * 10))]} ${pad2(8 + Math.floor(r() * 10))}:${pad2(Math.floor(r() * 60))}`;
  } else {
    type = 'deal_won';
    direction = '';
    outcome = 'won';
  }
  const notes = NOTES[Math.floor(r() * NOTES.length)];
  return `ACT-${i + 1},${rep},${type},${direction},${outcome},${when},${created},${notes}\n`;
}

async function generateCsv(path, rows, seed) {
  const r = mulberry32(seed);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let buf = 'Activity ID,Owner,Type,Direction,Outcome,Activity Date,Created,Notes\n';
  for (let i = 0; i < rows; i++) {
    buf += row(i, r);
    if (buf.length >= 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise((res, rej) => out.on('finish', res).on('error', rej));
}

const CONFIG = `sources:
  - path: activities.csv
    columns: { rep: Owner, date: Activity Date, id: Activity ID }
    rules:
      - stage: dial
        when: { Type: call, Direction: outbound }
      - stage: conversation
        when: { Type: call, Outcome: connected }
      - stage: appointment_set
        when: { Type: meeting }
        date: Created
      - stage: appointment_kept
        when: { Type: meeting, Outcome: completed }
      - stage: close
        when: { Type: deal_won }
`;

async function makeDataset(rows, seed) {
  const dir = mkdtempSync(join(tmpdir(), 'funnel-bench-'));
  const file = join(dir, 'activities.csv');
  await generateCsv(file, rows, seed);
  writeFileSync(join(dir, 'funnel.config.yaml'), CONFIG);
  return { dir, file, rows, mb: statSync(file).size / 1e6 };
}

/** The rows of `ds` as an XLSX workbook in a folder of its own, with the same config. */
async function makeXlsxDataset(ds) {
  const { default: ExcelJS } = await import('exceljs');
  const dir = mkdtempSync(join(tmpdir(), 'funnel-bench-xlsx-'));
  const file = join(dir, 'activities.xlsx');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = book.addWorksheet('Activities');
  for await (const record of createReadStream(ds.file).pipe(parse())) sheet.addRow(record).commit();
  await sheet.commit();
  await book.commit();
  writeFileSync(join(dir, 'funnel.config.yaml'), CONFIG.replace('activities.csv', 'activities.xlsx'));
  return { dir, file, rows: ds.rows, mb: statSync(file).size / 1e6 };
}

// ---- measurements -----------------------------------------------------------------------------

async function timeCsvParse(file, options) {
  let records = 0;
  const parser = parse(options);
  parser.on('data', () => records++);
  const t0 = process.hrtime.bigint();
  await pipeline(createReadStream(file), parser);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, records };
}

async function timeReport(ds) {
  const rssFile = join(ds.dir, 'rss.json');
  const args = ['--import', RSS_PRELOAD, BIN, 'report', '--as-of', AS_OF, '--format', 'json'];
  const t0 = process.hrtime.bigint();
  const { code, stdout, stderr } = await new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: ds.dir, env: { ...process.env, BENCH_RSS_FILE: rssFile } });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', rej);
    child.on('close', (c) => res({ code: c, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (code !== 0) throw new Error(`funnel report exited ${code} (${ds.rows} rows):\n${stderr}`);
  const { input } = JSON.parse(stdout);
  if (input.rows !== ds.rows || input.rows !== input.used + input.ignored + input.rejected) {
    throw new Error(`row accounting check failed (${ds.rows} rows generated): ${JSON.stringify(input)}`);
  }
  // maxRSS from process.resourceUsage() is in kilobytes.
  const rssMB = JSON.parse(readFileSync(rssFile, 'utf8')).maxRSS / 1024;
  return { seconds, rssMB, input };
}

// ---- run --------------------------------------------------------------------------------------

const datasets = [];
try {
  process.stderr.write(`generating ${ROWS.toLocaleString('en-US')} rows…\n`);
  const big = await makeDataset(ROWS, 1);
  datasets.push(big);

  process.stderr.write('measuring csv-parse…\n');
  const a = await timeCsvParse(big.file, {});
  const a2 = await timeCsvParse(big.file, { info: true });
  if (a.records !== ROWS + 1 || a2.records !== ROWS + 1) throw new Error(`csv-parse read ${a.records} records, expected ${ROWS + 1}`);

  process.stderr.write('measuring funnel report…\n');
  const b = await timeReport(big);

  process.stderr.write(`generating ${SMALL_ROWS.toLocaleString('en-US')} rows and measuring funnel report…\n`);
  const small = await makeDataset(SMALL_ROWS, 2);
  datasets.push(small);
  const bSmall = await timeReport(small);

  process.stderr.write('writing the same rows as XLSX and measuring funnel report…\n');
  const xlsx = await makeXlsxDataset(small);
  datasets.push(xlsx);
  const c = await timeReport(xlsx);

  const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const line = (name, s) =>
    `${name.padEnd(30)}${fmt(s, 2).padStart(9)}${fmt(big.rows / s).padStart(13)}${fmt(big.mb / s, 1).padStart(9)}`;
  console.log(`\nrows: ${fmt(big.rows)}   file: ${fmt(big.mb, 1)} MB   node ${process.version}\n`);
  console.log(`${'run'.padEnd(30)}${'seconds'.padStart(9)}${'rows/s'.padStart(13)}${'MB/s'.padStart(9)}`);
  console.log(line('(a)  csv-parse', a.seconds));
  console.log(line("(a') csv-parse, info: true", a2.seconds));
  console.log(line('(b)  funnel report --json', b.seconds));
  console.log(`\nthroughput b/a:  ${fmt(a.seconds / b.seconds, 3)}   (b/a': ${fmt(a2.seconds / b.seconds, 3)})`);
  console.log(`(b) accounting:  used ${fmt(b.input.used)}, ignored ${fmt(b.input.ignored)}, rejected ${fmt(b.input.rejected)}, duplicates ${fmt(b.input.duplicates)}`);
  console.log(`(b) peak RSS:    ${fmt(b.rssMB, 1)} MB at ${fmt(big.rows)} rows`);
  console.log(`(b) peak RSS:    ${fmt(bSmall.rssMB, 1)} MB at ${fmt(small.rows)} rows (${fmt(bSmall.seconds, 2)} s)`);
  console.log(`(c) XLSX:        ${fmt(c.seconds, 2)} s, peak RSS ${fmt(c.rssMB, 1)} MB at ${fmt(small.rows)} rows (${fmt(xlsx.mb, 1)} MB; CSV above: ${fmt(bSmall.seconds, 2)} s)`);
} catch (err) {
  console.error(`bench failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  for (const ds of datasets) rmSync(ds.dir, { recursive: true, force: true });
}
