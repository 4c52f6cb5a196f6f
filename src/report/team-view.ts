import { DEFAULT_LABELS, type StageNeed } from '../engine/model.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { dec, int, num, percent, plural, shortLabel } from './format.js';
import type { Block, Cell, Line, Section, View } from './view.js';
import {
  beyondHistoryPhrase,
  chanceText,
  declineBrief,
  goalNumber,
  goalPeriodName,
  goalShareNote,
  inputLine,
  paceMark,
  paceSummary,
  shortfallSentence,
  statusWord,
  teamAttainment,
  warningLines,
  worthText,
} from './words.js';

// The team view of `funnel report` (and of the team digest): what every human format shows.

/** The period, working days, lookback, input and warnings: the first lines of both views. */
export function reportFacts(doc: ReportDocument): { title: string; facts: Line[] } {
  const p = doc.period;
  const facts: Line[] = [
    { text: `Working days: ${p.workingDays} in the period, ${p.workingDaysElapsed} done, ${p.workingDaysLeft} left. Ratios from ${doc.lookback.start} to ${doc.lookback.end}.` },
    { text: `Input: ${inputLine(doc)}.`, tone: doc.input.rejected > 0 ? 'warn' : undefined },
    ...warningLines(doc).map((w): Line => ({ text: `Warning: ${w}`, tone: 'warn' })),
  ];
  return { title: `Funnel report: ${p.label} (${p.start} to ${p.end}), as of ${doc.asOf}`, facts };
}

/** The status as a cell: its word, its colour, its badge. */
export function statusCell(rep: RepEntry, closeStage: string): Cell {
  const tone = rep.goal === null ? 'dim' : rep.status === 'critical' ? 'critical' : rep.status === 'behind' ? 'behind' : 'good';
  return { text: statusWord(rep, closeStage), tone, badge: rep.goal === null ? 'nogoal' : rep.status };
}

function countCell(rep: RepEntry, stage: string): Cell {
  const mark = paceMark(rep, stage);
  return mark ? { text: int(rep.counts[stage]), mark: mark as '▲' | '▼', tone: mark === '▼' ? 'critical' : 'behind' } : { text: int(rep.counts[stage]) };
}

/** `Team: 35 of 46 closes (76%)`, or null when no rep has a goal. */
export function teamLine(doc: ReportDocument): string | null {
  const att = teamAttainment(doc);
  if (!att) return null;
  return `team ${int(att.done)} of ${goalNumber(att.goal)} ${doc.stages[doc.stages.length - 1].label.toLowerCase()} (${percent(att.share)})`;
}

function standing(doc: ReportDocument): Section {
  const close = doc.stages[doc.stages.length - 1];
  const rows = doc.reps.map((r) => {
    const projected = r.needed[close.id]?.projected;
    return [
      r.rep,
      r.goal === null ? '–' : goalNumber(r.goal),
      int(r.counts[close.id]),
      r.goal ? percent((r.counts[close.id] ?? 0) / r.goal) : '–',
      r.goal === null || projected === null || projected === undefined ? '–' : int(Math.floor(projected)),
      chanceText(r),
      worthText(doc, r),
      statusCell(r, close.id),
    ];
  });
  const blocks: Block[] = [{ kind: 'table', head: ['Rep', 'Goal', close.label, 'Attained', 'On pace for', 'Chance', 'Worth', 'Status'], rows }];
  const share = goalShareNote(doc);
  if (share) blocks.push({ kind: 'lines', lines: [{ text: `Goals for ${doc.period.label} are ${share} (goalPeriod: ${doc.period.goalPeriod ?? 'month'}; by working days).`, tone: 'dim' }] });
  return {
    key: 'standing',
    title: 'Where each rep stands',
    note: `status judges the closes against each rep's goal; chance: of reaching it by ${doc.period.end}; worth: the closes the weakest stage's pace is worth`,
    blocks,
  };
}

function done(doc: ReportDocument): Section {
  const labels = doc.stages.map((s) => shortLabel(s, DEFAULT_LABELS));
  return {
    key: 'done',
    title: 'Done this period',
    note: '▲ behind pace, ▼ far behind: under 80 % of the pace needed',
    blocks: [
      {
        kind: 'table',
        head: ['Rep', ...labels],
        rows: doc.reps.map((r) => [r.rep, ...doc.stages.map((s) => countCell(r, s.id))]),
        total: ['Team', ...doc.stages.map((s) => int(doc.team.counts[s.id]))],
      },
    ],
  };
}

/** What remains of a stage: `400 (57.1)` (remaining, per working day), `done`, or `–` without a goal. */
function remainingCell(need: StageNeed | undefined): string {
  if (!need || need.remaining === null) return '–';
  if (need.remaining === 0) return 'done';
  return `${int(need.remaining)} (${dec(need.perWorkingDay)})`;
}

function needed(doc: ReportDocument): Section | null {
  const withGoal = doc.reps.filter((r) => r.goal !== null);
  if (withGoal.length === 0) return null;
  const labels = doc.stages.map((s) => shortLabel(s, DEFAULT_LABELS));
  return {
    key: 'needed',
    title: 'Still needed',
    note: `remaining, and in brackets per working day over the ${plural(doc.period.workingDaysLeft, 'day')} left`,
    blocks: [{ kind: 'table', head: ['Rep', ...labels], rows: withGoal.map((r) => [r.rep, ...doc.stages.map((s) => remainingCell(r.needed[s.id]))]) }],
  };
}

function ratios(doc: ReportDocument): Section {
  const labels = doc.stages.map((s) => shortLabel(s, DEFAULT_LABELS));
  const close = doc.stages[doc.stages.length - 1];
  const activity = doc.stages.slice(0, -1);
  const closesCell = (r: RepEntry): Cell => (r.hasFewCloses ? { text: `${int(r.closesInLookback)} (few)`, tone: 'warn' } : { text: int(r.closesInLookback) });
  const isAnyFew = doc.reps.some((r) => r.hasFewCloses);
  return {
    key: 'ratios',
    title: 'Activity per close',
    note: `lookback ${doc.lookback.start} to ${doc.lookback.end}; reps blended toward the team${isAnyFew ? '; few: under 3 closes, so the ratios lean on the team\'s' : ''}`,
    blocks: [
      {
        kind: 'table',
        head: ['Rep', labels[labels.length - 1], ...labels.slice(0, -1)],
        rows: doc.reps.map((r) => [r.rep, closesCell(r), ...activity.map((s) => dec(r.ratios[s.id]))]),
        total: ['Team', int(doc.team.lookbackCounts[close.id]), ...activity.map((s) => dec(doc.team.ratios[s.id]))],
      },
    ],
  };
}

function shortfalls(doc: ReportDocument): Section | null {
  const behind = doc.reps.filter((r) => r.shortfalls.length > 0);
  if (behind.length === 0) return null;
  const lines = behind.map((r): Line => {
    const beyond = beyondHistoryPhrase(doc, r, { isBrief: true });
    const tone = r.status === 'critical' ? 'critical' : 'behind';
    return { lead: r.rep, text: `${shortfallSentence(doc, r)}${beyond ? `. ${beyond}` : ''}`, tone, mark: tone === 'critical' ? '▼' : '▲' };
  });
  return { key: 'shortfalls', title: 'Shortfalls', blocks: [{ kind: 'lines', lines, list: 'bullets' }] };
}

function weakest(doc: ReportDocument): Section | null {
  const label = (id: string) => doc.stages.find((x) => x.id === id)?.label.toLowerCase() ?? id;
  const lines = doc.reps
    .filter((r) => r.bottleneck !== null)
    .map((r): Line => {
      const b = r.bottleneck!;
      return { lead: r.rep, text: `${label(b.from)} → ${label(b.to)} ${percent(b.rate)}, team ${percent(b.teamRate)}` };
    });
  if (lines.length === 0) return null;
  return { key: 'weakest', title: 'Weakest steps', note: 'clearly below the team; the 1:1 view (--rep) has the detail', blocks: [{ kind: 'lines', lines, list: 'bullets' }] };
}

function declining(doc: ReportDocument): Section | null {
  const lines = doc.reps.filter((r) => (r.declining ?? []).length > 0).map((r): Line => ({ lead: r.rep, text: declineBrief(doc, r)!, tone: 'behind' }));
  if (lines.length === 0) return null;
  return { key: 'declining', title: 'Declining activity', note: 'the last 2 complete weeks 25 % under the 4 before, or 3 weeks falling; as in funnel trend', blocks: [{ kind: 'lines', lines, list: 'bullets' }] };
}

/**
 * Reps whose deals take longer than the days left: this period's goal rests on the deals under way,
 * and the next goal period's plan starts now.
 */
function cycle(doc: ReportDocument): Section | null {
  const late = doc.reps.filter((r) => r.cycle?.landsAfterPeriod && r.status !== 'reached' && r.workingDays.left > 0);
  if (late.length === 0) return null;
  const underWay = Object.keys(late[0].cycle!.underWay.counts);
  const top = doc.stages[0];
  const next = late.find((r) => r.nextPeriod)?.nextPeriod;
  const nextName = next ? goalPeriodName(next.label) : 'next period';
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const rows = late.map((r) => {
    const c = r.cycle!;
    const plan = r.nextPeriod?.stages.find((s) => s.stage === top.id);
    return [
      r.rep,
      `${num(c.medianDays)} (${c.basis})`,
      ...underWay.map((s) => int(c.underWay.counts[s])),
      r.nextPeriod?.goal === null || !r.nextPeriod ? '–' : goalNumber(r.nextPeriod.goal),
      dec(plan?.perWorkingDay),
    ];
  });
  return {
    key: 'cycle',
    title: 'Sales cycle',
    note: "median days from a deal's creation to its close: the rep's own, or the team's under 3 closes",
    blocks: [
      {
        kind: 'lines',
        lines: [
          {
            text:
              `These deals take longer than the ${plural(doc.period.workingDaysLeft, 'working day')} left: activity started now mostly closes after ${doc.period.end}.` +
              ` The rest of this period's goal must come from deals already under way (the last stages, counted since the cycle began); ${nextName}'s plan starts now.`,
          },
        ],
      },
      { kind: 'table', head: ['Rep', 'Days', ...underWay.map((s) => `${label(s)} under way`), `${nextName} goal`, `${label(top.id)} a day`], rows },
    ],
  };
}

function prompts(doc: ReportDocument): Section | null {
  const prompted = doc.reps.filter((r) => r.prompts.length > 0);
  if (prompted.length === 0) return null;
  return {
    key: 'prompts',
    title: 'For the next 1:1',
    note: 'questions chosen by what the numbers show',
    blocks: prompted.map((r): Block => ({ kind: 'lines', title: r.rep, list: 'numbered', isProse: true, lines: r.prompts.map((p) => ({ text: p.text })) })),
  };
}

/** The team view: where each rep stands, what is done and needed, and what to ask. */
export function teamView(doc: ReportDocument): View {
  const { title, facts } = reportFacts(doc);
  const team = teamLine(doc);
  facts.push({ text: `${paceSummary(doc)}${team ? `; ${team}` : ''}.` });
  if (doc.reps.length === 0) {
    const none: Line = { text: 'No reps: no events in the period or the lookback, and none named in the config or targets.' };
    return { kind: 'team', audience: 'manager', title, facts, parts: [{ rep: null, heading: null, facts: [], sections: [], closing: [none] }] };
  }
  const sections = [standing(doc), done(doc), needed(doc), ratios(doc), shortfalls(doc), weakest(doc), declining(doc), cycle(doc), prompts(doc)].filter((s): s is Section => s !== null);
  const noGoal = doc.reps.filter((r) => r.goal === null).map((r) => r.rep);
  const closing: Line[] = noGoal.length > 0 ? [{ text: `No goal set for ${noGoal.join(', ')}: add one in targets.csv or reps.<name>.goal.`, tone: 'dim' }] : [];
  return { kind: 'team', audience: 'manager', title, facts, parts: [{ rep: null, heading: null, facts: [], sections, closing }] };
}
