import type { ChalkInstance } from 'chalk';
import type { TrendReport } from '../engine/trend.js';
import type { TrendDocument } from '../model/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { ReportDocument } from '../model/report.js';
import type { WeeklyActivity } from '../model/weekly.js';
import { renderInspectCsv, renderNeededCsv, renderReportCsv, renderTrendCsv } from './csv.js';
import { renderInspectHtml, renderNeededHtml, renderReportHtml, renderTrendHtml } from './html.js';
import { renderInspectTable } from './inspect-table.js';
import { renderInspectMarkdown, renderNeededMarkdown, renderReportMarkdown, renderTrendMarkdown } from './markdown.js';
import { renderNeededTable } from './needed-table.js';
import { renderRepsTable, renderReportTable } from './report-table.js';
import { renderTrendTable } from './trend-table.js';

// One entry point per document: the command picks the document, --format picks the renderer.

export { FORMATS, type Format } from './formats.js';
import type { Format } from './formats.js';

export interface RenderOptions {
  /** Colour for the table format only; JSON, CSV, markdown and HTML never carry colour codes. */
  chalk: ChalkInstance;
  /** The `--rep` detail view. */
  isDetail?: boolean;
  /** Weekly activity for HTML sparklines, when the command has it. */
  weekly?: WeeklyActivity;
}

/** JSON as every command writes it: two-space indent and a final newline. */
export function renderJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function renderReport(doc: ReportDocument, format: Format, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(doc);
    case 'csv':
      return renderReportCsv(doc);
    case 'markdown':
      return renderReportMarkdown(doc, { isDetail: options.isDetail });
    case 'html':
      return renderReportHtml(doc, { weekly: options.weekly });
    case 'table':
      return options.isDetail ? renderRepsTable(doc, options.chalk) : renderReportTable(doc, options.chalk);
  }
}

export function renderNeeded(doc: NeededDocument, format: Format, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(doc);
    case 'csv':
      return renderNeededCsv(doc);
    case 'markdown':
      return renderNeededMarkdown(doc);
    case 'html':
      return renderNeededHtml(doc);
    case 'table':
      return renderNeededTable(doc, options.chalk);
  }
}

export function renderInspect(doc: InspectDocument, format: Format, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(doc);
    case 'csv':
      return renderInspectCsv(doc);
    case 'markdown':
      return renderInspectMarkdown(doc);
    case 'html':
      return renderInspectHtml(doc);
    case 'table':
      return renderInspectTable(doc, options.chalk);
  }
}

/** `funnel trend`'s document. */
export function renderTrend(doc: TrendDocument | TrendReport, format: Format, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(doc);
    case 'csv':
      return renderTrendCsv(doc);
    case 'markdown':
      return renderTrendMarkdown(doc);
    case 'html':
      return renderTrendHtml(doc);
    case 'table':
      return renderTrendTable(doc, options.chalk);
  }
}
