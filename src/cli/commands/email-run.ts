import { hostname } from 'node:os';
import { getISOWeek } from 'date-fns/getISOWeek';
import { addDaysStr, toDate } from '../../engine/dates.js';
import { checkInDecision } from '../../email/check-in.js';
import { buildDigest, repSubject, teamSubject } from '../../email/digest.js';
import { renderRepHtml, renderTeamHtml } from '../../email/html.js';
import { renderMbox, sendMessages, verifyServer, type Connection, type Delivery, type OutgoingMessage } from '../../email/send.js';
import { bareAddress, checkWritable, readSendLog, recordSent, sendLogPath, sentSet, type SendKey } from '../../email/send-log.js';
import { connectionOptions, parseSmtpUrl } from '../../email/smtp-url.js';
import { renderRepText, renderTeamText } from '../../email/text.js';
import { FunnelError } from '../../errors.js';
import { plural } from '../../report/format.js';
import type { PreparedRun } from '../../run/prepare.js';
import { reportDocument } from '../../run/report.js';
import { countsInRange, referenceDay, weekStart, weeklyActivity } from '../../run/weekly.js';
import { textKey } from '../../text.js';
import { protectedFiles, type CliContext, type DataOptions } from '../common.js';
import { emit } from '../output.js';
import { readRun, repFilter } from '../read-run.js';

export interface EmailOptions extends Omit<DataOptions, 'format'> {
  rep: string[];
  to?: string[];
  eachRep?: boolean;
  smtp?: string;
  from?: string;
  dryRun?: boolean;
  onlyOnShortfall?: boolean;
  resend?: boolean;
  allowInsecureAuth?: boolean;
  smtpTimeout: string;
}

/** One message and what the send log knows it as. */
interface Planned {
  message: OutgoingMessage;
  kind: SendKey['kind'];
  rep?: string;
}

const ADDRESS = /^[^\s@<>,]+@[^\s@<>,]+$/;

/** `--to a@x,b@y --to "Ops <ops@x>"` → the addresses, each checked. */
export function parseRecipients(values: string[]): string[] {
  const out: string[] = [];
  for (const part of values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)) {
    const bare = /<([^>]*)>\s*$/.exec(part)?.[1] ?? part;
    if (!ADDRESS.test(bare)) throw new FunnelError('USAGE', `--to "${part}" is not an e-mail address`, { hint: 'e.g. --to team@acme.example' });
    out.push(part);
  }
  return out;
}


function keyOf(run: PreparedRun, name: string): string {
  return run.data.reps.resolve(name)?.key ?? textKey(name);
}

/** The `funnel email` action: loaded when the command runs, so start-up stays light. */
export async function runEmail(files: string[], opts: EmailOptions, ctx: CliContext): Promise<void> {
  const to = parseRecipients(opts.to ?? []);
  if (to.length === 0 && !opts.eachRep) {
    throw new FunnelError('USAGE', 'no recipients', { hint: 'pass --to ADDRESS for the team digest, --each-rep for each rep, or both' });
  }
  if (opts.out && !opts.dryRun) throw new FunnelError('USAGE', '--out is for --dry-run: a sent message has no file', { hint: 'add --dry-run, or drop --out' });
  const timeout = Number(opts.smtpTimeout);
  if (!/^\d+(\.\d+)?$/.test(opts.smtpTimeout.trim()) || !(timeout >= 1 && timeout <= 3600)) {
    throw new FunnelError('USAGE', `--smtp-timeout "${opts.smtpTimeout}" is not a number of seconds from 1 to 3600`, { hint: 'e.g. --smtp-timeout 30' });
  }
  let conn: Connection | null = null;
  if (!opts.dryRun) {
    if (!opts.smtp) throw new FunnelError('USAGE', 'no SMTP server', { hint: 'set FUNNEL_SMTP_URL=smtp://USER:PASSWORD@HOST:587 (or pass --smtp), or use --dry-run' });
    const target = parseSmtpUrl(opts.smtp);
    const { options, warning } = connectionOptions(target, { isInsecureAuthAllowed: Boolean(opts.allowInsecureAuth), phaseMs: timeout * 1000 });
    // Printed even under --quiet: an opt-out of a safeguard should be seen where cron mails it.
    if (warning) ctx.stderr(`funnel: warning: ${warning}`);
    conn = { target, options, messageMs: timeout * 4000 };
  }
  const from = opts.from ?? `funnel <funnel@${hostname()}>`;
  const say = (line: string) => {
    if (!opts.quiet) ctx.stderr(line);
  };

  const run = await readRun(opts, files, ctx);
  const doc = reportDocument(run, repFilter(run, opts.rep));
  const names = doc.reps.map((r) => r.rep);

  const ref = referenceDay(run);
  const start = weekStart(ref, run.calendar);
  const week = {
    isoWeek: getISOWeek(toDate(ref)),
    start,
    end: ref,
    isPartial: ref < addDaysStr(start, 6),
    previousStart: addDaysStr(start, -7),
    previousEnd: addDaysStr(ref, -7),
  };
  const digest = buildDigest({
    report: doc,
    week,
    thisWeek: countsInRange(run, names, week.start, week.end),
    lastWeek: countsInRange(run, names, week.previousStart, week.previousEnd),
  });
  const isBehind = doc.reps.some((r) => r.shortfalls.length > 0);
  if (opts.onlyOnShortfall && !isBehind) {
    say('funnel: every rep is on pace: nothing sent (--only-on-shortfall)');
    return;
  }

  const planned: Planned[] = [];
  if (to.length > 0) {
    const subject = teamSubject(digest);
    planned.push({ kind: 'team', message: { label: 'team digest', to, subject, text: renderTeamText(digest, subject), html: renderTeamHtml(digest, subject) } });
  }
  if (opts.eachRep) {
    const addresses = new Map<string, { email: string; checkIn: string | null }>();
    for (const [name, rep] of Object.entries(run.loaded.config.reps)) {
      if (rep.email) addresses.set(keyOf(run, name), { email: rep.email, checkIn: rep.checkIn ?? null });
    }
    const missing: string[] = [];
    for (const [i, entry] of doc.reps.entries()) {
      const address = addresses.get(keyOf(run, entry.rep));
      if (!address) {
        missing.push(entry.rep);
        continue;
      }
      const checkIn = (entry as { checkIn?: string | null }).checkIn ?? address.checkIn;
      const decision = checkInDecision(checkIn, ref, week.isoWeek);
      if (!decision.isSent) {
        say(`funnel: not sent to ${entry.rep}: ${decision.reason}`);
        continue;
      }
      if (decision.warning) say(`funnel: warning: ${entry.rep}: ${decision.warning}`);
      const repDigest = digest.reps[i];
      const subject = repSubject(digest, repDigest);
      const weekly = weeklyActivity(run, [entry.rep]);
      planned.push({
        kind: 'rep',
        rep: entry.rep,
        message: {
          label: entry.rep,
          to: [address.email],
          subject,
          text: renderRepText(digest, repDigest, doc, entry, subject),
          html: renderRepHtml(digest, repDigest, doc, entry, subject, weekly),
        },
      });
    }
    if (missing.length > 0) say(`funnel: no reps.<name>.email for ${missing.join(', ')}: not sent`);
  }

  // The send log: what already went out for this period, up to this day, to whom.
  const scope = { period: doc.period.label, through: ref };
  const scopeText = `${scope.period}${scope.through === doc.period.end ? '' : ` through ${scope.through}`}`;
  const logPath = sendLogPath(ctx.env, run.loaded.path, ctx.cwd);
  const logKey = (p: Planned, address: string): SendKey => ({ ...scope, kind: p.kind, rep: p.rep, to: bareAddress(address) });
  let messages = planned.map((p) => p.message);
  const planOf = new Map<OutgoingMessage, Planned>(planned.map((p) => [p.message, p]));
  if (opts.dryRun) {
    // A dry run neither trusts nor writes the log; it only says what a real run would skip.
    if (!opts.resend) {
      let sent: ReturnType<typeof sentSet> | null = null;
      try {
        sent = sentSet(readSendLog(logPath));
      } catch (err) {
        if (!(err instanceof FunnelError)) throw err;
        say(`funnel: warning: ${err.message} (${logPath})`);
      }
      for (const p of planned) {
        const done = p.message.to.filter((a) => sent?.has(logKey(p, a)));
        if (done.length > 0) say(`funnel: already sent for ${scopeText}, a real run would skip: ${p.message.label} to ${done.join(', ')}`);
      }
    }
  } else if (messages.length > 0) {
    checkWritable(logPath);
    const sent = opts.resend ? null : sentSet(readSendLog(logPath));
    messages = [];
    for (const p of planned) {
      const done = p.message.to.filter((a) => sent?.has(logKey(p, a)));
      const left = p.message.to.filter((a) => !done.includes(a));
      if (done.length > 0) say(`funnel: already sent for ${scopeText}, skipped: ${p.message.label} to ${done.join(', ')} (--resend sends it again)`);
      if (left.length === 0) continue;
      const message = { ...p.message, to: left };
      messages.push(message);
      planOf.set(message, p);
    }
    if (messages.length === 0) {
      say(`funnel: nothing left to send for ${scopeText}`);
      if (opts.failOnShortfall && isBehind) ctx.exit.code = 3;
      return;
    }
  }

  if (messages.length === 0) {
    say('funnel: nothing to send');
  } else if (opts.dryRun) {
    await emit(ctx, await renderMbox(messages, from, new Date()), opts.out, protectedFiles(run, opts, ctx.cwd));
  } else if (conn) {
    await verifyServer(conn);
    const onDelivery = (d: Delivery) => {
      report(d, say, ctx);
      const p = planOf.get(d.message);
      if (!p || d.accepted.length === 0) return;
      const sentAt = new Date();
      const entries = d.accepted.map((a) => ({ ...logKey(p, a), subject: d.message.subject, sentAt: sentAt.toISOString() }));
      recordSent(logPath, entries, { config: run.loaded.path, now: sentAt });
    };
    let deliveries: Delivery[];
    try {
      deliveries = await sendMessages(conn, from, messages, onDelivery);
    } catch (err) {
      if (err instanceof FunnelError && err.code === 'SEND_LOG_FAILED') {
        throw new FunnelError(err.code, `${err.message}: the last message listed as sent went out but is not recorded, and the messages after it were not sent`, {
          where: err.where,
          hint: err.hint,
        });
      }
      throw err;
    }
    const failed = deliveries.filter((d) => d.error !== null || d.rejected.length > 0);
    if (failed.length > 0) {
      const sentLabels = deliveries.filter((d) => d.accepted.length > 0).map((d) => d.message.label);
      throw new FunnelError('SMTP_FAILED', `delivery failed for ${failed.length} of ${plural(deliveries.length, 'message')}`, {
        details: [
          ...failed.map((d) => `${d.message.label}: ${d.error ?? `refused for ${d.rejected.map((r) => `${r.address} (${r.reason})`).join(', ')}`}`),
          `sent: ${sentLabels.length > 0 ? sentLabels.join(', ') : 'nothing'}`,
        ],
        hint: 'check the addresses (--to, reps.<name>.email) and the server; run the same command again to send what was not sent (what was sent is skipped)',
      });
    }
  }
  if (opts.failOnShortfall && isBehind) ctx.exit.code = 3;

}

/** One line per message: sent (to whom), partly refused, or not sent. Errors print even under --quiet. */
function report(d: Delivery, say: (line: string) => void, ctx: CliContext): void {
  if (d.error !== null) {
    ctx.stderr(`funnel: error: ${d.message.label}: not sent: ${d.error}`);
    return;
  }
  if (d.accepted.length > 0) say(`funnel: sent "${d.message.subject}" to ${d.accepted.join(', ')}`);
  for (const r of d.rejected) ctx.stderr(`funnel: error: ${d.message.label}: not delivered to ${r.address} (${r.reason})`);
}
