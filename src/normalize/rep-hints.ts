import { collapse } from '../text.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const OWNER_ID = /^\d{3,}$/;

/** A rep value that is probably another spelling of a rep: an e-mail address, or an owner id. */
export interface RepHint {
  value: string;
  kind: 'email' | 'id';
  /** The rep name an e-mail address belongs to, when its local part spells one. */
  name: string | null;
}

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The name among `names` that an e-mail's local part spells: priya.raman, priya_raman, praman, priyar. */
function nameOf(email: string, names: string[]): string | null {
  const local = email.split('@')[0].toLowerCase();
  const parts = words(local);
  for (const name of names) {
    const w = words(name);
    if (w.length < 2) continue;
    const first = w[0];
    const last = w[w.length - 1];
    const joined = parts.join('');
    if (parts.length >= 2 && parts[0] === first && parts[parts.length - 1] === last) return name;
    if (joined === first + last || joined === first[0] + last || joined === first + last[0] || joined === last + first) return name;
  }
  return null;
}

/**
 * E-mail addresses and numeric owner ids among rep values that also hold names: each is a
 * hint to add it to a rep's aliases (or to owners.csv). Nothing when every value is a name, or
 * when none is (a file of ids only is still worth a hint: ids are no names).
 */
export function repHints(reps: readonly string[]): RepHint[] {
  const names = reps.filter((r) => !EMAIL.test(r) && !OWNER_ID.test(r));
  const hints: RepHint[] = [];
  for (const value of reps) {
    const v = collapse(value);
    if (EMAIL.test(v)) hints.push({ value: v, kind: 'email', name: nameOf(v, names) });
    else if (OWNER_ID.test(v)) hints.push({ value: v, kind: 'id', name: null });
  }
  return hints;
}

/** One line per hint, for inspect's warnings and init's comments. */
export function repHintLines(hints: readonly RepHint[]): string[] {
  const lines: string[] = [];
  for (const h of hints.filter((x) => x.kind === 'email')) {
    lines.push(
      h.name
        ? `rep "${h.value}" looks like the e-mail of ${h.name}: add it to the aliases (reps: { ${JSON.stringify(h.name)}: { aliases: [${JSON.stringify(h.value)}] } }), or map it in owners.csv`
        : `rep "${h.value}" is an e-mail address: add it to the aliases of the rep it belongs to, or map it in owners.csv (email,name)`,
    );
  }
  const ids = hints.filter((x) => x.kind === 'id').map((x) => x.value);
  if (ids.length > 0) {
    const shown = ids.slice(0, 3).map((v) => JSON.stringify(v)).join(', ');
    lines.push(`${ids.length === 1 ? `rep ${shown} looks like an owner id` : `reps ${shown}${ids.length > 3 ? ', …' : ''} look like owner ids`}: map ids to names in owners.csv (id,name) beside the config`);
  }
  return lines;
}
