import type { RawRecord } from '../ingest/types.js';

// A mapping guessed for a file no preset recognises, for `funnel init` to write: the rep, date,
// id and created columns from header names and values, the values of columns that hold few of
// them, and rules proposed from values that look like stages and outcomes.

/** Distinct values kept per column; a column with more is not listed. */
const MAX_DISTINCT = 200;
/** A column with at most this many distinct values is listed with its counts. */
export const LOW_CARDINALITY = 20;

/** What the values of one column look like. */
export interface ColumnProfile {
  header: string;
  /** Non-empty values. */
  filled: number;
  /** Value → count, or null once the column has more than MAX_DISTINCT distinct values. */
  values: Map<string, number> | null;
  dates: number;
  numbers: number;
  emails: number;
  /** Distinct values seen, up to MAX_DISTINCT + 1. */
  distinct: number;
}

const DATE_LIKE = /^(?:\d{4}-\d{2}-\d{2}(?:[T ].*)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:[ T,].*)?|\d{4}\/\d{1,2}\/\d{1,2}.*)$/;
const NUMBER_LIKE = /^-?[\d.,\s]+$/;
export const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Collects column profiles record by record (CSV cells by position, JSON values by dot path). */
export class FileProfile {
  rows = 0;
  readonly columns: ColumnProfile[];
  private readonly seen: Set<string>[];

  constructor(readonly headers: string[]) {
    this.columns = headers.map((header) => ({ header: header.trim(), filled: 0, values: new Map(), dates: 0, numbers: 0, emails: 0, distinct: 0 }));
    this.seen = headers.map(() => new Set());
  }

  add(record: RawRecord): void {
    this.rows++;
    this.columns.forEach((c, i) => {
      const value = cellOf(record, i, c.header).trim();
      if (value === '') return;
      c.filled++;
      if (DATE_LIKE.test(value)) c.dates++;
      else if (NUMBER_LIKE.test(value)) c.numbers++;
      else if (EMAIL_LIKE.test(value)) c.emails++;
      const seen = this.seen[i];
      if (seen.size <= MAX_DISTINCT && !seen.has(value)) {
        seen.add(value);
        c.distinct = seen.size;
      }
      if (c.values) {
        if (seen.size > MAX_DISTINCT) c.values = null;
        else c.values.set(value, (c.values.get(value) ?? 0) + 1);
      }
    });
  }
}

function cellOf(record: RawRecord, i: number, header: string): string {
  if (Array.isArray(record)) return record[i] ?? '';
  let v: unknown = header in record ? record[header] : undefined;
  if (v === undefined) {
    v = record;
    for (const p of header.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  }
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A rule `funnel init` proposes (written commented out), with why. */
export interface ProposedRule {
  stage: string;
  column: string;
  values: string[];
  date?: string;
  created?: string;
  why: string;
}

/** The guessed mapping of one file. */
export interface GuessedMapping {
  columns: { rep?: string; date?: string; id?: string; created?: string };
  /** Columns with few distinct values: their values and counts, most frequent first. */
  lowCardinality: { column: string; values: [string, number][] }[];
  rules: ProposedRule[];
  /** Text columns that could hold the rep when none was recognised by name. */
  repCandidates: string[];
  /** The values of the rep column (when it has at most a few hundred). */
  reps: string[];
}

const REP_NAMES = /owner|(^|[^a-z])rep($|[^a-z])|^rep|agent|sales ?person|salesperson|seller|assigned|^user$|employee|account ?manager|advisor|consultant|caller|^sdr$|^bdr$|^ae$/;
const CREATED_NAMES = /creat|engage|opened|^start|date ?added|lead ?date/;
const CLOSE_NAMES = /clos|won|signed|paid|payment ?date|deal ?date/;
const ACTIVITY_NAMES = /activity|call|meeting|date|time|when|day|week|timestamp/;
const ID_NAMES = /^id$|(?:^|[^a-z])id$|^id[^a-z]|identifier|^key$|record ?id|uuid/;

/** Stage words in values: the first matching pattern proposes a rule for its stage. */
const STAGE_WORDS: { stage: string; pattern: RegExp; why: string }[] = [
  { stage: 'close', pattern: /^(?:closed[\s_-]*)?won$|^deal won$|^payment done$|^paid$|^sold$|^signed$|^customer$|^closed[\s_-]*won/i, why: 'a won deal' },
  { stage: 'proposal', pattern: /proposal|quote|negotiat|offer sent|contract sent|waiting for payment/i, why: 'a proposal or quote' },
  { stage: 'second_meeting', pattern: /second meeting|2nd meeting|follow[\s-]*up meeting/i, why: 'a second meeting' },
  { stage: 'appointment_kept', pattern: /^completed$|^held$|^attended$|^showed$|^show$|^meeting held$|^demo (?:held|done)$/i, why: 'a meeting that took place' },
  { stage: 'appointment_set', pattern: /^scheduled$|^booked$|meeting (?:booked|set|scheduled)|appointment (?:set|booked)|^demo (?:booked|scheduled)$/i, why: 'a meeting booked' },
  { stage: 'conversation', pattern: /^connected$|^answered$|^spoke|^conversation|^reached$|^live (?:call|conversation)$/i, why: 'a conversation' },
];

function namedLike(profiles: ColumnProfile[], pattern: RegExp, isOk: (c: ColumnProfile) => boolean): ColumnProfile | undefined {
  return profiles.find((c) => pattern.test(c.header.toLowerCase().replace(/[_-]+/g, ' ')) && isOk(c));
}

/** Guesses the mapping of a file from its column profiles; `stages` are the config's. */
export function guessMapping(profile: FileProfile, stages: readonly string[]): GuessedMapping {
  const cols = profile.columns.filter((c) => c.header !== '' && c.filled > 0);
  const isDate = (c: ColumnProfile) => c.dates >= c.filled * 0.8;
  const isText = (c: ColumnProfile) => c.dates + c.numbers < c.filled * 0.5;
  const isUnique = (c: ColumnProfile) => c.values === null || c.distinct >= profile.rows * 0.95;

  const rep = namedLike(cols, REP_NAMES, (c) => isText(c) || c.numbers >= c.filled * 0.8);
  const dates = cols.filter(isDate);
  const created = namedLike(dates, CREATED_NAMES, () => true);
  const close = namedLike(dates, CLOSE_NAMES, (c) => c !== created);
  const activity = namedLike(dates, ACTIVITY_NAMES, (c) => c !== created && c !== close);
  const id = namedLike(cols, ID_NAMES, (c) => c !== rep && isUnique(c) && !isDate(c));
  const used = new Set([rep, created, close, activity, id].filter(Boolean));

  const lowCardinality = cols
    .filter((c) => !used.has(c) && c.values !== null && c.distinct <= LOW_CARDINALITY && !isDate(c))
    .map((c) => ({ column: c.header, values: [...c.values!].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) }));

  const known = new Set(stages);
  const rules: ProposedRule[] = [];
  for (const { column, values } of lowCardinality) {
    for (const w of STAGE_WORDS) {
      if (!known.has(w.stage) || rules.some((r) => r.stage === w.stage)) continue;
      const hits = values.map(([v]) => v).filter((v) => w.pattern.test(v.trim()));
      if (hits.length === 0) continue;
      const isClose = w.stage === stages[stages.length - 1];
      // A close is dated when it closed; an earlier stage by its activity, else the deal's creation.
      const date = isClose ? (close ?? activity ?? created) : (activity ?? created ?? close);
      rules.push({
        stage: w.stage,
        column,
        values: hits,
        date: date?.header,
        created: isClose && created && created !== date ? created.header : undefined,
        why: `${hits.map((h) => JSON.stringify(h)).join(', ')} in "${column}" ${hits.length === 1 ? 'looks' : 'look'} like ${w.why}`,
      });
    }
  }
  rules.sort((a, b) => stages.indexOf(a.stage) - stages.indexOf(b.stage));
  const main = close ?? activity ?? created ?? dates[0];
  return {
    columns: { rep: rep?.header, date: main?.header, id: id?.header, created: created?.header },
    lowCardinality,
    rules,
    reps: rep?.values ? [...rep.values.keys()].sort((a, b) => a.localeCompare(b)) : [],
    repCandidates: rep ? [] : cols.filter((c) => isText(c) && c.values !== null && c.distinct >= 2 && c.distinct <= MAX_DISTINCT).map((c) => c.header),
  };
}
