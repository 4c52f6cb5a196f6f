#!/usr/bin/env node
// Deterministic HubSpot-like activity logs for the benchmark (scripts/bench.mjs) and for
// comparing outputs by hand:
//
//   node scripts/bench-data.mjs OUT.csv [--rows N] [--reps N] [--weeks N] [--seed N] [--ndjson]
//
// Rows: an 11-digit numeric activity id (about 1 % repeat an earlier id, as overlapping
// exports do), owner, type, direction, outcome, activity date and created date, and a notes
// column with quoted commas and doubled quotes. The days end at AS_OF, so every run of the
// bench sees the same period and lookback.

import { createWriteStream, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, ...rest] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node scripts/bench-data.mjs OUT.csv [--rows N] [--reps N] [--weeks N] [--seed N] [--ndjson]');
    process.exit(2);
  }
  const opt = (name, def) => {
    const i = rest.indexOf(`--${name}`);
    return i < 0 ? def : Number(rest[i + 1]);
  };
  const opts = { rows: opt('rows', 100_000), reps: opt('reps', 200), weeks: opt('weeks', 26), seed: opt('seed', 1) };
  await (rest.includes('--ndjson') ? writeNdjson(out, opts) : writeCsv(out, opts));
  if (rest.includes('--config')) writeFileSync(join(dirname(resolve(out)), 'funnel.config.yaml'), CONFIG);
}
