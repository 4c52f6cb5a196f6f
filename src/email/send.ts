import type { Transporter } from 'nodemailer';
import { FunnelError } from '../errors.js';
import { redact, type ConnectionOptions, type SmtpTarget } from './smtp-url.js';

/** nodemailer is loaded only when e-mail is sent or rendered: other commands start faster. */
async function createTransport(options: object): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport(options);
}

// Delivery through nodemailer: MIME (text + HTML alternatives), the SMTP dialogue, STARTTLS.
// Nothing is reported as sent unless the server accepted it.

/** One e-mail to send. */
export interface OutgoingMessage {
  /** What the message is, for logs: `team digest` or the rep's name. */
  label: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** What the server did with one message. */
export interface Delivery {
  message: OutgoingMessage;
  accepted: string[];
  /** Recipients refused, each with the server's reason. */
  rejected: { address: string; reason: string }[];
  /** Set when the message was not sent at all. */
  error: string | null;
  /** False for a message not tried because the server had stopped answering before it. */
  isAttempted: boolean;
}

/** How to reach the server: nodemailer's options and the bound on one whole message. */
export interface Connection {
  target: SmtpTarget;
  options: ConnectionOptions;
  /** Milliseconds one message (or the login check) may take from connecting to the server's reply. */
  messageMs: number;
}

function mailOptions(from: string, m: OutgoingMessage) {
  return { from, to: m.to, subject: m.subject, text: m.text, html: m.html };
}

/**
 * The messages as an mbox (`From ` line before each, `>From ` quoting in the mboxrd way), as
 * `--dry-run` prints them. Built by nodemailer exactly as they would be sent.
 */
export async function renderMbox(messages: OutgoingMessage[], from: string, now: Date): Promise<string> {
  const transport = await createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const sender = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const stamp = now.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 $4');
  const parts: string[] = [];
  for (const m of messages) {
    const info = await transport.sendMail(mailOptions(from, m));
    const raw = (info.message as Buffer).toString('utf8').replace(/^(>*From )/gm, '>$1');
    parts.push(`From ${sender} ${stamp}\n${raw.endsWith('\n') ? raw : `${raw}\n`}\n`);
  }
  return parts.join('');
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: string[];
  rejectedErrors?: SmtpError[];
  /** The refused address, on each of `rejectedErrors`. */
  recipient?: string;
}

/** Each refused address with the server's reply to it. */
function refusals(addresses: string[], errors: SmtpError[], fallback: string, target: SmtpTarget): Delivery['rejected'] {
  return addresses.map((address) => {
    const why = errors.find((r) => r.recipient === address);
    return { address, reason: redact(oneLine(why?.response ?? why?.message ?? fallback), target) };
  });
}

/**
 * The first meaningful line of a message that may span several (OpenSSL prints its whole error
 * queue, one `HEX:error:CODE:library:function:reason:file:line:` line each): the reason alone.
 */
export function oneLine(message: string): string {
  const ssl = /[0-9A-F]+:error:[0-9A-F]+:[^:\n]*:[^:\n]*:([^:\n]+)/.exec(message);
  if (ssl) return ssl[1].trim();
  return message.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
}

// Certificate errors a private or missing CA causes (Node's texts for OpenSSL's verify codes).
const UNKNOWN_CA = /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate/i;

/** How a failed SMTP exchange reads for people, and what kind of failure it was. */
export interface SmtpFailure {
  text: string;
  kind: 'tls' | 'timeout' | 'connection' | 'auth' | 'refused' | 'other';
  hint?: string;
}

/** A nodemailer error as one line for people, with the password scrubbed. */
export function smtpFailure(err: unknown, target: SmtpTarget): SmtpFailure {
  const e = err as SmtpError;
  const where = target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
  const message = oneLine(e.message ?? String(err));
  const reply = e.response ? oneLine(e.response) : message;
  const inner = (e as { errno?: string; cause?: { code?: string } }).errno ?? (e as { cause?: { code?: string } }).cause?.code;
  const failure = ((): SmtpFailure => {
    if (/ECONNREFUSED/.test(`${e.message} ${inner ?? ''}`)) return { kind: 'connection', text: `cannot connect to the SMTP server ${where} (connection refused)` };
    if (e.code === 'ETLS' && e.command === 'STARTTLS') {
      return {
        kind: 'tls',
        text: `the SMTP server ${where} does not offer STARTTLS (it answered "${reply}"), so the password was not sent`,
        hint: `use the server's TLS port with smtps:// (usually 465), or a port that offers STARTTLS (usually 587); if the server is on a network you trust, --allow-insecure-auth sends the password in clear`,
      };
    }
    if (UNKNOWN_CA.test(message)) {
      return {
        kind: 'tls',
        text: `TLS with the SMTP server ${where} failed: its certificate is not signed by a certificate authority this machine trusts (${message})`,
        hint: 'if the server uses a private CA, point NODE_EXTRA_CA_CERTS at that CA\'s certificate (a PEM file), e.g. NODE_EXTRA_CA_CERTS=/etc/ssl/private-ca.pem funnel email …',
      };
    }
    if (/altnames|does not match certificate/i.test(message)) {
      return {
        kind: 'tls',
        text: `TLS with the SMTP server ${where} failed: its certificate is not for ${target.host} (${message})`,
        hint: 'use the host name the certificate names in the SMTP URL (or ?tls.servername=NAME)',
      };
    }
    if (/certificate has expired|certificate is not yet valid/i.test(message)) {
      return { kind: 'tls', text: `TLS with the SMTP server ${where} failed: ${message}`, hint: "the server's certificate must be renewed (or the clock of this machine is wrong)" };
    }
    if (/wrong version number|packet length too long|unknown protocol|http request/i.test(message)) {
      return {
        kind: 'tls',
        text: `TLS with the SMTP server ${where} failed: the server does not start TLS on port ${target.port} (${message})`,
        hint: target.isSecure ? 'smtps:// is for ports that start with TLS (usually 465); for 587 or 25 write smtp:// (STARTTLS)' : 'check the port',
      };
    }
    switch (e.code) {
      case 'EABORT':
        return { kind: 'timeout', text: `the SMTP server ${where} did not finish in time (${message})` };
      case 'ETIMEDOUT':
        return { kind: 'timeout', text: `the SMTP server ${where} did not answer in time (${message.toLowerCase()})` };
      case 'EDNS':
        return { kind: 'connection', text: `cannot find the SMTP server ${target.host} (${message})` };
      case 'ECONNECTION':
      case 'ESOCKET':
        return { kind: 'connection', text: `cannot talk to the SMTP server ${where} (${message})` };
      case 'ETLS':
        return { kind: 'tls', text: `TLS with the SMTP server ${where} failed (${message.replace(/^Error initiating TLS - /, '')})` };
      case 'EAUTH':
        return { kind: 'auth', text: `the SMTP server ${where} refused the login (${reply})` };
      case 'EENVELOPE':
        return { kind: 'refused', text: `the SMTP server ${where} refused ${e.rejected?.length ? `the recipient${e.rejected.length > 1 ? 's' : ''} ${e.rejected.join(', ')}` : 'the envelope'} (${reply})` };
      case 'EMESSAGE':
        return { kind: 'refused', text: `the SMTP server ${where} refused the message (${reply})` };
      default:
        return { kind: 'other', text: `sending through ${where} failed (${reply})` };
    }
  })();
  return { ...failure, text: redact(failure.text, target), hint: failure.hint && redact(failure.hint, target) };
}

/** A timer that fails `reject` after `ms`, and runs `onTimeout` to tear the connection down. */
function deadline(ms: number, onTimeout: () => void): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(Object.assign(new Error(`gave up after ${Math.round(ms / 1000)} s`), { code: 'EABORT' }));
    }, ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * Connects and logs in without sending: an unreachable server, a refused login or a server that
 * cannot protect the password fails the run before any message goes. Bounded by `messageMs`
 * as a whole, so a server that answers a byte at a time cannot hold the run.
 */
export async function verifyServer(conn: Connection): Promise<void> {
  const { default: SMTPConnection } = await import('nodemailer/lib/smtp-connection');
  const smtp = new SMTPConnection({ ...conn.options, logger: false });
  const check = new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.once('end', () => reject(new Error('the server closed the connection')));
    smtp.connect(() => {
      const { auth, authMethod } = conn.options;
      if (!auth || !smtp.allowsAuth) {
        resolve();
        return;
      }
      smtp.login({ user: auth.user, pass: auth.pass, credentials: { ...auth }, method: authMethod ?? false }, (err) => (err ? reject(err) : resolve()));
    });
  });
  const limit = deadline(conn.messageMs, () => smtp.close());
  // A late error (e.g. the server never answers QUIT) must not surface as an unhandled event.
  smtp.on('error', () => undefined);
  try {
    await Promise.race([check, limit.promise]);
    smtp.quit();
  } catch (err) {
    smtp.close();
    const failure = smtpFailure(err, conn.target);
    throw new FunnelError(failure.kind === 'tls' ? 'SMTP_TLS_FAILED' : 'SMTP_FAILED', `${failure.text}; nothing was sent`, {
      hint: failure.hint ?? `check --smtp or FUNNEL_SMTP_URL (now ${conn.target.shown}) and that the server is up`,
    });
  } finally {
    limit.clear();
  }
}

/**
 * Sends each message in turn, each bounded by `messageMs` from connecting to the server's reply.
 * A refused recipient or message does not stop the others; a server that stops answering (or a
 * connection, TLS or login failure) does: the rest are reported as not attempted.
 * `onDelivery` reports each outcome as it happens; if it throws, sending stops there.
 */
export async function sendMessages(
  conn: Connection,
  from: string,
  messages: OutgoingMessage[],
  onDelivery: (d: Delivery) => void,
): Promise<Delivery[]> {
  const transport = await createTransport({ ...conn.options, logger: false });
  const deliveries: Delivery[] = [];
  let stopped: string | null = null;
  try {
    for (const message of messages) {
      let delivery: Delivery;
      if (stopped !== null) {
        delivery = { message, accepted: [], rejected: [], error: `not attempted: ${stopped}`, isAttempted: false };
      } else {
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), conn.messageMs);
        try {
          const info = await transport.sendMail({ ...mailOptions(from, message), signal: abort.signal });
          const refused = (info as { rejectedErrors?: SmtpError[] }).rejectedErrors ?? [];
          delivery = {
            message,
            accepted: (info.accepted ?? []).map(String),
            rejected: refusals((info.rejected ?? []).map(String), refused, 'refused', conn.target),
            error: null,
            isAttempted: true,
          };
        } catch (err) {
          const e = err as SmtpError;
          const failure = smtpFailure(err, conn.target);
          const rejected = e.code === 'EENVELOPE' && e.rejected ? refusals(e.rejected, e.rejectedErrors ?? [], e.response ?? e.message, conn.target) : [];
          let text = failure.text;
          if (abort.signal.aborted) {
            text = `the SMTP server ${conn.target.host}:${conn.target.port} did not confirm the message within ${Math.round(conn.messageMs / 1000)} s (it may still deliver it)`;
          }
          delivery = { message, accepted: [], rejected, error: text, isAttempted: true };
          if (failure.kind !== 'refused' && failure.kind !== 'other') stopped = abort.signal.aborted || failure.kind === 'timeout' ? 'the server had stopped answering' : 'the server could not be used';
        } finally {
          clearTimeout(timer);
        }
      }
      deliveries.push(delivery);
      onDelivery(delivery);
    }
  } finally {
    transport.close();
  }
  return deliveries;
}
