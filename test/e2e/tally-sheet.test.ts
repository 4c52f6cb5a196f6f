// A hand-kept weekly sheet as managers keep it: a title and a blank line above the table, a
// TOTALS row at the bottom, one row per rep and week.
import { describe, expect, it } from 'vitest';
import { funnel, json, tempDir } from './run.js';

// 2026-11-09 and 2026-11-16 are Mondays; 2026-11-24 is a Tuesday.
const SHEET = [
  'Acme Sales - Weekly Activity Report,,,,',
  ',,,,',
  'Week Of,Sales Rep,Calls,Appointments Set,Closes',
  '2026-11-09,Ann Lee,40,3,1',
  '2026-11-09,Ben Ortiz,35,2,0',
  '2026-11-16,Ann Lee,42,4,1',
  '2026-11-16,Ben Ortiz,31,1,1',
  'TOTALS,,148,10,3',
  '',
].join('\n');

describe('a hand-kept weekly sheet', () => {
  it('inspect: header on line 3, the title lines skipped, the TOTALS row ignored with its reason', async () => {
    const dir = tempDir({ 'weekly-activity.csv': SHEET });
    const r = await funnel(['inspect', 'weekly-activity.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  read by preset weekly-tally: dial, appointment_set, close');
    expect(r.stdout).toContain('  rows 5: 4 used, 1 ignored, 0 rejected');
    expect(r.stdout).toContain("  ignored 1: a totals row (line 8: their counts are the other rows')");
    expect(r.stdout).toContain('  warning: header found on line 3; lines 1–2 skipped (a title or blank lines above the table are not rows)');
  });

  it('report --strict passes; each week is spread over its working days, so the idle rule sees the week', async () => {
    const dir = tempDir({ 'weekly-activity.csv': SHEET });
    const r = await funnel(['report', 'weekly-activity.csv', '--strict', '--as-of', '2026-11-24', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.input).toMatchObject({ rows: 5, used: 4, ignored: 1, rejected: 0 });
    const ann = doc.reps.find((x: any) => x.rep === 'Ann Lee');
    expect(ann.counts).toEqual({ dial: 82, appointment_set: 7, close: 2 });
    // The week of the 16th ends on Friday the 20th: two working days (23rd, 24th) since.
    expect(ann.lastActivity).toBe('2026-11-20');
    expect(ann.idleWorkingDays).toBe(2);
    expect(ann.diagnoses).not.toContain('idle');
  });

  it('a week across a period boundary is split by its working days (Mon 28 Sep to Fri 2 Oct: 3 + 2)', async () => {
    // 10 calls over five days: 2 a day; September gets the 28th, 29th and 30th.
    const dir = tempDir({ 'weekly-activity.csv': 'Week Of,Sales Rep,Calls\n2026-09-28,Ann Lee,10\n' });
    const sep = await funnel(['report', 'weekly-activity.csv', '--as-of', '2026-10-30', '--period', '2026-09', '--format', 'json'], { cwd: dir });
    const oct = await funnel(['report', 'weekly-activity.csv', '--as-of', '2026-10-30', '--period', '2026-10', '--format', 'json'], { cwd: dir });
    expect(json(sep).team.counts.dial).toBe(6);
    expect(json(oct).team.counts.dial).toBe(4);
  });

  it('nothing recorded for a whole week after the last one: idle, from the end of that week', async () => {
    const dir = tempDir({ 'weekly-activity.csv': SHEET });
    const r = await funnel(['report', 'weekly-activity.csv', '--as-of', '2026-12-01', '--format', 'json', '--quiet'], { cwd: dir });
    const ann = json(r).reps.find((x: any) => x.rep === 'Ann Lee');
    expect(ann.idleWorkingDays).toBe(7);
    expect(ann.diagnoses).toContain('idle');
  });
});
