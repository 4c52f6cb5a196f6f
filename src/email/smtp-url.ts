import { BlockList, isIP } from 'node:net';
import { FunnelError } from '../errors.js';

// The SMTP server comes as a URL (`smtp://user:pass@host:587`, `smtps://…:465`). Its password
// must never reach output or errors: every message that may quote it goes through `redact`,
// which rewrites the userinfo of any SMTP URL and never replaces bare substrings (a password
// `a` must not turn every `a` of a message into `***`).

/** A checked SMTP URL and its printable form. */
export interface SmtpTarget {
  /** The URL as given; never printed. */
  url: string;
  /** The URL with the password replaced by `***`. */
  shown: string;
  host: string;
  port: number;
  /** smtps://: TLS from the first byte. */
  isSecure: boolean;
  /** The login, decoded; null when the URL names no user. */
  auth: { user: string; pass: string } | null;
  /** The host is this machine (localhost, 127.0.0.0/8, ::1): nothing crosses a network. */
  isLoopback: boolean;
  /** Settings from the URL's query string (see SETTINGS). */
  settings: UrlSettings;
  /** The credentials as an SMTP AUTH exchange carries them (base64), scrubbed as whole tokens. */
  tokens: string[];
}

/** What the URL's query string may set; anything else is refused, so nothing is silently ignored. */
export interface UrlSettings {
  name?: string;
  localAddress?: string;
  authMethod?: string;
  requireTLS?: boolean;
  ignoreTLS?: boolean;
  tls: { servername?: string; rejectUnauthorized?: boolean };
}

const STRING_SETTINGS = ['name', 'localAddress', 'authMethod', 'tls.servername'] as const;
const BOOLEAN_SETTINGS = ['requireTLS', 'ignoreTLS', 'tls.rejectUnauthorized'] as const;
const SETTINGS: readonly string[] = [...STRING_SETTINGS, ...BOOLEAN_SETTINGS];

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** Whether `host` (a URL hostname, IPv6 with or without brackets) is this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  if (family === 4) return LOOPBACK.check(bare, 'ipv4');
  if (family === 6) return LOOPBACK.check(bare, 'ipv6');
  return false;
}

// An SMTP URL inside any text: scheme, then userinfo up to the last `@` before the host.
const URL_USERINFO = /\b(smtps?:\/\/)([^\s/?#]*)@/gi;

/** `smtp://user:***@host:587`: every SMTP URL in `text` without its password. */
function hidePasswords(text: string): string {
  return text.replace(URL_USERINFO, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon < 0 ? userinfo : `${userinfo.slice(0, colon)}:***`}@`;
  });
}

/** `smtp://user:***@host:587`: the URL without its password; unparseable text is hidden whole. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return hidePasswords(url);
  }
}

/**
 * `text` without credentials: the password of every SMTP URL in it, and the base64 forms an AUTH
 * exchange would carry (a server may echo them) when they stand as a whole token.
 */
export function redact(text: string, target: Pick<SmtpTarget, 'tokens'> | null): string {
  let out = hidePasswords(text);
  for (const token of target?.tokens ?? []) {
    out = out.replace(new RegExp(`(?<![A-Za-z0-9+/=])${token.replace(/[+/=]/g, '\\$&')}(?![A-Za-z0-9+/=])`, 'g'), '***');
  }
  return out;
}

/** Checks `--smtp` / FUNNEL_SMTP_URL; the error never echoes the value. */
export function parseSmtpUrl(url: string): SmtpTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new FunnelError('USAGE', 'the SMTP URL is not a URL', {
      hint: 'write it smtp://USER:PASSWORD@HOST:587 or smtps://USER:PASSWORD@HOST:465 (password URL-encoded)',
    });
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw new FunnelError('USAGE', `the SMTP URL must start with smtp:// or smtps://, not ${u.protocol}//`, {
      hint: 'e.g. smtp://USER:PASSWORD@smtp.example.com:587',
    });
  }
  if (!u.hostname) throw new FunnelError('USAGE', 'the SMTP URL has no host', { hint: 'e.g. smtp://smtp.example.com:587' });
  const isSecure = u.protocol === 'smtps:';
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const auth = u.username || u.password ? { user: safeDecode(u.username), pass: safeDecode(u.password) } : null;
  const tokens = auth && auth.pass ? [base64(auth.pass), base64(`\u0000${auth.user}\u0000${auth.pass}`)] : [];
  return {
    url,
    shown: redactUrl(url),
    host,
    port: u.port ? Number(u.port) : isSecure ? 465 : 587,
    isSecure,
    auth,
    isLoopback: isLoopbackHost(host),
    settings: parseSettings(u.searchParams),
    tokens,
  };
}

function parseSettings(params: URLSearchParams): UrlSettings {
  const settings: UrlSettings = { tls: {} };
  for (const [key, value] of params) {
    if (!SETTINGS.includes(key)) {
      throw new FunnelError('USAGE', `the SMTP URL sets "${key}", which funnel does not read`, {
        hint: `the URL's query may set ${SETTINGS.join(', ')}; drop the others`,
      });
    }
    let parsed: string | boolean = value;
    if ((BOOLEAN_SETTINGS as readonly string[]).includes(key)) {
      if (!/^(true|false|1|0)$/.test(value)) throw new FunnelError('USAGE', `the SMTP URL's "${key}" must be true or false`, { hint: `e.g. ?${key}=true` });
      parsed = value === 'true' || value === '1';
    }
    if (key.startsWith('tls.')) (settings.tls as Record<string, string | boolean>)[key.slice(4)] = parsed;
    else (settings as unknown as Record<string, string | boolean>)[key] = parsed;
  }
  return settings;
}

/** What `--allow-insecure-auth` allows, and the timeouts of the dialogue. */
export interface ConnectionPolicy {
  /** Let the password go to a remote host without TLS (the user's explicit opt-out). */
  isInsecureAuthAllowed: boolean;
  /** Milliseconds each phase (connect, greeting and TLS, any silence of the server) may take. */
  phaseMs: number;
}

/** How much longer than a phase the socket may stay silent before nodemailer gives up. */
export const SILENCE_MARGIN_MS = 1_000;

/** nodemailer's SMTP options for `target`, with the TLS rule applied. */
export interface ConnectionOptions {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
  auth?: { user: string; pass: string };
  name?: string;
  localAddress?: string;
  authMethod?: string;
  tls: UrlSettings['tls'];
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  socketCloseTimeout: number;
}

/**
 * The rule: credentials go to a host that is not this machine only over TLS (smtps://, or
 * STARTTLS, which is then required: a server that does not offer it, or a path that strips it,
 * gets no password). URL settings that would weaken that are refused unless the user opts out.
 * Returns the options and, when the opt-out applies, the warning to print.
 */
export function connectionOptions(target: SmtpTarget, policy: ConnectionPolicy): { options: ConnectionOptions; warning: string | null } {
  const s = target.settings;
  const exposesPassword = target.auth !== null && !target.isLoopback;
  if (exposesPassword && !policy.isInsecureAuthAllowed) {
    const weakening = s.ignoreTLS === true ? 'ignoreTLS=true' : s.requireTLS === false ? 'requireTLS=false' : s.tls.rejectUnauthorized === false ? 'tls.rejectUnauthorized=false' : null;
    if (weakening) {
      throw new FunnelError('USAGE', `the SMTP URL sets ${weakening}: the password could reach ${target.host} unprotected`, {
        hint: `remove ${weakening} from the URL; to accept the risk on a network you trust, pass --allow-insecure-auth`,
      });
    }
  }
  const isTlsRequired = !target.isSecure && ((exposesPassword && !policy.isInsecureAuthAllowed) || s.requireTLS === true);
  let warning: string | null = null;
  if (exposesPassword && policy.isInsecureAuthAllowed) {
    const risks: string[] = [];
    if (!target.isSecure && !isTlsRequired) risks.push('goes in clear if the server offers no STARTTLS or someone on the path removes it');
    if (s.tls.rejectUnauthorized === false) risks.push("goes to whoever answers, since the server's certificate is not checked");
    if (risks.length > 0) warning = `--allow-insecure-auth: the password for ${target.host}:${target.port} ${risks.join(', and ')}`;
  }
  const options: ConnectionOptions = {
    host: target.host,
    port: target.port,
    secure: target.isSecure,
    requireTLS: isTlsRequired,
    ignoreTLS: !isTlsRequired && s.ignoreTLS === true,
    tls: { ...s.tls },
    connectionTimeout: policy.phaseMs,
    greetingTimeout: policy.phaseMs,
    // Silence is a backstop one second behind the phase timers, so a server that never greets
    // (or stalls in TLS) is named by its phase, whichever timer the event loop runs first.
    socketTimeout: policy.phaseMs + SILENCE_MARGIN_MS,
    socketCloseTimeout: Math.min(policy.phaseMs, 5_000),
  };
  if (target.auth) options.auth = { ...target.auth };
  if (s.name !== undefined) options.name = s.name;
  if (s.localAddress !== undefined) options.localAddress = s.localAddress;
  if (s.authMethod !== undefined) options.authMethod = s.authMethod;
  return { options, warning };
}

function base64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
