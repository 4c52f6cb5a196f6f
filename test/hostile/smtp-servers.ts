// SMTP servers for the hostile e-mail tests, all on 127.0.0.1 and a free port: a real one
// (smtp-server) that keeps what it receives, and a hand-written one that misbehaves on cue.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
  /** Whether the message came over TLS. */
  isSecure: boolean;
}

export interface Running {
  port: number;
  received: Received[];
  /** Every login attempt: user and password as the server saw them. */
  logins: { user: string; pass: string }[];
  /** Connections accepted so far. */
  connections: number;
  close: () => Promise<void>;
}

/** A real SMTP server; `options` override the defaults (plain text, no STARTTLS, no auth needed). */
export async function smtpServer(options: Partial<SMTPServerOptions> = {}): Promise<Running> {
  const running: Running = { port: 0, received: [], logins: [], connections: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      running.connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      running.logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        running.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8'), isSecure: Boolean(session.secure) });
        callback();
      });
    },
    ...options,
  });
  // A client that gives up mid-handshake is what some tests are about, not a failure of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.port = (server.server.address() as { port: number }).port;
  running.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return running;
}

/** What the hand-written server does on its n-th connection (1-based). */
export type Behaviour = 'silent' | 'normal' | 'trickle-after-data';

/**
 * A minimal SMTP server: `behave(n)` picks, per connection, to say nothing at all, to hold a
 * normal dialogue, or to answer the end of DATA with a `250-` line every 300 ms, forever.
 */
export async function misbehavingServer(behave: (n: number) => Behaviour): Promise<Running> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const running: Running = { port: 0, received: [], logins: [], connections: 0, close: async () => undefined };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    running.connections += 1;
    const behaviour = behave(running.connections);
    if (behaviour === 'silent') return;
    socket.write('220 misbehaving ESMTP\r\n');
    let buffer = '';
    let data: string | null = null;
    let to: string[] = [];
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          if (behaviour === 'trickle-after-data') {
            const timer = setInterval(() => socket.writable && socket.write('250-still thinking\r\n'), 300);
            timers.add(timer);
            socket.on('close', () => clearInterval(timer));
            return;
          }
          running.received.push({ to, raw: data, isSecure: false });
          data = null;
          to = [];
          socket.write('250 OK queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-misbehaving\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
        else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          socket.write('250 OK\r\n');
        } else if (verb === 'DATA') {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('502 not implemented\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.port = (server.address() as { port: number }).port;
  running.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return running;
}

/** Whether the openssl command is here to make test certificates. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A private CA and a certificate it signed for 127.0.0.1 and localhost, as PEM files in `dir`. */
export function privateCa(dir: string): { ca: string; key: string; cert: string } {
  const file = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync('openssl', ['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=funnel test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { stdio: 'ignore' });
  execFileSync('openssl', ['req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost'], { stdio: 'ignore' });
  writeFileSync(file('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  execFileSync('openssl', ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('ext.cnf')], { stdio: 'ignore' });
  return { ca: file('ca.pem'), key: file('server.key'), cert: file('server.pem') };
}
