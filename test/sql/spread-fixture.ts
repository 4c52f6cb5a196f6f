import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Two tally sheets: `Week Of` (the week from the date) and `W/E` (the week ending on it), with
 * Thanksgiving (2026-11-26) a holiday. Returns the folder.
 */
export function writeFiles(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'funnel.config.yaml'),
    `stages: [dial, close]
workdays: [mon, tue, wed, thu, fri]
holidays: [2026-11-26]
sources:
  - path: weekly.csv
    shape: tallies
    columns: { rep: Rep, date: Week Of }
    counts: { dial: Dials, close: Closes }
  - path: weekend.csv
    shape: tallies
    columns: { rep: Rep, date: W/E }
    counts: { dial: Dials }
`,
  );
  // 7 over Mon, Tue, Wed, Fri (Thursday is a holiday): 2, 2, 2, 1.
  writeFileSync(join(dir, 'weekly.csv'), 'Rep,Week Of,Dials,Closes\nAnn,2026-11-23,7,1\nAnn,2026-11-30,5,\n');
  // Week ending Sunday 22nd: 3 over Mon 16 to Fri 20 → 1, 1, 1, 0, 0. Ending Saturday 28th: 2 over 23, 24, 25, 27 → 1, 1.
  writeFileSync(join(dir, 'weekend.csv'), 'Rep,W/E,Dials\nBen,2026-11-22,3\nBen,2026-11-28,2\n');
  return dir;
}

/** Without as-of: every working day of the week gets a share. */
export const UNCAPPED = {
  'ann (Ann)': {
    close: { '2026-11-23': 1 },
    dial: { '2026-11-23': 2, '2026-11-24': 2, '2026-11-25': 2, '2026-11-27': 1, '2026-11-30': 1, '2026-12-01': 1, '2026-12-02': 1, '2026-12-03': 1, '2026-12-04': 1 },
  },
  'ben (Ben)': { dial: { '2026-11-16': 1, '2026-11-17': 1, '2026-11-18': 1, '2026-11-23': 1, '2026-11-24': 1 } },
};

/** As of 2026-11-24: Ann's week of the 23rd has two days so far; her week of the 30th none, so it stays on its date. */
export const AS_OF_24 = {
  'ann (Ann)': { close: { '2026-11-23': 1 }, dial: { '2026-11-23': 4, '2026-11-24': 3, '2026-11-30': 5 } },
  'ben (Ben)': UNCAPPED['ben (Ben)'],
};
