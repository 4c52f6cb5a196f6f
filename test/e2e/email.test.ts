// End-to-end: `funnel email` (the built binary) against a real SMTP server on loopback, started
// inside the test. The data is the bundled Acme example as of 2026-11-18 (ISO week 47), with
// e-mail addresses added to a few reps.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { funnel, ROOT, tempDir } from './run.js';

const AS_OF = ['--as-of', '2026-11-18'];
const PASSWORD = 's3cret-Pa55';

/** The Acme example with addresses: weekly, biweekly (week 47 is odd), autonomy, no preference. */
function acme(): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'examples', 'acme'), dir, { recursive: true });
  const path = join(dir, 'funnel.config.yaml');
  const config = readFileSync(path, 'utf8')
    .replace('aliases: [priya.raman@acme.example]', 'aliases: [priya.raman@acme.example]\n    email: priya@acme.example')
    .replace('Marisol Vega: { checkIn: autonomy }', 'Marisol Vega: { checkIn: autonomy, email: marisol@acme.example }')
    .replace('Connor Walsh: { commitments: { dial: 60 }, checkIn: weekly }', 'Connor Walsh: { commitments: { dial: 60 }, checkIn: weekly, email: connor@acme.example }')
    .replace('Grace Mwangi: { commitments: { dial: 75 }, checkIn: biweekly }', 'Grace Mwangi: { commitments: { dial: 75 }, checkIn: biweekly, email: grace@acme.example }');
  expect(config.match(/email:/g)).toHaveLength(4);
  writeFileSync(path, config);
  return dir;
}

interface Received {
  from: string;
  to: string[];
  raw: string;
}

interface Smtp {
  port: number;
  received: Received[];
  close: () => Promise<void>;
}

// Each test keeps its own send log, so one test's sends are never skipped as reruns by another.
beforeEach(() => {
  process.env.FUNNEL_STATE_DIR = tempDir();
});

const servers: Smtp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A real SMTP server on 127.0.0.1, a free port, plain text (no STARTTLS), keeping every message. */
async function smtp(options: Partial<SMTPServerOptions> = {}): Promise<Smtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const s = { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  servers.push(s);
  return s;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Header value (unfolded) of a raw message. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
}

/** The decoded text of the part with this content type (quoted-printable or base64). */
function part(raw: string, type: string): string {
  const boundary = /boundary="([^"]+)"/.exec(raw)?.[1];
  expect(boundary, 'a multipart message').toBeDefined();
  const section = raw.split(`--${boundary}`).find((p) => new RegExp(`Content-Type: ${type}`, 'i').test(p));
  expect(section, `a ${type} part`).toBeDefined();
  const [head, ...rest] = section!.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(head)?.[1].toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/\r\n/g, '\n');
    return Buffer.from(bytes.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

function expectNoPassword(...texts: string[]): void {
  for (const t of texts) expect(t).not.toContain(PASSWORD);
}

describe('funnel email', () => {
  it('delivers the team digest and each rep their own numbers, honouring checkIn', async () => {
    const server = await smtp();
    const dir = acme();
    const r = await funnel(
      ['email', ...AS_OF, '--to', 'team@acme.example', '--each-rep', '--from', 'Funnel <funnel@acme.example>', '--smtp', `smtp://127.0.0.1:${server.port}`],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    // Team, Connor (weekly), Priya (no preference); Grace (biweekly, week 47) and Marisol (autonomy) are skipped.
    expect(server.received.map((m) => m.to)).toEqual([['team@acme.example'], ['connor@acme.example'], ['priya@acme.example']]);
    expect(r.stderr).toContain('not sent to Grace Mwangi: checkIn biweekly, and week 47 is an off week (sent every second week)');
    expect(r.stderr).toContain('not sent to Marisol Vega: checkIn autonomy');
    expect(r.stderr).toContain('sent "Week 47 (2026-11): 4 of 11 reps behind pace (4 critical), 5 reached" to team@acme.example');

    const team = server.received[0];
    expect(team.from).toBe('funnel@acme.example');
    expect(header(team.raw, 'Subject')).toBe('Week 47 (2026-11): 4 of 11 reps behind pace (4 critical), 5 reached');
    expect(header(team.raw, 'To')).toBe('team@acme.example');
    expect(header(team.raw, 'From')).toBe('Funnel <funnel@acme.example>');
    expect(header(team.raw, 'Content-Type')).toMatch(/^multipart\/alternative;/);
    const text = part(team.raw, 'text/plain');
    const html = part(team.raw, 'text/html');
    for (const body of [text, html]) {
      expect(body).toContain('team 35 of 46 closes (76%)');
      expect(body).toContain('Aisha Bello');
      expect(body).toContain('Commitments due');
      expect(body).toContain('Declining activity');
      expect(body).toContain('For the next 1:1');
    }
    // The team picture comes first, before any table of numbers.
    expect(html.indexOf('The team at a glance')).toBeGreaterThan(0);
    expect(html.indexOf('The team at a glance')).toBeLessThan(html.indexOf('<table class="grid"'));
    // Week 47 so far (Mon 16 to Wed 18 November) against the same days of week 46.
    expect(text).toContain('2026-11-16 to 2026-11-18, against 2026-11-09 to 2026-11-11');
    expect(text).toMatch(/^ {2}Dials +521 +526 +-1%$/m);
    expect(text).toMatch(/^ {2}Closes +9 +6 +\+50%$/m);
    expect(text).toMatch(/^Daniel Okafor +10 +7 +70% +10 +81% +10\.7 appts kept +on track$/m);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<img|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);

    const connor = server.received[1];
    expect(header(connor.raw, 'Subject')).toBe('Week 47 (2026-11): Connor Walsh, far behind pace (0 of 2 closes)');
    const connorText = part(connor.raw, 'text/plain');
    expect(connorText).toContain('0 of 2 closes done; 4% likely to reach 2 by 2026-11-30');
    expect(connorText).toContain('Dials: 60 a week promised');
    // Written to Connor: the rep text of each prompt, no stage directions, no manager script.
    expect(connorText).toContain('To prepare for your 1:1');
    expect(connorText).toContain('Your goal is 2 closes. That takes 239 dials');
    for (const body of [connorText, part(connor.raw, 'text/html')]) {
      expect(body).not.toContain('[wait for the answer]');
      expect(body).not.toContain('What happens if you miss the goal you set?');
      expect(body).not.toContain('For the next 1:1');
    }
    // Their own numbers only: no colleague appears.
    for (const other of ['Aisha Bello', 'Daniel Okafor', 'Priya Raman', 'Marisol Vega']) {
      expect(connorText).not.toContain(other);
      expect(part(connor.raw, 'text/html')).not.toContain(other);
    }
  });

  it('logs in with the password from FUNNEL_SMTP_URL and never prints it', async () => {
    const logins: { username: string; password: string }[] = [];
    const server = await smtp({
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
        callback(null, { user: auth.username });
      },
    });
    const r = await funnel(['email', ...AS_OF, '--to', 'team@acme.example'], {
      cwd: join(ROOT, 'examples', 'acme'),
      env: { FUNNEL_SMTP_URL: `smtp://funnel:${PASSWORD}@127.0.0.1:${server.port}` },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(logins).toEqual([
      { username: 'funnel', password: PASSWORD },
      { username: 'funnel', password: PASSWORD },
    ]);
    expect(server.received).toHaveLength(1);
    expectNoPassword(r.stdout, r.stderr, server.received[0].raw);
  });

  it('fails with exit 1 and says who did not get it when the server refuses a recipient (550)', async () => {
    const server = await smtp({
      onRcptTo(address, _session, callback) {
        if (address.address === 'nobody@acme.example') {
          const err = new Error('No such user here') as Error & { responseCode: number };
          err.responseCode = 550;
          callback(err);
          return;
        }
        callback();
      },
    });
    const r = await funnel(['email', ...AS_OF, '--to', 'team@acme.example,nobody@acme.example', '--smtp', `smtp://127.0.0.1:${server.port}`], {
      cwd: join(ROOT, 'examples', 'acme'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not delivered to nobody@acme\.example \(550 No such user here\)/);
    expect(r.stderr).toContain('funnel: error: delivery failed for 1 of 1 message');
    // The accepted recipient did get it, and only that is reported as sent.
    expect(server.received.map((m) => m.to)).toEqual([['team@acme.example']]);
    expect(r.stderr).toMatch(/sent ".*" to team@acme\.example\n/);
    expect(r.stderr).not.toMatch(/sent ".*" to [^\n]*nobody/);
  });

  it('sends nothing and exits 1 when the only recipient is refused', async () => {
    const server = await smtp({
      onRcptTo(_address, _session, callback) {
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
      },
    });
    const r = await funnel(['email', ...AS_OF, '--to', 'nobody@acme.example', '--smtp', `smtp://127.0.0.1:${server.port}`], { cwd: join(ROOT, 'examples', 'acme') });
    expect(r.code).toBe(1);
    expect(server.received).toEqual([]);
    expect(r.stderr).toMatch(/team digest: not sent: the SMTP server 127\.0\.0\.1:\d+ refused the recipient nobody@acme\.example \(550 Mailbox unavailable\)/);
    expect(r.stderr).not.toMatch(/funnel: sent/);
  });

  it('fails with exit 1 when the server is down, naming it without the password', async () => {
    const port = await closedPort();
    const r = await funnel(['email', ...AS_OF, '--to', 'team@acme.example', '--smtp', `smtp://funnel:${PASSWORD}@127.0.0.1:${port}`], {
      cwd: join(ROOT, 'examples', 'acme'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`funnel: error: cannot connect to the SMTP server 127.0.0.1:${port} (connection refused); nothing was sent`);
    expect(r.stderr).toContain(`smtp://funnel:***@127.0.0.1:${port}`);
    expect(r.stderr).not.toMatch(/funnel: sent/);
    expectNoPassword(r.stdout, r.stderr);
  });

  it('reports a refused login without the password', async () => {
    const server = await smtp({
      allowInsecureAuth: true,
      onAuth(_auth, _session, callback) {
        callback(new Error('Invalid username or password'));
      },
    });
    const r = await funnel(['email', ...AS_OF, '--to', 'team@acme.example', '--smtp', `smtp://funnel:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`], {
      cwd: join(ROOT, 'examples', 'acme'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused the login/);
    expect(server.received).toEqual([]);
    expectNoPassword(r.stdout, r.stderr);
  });

  it('--dry-run prints the MIME messages as an mbox and needs no server', async () => {
    const dir = acme();
    const r = await funnel(['email', ...AS_OF, '--to', 'team@acme.example', '--each-rep', '--dry-run', '--quiet'], { cwd: dir, env: { FUNNEL_SMTP_URL: undefined } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const messages = r.stdout.split(/^From \S+ \w{3} \w{3} +\d+ [\d:]+ \d{4}\n/m).filter(Boolean);
    expect(messages.map((m) => header(m, 'To'))).toEqual(['team@acme.example', 'connor@acme.example', 'priya@acme.example']);
    expect(part(messages[2], 'text/plain')).toContain('Priya Raman');
  });

  it('needs recipients and a server, and says how to give them', async () => {
    const cwd = join(ROOT, 'examples', 'acme');
    const none = await funnel(['email', ...AS_OF], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('funnel: error: no recipients');
    const noServer = await funnel(['email', ...AS_OF, '--to', 'team@acme.example'], { cwd, env: { FUNNEL_SMTP_URL: undefined } });
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toContain('no SMTP server');
    const bad = await funnel(['email', ...AS_OF, '--to', 'not-an-address'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to "not-an-address" is not an e-mail address');
  });
});
