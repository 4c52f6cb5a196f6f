#!/usr/bin/env node
// Deterministic HubSpot-like activity logs for the benchmark (scripts/bench.mjs) and for
// comparing outputs by hand:
//
//   node scripts/bench-data.mjs OUT.csv [--rows N] [--reps N] [--weeks N] [--seed N] [--ndjson | --xlsx]
//
// Rows: an 11-digit numeric activity id (about 1 % repeat an earlier id, as overlapping
// exports do), owner, type, direction, outcome, activity date and created date, and a notes
// column with quoted commas and doubled quotes. The days end at AS_OF, so every run of the
// bench sees the same period and lookback.

import { createWriteStream, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip } from './zip.mjs';

export const AS_OF = '2026-11-18';

export const CONFIG = `sources:
  - path: "activities*.csv"
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

export const HEADER = ['Activity ID', 'Owner', 'Type', 'Direction', 'Outcome', 'Activity Date', 'Created', 'Notes'];

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Jane', 'Omar', 'Li', 'Priya', 'Marco', 'Søren', 'Ana', 'Kofi', 'Mei', 'Lucas'];
const LAST = ['Doe', 'Haddad', 'Chen', 'Raman', 'Rossi', 'Nielsen', 'Silva', 'Mensah', 'Wong', 'Martin'];
const NOTES = ['', '', '', 'Left message', 'Follow up next week', '"Asked about pricing, discounts, and terms"',
  '"Gatekeeper said ""call back"", try Tuesday"', 'Sent deck', '"Decision maker out, back Monday"'];
const pad2 = (n) => (n < 10 ? `0${n}` : `${n}`);

function repNames(count) {
  const names = [];
  for (let i = 0; names.length < count; i++) {
    const base = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    const round = Math.floor(i / (FIRST.length * LAST.length));
    names.push(round === 0 ? base : `${base} ${round + 1}`);
  }
  return names;
}

function daysBack(weeks) {
  const days = [];
  const end = Date.parse(`${AS_OF}T00:00:00Z`);
  for (let t = end - (weeks * 7 - 1) * 86_400_000; t <= end; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Yields the rows as field arrays (unquoted values; notes carry their CSV quoting). */
export function* rows({ rows, reps = 200, weeks = 26, seed = 1, firstId = 0 }) {
  const r = mulberry32(seed);
  const names = repNames(reps);
  const days = daysBack(weeks);
  const BASE = 40_000_000_000;
  for (let i = 0; i < rows; i++) {
    const rep = names[Math.floor(r() * names.length)];
    const d = Math.floor(r() * days.length);
    const when = `${days[d]} ${pad2(8 + Math.floor(r() * 10))}:${pad2(Math.floor(r() * 60))}`;
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
      created = `${days[Math.max(0, d - 1 - Math.floor(r() * 10))]} ${pad2(8 + Math.floor(r() * 10))}:${pad2(Math.floor(r() * 60))}`;
    } else {
      type = 'deal_won';
      direction = '';
      outcome = 'won';
    }
    const n = firstId + i;
    // About 1 % of rows repeat an id seen shortly before (an overlapping export).
    const id = BASE + (n > 100 && r() < 0.01 ? n - 1 - Math.floor(r() * 100) : n);
    yield [String(id), rep, type, direction, outcome, when, created, NOTES[Math.floor(r() * NOTES.length)]];
  }
}

async function write(path, lines) {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length >= 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise((res, rej) => out.on('finish', res).on('error', rej));
}

/** Writes a CSV of `opts.rows` rows (see rows()). */
export async function writeCsv(path, opts) {
  await write(path, (function* () {
    yield `${HEADER.join(',')}\n`;
    for (const f of rows(opts)) yield `${f.join(',')}\n`;
  })());
}

/** Writes the same rows as NDJSON, one object per row with the CSV's header as keys. */
export async function writeNdjson(path, opts) {
  const unquote = (v) => (v.startsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v);
  await write(path, (function* () {
    for (const f of rows(opts)) yield `${JSON.stringify(Object.fromEntries(HEADER.map((h, i) => [h, unquote(f[i])])))}\n`;
  })());
}

/**
 * Writes the same rows as an .xlsx workbook as Excel saves one: one sheet, text in shared
 * strings, the ids as numbers, the two dates as date cells (serials with a `yyyy-mm-dd hh:mm`
 * format), empty cells left out, every row and cell with its `r`. Deflated parts.
 */
export async function writeXlsx(path, opts) {
  const unquote = (v) => (v.startsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v);
  const esc = (v) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const strings = new Map();
  const si = (v) => {
    let i = strings.get(v);
    if (i === undefined) strings.set(v, (i = strings.size));
    return i;
  };
  const EPOCH = Date.UTC(1899, 11, 30);
  const serial = (v) => (Date.parse(`${v.replace(' ', 'T')}:00Z`) - EPOCH) / 86_400_000;
  const cols = 'ABCDEFGH';
  const cell = (c, r, v, k) => {
    if (v === '') return '';
    if (k === 0) return `<c r="${cols[c]}${r}"><v>${v}</v></c>`;
    if (k === 5 || k === 6) return `<c r="${cols[c]}${r}" s="1"><v>${serial(v)}</v></c>`;
    return `<c r="${cols[c]}${r}" t="s"><v>${si(v)}</v></c>`;
  };
  const sheet = [];
  let r = 1;
  sheet.push(`<row r="1" spans="1:8">${HEADER.map((h, c) => cell(c, 1, h, -1)).join('')}</row>`);
  for (const f of rows(opts)) {
    r++;
    sheet.push(`<row r="${r}" spans="1:8">${f.map((v, c) => cell(c, r, unquote(v), c)).join('')}</row>`);
  }
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
  const parts = [
    ['[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`],
    ['_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr defaultThemeVersion="164011"/><sheets><sheet name="Activities" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ['xl/styles.xml', `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`],
    ['xl/worksheets/sheet1.xml', `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:H${r}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${sheet.join('')}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`],
  ];
  parts.push(['xl/sharedStrings.xml', `${XML}<sst xmlns="${MAIN}" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((v) => `<si><t${v.trim() !== v ? ' xml:space="preserve"' : ''}>${esc(v)}</t></si>`).join('')}</sst>`]);
  writeFileSync(path, zip(parts, { isDeflated: true }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, ...rest] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node scripts/bench-data.mjs OUT.csv [--rows N] [--reps N] [--weeks N] [--seed N] [--ndjson | --xlsx]');
    process.exit(2);
  }
  const opt = (name, def) => {
    const i = rest.indexOf(`--${name}`);
    return i < 0 ? def : Number(rest[i + 1]);
  };
  const opts = { rows: opt('rows', 100_000), reps: opt('reps', 200), weeks: opt('weeks', 26), seed: opt('seed', 1) };
  await (rest.includes('--ndjson') ? writeNdjson(out, opts) : rest.includes('--xlsx') ? writeXlsx(out, opts) : writeCsv(out, opts));
  if (rest.includes('--config')) writeFileSync(join(dirname(resolve(out)), 'funnel.config.yaml'), CONFIG.replace('"activities*.csv"', JSON.stringify(out.replace(/^.*\//, ''))));
}
