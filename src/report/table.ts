import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';

// The only module that builds terminal tables; colour comes in as a chalk instance decided once.

/** A borderless table with two spaces between columns; the first `leftAligned` columns align left. */
export function table(head: string[], rows: string[][], chalk: ChalkInstance, leftAligned = 1): string {
  const t = new Table({
    head: head.map((h) => chalk.bold(h)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: head.map((_, i) => (i < leftAligned ? 'left' : 'right')),
  });
  for (const r of rows) t.push(r);
  return t
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
