import { html, type SafeHtml } from './html-template.js';

// Inline SVG charts for the HTML report and e-mail. Plain shapes and text only: no scripts, no
// external fonts or images. Every chart carries a <title> and an aria-label with its numbers,
// and the same numbers are in a table next to it (several mail clients do not draw SVG).

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/** Coordinates with at most one decimal, so the markup stays small and stable. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function pct(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

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

/** A small line of weekly values; the last point is marked (hollow when that week is not over). */
export function sparkline(values: number[], title: string, opts: { isLastPartial?: boolean } = {}): SafeHtml {
  const width = 120;
  const height = 28;
  const pad = 3;
  const label = `${title}: ${values.join(', ')}`;
  if (values.length === 0) return html``;
  const max = Math.max(...values, 1);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const points = values.map((v, i) => [pad + i * step, height - pad - (v / max) * (height - 2 * pad)] as const);
  const [lx, ly] = points[points.length - 1];
  const dot = opts.isLastPartial
    ? html`<circle cx="${n(lx)}" cy="${n(ly)}" r="2.5" fill="#fff" stroke="#2f6fb0" stroke-width="1.5"/>`
    : html`<circle cx="${n(lx)}" cy="${n(ly)}" r="2.5" fill="#2f6fb0"/>`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title><polyline fill="none" stroke="#2f6fb0" stroke-width="1.5" stroke-linejoin="round" points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}"/>${dot}</svg>`;
}

/** Share of a goal as a horizontal bar with a tick where pace says it should be by now. */
export function progressBar(share: number | null, expected: number | null, title: string): SafeHtml {
  const width = 120;
  const height = 12;
  const w = share === null ? 0 : Math.min(1, Math.max(0, share)) * width;
  const tick = expected === null ? null : Math.min(1, Math.max(0, expected)) * width;
  const fill = share !== null && expected !== null && share < expected ? '#c77c02' : '#2e8b57';
  const label = `${title}: ${pct(share)}${expected === null ? '' : ` (pace ${pct(expected)})`}`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="bar" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title><rect width="${width}" height="${height}" rx="2" fill="#e8ecf1"/><rect width="${n(w)}" height="${height}" rx="2" fill="${fill}"/>${tick === null ? '' : html`<rect x="${n(Math.max(0, tick - 1))}" width="2" height="${height}" fill="#222"/>`}</svg>`;
}
