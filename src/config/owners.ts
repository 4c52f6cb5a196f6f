import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FunnelError } from '../errors.js';
import { collapse, headerKey } from '../text.js';
import type { LoadedConfig } from './load.js';

/** The file read beside the config (or in the working folder without one) when `owners` is not set. */
export const OWNERS_FILE = 'owners.csv';

// Header keys (headerKey: letters and digits, lower-case) in order of preference: a whole user or
// owner table exported as it is (Salesforce's User has `Id`, `Alias` and `Email`; HubSpot's
// owners `owner_id` and `email`) keys on its id.
const KEY_HEADERS = [['id', 'ownerid', 'userid', 'hubspotownerid'], ['email', 'owneremail'], ['key', 'alias']];
const NAME_HEADERS = [['name', 'fullname', 'ownername', 'repname'], ['rep', 'owner']];

/** The first column whose header key is in the most preferred group, or -1. */
function preferredColumn(header: readonly string[], groups: readonly string[][]): number {
  const keys = header.map(headerKey);
  for (const group of groups) {
    const i = keys.findIndex((k) => group.includes(k));
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Owner ids and e-mail addresses → rep names, from `owners: FILE` in the config (relative to it)
 * or owners.csv beside it when present. Two columns, with a header: the id or e-mail
 * (`id`, `owner_id`, `email` …; an id column wins over an e-mail or alias column) and the name
 * (`name`, `full_name`, `rep`, `owner` …); without such headers the first column is the id and the
 * second the name. Small file: read whole. Empty when there is none.
 */
export function loadOwners(loaded: LoadedConfig): Map<string, string> {
  const configured = loaded.config.owners;
  const path = configured ? resolve(loaded.dir, configured) : join(loaded.dir, OWNERS_FILE);
  const display = configured ?? OWNERS_FILE;
  if (!configured && !existsSync(path)) return new Map();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FunnelError('OWNERS_INVALID', code === 'ENOENT' ? 'no such owners file' : `cannot read the owners file (${code})`, {
      where: { file: display, key: 'owners' },
      hint: 'check the owners key (a path relative to the config file), or remove it',
    });
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, delimiter: [',', ';', '\t'] });
  } catch (err) {
    throw new FunnelError('OWNERS_INVALID', `not a readable CSV (${(err as Error).message})`, { where: { file: display }, hint: 'write it as id,name with one owner a line' });
  }
  const header = rows[0] ?? [];
  let keyCol = preferredColumn(header, KEY_HEADERS);
  let nameCol = preferredColumn(header, NAME_HEADERS);
  if (keyCol < 0 || nameCol < 0 || keyCol === nameCol) {
    keyCol = 0;
    nameCol = 1;
  }
  const owners = new Map<string, string>();
  rows.slice(1).forEach((row, i) => {
    const key = collapse(row[keyCol] ?? '');
    const name = collapse(row[nameCol] ?? '');
    if (key === '' && name === '') return;
    if (key === '' || name === '') {
      throw new FunnelError('OWNERS_INVALID', `row ${i + 2} needs both an id (or e-mail) and a name`, {
        where: { file: display, line: i + 2 },
        hint: `columns: ${header.map((h) => JSON.stringify(h)).join(', ')}; write id,name`,
      });
    }
    owners.set(key, name);
  });
  return owners;
}

/** The config's reps with each owner id or e-mail added to its rep's aliases (a rep the config does not name is added). */
export function withOwners<R extends { aliases: string[] }>(reps: Record<string, R>, owners: Map<string, string>, blank: () => R): Record<string, R> {
  if (owners.size === 0) return reps;
  const out: Record<string, R> = {};
  const byKey = new Map<string, string>();
  for (const [name, rep] of Object.entries(reps)) {
    out[name] = { ...rep, aliases: [...rep.aliases] };
    byKey.set(collapse(name).toLowerCase(), name);
  }
  for (const [key, name] of owners) {
    const existing = byKey.get(collapse(name).toLowerCase());
    const target = existing ?? name;
    if (!existing) {
      out[target] = blank();
      byKey.set(collapse(name).toLowerCase(), target);
    }
    out[target].aliases.push(key);
  }
  return out;
}
