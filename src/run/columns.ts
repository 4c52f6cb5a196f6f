import { FunnelError } from '../errors.js';
import type { RawRecord } from '../ingest/types.js';
import { closest, findHeader } from '../text.js';

// How a file's columns are found by name, for the streaming pipeline and the SQL loader alike.

/** Two columns with one name cannot be told apart: an error naming both positions. */
export function checkDuplicateHeaders(headers: string[], file: string, line: number): void {
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const name = h.trim();
    if (name === '') return;
    const before = seen.get(name);
    if (before !== undefined) {
      throw new FunnelError('DUPLICATE_HEADER', `column "${name}" appears twice (columns ${before + 1} and ${i + 1})`, {
        where: { file, line },
        hint: 'rename one of them in the file, so each column can be told apart',
      });
    }
    seen.set(name, i);
  });
}

/**
 * The position of a CSV column by name, compared as presets compare headers (findHeader: case,
 * accents, spaces and punctuation do not matter; the closest spelling wins); a missing one is an
 * error with a "did you mean" and the fix's key.
 */
export function headerIndex(headers: string[], file: string, line: number, sourceKey: string | null): (name: string, key: string) => number {
  return (name, key) => {
    const idx = findHeader(headers, name);
    if (idx < 0) {
      const suggestion = closest(name, headers.map((h) => h.trim()));
      throw new FunnelError('COLUMN_NOT_FOUND', `no column "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, {
        where: { file, line, key },
        hint: `the header has: ${headers.map((h) => JSON.stringify(h.trim())).join(', ')}${sourceKey ? `; fix ${key}` : ''}`,
      });
    }
    return idx;
  };
}

/** JSON fields by dot path (`owner.name`); a literal key with dots wins. Absent → ''. */
export function jsonColumn(name: string): (r: RawRecord) => string {
  const parts = name.split('.');
  return (r) => {
    const obj = r as Record<string, unknown>;
    let v: unknown = name in obj ? obj[name] : undefined;
    if (v === undefined && parts.length > 1) {
      v = obj;
      for (const p of parts) {
        if (v === null || typeof v !== 'object') {
          v = undefined;
          break;
        }
        v = (v as Record<string, unknown>)[p];
      }
    }
    if (v === undefined || v === null) return '';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
}
