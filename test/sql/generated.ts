import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../random.js';

// A seeded generator of hostile inputs for the differential tests: padded and blank ids,
// duplicates across files with other reps and dates, overlapping rules with their own date
// columns, Unicode whitespace and case in names and values, every condition form, dates that
// are invalid, empty, ambiguous-looking or Excel serials, and a tallies sheet.
export { rng };

const SPACES = [' ', '  ', '\u00a0', '\u2003', '\t', ' \u3000', '\ufeff'];

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Writes a config and its files into `dir`; returns the number of data rows written. */
export function writeGenerated(dir: string, seed: number, rows = 400): number {
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const pad = () => (r() < 0.3 ? pick(SPACES) : '');
  const spell = (name: string) => {
    // Case and whitespace variants of one name.
    let s = name
      .split(' ')
      .map((w) => (r() < 0.2 ? w.toUpperCase() : r() < 0.2 ? w.toLowerCase() : w))
      .join(r() < 0.3 ? pick(SPACES) : ' ');
    s = pad() + s + pad();
    return s;
  };
  const reps = ['Jane Doe', 'Ömer Çelik', 'José Núñez', 'Zoë Smith', 'jane.doe@acme.example', 'Ann Lee'];
  const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
  const isoDate = () => {
    const x = r();
    if (x < 0.04) return '';
    if (x < 0.07) return pick(['2026-02-30', '2026-13-01', 'n/a', '#VALUE!', '2026/11/31', '2026-11-5', '2026-00-10', '0000-01-01']);
    if (x < 0.1) return String(46330 + Math.floor(r() * 20)) + (r() < 0.5 ? '.75' : '');
    if (x < 0.15) return `2026/11/${1 + Math.floor(r() * 28)}`;
    return `${day(1 + Math.floor(r() * 28))}${r() < 0.5 ? ` ${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}` : r() < 0.2 ? 'T10:00:00Z' : ''}`;
  };
  const id = (n: number) => {
    const x = r();
    if (x < 0.08) return pick(['', ' ', '\u00a0']);
    if (x < 0.15) return ` ${n} `;
    if (x < 0.2) return `00${n}`;
    return String(n);
  };
  const outcome = () => pick(['Connected', 'connected', ' CONNECTED ', 'Meeting  Booked', 'meeting\u00a0booked', 'No answer', 'Left voicemail', '', 'Busy', 'wrong number']);
  const direction = () => pick(['Outbound', 'outbound', 'OUTBOUND ', 'Inbound', '']);

  // Two calls files sharing ids: the first in input order wins.
  const callHeader = ['Record ID', 'Owner', 'Activity date', 'Outcome', 'Direction', 'Booked date', 'Notes'];
  const nextId = () => 1000 + Math.floor(r() * rows * 0.7);
  for (const name of ['calls-a.csv', 'calls-b.csv']) {
    const lines = [callHeader.join(',')];
    for (let i = 0; i < rows; i++) {
      const rep = r() < 0.05 ? pick(['', '  ', '\u2003']) : spell(pick(reps));
      lines.push(
        [id(nextId()), rep, isoDate(), outcome(), direction(), isoDate(), pick(['', 'call back', 'no\tthanks', 'Called: "yes"'])].map(csvCell).join(','),
      );
      if (r() < 0.02) lines.push('');
    }
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  }

  // Deals with day-first dates (detected: some days are above 12) and a dateFormat-free close date.
  const dm = () => {
    const x = r();
    if (x < 0.05) return pick(['', '31/02/2026', '32/11/2026', '2026-11-03', 'soon', '05/11/26']);
    const d = 1 + Math.floor(r() * 28);
    return `${String(d).padStart(2, '0')}/11/2026${r() < 0.3 ? ` ${1 + Math.floor(r() * 12)}:${String(Math.floor(r() * 60)).padStart(2, '0')} ${pick(['AM', 'pm', 'a.m.'])}` : ''}`;
  };
  const deals = [['Deal ID', 'Owner', 'Stage', 'Created', 'Closed', 'Won'].join(',')];
  deals.push([String(1), 'Ann Lee', 'Contract Sent', '25/11/2026', '26/11/2026', 'false'].join(','));
  for (let i = 0; i < rows / 2; i++) {
    deals.push([id(5000 + Math.floor(r() * rows * 0.4)), spell(pick(reps)), pick(['Contract Sent', 'contract  sent', 'Closed Won', 'Closed Lost', 'Qualified', '']), dm(), dm(), pick(['true', 'TRUE', ' true', 'false', '', '1'])]
      .map(csvCell)
      .join(','));
  }
  writeFileSync(join(dir, 'deals.csv'), `${deals.join('\n')}\n`);

  // A dateFormat source: meetings written d.M.yyyy H:mm.
  const dotted = () => {
    const x = r();
    if (x < 0.06) return pick(['', '32.11.2026 10:00', '1.13.2026 9:00', '1.11.26 9:00', '01.11.2026', '1.11.2026 24:00', '29.2.2026 10:00']);
    return `${1 + Math.floor(r() * 28)}.${pick(['11', '10', '9'])}.2026 ${Math.floor(r() * 24)}:${String(Math.floor(r() * 60)).padStart(2, '0')}`;
  };
  const meetings = [['Meeting ID', 'Host', 'Start', 'Booked', 'Outcome', 'Type'].join(';')];
  for (let i = 0; i < rows / 2; i++) {
    meetings.push([id(8000 + Math.floor(r() * rows * 0.3)), spell(pick(reps)), dotted(), dotted(), pick(['Completed', 'completed', 'No show', 'Canceled', '']), pick(['Follow-up', 'follow-up', 'Discovery', ''])].join(';'));
  }
  writeFileSync(join(dir, 'meetings.csv'), `${meetings.join('\n')}\n`);

  // A tallies sheet: blanks, zeros, bad counts.
  const count = () => pick(['', '0', '1', '2', '3', '10', '4.0', '-1', 'x', '2.5', ' 7 ']);
  // Odd seeds: weeks from the date; even seeds: weeks ending on it. Both are spread over working days.
  const week = seed % 2 === 1 ? 'Week' : 'Week Ending';
  const tally = [[week, 'Rep', 'Dials', 'Conversations', 'Closes'].join(',')];
  for (let i = 0; i < rows / 8; i++) tally.push([isoDate(), spell(pick(reps)), count(), count(), count()].map(csvCell).join(','));
  writeFileSync(join(dir, 'tally.csv'), `${tally.join('\n')}\n`);

  writeFileSync(
    join(dir, 'funnel.config.yaml'),
    `stages: [dial, conversation, appointment_set, appointment_kept, second_meeting, proposal, close]
workdays: [${seed % 3 === 0 ? 'sun, mon, tue, wed, thu' : 'mon, tue, wed, thu, fri'}]
holidays: [2026-11-11, 2026-11-26]
reps:
  Jane Doe:
    aliases: ["jane.doe@acme.example", "JANE  DOE"]
  "Zoë  Smith": {}
sources:
  - path: calls-*.csv
    columns: { rep: Owner, date: Activity date, id: Record ID }
    rules:
      - stage: dial
        when: { Direction: { not: { in: [inbound] } }, Outcome: { empty: false } }
      - stage: dial
        when: { Notes: { match: "call\\\\s+back" } }
      - stage: conversation
        when: { Outcome: { in: [Connected, "meeting booked"] }, Direction: outbound }
      - stage: conversation
        when: { Outcome: { match: "^conn\\\\w*$" } }
      - stage: appointment_set
        when: { Outcome: { match: "\\\\bbooked\\\\b" } }
        date: Booked date
  - path: deals.csv
    columns: { rep: Owner, date: Created, id: Deal ID, created: Created }
    rules:
      - stage: proposal
        when: { Stage: { in: [contract sent, closed won] } }
      - stage: close
        when: { Won: true }
        date: Closed
  - path: meetings.csv
    delimiter: ";"
    dateFormat: d.M.yyyy H:mm
    columns: { rep: Host, date: Start, id: Meeting ID }
    rules:
      - stage: appointment_kept
        when: { Outcome: Completed }
      - stage: second_meeting
        when: { Outcome: completed, Type: { match: "^follow-?up$" } }
        date: Booked
  - path: tally.csv
    shape: tallies
    columns: { rep: Rep, date: ${week} }
    counts: { dial: Dials, conversation: Conversations, close: Closes }
`,
  );
  return rows * 2 + rows / 2 + rows / 2 + rows / 8;
}

// Month words: names, abbreviations, single letters (J is January, M March, A April), near misses.
const MONTHS = ['Jan', 'jan', 'JANUARY', 'June', 'Jun', 'Ju', 'J', 'M', 'A', 'S', 'Sept', 'Sep', 'May', 'Mayo', 'Dec', 'december', 'Febr', 'x', 'Feb.', 'Mär'];

/** A date as exports write them, or nearly: numeric and month-name dates, times, out-of-range fields, two-digit years, stray separators. */
export function nearMissDate(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const num = (max: number, pad: boolean) => {
    const n = Math.floor(r() * (max + 1));
    return pad && r() < 0.7 ? String(n).padStart(2, '0') : String(n);
  };
  const year = pick(['2026', '2024', '1899', '2200', '26', '02026', '2000']);
  const sep = () => pick(['/', '/', '-', '.', ' ']);
  const date = pick([
    () => `${num(32, true)}${sep()}${num(13, true)}${sep()}${year}`,
    () => `${year}${sep()}${num(13, true)}${sep()}${num(32, true)}`,
    () => `${num(13, true)}-${num(32, true)}-${year}T${num(25, true)}:${num(61, true)}`,
    () => `${num(32, true)}${pick([' ', ' ', '-', '  '])}${pick(MONTHS)}${pick([' ', ' ', '-', ', '])}${year}`,
    () => `${pick(MONTHS)} ${num(32, false)}${pick([', ', ', ', ' '])}${year}`,
  ])();
  const time = pick(['', ` ${num(25, true)}:${num(61, true)}`, ` ${num(13, false)}:${num(61, true)} ${pick(['AM', 'pm', 'a.m.', 'P M', 'noon', 'x'])}`, ` ${num(24, true)}:${num(60, true)}:${num(61, true)}`]);
  return date + time;
}
