import { collapse } from '../text.js';

/** A rep as identified in the data: `key` compares, `name` displays. */
export interface RepId {
  key: string;
  name: string;
}

/**
 * Resolves rep names as written to reps: trimmed, whitespace collapsed, matched
 * case-insensitively to configured names and aliases.
 */
export class RepResolver {
  private readonly known = new Map<string, RepId>();
  private readonly unknown = new Map<string, RepId>();
  private readonly cache = new Map<string, RepId | null>();

  constructor(reps: Record<string, { aliases: string[] }>) {
    for (const [name, rep] of Object.entries(reps)) {
      const id = { key: collapse(name).toLowerCase(), name: collapse(name) };
      this.known.set(id.key, id);
      for (const alias of rep.aliases) this.known.set(collapse(alias).toLowerCase(), id);
    }
  }

  /** Called with a cell value not in the cache: a spelling met for the first time (the cache keeps 100,000). */
  protected spelled(_raw: string): void {}

  /** The rep for a cell value, or null when the value is empty. */
  resolve(raw: string): RepId | null {
    let id = this.cache.get(raw);
    if (id !== undefined) return id;
    this.spelled(raw);
    const name = collapse(raw);
    if (name === '') id = null;
    else {
      const key = name.toLowerCase();
      id = this.known.get(key) ?? this.unknown.get(key);
      if (!id) {
        // The first spelling seen names a rep the config does not.
        const own = detached(name);
        id = { key: key === name ? own : key, name: own };
        this.unknown.set(id.key, id);
      }
    }
    // Rep spellings are few; the cache stays small.
    if (this.cache.size < 100_000) this.cache.set(raw === id?.name ? id.name : detached(raw), id);
    return id;
  }
}

/**
 * `s` as a string of its own. A cell read from a record can be a slice of the record's text, which
 * V8 keeps whole while the slice lives: kept for the whole run, 20,000 rep names held 20,000 rows.
 */
function detached(s: string): string {
  return s.split('').join('');
}
