// End-to-end: the presets for tables a loader (Fivetran, Airbyte) writes, each on its fixture
// (fixtures/presets/<preset>.csv, a CSV export of the table), run with no config through the
// built binary. The numbers are counted by hand; the comment on each case names the rows
// ignored (deleted, old versions, inbound, other stages), rejected, and the loader's duplicates.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, funnel, json, tempDir } from './run.js';

const PRESET_FIXTURES = join(FIXTURES, 'presets');
const H1 = ['--period', '2025-01-01..2025-06-30', '--as-of', '2025-06-30'];
const JANE_SF = '0055g00000AbCdEAAV';
const OMAR_SF = '0055g00000XyZwQAAV';

type Counts = Record<string, number>;

interface Case {
  preset: string;
  rows: number;
  used: number;
  ignored: number;
  rejected: number;
  duplicates: number;
  reps: Record<string, Counts>;
  /** Counts in February alone, where the date column a rule uses decides the month. */
  february?: Record<string, Counts>;
}

const CASES: Case[] = [
  // Ignored: 5003 (active = false), an EMAIL and a NOTE. 5005 twice. Rejected: 9999 has no owner.
  // Meetings are set on created_at (7001 in February).
  {
    preset: 'fivetran-hubspot-engagements',
    rows: 10, used: 6, ignored: 3, rejected: 1, duplicates: 1,
    reps: { '1001': { dial: 2, appointment_set: 1 }, '1002': { dial: 1, appointment_set: 1 } },
    february: { '1001': { dial: 0, appointment_set: 1 }, '1002': { dial: 0, appointment_set: 0 } },
  },
  // Ignored: 5003 (_fivetran_deleted = true), 5004 (INBOUND). Rejected: 5007 has no owner.
  // 5005 is written twice (duplicate dial). Conversations are the Connected GUID only: No answer,
  // Left voicemail, Left live message and Wrong number are dials. 5006 has no direction: outbound.
  // 5008 has a blank _fivetran_deleted: not deleted.
  {
    preset: 'fivetran-hubspot-calls',
    rows: 10, used: 7, ignored: 2, rejected: 1, duplicates: 1,
    reps: { '1001': { dial: 3, conversation: 1 }, '1002': { dial: 3, conversation: 1 } },
  },
  // Ignored: 7003 (deleted). 7004 twice (duplicate set). 7005 has no create date: set on its start.
  // Kept: COMPLETED. Second: a kept meeting typed Follow-up (7002) or titled "2nd meeting" (7006).
  {
    preset: 'fivetran-hubspot-meetings',
    rows: 7, used: 6, ignored: 1, rejected: 0, duplicates: 1,
    reps: {
      '1001': { appointment_set: 2, appointment_kept: 2, second_meeting: 1 },
      '1002': { appointment_set: 3, appointment_kept: 1, second_meeting: 1 },
    },
    february: {
      '1001': { appointment_set: 2, appointment_kept: 0, second_meeting: 0 },
      '1002': { appointment_set: 0, appointment_kept: 0, second_meeting: 0 },
    },
  },
  // Ignored: 9003 (is_deleted), 9004 (_fivetran_deleted), 9005 (appointmentscheduled), 9007 (closedlost).
  // 9006 sits in a custom pipeline's numbered stage, won by property_hs_is_closed_won; written twice.
  {
    preset: 'fivetran-hubspot-deals',
    rows: 8, used: 4, ignored: 4, rejected: 0, duplicates: 2,
    reps: { '1001': { proposal: 2, close: 1 }, '1002': { proposal: 1, close: 1 } },
    february: { '1001': { proposal: 1, close: 0 }, '1002': { proposal: 0, close: 0 } },
  },
  // Ignored: appointmentscheduled and the custom stage 12345678. 9001 enters contractsent (proposal,
  // 03-01) then closedwon (close 03-20; its proposal a duplicate). 9008 re-enters contractsent:
  // the first entry (02-14) counts. Rejected: 9009 has no owner joined.
  {
    preset: 'fivetran-hubspot-deal-stages',
    rows: 9, used: 6, ignored: 2, rejected: 1, duplicates: 2,
    reps: { '1001': { proposal: 2, close: 1 }, '1002': { proposal: 2, close: 1 } },
    february: { '1001': { proposal: 0, close: 0 }, '1002': { proposal: 1, close: 0 } },
  },
  // Ignored: …003 (is_deleted), …004 (_fivetran_deleted), …005 (e-mail), …006 (inbound).
  // …007 twice. Rejected: …008 has no activity_date. Conversations: "Connected - interested",
  // "Meeting booked", "Spoke with gatekeeper".
  {
    preset: 'fivetran-salesforce-task',
    rows: 10, used: 5, ignored: 4, rejected: 1, duplicates: 2,
    reps: { [JANE_SF]: { dial: 3, conversation: 2 }, [OMAR_SF]: { dial: 1, conversation: 1 } },
  },
  // History mode: …002's old version (_fivetran_active = false) is ignored, its current one counts.
  // Ignored too: …003 (is_deleted). Kept: Completed, Held. Second: "Follow-up demo", "2nd meeting".
  {
    preset: 'fivetran-salesforce-event',
    rows: 6, used: 4, ignored: 2, rejected: 0, duplicates: 0,
    reps: {
      [JANE_SF]: { appointment_set: 2, appointment_kept: 2, second_meeting: 1 },
      [OMAR_SF]: { appointment_set: 2, appointment_kept: 1, second_meeting: 1 },
    },
    february: {
      [JANE_SF]: { appointment_set: 2, appointment_kept: 0, second_meeting: 0 },
      [OMAR_SF]: { appointment_set: 0, appointment_kept: 0, second_meeting: 0 },
    },
  },
  // Ignored: …003 (is_deleted), …004 (Prospecting), …006 (_fivetran_deleted). …005 twice.
  // Won ones are proposals dated by created_date; one in a proposal stage by last_stage_change_date.
  {
    preset: 'fivetran-salesforce-opportunity',
    rows: 8, used: 5, ignored: 3, rejected: 0, duplicates: 2,
    reps: { [JANE_SF]: { proposal: 2, close: 1 }, [OMAR_SF]: { proposal: 2, close: 1 } },
    february: { [JANE_SF]: { proposal: 1, close: 0 }, [OMAR_SF]: { proposal: 0, close: 0 } },
  },
  // Ignored: Prospecting, the deleted row, Closed Lost. …Cc001 is in Proposal twice (an amount
  // edit: a duplicate) and then won (its proposal a duplicate again); …Cc005 likewise once.
  {
    preset: 'fivetran-salesforce-opportunity-history',
    rows: 8, used: 5, ignored: 3, rejected: 0, duplicates: 3,
    reps: { [JANE_SF]: { proposal: 1, close: 1 }, [OMAR_SF]: { proposal: 1, close: 1 } },
    february: { [JANE_SF]: { proposal: 1, close: 0 }, [OMAR_SF]: { proposal: 0, close: 0 } },
  },
  // Ignored: 6003 (archived), 6004 (INBOUND). 6005 read by two syncs (duplicate dial and conversation).
  {
    preset: 'airbyte-hubspot-calls',
    rows: 7, used: 5, ignored: 2, rejected: 0, duplicates: 2,
    reps: { '1001': { dial: 2, conversation: 1 }, '1002': { dial: 2, conversation: 1 } },
  },
  // Ignored: 8003 (archived). A CANCELED meeting was still set; "Follow Up" makes 8002 a second meeting.
  {
    preset: 'airbyte-hubspot-meetings',
    rows: 4, used: 3, ignored: 1, rejected: 0, duplicates: 0,
    reps: {
      '1001': { appointment_set: 2, appointment_kept: 2, second_meeting: 1 },
      '1002': { appointment_set: 1, appointment_kept: 0, second_meeting: 0 },
    },
  },
  // Ignored: 9103 (archived), 9104 (appointmentscheduled). 9105 read by two syncs.
  {
    preset: 'airbyte-hubspot-deals',
    rows: 6, used: 4, ignored: 2, rejected: 0, duplicates: 2,
    reps: { '1001': { proposal: 2, close: 1 }, '1002': { proposal: 1, close: 1 } },
    february: { '1001': { proposal: 1, close: 0 }, '1002': { proposal: 0, close: 0 } },
  },
];

/** A temp folder holding one preset fixture under `name` (generic by default: the headers alone decide). */
function withFixture(preset: string, name = 'export.csv', files: Record<string, string> = {}): string {
  const dir = tempDir(files);
  copyFileSync(join(PRESET_FIXTURES, `${preset}.csv`), join(dir, name));
  return dir;
}

function countsByRep(doc: any, stages: string[]): Record<string, Counts> {
  return Object.fromEntries(doc.reps.map((r: any) => [r.rep, Object.fromEntries(stages.map((s) => [s, r.counts[s]]))]));
}

describe('loader presets: report on a table export with no config', () => {
  it.each(CASES)('$preset', async (c) => {
    const dir = withFixture(c.preset);
    const r = await funnel(['report', 'export.csv', ...H1, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const { input } = json(r);
    expect(input.files[0]).toMatchObject({ preset: c.preset, rows: c.rows, used: c.used, ignored: c.ignored, rejected: c.rejected });
    expect(input).toMatchObject({ rows: c.rows, used: c.used, ignored: c.ignored, rejected: c.rejected, duplicates: c.duplicates });
    expect(input.rows).toBe(input.used + input.ignored + input.rejected);
    const stages = Object.keys(Object.values(c.reps)[0]);
    expect(countsByRep(json(r), stages)).toEqual(c.reps);
    if (c.rejected > 0) expect(r.stderr).toContain(`${c.rejected} row${c.rejected === 1 ? '' : 's'} rejected`);
  });

  it.each(CASES.filter((c) => c.february))('$preset: each stage is dated by the column its rule names', async (c) => {
    const dir = withFixture(c.preset);
    const r = await funnel(['report', 'export.csv', '--period', '2025-02', '--as-of', '2025-06-30', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const found = countsByRep(json(r), Object.keys(Object.values(c.february!)[0]));
    const zero = (counts: Counts) => Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));
    expect(Object.fromEntries(Object.entries(c.february!).map(([rep, counts]) => [rep, found[rep] ?? zero(counts)]))).toEqual(c.february);
  });
});

describe('loader presets: the traps', () => {
  it('a deleted call is ignored, not used: the preset\'s rules carry the guard; rules of the config\'s own replace them, guard included', async () => {
    const dir = withFixture('fivetran-hubspot-calls');
    const r = await funnel(['inspect', 'export.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const f = json(r).files[0];
    expect(f.mapping.rules.map((x: any) => x.text)).toEqual([
      'dial when "_fivetran_deleted" not in ("true", "t", "1", "yes") and "property_hs_call_direction" not in ("Inbound", "Incoming", "Internal", "Missed") (dated by "property_hs_timestamp")',
      'conversation when "_fivetran_deleted" not in ("true", "t", "1", "yes") and "property_hs_call_direction" not in ("Inbound", "Incoming", "Internal", "Missed") and "property_hs_call_disposition" in ("f240bbac-87c9-4f6e-bf70-924b57d47db7", "Connected") (dated by "property_hs_timestamp")',
    ]);
    // A rule of the config's own drops the guard: then the deleted call (5003, Connected) counts.
    const cfg = 'sources:\n  - path: export.csv\n    preset: fivetran-hubspot-calls\n    rules:\n      - stage: dial\n        when: { property_hs_call_direction: OUTBOUND }\n';
    const own = await funnel(['report', ...H1, '--format', 'json'], { cwd: withFixture('fivetran-hubspot-calls', 'export.csv', { 'funnel.config.yaml': cfg }) });
    expect(own.code, own.stderr).toBe(0);
    expect(countsByRep(json(own), ['dial'])).toEqual({ '1001': { dial: 4 }, '1002': { dial: 2 } });
  });

  it('owner ids read as names through owners.csv (HubSpot: owner_id AS id, the name joined)', async () => {
    const owners = 'id,name\n1001,Jane Cooper\n1002,Omar Haddad\n';
    const r = await funnel(['report', 'export.csv', ...H1, '--format', 'json'], { cwd: withFixture('fivetran-hubspot-calls', 'export.csv', { 'owners.csv': owners }) });
    expect(r.code, r.stderr).toBe(0);
    expect(countsByRep(json(r), ['dial', 'conversation'])).toEqual({ 'Jane Cooper': { dial: 3, conversation: 1 }, 'Omar Haddad': { dial: 3, conversation: 1 } });
  });

  it('SELECT id, name FROM the Salesforce user table is the owners file', async () => {
    const user = ['id,name', `${JANE_SF},Jane Cooper`, `${OMAR_SF},Omar Haddad`, ''].join('\n');
    const cfg = 'owners: user.csv\nsources:\n  - path: task.csv\n    preset: fivetran-salesforce-task\n';
    const dir = withFixture('fivetran-salesforce-task', 'task.csv', { 'user.csv': user, 'funnel.config.yaml': cfg });
    const r = await funnel(['report', ...H1, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(countsByRep(json(r), ['dial', 'conversation'])).toEqual({ 'Jane Cooper': { dial: 3, conversation: 2 }, 'Omar Haddad': { dial: 1, conversation: 1 } });
  });

  it('a Data Loader Task export (no loader columns) keeps its own preset; the Fivetran table gets the Fivetran one', async () => {
    const dir = tempDir();
    copyFileSync(join(PRESET_FIXTURES, 'salesforce-dataloader-task.csv'), join(dir, 'a.csv'));
    copyFileSync(join(PRESET_FIXTURES, 'fivetran-salesforce-task.csv'), join(dir, 'b.csv'));
    const r = await funnel(['inspect', 'a.csv', 'b.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const [a, b] = json(r).files;
    expect(a.preset).toBe('salesforce-dataloader-task');
    expect(b.preset).toBe('fivetran-salesforce-task');
    expect(b.detection.candidates.map((c: any) => c.preset)).toContain('salesforce-dataloader-task');
  });
});
