import { FunnelError } from '../errors.js';

// The SMTP server comes as a URL (`smtp://user:pass@host:587`, `smtps://…:465`). Its password
// must never reach output or errors: every message that may quote it goes through `redact`.

/** A checked SMTP URL and its printable form. */
export interface SmtpTarget {
  url: string;
  /** The URL with the password replaced by `***`. */
  shown: string;
  host: string;
  port: number;
  isSecure: boolean;
  /** The password as written and decoded, to scrub from any text. */
  secrets: string[];
}

/** `smtp://user:***@host:587`: the URL without its password; unparseable text is hidden whole. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Replaces every secret (and the URL carrying it) in `text` with a redacted form. */
export function redact(text: string, target: Pick<SmtpTarget, 'url' | 'shown' | 'secrets'> | null): string {
  if (!target) return text;
  let out = text.split(target.url).join(target.shown);
  for (const s of target.secrets) if (s.length > 0) out = out.split(s).join('***');
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
  const secrets = u.password ? [u.password, safeDecode(u.password)] : [];
  return {
    url,
    shown: redactUrl(url),
    host: u.hostname,
    port: u.port ? Number(u.port) : isSecure ? 465 : 587,
    isSecure,
    secrets: [...new Set(secrets)].sort((a, b) => b.length - a.length),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
