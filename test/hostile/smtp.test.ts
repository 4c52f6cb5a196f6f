// `funnel email` against servers that would leak the password, hang, or get mailed twice. Every
// server runs on 127.0.0.1 inside the test; the data is the Acme example as of 2026-11-18 with
// addresses for Connor (weekly) and Priya (no preference).
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { funnel, ROOT, tempDir, type RunResult } from '../e2e/run.js';
import { hasOpenssl, misbehavingServer, privateCa, smtpServer, type Running } from './smtp-servers.js';

const PASSWORD = 'Tr1ckle-s3cret';
const AS_OF = ['--as-of', '2026-11-18'];

function acme(): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'examples', 'acme'), dir, { recursive: true });
  const path = join(dir, 'funnel.config.yaml');
  const config = readFileSync(path, 'utf8')
    .replace('aliases: [priya.raman@acme.example]', 'aliases: [priya.raman@acme.example]\n    email: priya@acme.example')
    .replace('Connor Walsh: { commitments: { dial: 60 }, checkIn: weekly }', 'Connor Walsh: { commitments: { dial: 60 }, checkIn: weekly, email: connor@acme.example }');
  expect(config.match(/email:/g)).toHaveLength(2);
  writeFileSync(path, config);
  return dir;
}

let state: string;
const servers: Running[] = [];
beforeEach(() => {
  state = tempDir();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function track(s: Promise<Running>): Promise<Running> {
  const running = await s;
  servers.push(running);
  return running;
}

/** `funnel email` in `cwd` with the send log in this test's state folder; returns how long it took too. */
async function email(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult & { seconds: number }> {
  const started = Date.now();
  const r = await funnel(['email', ...AS_OF, ...args], { cwd, env: { FUNNEL_STATE_DIR: state, FUNNEL_SMTP_URL: undefined, ...env } });
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

function expectNoPassword(r: RunResult): void {
  expect(r.stdout).not.toContain(PASSWORD);
  expect(r.stderr).not.toContain(PASSWORD);
}

describe('credentials need TLS', () => {
  it('sends no password to a server that offers no STARTTLS when TLS is required', async () => {
    // Loopback stands in for a remote host here: ?requireTLS=true asks for what a remote host gets.
    const server = await track(smtpServer());
    const r = await email(join(ROOT, 'examples', 'acme'), ['--to', 'team@acme.example', '--smtp', `smtp://funnel:${PASSWORD}@127.0.0.1:${server.port}?requireTLS=true`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^funnel: error: the SMTP server 127\\.0\\.0\\.1:${server.port} does not offer STARTTLS \\(it answered "[^"\\n]+"\\), so the password was not sent; nothing was sent$`, 'm'));
    expect(r.stderr).toContain('fix: use the server\'s TLS port with smtps://');
    expect(server.logins).toEqual([]);
    expect(server.received).toEqual([]);
    expectNoPassword(r);
  });

  it('refuses ignoreTLS with credentials for a remote host before connecting', async () => {
    const cwd = join(ROOT, 'examples', 'acme');
    const r = await email(cwd, ['--to', 'team@acme.example', '--smtp', `smtp://funnel:${PASSWORD}@smtp.acme.example:587?ignoreTLS=true`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'funnel: error: the SMTP URL sets ignoreTLS=true: the password could reach smtp.acme.example unprotected\n' +
        '  fix: remove ignoreTLS=true from the URL; to accept the risk on a network you trust, pass --allow-insecure-auth\n',
    );
    expectNoPassword(r);
  });

  it('--allow-insecure-auth warns, even under --quiet, before anything else happens', async () => {
    // A missing input file stops the run after the warning and before any connection is made.
    const cwd = join(ROOT, 'examples', 'acme');
    const r = await email(cwd, ['--to', 'team@acme.example', '--quiet', '--allow-insecure-auth', '--smtp', `smtp://funnel:${PASSWORD}@smtp.acme.example:587?ignoreTLS=true`, 'missing.csv']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('funnel: warning: --allow-insecure-auth: the password for smtp.acme.example:587 goes in clear if the server offers no STARTTLS or someone on the path removes it');
    expect(lines[1]).toMatch(/^funnel: error: missing\.csv/);
    expectNoPassword(r);
  });

  it('--allow-insecure-auth says nothing when the password stays on this machine', async () => {
    const server = await track(smtpServer());
    const r = await email(acme(), ['--to', 'team@acme.example', '--quiet', '--allow-insecure-auth', '--smtp', `smtp://funnel:${PASSWORD}@127.0.0.1:${server.port}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    // Checked once before sending, then once for the message.
    expect(server.logins).toEqual([
      { user: 'funnel', pass: PASSWORD },
      { user: 'funnel', pass: PASSWORD },
    ]);
  });
});

describe('TLS failures read as one error with the fix', () => {
  it.skipIf(!hasOpenssl())('names NODE_EXTRA_CA_CERTS for a private CA, and works once it is set', async () => {
    const pki = privateCa(tempDir());
    const server = await track(smtpServer({ secure: true, key: readFileSync(pki.key), cert: readFileSync(pki.cert), disabledCommands: [] }));
    const url = `smtps://funnel:${PASSWORD}@127.0.0.1:${server.port}`;
    const dir = acme();
    const r = await email(dir, ['--to', 'team@acme.example', '--quiet', '--smtp', url]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      `funnel: error: TLS with the SMTP server 127.0.0.1:${server.port} failed: its certificate is not signed by a certificate authority this machine trusts (unable to verify the first certificate); nothing was sent`,
      "  fix: if the server uses a private CA, point NODE_EXTRA_CA_CERTS at that CA's certificate (a PEM file), e.g. NODE_EXTRA_CA_CERTS=/etc/ssl/private-ca.pem funnel email …",
    ]);
    expect(server.logins).toEqual([]);

    const trusted = await email(dir, ['--to', 'team@acme.example', '--smtp', url], { NODE_EXTRA_CA_CERTS: pki.ca });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(server.received.map((m) => [m.to, m.isSecure])).toEqual([[['team@acme.example'], true]]);
    expectNoPassword(trusted);
  }, 60_000);

  it('turns OpenSSL\'s multi-line complaint about a plain-text port into one line', async () => {
    const server = await track(smtpServer());
    const r = await email(join(ROOT, 'examples', 'acme'), ['--to', 'team@acme.example', '--quiet', '--smtp', `smtps://funnel:${PASSWORD}@127.0.0.1:${server.port}`]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^funnel: error: TLS with the SMTP server 127\\.0\\.0\\.1:${server.port} failed: the server does not start TLS on port ${server.port} \\((wrong version number|packet length too long)\\); nothing was sent$`));
    expect(lines[1]).toBe('  fix: smtps:// is for ports that start with TLS (usually 465); for 587 or 25 write smtp:// (STARTTLS)');
    expect(r.stderr).not.toMatch(/SSL routines|:error:/);
  });
});

describe('a server that stalls', () => {
  it('gives up on a server that never greets, within the timeout, with nothing sent', async () => {
    const server = await track(misbehavingServer(() => 'silent'));
    const r = await email(join(ROOT, 'examples', 'acme'), ['--to', 'team@acme.example', '--smtp-timeout', '1', '--smtp', `smtp://127.0.0.1:${server.port}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`funnel: error: the SMTP server 127.0.0.1:${server.port} did not answer in time (greeting never received); nothing was sent`);
    expect(r.seconds).toBeLessThan(25);
  });

  it('bounds a message whose reply trickles in forever, and says what was and was not sent', async () => {
    // Connection 1 checks the login, 2 takes the team digest, 3 (Connor) never finishes replying.
    const server = await track(misbehavingServer((n) => (n === 3 ? 'trickle-after-data' : 'normal')));
    const dir = acme();
    const r = await email(dir, ['--to', 'team@acme.example', '--each-rep', '--smtp-timeout', '1', '--smtp', `smtp://127.0.0.1:${server.port}`]);
    expect(r.code).toBe(1);
    expect(r.seconds).toBeLessThan(30);
    expect(r.stderr).toMatch(/^funnel: sent ".*" to team@acme\.example$/m);
    expect(r.stderr).toContain(`funnel: error: Connor Walsh: not sent: the SMTP server 127.0.0.1:${server.port} did not confirm the message within 4 s (it may still deliver it)`);
    expect(r.stderr).toContain('funnel: error: Priya Raman: not sent: not attempted: the server had stopped answering');
    expect(r.stderr).toContain('funnel: error: delivery failed for 2 of 3 messages');
    expect(r.stderr).toContain('  sent: team digest');
    expect(server.received.map((m) => m.to)).toEqual([['team@acme.example']]);

    // The rerun, once the server behaves, sends only what did not go out.
    const good = await track(smtpServer());
    const rerun = await email(dir, ['--to', 'team@acme.example', '--each-rep', '--smtp', `smtp://127.0.0.1:${good.port}`]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('funnel: already sent for 2026-11 through 2026-11-18, skipped: team digest to team@acme.example (--resend sends it again)');
    expect(good.received.map((m) => m.to)).toEqual([['connor@acme.example'], ['priya@acme.example']]);
  }, 90_000);
});

describe('reruns', () => {
  it('skips what was sent for the period, --resend sends it again, --dry-run leaves the log alone', async () => {
    const server = await track(smtpServer());
    const dir = acme();
    const args = ['--to', 'team@acme.example', '--each-rep', '--smtp', `smtp://127.0.0.1:${server.port}`];
    const first = await email(dir, args);
    expect(first.code, first.stderr).toBe(0);
    expect(server.received).toHaveLength(3);
    const [log] = readdirSync(state);
    expect(log).toMatch(/^sent-[0-9a-f]{16}\.json$/);
    const logText = readFileSync(join(state, log), 'utf8');
    expect(JSON.parse(logText).entries.map((e: { kind: string; rep?: string; to: string }) => [e.kind, e.rep ?? null, e.to])).toEqual([
      ['team', null, 'team@acme.example'],
      ['rep', 'Connor Walsh', 'connor@acme.example'],
      ['rep', 'Priya Raman', 'priya@acme.example'],
    ]);

    const again = await email(dir, args);
    expect(again.code, again.stderr).toBe(0);
    expect(server.received).toHaveLength(3);
    expect(again.stderr).toContain('funnel: already sent for 2026-11 through 2026-11-18, skipped: team digest to team@acme.example (--resend sends it again)');
    expect(again.stderr).toContain('funnel: already sent for 2026-11 through 2026-11-18, skipped: Connor Walsh to connor@acme.example (--resend sends it again)');
    expect(again.stderr).toContain('funnel: nothing left to send for 2026-11 through 2026-11-18');
    expect(again.stderr).not.toMatch(/funnel: sent/);

    // A new recipient of the same digest gets it; the others are still skipped.
    const added = await email(dir, ['--to', 'team@acme.example,boss@acme.example', '--smtp', `smtp://127.0.0.1:${server.port}`]);
    expect(added.code, added.stderr).toBe(0);
    expect(server.received.slice(3).map((m) => m.to)).toEqual([['boss@acme.example']]);

    // The next day is another message.
    const nextDay = await funnel(['email', '--as-of', '2026-11-19', '--to', 'team@acme.example', '--smtp', `smtp://127.0.0.1:${server.port}`], { cwd: dir, env: { FUNNEL_STATE_DIR: state } });
    expect(nextDay.code, nextDay.stderr).toBe(0);
    expect(server.received).toHaveLength(5);

    const resend = await email(dir, [...args, '--resend']);
    expect(resend.code, resend.stderr).toBe(0);
    expect(server.received).toHaveLength(8);
    expect(resend.stderr).not.toContain('already sent');

    const before = readFileSync(join(state, log), 'utf8');
    const dry = await email(dir, [...args, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.match(/^From /gm)).toHaveLength(3);
    expect(dry.stderr).toContain('funnel: already sent for 2026-11 through 2026-11-18, a real run would skip: team digest to team@acme.example');
    expect(readFileSync(join(state, log), 'utf8')).toBe(before);
    expect(server.received).toHaveLength(8);
  }, 180_000);

  it('fails before sending when the send log cannot be written', async () => {
    const server = await track(smtpServer());
    const blocker = join(tempDir({ file: 'x' }), 'file');
    const r = await funnel(['email', ...AS_OF, '--to', 'team@acme.example', '--smtp', `smtp://127.0.0.1:${server.port}`], {
      cwd: join(ROOT, 'examples', 'acme'),
      env: { FUNNEL_STATE_DIR: join(blocker, 'state') },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^funnel: error: .*\/file\/state\/sent-[0-9a-f]{16}\.json: cannot write the send log, so a rerun could not tell what was sent; nothing was sent \(ENOTDIR\)$/m);
    expect(server.connections).toBe(0);
  });
});

describe('redaction', () => {
  it('a one-letter password does not blank out every such letter', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await email(join(ROOT, 'examples', 'acme'), ['--to', 'team@acme.example', '--smtp', `smtp://funnel:e@127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`funnel: error: cannot connect to the SMTP server 127.0.0.1:${port} (connection refused); nothing was sent`);
    expect(r.stderr).toContain(`check --smtp or FUNNEL_SMTP_URL (now smtp://funnel:***@127.0.0.1:${port})`);
  });
});
