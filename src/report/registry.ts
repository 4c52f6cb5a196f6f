import type { ChalkInstance } from 'chalk';
import type { TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { ReportDocument } from '../model/report.js';
import type { TrendDocument } from '../model/trend.js';
import type { WeeklyActivity } from '../model/weekly.js';
import { csvFormat } from './csv.js';
import type { Format } from './formats.js';
import { htmlFormat } from './html.js';
import { jsonFormat } from './json.js';
import { markdownFormat } from './markdown.js';
import { tableFormat } from './table-format.js';

// Every output format's renderers, in one place: `--format NAME` → the renderer of each
// document. A new format is one file exporting a FormatRenderers, its name in formats.ts (the
// list the CLI reads at start-up without loading a renderer), one line below, and its goldens
// (the golden test renders every format listed here), and its loader in load-format.ts (for
// commands that load one format only). The type below makes a name without renderers a compile error.

export interface RenderOptions {
  /** Colour for the table format only; JSON, CSV, markdown and HTML never carry colour codes. */
  chalk: ChalkInstance;
  /** The `--rep` detail view. */
  isDetail?: boolean;
  /** Weekly activity for HTML sparklines, when the command has it. */
  weekly?: WeeklyActivity;
}

/** One format: a renderer per document, and the file extension its output keeps. */
export interface FormatRenderers {
  /** `md`, `html`, …: for golden files and suggested file names. */
  extension: string;
  report(doc: ReportDocument, options: RenderOptions): string;
  needed(doc: NeededDocument, options: RenderOptions): string;
  inspect(doc: InspectDocument, options: RenderOptions): string;
  trend(doc: TrendDocument | TrendReport, options: RenderOptions): string;
}

/** The renderers of every format of formats.ts. */
export const FORMAT_RENDERERS: Record<Format, FormatRenderers> = {
  table: tableFormat,
  json: jsonFormat,
  csv: csvFormat,
  markdown: markdownFormat,
  html: htmlFormat,
};
