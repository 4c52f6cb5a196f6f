import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng } from '../random.js';
import { funnel, tempDir } from './run.js';

// FUNNEL_THREADS=2 reads a large CSV file's second part on a worker thread. Whatever the file
// holds, the report, the rejects and the messages must be those of one thread. A tiny
// FUNNEL_SPLIT_MIN_BYTES splits these small files; FUNNEL_DEBUG_SPLIT=1 says where it cut and
// where the worker stopped, so each case proves it took the path it is about.

const CONFIG = `sources:
  - path: "log.csv"
    columns: { rep: Owner, date: Date, id: Id, created: Created }
    dateFormat: yyyy-MM-dd
    rules:
      - stage: dial
        when: { Type: call }
      - stage: conversation
        when: { Type: call, Outcome: connected }
      - stage: appointment_set
        when: { Type: meeting }
      - stage: close
        when: { Type: won }
      - stage: proposal
        when: { Type: proposal }
`;

const REPS = ['Søren Berg', 'Ana Lima', 'ana lima', 'Bo Chen', 'Zoë Ward', ''];
const TYPES = ['call', 'call', 'call', 'meeting', 'email', 'won'];
const OUTCOMES = ['connected', 'no answer', 'busy'];

/**
 * A log of `rows` rows: ids repeated across the file (numbers, text, leading zeros), closes with
 * their deal's creation date (the sales cycle), a few bad dates and empty reps, quoted notes with
 * commas, quotes and line breaks, blank lines; proposals only from row `proposalsFrom` on.
 */
function log(rows: number, seed: number, eol = '\n', extra: (i: number) => string | null = () => null, proposalsFrom = 0): string {
  const next = rng(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const lines = ['Id,Owner,Type,Outcome,Date,Created,Notes'];
  for (let i = 0; i < rows; i++) {
    const special = extra(i);
    if (special !== null) {
      lines.push(special);
      continue;
    }
    const r0 = next();
    const id = r0 < 0.05 ? String(1000 + Math.floor(next() * 50)) : r0 < 0.08 ? `A-${Math.floor(next() * 30)}` : r0 < 0.09 ? `00${Math.floor(next() * 20)}` : String(5000 + i);
    const day = 1 + Math.floor(next() * 28);
    const date = next() < 0.01 ? `2026-02-${30 + (i % 2)}` : `2026-${next() < 0.5 ? '10' : '11'}-${String(day).padStart(2, '0')}`;
    const type = i >= proposalsFrom && next() < 0.05 ? 'proposal' : pick(TYPES);
    const created = type === 'won' && next() < 0.8 ? `2026-0${1 + Math.floor(next() * 9)}-${String(day).padStart(2, '0')}` : '';
    const r = next();
    const note = r < 0.1 ? '"said ""call me"", later"' : r < 0.15 ? '"two\nlines"' : r < 0.3 ? 'plain note' : '';
    lines.push([id, pick(REPS), type, pick(OUTCOMES), date, created, note].join(','));
    if (next() < 0.01) lines.push('');
  }
  return lines.join(eol) + eol;
}

async function both(files: Record<string, string | Buffer>, args: string[] = [], env: Record<string, string> = {}) {
  const dir = tempDir({ 'funnel.config.yaml': CONFIG, ...files });
  const run = async (threads: string) => {
    const rejects = join(dir, `rejects-${threads}.csv`);
    const r = await funnel(['report', '--format', 'json', '--as-of', '2026-11-30', '--period', '2026-10-01..2026-11-30', '--rejects', rejects, ...args], {
      cwd: dir,
      env: { FUNNEL_THREADS: threads, FUNNEL_SPLIT_MIN_BYTES: '1', FUNNEL_DEBUG_SPLIT: '1', ...env },
    });
    if (r.code !== 0 && r.code !== 1) throw new Error(`funnel failed (${r.code}): ${r.stderr}`);
    return { ...r, rejects: readFileSync(rejects, 'utf8') };
  };
  const one = await run('1');
  const two = await run('2');
  return { one, two };
}

/** What the two-thread run said about its split (null: it read on one thread). */
function split(stderr: string): string | null {
  return /read on two threads: (.*)/.exec(stderr)?.[1] ?? null;
}

function expectSame(one: { stdout: string; stderr: string; code: number | null; rejects: string }, two: typeof one): void {
  expect(two.code).toBe(one.code);
  expect(two.stdout).toBe(one.stdout);
  expect(two.rejects).toBe(one.rejects);
  expect(two.stderr.replace(/^funnel: .* read on two threads: .*\n/gm, '').replace('rejects-2', 'rejects-1')).toBe(one.stderr);
}

describe('a CSV file read on two threads', () => {
  it('gives the report, rejects and messages of one thread: first-wins ids across the cut, lines after it', async () => {
    const { one, two } = await both({ 'log.csv': log(4000, 1) });
    expect(one.code).toBe(0);
    expect(split(one.stderr)).toBeNull();
    // The config names the file: its text shows the path, so the worker starts with the process.
    expect(split(two.stderr)).toMatch(/^cut before line \d+ .*the worker read to the end \(file started at \d+ ms; worker started with the process; its counts came at \d+ ms, /);
    expectSame(one, two);
    // The cases hold what they are about: duplicates, sales cycles, rejects past the cut.
    const report = JSON.parse(one.stdout);
    expect(report.input.duplicates).toBeGreaterThan(50);
    expect(report.team.cycle).toMatchObject({ medianDays: expect.any(Number) });
    const cutLine = Number(/cut before line (\d+)/.exec(two.stderr)?.[1]);
    const lines = one.rejects.split('\n').slice(1).filter(Boolean).map((l) => Number(l.split(',')[1]));
    expect(lines.some((l) => l > cutLine)).toBe(true);
  });

  it('a file named on the command line: the worker started with the process is handed the part and the date sample', async () => {
    // No dateFormat, and day-first dates: the worker reads 05/11/2026 as this thread decided
    // from the records it read ahead (days past the 12th), not as a date it cannot place.
    const config = CONFIG.replace('    dateFormat: yyyy-MM-dd\n', '');
    const dayFirst = log(4000, 11).replace(/(\d{4})-(\d{2})-(\d{2})/g, '$3/$2/$1');
    const { one, two } = await both({ 'funnel.config.yaml': config, 'log.csv': dayFirst }, ['log.csv']);
    // Only the impossible dates (30 and 31 February, about 1 % of the rows) are not dates.
    expect(one.rejects.match(/BAD_DATE/g)?.length).toBeLessThan(80);
    expect(split(two.stderr)).toMatch(/^cut before line \d+ .*the worker read to the end \(file started at \d+ ms; worker started with the process;/);
    expectSame(one, two);
    expect(JSON.parse(one.stdout).input.duplicates).toBeGreaterThan(50);
  });

  it('a stage that first shows after the cut: one thread (the order stages first appear in is the file\'s)', async () => {
    const { one, two } = await both({ 'log.csv': log(3000, 7, '\n', () => null, 2900) });
    expect(one.stdout).toMatch(/proposal/);
    expect(split(two.stderr)).toBeNull();
    expectSame(one, two);
  });

  it('a file after the split one: the second part\'s ids count as seen for it', async () => {
    // log2.csv repeats ids of log.csv's second part (rows 2,800 on, ids 7800 on): duplicates.
    const repeats = Array.from({ length: 200 }, (_, i) => `${7800 + i},Bo Chen,call,connected,2026-11-10,,`);
    const config = CONFIG.replace('path: "log.csv"', 'path: "log*.csv"');
    const { one, two } = await both({ 'funnel.config.yaml': config, 'log.csv': log(3000, 9), 'log2.csv': ['Id,Owner,Type,Outcome,Date,Created,Notes', ...repeats].join('\n') + '\n' });
    expect(split(two.stderr)).toMatch(/^cut before line \d+ .*the worker read to the end /);
    const alone = await both({ 'log.csv': log(3000, 9) });
    expect(JSON.parse(one.stdout).input.duplicates - JSON.parse(alone.one.stdout).input.duplicates).toBeGreaterThan(80);
    expectSame(one, two);
  });

  it('a rep whose only events after the cut repeat ids from before it: not a rep of the report', async () => {
    const extra = (i: number) => (i === 100 ? '424242,Bo Chen,call,connected,2026-11-10,,' : i === 3500 ? '424242,Ghost Rep,call,connected,2026-11-11,,' : null);
    const { one, two } = await both({ 'log.csv': log(4000, 12, '\n', extra) });
    expect(split(two.stderr)).toMatch(/^cut before line (\d+) .*the worker read to the end /);
    expect(Number(/cut before line (\d+)/.exec(two.stderr)?.[1])).toBeLessThan(3500);
    expect(one.stdout).not.toMatch(/Ghost Rep/);
    expectSame(one, two);
  });

  it('two large files: the second\'s worker starts at its header (the first took the one started with the run)', async () => {
    // A pattern whose files the config's text does not show (braces): the worker starts once the run knows them.
    const config = CONFIG.replace('path: "log.csv"', 'path: "log{,2}.csv"');
    const { one, two } = await both({ 'funnel.config.yaml': config, 'log.csv': log(3000, 13), 'log2.csv': log(3000, 14) });
    const notes = [...two.stderr.matchAll(/^funnel: (log2?\.csv) read on two threads: .*; worker (started [a-z ]+);/gm)].map((m) => [m[1], m[2]]);
    expect(notes).toEqual([
      ['log.csv', 'started with the run'],
      ['log2.csv', 'started at the header'],
    ]);
    expectSame(one, two);
    // The second file repeats the first's ids (5000 on): its events of the same id and stage are duplicates.
    expect(JSON.parse(one.stdout).input.duplicates).toBeGreaterThan(500);
  });

  it('CRLF line ends', async () => {
    const { one, two } = await both({ 'log.csv': log(3000, 2, '\r\n') });
    expect(split(two.stderr)).toMatch(/the worker read to the end /);
    expectSame(one, two);
  });

  it('a stray quote after the cut: the worker stops before its record and this thread reads on with csv-parse', async () => {
    const { one, two } = await both({ 'log.csv': log(3000, 3, '\n', (i) => (i === 2600 ? '77,Bo Chen,call,connected,2026-11-02,,bad "quote here' : null)) });
    expect(one.rejects).toMatch(/quote/);
    expect(split(two.stderr)).toMatch(/this thread read on from line 2\d\d\d /);
    expectSame(one, two);
  });

  it('a record over --max-record-size after the cut: the worker stops there', async () => {
    const long = `88,Bo Chen,call,connected,2026-11-03,,${'x'.repeat(5000)}`;
    const { one, two } = await both({ 'log.csv': log(3000, 4, '\n', (i) => (i === 2500 ? long : null)) }, ['--max-record-size', '4KB']);
    expect(one.rejects).toMatch(/longer than/);
    expect(split(two.stderr)).toMatch(/this thread read on from line 2\d\d\d /);
    expectSame(one, two);
  });

  it('counts past the worker\'s budget: it stops there, and this thread reads the rest once', async () => {
    // Four reps, five stages and two months of days: the part's counts pass 8,000 bytes (12 a day
    // slot, 400 a rep and stage) some way after the cut; the whole part's come to about 18,000.
    const { one, two } = await both({ 'log.csv': log(3000, 10) }, [], { FUNNEL_SPLIT_MAX_COUNTS: '8000' });
    const stop = /cut before line (\d+) .*this thread read on from line (\d+) /.exec(split(two.stderr) ?? '');
    expect(stop).not.toBeNull();
    expect(Number(stop![2]) - Number(stop![1])).toBeGreaterThan(20);
    expectSame(one, two);
    // Without the budget the worker reads to the end of the same file.
    const { two: whole } = await both({ 'log.csv': log(3000, 10) });
    expect(split(whole.stderr)).toMatch(/the worker read to the end /);
  });

  it('a file naming more than 250 reps in its first 1,000 records: one thread (its counts grow with its rows)', async () => {
    // No dateFormat: the first records are read ahead for the dates, and their reps counted.
    const config = CONFIG.replace('    dateFormat: yyyy-MM-dd\n', '');
    // Every stage the rules give shows in the first rows (else the part is not taken, see above);
    // the text is not all ASCII (else the encoding could change further on: one thread).
    const types = ['call', 'meeting', 'won', 'proposal', 'call', 'email', 'call'];
    const file = (reps: number) =>
      ['Id,Owner,Type,Outcome,Date,Created,Notes', ...Array.from({ length: 3000 }, (_, i) => `${9000 + (i % 2900)},${i < 1000 ? `Rép ${i % reps}` : 'Søren Berg'},${types[i % 7]},${OUTCOMES[i % 3]},2026-11-${String(1 + (i % 28)).padStart(2, '0')},,`)].join('\n') + '\n';
    const wide = await both({ 'funnel.config.yaml': config, 'log.csv': file(251) });
    expect(split(wide.two.stderr)).toBeNull();
    expectSame(wide.one, wide.two);
    // Named on the command line, the worker started with the process is stopped unused.
    const named = await both({ 'funnel.config.yaml': config, 'log.csv': file(251) }, ['log.csv']);
    expect(split(named.two.stderr)).toBeNull();
    expectSame(named.one, named.two);
    expect(named.two.stdout).toBe(wide.two.stdout);
    // 250 reps are not too many.
    const narrow = await both({ 'funnel.config.yaml': config, 'log.csv': file(250) });
    expect(split(narrow.two.stderr)).toMatch(/^cut before line \d+ .*the worker read to the end /);
    expectSame(narrow.one, narrow.two);
  });

  it('a stray quote before the cut misleads the parity: this thread reads on past the cut itself', async () => {
    const { one, two } = await both({ 'log.csv': log(3000, 5, '\n', (i) => (i === 200 ? '66,Ana Lima,call,busy,2026-11-04,,5" screen' : null)) });
    expect(split(two.stderr)).toBeNull();
    expectSame(one, two);
  });

  it('an ASCII start with the encoding detected: one thread (Windows-1252 may show further on)', async () => {
    const text = log(3000, 6).replace(/ø/g, 'o').replace(/ë/g, 'e');
    const { one, two } = await both({ 'log.csv': Buffer.concat([Buffer.from(text), Buffer.from('9999,Jos\xe9 Ruiz,call,busy,2026-11-05,,\n', 'latin1')]) });
    expect(split(two.stderr)).toBeNull();
    expect(one.stderr).toMatch(/Windows-1252/);
    expectSame(one, two);
  });
});
