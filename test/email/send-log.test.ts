// The send log: where it lives, what it keys on, atomic writes, damage and pruning.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareAddress, checkWritable, readSendLog, recordSent, sendLogPath, sentSet, stateDir, type SendLogEntry } from '../../src/email/send-log.js';
import { FunnelError } from '../../src/errors.js';

const dir = () => mkdtempSync(join(tmpdir(), 'funnel-sendlog-'));

const entry = (over: Partial<SendLogEntry> = {}): SendLogEntry => ({
  period: '2026-11',
  through: '2026-11-18',
  kind: 'team',
  to: 'team@acme.example',
  subject: 'Week 47',
  sentAt: '2026-11-18T07:00:00.000Z',
  ...over,
});

describe('where the log lives', () => {
  it.each([
    [{ FUNNEL_STATE_DIR: '/srv/state', XDG_STATE_HOME: '/x', HOME: '/home/ops' }, '/srv/state'],
    [{ XDG_STATE_HOME: '/x', HOME: '/home/ops' }, '/x/funnel'],
    [{ HOME: '/home/ops' }, '/home/ops/.local/state/funnel'],
  ])('%j → %s', (env, expected) => {
    expect(stateDir(env)).toBe(expected);
  });

  it('keeps one log per config, named after its path', () => {
    const env = { FUNNEL_STATE_DIR: '/s' };
    const a = sendLogPath(env, '/srv/a/funnel.config.yaml', '/tmp');
    expect(a).toMatch(/^\/s\/sent-[0-9a-f]{16}\.json$/);
    expect(sendLogPath(env, '/srv/a/funnel.config.yaml', '/elsewhere')).toBe(a);
    expect(sendLogPath(env, '/srv/b/funnel.config.yaml', '/tmp')).not.toBe(a);
    expect(sendLogPath(env, null, '/srv/a')).not.toBe(a);
  });
});

describe('what counts as sent', () => {
  it('matches period, last day, kind, rep and address (case and display name ignored)', () => {
    const sent = sentSet([entry(), entry({ kind: 'rep', rep: 'Connor Walsh', to: 'connor@acme.example' })]);
    expect(sent.has(entry())).toBe(true);
    expect(sent.has(entry({ to: 'Team <TEAM@acme.example>' }))).toBe(true);
    expect(sent.has(entry({ through: '2026-11-19' }))).toBe(false);
    expect(sent.has(entry({ period: '2026-W47' }))).toBe(false);
    expect(sent.has(entry({ to: 'boss@acme.example' }))).toBe(false);
    expect(sent.has(entry({ kind: 'rep', rep: 'Connor Walsh', to: 'connor@acme.example' }))).toBe(true);
    expect(sent.has(entry({ kind: 'rep', rep: 'Grace Mwangi', to: 'connor@acme.example' }))).toBe(false);
    expect(sent.has(entry({ kind: 'team', to: 'connor@acme.example' }))).toBe(false);
  });

  it('reads a bare address from a display form', () => {
    expect(bareAddress('Sales Ops <Ops@Acme.example>')).toBe('ops@acme.example');
    expect(bareAddress(' team@acme.example ')).toBe('team@acme.example');
  });
});

describe('reading and writing', () => {
  it('starts empty, adds entries, replaces a resent one and leaves no temp file', () => {
    const d = dir();
    const path = join(d, 'state', 'sent-x.json');
    expect(readSendLog(path)).toEqual([]);
    checkWritable(path);
    const now = new Date('2026-11-18T08:00:00Z');
    recordSent(path, [entry()], { config: '/srv/a/funnel.config.yaml', now });
    recordSent(path, [entry({ to: 'boss@acme.example' }), entry({ sentAt: '2026-11-18T08:00:00.000Z' })], { config: '/srv/a/funnel.config.yaml', now });
    expect(readSendLog(path)).toEqual([entry({ sentAt: '2026-11-18T08:00:00.000Z' }), entry({ to: 'boss@acme.example' })]);
    expect(JSON.parse(readFileSync(path, 'utf8')).config).toBe('/srv/a/funnel.config.yaml');
    expect(readdirSync(join(d, 'state'))).toEqual(['sent-x.json']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(d, 'state')).mode & 0o777).toBe(0o700);
  });

  it('drops entries older than 400 days when it writes', () => {
    const path = join(dir(), 'sent.json');
    recordSent(path, [entry({ period: '2025-09', sentAt: '2025-10-13T07:00:00.000Z' }), entry({ period: '2025-10', sentAt: '2025-10-14T07:00:00.000Z' })], {
      config: null,
      now: new Date('2026-11-18T07:00:00.000Z'),
    });
    // 2026-11-18 minus 400 days is 2025-10-14.
    expect(readSendLog(path).map((e) => e.period)).toEqual(['2025-10']);
  });

  it('fails with SEND_LOG_FAILED on a damaged log or a folder it cannot create', () => {
    const d = dir();
    const damaged = join(d, 'sent.json');
    writeFileSync(damaged, '{"entries": [');
    expect(() => readSendLog(damaged)).toThrow(FunnelError);
    try {
      readSendLog(damaged);
    } catch (err) {
      expect((err as FunnelError).code).toBe('SEND_LOG_FAILED');
      expect((err as FunnelError).where.file).toBe(damaged);
      expect((err as FunnelError).message).toMatch(/^the send log is damaged/);
    }
    const blocked = join(damaged, 'below', 'sent.json');
    try {
      checkWritable(blocked);
      throw new Error('expected an error');
    } catch (err) {
      expect((err as FunnelError).code).toBe('SEND_LOG_FAILED');
      expect((err as FunnelError).message).toBe('cannot write the send log, so a rerun could not tell what was sent; nothing was sent (ENOTDIR)');
      expect((err as FunnelError).hint).toContain('FUNNEL_STATE_DIR');
    }
  });
});
