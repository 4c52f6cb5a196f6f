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
