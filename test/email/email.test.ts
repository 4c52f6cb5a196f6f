// The pure parts of `funnel email`: check-in cadence, password redaction, the digest and subjects.
import { describe, expect, it } from 'vitest';
import { checkInDecision } from '../../src/email/check-in.js';
import { buildDigest, repSubject, teamSubject, type DigestWeek } from '../../src/email/digest.js';
import { renderRepText, renderTeamText } from '../../src/email/text.js';
import { parseSmtpUrl, redact, redactUrl } from '../../src/email/smtp-url.js';
import { FunnelError } from '../../src/errors.js';
import { report } from '../report/fixtures.js';

describe('checkInDecision', () => {
  it.each([
    [undefined, '2026-11-18', true],
    [null, '2026-11-11', true],
    ['weekly', '2026-11-18', true],
    ['Weekly', '2026-11-11', true],
    ['biweekly', '2026-11-11', true],
    ['biweekly', '2026-11-18', false],
    ['autonomy', '2026-11-11', false],
    ['autonomy', '2026-11-18', false],
    ['monthly', '2026-11-18', true],
  ])('checkIn %j on %s → sent: %j', (checkIn, day, isSent) => {
    expect(checkInDecision(checkIn, day, 0).isSent).toBe(isSent);
  });

  it('explains a skip and warns about an unknown preference', () => {
    expect(checkInDecision('biweekly', '2026-11-18', 47)).toEqual({ isSent: false, reason: 'checkIn biweekly, and week 47 is an off week (sent every second week)' });
    expect(checkInDecision('monthly', '2026-11-18', 47)).toEqual({ isSent: true, warning: 'checkIn "monthly" is not one of weekly, biweekly, autonomy; sent as weekly' });
  });
});

describe('SMTP URL', () => {
  it('hides the password, encoded or not', () => {
    const target = parseSmtpUrl('smtp://ops%40acme.example:p%40ss%3Aword@smtp.acme.example:2525');
    expect(target).toMatchObject({ host: 'smtp.acme.example', port: 2525, isSecure: false, shown: 'smtp://ops%40acme.example:***@smtp.acme.example:2525' });
    // Structurally: the userinfo of every SMTP URL, never the password as a bare substring.
    const text = `failed for smtp://ops%40acme.example:p%40ss%3Aword@smtp.acme.example:2525 and smtps://x:p@ss@other:465`;
    const clean = redact(text, target);
    expect(clean).not.toMatch(/p@ss|p%40ss/);
    expect(clean).toBe('failed for smtp://ops%40acme.example:***@smtp.acme.example:2525 and smtps://x:***@other:465');
  });

  it('defaults the port by scheme', () => {
    expect(parseSmtpUrl('smtps://smtp.acme.example').port).toBe(465);
    expect(parseSmtpUrl('smtp://smtp.acme.example').port).toBe(587);
  });

  it('rejects other schemes and non-URLs without echoing them', () => {
    for (const bad of ['http://u:hunter2@x', 'u:hunter2@x', 'not a url hunter2']) {
      let err: unknown;
      try {
        parseSmtpUrl(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FunnelError);
      expect((err as FunnelError).message).not.toContain('hunter2');
    }
    expect(redactUrl('smtp://u:hunter2@host:25')).toBe('smtp://u:***@host:25');
  });
});

describe('buildDigest', () => {
  const doc = report();
  const names = doc.reps.map((r) => r.rep);
  const zero = Object.fromEntries(doc.stages.map((s) => [s.id, 0]));
  const week: DigestWeek = { isoWeek: 47, start: '2026-11-16', end: '2026-11-18', isPartial: true, previousStart: '2026-11-09', previousEnd: '2026-11-11' };
  const digest = buildDigest({
    report: doc,
    week,
    thisWeek: { start: week.start, end: week.end, team: { ...zero, dial: 110, close: 3 }, reps: Object.fromEntries(names.map((n) => [n, { ...zero, dial: 40 }])) },
    lastWeek: { start: week.previousStart, end: week.previousEnd, team: { ...zero, dial: 100, close: 0 }, reps: Object.fromEntries(names.map((n) => [n, { ...zero, dial: 50 }])) },
  });

  it('compares the weeks per stage with the change in percent', () => {
    const dial = digest.team.changes.find((c) => c.stage === 'dial');
    expect(dial).toMatchObject({ thisWeek: 110, lastWeek: 100 });
    expect(dial!.change).toBeCloseTo(0.1, 10);
    expect(digest.team.changes.find((c) => c.stage === 'close')!.change).toBeNull();
    expect(renderTeamText(digest, 'x')).toMatch(/^ {2}Dials +110 +100 +\+10%$/m);
    expect(renderTeamText(digest, 'x')).toMatch(/^ {2}Closes +3 +0 +new$/m);
  });

  it('gives attainment and the gap to goal, and calls a rep at the goal reached', () => {
    const tomas = digest.reps.find((r) => r.rep === 'Tomás Herrera')!;
    expect(tomas).toMatchObject({ goal: 3, closes: 3, gap: 0, status: 'reached', statusText: 'reached' });
    expect(tomas.attainment).toBe(1);
    const marisol = digest.reps.find((r) => r.rep === 'Marisol Vega')!;
    expect(marisol).toMatchObject({ goal: 11, closes: 10, gap: 1, projectedCloses: 15 });
  });

  it("checks a commitment as the report's coaching did: a weekly promise against the period so far", () => {
    // 6 appts kept a week over 13 working days = 15.6 due, 6 done: 10 short.
    expect(digest.reps[0].commitments).toEqual([
      { stage: 'appointment_kept', label: 'Appts kept', committed: 6, per: 'week', actual: 6, due: 16, shortBy: 10, over: 'this period' },
    ]);
    expect(renderTeamText(digest, 'x')).toContain('  Aisha Bello: 6 appts kept a week: 6 done this period, 16 due by now (10 short)');
  });

  it("uses the report's own commitment checks when it has them", () => {
    const withChecks = report();
    Object.assign(withChecks.reps[0], { commitments: [{ stage: 'appointment_kept', committed: 6, per: 'week', actual: 6, expected: 15.6, periodTotal: 24, shortBy: 10, isMet: false }] });
    const none = { start: week.start, end: week.end, team: {}, reps: {} };
    const d = buildDigest({ report: withChecks, week, thisWeek: none, lastWeek: none });
    expect(renderTeamText(d, 'x')).toContain('  Aisha Bello: 6 appts kept a week: 6 done this period, 16 due by now (10 short)');
  });

  it('names the week, the period and the pace in subjects', () => {
    expect(teamSubject(digest)).toBe('Week 47 (2026-11): 2 of 5 reps behind pace (2 critical), 2 reached');
    expect(repSubject(digest, digest.reps[0])).toBe('Week 47 (2026-11): Aisha Bello, goal reached (3 of 3 closes)');
    const kenji = digest.reps.find((r) => r.rep === 'Kenji Watanabe')!;
    expect(repSubject(digest, kenji)).toBe('Week 47 (2026-11): Kenji Watanabe, far behind pace (0 of 4 closes)');
    const weekly = { ...digest, period: { ...digest.period, label: '2026-W47', start: '2026-11-16', end: '2026-11-22' }, goalNote: "a quarter of November's goal" };
    expect(teamSubject(weekly)).toBe("Week 47: 2 of 5 reps behind pace (2 critical), 2 reached (a quarter of November's goal)");
  });

  it("keeps a rep's own e-mail to their own numbers", () => {
    const text = renderRepText(digest, digest.reps[0], doc, doc.reps[0], 'subject');
    expect(text).toContain('3 of 3 closes done: the goal is reached.');
    for (const other of names.slice(1)) expect(text).not.toContain(other);
  });
});
