import { Command } from 'commander';
import type { RepEntry } from '../../model/report.js';
import { DEFAULT_LABELS, type Ratios } from '../../engine/model.js';
import type { NeededDocument } from '../../model/needed.js';
import { FunnelError } from '../../errors.js';
import { closest } from '../../text.js';
import { addInputOptions, addOutputOptions, protectedFiles, type CliContext, type DataOptions } from '../common.js';
import type { ProtectedFile } from '../output.js';

interface NeededOptions extends DataOptions {
  goal?: string;
  rep?: string;
  team?: boolean;
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
      'Reverse funnel: activity per stage needed for the goal this period, what is done, what remains,\n' +
        'per working day and per week. A rep\'s plan uses their ratios, activity and goal (--rep, or\n' +
        'FUNNEL_REP set once); --team plans for the team; --ratios is a pure calculator that reads no data.\n' +
        'When the data holds several reps, say whose plan it is. When deals take longer than the days\n' +
        'left, it says what the rest of the period must come from and shows next period\'s plan.',
    )
    .argument('[files...]', 'input files or folders (CSV, TSV, JSON, NDJSON, XLSX, .gz); default: the config\'s sources')
    .option('--goal <n>', 'closes to plan for (default: the rep\'s goal for the period; with --team the sum of the reps\')')
    .option('--rep <name>', 'plan for this rep: their ratios, activity and goal (default: $FUNNEL_REP)')
    .option('--team', 'plan for the whole team: the team\'s ratios and activity, the sum of the reps\' goals')
    .option('--ratios <list>', 'activity per close, e.g. dial=15,appointment_set=4 (reads no data)')
    .option('--fail-on-shortfall', 'exit 3 when, at the current pace, some stage falls short of what the goal needs (not once it is reached; not with --ratios)');
  addInputOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ export FUNNEL_REP="Jane Doe"       # once, in your shell profile
  $ funnel needed                      # Jane's plan for this month, from her goal
  $ funnel needed --goal 12            # the same with another goal
  $ funnel needed --rep "Jane Doe" --period this-week
  $ funnel needed --team --as-of 2026-11-18
  $ funnel needed --goal 8 --ratios dial=15,conversation=5,appointment_set=3`,
  );
  cmd.action(async (files: string[], opts: NeededOptions) => {
    // Loaded here, not at start-up; the calculator (--ratios) reads no data and loads no pipeline,
    // no renderer but its format's, and no YAML parser or config validator unless there is a config.
    const [{ periodInfo }, { emit, makeChalk }, { documentFor }, { loadNeededRenderer }] = await Promise.all([
      import('../../engine/workdays.js'),
      import('../output.js'),
      import('../terminal.js'),
      import('../../report/load-format.js'),
    ]);
    const chalk = makeChalk(opts, ctx.env, ctx.stdoutIsTTY && !opts.out);
    let goal = goalOption(opts.goal);
    let doc: NeededDocument;
    let protect: ProtectedFile[] = [];

    if (opts.ratios !== undefined) {
      if (goal === null) throw new FunnelError('USAGE', '--ratios needs --goal', { hint: 'e.g. funnel needed --goal 10 --ratios dial=15' });
      if (files.length > 0 || opts.rep || opts.team) throw new FunnelError('USAGE', '--ratios is a calculator: it takes no FILES, --rep or --team');
      if (opts.failOnShortfall) throw new FunnelError('USAGE', '--fail-on-shortfall needs data: it compares pace with the goal, and --ratios reads none');
      const [{ neededStages }, { loadConfigLazily }, { calendarOf }, { resolveAsOf, resolvePeriodOption }] = await Promise.all([
        import('../../engine/calculator.js'),
        import('../../config/find.js'),
        import('../../config/calendar.js'),
        import('../../run/period-options.js'),
      ]);
      const loaded = await loadConfigLazily(opts, ctx.cwd);
      const { config } = loaded;
      if (loaded.path) protect = [{ path: loaded.path, what: 'the config file' }];
      const calendar = calendarOf(config);
      const asOf = resolveAsOf(opts.asOf, ctx.today);
      const period = periodInfo(resolvePeriodOption(opts.period, asOf, calendar), asOf, calendar);
      const ratios = parseRatios(opts.ratios, config.stages);
      const close = config.stages[config.stages.length - 1];
      ratios[close] ??= 1;
      const stages = config.stages.filter((s) => s in ratios);
      const rows = neededStages(goal, ratios, {}, stages, period, config.workdays.length);
      doc = {
        schemaVersion: 1, asOf, period, rep: null, goal, ratiosFrom: 'given', status: null,
        stages: rows.map((r) => ({ ...r, label: config.labels[r.stage] ?? DEFAULT_LABELS[r.stage] ?? r.stage })),
      };
    } else {
      const planned = await planFromData(files, opts, goal, ctx);
      doc = planned.doc;
      protect = planned.protect;
    }
    const render = await loadNeededRenderer(opts.format);
    await emit(ctx, render(documentFor(doc, opts.format), { chalk }), opts.out, protect);
    // Pace as in report: a stage projected short of its need; a reached goal never fails.
    if (opts.failOnShortfall && (doc.status === 'behind' || doc.status === 'critical')) ctx.exit.code = 3;
  });
  return cmd;
}


/**
 * Whose plan: --rep (or FUNNEL_REP), --team, or the one rep in the data. Several reps without
 * either is a usage error listing them, so a rep never plans against the whole team's counts.
 */
async function planFromData(
  files: string[],
  opts: NeededOptions,
  goalFlag: number | null,
  ctx: CliContext,
): Promise<{ doc: NeededDocument; protect: ReturnType<typeof protectedFiles> }> {
  if (opts.rep && opts.team) throw new FunnelError('USAGE', '--rep and --team ask for two plans: give one');
  const [{ neededStages, neededStatus }, { isBeyondHistory }, { readRun }, { reportDocument }] = await Promise.all([
    import('../../engine/calculator.js'),
    import('../../engine/cycle.js'),
    import('../read-run.js'),
    import('../../run/report.js'),
  ]);
  const envRep = ctx.env.FUNNEL_REP?.trim() || undefined;
  const repName = opts.team ? undefined : (opts.rep ?? envRep);
  const run = await readRun(opts, files, ctx);
  const protect = protectedFiles(run, opts, ctx.cwd);
  const report = reportDocument(run);
  const names = report.reps.map((r) => r.rep);
  let rep: RepEntry | null = null;
  if (repName !== undefined) {
    const id = run.data.reps.resolve(repName);
    rep = report.reps.find((r) => id && r.rep.toLowerCase() === id.key) ?? null;
    if (!rep) {
      const suggestion = closest(repName, names);
      const from = opts.rep ? '--rep' : 'FUNNEL_REP';
      throw new FunnelError('USAGE', `${from} "${repName}": no such rep${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, {
        hint: names.length ? `reps are: ${names.join(', ')}` : 'no reps have events in the period or lookback',
      });
    }
  } else if (!opts.team) {
    if (report.reps.length > 1) {
      throw new FunnelError('USAGE', `the data holds ${report.reps.length} reps: say whose plan this is`, {
        details: [`reps are: ${names.join(', ')}`],
        hint: `funnel needed --rep "${names[0]}" (or export FUNNEL_REP="${names[0]}" once), or --team for the team's plan`,
      });
    }
    rep = report.reps[0] ?? null;
  }
  const teamGoals = report.reps.filter((r) => r.goal !== null);
  const goal = goalFlag ?? (rep ? rep.goal : teamGoals.length > 0 ? teamGoals.reduce((n, r) => n + (r.goal ?? 0), 0) : null);
  if (goal === null) {
    throw new FunnelError('USAGE', rep ? `${rep.rep} has no goal; pass --goal N` : 'no rep has a goal: pass --goal N', {
      hint: 'e.g. funnel needed --goal 10, or set goals in targets.csv or reps.<name>.goal',
    });
  }
  const stageIds = report.stages.map((s) => s.id);
  // A rep's own working days leave out their time off.
  const period = rep
    ? { ...report.period, workingDays: rep.workingDays.total, workingDaysElapsed: rep.workingDays.elapsed, workingDaysLeft: rep.workingDays.left }
    : report.period;
  const rows = neededStages(goal, rep ? rep.ratios : report.team.ratios, rep ? rep.counts : report.team.counts, stageIds, period, run.loaded.config.workdays.length);
  const label = (id: string) => report.stages.find((s) => s.id === id)?.label ?? id;
  const doc: NeededDocument = {
    schemaVersion: 1,
    asOf: report.asOf,
    period,
    rep: rep?.rep ?? null,
    goal,
    goalParts: rep && goalFlag === null ? rep.goalParts : [],
    ratiosFrom: rep ? 'rep' : 'team',
    status: neededStatus(goal, rows),
    stages: rows.map((r) => {
      const best = rep ? rep.bestPerWorkingDay[r.stage] ?? null : null;
      return { ...r, label: label(r.stage), bestPerWorkingDay: best, isBeyondHistory: r.stage !== stageIds[stageIds.length - 1] && isBeyondHistory(r.perWorkingDay, best) };
    }),
    cycle: rep ? rep.cycle : (report.team.cycle ?? null),
    nextPeriod: rep ? rep.nextPeriod : (report.team.nextPeriod ?? null),
    warnings: report.input.warnings,
  };
  return { doc, protect };
}
