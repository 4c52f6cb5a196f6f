import { FunnelError } from '../errors.js';

/**
 * Bounds on what one input may cost, so a hostile or broken file ends in a rejected row or a
 * clear error instead of a hang or a crash. docs/security.md lists each with its reason.
 */
export interface InputLimits {
  /** Longest CSV record, NDJSON line or JSON array element, in bytes of text; longer ones are rejected. */
  maxRecordSize: number;
  /** Most bytes a gzip input may expand to. */
  maxDecompressedSize: number;
  /** Most a gzip input may expand, as decompressed ÷ compressed bytes (checked past RATIO_FLOOR). */
  maxCompressionRatio: number;
  /** Deepest nesting of objects and arrays inside one JSON record. */
  maxJsonDepth: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: Readonly<InputLimits> = {
  maxRecordSize: MiB,
  maxDecompressedSize: 2 * GiB,
  maxCompressionRatio: 200,
  maxJsonDepth: 64,
};

/**
 * The expansion ratio is judged only once this much has come out: a small file may compress
 * extremely well (a header and a few repeated rows) and costs nothing to read.
 */
export const RATIO_FLOOR = 16 * MiB;

let current: InputLimits = { ...DEFAULT_LIMITS };

/** The limits in force for this process (the defaults unless the command line raised them). */
export function inputLimits(): InputLimits {
  return current;
}

/** Sets the limits for the rest of the process; fields left out keep their defaults. */
export function setInputLimits(limits: Partial<InputLimits>): void {
  current = { ...DEFAULT_LIMITS, ...limits };
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: MiB, mb: MiB, mib: MiB, g: GiB, gb: GiB, gib: GiB };

/** Parses a size such as `1MiB`, `512k`, `2GB` or `1048576` (binary units: 1k = 1024 bytes). */
export function parseSize(text: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const value = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(value) || value < 1) {
    throw new FunnelError('USAGE', `${option}: "${text}" is not a size`, { hint: `write a number of bytes with an optional unit, e.g. ${option} 4MiB (k, M, G are 1024-based)` });
  }
  return value;
}

/** A size for messages: `1 MiB`, `2 GiB`, `1.5 MiB`, `800 KiB`, `120 bytes`. */
export function formatSize(bytes: number): string {
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, ''));
  if (bytes >= GiB) return `${fmt(bytes / GiB)} GiB`;
  if (bytes >= MiB) return `${fmt(bytes / MiB)} MiB`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
