import { hostname } from 'node:os';
import { Command, Option } from 'commander';
import type { RepPlan } from '../../email/digest.js';
import type { Delivery, OutgoingMessage } from '../../email/send.js';
import type { SmtpTarget } from '../../email/smtp-url.js';
import { FunnelError } from '../../errors.js';
import { plural } from '../../report/format.js';
import type { PreparedRun } from '../../run/prepare.js';
import { textKey } from '../../text.js';
import { addInputOptions, type CliContext, type DataOptions } from '../common.js';

interface EmailOptions extends Omit<DataOptions, 'format'> {
  rep: string[];
  to?: string[];
  eachRep?: boolean;
  smtp?: string;
  from?: string;
  dryRun?: boolean;
  onlyOnShortfall?: boolean;
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

export function emailCommand(ctx: CliContext): Command {
  const cmd = new Command('email')
    .summary('e-mails the digest (HTML with a plain-text part) to the team, and each rep their own numbers')
    .description(
      'E-mails the digest: this week against last week per stage, attainment and gap\n' +
        'to goal, reps behind pace, commitments due and the prompts for the next 1:1.\n' +
        '--to sends the team digest; --each-rep sends each rep their own numbers at\n' +
        'reps.<name>.email as their checkIn asks: weekly (or none) every run, biweekly\n' +
        'on even ISO weeks, autonomy never. The week is the one holding the period\'s\n' +
        'last day (or as-of), against the same days a week earlier. Nothing is reported\n' +
        'as sent unless the server accepted it; any failure exits 1.',
    )
    .argument('[files...]', "input files; default: the config's sources")
    .addOption(new Option('--to <address...>', 'send the team digest to these addresses (repeatable, or comma-separated)'))
    .option('--each-rep', "send each rep their own numbers at reps.<name>.email, honouring their checkIn")
    .option('--rep <name>', 'only this rep (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--smtp <url>', 'SMTP server: smtp://USER:PASSWORD@HOST:587 or smtps://…:465 (prefer the env variable: argv is visible to other users)').env('FUNNEL_SMTP_URL'))
    .addOption(new Option('--from <address>', 'sender (default: funnel@ this host)').env('FUNNEL_MAIL_FROM'))
    .option('--dry-run', 'print the messages (an mbox of MIME messages) instead of sending; needs no server')
    .option('--out <file>', 'with --dry-run: write the messages to this file (atomically) instead of stdout')
    .option('--only-on-shortfall', 'send nothing when every rep is on pace')
    .option('--fail-on-shortfall', 'exit 3 after sending when any rep is behind pace');
  addInputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ FUNNEL_SMTP_URL=smtp://funnel:PASSWORD@smtp.acme.example:587 funnel email --period last-week --to sales@acme.example
  $ funnel email --each-rep --dry-run > digest.mbox
  $ funnel email --only-on-shortfall --to ops@acme.example --quiet`,
  );
  cmd.action(async (files: string[], opts: EmailOptions) => {
    // Loaded here, not at start-up: `funnel --help` and the other commands need none of it.
    const [
      { getISOWeek },
      { addDaysStr, toDate },
      { checkInDecision },
      { buildDigest, repSubject, teamSubject },
      { renderRepHtml, renderTeamHtml },
      { renderMbox, sendMessages, verifyServer },
      { parseSmtpUrl },
      { renderRepText, renderTeamText },
      { reportDocument },
      { countsInRange, referenceDay, weekStart, weeklyActivity },
      { emit },
      { readRun, repFilter },
    ] = await Promise.all([
      import('date-fns/getISOWeek'),
      import('../../engine/dates.js'),
      import('../../email/check-in.js'),
      import('../../email/digest.js'),
      import('../../email/html.js'),
      import('../../email/send.js'),
      import('../../email/smtp-url.js'),
      import('../../email/text.js'),
      import('../../run/report.js'),
      import('../../run/weekly.js'),
      import('../output.js'),
      import('../read-run.js'),
    ]);
    const to = parseRecipients(opts.to ?? []);
    if (to.length === 0 && !opts.eachRep) {
      throw new FunnelError('USAGE', 'no recipients', { hint: 'pass --to ADDRESS for the team digest, --each-rep for each rep, or both' });
    }
    if (opts.out && !opts.dryRun) throw new FunnelError('USAGE', '--out is for --dry-run: a sent message has no file', { hint: 'add --dry-run, or drop --out' });
    let target: SmtpTarget | null = null;
    if (!opts.dryRun) {
      if (!opts.smtp) throw new FunnelError('USAGE', 'no SMTP server', { hint: 'set FUNNEL_SMTP_URL=smtp://USER:PASSWORD@HOST:587 (or pass --smtp), or use --dry-run' });
      target = parseSmtpUrl(opts.smtp);
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
    const plans: Record<string, RepPlan> = {};
    for (const name of names) plans[name] = { commitments: run.named.get(keyOf(run, name))?.commitments ?? {} };
    const digest = buildDigest({
      report: doc,
      week,
      thisWeek: countsInRange(run, names, week.start, week.end),
      lastWeek: countsInRange(run, names, week.previousStart, week.previousEnd),
      plans,
    });
    const isBehind = doc.reps.some((r) => r.shortfalls.length > 0);
    if (opts.onlyOnShortfall && !isBehind) {
      say('funnel: every rep is on pace: nothing sent (--only-on-shortfall)');
      return;
    }

    const messages: OutgoingMessage[] = [];
    if (to.length > 0) {
      const subject = teamSubject(digest);
      messages.push({ label: 'team digest', to, subject, text: renderTeamText(digest, subject), html: renderTeamHtml(digest, subject) });
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
        const decision = checkInDecision(checkIn, week.isoWeek);
        if (!decision.isSent) {
          say(`funnel: not sent to ${entry.rep}: ${decision.reason}`);
          continue;
        }
        if (decision.warning) say(`funnel: warning: ${entry.rep}: ${decision.warning}`);
        const repDigest = digest.reps[i];
        const subject = repSubject(digest, repDigest);
        const weekly = weeklyActivity(run, [entry.rep]);
        messages.push({
          label: entry.rep,
          to: [address.email],
          subject,
          text: renderRepText(digest, repDigest, doc, entry, subject),
          html: renderRepHtml(digest, repDigest, doc, entry, subject, weekly),
        });
      }
      if (missing.length > 0) say(`funnel: no reps.<name>.email for ${missing.join(', ')}: not sent`);
    }

    if (messages.length === 0) {
      say('funnel: nothing to send');
    } else if (opts.dryRun) {
      emit(await renderMbox(messages, from, new Date()), opts.out);
    } else if (target) {
      await verifyServer(target);
      const deliveries = await sendMessages(target, from, messages, (d) => report(d, say, ctx));
      const failed = deliveries.filter((d) => d.error !== null || d.rejected.length > 0);
      if (failed.length > 0) {
        throw new FunnelError('SMTP_FAILED', `delivery failed for ${failed.length} of ${plural(deliveries.length, 'message')}`, {
          details: failed.map((d) => `${d.message.label}: ${d.error ?? `refused for ${d.rejected.map((r) => `${r.address} (${r.reason})`).join(', ')}`}`),
          hint: 'check the addresses (--to, reps.<name>.email) and the server log; the messages listed as sent above did go out',
        });
      }
    }
    if (opts.failOnShortfall && isBehind) ctx.exit.code = 3;
  });
  return cmd;
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
