import { renderInspectTable } from './inspect-table.js';
import { neededTable } from './needed-table.js';
import type { FormatRenderers } from './registry.js';
import { renderRepsTable, renderReportTable } from './report-table.js';
import { renderTrendTable } from './trend-table.js';

/** `--format table` (the default): text for a terminal, coloured when the chalk instance allows. */
export const tableFormat: FormatRenderers = {
  extension: 'txt',
  report: (doc, o) => (o.isDetail ? renderRepsTable(doc, o.chalk) : renderReportTable(doc, o.chalk)),
  needed: neededTable,
  inspect: (doc, o) => renderInspectTable(doc, o.chalk),
  trend: (doc, o) => renderTrendTable(doc, o.chalk),
};
