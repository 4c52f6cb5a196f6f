// The one way HTML is built: the `html` tagged template escapes every interpolated value unless
// it is itself the result of `html` (or a constant marked with `trusted`).

/** Markup that is already safe to insert: made by `html`, or a constant of ours. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '`, so text is safe both in element content and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function piece(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

/**
 * Builds markup: every `${value}` is escaped, except SafeHtml (nested `html`), arrays (each item
 * as above) and null, undefined or false (nothing).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks a constant of ours (a style sheet) as safe. Never pass data through it. */
export function trusted(constant: string): SafeHtml {
  return new SafeHtml(constant);
}
