import type { ChalkInstance } from 'chalk';
import type { TrendReport } from '../engine/trend.js';
import type { InspectDocument } from '../model/inspect.js';
import type { NeededDocument } from '../model/needed.js';
import type { ReportDocument } from '../model/report.js';
import type { TrendDocument } from '../model/trend.js';
import type { WeeklyActivity } from '../model/weekly.js';
import { FORMATS, loadFormat, type Format } from './formats.js';

// The renderers of every format, loaded together for the commands that render a document
// (formats.ts lists the formats; this file lists none).

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

/** The renderers of every format of formats.ts, by name. */
export const FORMAT_RENDERERS: Record<Format, FormatRenderers> = Object.fromEntries(
  await Promise.all(FORMATS.map(async (format) => [format, await loadFormat(format)] as const)),
) as Record<Format, FormatRenderers>;
