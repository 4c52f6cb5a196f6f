import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';

// The only module that builds terminal tables; colour comes in as a chalk instance decided once.

// cli-table3's own measure of a cell (display width, colour codes left out), for the widths below.
const { strlen } = createRequire(import.meta.url)('cli-table3/src/utils.js') as { strlen: (text: string) => number };

/** Rows per cli-table3 table: its layout takes time quadratic in the rows of one table. */
const BLOCK = 200;

/** A borderless table with two spaces between columns; the first `leftAligned` columns align left. */
export function table(head: string[], rows: string[][], chalk: ChalkInstance, leftAligned = 1): string {
  const bold = head.map((h) => chalk.bold(h));
  const aligns = head.map((_, i) => (i < leftAligned ? 'left' : 'right') as 'left' | 'right');
  // Blocks of rows, each laid out with the widths of the whole table, print the lines one table
  // would, in time linear in the rows (one table of 100,000 rows took many minutes).
  const widths = bold.map((h) => strlen(h));
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, strlen(cell))));
  const blocks: string[] = [];
  for (let at = 0; at === 0 || at < rows.length; at += BLOCK) blocks.push(block(at === 0 ? bold : [], rows.slice(at, at + BLOCK), widths, aligns));
  return blocks.join('\n');
}

function block(head: string[], rows: string[][], widths: number[], aligns: ('left' | 'right')[]): string {
  const t = new Table({
    head,
    colWidths: widths,
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: aligns,
  });
  for (const r of rows) t.push(r);
  return t
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
