// End-to-end: `funnel init` (writes a commented config from the presets it detects) and
// `funnel presets` (lists them).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIXTURES, funnel, json, tempDir } from './run.js';

const PRESET_FIXTURES = join(FIXTURES, 'presets');
const H1 = ['--period', '2025-01-01..2025-06-30', '--as-of', '2025-06-30'];

function put(dir: string, rel: string, preset: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  copyFileSync(join(PRESET_FIXTURES, `${preset}.csv`), join(dir, rel));
}

/** exports/ with two quarters of HubSpot calls, HubSpot meetings and Pipedrive deals; targets and a stray file next to it. */
function workspace(): string {
  const dir = tempDir({ 'targets.csv': 'rep,goal\nJane Cooper,3\n', 'notes.csv': 'Date,Note\n2025-03-04,call the bank\n' });
  put(dir, 'exports/hubspot-calls-2025-q1.csv', 'hubspot-calls');
  put(dir, 'exports/hubspot-calls-2025-q2.csv', 'hubspot-calls');
  put(dir, 'exports/hubspot-meetings.csv', 'hubspot-meetings');
  put(dir, 'exports/pipedrive-deals.csv', 'pipedrive-deals');
  return dir;
}

const countsOf = (doc: any) => Object.fromEntries(doc.reps.map((r: any) => [r.rep, r.counts]));

describe('funnel init', () => {
  it('writes a commented config from what it detects; report reads it with the same numbers', async () => {
    const dir = workspace();
    const before = await funnel(['report', 'exports', ...H1, '--format', 'json'], { cwd: dir });
    expect(before.code, before.stderr).toBe(0);

    const r = await funnel(['init'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('funnel: wrote funnel.config.yaml: 4 files recognised (hubspot-calls, hubspot-meetings, pipedrive-deals)');
    expect(r.stderr).toContain('funnel: warning: notes.csv: no preset recognised it');
    const text = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');

    // Files of one preset in one folder share a glob; each source names its preset and shows the
    // mapping it resolved, commented out, ready to edit.
    expect(text).toContain('  - path: exports/hubspot-calls-2025-q*.csv\n    preset: hubspot-calls\n');
    expect(text).toContain('    # columns: { rep: Activity assigned to, date: Activity date, id: Record ID }');
    expect(text).toContain('    #   - stage: appointment_kept\n    #     when: { Meeting outcome: { in: [ Completed, Held, Attended, Done ] } }');
    expect(text).toContain('  - path: exports/pipedrive-deals.csv\n    preset: pipedrive-deals\n');
    expect(text).toContain('# recognised by "Deal - ID", "Deal - Owner", "Deal - Status", "Deal - Won time"');
    expect(text).toContain('These files produce: dial, conversation, appointment_set, appointment_kept, second_meeting, proposal, close.');
    expect(text).toContain('targets: targets.csv');
    expect(text).toMatch(/^reps:\n {2}Inès Moreau: \{\}   # goal: N\n {2}Jane Cooper: \{\}/m);
    expect(text).toContain('# notes.csv: no preset recognises it (headers: "Date", "Note").');

    const config = parse(text);
    expect(config.sources).toHaveLength(3);
    expect(Object.keys(config.reps)).toEqual(['Inès Moreau', 'Jane Cooper', 'Lucas Petit', 'Omar Haddad']);

    const after = await funnel(['report', ...H1, '--format', 'json'], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
    expect(countsOf(json(after))).toEqual(countsOf(json(before)));
    expect(json(after).input).toMatchObject({ rows: json(before).input.rows, used: json(before).input.used });
    // targets.csv gives Jane 3 closes a month (goalPeriod: month); the first half-year holds six
    // whole months, so her goal for it is 6 × 3 = 18.
    expect(json(after).reps.find((x: any) => x.rep === 'Jane Cooper').goal).toBe(18);
  });

  it('refuses to overwrite an existing config (exit 2) unless --force is given', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'funnel.config.yaml'), '# mine\n');
    const r = await funnel(['init', 'exports'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('funnel: error: funnel.config.yaml already exists; funnel init does not overwrite it');
    expect(r.stderr).toContain('pass --force');
    expect(readFileSync(join(dir, 'funnel.config.yaml'), 'utf8')).toBe('# mine\n');

    const forced = await funnel(['init', 'exports', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'funnel.config.yaml'), 'utf8')).toContain('preset: hubspot-meetings');
  });

  it('--out - prints the config instead of writing it', async () => {
    const dir = workspace();
    const r = await funnel(['init', 'exports/hubspot-meetings.csv', '--out', '-'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(parse(r.stdout).sources).toEqual([{ path: 'exports/hubspot-meetings.csv', preset: 'hubspot-meetings' }]);
    expect(existsSync(join(dir, 'funnel.config.yaml'))).toBe(false);
  });

  it('a file whose dates could be day- or month-first gets a source with the dateFormat to choose', async () => {
    const csv = readFileSync(join(PRESET_FIXTURES, 'hubspot-calls.csv'), 'utf8').replace(/2025-0(\d)-(\d\d) /g, (_, m, d) => `0${m}/${d}/2025 `);
    // Every day is 12 or less except the 20th: keep only lines whose dates are ambiguous.
    const ambiguous = csv.split('\n').filter((l) => !/\/(1[3-9]|2\d|3[01])\/2025/.test(l)).join('\n');
    const dir = tempDir({ 'calls.csv': ambiguous });
    const r = await funnel(['init', 'calls.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
    expect(text).toMatch(/# Dates like "0\d\/\d\d\/2025 \d\d:\d\d" could be day- or month-first: uncomment one/);
    const stopped = await funnel(['report', ...H1], { cwd: dir });
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain('sources[0].dateFormat');
    writeFileSync(join(dir, 'funnel.config.yaml'), text.replace('    # dateFormat: MM/dd/yyyy\n', '    dateFormat: MM/dd/yyyy HH:mm\n'));
    const fixed = await funnel(['report', ...H1, '--format', 'json'], { cwd: dir });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(json(fixed).input.files[0].preset).toBe('hubspot-calls');
  });
});

describe('funnel presets', () => {
  it('lists every preset with the headers it recognises', async () => {
    const r = await funnel(['presets']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('hubspot-calls: HubSpot calls export\n');
    expect(r.stdout).toMatch(/^ {2}\* rep {7,}Activity assigned to \| Assigned to \| Call owner/m);
    expect(r.stdout).toContain('weekly-tally: Hand-kept weekly activity sheet');
    expect(r.stdout).toContain('Matching: headers are compared with aliases after dropping accents, case and every character that is not a letter or digit');
  });

  it('--format json: name, stages, columns with required and aliases, for all 34 presets', async () => {
    const r = await funnel(['presets', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.presets).toHaveLength(34);
    const zoho = doc.presets.find((p: any) => p.name === 'zoho-calls');
    expect(zoho.stages).toEqual(['dial', 'conversation']);
    expect(zoho.columns.find((c: any) => c.name === 'rep')).toMatchObject({ required: true, aliases: ['Call Owner Name', 'Call Owner', 'Call Owner.name'] });
  });

  it('NAME shows one preset; an unknown one is a usage error with a suggestion', async () => {
    const one = await funnel(['presets', 'dynamics-opportunities', '--format', 'json']);
    expect(json(one).presets.map((p: any) => p.name)).toEqual(['dynamics-opportunities']);
    const bad = await funnel(['presets', 'dynamics-opportunity']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown preset "dynamics-opportunity" (did you mean "dynamics-opportunities"?)');
  });
});
