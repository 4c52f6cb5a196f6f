// The TLS rule for credentials, the URL's settings, loopback detection and structural redaction.
import { describe, expect, it } from 'vitest';
import { connectionOptions, isLoopbackHost, parseSmtpUrl, redact } from '../../src/email/smtp-url.js';
import { FunnelError } from '../../src/errors.js';

const POLICY = { isInsecureAuthAllowed: false, phaseMs: 30_000 };

function usageError(fn: () => unknown): FunnelError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FunnelError);
    expect((err as FunnelError).code).toBe('USAGE');
    return err as FunnelError;
  }
  throw new Error('expected a USAGE error');
}

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:7f00:1', true],
    ['0.0.0.0', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['::2', false],
    ['smtp.acme.example', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.evil.example', false],
  ])('%s → %j', (host, isLoopback) => {
    expect(isLoopbackHost(host)).toBe(isLoopback);
  });

  it('reads the host of IPv6 URLs', () => {
    expect(parseSmtpUrl('smtp://u:p@[::1]:2525').isLoopback).toBe(true);
    expect(parseSmtpUrl('smtp://u:p@[::ffff:127.0.0.1]:2525').isLoopback).toBe(true);
  });
});

describe('connectionOptions: TLS whenever credentials leave this machine', () => {
  it.each([
    // url, requireTLS, ignoreTLS, secure
    ['smtp://u:pw@smtp.acme.example:587', true, false, false],
    ['smtp://u@smtp.acme.example:587', true, false, false],
    ['smtps://u:pw@smtp.acme.example', false, false, true],
    ['smtp://smtp.acme.example:25', false, false, false],
    ['smtp://smtp.acme.example:25?ignoreTLS=true', false, true, false],
    ['smtp://u:pw@127.0.0.1:2525', false, false, false],
    ['smtp://u:pw@localhost:2525?ignoreTLS=true', false, true, false],
    ['smtp://u:pw@127.0.0.1:2525?requireTLS=true', true, false, false],
  ])('%s → requireTLS %j, ignoreTLS %j, secure %j', (url, requireTLS, ignoreTLS, secure) => {
    const { options, warning } = connectionOptions(parseSmtpUrl(url), POLICY);
    expect(options).toMatchObject({ requireTLS, ignoreTLS, secure });
    expect(warning).toBeNull();
  });

  it('passes the login and bounds every phase', () => {
    const { options } = connectionOptions(parseSmtpUrl('smtp://ops%40acme.example:p%40ss@smtp.acme.example:2525?name=cron.acme.example'), { ...POLICY, phaseMs: 7_000 });
    expect(options).toMatchObject({
      host: 'smtp.acme.example',
      port: 2525,
      auth: { user: 'ops@acme.example', pass: 'p@ss' },
      name: 'cron.acme.example',
      connectionTimeout: 7_000,
      greetingTimeout: 7_000,
      socketTimeout: 8_000,
    });
  });

  it.each(['ignoreTLS=true', 'requireTLS=false', 'tls.rejectUnauthorized=false'])('refuses ?%s with credentials to a remote host', (setting) => {
    const err = usageError(() => connectionOptions(parseSmtpUrl(`smtp://u:hunter2@smtp.acme.example:587?${setting}`), POLICY));
    expect(err.message).toBe(`the SMTP URL sets ${setting}: the password could reach smtp.acme.example unprotected`);
    expect(err.hint).toContain('--allow-insecure-auth');
    expect(`${err.message} ${err.hint}`).not.toContain('hunter2');
  });

  it('--allow-insecure-auth lets it through with a warning', () => {
    const plain = connectionOptions(parseSmtpUrl('smtp://u:pw@smtp.acme.example:587'), { ...POLICY, isInsecureAuthAllowed: true });
    expect(plain.options).toMatchObject({ requireTLS: false, ignoreTLS: false });
    expect(plain.warning).toBe('--allow-insecure-auth: the password for smtp.acme.example:587 goes in clear if the server offers no STARTTLS or someone on the path removes it');
    const ignored = connectionOptions(parseSmtpUrl('smtp://u:pw@smtp.acme.example:587?ignoreTLS=true'), { ...POLICY, isInsecureAuthAllowed: true });
    expect(ignored.options).toMatchObject({ requireTLS: false, ignoreTLS: true });
    const unchecked = connectionOptions(parseSmtpUrl('smtps://u:pw@smtp.acme.example?tls.rejectUnauthorized=false'), { ...POLICY, isInsecureAuthAllowed: true });
    expect(unchecked.options.tls).toEqual({ rejectUnauthorized: false });
    expect(unchecked.warning).toBe("--allow-insecure-auth: the password for smtp.acme.example:465 goes to whoever answers, since the server's certificate is not checked");
  });

  it('has nothing to warn about when no password leaves the machine', () => {
    for (const url of ['smtp://u:pw@127.0.0.1:25', 'smtp://smtp.acme.example:25']) {
      expect(connectionOptions(parseSmtpUrl(url), { ...POLICY, isInsecureAuthAllowed: true }).warning).toBeNull();
    }
  });

  it('refuses URL settings it does not read, without echoing their values', () => {
    const err = usageError(() => parseSmtpUrl('smtp://u:pw@smtp.acme.example?debug=true&x=hunter2'));
    expect(err.message).toBe('the SMTP URL sets "debug", which funnel does not read');
    expect(usageError(() => parseSmtpUrl('smtp://smtp.acme.example?requireTLS=yes')).message).toBe('the SMTP URL\'s "requireTLS" must be true or false');
  });
});

describe('redact', () => {
  it('never replaces a short password as a substring', () => {
    const target = parseSmtpUrl('smtp://u:a@smtp.acme.example:587');
    const text = 'a recipient at a host refused: smtp://u:a@smtp.acme.example:587';
    expect(redact(text, target)).toBe('a recipient at a host refused: smtp://u:***@smtp.acme.example:587');
    expect(target.shown).toBe('smtp://u:***@smtp.acme.example:587');
  });

  it('scrubs the base64 forms an AUTH exchange carries when a server echoes them', () => {
    const target = parseSmtpUrl('smtp://u:a@smtp.acme.example:587');
    // base64("a") = YQ==, base64("\0u\0a") = AHUAYQ==
    expect(redact('535 bad credentials YQ== and AHUAYQ==', target)).toBe('535 bad credentials *** and ***');
    expect(redact('token XYQ== stays', target)).toBe('token XYQ== stays');
  });

  it('keeps URLs without a password as they are', () => {
    expect(redact('smtp://ops@host:25 and smtp://host:25', null)).toBe('smtp://ops@host:25 and smtp://host:25');
  });
});
