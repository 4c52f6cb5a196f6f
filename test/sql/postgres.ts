import { parse } from 'csv-parse/sync';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway PostgreSQL server for the tests: Debian's `postgresql` package, a fresh data
// directory under the system temp folder, listening on a unix socket only. As root, the server
// runs as the `postgres` user (PostgreSQL refuses to run as root).

/** The folder holding initdb, pg_ctl and psql, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 ? join(which.stdout.trim(), '..') : null;
}

export interface PgServer {
  /** Runs SQL (from stdin) and returns psql's CSV output. */
  query(sql: string): string;
  /** Runs a psql command with `input` on stdin (e.g. a COPY … FROM STDIN). */
  psql(args: string[], input?: string): string;
  stop(): void;
}

export function startPostgres(bin: string): PgServer {
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'funnel-pg-'));
  const data = join(dir, 'data');
  const socket = dir;
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const as = (cmd: string, args: string[], opts: { input?: string } = {}) => {
    const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { input: opts.input, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  };
  as('initdb', ['-D', data, '-E', 'UTF8', '--locale=C.UTF-8', '-A', 'trust', '-U', 'postgres']);
  as('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-c listen_addresses='' -k ${socket} -c fsync=off`, 'start']);
  const conn = ['-h', socket, '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-X', '-q'];
  return {
    query: (sql) => as('psql', [...conn, '--csv'], { input: sql }),
    psql: (args, input) => as('psql', [...conn, ...args], { input }),
    stop() {
      try {
        as('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A CSV line of text cells (NULL never: empty cells are empty strings). */
export function csvLine(values: readonly string[]): string {
  return values.map((v) => `"${v.replace(/"/g, '""')}"`).join(',');
}

/** Parses psql's --csv output into objects by column name (NULL reads as an empty string, as the compiled query never yields NULL where it matters). */
export function parseCsv(text: string): Record<string, string | null>[] {
  return parse(text, { columns: true, relax_column_count: true }) as Record<string, string>[];
}
