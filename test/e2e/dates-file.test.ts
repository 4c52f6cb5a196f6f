// Day/month order decided per file: the reproducers of a US Salesforce opportunities report and
// a Dynamics phone calls export with AM/PM times, alone and beside files that read fine.
import { describe, expect, it } from 'vitest';
import { funnel, json, tempDir } from './run.js';

const SF_REPORT = `"Opportunity Owner","Account Name","Opportunity Name","Stage","Amount","Close Date","Created Date"
"Ann Lee","Acme","Acme - renewal","Closed Won","1000","3/28/2025","3/4/2025"
"Ben Ortiz","Globex","Globex - new","Proposal/Price Quote","2000","4/15/2025","3/7/2025"
"Ann Lee","Initech","Initech - upsell","Closed Won","500","4/2/2025","3/10/2025"
`;

const DYNAMICS_CALLS = `Subject,Direction,Call To,Owner,Activity Status,Status Reason,Actual End,Due
Intro call,Outgoing,Acme,Ann Lee,Completed,Made,3/4/2025 10:37 AM,3/4/2025 10:30 AM
Follow up,Outgoing,Globex,Ben Ortiz,Completed,Made,3/5/2025 2:05 PM,3/5/2025 1:00 PM
`;

const HUBSPOT_CALLS = `Activity date,Activity assigned to,Call outcome,Call direction,Record ID
2025-03-10 09:00,Ann Lee,Connected,Outbound,1
2025-03-11 09:00,Ben Ortiz,Busy,Outbound,2
`;

const AS_OF = ['--as-of', '2025-04-20', '--period', '2025-03'];

describe('dates the file can settle', () => {
  it('a Salesforce report: Close Date 3/28/2025 settles Created Date 3/4/2025 (month-first)', async () => {
    const dir = tempDir({ 'report1.csv': SF_REPORT });
    const r = await funnel(['inspect', 'report1.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const f = json(r).files[0];
    expect(f).toMatchObject({ rows: 3, used: 3, rejected: 0, dateFormats: { 'Close Date': 'M/d/yyyy', 'Created Date': 'M/d/yyyy' } });
    expect(f.dateRange).toEqual({ start: '2025-03-04', end: '2025-04-02' });
    const report = await funnel(['report', 'report1.csv', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    // March proposals: created 3/4, 3/7 and 3/10 (two won, one in Proposal/Price Quote).
    expect(json(report).team.counts.proposal).toBe(3);
  });

  it('a Dynamics export with only days up to 12: exit 2, naming both columns and a dateFormat with AM/PM', async () => {
    const dir = tempDir({ 'phonecalls.csv': DYNAMICS_CALLS });
    const r = await funnel(['report', 'phonecalls.csv', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'funnel: error: phonecalls.csv: dates like "3/4/2025 10:37 AM" in columns "Actual End", "Due" (line 2) could be day-first or month-first, and no other date in the file tells',
        '  fix: pass --month-first or --day-first, or run "funnel init phonecalls.csv" and set dateFormat to "M/d/yyyy h:mm a" (month-first) or "d/M/yyyy h:mm a" (day-first) on the source it writes',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [['--month-first'], { start: '2025-03-04', end: '2025-03-05' }],
    [['--day-first'], { start: '2025-04-03', end: '2025-05-03' }],
    [['--date-format', 'M/d/yyyy h:mm a'], { start: '2025-03-04', end: '2025-03-05' }],
  ])('%j reads what the file leaves open', async (flags, range) => {
    const dir = tempDir({ 'phonecalls.csv': DYNAMICS_CALLS });
    const r = await funnel(['inspect', 'phonecalls.csv', ...flags, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).files[0]).toMatchObject({ used: 2, rejected: 0, dateRange: range });
  });

  it('the suggested dateFormat, set on a config source, reads the file', async () => {
    const config = 'sources:\n  - path: phonecalls.csv\n    preset: dynamics-phonecalls\n    dateFormat: "M/d/yyyy h:mm a"\n';
    const dir = tempDir({ 'phonecalls.csv': DYNAMICS_CALLS, 'funnel.config.yaml': config });
    const r = await funnel(['report', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).team.counts.dial).toBe(2);
  });

  it('--day-first and --month-first together: a usage error', async () => {
    const r = await funnel(['report', '--day-first', '--month-first', 'x.csv'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('funnel: error: --month-first and --day-first contradict each other');
  });

  it('inspect reports the good files beside an undecidable one, and shows its error', async () => {
    const dir = tempDir({ 'phonecalls.csv': DYNAMICS_CALLS, 'calls.csv': HUBSPOT_CALLS, 'report1.csv': SF_REPORT });
    const r = await funnel(['inspect', 'calls.csv', 'phonecalls.csv', 'report1.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('calls.csv\n  format csv');
    expect(r.stdout).toContain('rows 2: 2 used, 0 ignored, 0 rejected');
    expect(r.stdout).toContain('rows 3: 3 used, 0 ignored, 0 rejected');
    expect(r.stdout).toContain('  rows 2: 0 used, 0 ignored, 2 rejected');
    expect(r.stdout).toContain('  warning: error: dates like "3/4/2025 10:37 AM" in columns "Actual End", "Due" (line 2) could be day-first or month-first');
    expect(r.stdout).toContain('    phonecalls.csv:2: "3/4/2025 10:37 AM" could be day-first or month-first');
  });

  it('report over a folder names every undecidable file with its fix in one message', async () => {
    const dir = tempDir({ 'phonecalls.csv': DYNAMICS_CALLS, 'phonecalls-2.csv': DYNAMICS_CALLS, 'calls.csv': HUBSPOT_CALLS });
    const r = await funnel(['report', '.', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('funnel: error: the dates of 2 files could be day-first or month-first');
    expect(lines.filter((l) => /^ {2}phonecalls(-2)?\.csv: dates like "3\/4\/2025 10:37 AM"/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('  fix: pass --month-first or --day-first, or run "funnel init phonecalls'))).toHaveLength(2);
    expect(lines[lines.length - 1]).toContain('fix: set dateFormat on the source of each file');
    expect(r.stderr).not.toMatch(/^ {2}calls\.csv/m);
  });
});
