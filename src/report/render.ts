import type { TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { ReportDocument } from '../model/report.js';
import type { TrendDocument } from '../model/trend.js';
import type { Format } from './formats.js';
import { FORMAT_RENDERERS, type RenderOptions } from './registry.js';

// One entry point per document: the command picks the document, --format picks the renderer
// from the registry (registry.ts).

export { FORMATS, type Format } from './formats.js';
export { FORMAT_RENDERERS, type FormatRenderers, type RenderOptions } from './registry.js';
export { renderJson } from './json.js';

export function renderReport(doc: ReportDocument, format: Format, options: RenderOptions): string {
  return FORMAT_RENDERERS[format].report(doc, options);
}

export function renderNeeded(doc: NeededDocument, format: Format, options: RenderOptions): string {
  return FORMAT_RENDERERS[format].needed(doc, options);
}

export function renderInspect(doc: InspectDocument, format: Format, options: RenderOptions): string {
  return FORMAT_RENDERERS[format].inspect(doc, options);
}

/** `funnel trend`'s document. */
export function renderTrend(doc: TrendDocument | TrendReport, format: Format, options: RenderOptions): string {
  return FORMAT_RENDERERS[format].trend(doc, options);
}
