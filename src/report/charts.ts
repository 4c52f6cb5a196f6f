import type { NeededDocument } from '../model/needed.js';
import type { RepEntry, ReportDocument } from '../model/report.js';
import type { WeeklyActivity } from '../model/weekly.js';
import { int, percent } from './format.js';
import { html, type SafeHtml } from './html-template.js';
import { sparkline } from './svg.js';
import { goalNumber, statusWord } from './words.js';

// The pictures a manager reads in five seconds: horizontal bars built from table cells, so the
// same markup draws in browsers, in print, and in every common mail client (Gmail, Outlook for
// Windows and the web, Apple Mail, iOS and Android mail, Thunderbird) — none of which needs SVG
// or images for it. Each bar has its numbers as text beside it and in an aria-label.

/** The colour a bar says: far behind, behind, on pace, reached, or no goal. */
export type BarTone = 'critical' | 'behind' | 'good' | 'reached' | 'none';

const COLOURS: Record<BarTone, string> = { critical: '#c0392b', behind: '#d48806', good: '#2e8b57', reached: '#2f6fb0', none: '#9aa5b1' };
const TRACK = '#e8ecf1';
const TICK = '#1d2733';

/** One bar: done against a target, with a tick where pace says it should be by now. */
export interface Bar {
  label: string;
  /** done ÷ target; drawn up to 1 (the numbers say how far past); null without a target. */
  share: number | null;
  /** The share pace expects by now (working days elapsed ÷ total); null to leave the tick out. */
  pace: number | null;
  /** The numbers, right of the bar: `3 of 4`. */
  value: string;
  /** A second, smaller line under the numbers: `1% chance`, `reached`. */
  detail?: string;
  tone: BarTone;
  /** A small picture after the numbers (a sparkline), hidden on a phone. */
  extra?: SafeHtml;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));
const w = (x: number) => String(Math.round(x * 1000) / 10);

/** The cells of one bar: filled to `share`, the track after it, a dark tick at `pace`. */
function barCells(bar: Bar): SafeHtml {
  const fill = clamp(bar.share ?? 0);
  const cuts = new Set([0, 1, fill]);
  let tick: [number, number] | null = null;
  if (bar.pace !== null) {
    const at = Math.min(0.99, Math.max(0, clamp(bar.pace) - 0.005));
    tick = [at, at + 0.01];
    cuts.add(tick[0]).add(tick[1]);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: { width: number; colour: string }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (b - a < 1e-9) continue;
    const mid = (a + b) / 2;
    const colour = tick && mid > tick[0] && mid < tick[1] ? TICK : mid < fill ? COLOURS[bar.tone] : TRACK;
    const last = segments[segments.length - 1];
    if (last && last.colour === colour) last.width += b - a;
    else segments.push({ width: b - a, colour });
  }
  return html`${segments.map(
    (s) => html`<td width="${w(s.width)}%" height="12" bgcolor="${s.colour}" style="width:${w(s.width)}%;height:12px;background:${s.colour};font-size:0;line-height:0">&nbsp;</td>`,
  )}`;
}

function label(bar: Bar): string {
  return `${bar.label}: ${bar.value}${bar.share === null ? '' : ` (${percent(bar.share)})`}${bar.pace === null ? '' : `, pace ${percent(bar.pace)} by now`}${bar.detail ? `, ${bar.detail}` : ''}`;
}

/** Bars under each other, with a caption saying how to read them. */
export function barChart(bars: Bar[], caption: string): SafeHtml {
  return html`<table class="bars" role="presentation" width="100%" cellpadding="0" cellspacing="0">
${bars.map(
  (b) => html`<tr>
<td class="bl" style="padding:3px 8px 3px 0">${b.label}</td>
<td class="bb" style="padding:3px 0"><table class="bar" width="100%" cellpadding="0" cellspacing="0" role="img" aria-label="${label(b)}"><tr>${barCells(b)}</tr></table></td>
<td class="bv" style="padding:3px 0 3px 8px;white-space:nowrap">${b.value}${b.detail ? html`<br><span class="bd">${b.detail}</span>` : ''}</td>
${b.extra ? html`<td class="bx" style="padding:3px 0 3px 8px">${b.extra}</td>` : ''}
</tr>
`,
)}</table>
<p class="note">${caption}</p>`;
}

/** Critical first, then behind, on track, reached, no goal; within each, the least likely first. */
const RISK: Record<string, number> = { critical: 0, behind: 1, on_track: 2, reached: 3 };

function toneOf(rep: RepEntry): BarTone {
  if (rep.goal === null) return 'none';
  return rep.status === 'critical' ? 'critical' : rep.status === 'behind' ? 'behind' : rep.status === 'reached' ? 'reached' : 'good';
}

/** Activity per working day, week by week; null for a week without working days. */
export function perWorkingDay(counts: number[], days: number[] | undefined): (number | null)[] {
  return counts.map((n, i) => (days === undefined ? n : days[i] > 0 ? n / days[i] : null));
}

/** Each rep's closes against the goal with the pace tick, riskiest first; a sparkline of the top stage when `weekly` is given. */
export function teamChart(doc: ReportDocument, weekly?: WeeklyActivity): SafeHtml {
  const close = doc.stages[doc.stages.length - 1];
  const stage = doc.stages.find((s) => s.id === weekly?.stage)?.label.toLowerCase() ?? '';
  const reps = [...doc.reps].sort(
    (a, b) =>
      (a.goal === null ? 4 : RISK[a.status] ?? 1) - (b.goal === null ? 4 : RISK[b.status] ?? 1) ||
      (a.probability ?? 2) - (b.probability ?? 2) ||
      (a.goal ? (a.counts[close.id] ?? 0) / a.goal : 2) - (b.goal ? (b.counts[close.id] ?? 0) / b.goal : 2),
  );
  const bars = reps.map((r): Bar => {
    const done = r.counts[close.id] ?? 0;
    const series = weekly?.reps[r.rep];
    const days = r.workingDays;
    return {
      label: r.rep,
      share: r.goal ? done / r.goal : null,
      pace: r.goal && days.total > 0 ? days.elapsed / days.total : null,
      value: r.goal === null ? `${int(done)}, no goal` : `${int(done)} of ${goalNumber(r.goal)}`,
      detail: r.goal === null ? undefined : r.status === 'reached' || r.probability === null ? statusWord(r, close.id) : `${statusWord(r, close.id)}, ${percent(r.probability)} chance`,
      tone: toneOf(r),
      extra: series ? sparkline(perWorkingDay(series, weekly?.repWorkingDays?.[r.rep] ?? weekly?.teamWorkingDays), `${r.rep}: ${stage} a working day, week by week`, { isLastPartial: weekly?.isLastPartial }) : undefined,
    };
  });
  const spark = weekly ? ` Right: ${stage} a working day over ${weekly.weeks.length} weeks${weekly.isLastPartial ? ', the hollow dot this week so far' : ''}.` : '';
  return barChart(bars, `${close.label} against each rep's goal, riskiest first; the dark tick is where pace puts them by now.${spark}`);
}

/** Each stage's team activity against what the reps' goals need, with the pace tick. */
export function teamFunnelChart(doc: ReportDocument): SafeHtml | null {
  const withGoal = doc.reps.filter((r) => r.goal !== null);
  if (withGoal.length === 0) return null;
  const p = doc.period;
  const pace = p.workingDays > 0 ? p.workingDaysElapsed / p.workingDays : null;
  const bars = doc.stages.flatMap((s): Bar[] => {
    const target = withGoal.reduce((n, r) => n + (r.needed[s.id]?.required ?? 0), 0);
    const done = withGoal.reduce((n, r) => n + (r.counts[s.id] ?? 0), 0);
    if (target === 0) return [];
    return [{ label: s.label, share: done / target, pace, value: `${int(done)} of ${int(target)}`, tone: paceTone(done / target, pace) }];
  });
  if (bars.length === 0) return null;
  return barChart(bars, `Team activity of the ${withGoal.length === 1 ? 'rep' : `${withGoal.length} reps`} with a goal against what their goals need this period; the dark tick is where pace puts the team by now.`);
}

/** On pace, behind, or far behind (under 80 % of the pace) for a share done against the share due. */
function paceTone(share: number, pace: number | null): BarTone {
  if (pace === null || share >= pace) return 'good';
  return share < 0.8 * pace ? 'critical' : 'behind';
}

/** One rep's activity per stage against what the goal needs, with the pace tick. */
export function repStageChart(doc: ReportDocument, rep: RepEntry): SafeHtml | null {
  if (rep.goal === null) return null;
  const days = rep.workingDays;
  const pace = days.total > 0 ? days.elapsed / days.total : null;
  const bars = doc.stages.flatMap((s): Bar[] => {
    const need = rep.needed[s.id];
    if (!need || need.required === null || need.required === 0) return [];
    const share = need.done / need.required;
    return [{ label: s.label, share, pace, value: `${int(need.done)} of ${int(need.required)}`, tone: rep.status === 'reached' ? 'reached' : paceTone(share, pace) }];
  });
  return bars.length === 0 ? null : barChart(bars, `Done against what the goal needs this period, per stage; the dark tick is where pace puts ${rep.rep.split(' ')[0]} by now.`);
}

/** `funnel needed`: done against needed per stage, with the pace tick. */
export function neededChart(doc: NeededDocument): SafeHtml | null {
  const p = doc.period;
  const pace = p.workingDays > 0 ? p.workingDaysElapsed / p.workingDays : null;
  const bars = doc.stages.flatMap((s): Bar[] => {
    if (s.required === null || s.required === 0) return [];
    const share = s.done / s.required;
    return [{ label: s.label, share, pace, value: `${int(s.done)} of ${int(s.required)}`, tone: doc.status === 'reached' ? 'reached' : paceTone(share, pace) }];
  });
  return bars.length === 0 ? null : barChart(bars, 'Done against needed, per stage; the dark tick is where pace puts the plan by now.');
}
