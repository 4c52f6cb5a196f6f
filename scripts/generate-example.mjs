#!/usr/bin/env node
// Generates the bundled example in examples/acme/: HubSpot-style exports for a fictional
// ten-rep sales team (calls, meetings, deals), plus a targets file and a config.
//
// Deterministic: a seeded PRNG and fixed dates only, so every run writes byte-identical files.
// Usage: node scripts/generate-example.mjs   (or: npm run examples)

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'examples', 'acme');
const EXPORTS = join(OUT, 'exports');

// ---------------------------------------------------------------------------------------------
// PRNG and helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rng = mulberry32(37);
const chance = (p) => rng() < p;
const randInt = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rng() * arr.length)];
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const day = (iso) => new Date(`${iso}T00:00:00Z`);
const addDays = (d, n) => new Date(d.getTime() + n * DAY_MS);
const addMinutes = (d, n) => new Date(d.getTime() + n * MIN_MS);
const startOfDay = (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const pad = (n, w = 2) => String(n).padStart(w, '0');
const fmtDate = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const fmtDateTime = (d) => `${fmtDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
const fmtDuration = (sec) => `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;

// ---------------------------------------------------------------------------------------------
// Calendar

const SIM_START = day('2026-06-01'); // warm-up so July already has a pipeline
const EXPORT_START = day('2026-07-01');
const AS_OF = day('2026-11-18');
const Q3_END = day('2026-09-30');
const Q4_START = day('2026-09-28'); // the re-export overlaps Q3's last three days
const HOLIDAYS = new Set(['2026-09-07', '2026-11-26', '2026-12-25']);

const isWeekend = (d) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
const isWorkday = (d) => !isWeekend(d) && !HOLIDAYS.has(fmtDate(d));

function repAvailable(rep, d) {
  if (!isWorkday(d)) return false;
  if (d < rep.start) return false;
  const iso = fmtDate(d);
  return !(rep.vacation && iso >= rep.vacation[0] && iso <= rep.vacation[1]);
}

/** The n-th working day after d (n >= 1) on which the rep is available. */
function addRepWorkdays(rep, d, n) {
  let cur = startOfDay(d);
  let left = n;
  while (left > 0) {
    cur = addDays(cur, 1);
    if (repAvailable(rep, cur)) left -= 1;
  }
  return cur;
}

const slot = (d, earliest = 9 * 60, latest = 16 * 60 + 30) =>
  addMinutes(startOfDay(d), earliest + 30 * randInt(0, Math.floor((latest - earliest) / 30)));

// ---------------------------------------------------------------------------------------------
// People and companies

const FIRST = [
  ['Ana', 'ana'], ['Bo', 'bo'], ['Chiara', 'chiara'], ['Dmitri', 'dmitri'], ['Elif', 'elif'],
  ['Farid', 'farid'], ['Gabriela', 'gabriela'], ['Hiroshi', 'hiroshi'], ['Ingrid', 'ingrid'],
  ['Jamal', 'jamal'], ['Karin', 'karin'], ['Lars', 'lars'], ['Mei', 'mei'], ['Nkechi', 'nkechi'],
  ['Oscar', 'oscar'], ['Paula', 'paula'], ['Rahul', 'rahul'], ['Sofía', 'sofia'], ['Tariq', 'tariq'],
  ['Uma', 'uma'], ['Valentina', 'valentina'], ['Wojciech', 'wojciech'], ['Ximena', 'ximena'],
  ['Yusuf', 'yusuf'], ['Zoë', 'zoe'], ['Brendan', 'brendan'], ['Carmen', 'carmen'], ['Derek', 'derek'],
  ['Emma', 'emma'], ['Frank', 'frank'], ['Greta', 'greta'], ['Hassan', 'hassan'], ['Isabel', 'isabel'],
  ['José', 'jose'], ['Kwame', 'kwame'], ['Linh', 'linh'], ['Martin', 'martin'], ['Noor', 'noor'],
  ['Olga', 'olga'], ['Pedro', 'pedro'], ['Rachel', 'rachel'], ['Søren', 'soren'], ['Tessa', 'tessa'],
  ['Victor', 'victor'], ['Wendy', 'wendy'], ['Amara', 'amara'], ['Björn', 'bjorn'], ['Claire', 'claire'],
];
const LAST = [
  ['Díaz', 'diaz'], ['Lee', 'lee'], ['Rossi', 'rossi'], ['Ivanov', 'ivanov'], ['Yılmaz', 'yilmaz'],
  ['Haddad', 'haddad'], ['Santos', 'santos'], ['Tanaka', 'tanaka'], ['Berg', 'berg'], ['Johnson', 'johnson'],
  ['Schmidt', 'schmidt'], ['Nielsen', 'nielsen'], ['Wang', 'wang'], ['Okonkwo', 'okonkwo'], ['García', 'garcia'],
  ['Novak', 'novak'], ['Sharma', 'sharma'], ['Müller', 'muller'], ['Khan', 'khan'], ['Patel', 'patel'],
  ['Moreau', 'moreau'], ['Kowalski', 'kowalski'], ['Herrera', 'herrera'], ['Demir', 'demir'], ['Brown', 'brown'],
  ['Nguyen', 'nguyen'], ['O’Brien', 'obrien'], ['Fischer', 'fischer'], ['Mensah', 'mensah'], ['Larsen', 'larsen'],
  ['Costa', 'costa'], ['Adeyemi', 'adeyemi'], ['Murphy', 'murphy'], ['Suzuki', 'suzuki'], ['Andersson', 'andersson'],
];
const CO_A = [
  'Northwind', 'Bluefin', 'Cedar', 'Brightpath', 'Ironwood', 'Summit', 'Harbor', 'Keystone', 'Lumen',
  'Maple', 'Pioneer', 'Quarry', 'Redline', 'Silverline', 'Tidewater', 'Granite', 'Orchard', 'Beacon',
  'Copperleaf', 'Driftwood', 'Evergreen', 'Falcon', 'Juniper', 'Kestrel', 'Larkspur', 'Meridian',
];
const CO_B = [
  'Logistics', 'Dental', 'Builders', 'Analytics', 'Foods', 'Clinics', 'Freight', 'Legal', 'Realty',
  'Works', 'Insurance', 'Hotels', 'Tooling', 'Labs', 'Outfitters', 'Partners',
];
const CO_SUFFIX = ['', '', ' Inc', ' LLC', ' Co.', ' Group', ' GmbH', ' Ltd'];

const companies = [];
{
  const seen = new Set();
  while (companies.length < 420) {
    const a = pick(CO_A);
    const b = pick(CO_B);
    if (seen.has(a + b)) continue;
    seen.add(a + b);
    companies.push({ name: `${a} ${b}${pick(CO_SUFFIX)}`, domain: `${a}${b}`.toLowerCase() + '.example' });
    if (seen.size >= CO_A.length * CO_B.length) break;
  }
}

function newContact() {
  const [f, fa] = pick(FIRST);
  const [l, la] = pick(LAST);
  const co = pick(companies);
  const company = chance(0.01) ? `${co.name};${pick(companies).name}` : co.name;
  const local = weighted([[`${fa}.${la}`, 4], [`${fa[0]}${la}`, 3], [fa, 3]]);
  return { name: `${f} ${l}`, email: `${local}@${co.domain}`, company, companyShort: co.name };
}
const contactCell = (c) => `${c.name} (${c.email})`;

// ---------------------------------------------------------------------------------------------
// The team. Rates are probabilities per step; dialsPerDay is the mean on a full working day.

const BASE = {
  dialsPerDay: 17, conv: 0.25, book: 0.25, kept: 0.72, adv: 0.45, fuKept: 0.8, prop: 0.6, win: 0.6,
  inboundPerDay: 0.15, publicPerDay: 0.1, amount: [4000, 30000], fail: { noShow: 0.4, resched: 0.35, cancel: 0.25 },
};
const STRONG = { dialsPerDay: 24, conv: 0.3, book: 0.26, kept: 0.82, adv: 0.6, fuKept: 0.9, prop: 0.75, win: 0.75, inboundPerDay: 0.2, publicPerDay: 0.12, amount: [8000, 45000] };

const REPS = [
  { name: 'Marisol Vega', ...BASE, ...STRONG, vacation: ['2026-08-10', '2026-08-14'] },
  { name: 'Daniel Okafor', ...BASE, ...STRONG, dialsPerDay: 25, conv: 0.29, vacation: ['2026-07-20', '2026-07-24'] },
  { name: 'Priya Raman', ...BASE, dialsPerDay: 18, conv: 0.27, win: 0.62, vacation: ['2026-08-24', '2026-08-28'] },
  { name: 'Tomás Herrera', ...BASE, dialsPerDay: 16, vacation: ['2026-08-03', '2026-08-07'] },
  { name: 'Wei Chen', ...BASE, dialsPerDay: 19, conv: 0.24, vacation: ['2026-07-27', '2026-07-31'] },
  { name: 'Luca Romano', ...BASE, dialsPerDay: 15, conv: 0.26, win: 0.58, vacation: ['2026-08-17', '2026-08-21'] },
  // Average until November, then the activity drops off and deals slip into December.
  { name: 'Kenji Watanabe', ...BASE, dialsPerDay: 17, novemberSlump: true, vacation: ['2026-07-06', '2026-07-10'] },
  // Books plenty of appointments, but most of them never happen.
  {
    name: 'Aisha Bello', ...BASE, dialsPerDay: 18, conv: 0.26, book: 0.4, kept: 0.22, fuKept: 0.45, prop: 0.55, win: 0.55,
    fail: { noShow: 0.5, resched: 0.32, cancel: 0.18 }, vacation: ['2026-07-13', '2026-07-17'],
  },
  // Converts about average, but simply does not pick up the phone often.
  { name: 'Connor Walsh', ...BASE, dialsPerDay: 8, conv: 0.22, book: 0.28, prop: 0.58, win: 0.55, vacation: ['2026-08-31', '2026-09-04'] },
  // Joined mid-September; ramping up.
  {
    name: 'Grace Mwangi', ...BASE, start: '2026-09-14', dialsPerDay: 15, conv: 0.2, book: 0.25, kept: 0.65, adv: 0.5,
    fuKept: 0.8, prop: 0.7, win: 0.7, maxWins: 2, ramp: true, inboundPerDay: 0.05, publicPerDay: 0.03,
  },
];
for (const rep of REPS) {
  rep.start = rep.start ? day(rep.start) : SIM_START;
  rep.wins = 0;
}

const GOALS = {
  'Marisol Vega': 11, 'Daniel Okafor': 10, 'Priya Raman': 4, 'Tomás Herrera': 3, 'Wei Chen': 4,
  'Luca Romano': 3, 'Kenji Watanabe': 4, 'Aisha Bello': 3, 'Connor Walsh': 2, 'Grace Mwangi': 1,
  'Jordan Ellis': 1, // new hire: in targets, no activity yet
};

// ---------------------------------------------------------------------------------------------
// Simulation

const calls = [];
const meetings = [];
const deals = [];

const NOTES_CONNECTED = [
  '<p>Interested, asked for pricing by email</p>',
  '<p>Not now, revisit in Q1</p>',
  '<p>Using a competitor, contract ends in March</p>',
  '<p>Asked for "something simple", send the one-pager</p>',
  '<p>Wrong person, referred me to ops</p>',
  '<p>Budget frozen until January</p>',
  '<p>Happy with current setup, said "call me next year"</p>',
  '<p>Spoke with the office manager, she said "call back after the 15th"</p>\n<p>Decision maker: CFO, prefers email</p>',
  '<p>Gatekeeper, no transfer</p>',
];
const NOTES_BOOKED = [
  '<p>Booked discovery call</p>',
  '<p>Booked intro, wants to see reporting, invoicing and "the mobile app"</p>',
  '<p>Meeting booked</p>\n<p>Bring case study for 20+ seats, they grew fast</p>',
  '<p>Booked discovery with owner and ops lead</p>',
];
const NOTES_VM = ['<p>Left VM</p>', '<p>Left voicemail, will try again Thursday</p>', ''];

function callOutcomeFields(outcome) {
  switch (outcome) {
    case 'Connected': return { status: 'Completed', secs: randInt(90, 900) };
    case 'Meeting Booked': return { status: 'Completed', secs: randInt(300, 1200) };
    case 'Left voicemail': return { status: 'Completed', secs: randInt(25, 90) };
    case 'Left live message': return { status: 'Completed', secs: randInt(40, 150) };
    case 'Wrong number': return { status: 'Completed', secs: randInt(10, 45) };
    case 'Busy': return { status: 'Busy', secs: 0 };
    default: return { status: 'No answer', secs: 0 };
  }
}

function notesFor(outcome) {
  if (outcome === 'Meeting Booked') return chance(0.7) ? pick(NOTES_BOOKED) : '';
  if (outcome === 'Connected') return chance(0.6) ? pick(NOTES_CONNECTED) : '';
  if (outcome === 'Left voicemail') return chance(0.2) ? pick(NOTES_VM) : '';
  return '';
}

function addCall(rep, at, { direction = 'Outbound', outcome, contact, type = '', deal = '', notes, title }) {
  const { status, secs } = callOutcomeFields(outcome);
  calls.push({
    rep: rep ? rep.name : '',
    at,
    createdAt: addMinutes(at, Math.ceil(secs / 60) + randInt(0, 2)),
    title: title ?? (direction === 'Inbound' ? 'Inbound call' : `Call with ${contact.name}`),
    outcome,
    direction,
    status,
    duration: fmtDuration(secs),
    type,
    notes: notes ?? notesFor(outcome),
    contact: contactCell(contact),
    company: contact.company,
    deal,
  });
}

const LOCATIONS = [['Zoom', 5], ['Google Meet', 3], ['Microsoft Teams', 2], ['Phone', 1], ['Office', 0.3]];

/**
 * Books a meeting and plays it out. Returns { status: 'kept'|'lost'|'pending', at }.
 * Outcomes are only decided for meetings that started on or before the as-of date (mornings only
 * on the as-of day itself); later ones are still "Scheduled" in the export.
 */
function bookMeeting(rep, contact, type, createdAt, { source = 'CRM UI', dealName = '', depth = 0, lead = [2, 6] } = {}) {
  const start = slot(addRepWorkdays(rep, createdAt, randInt(lead[0], lead[1])));
  const minutes = type === 'Discovery' ? 30 : type === 'Demo' ? 45 : pick([45, 60]);
  const m = {
    rep: rep.name, contact, type, createdAt, start, end: addMinutes(start, minutes), source,
    location: weighted(LOCATIONS), dealName, outcome: 'Scheduled',
    name: type === 'Discovery' ? `${pick(['Intro', 'Discovery call'])} – ${contact.companyShort}`
      : type === 'Demo' ? `Demo – ${contact.companyShort}`
      : `${pick(['2nd meeting', 'Follow-up'])} – ${contact.companyShort}`,
  };
  meetings.push(m);
  const startDay = startOfDay(start);
  if (startDay > AS_OF || (startDay.getTime() === AS_OF.getTime() && start.getUTCHours() >= 12)) {
    return { status: 'pending', at: start };
  }
  const pKept = type === 'Follow-up' ? rep.fuKept : rep.kept;
  if (chance(pKept)) {
    m.outcome = 'Completed';
    return { status: 'kept', at: m.end };
  }
  const f = rep.fail;
  const why = weighted([['No show', f.noShow], ['Rescheduled', depth < 2 ? f.resched : 0], ['Canceled', f.cancel]]);
  m.outcome = why;
  if (why === 'Rescheduled') {
    return bookMeeting(rep, contact, type, addMinutes(start, randInt(20, 150)), { source: 'CRM UI', dealName, depth: depth + 1, lead: [1, 5] });
  }
  return { status: 'lost', at: start };
}

const PRODUCTS = ['Starter', 'Growth plan', 'Annual plan', 'Pilot', '25 seats', '50 seats', '10 seats', 'Multi-site'];

/** A completed first meeting: maybe a second meeting, a deal, a proposal and a close. */
function afterFirstMeeting(rep, contact, keptAt) {
  if (!chance(rep.adv)) return;
  const bookedAt = chance(0.6) ? addMinutes(keptAt, randInt(5, 60)) : slot(addRepWorkdays(rep, keptAt, 1));
  if (startOfDay(bookedAt) > AS_OF) return;
  const dealName = `${contact.companyShort} - ${pick(PRODUCTS)}`;
  const offset = randInt(1, 15);
  const deal = {
    rep: rep.name, name: dealName, createdAt: addMinutes(bookedAt, offset), company: contact.company,
    amount: Math.round(randInt(rep.amount[0], rep.amount[1]) / 100) * 100,
    type: chance(0.9) ? 'New Business' : 'Existing Business',
  };
  deals.push(deal);
  const fu = bookMeeting(rep, contact, 'Follow-up', bookedAt, { dealName, lead: [3, 8] });
  // Acme's reps open the deal right after the second meeting; when that meeting has not been
  // held (yet), the deal was opened when it was booked.
  if (fu.status === 'kept') deal.createdAt = addMinutes(fu.at, 5 + offset);
  const { createdAt } = deal;

  const open = (stage, closeAt) => Object.assign(deal, { stage, closeAt, won: false, closed: false });
  const lost = (closeAt) => Object.assign(deal, { stage: 'Closed Lost', closeAt, won: false, closed: true, amount: chance(0.4) ? '' : deal.amount });

  const expected = () => slot(addRepWorkdays(rep, createdAt, randInt(18, 26)));
  if (fu.status === 'pending') return open('Appointment Scheduled', expected());
  if (fu.status === 'lost') {
    const closeDay = addRepWorkdays(rep, fu.at, randInt(3, 10));
    return closeDay <= AS_OF ? lost(slot(closeDay)) : open('Qualified To Buy', expected());
  }
  // Second meeting held.
  if (!chance(rep.prop)) {
    const closeDay = addRepWorkdays(rep, fu.at, randInt(8, 20));
    return closeDay <= AS_OF ? lost(slot(closeDay)) : open(pick(['Presentation Scheduled', 'Decision Maker Bought-In']), slot(addRepWorkdays(rep, closeDay, 8)));
  }
  const sentDay = addRepWorkdays(rep, fu.at, randInt(1, 4));
  const decisionDay = addRepWorkdays(rep, sentDay, randInt(5, 18));
  if (sentDay > AS_OF) return open('Decision Maker Bought-In', slot(decisionDay));
  // A couple of chase calls while the contract is out.
  for (let i = randInt(0, 2), d = sentDay; i > 0; i--) {
    d = addRepWorkdays(rep, d, randInt(2, 4));
    if (d >= decisionDay || d > AS_OF) break;
    addCall(rep, slot(d, 9 * 60, 17 * 60), {
      outcome: weighted([['Connected', 3], ['Left voicemail', 2], ['No answer', 1]]),
      contact, type: 'Follow-up', deal: dealName, notes: chance(0.5) ? '<p>Chasing signature on the order form</p>' : '',
    });
  }
  if (rep.novemberSlump && fmtDate(decisionDay) >= '2026-11-01') {
    // The customer keeps saying "next month".
    return open('Contract Sent', slot(addRepWorkdays(rep, decisionDay, randInt(14, 24))));
  }
  if (decisionDay > AS_OF) return open('Contract Sent', slot(decisionDay));
  const won = chance(rep.win) && !(rep.maxWins !== undefined && rep.wins >= rep.maxWins);
  if (!won) return lost(addMinutes(slot(decisionDay), randInt(0, 29)));
  rep.wins += 1;
  return Object.assign(deal, { stage: 'Closed Won', closeAt: addMinutes(slot(decisionDay, 9 * 60, 17 * 60), randInt(0, 29)), won: true, closed: true });
}

function firstMeeting(rep, contact, type, createdAt, source) {
  const r = bookMeeting(rep, contact, type, createdAt, { source });
  if (r.status === 'kept') afterFirstMeeting(rep, contact, r.at);
}

function volumeFactor(rep, d) {
  let f = 1;
  if (rep.ramp) {
    const weeks = (d - rep.start) / (7 * DAY_MS);
    f = Math.min(1, 0.35 + 0.09 * weeks);
  }
  if (rep.novemberSlump && fmtDate(d) >= '2026-11-01') f *= 0.45;
  if (d.getUTCDay() === 5) f *= 0.85; // Fridays
  return f;
}

function dialSession(rep, d, n, fromMin, toMin, convFactor = 1) {
  const times = [];
  for (let i = 0; i < n; i++) times.push(randInt(fromMin, toMin));
  times.sort((a, b) => a - b);
  for (const t of times) {
    const at = addMinutes(d, t);
    const contact = newContact();
    let outcome;
    if (chance(rep.conv * convFactor)) outcome = chance(rep.book) ? 'Meeting Booked' : 'Connected';
    else outcome = weighted([['No answer', 45], ['Left voicemail', 35], ['Busy', 8], ['Left live message', 7], ['Wrong number', 5]]);
    const type = outcome === 'Meeting Booked' || (outcome === 'Connected' && chance(0.3)) ? 'Discovery' : '';
    addCall(rep, at, { outcome, contact, type });
    if (outcome === 'Meeting Booked') firstMeeting(rep, contact, 'Discovery', addMinutes(at, randInt(5, 20)), 'CRM UI');
  }
}

for (let d = SIM_START; d <= AS_OF; d = addDays(d, 1)) {
  for (const rep of REPS) {
    if (d < rep.start) continue;
    if (isWeekend(d)) {
      // Rare weekend catch-up calls.
      if (chance(0.025)) dialSession(rep, d, randInt(1, 5), 10 * 60, 14 * 60);
      continue;
    }
    if (!repAvailable(rep, d)) continue;
    const f = volumeFactor(rep, d);
    const n = Math.max(0, Math.round(rep.dialsPerDay * f * (0.7 + 0.6 * rng())));
    dialSession(rep, d, n, 8 * 60 + 30, 17 * 60 + 15, rep.novemberSlump && fmtDate(d) >= '2026-11-01' ? 0.85 : 1);
    if (chance(rep.inboundPerDay)) {
      const contact = newContact();
      const at = addMinutes(d, randInt(9 * 60, 17 * 60));
      const booked = chance(0.4);
      addCall(rep, at, { direction: 'Inbound', outcome: booked ? 'Meeting Booked' : 'Connected', contact, type: booked ? 'Demo' : '' });
      if (booked) firstMeeting(rep, contact, 'Demo', addMinutes(at, randInt(10, 25)), 'CRM UI');
    }
    if (chance(rep.publicPerDay)) {
      firstMeeting(rep, newContact(), 'Demo', addMinutes(d, randInt(7 * 60, 20 * 60)), 'Meetings Public');
    }
  }
}

// Messy rows a real export has.
addCall(null, addMinutes(day('2026-10-14'), 10 * 60 + 5), {
  outcome: 'Connected', contact: newContact(), notes: '<p>Logged by the dialer integration</p>',
});
{
  const m = meetings.find((x) => x.rep === 'Wei Chen' && fmtDate(x.start) === '2026-10-20' && x.outcome === 'Completed')
    ?? meetings.find((x) => x.rep === 'Wei Chen' && fmtDate(x.start) >= '2026-10-20' && x.outcome === 'Completed');
  m.createdOverride = '#VALUE!';
}
{
  // A deal owned by Priya that shows her e-mail address (as for a user who was deactivated at the time).
  const d = deals.find((x) => x.rep === 'Priya Raman' && x.won && fmtDate(x.closeAt) >= '2026-10-01');
  d.ownerOverride = 'priya.raman@acme.example';
}

// ---------------------------------------------------------------------------------------------
// Record IDs: increasing with creation time, with gaps, as in a real portal.

function assignIds(rows, base, gap) {
  const order = rows.map((r, i) => [r, i]).sort((a, b) => a[0].createdAt - b[0].createdAt || a[1] - b[1]);
  let id = base;
  for (const [r] of order) {
    id += randInt(gap[0], gap[1]);
    r.id = String(id);
  }
}
assignIds(calls, 58_213_000_000, [3, 61]);
assignIds(meetings, 71_946_200_000, [40, 900]);
assignIds(deals, 30_417_800_000, [500, 40_000]);

// ---------------------------------------------------------------------------------------------
// Output

function csvCell(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csv(headers, rows, eol = '\n') {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join(eol) + eol;
}
function write(rel, text) {
  const file = join(OUT, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
  return file;
}

const CALL_HEADERS = ['Record ID', 'Call Title', 'Activity date', 'Activity assigned to', 'Call outcome', 'Call direction', 'Call status', 'Call duration', 'Call and meeting type', 'Call notes', 'Associated Contact', 'Associated Company', 'Associated Deal', 'Create date'];
const callRow = (c) => [c.id, c.title, fmtDateTime(c.at), c.rep, c.outcome, c.direction, c.status, c.duration, c.type, c.notes, c.contact, c.company, c.deal, fmtDateTime(c.createdAt)];
const byTime = (a, b) => a.at - b.at || Number(a.id) - Number(b.id);
const inRange = (d, lo, hi) => startOfDay(d) >= lo && startOfDay(d) <= hi;

const q3 = calls.filter((c) => inRange(c.at, EXPORT_START, Q3_END)).sort(byTime);
const q4 = calls.filter((c) => inRange(c.at, Q4_START, AS_OF)).sort(byTime);
write('exports/hubspot-calls-2026-q3.csv', '\uFEFF' + csv(CALL_HEADERS, q3.map(callRow)));
write('exports/hubspot-calls-2026-q4.csv', csv(CALL_HEADERS, q4.map(callRow), '\r\n'));

const MEETING_HEADERS = ['Record ID', 'Meeting name', 'Activity date', 'Meeting start time', 'Meeting end time', 'Activity assigned to', 'Created by', 'Call and meeting type', 'Meeting outcome', 'Meeting source', 'Meeting location', 'Associated Contact', 'Associated Deal', 'Create date'];
const ms = meetings
  .filter((m) => startOfDay(m.start) >= EXPORT_START && startOfDay(m.createdAt) <= AS_OF)
  .sort((a, b) => a.start - b.start || Number(a.id) - Number(b.id));
write('exports/hubspot-meetings.csv', csv(MEETING_HEADERS, ms.map((m) => [
  m.id, m.name, fmtDateTime(m.start), fmtDateTime(m.start), fmtDateTime(m.end), m.rep, m.rep, m.type, m.outcome,
  m.source, m.location, contactCell(m.contact), m.dealName, m.createdOverride ?? fmtDateTime(m.createdAt),
])));

const DEAL_HEADERS = ['Record ID', 'Deal Name', 'Deal Stage', 'Pipeline', 'Amount', 'Close Date', 'Create Date', 'Deal owner', 'Deal Type', 'Is Closed Won', 'Is Deal Closed?', 'Associated Company'];
const ds = deals
  .filter((x) => startOfDay(x.createdAt) <= AS_OF && (!x.closed || startOfDay(x.closeAt) >= EXPORT_START))
  .sort((a, b) => a.createdAt - b.createdAt);
write('exports/hubspot-deals.csv', csv(DEAL_HEADERS, ds.map((x) => [
  x.id, x.name, x.stage, 'Sales Pipeline', x.amount, fmtDateTime(x.closeAt), fmtDateTime(x.createdAt),
  x.ownerOverride ?? x.rep, x.type, String(x.won), String(x.closed), x.company,
])));

write('targets.csv', csv(['rep', 'goal'], Object.entries(GOALS)));

write('funnel.config.yaml', `# Example configuration for the bundled Acme data (HubSpot exports).
# Run from this directory:  funnel report --as-of 2026-11-18
# Paths are relative to this file.

stages: [dial, conversation, appointment_set, appointment_kept, second_meeting, proposal, close]
labels:
  dial: Dials
  conversation: Conversations
  appointment_set: Appts set
  appointment_kept: Appts kept
  second_meeting: 2nd meetings
  proposal: Proposals
  close: Closes

weekStartsOn: monday
workdays: [mon, tue, wed, thu, fri]
holidays: [2026-09-07, 2026-11-26, 2026-12-25]   # Labor Day, Thanksgiving, Christmas

lookbackDays: 90      # ratios are learned from the last 90 days
priorCloses: 2        # blend each rep's ratios with the team's, worth 2 closes

# Reps are picked up from the data; list them here only to add aliases, goals, commitments
# or a coaching cadence. Monthly close goals live in targets.csv.
reps:
  Priya Raman:
    aliases: [priya.raman@acme.example]   # a few deals show her e-mail instead of her name
  Marisol Vega: { checkIn: autonomy }
  Connor Walsh: { commitments: { dial: 60 }, checkIn: weekly }           # per week
  Aisha Bello: { commitments: { appointment_kept: 6 }, checkIn: weekly }  # per week
  Grace Mwangi: { commitments: { dial: 75 }, checkIn: biweekly }          # per week

targets: targets.csv    # rep,goal

sources:
  # Calls index -> Export view, one file per quarter. The two files overlap by a few days;
  # the shared Record IDs are counted once.
  - path: exports/hubspot-calls-*.csv
    columns: { rep: Activity assigned to, date: Activity date, id: Record ID }
    dateFormat: yyyy-MM-dd HH:mm
    rules:
      - stage: dial
        when: { Call direction: Outbound }
      - stage: conversation
        when: { Call direction: Outbound, Call outcome: { in: [Connected, Meeting Booked] } }

  # Meetings index -> Export view. A meeting counts as set when it was booked (Create date)
  # and as kept when it was held (Activity date) with the outcome Completed.
  - path: exports/hubspot-meetings.csv
    columns: { rep: Activity assigned to, date: Activity date, id: Record ID }
    dateFormat: yyyy-MM-dd HH:mm
    rules:
      - stage: appointment_set
        when: { Record ID: { empty: false } }
        date: Create date
      - stage: appointment_kept
        when: { Meeting outcome: Completed }
      - stage: second_meeting
        when: { Meeting outcome: Completed, Call and meeting type: Follow-up }

  # Deals index -> Export view. The export has no stage history, so a deal counts as a
  # proposal when it is (or ended) past "Contract Sent", dated by its Create Date.
  - path: exports/hubspot-deals.csv
    columns: { rep: Deal owner, date: Create Date, id: Record ID, created: Create Date }   # created: the sales cycle
    dateFormat: yyyy-MM-dd HH:mm
    rules:
      - stage: proposal
        when: { Deal Stage: { in: [Contract Sent, Closed Won] } }
      - stage: close
        when: { Is Closed Won: "true" }
        date: Close Date
`);

const overlap = q3.filter((c) => inRange(c.at, Q4_START, Q3_END)).length;
process.stderr.write(
  `examples/acme: calls q3 ${q3.length}, calls q4 ${q4.length} (${overlap} shared), meetings ${ms.length}, deals ${ds.length}\n`,
);
