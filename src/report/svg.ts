import { percent } from './format.js';
import { html, type SafeHtml } from './html-template.js';

// Inline SVG charts for the HTML report and e-mail. Plain shapes and text only: no scripts, no
// external fonts or images. Every chart carries a <title> and an aria-label with its numbers,
// and the same numbers are in a table next to it (several mail clients do not draw SVG).

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/** Coordinates with at most one decimal, so the markup stays small and stable. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

const pct = percent;

/** One step of the funnel: from one stage to the next. */
export interface FunnelStep {
  from: string;
  to: string;
  /** The rep's conversion, next stage ÷ this stage; null without activity at this stage. */
  rate: number | null;
  teamRate: number | null;
  /** The step the rep loses most against the team (their bottleneck). */
  isWeakest: boolean;
}

/**
 * The rep's conversion at each step as a bar, with the team's as a dark tick on the same
 * 0–100 % scale (rates above 100 % are drawn full and labelled as they are).
 */
export function funnelChart(steps: FunnelStep[], title: string): SafeHtml {
  const width = 340;
  const row = 36;
  const barX = 0;
  const barW = width;
  const height = steps.length * row + 4;
  const label = `${title}: ${steps.map((s) => `${s.from} to ${s.to} ${pct(s.rate)} (team ${pct(s.teamRate)})`).join('; ')}`;
  const rows = steps.map((s, i) => {
    const y = i * row;
    const w = s.rate === null ? 0 : Math.min(1, Math.max(0, s.rate)) * barW;
    const teamX = s.teamRate === null ? null : barX + Math.min(1, Math.max(0, s.teamRate)) * barW;
    const fill = s.isWeakest ? '#c0392b' : '#2f6fb0';
    return html`<g>
<text x="0" y="${n(y + 12)}" font-size="12" fill="#333">${s.from} → ${s.to}</text>
<text x="${n(width)}" y="${n(y + 12)}" font-size="12" fill="#333" text-anchor="end"><tspan font-weight="bold" fill="${fill}">${pct(s.rate)}</tspan> · team ${pct(s.teamRate)}</text>
<rect x="${n(barX)}" y="${n(y + 18)}" width="${n(barW)}" height="10" rx="2" fill="#e8ecf1"/>
<rect x="${n(barX)}" y="${n(y + 18)}" width="${n(w)}" height="10" rx="2" fill="${fill}"/>
${teamX === null ? '' : html`<rect x="${n(Math.max(0, teamX - 1.5))}" y="${n(y + 15)}" width="3" height="16" fill="#222"/>`}
</g>`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-label="${label}" font-family="${FONT}"><title>${label}</title>
${rows}
</svg>`;
}

/**
 * A small line of weekly values (activity per working day); a week without working days is a gap.
 * When the last week is not over, its segment is dashed and its point hollow: a week so far.
 */
export function sparkline(values: readonly (number | null)[], title: string, opts: { isLastPartial?: boolean } = {}): SafeHtml {
  const width = 120;
  const height = 28;
  const pad = 3;
  if (values.length === 0) return html``;
  const shown = values.map((v) => (v === null ? '–' : String(Math.round(v * 10) / 10)));
  const label = `${title}: ${shown.join(', ')}${opts.isLastPartial ? ' (the last week so far)' : ''}`;
  const max = Math.max(...values.map((v) => v ?? 0), 1);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const at = (v: number, i: number) => [pad + i * step, height - pad - (v / max) * (height - 2 * pad)] as const;
  const points = values.map((v, i) => (v === null ? null : at(v, i)));
  const lastIndex = points.length - 1;
  const solidUpTo = opts.isLastPartial ? lastIndex - 1 : lastIndex;
  // Runs of consecutive known points, each drawn as one polyline.
  const runs: string[] = [];
  let run: string[] = [];
  points.slice(0, solidUpTo + 1).forEach((p) => {
    if (p === null) {
      if (run.length > 1) runs.push(run.join(' '));
      run = [];
    } else run.push(`${n(p[0])},${n(p[1])}`);
  });
  if (run.length > 1) runs.push(run.join(' '));
  const last = points[lastIndex];
  const before = points[lastIndex - 1];
  const dashed = opts.isLastPartial && last && before ? html`<polyline fill="none" stroke="#2f6fb0" stroke-width="1.5" stroke-dasharray="2 2" points="${n(before[0])},${n(before[1])} ${n(last[0])},${n(last[1])}"/>` : '';
  const dot = !last
    ? ''
    : opts.isLastPartial
      ? html`<circle cx="${n(last[0])}" cy="${n(last[1])}" r="2.5" fill="#fff" stroke="#2f6fb0" stroke-width="1.5"/>`
      : html`<circle cx="${n(last[0])}" cy="${n(last[1])}" r="2.5" fill="#2f6fb0"/>`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title>${runs.map((r) => html`<polyline fill="none" stroke="#2f6fb0" stroke-width="1.5" stroke-linejoin="round" points="${r}"/>`)}${dashed}${dot}</svg>`;
}
