import type { RepEntry, ReportDocument } from '../model/report.js';
import type { FunnelStep } from './svg.js';

interface ConversionLike {
  from: string;
  to: string;
  rate: number | null;
  teamRate: number | null;
}

function ratio(a: number | undefined, b: number | undefined): number | null {
  return b !== undefined && b > 0 ? (a ?? 0) / b : null;
}

/**
 * The rep's step-by-step conversion on lookback counts, beside the team's. Uses the report's own
 * `conversion` field when it has one; the weakest step is the report's bottleneck, if any.
 */
export function funnelSteps(doc: ReportDocument, rep: RepEntry): FunnelStep[] {
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const given = (rep as { conversion?: ConversionLike[] }).conversion;
  const raw: ConversionLike[] = Array.isArray(given)
    ? given
    : doc.stages.slice(0, -1).map((s, i) => {
        const to = doc.stages[i + 1].id;
        return {
          from: s.id,
          to,
          rate: ratio(rep.lookbackCounts[to], rep.lookbackCounts[s.id]),
          teamRate: ratio(doc.team.lookbackCounts[to], doc.team.lookbackCounts[s.id]),
        };
      });
  const weakest = rep.bottleneck;
  return raw.map((c) => ({
    from: label(c.from),
    to: label(c.to),
    rate: c.rate,
    teamRate: c.teamRate,
    isWeakest: weakest !== null && weakest !== undefined && weakest.from === c.from && weakest.to === c.to,
  }));
}
