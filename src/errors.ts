/** Stable error codes; docs/errors.md lists each with an example and the fix. */
export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'NO_INPUT'
  | 'NO_SOURCE_FOR_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'BINARY_FILE'
  | 'EMPTY_FILE'
  | 'DUPLICATE_HEADER'
  | 'COLUMN_NOT_FOUND'
  | 'AMBIGUOUS_DATES'
  | 'INVALID_JSON'
  | 'INPUT_TOO_LARGE'
  | 'TARGETS_INVALID'
  | 'OWNERS_INVALID'
  | 'REJECTED_ROWS'
  | 'STALE_INPUT'
  | 'NO_MATCH'
  | 'OUTPUT_FAILED'
  | 'SMTP_FAILED'
  | 'SMTP_TLS_FAILED'
  | 'SEND_LOG_FAILED'
  | 'SQL_UNSUPPORTED'
  | 'ENGINE_UNAVAILABLE'
  | 'ENGINE_MEMORY'
  | 'TOO_MANY_IDS';

/** Exit codes of the contract: 1 input/runtime, 2 usage/config. */
const EXIT_BY_CODE: Record<ErrorCode, 1 | 2> = {
  USAGE: 2,
  CONFIG_NOT_FOUND: 2,
  CONFIG_PARSE: 2,
  CONFIG_INVALID: 2,
  NO_SOURCE_FOR_FILE: 2,
  AMBIGUOUS_DATES: 2,
  FILE_NOT_FOUND: 1,
  FILE_UNREADABLE: 1,
  NO_INPUT: 1,
  UNSUPPORTED_FORMAT: 1,
  BINARY_FILE: 1,
  EMPTY_FILE: 1,
  DUPLICATE_HEADER: 1,
  COLUMN_NOT_FOUND: 1,
  INVALID_JSON: 1,
  INPUT_TOO_LARGE: 1,
  TARGETS_INVALID: 1,
  OWNERS_INVALID: 1,
  REJECTED_ROWS: 1,
  STALE_INPUT: 1,
  NO_MATCH: 1,
  OUTPUT_FAILED: 1,
  SMTP_FAILED: 1,
  SMTP_TLS_FAILED: 1,
  SEND_LOG_FAILED: 1,
  SQL_UNSUPPORTED: 2,
  ENGINE_UNAVAILABLE: 1,
  ENGINE_MEMORY: 1,
  TOO_MANY_IDS: 1,
};

/** Where an error happened: a file (and line) or a config key path. */
export interface ErrorWhere {
  file?: string;
  line?: number;
  key?: string;
}

/** An error that stops the run; the CLI prints `where: message` and `hint`, and exits with `exitCode`. */
export class FunnelError extends Error {
  readonly code: ErrorCode;
  readonly where: ErrorWhere;
  readonly hint?: string;
  /** Extra lines (e.g. every config problem) printed under the message. */
  readonly details: string[];

  constructor(code: ErrorCode, message: string, opts: { where?: ErrorWhere; hint?: string; details?: string[] } = {}) {
    super(message);
    this.name = 'FunnelError';
    this.code = code;
    this.where = opts.where ?? {};
    this.hint = opts.hint;
    this.details = opts.details ?? [];
  }

  get exitCode(): 1 | 2 {
    return EXIT_BY_CODE[this.code];
  }
}

/** `file:line` or `file`, for messages. */
export function formatWhere(where: ErrorWhere): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.line ? `${where.file}:${where.line}` : where.file);
  if (where.key) parts.push(where.key);
  return parts.join(': ');
}
