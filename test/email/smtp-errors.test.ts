// How SMTP failures read: one line each, TLS failures with their fix.
import { describe, expect, it } from 'vitest';
import { oneLine, smtpFailure } from '../../src/email/send.js';
import { parseSmtpUrl } from '../../src/email/smtp-url.js';

const target = parseSmtpUrl('smtps://funnel:hunter2@smtp.acme.example:465');

function err(message: string, props: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), props);
}

describe('oneLine', () => {
  it("keeps OpenSSL's reason from a multi-line error queue", () => {
    const queue =
      'C0B7F1A2E27F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:355:\n' +
      'C0B7F1A2E27F0000:error:0A000197:SSL routines:SSL_shutdown:shutdown while in init:../deps/openssl/openssl/ssl/ssl_lib.c:2248:\n';
    expect(oneLine(queue)).toBe('wrong version number');
    expect(oneLine('C0:error:0A00010B:SSL routines::wrong version number:ssl/record/rec_layer_s3.c:1:')).toBe('wrong version number');
  });

  it('keeps the first non-blank line of anything else', () => {
    expect(oneLine('\n  550-5.1.1 No such user\n550 5.1.1 see https://x\n')).toBe('550-5.1.1 No such user');
  });
});

describe('smtpFailure', () => {
  it('tells a private CA to NODE_EXTRA_CA_CERTS', () => {
    for (const message of ['self-signed certificate', 'self-signed certificate in certificate chain', 'unable to verify the first certificate', 'unable to get local issuer certificate']) {
      const f = smtpFailure(err(message, { code: 'ESOCKET' }), target);
      expect(f.kind).toBe('tls');
      expect(f.text).toBe(`TLS with the SMTP server smtp.acme.example:465 failed: its certificate is not signed by a certificate authority this machine trusts (${message})`);
      expect(f.hint).toContain('NODE_EXTRA_CA_CERTS');
    }
  });

  it('says when the server offers no STARTTLS, and that the password stayed home', () => {
    const f = smtpFailure(err('Error upgrading connection with STARTTLS', { code: 'ETLS', command: 'STARTTLS', response: '502 5.5.1 Error: command not implemented' }), target);
    expect(f).toMatchObject({ kind: 'tls', text: 'the SMTP server smtp.acme.example:465 does not offer STARTTLS (it answered "502 5.5.1 Error: command not implemented"), so the password was not sent' });
    expect(f.hint).toContain('--allow-insecure-auth');
  });

  it('turns a multi-line OpenSSL error into one line with the fix', () => {
    const f = smtpFailure(err('C0B7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:ssl3_record.c:355:\nC0B7:error:0A000197:SSL routines:SSL_shutdown:shutdown while in init:ssl_lib.c:2248:\n', { code: 'ESOCKET' }), target);
    expect(f.text).toBe('TLS with the SMTP server smtp.acme.example:465 failed: the server does not start TLS on port 465 (wrong version number)');
    expect(f.text).not.toContain('\n');
    expect(f.hint).toContain('smtps:// is for ports that start with TLS');
  });

  it('names the other kinds without the password', () => {
    expect(smtpFailure(err('Invalid login: 535 5.7.8 rejected for smtp://funnel:hunter2@x', { code: 'EAUTH', response: '535 5.7.8 rejected smtp://funnel:hunter2@x' }), target)).toEqual({
      kind: 'auth',
      text: 'the SMTP server smtp.acme.example:465 refused the login (535 5.7.8 rejected smtp://funnel:***@x)',
      hint: undefined,
    });
    expect(smtpFailure(err('Greeting never received', { code: 'ETIMEDOUT' }), target).text).toBe('the SMTP server smtp.acme.example:465 did not answer in time (greeting never received)');
    expect(smtpFailure(err('connect ECONNREFUSED 127.0.0.1:465', { code: 'ESOCKET' }), target).kind).toBe('connection');
  });
});
