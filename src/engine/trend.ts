import { startOfWeek } from 'date-fns/startOfWeek';
import { getISOWeek } from 'date-fns/getISOWeek';
import { addDaysStr, minDate, toDate, toDateStr } from './dates.js';
import { compareNames } from './report.js';
import { repCalendar } from './coaching/time-off.js';
import { countsIn, dayNumber, sumCounts, type RepTally, type Tally } from './tally.js';
import { countWorkingDays } from './workdays.js';
import type { Calendar, Counts, DateRange, DateStr, StageId } from './model.js';
import { BASELINE_WEEKS, FALLING_WEEKS, MIN_WEEKLY_BASELINE, RECENT_WEEKS, SLIDE_DROP, SLUMP_DROP } from './decline-rule.js';

/** One week of the trend; the last one may be cut at as-of. */
export interface TrendWeek {
  /** `W47` when weeks start on Monday (ISO week), else the start date `11-16`. */
  label: string;
  start: DateStr;
  end: DateStr;
  /** The week ends after as-of: its counts are so far. */
  isPartial: boolean;
}

/** One stage of one rep (or the team), week by week, oldest first. */
export interface TrendStageRow {
  stage: StageId;
  counts: number[];
  /** Working days of the week up to as-of (the rep's own, after time off). */
  workingDays: number[];
  /** `counts / workingDays`; null for a week without working days. */
  perWorkingDay: (number | null)[];
  /** Eight-level bars of `perWorkingDay`, zero-based, so short weeks do not look like slumps. */
  sparkline: string;
  /** Per working day, last complete week against the one before, as a fraction (−0.25 = 25 % down). */
  change: number | null;
  /** The decline rule holds (docs/coaching.md). */
  isDeclining: boolean;
  /** Which part of it: a `slump` (sharp drop) or a `slide` (three weeks falling); null when neither. */
  decline: Decline | null;
}

/** A sharp drop (`slump`) or a steady fall (`slide`). */
export type Decline = 'slump' | 'slide';

/** One step's conversion, week by week: `counts[to] / counts[from]` within each week. */
export interface TrendStepRow {
  from: StageId;
  to: StageId;
  rates: (number | null)[];
  sparkline: string;
  /** Last complete week against the one before, in percentage points. */
  change: number | null;
}

/** A rep's (or the team's) weeks. */
export interface RepTrend {
  rep: string;
  stages: TrendStageRow[];
  conversion: TrendStepRow[];
  /** Stages flagged by the decline rule, top of the funnel first. */
  declining: StageId[];
}

/** Everything `funnel trend` shows. */
export interface TrendReport {
  asOf: DateStr;
  weeks: TrendWeek[];
  stages: { id: StageId; label: string }[];
  team: RepTrend;
  reps: RepTrend[];
}

/** What the trend depends on; the engine reads no files and no clock. */
export interface TrendInput {
  tally: Tally;
  stages: { id: StageId; label: string }[];
  calendar: Calendar;
  asOf: DateStr;
  weeks: number;
  /** Reps named in config or targets, by key: shown even without events, with their time off. */
  namedReps: Map<string, { name: string; timeOff?: DateRange[] }>;
}

// The decline rule's thresholds live in decline-rule.ts, which `funnel trend --help` reads.
export { BASELINE_WEEKS, FALLING_WEEKS, MIN_WEEKLY_BASELINE, RECENT_WEEKS, SLIDE_DROP, SLUMP_DROP } from './decline-rule.js';
// Weeks without working days (a week off) are skipped, looking back at most this far.
const MAX_RULE_WEEKS = 12;

const BARS = '▁▂▃▄▅▆▇█';

/** Eight-level bars scaled from 0 to the row's maximum; a blank for a missing value. */
export function sparkline(values: readonly (number | null)[]): string {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  return values
    .map((v) => {
      if (v === null) return ' ';
      if (max === 0) return BARS[0];
      return BARS[Math.min(BARS.length - 1, Math.floor((v / max) * BARS.length))];
    })
    .join('');
}

/** The `count` weeks ending with the one holding `asOf`, oldest first. */
export function trendWeeks(asOf: DateStr, count: number, calendar: Calendar): TrendWeek[] {
  return weekSpans(asOf, count, calendar).map(({ start, end }) => ({
    label: calendar.weekStartsOn === 1 ? `W${String(getISOWeek(toDate(start))).padStart(2, '0')}` : start.slice(5),
    start,
    end,
    isPartial: end > asOf,
  }));
}

/** The first and last days of the `count` weeks ending with the one holding `asOf`, oldest first. */
function weekSpans(asOf: DateStr, count: number, calendar: Calendar): DateRangeStr[] {
  const lastStart = toDateStr(startOfWeek(toDate(asOf), { weekStartsOn: calendar.weekStartsOn }));
  const weeks: DateRangeStr[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = addDaysStr(lastStart, -7 * i);
    weeks.push({ start, end: addDaysStr(start, 6) });
  }
  return weeks;
}

interface DateRangeStr {
  start: DateStr;
  end: DateStr;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Per-working-day rates of complete weeks, oldest first → `slump` when the last RECENT_WEEKS
 * average at least SLUMP_DROP under the BASELINE_WEEKS before them; `slide` when each of the last
 * FALLING_WEEKS weeks fell and the last is at least SLIDE_DROP under where the fall began; else
 * null. Never for a baseline under MIN_WEEKLY_BASELINE events a week.
 */
export function declineOf(rates: readonly number[], workdaysPerWeek: number): Decline | null {
  if (rates.length >= RECENT_WEEKS + BASELINE_WEEKS) {
    const recent = rates.slice(-RECENT_WEEKS);
    const baseline = rates.slice(-RECENT_WEEKS - BASELINE_WEEKS, -RECENT_WEEKS);
    const base = mean(baseline);
    if (base * workdaysPerWeek >= MIN_WEEKLY_BASELINE && mean(recent) <= (1 - SLUMP_DROP) * base) return 'slump';
  }
  if (rates.length >= FALLING_WEEKS + 1) {
    const run = rates.slice(-FALLING_WEEKS - 1);
    const isFalling = run.every((r, i) => i === 0 || r < run[i - 1]);
    const [start, last] = [run[0], run[run.length - 1]];
    if (isFalling && start * workdaysPerWeek >= MIN_WEEKLY_BASELINE && last <= (1 - SLIDE_DROP) * start) return 'slide';
  }
  return null;
}

function rate(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** One complete week's activity per working day, as the decline rule reads it. */
export interface WeekRate {
  start: DateStr;
  end: DateStr;
  rate: number;
}

/** A complete week the decline rule reads: its days (also as day numbers) and its working days, at least one. */
export interface RuleWeek {
  start: DateStr;
  end: DateStr;
  from: number;
  to: number;
  workingDays: number;
}

/**
 * The complete weeks with working days before as-of that the decline rule reads, oldest first.
 * They depend on the calendar alone: a report works them out once for every rep without time off.
 */
export function ruleWeekSpans(asOf: DateStr, calendar: Calendar): RuleWeek[] {
  const weeks: RuleWeek[] = [];
  for (const { start, end } of weekSpans(asOf, MAX_RULE_WEEKS + 1, calendar)) {
    if (end > asOf) continue;
    const workingDays = countWorkingDays(start, end, calendar);
    if (workingDays > 0) weeks.push({ start, end, from: dayNumber(start), to: dayNumber(end), workingDays });
  }
  return weeks;
}

/** Per-day rates of the complete weeks with working days before as-of, oldest first, for the decline rule. */
export function ruleWeeks(rep: RepTally[], stage: StageId, asOf: DateStr, calendar: Calendar, weeks: readonly RuleWeek[] = ruleWeekSpans(asOf, calendar)): WeekRate[] {
  return weeks.map((w) => {
    let n = 0;
    for (const r of rep) n += r.byStage.get(stage)?.sumIn(w.from, w.to) ?? 0;
    return { start: w.start, end: w.end, rate: n / w.workingDays };
  });
}

/** Last complete week against the one before; indexes into the displayed weeks. */
function lastTwoComplete(weeks: readonly TrendWeek[]): [number, number] | null {
  const complete = weeks.map((w, i) => (w.isPartial ? -1 : i)).filter((i) => i >= 0);
  return complete.length >= 2 ? [complete[complete.length - 2], complete[complete.length - 1]] : null;
}

function repTrend(name: string, tallies: RepTally[], input: TrendInput, weeks: TrendWeek[], calendar: Calendar): RepTrend {
  const stageIds = input.stages.map((s) => s.id);
  const workdaysPerWeek = input.calendar.workdays.size;
  const weekCounts: Counts[] = weeks.map((w) => {
    const end = minDate(w.end, input.asOf);
    return sumCounts(tallies.map((t) => countsIn(t, stageIds, w.start, end)), stageIds);
  });
  const days = weeks.map((w) => countWorkingDays(w.start, minDate(w.end, input.asOf), calendar));
  const pair = lastTwoComplete(weeks);
  const goal = stageIds[stageIds.length - 1];

  const stages = stageIds.map((stage) => {
    const counts = weekCounts.map((c) => c[stage] ?? 0);
    const perWorkingDay = counts.map((n, i) => rate(n, days[i]));
    let change: number | null = null;
    if (pair) {
      const [a, b] = [perWorkingDay[pair[0]], perWorkingDay[pair[1]]];
      change = a !== null && b !== null && a > 0 ? b / a - 1 : null;
    }
    const decline = stage === goal ? null : declineOf(ruleWeeks(tallies, stage, input.asOf, calendar).map((w) => w.rate), workdaysPerWeek);
    return { stage, counts, workingDays: days, perWorkingDay, sparkline: sparkline(perWorkingDay), change, isDeclining: decline !== null, decline };
  });

  const conversion = stageIds.slice(0, -1).map((from, i) => {
    const to = stageIds[i + 1];
    const rates = weekCounts.map((c) => rate(c[to] ?? 0, c[from] ?? 0));
    let change: number | null = null;
    if (pair) {
      const [a, b] = [rates[pair[0]], rates[pair[1]]];
      change = a !== null && b !== null ? (b - a) * 100 : null;
    }
    return { from, to, rates, sparkline: sparkline(rates), change };
  });
  return { rep: name, stages, conversion, declining: stages.filter((s) => s.isDeclining).map((s) => s.stage) };
}

/** Per rep and for the team, per week: counts, per-day activity, conversion, sparklines, change and the decline flag. */
export function buildTrend(input: TrendInput): TrendReport {
  const weeks = trendWeeks(input.asOf, input.weeks, input.calendar);
  const first = weeks[0].start;
  const keys = new Set<string>(input.namedReps.keys());
  for (const key of input.tally.reps.keys()) if (input.tally.hasEventsIn(key, first, input.asOf)) keys.add(key);
  const reps = [...keys]
    .map((key) => {
      const tally = input.tally.reps.get(key);
      const named = input.namedReps.get(key);
      const name = named?.name ?? tally?.name ?? key;
      return repTrend(name, tally ? [tally] : [], input, weeks, repCalendar(input.calendar, named?.timeOff ?? []));
    })
    .sort((a, b) => compareNames(a.rep, b.rep));
  const team = repTrend('Team', [...input.tally.reps.values()], input, weeks, input.calendar);
  return { asOf: input.asOf, weeks, stages: input.stages, team, reps };
}
