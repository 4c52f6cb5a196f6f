import type { Transporter } from 'nodemailer';
import { FunnelError } from '../errors.js';
import { redact, type SmtpTarget } from './smtp-url.js';

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
}

/** Timeouts for a cron job: fail within a minute rather than hang. */
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

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
    return { address, reason: redact(why?.response ?? why?.message ?? fallback, target) };
  });
}

/** A nodemailer error as one line for people, with the password scrubbed. */
export function describeSmtpError(err: unknown, target: SmtpTarget): string {
  const e = err as SmtpError;
  const where = `${target.host}:${target.port}`;
  const inner = (e as { errno?: string; cause?: { code?: string } }).errno ?? (e as { cause?: { code?: string } }).cause?.code;
  const text = (() => {
    if (/ECONNREFUSED/.test(`${e.message} ${inner ?? ''}`)) return `cannot connect to the SMTP server ${where} (connection refused)`;
    switch (e.code) {
      case 'ETIMEDOUT':
        return `the SMTP server ${where} did not answer in time`;
      case 'EDNS':
        return `cannot find the SMTP server ${target.host} (${e.message})`;
      case 'ECONNECTION':
      case 'ESOCKET':
        return `cannot talk to the SMTP server ${where} (${e.message})`;
      case 'ETLS':
        return `TLS with the SMTP server ${where} failed (${e.message})`;
      case 'EAUTH':
        return `the SMTP server ${where} refused the login (${e.response ?? e.message})`;
      case 'EENVELOPE':
        return `the SMTP server ${where} refused ${e.rejected?.length ? `the recipient${e.rejected.length > 1 ? 's' : ''} ${e.rejected.join(', ')}` : 'the envelope'} (${e.response ?? e.message})`;
      case 'EMESSAGE':
        return `the SMTP server ${where} refused the message (${e.response ?? e.message})`;
      default:
        return `sending through ${where} failed (${e.response ?? e.message})`;
    }
  })();
  return redact(text, target);
}

/** Connects and logs in without sending: an unreachable server fails the run before any message goes. */
export async function verifyServer(target: SmtpTarget): Promise<void> {
  const transport = await createTransport({ url: target.url, ...TIMEOUTS });
  try {
    await transport.verify();
  } catch (err) {
    throw new FunnelError('SMTP_FAILED', `${describeSmtpError(err, target)}; nothing was sent`, {
      hint: `check --smtp or FUNNEL_SMTP_URL (now ${target.shown}) and that the server is up`,
    });
  } finally {
    transport.close();
  }
}

/** Sends each message in turn; a failure does not stop the others. `onDelivery` reports each outcome. */
export async function sendMessages(
  target: SmtpTarget,
  from: string,
  messages: OutgoingMessage[],
  onDelivery: (d: Delivery) => void,
): Promise<Delivery[]> {
  const transport = await createTransport({ url: target.url, ...TIMEOUTS });
  const deliveries: Delivery[] = [];
  try {
    for (const message of messages) {
      let delivery: Delivery;
      try {
        const info = await transport.sendMail(mailOptions(from, message));
        const refused = (info as { rejectedErrors?: SmtpError[] }).rejectedErrors ?? [];
        delivery = { message, accepted: (info.accepted ?? []).map(String), rejected: refusals((info.rejected ?? []).map(String), refused, 'refused', target), error: null };
      } catch (err) {
        const e = err as SmtpError;
        const rejected = e.code === 'EENVELOPE' && e.rejected ? refusals(e.rejected, e.rejectedErrors ?? [], e.response ?? e.message, target) : [];
        delivery = { message, accepted: [], rejected, error: describeSmtpError(err, target) };
      }
      deliveries.push(delivery);
      onDelivery(delivery);
    }
  } finally {
    transport.close();
  }
  return deliveries;
}
