import { Command } from 'commander';
import { DEFAULT_LABELS, type Ratios } from '../../engine/model.js';
import type { NeededDocument } from '../../run/needed.js';
import { FunnelError } from '../../errors.js';
import { closest } from '../../text.js';
import { addInputOptions, addOutputOptions, type CliContext, type DataOptions } from '../common.js';

interface NeededOptions extends DataOptions {
  goal?: string;
  rep?: string;
  ratios?: string;
}

/** Parses `dial=15,appointment_set=4`: activity per close for each stage. */
export function parseRatios(spec: string, stages: readonly string[]): Ratios {
  const ratios: Ratios = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z][a-z0-9_]*)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new FunnelError('USAGE', `--ratios: "${part}" is not stage=number`, { hint: 'e.g. --ratios dial=15,appointment_set=4' });
    if (!stages.includes(m[1])) {
      const suggestion = closest(m[1], stages);
      throw new FunnelError('USAGE', `--ratios: unknown stage "${m[1]}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, { hint: `stages are: ${stages.join(', ')}` });
    }
    ratios[m[1]] = Number(m[2]);
  }
  if (Object.keys(ratios).length === 0) throw new FunnelError('USAGE', '--ratios is empty', { hint: 'e.g. --ratios dial=15,appointment_set=4' });
  return ratios;
}

function goalOption(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new FunnelError('USAGE', `--goal "${value}" is not a number ≥ 0`);
  return n;
}

export function neededCommand(ctx: CliContext): Command {
  const cmd = new Command('needed')
    .summary('reverse funnel: the activity a goal needs, what is done, what remains per day and week')
    .description(
      'Reverse funnel: activity per stage needed for GOAL closes this period, what is done, what remains,\n' +
        'per working day and per week. Uses the team\'s ratios, a rep\'s with --rep, or yours with --ratios\n' +
        '(a pure calculator that reads no data).',
    )
    .argument('[files...]', 'input files or folders (CSV, TSV, JSON, NDJSON, XLSX, .gz); default: the config\'s sources')
    .option('--goal <n>', 'closes to plan for (default with --rep: the rep\'s goal)')
    .option('--rep <name>', 'use this rep\'s ratios and activity')
    .option('--ratios <list>', 'activity per close, e.g. dial=15,appointment_set=4 (reads no data)')
    .option('--fail-on-shortfall', 'exit 3 when, at the current pace, some stage falls short of what the goal needs (not with --ratios)');
  addInputOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ funnel needed --goal 10
  $ funnel needed --rep "Jane Doe" --as-of 2026-11-18
  $ funnel needed --goal 8 --ratios dial=15,conversation=5,appointment_set=3`,
  );
  cmd.action(async (files: string[], opts: NeededOptions) => {
    // Loaded here, not at start-up; the calculator (--ratios) reads no data and loads no reader.
    const [{ neededStages }, { periodInfo }, { renderNeeded }, { calendarOf, loadRunConfig, resolveAsOf, resolvePeriodOption }, { emit, makeChalk }] = await Promise.all([
      import('../../engine/calculator.js'),
      import('../../engine/workdays.js'),
      import('../../report/render.js'),
      import('../../run/context.js'),
      import('../output.js'),
    ]);
    const chalk = makeChalk(opts, ctx.env, ctx.stdoutIsTTY && !opts.out);
    let goal = goalOption(opts.goal);
    let doc: NeededDocument;

    if (opts.ratios !== undefined) {
      if (goal === null) throw new FunnelError('USAGE', '--ratios needs --goal', { hint: 'e.g. funnel needed --goal 10 --ratios dial=15' });
      if (files.length > 0 || opts.rep) throw new FunnelError('USAGE', '--ratios is a calculator: it takes no FILES and no --rep');
      if (opts.failOnShortfall) throw new FunnelError('USAGE', '--fail-on-shortfall needs data: it compares pace with the goal, and --ratios reads none');
      const loaded = loadRunConfig(opts, ctx.cwd);
      const { config } = loaded;
      const calendar = calendarOf(config);
      const asOf = resolveAsOf(opts.asOf, ctx.today);
      const period = periodInfo(resolvePeriodOption(opts.period, asOf, calendar), asOf, calendar);
      const ratios = parseRatios(opts.ratios, config.stages);
      const close = config.stages[config.stages.length - 1];
      ratios[close] ??= 1;
      const stages = config.stages.filter((s) => s in ratios);
      const rows = neededStages(goal, ratios, {}, stages, period, config.workdays.length);
      doc = {
        schemaVersion: 1, asOf, period, rep: null, goal, ratiosFrom: 'given',
        stages: rows.map((r) => ({ ...r, label: config.labels[r.stage] ?? DEFAULT_LABELS[r.stage] ?? r.stage })),
      };
    } else {
      const [{ readRun }, { reportDocument }] = await Promise.all([import('../read-run.js'), import('../../run/report.js')]);
      const run = await readRun(opts, files, ctx);
      const report = reportDocument(run);
      const stageIds = report.stages.map((s) => s.id);
      let rep = null;
      if (opts.rep) {
        const id = run.data.reps.resolve(opts.rep);
        rep = report.reps.find((r) => id && r.rep.toLowerCase() === id.key) ?? null;
        if (!rep) {
          const names = report.reps.map((r) => r.rep);
          const suggestion = closest(opts.rep, names);
          throw new FunnelError('USAGE', `--rep "${opts.rep}": no such rep${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, {
            hint: names.length ? `reps are: ${names.join(', ')}` : 'no reps have events in the period or lookback',
          });
        }
        goal ??= rep.goal;
      }
      if (goal === null) {
        throw new FunnelError('USAGE', opts.rep ? `${rep?.rep} has no goal; pass --goal N` : 'needed needs --goal N', {
          hint: 'e.g. funnel needed --goal 10',
        });
      }
      const ratios = rep ? rep.ratios : report.team.ratios;
      const done = rep ? rep.counts : report.team.counts;
      // A rep's own working days leave out their time off.
      const period = rep
        ? { ...report.period, workingDays: rep.workingDays.total, workingDaysElapsed: rep.workingDays.elapsed, workingDaysLeft: rep.workingDays.left }
        : report.period;
      const rows = neededStages(goal, ratios, done, stageIds, period, run.loaded.config.workdays.length);
      doc = {
        schemaVersion: 1, asOf: report.asOf, period, rep: rep?.rep ?? null, goal, ratiosFrom: rep ? 'rep' : 'team',
        stages: rows.map((r) => ({ ...r, label: report.stages.find((s) => s.id === r.stage)?.label ?? r.stage })),
      };
    }
    emit(renderNeeded(doc, opts.format, { chalk }), opts.out);
    // Pace as in report: a stage whose projection falls short of what the goal requires.
    if (opts.failOnShortfall && doc.stages.some((s) => s.required !== null && s.projected !== null && s.projected < s.required)) ctx.exit.code = 3;
  });
  return cmd;
}

