// Owner ids and e-mail addresses as reps: hints without a mapping, names with owners.csv.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnel, json, tempDir } from './run.js';

const CALLS = [
  'Activity date,Activity assigned to,Call outcome,Call direction,Record ID',
  '2025-03-10 09:00,Priya Raman,Connected,Outbound,1',
  '2025-03-10 10:00,priya.raman@acme.example,Connected,Outbound,2',
  '2025-03-11 09:00,12345678,Busy,Outbound,3',
  '',
].join('\n');
const AS_OF = ['--as-of', '2025-03-31', '--period', '2025-03'];

describe('rep identity', () => {
  it('inspect hints at the e-mail of a rep and at owner ids', async () => {
    const r = await funnel(['inspect', 'calls.csv'], { cwd: tempDir({ 'calls.csv': CALLS }) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  reps (3): 12345678, Priya Raman, priya.raman@acme.example');
    expect(r.stdout).toContain('  warning: rep "priya.raman@acme.example" looks like the e-mail of Priya Raman: add it to the aliases');
    expect(r.stdout).toContain('  warning: rep "12345678" looks like an owner id: map ids to names in owners.csv (id,name) beside the config');
  });

  it('init writes the hints above the reps', async () => {
    const r = await funnel(['init', '--out', '-', 'calls.csv'], { cwd: tempDir({ 'calls.csv': CALLS }) });
    expect(r.stdout).toContain('# rep "priya.raman@acme.example" looks like the e-mail of Priya Raman');
    expect(r.stdout).toContain('# rep "12345678" looks like an owner id');
  });

  it('owners.csv in the folder (no config) maps ids and e-mails to names', async () => {
    const dir = tempDir({ 'calls.csv': CALLS, 'owners.csv': 'id,name\n12345678,Omar Haddad\npriya.raman@acme.example,Priya Raman\n' });
    const r = await funnel(['report', 'calls.csv', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const reps = Object.fromEntries(json(r).reps.map((x: any) => [x.rep, x.counts.dial]));
    expect(reps).toEqual({ 'Omar Haddad': 1, 'Priya Raman': 2 });
  });

  it('owners: FILE in the config, relative to it; a bad row is an error naming the line', async () => {
    const dir = tempDir({ 'data/calls.csv': CALLS, 'people/hubspot-owners.csv': 'Owner ID;Full Name\n12345678;Omar Haddad\n' });
    writeFileSync(join(dir, 'funnel.config.yaml'), 'owners: people/hubspot-owners.csv\n');
    const r = await funnel(['report', 'data/calls.csv', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).reps.map((x: any) => x.rep)).toContain('Omar Haddad');

    writeFileSync(join(dir, 'people/hubspot-owners.csv'), 'id,name\n12345678,\n');
    const bad = await funnel(['report', 'data/calls.csv', ...AS_OF], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('funnel: error: people/hubspot-owners.csv:2: row 2 needs both an id (or e-mail) and a name');
  });

  it('a whole user table keys on its id, not on the alias or e-mail before it; owner_id is an id', async () => {
    // Salesforce's User table exported whole, columns in alphabetical order: alias and email come first.
    const users = 'alias,email,id,is_active,name\nohadd,omar@acme.example,12345678,true,Omar Haddad\npram,priya.raman@acme.example,87654321,true,Priya Raman\n';
    const r = await funnel(['report', 'calls.csv', ...AS_OF, '--format', 'json'], { cwd: tempDir({ 'calls.csv': CALLS, 'owners.csv': users }) });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.fromEntries(json(r).reps.map((x: any) => [x.rep, x.counts.dial]))).toEqual({ 'Omar Haddad': 1, 'Priya Raman': 1, 'priya.raman@acme.example': 1 });

    const hubspot = 'owner_id,email,full_name\n12345678,omar@acme.example,Omar Haddad\n';
    const h = await funnel(['report', 'calls.csv', ...AS_OF, '--format', 'json'], { cwd: tempDir({ 'calls.csv': CALLS, 'owners.csv': hubspot }) });
    expect(h.code, h.stderr).toBe(0);
    expect(json(h).reps.map((x: any) => x.rep).sort()).toEqual(['Omar Haddad', 'Priya Raman', 'priya.raman@acme.example']);
  });
});
