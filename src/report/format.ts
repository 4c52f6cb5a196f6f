// Number and date formatting shared by the text renderers.

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Whole number with thousands separators; '–' for null. */
export function int(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : INT.format(n);
}

/** One decimal; '–' for null. */
export function dec(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : ONE.format(n);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${INT.format(n)} ${n === 1 ? word : many}`;
}

/** Short stage names for narrow table columns; custom labels are used as written. */
const SHORT: Record<string, string> = {
  dial: 'Dials',
  conversation: 'Convos',
  appointment_set: 'Set',
  appointment_kept: 'Kept',
  second_meeting: '2nd mtg',
  proposal: 'Props',
  close: 'Closes',
};

export function shortLabel(stage: { id: string; label: string }, defaults: Record<string, string>): string {
  return stage.label === defaults[stage.id] ? (SHORT[stage.id] ?? stage.label) : stage.label;
}

/** A share as a whole percentage: `76%`; '–' for null. */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '–' : `${Math.round(share * 100)}%`;
}

/** A share as a percentage with one decimal: `25.0%`; '–' for null. */
export function percent1(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '–' : `${dec(share * 100)}%`;
}

/** Whole numbers as they are, others with one decimal: `20`, `21.5`. */
export function num(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : Number.isInteger(x) ? int(x) : dec(x);
}

/** `+12%`, `−30%`, `0%`, '' for null: a change as a signed whole percentage (real minus sign). */
export function signedPercent(x: number | null): string {
  if (x === null) return '';
  const n = Math.round(x * 100);
  return n > 0 ? `+${n}%` : n < 0 ? `−${-n}%` : '0%';
}

/** `+3.1pt`, `−12.0pt`, '' for null: a change given in percentage points. */
export function signedPoints(x: number | null): string {
  if (x === null) return '';
  const v = Math.round(x * 10) / 10;
  return v > 0 ? `+${v.toFixed(1)}pt` : v < 0 ? `−${(-v).toFixed(1)}pt` : '0.0pt';
}
