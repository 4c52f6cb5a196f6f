import type { CommitmentCheck } from '../engine/coaching/commitments.js';
import { countText } from '../engine/coaching/diagnosis.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import { dec, int, num, percent, percent1, plural } from './format.js';
import { reportFacts, statusCell } from './team-view.js';
import type { Audience, Block, Cell, Line, Part, Section, View } from './view.js';
import {
  DECLINE_RULE,
  beyondHistoryPhrase,
  closesOver,
  cycleSentences,
  declineItems,
  goalNumber,
  goalPhrase,
  isRateOutOfRange,
  oddRateReason,
  repCycleFacts,
  worthPhrase,
} from './words.js';

// The 1:1 view of `funnel report --rep` (and of a rep's own e-mail): one rep's funnel beside the
// team's, in tables where numbers line up and in sentences where a sentence says it better.

function firstName(rep: RepEntry): string {
  return rep.rep.split(' ')[0];
}

/** Working days, time off and last activity, when they differ from the team's. */
function daysLines(doc: ReportDocument, rep: RepEntry): Line[] {
  const lines: Line[] = [];
  const w = rep.workingDays;
  if (rep.timeOff.length > 0) {
    const ranges = rep.timeOff.map((r) => (r.from === r.to ? r.from : `${r.from}..${r.to}`)).join(', ');
    lines.push({
      text:
        `Time off: ${ranges}. ${firstName(rep)} works ${w.total} of the period's ${plural(doc.period.workingDays, 'working day')}` +
        ` (${w.off} off): ${w.elapsed} done, ${w.left} left; pace and per-day need use these.`,
    });
  }
  if (rep.lastActivity === null) lines.push({ text: 'No activity recorded.' });
  else if ((rep.idleWorkingDays ?? 0) > 0) lines.push({ text: `Last activity ${rep.lastActivity}, ${plural(rep.idleWorkingDays ?? 0, 'working day')} ago.` });
  return lines;
}

/** `0 of 4 closes done; 1% likely to reach 4 by 2026-11-30 (…)`, or the goal reached. */
export function standingLine(doc: ReportDocument, rep: RepEntry): string {
  const close = doc.stages[doc.stages.length - 1];
  const done = rep.counts[close.id] ?? 0;
  const label = close.label.toLowerCase();
  if (rep.goal === null) return `${int(done)} ${label} so far; no goal, so no pace or chance to report.`;
  let line = `${int(done)} of ${countText(rep.goal, label)} done`;
  if (rep.status === 'reached') {
    const over = closesOver(rep, close.id);
    return `${line}: the goal is reached${over > 0 ? `, ${goalNumber(over)} over` : ''}.`;
  }
  if (rep.probability === null) return `${line}; no history to estimate the chance of reaching the goal.`;
  line += `; ${percent(rep.probability)} likely to reach ${int(rep.goal)} by ${doc.period.end}`;
  if (rep.closesPerWorkingDay !== null && rep.expectedCloses !== null) {
    line += ` (at ${rep.closesPerWorkingDay.toFixed(2)} ${label} a working day, as over the lookback, ${dec(rep.expectedCloses)} expected)`;
  }
  return `${line}.`;
}

function stageLabel(doc: ReportDocument, id: string): string {
  return doc.stages.find((s) => s.id === id)?.label.toLowerCase() ?? id;
}

/** Counts, then next-step and cumulative conversion with the 80 % range, the team's rate beside each. */
function funnel(doc: ReportDocument, rep: RepEntry): Section {
  const rows = doc.stages.map((s, i): (string | Cell)[] => {
    const step = i === 0 ? undefined : rep.conversion[i - 1];
    const isWeakest = step !== undefined && rep.bottleneck?.from === step.from && rep.bottleneck.to === step.to;
    // A rate its own range excludes (above 100 %) gets words, not a range (see the line below the table).
    const range = !step || step.low === null || step.high === null ? '' : isRateOutOfRange(step) ? (step.rate! > 1 ? 'above 100%' : 'out of range') : `${percent1(step.low)}–${percent1(step.high)}`;
    return [
      s.label,
      int(rep.counts[s.id]),
      int(rep.lookbackCounts[s.id]),
      step ? (isWeakest ? { text: percent1(step.rate), tone: 'critical' } : percent1(step.rate)) : '',
      step && isRateOutOfRange(step) ? { text: range, tone: 'warn' } : range,
      step ? percent1(step.teamRate) : '',
      step ? percent1(step.cumulativeRate) : '',
      step ? percent1(step.teamCumulativeRate) : '',
      isWeakest ? { text: '◀ weakest', tone: 'critical' } : '',
    ];
  });
  const first = doc.stages[0].label.toLowerCase();
  const lines: Line[] = [{ text: bottleneckLine(doc, rep) }];
  for (const step of rep.conversion) {
    const reason = oddRateReason(step, (id) => stageLabel(doc, id));
    if (reason) lines.push({ text: `${doc.stages.find((s) => s.id === step.from)?.label ?? step.from} → ${stageLabel(doc, step.to)}, ${percent1(step.rate)}: ${reason}.`, tone: 'warn' });
  }
  return {
    key: 'funnel',
    title: 'Funnel',
    note: `lookback ${doc.lookback.start} to ${doc.lookback.end}; step: share of the stage above; of ${first}: share of all ${first}; team beside each`,
    blocks: [
      { kind: 'table', head: ['Stage', 'Period', 'Lookback', 'Step', '80% range', 'Team', `Of ${first}`, 'Team', ''], rows },
      { kind: 'lines', lines },
    ],
  };
}

function bottleneckLine(doc: ReportDocument, rep: RepEntry): string {
  const b = rep.bottleneck;
  if (b === null) return 'Weakest step: none. No step is clearly below the team (each gap is within the 80% range or under 15%).';
  return `Weakest step: ${stageLabel(doc, b.from)} → ${stageLabel(doc, b.to)}, ${percent1(b.rate)} (80% range ${percent1(b.low)}–${percent1(b.high)}) against the team's ${percent1(b.teamRate)}.`;
}

/** Activity per close used for planning, and the need, done, left, per day and pace per stage. */
function plan(doc: ReportDocument, rep: RepEntry, audience: Audience): Section {
  const rows = doc.stages.map((s): (string | Cell)[] => {
    const n = rep.needed[s.id];
    const short = rep.shortfalls.find((x) => x.stage === s.id);
    const onPace = n.projected === null ? '–' : int(Math.floor(n.projected));
    return [
      s.label,
      dec(rep.ratios[s.id]),
      dec(rep.rawRatios[s.id]),
      dec(doc.team.ratios[s.id]),
      int(n.required),
      int(n.done),
      int(n.remaining),
      dec(n.perWorkingDay),
      short ? { text: onPace, mark: short.severity === 'critical' ? '▼' : '▲', tone: short.severity === 'critical' ? 'critical' : 'behind' } : onPace,
    ];
  });
  const closeLabel = doc.stages[doc.stages.length - 1].label.toLowerCase();
  const base = `Planning uses activity per close from the lookback, blended with the team's; the raw ratios rest on ${int(rep.closesInLookback)} ${closeLabel}`;
  const note: Line = rep.hasFewCloses ? { text: `${base}: fewer than 3, too few to trust on their own.`, tone: 'warn' } : { text: `${base}.` };
  return {
    key: 'plan',
    title: 'Plan and pace',
    blocks: [
      { kind: 'lines', lines: [note] },
      { kind: 'table', head: ['Stage', 'Per close', 'Raw', 'Team', 'Needed', 'Done', 'Left', 'Per day', 'On pace'], rows },
      { kind: 'lines', lines: paceLines(doc, rep, audience) },
    ],
  };
}

/** "Jane needs 150 dials for 10 closes at 15.0 per close; on pace for 112 — 38 short, 6.3 a day over the 6 working days left." */
function paceLines(doc: ReportDocument, rep: RepEntry, audience: Audience): Line[] {
  const label = (id: string) => stageLabel(doc, id);
  const closeLabel = label(doc.stages[doc.stages.length - 1].id);
  const isRep = audience === 'rep';
  if (rep.goal === null) return [{ text: isRep ? 'No goal is recorded for you: agree one for this period to see the need and pace.' : `No goal for ${rep.rep}: set one in targets.csv or reps.<name>.goal to see the need and pace.` }];
  const worth = worthLine(doc, rep, audience);
  if (rep.status === 'reached') return [{ text: `${isRep ? 'You have' : `${rep.rep} has`} reached the goal: nothing more is needed this period.`, tone: 'good' }, ...worth];
  if (rep.shortfalls.length === 0) return [{ text: `${isRep ? 'You are' : `${rep.rep} is`} on pace at every stage.`, tone: 'good' }, ...worth];
  const [first, ...rest] = rep.shortfalls;
  const perDay = rep.needed[first.stage].perWorkingDay;
  let line =
    `${isRep ? 'You need' : `${rep.rep} needs`} ${int(first.required)} ${label(first.stage)} for ${countText(rep.goal, closeLabel)} at ${dec(rep.ratios[first.stage])} per close;` +
    ` on pace for ${int(Math.floor(first.projected))} — ${int(first.gap)} short`;
  line += perDay === null ? ', with no working days left.' : `, ${dec(perDay)} a day over the ${plural(rep.workingDays.left, 'working day')} left.`;
  const isCritical = first.severity === 'critical';
  const lines: Line[] = [{ text: line, mark: isCritical ? '▼' : '▲', tone: isCritical ? 'critical' : 'behind' }];
  if (rest.length > 0) {
    const others = rest.map((s) => `${label(s.stage)} (on pace for ${int(Math.floor(s.projected))} of ${int(s.required)})`).join(', ');
    lines.push({ text: `Also behind pace: ${others}.`, isContinued: true });
  }
  const beyond = beyondHistoryPhrase(doc, rep);
  if (beyond) lines.push({ text: beyond, tone: 'warn' });
  return [...lines, ...worth];
}

/** `Activity worth: dials worth 1.7 closes of 3, conversations 2.4, …` at the rep's own ratios. */
function worthLine(doc: ReportDocument, rep: RepEntry, audience: Audience): Line[] {
  const first = worthPhrase(doc, rep, doc.stages[0].id);
  if (!first) return [];
  const rest = doc.stages.slice(1, -1).flatMap((s) => {
    const w = rep.activityWorth[s.id];
    return w === null || w === undefined ? [] : [`${s.label.toLowerCase()} ${dec(w)}`];
  });
  return [{ text: `Activity worth (closes the pace of each stage is worth at ${audience === 'rep' ? 'your' : `${firstName(rep)}'s`} ratios): ${first}${rest.length > 0 ? `; ${rest.join(', ')}` : ''}.` }];
}

function declining(doc: ReportDocument, rep: RepEntry): Section | null {
  const items = declineItems(doc, rep);
  if (items.length === 0) return null;
  return {
    key: 'declining',
    title: 'Declining activity',
    note: DECLINE_RULE,
    blocks: [{ kind: 'lines', list: 'bullets', lines: items.map((text) => ({ text: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`, tone: 'behind' as const })) }],
  };
}

function cycle(doc: ReportDocument, rep: RepEntry): Section | null {
  const lines = cycleSentences(repCycleFacts(doc, rep));
  if (lines.length === 0) return null;
  return { key: 'cycle', title: 'Sales cycle', blocks: [{ kind: 'lines', isProse: true, lines: lines.map((text) => ({ text })) }] };
}

function commitmentLine(doc: ReportDocument, c: CommitmentCheck): Line {
  const label = doc.stages.find((s) => s.id === c.stage)?.label ?? c.stage;
  const promised = c.per === 'week' ? `${int(c.committed)} a week` : `${int(c.committed)} this period`;
  const line = `${label}: ${promised} promised, ${num(c.expected)} due by now; ${int(c.actual)} done`;
  return c.isMet ? { text: `${line}: kept.` } : { text: `${line}: ${int(c.shortBy)} short.`, tone: 'warn' };
}

function commitments(doc: ReportDocument, rep: RepEntry): Section {
  const lines = rep.commitments.length === 0 ? [{ text: 'None recorded.' }] : rep.commitments.map((c) => commitmentLine(doc, c));
  return { key: 'commitments', title: 'Commitments', blocks: [{ kind: 'lines', lines }] };
}

function prompts(rep: RepEntry, audience: Audience): Section {
  const isRep = audience === 'rep';
  const block: Block =
    rep.prompts.length === 0
      ? { kind: 'lines', lines: [{ text: 'No prompts.' }] }
      : { kind: 'lines', list: 'numbered', isProse: true, lines: rep.prompts.map((p) => ({ text: isRep ? p.repText ?? p.text : p.text })) };
  return { key: 'prompts', title: isRep ? 'To prepare for your 1:1' : 'For the 1:1', blocks: [block] };
}

/** One rep's part of the 1:1 view. */
export function repPart(doc: ReportDocument, rep: RepEntry, audience: Audience = 'manager'): Part {
  const closeLabel = doc.stages[doc.stages.length - 1].label.toLowerCase();
  const facts: Line[] = [];
  if (audience === 'rep') facts.push({ text: 'Prepare for your 1:1: where you stand, what is behind it, and what you will do about the gap.' });
  facts.push(...daysLines(doc, rep), { text: standingLine(doc, rep) });
  const sections = [funnel(doc, rep), plan(doc, rep, audience), declining(doc, rep), cycle(doc, rep), commitments(doc, rep), prompts(rep, audience)];
  return {
    rep: rep.rep,
    heading: { name: rep.rep, items: [goalPhrase(rep, closeLabel), statusCell(rep, doc.stages[doc.stages.length - 1].id), `check-in: ${rep.checkIn ?? 'not recorded'}`] },
    facts,
    sections: sections.filter((s): s is Section => s !== null),
    closing: [],
  };
}

/** The 1:1 view of every rep in the document (`--rep`), for the manager or for the rep. */
export function repView(doc: ReportDocument, audience: Audience = 'manager'): View {
  const { title, facts } = reportFacts(doc);
  return { kind: 'rep', audience, title, facts, parts: doc.reps.map((r) => repPart(doc, r, audience)) };
}
