import { Command, Option } from 'commander';
import { addInputOptions, type CliContext } from '../common.js';
import type { EmailOptions } from './email-run.js';

export function emailCommand(ctx: CliContext): Command {
  const cmd = new Command('email')
    .summary('e-mails the digest (HTML with a plain-text part) to the team, and each rep their own numbers')
    .description(
      'E-mails the digest: this week against last week per stage, attainment and gap\n' +
        'to goal, reps behind pace, commitments due and the prompts for the next 1:1.\n' +
        '--to sends the team digest; --each-rep sends each rep their own numbers at\n' +
        'reps.<name>.email as their checkIn asks: weekly (or none) every run, biweekly\n' +
        'every second week, autonomy never. The week is the one holding the period\'s\n' +
        'last day (or as-of), against the same days a week earlier. Nothing is reported\n' +
        'as sent unless the server accepted it; any failure exits 1. What was sent is\n' +
        'logged in $FUNNEL_STATE_DIR, $XDG_STATE_HOME/funnel or ~/.local/state/funnel\n' +
        '(the first that is set), so a rerun for the same period and day skips it.\n' +
        'A password goes to a host other than this machine only over TLS (smtps://,\n' +
        'or STARTTLS, which is then required).',
    )
    .argument('[files...]', "input files; default: the config's sources")
    .addOption(new Option('--to <address...>', 'send the team digest to these addresses (repeatable, or comma-separated)'))
    .option('--each-rep', "send each rep their own numbers at reps.<name>.email, honouring their checkIn")
    .option('--rep <name>', 'only this rep (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--smtp <url>', 'SMTP server: smtp://USER:PASSWORD@HOST:587 or smtps://…:465 (prefer the env variable: argv is visible to other users)').env('FUNNEL_SMTP_URL'))
    .addOption(new Option('--from <address>', 'sender (default: funnel@ this host)').env('FUNNEL_MAIL_FROM'))
    .option('--dry-run', 'print the messages (an mbox of MIME messages) instead of sending; needs no server')
    .option('--out <file>', 'with --dry-run: write the messages to this file (atomically) instead of stdout')
    .option('--resend', 'send again what the send log says was already sent for this period')
    .option('--allow-insecure-auth', 'let the password go to a remote server without TLS (prints a warning; not recommended)')
    .option('--smtp-timeout <seconds>', 'how long each step of the SMTP dialogue may wait for the server; a whole message may take 4 times that', '30')
    .option('--only-on-shortfall', 'send nothing when every rep is on pace')
    .option('--fail-on-shortfall', 'exit 3 after sending when any rep is behind pace (a rep who reached the goal never is)');
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
    const { runEmail } = await import('./email-run.js');
    await runEmail(files, opts, ctx);
  });
  return cmd;
}
