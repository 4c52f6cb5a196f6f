#!/usr/bin/env node
// Conformance on real public data: runs the built `funnel` on every data set under
// ../shared/datasets (relative to the repository root) and checks what it reports against
// numbers obtained another way.
//
// For every data file of every data set (CSV, TSV, JSON, NDJSON, XLSX, .gz), `funnel inspect
// --format json` must account for each row (rows = used + ignored + rejected), and its rows must
// equal the file's data rows counted here independently: csv-parse for text files (records with
// at least one non-blank field, minus the header), exceljs's non-streaming reader for workbooks,
// the expected-output JSON for csv-spectrum. Files are mapped by the committed config
// examples/<data set>/funnel.config.yaml when there is one. Then a few counts per data set,
// each computed here from the raw file, are compared with `funnel report --format json`.
//
// When ../shared/datasets is absent it prints a notice and exits 0. Exits 1 when a check fails.
// Usage: npm run conformance            (builds first)

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'funnel.js');
const DATASETS = join(ROOT, '..', 'shared', 'datasets');
const DATA_FILE = /\.(?:csv|tsv|tab|txt|json|ndjson|jsonl|xlsx|xlsm)(?:\.gz)?$/i;

if (!existsSync(DATASETS)) {
  console.log(`conformance: ${relative(process.cwd(), DATASETS) || DATASETS} not found: skipped (nothing to check)`);
  process.exit(0);
}
const { parse } = await import('csv-parse/sync');
const { default: ExcelJS } = await import('exceljs');

const failures = [];
let checks = 0;

/** Records a check; prints it when it fails. */
function check(what, actual, expected) {
  checks++;
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  if (!ok) {
    failures.push(what);
    console.log(`  FAIL ${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
  return ok;
}

/** Runs the built binary; returns parsed JSON stdout, or records a failure and returns null. */
function funnel(args, what) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', FORCE_COLOR: undefined },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  checks++;
  if (process.env.CONFORMANCE_TIMES) console.log(`  ${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);
  if (r.status !== 0) {
    failures.push(what);
    console.log(`  FAIL ${what}: exit ${r.status}\n${r.stderr.trim().replace(/^/gm, '    ')}`);
    return null;
  }
  return JSON.parse(r.stdout);
}

function dataFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...dataFiles(path));
    else if (DATA_FILE.test(name)) out.push(path);
  }
  return out;
}

function readText(path) {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** CSV records (csv-parse, lenient on field counts), blank records left out. */
function csvRecords(path) {
  const delimiter = /\.(tsv|tab)(\.gz)?$/i.test(path) ? '\t' : ',';
  const records = parse(readText(path), { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Data rows of a CSV file as an independent parser sees them; null when it cannot parse it. */
function csvRowCount(path) {
  try {
    return csvRecords(path).length - 1;
  } catch {
    return null;
  }
}

/** CSV records as objects keyed by header. */
function csvObjects(path) {
  const [header, ...rows] = csvRecords(path);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function cellIsEmpty(v) {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (typeof v === 'object' && !(v instanceof Date)) {
    if (Array.isArray(v.richText)) return v.richText.every((r) => (r.text ?? '').trim() === '');
    if ('formula' in v || 'sharedFormula' in v) return cellIsEmpty(v.result);
    if ('text' in v) return cellIsEmpty(v.text);
  }
  return false;
}

/** Data rows of a workbook's first visible sheet, read by exceljs's non-streaming reader. */
async function xlsxRowCount(path) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? wb.worksheets[0];
  let rows = 0;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if ((row.values ?? []).some((v, i) => i > 0 && !cellIsEmpty(v))) rows++;
  });
  return rows - 1;
}

function jsonRowCount(path) {
  const text = readText(path).replace(/^\uFEFF/, '');
  if (/\.(ndjson|jsonl)(\.gz)?$/i.test(path)) return text.split('\n').filter((l) => l.trim() !== '').length;
  const data = JSON.parse(text);
  return Array.isArray(data) ? data.length : null;
}

/** Rows expected for a file, counted without funnel; null when there is no independent count. */
async function expectedRows(path, dataset) {
  if (dataset === 'csv-spectrum') {
    const expected = join(DATASETS, dataset, 'json', relative(join(DATASETS, dataset, 'csvs'), path).replace(/\.csv$/, '.json'));
    if (existsSync(expected)) {
      const data = JSON.parse(readFileSync(expected, 'utf8'));
      if (Array.isArray(data)) return data.length;
    }
  }
  if (/\.xlsx$|\.xlsm$/i.test(path)) return xlsxRowCount(path);
  if (/\.(json|ndjson|jsonl)(\.gz)?$/i.test(path)) return jsonRowCount(path);
  return csvRowCount(path);
}

/** Known bad input: the file must be read with these rows rejected, at these lines. */
const KNOWN_REJECTS = {
  // Broken upstream: a bare quote inside an unquoted field (see the data set's README).
  'csv-spectrum/csvs/location_coordinates.csv': { rows: 1, lines: [2] },
};

/** Files that are not inputs: the expected parser output of csv-spectrum. */
function isInput(path, dataset) {
  return !(dataset === 'csv-spectrum' && relative(join(DATASETS, dataset), path).startsWith(`json`));
}

const summary = [];

async function inspectDataset(dataset) {
  const dir = join(DATASETS, dataset);
  const files = dataFiles(dir).filter((f) => isInput(f, dataset));
  if (files.length === 0) return {};
  const config = join(ROOT, 'examples', dataset, 'funnel.config.yaml');
  const hasConfig = existsSync(config);
  // With a config, one file per run: files holding the same records would otherwise count as
  // duplicates. Without one nothing is mapped, and one run reads them all.
  const inspected = new Map();
  for (const batch of hasConfig ? files.map((f) => [f]) : [files]) {
    const doc = funnel(['inspect', '--format', 'json', ...(hasConfig ? ['--config', config] : []), ...batch], `${relative(DATASETS, batch[0])}: funnel inspect`);
    batch.forEach((path, i) => doc && inspected.set(path, doc.files[i]));
  }
  const byName = {};
  for (const path of files) {
    const name = relative(DATASETS, path);
    const f = inspected.get(path);
    if (!f) continue;
    byName[relative(dir, path)] = f;
    check(`${name}: rows = used + ignored + rejected`, f.rows, f.used + f.ignored + f.rejected);
    const known = KNOWN_REJECTS[name];
    if (known) {
      check(`${name}: rows`, f.rows, known.rows);
      check(`${name}: rejected lines`, f.rejects.map((r) => r.line), known.lines);
    } else {
      const expected = await expectedRows(path, dataset);
      if (expected === null) check(`${name}: an independent row count exists`, false, true);
      else check(`${name}: rows (independent count ${expected})`, f.rows, expected);
    }
    const formats = Object.entries(f.dateFormats ?? {}).map(([c, v]) => `${c}: ${v}`).join('; ');
    summary.push(
      `${name.padEnd(70)} ${String(f.rows).padStart(6)} rows = ${f.used} used + ${f.ignored} ignored + ${f.rejected} rejected` +
        `${f.format === 'xlsx' ? `  [sheet ${f.sheet}]` : ''}${formats ? `  [dates ${formats}]` : ''}`,
    );
  }
  return byName;
}

function report(dataset, file, period, asOf) {
  const config = join(ROOT, 'examples', dataset, 'funnel.config.yaml');
  return funnel(
    ['report', '--config', config, '--as-of', asOf, '--period', period, '--format', 'json', join(DATASETS, dataset, file)],
    `${dataset}/${file}: funnel report --period ${period}`,
  );
}

/** Per-rep counts of a report, for comparing two readings of the same data. */
const repCounts = (doc) => Object.fromEntries((doc?.reps ?? []).map((r) => [r.rep, r.counts]));

const counts = [];

/**
 * `funnel init` on a copy of one file no preset reads as-is: the config it writes must load,
 * and once its proposed rules are uncommented, `funnel report` must count `stage` in `period`.
 */
function initCheck(dataset, file, stage, period, asOf) {
  const dir = mkdtempSync(join(tmpdir(), 'funnel-conformance-init-'));
  copyFileSync(join(DATASETS, dataset, file), join(dir, file));
  const run = (args) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' }, encoding: 'utf8' });
  const what = `${dataset}/${file}: funnel init, then report with the proposed rules`;
  const init = run(['init', file]);
  if (!check(`${what}: init exits 0`, init.status, 0)) return console.log(init.stderr);
  const written = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
  const loads = run(['inspect', file, '--format', 'json']);
  check(`${what}: the config as written loads`, loads.status, 0);
  writeFileSync(join(dir, 'funnel.config.yaml'), written.replace(/^( {6})# ( *)(- stage:|when:|date:|created:)/gm, '$1$2$3'));
  const r = run(['report', '--as-of', asOf, '--period', period, '--format', 'json', '--quiet']);
  if (!check(`${what}: exits 0`, r.status, 0)) return console.log(r.stderr);
  const n = JSON.parse(r.stdout).team.counts[stage] ?? 0;
  check(`${what}: counts ${stage} in ${period}`, n > 0, true);
  counts.push(`${dataset}/${file}: funnel init + proposed rules: ${stage} ${n} in ${period}`);
}

// ---------------------------------------------------------------------------------------------
const DATASET_CHECKS = {
  'maven-crm-sales-opportunities': async (inspected) => {
    const ds = 'maven-crm-sales-opportunities';
    const rows = csvObjects(join(DATASETS, ds, 'sales_pipeline.csv'));
    const won = rows.filter((r) => r.deal_stage === 'Won');
    const engaged = rows.filter((r) => r.engage_date !== '').length;
    const wonQ4 = won.filter((r) => r.close_date >= '2017-10-01' && r.close_date <= '2017-12-31').length;
    check(`${ds}: Won rows (README: 4,238)`, won.length, 4238);
    const all = '2016-01-01..2017-12-31';
    const iso = report(ds, 'sales_pipeline.csv', all, '2017-12-31');
    const mdy = report(ds, 'sales_pipeline.excel-resaved-mdy.csv', all, '2017-12-31');
    check(`${ds}: closes, ISO file`, iso?.team.counts.close, won.length);
    check(`${ds}: meetings held (engage_date), ISO file`, iso?.team.counts.appointment_kept, engaged);
    check(`${ds}: the M/D/YYYY file gives the same counts per rep`, repCounts(mdy), repCounts(iso));
    check(`${ds}: the M/D/YYYY file's dates are detected`, inspected['sales_pipeline.excel-resaved-mdy.csv']?.dateFormats, { engage_date: 'M/d/yyyy', close_date: 'M/d/yyyy' });
    const q4iso = report(ds, 'sales_pipeline.csv', '2017-Q4', '2017-12-31');
    const q4mdy = report(ds, 'sales_pipeline.excel-resaved-mdy.csv', '2017-Q4', '2017-12-31');
    check(`${ds}: closes in 2017-Q4, ISO file`, q4iso?.team.counts.close, wonQ4);
    check(`${ds}: closes in 2017-Q4, M/D/YYYY file`, q4mdy?.team.counts.close, wonQ4);
    initCheck(ds, 'sales_pipeline.csv', 'close', '2017-Q4', '2017-12-31');
    counts.push(`${ds}: ${iso?.reps.length} reps; closes ${iso?.team.counts.close} (Won rows ${won.length}), meetings held ${iso?.team.counts.appointment_kept}; 2017-Q4 closes ${q4iso?.team.counts.close} = ${q4mdy?.team.counts.close} (M/D/YYYY file)`);
  },

  'olist-marketing-funnel': async (inspected) => {
    const ds = 'olist-marketing-funnel';
    const deals = csvObjects(join(DATASETS, ds, 'olist_closed_deals_dataset.csv'));
    // won_date is DD-MM-YYYY HH:MM: read it by hand here.
    const iso = (v) => `${v.slice(6, 10)}-${v.slice(3, 5)}-${v.slice(0, 2)}`;
    const q1 = deals.filter((d) => iso(d.won_date) >= '2018-01-01' && iso(d.won_date) <= '2018-03-31').length;
    const all = report(ds, 'olist_closed_deals_dataset.csv', '2017-01-01..2018-12-31', '2018-12-31');
    const first = report(ds, 'olist_closed_deals_dataset.csv', '2018-Q1', '2018-12-31');
    check(`${ds}: closed deals (README: 842)`, all?.team.counts.close, 842);
    check(`${ds}: closed deals = file rows`, all?.team.counts.close, deals.length);
    check(`${ds}: sales reps (sr_id)`, all?.reps.length, new Set(deals.map((d) => d.sr_id)).size);
    check(`${ds}: closes in 2018-Q1`, first?.team.counts.close, q1);
    check(`${ds}: won_date detected day-first`, inspected['olist_closed_deals_dataset.csv']?.dateFormats, { won_date: 'dd-MM-yyyy HH:mm' });
    counts.push(`${ds}: ${all?.reps.length} reps; closes ${all?.team.counts.close}; 2018-Q1 closes ${first?.team.counts.close} (counted here: ${q1})`);
  },

  'it-school-crm-deals': async (inspected) => {
    const ds = 'it-school-crm-deals';
    const deals = csvObjects(join(DATASETS, ds, 'deals.derived.csv'));
    const paid = deals.filter((d) => d.Stage === 'Payment Done');
    const paidWithOwner = paid.filter((d) => d['Deal Owner Name'].trim() !== '').length;
    check(`${ds}: Payment Done rows (README: 858)`, paid.length, 858);
    const all = '2022-01-01..2024-12-31';
    const xlsx = report(ds, 'Deals (Done).xlsx', all, '2024-12-31');
    const csv = report(ds, 'deals.derived.csv', all, '2024-12-31');
    check(`${ds}: closes, XLSX (Payment Done with an owner)`, xlsx?.team.counts.close, paidWithOwner);
    check(`${ds}: the XLSX and the derived CSV give the same counts per rep`, repCounts(xlsx), repCounts(csv));
    const x = inspected['Deals (Done).xlsx'];
    const c = inspected['deals.derived.csv'];
    for (const k of ['rows', 'used', 'ignored', 'rejected', 'headers', 'dateFormats', 'events']) check(`${ds}: XLSX and CSV agree on ${k}`, x?.[k], c?.[k]);
    check(`${ds}: Created Time / Closing Date detected day-first`, c?.dateFormats, { 'Created Time': 'dd.MM.yyyy HH:mm', 'Closing Date': 'dd.MM.yyyy' });
    for (const [what, f] of [['XLSX', x], ['CSV', c]]) {
      check(`${ds}: the ids Excel shortened are reported (${what})`, (f?.warnings ?? []).some((w) => /5\.8050280000439E\+?18/.test(w)), true);
    }
    initCheck(ds, 'Deals (Done).xlsx', 'close', '2024-Q2', '2024-06-30');
    counts.push(
      `${ds}: ${xlsx?.reps.length} reps; closes ${xlsx?.team.counts.close} (Payment Done ${paid.length}, ${paid.length - paidWithOwner} without an owner, rejected); ` +
        `leads ${xlsx?.team.counts.lead}, consultations ${xlsx?.team.counts.appointment_set}, offers ${xlsx?.team.counts.proposal}; XLSX = CSV`,
    );
  },

  'pbpython-salesfunnel': async (inspected) => {
    const ds = 'pbpython-salesfunnel';
    const rows = csvObjects(join(DATASETS, ds, 'salesfunnel.derived.csv'));
    const x = inspected['salesfunnel.xlsx'];
    const c = inspected['salesfunnel.derived.csv'];
    check(`${ds}: won rows in the derived CSV (README: 4)`, rows.filter((r) => r.Status === 'won').length, 4);
    for (const k of ['rows', 'headers']) check(`${ds}: XLSX and CSV agree on ${k}`, x?.[k], c?.[k]);
    counts.push(`${ds}: ${x?.rows} rows in the XLSX and the CSV, all ignored (no dates: nothing to count in a period; see its config)`);
  },

  'csv-spectrum': async (inspected) => {
    const bad = inspected['csvs/location_coordinates.csv'];
    counts.push(`csv-spectrum: ${Object.keys(inspected).length} files; location_coordinates.csv rejected at line ${bad?.rejects[0]?.line}: ${bad?.rejects[0]?.reason}`);
  },
};

const datasets = readdirSync(DATASETS).filter((d) => statSync(join(DATASETS, d)).isDirectory()).sort();
console.log(`conformance: ${datasets.length} data sets in ${DATASETS}`);
for (const ds of datasets) {
  console.log(`- ${ds}`);
  const inspected = await inspectDataset(ds);
  await DATASET_CHECKS[ds]?.(inspected);
}
console.log('\nrow accounting (funnel inspect):');
for (const line of summary) console.log(`  ${line}`);
console.log('\ncounts (funnel report vs counted here):');
for (const line of counts) console.log(`  ${line}`);
if (failures.length > 0) {
  console.log(`\nconformance: ${failures.length} of ${checks} checks failed`);
  process.exitCode = 1;
} else {
  console.log(`\nconformance: all ${checks} checks passed`);
}
