import type { RepEntry, ReportDocument } from '../model/report.js';
import type { FunnelStep } from './svg.js';

/** The rep's step-by-step conversion over the lookback beside the team's; the weakest step is the report's bottleneck, if any. */
export function funnelSteps(doc: ReportDocument, rep: RepEntry): FunnelStep[] {
  const label = (id: string) => doc.stages.find((s) => s.id === id)?.label ?? id;
  const weakest = rep.bottleneck;
  return rep.conversion.map((c) => ({
    from: label(c.from),
    to: label(c.to),
    rate: c.rate,
    teamRate: c.teamRate,
    isWeakest: weakest !== null && weakest.from === c.from && weakest.to === c.to,
  }));
}
