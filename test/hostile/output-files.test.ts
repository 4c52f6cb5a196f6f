// --out and --rejects: a regular file (or a new path) is replaced atomically and keeps its mode; a
// symlink stays a link and its target is written; devices, FIFOs and `-` are written straight
// through; an input, the config or the targets file is never replaced (exit 2); and no temp file
// survives any way out of the process.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, funnel, json, tempDir } from '../e2e/run.js';

const CONFIG = `sources:
  - path: calls.csv
    columns: { rep: Owner, date: Date }
    rules:
      - stage: dial
`;
/** 4 rows: 3 calls used, 1 rejected (a bad date). */
const CALLS = 'Date,Owner,Type\n2026-11-02,Ann Lee,call\n2026-11-03,Ann Lee,call\n2026-11-31,Bo Chen,call\n2026-11-04,Bo Chen,call\n';
const REPORT_JSON = ['report', '--as-of', '2026-11-18', '--format', 'json', '--quiet'];

function dir(extra: Record<string, string> = {}): string {
  return tempDir({ 'funnel.config.yaml': CONFIG, 'calls.csv': CALLS, ...extra });
}

/** Temp files funnel may have left: `.<name>.<random>.tmp`. */
function temps(d: string): string[] {
  return readdirSync(d).filter((n) => n.endsWith('.tmp'));
}

function expectAccounting(doc: any): void {
  expect(doc.input).toMatchObject({ rows: 4, used: 3, ignored: 0, rejected: 1 });
}

describe('--out refuses to replace what the run reads (exit 2)', () => {
  it.each([
    ['the input', ['calls.csv'], 'calls.csv', '--out calls.csv would overwrite an input file'],
    ['the config', [], 'funnel.config.yaml', '--out funnel.config.yaml would overwrite the config file'],
    ['a symlink to the input', [], 'link.csv', '--out link.csv would overwrite an input file (calls.csv)'],
    ['the targets file', ['--targets', 'targets.csv'], 'targets.csv', '--out targets.csv would overwrite the targets file'],
  ])('%s', async (_, args, out, message) => {
    const d = dir({ 'targets.csv': 'rep,goal\nAnn Lee,4\n' });
    symlinkSync('calls.csv', join(d, 'link.csv'));
    const before = readFileSync(join(d, out), 'utf8');
    const r = await funnel([...REPORT_JSON, ...args, '--out', out], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`funnel: error: ${message}`);
    expect(r.stderr).toContain('fix: write to another file');
    expect(r.stdout).toBe('');
    expect(readFileSync(join(d, out), 'utf8')).toBe(before);
    expect(temps(d)).toEqual([]);
  });

  it('--rejects onto the input: exit 2, the input untouched, no temp file left', async () => {
    const d = dir();
    const r = await funnel([...REPORT_JSON, '--rejects', 'calls.csv'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('funnel: error: --rejects calls.csv would overwrite an input file');
    expect(readFileSync(join(d, 'calls.csv'), 'utf8')).toBe(CALLS);
    expect(temps(d)).toEqual([]);
  });

  it('inspect --out onto the file inspected: exit 2', async () => {
    const d = dir();
    const r = await funnel(['inspect', 'calls.csv', '--out', 'calls.csv'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out calls.csv would overwrite an input file');
    expect(readFileSync(join(d, 'calls.csv'), 'utf8')).toBe(CALLS);
  });
});

describe('--out by what the path is', () => {
  it('an existing file is replaced and keeps its mode', async () => {
    const d = dir({ 'report.json': 'old' });
    chmodSync(join(d, 'report.json'), 0o640);
    const r = await funnel([...REPORT_JSON, '--out', 'report.json'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(d, 'report.json')).mode & 0o777).toBe(0o640);
    expectAccounting(JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')));
    expect(temps(d)).toEqual([]);
  });

  it('a symlink stays a link; its target gets the result', async () => {
    const d = dir({ 'real.json': 'old' });
    symlinkSync('real.json', join(d, 'link.json'));
    symlinkSync('not-yet.json', join(d, 'dangling.json'));
    for (const out of ['link.json', 'dangling.json']) {
      const r = await funnel([...REPORT_JSON, '--out', out], { cwd: d });
      expect(r.code, r.stderr).toBe(0);
      expect(lstatSync(join(d, out)).isSymbolicLink()).toBe(true);
    }
    expect(readlinkSync(join(d, 'link.json'))).toBe('real.json');
    expectAccounting(JSON.parse(readFileSync(join(d, 'real.json'), 'utf8')));
    expectAccounting(JSON.parse(readFileSync(join(d, 'not-yet.json'), 'utf8')));
  });

  it('- and /dev/stdout write to stdout', async () => {
    const d = dir();
    for (const out of ['-', '/dev/stdout']) {
      const r = await funnel([...REPORT_JSON, '--out', out], { cwd: d });
      expect(r.code, r.stderr).toBe(0);
      expectAccounting(json(r));
    }
    expect(existsSync(join(d, '-'))).toBe(false);
  });

  it('/dev/null stays a device', async () => {
    const r = await funnel([...REPORT_JSON, '--out', '/dev/null', '--rejects', '/dev/null'], { cwd: dir() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a FIFO is written through and stays a FIFO', async () => {
    const d = dir();
    const fifo = join(d, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve, reject) => {
      // `cat` opens the FIFO for reading so that funnel's open for writing can go through.
      const cat = spawn('cat', [fifo]);
      let text = '';
      cat.stdout.setEncoding('utf8').on('data', (s: string) => (text += s));
      cat.on('error', reject);
      cat.on('close', () => resolve(text));
    });
    const r = await funnel([...REPORT_JSON, '--out', 'pipe'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expectAccounting(JSON.parse(await reader));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a folder or a missing folder: exit 1 with the path', async () => {
    const d = dir();
    const folder = await funnel([...REPORT_JSON, '--out', '.'], { cwd: d });
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('funnel: error: .: --out names a folder');
    const missing = await funnel([...REPORT_JSON, '--out', 'no/such/report.json'], { cwd: d });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('funnel: error: no/such/report.json: cannot write (ENOENT)');
  });
});

describe('--rejects temp files', () => {
  it('a symlink planted at a guessable temp name is never followed; the file is a regular file with every rejection', async () => {
    const d = dir({ 'victim.txt': 'keep me' });
    const child = spawn(process.execPath, [BIN, ...REPORT_JSON, '--rejects', 'rejects.csv'], { cwd: d, stdio: 'ignore' });
    // What a local attacker would plant while funnel starts: the name a pid-based scheme would use.
    symlinkSync('victim.txt', join(d, `.rejects.csv.${child.pid}.tmp`));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(readFileSync(join(d, 'victim.txt'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(d, 'rejects.csv')).isFile()).toBe(true);
    expect(readFileSync(join(d, 'rejects.csv'), 'utf8').trim().split('\n')).toEqual(['file,line,code,field,value,reason', expect.stringMatching(/^calls\.csv,4,BAD_DATE,/)]);
    expect(temps(d)).toEqual([`.rejects.csv.${child.pid}.tmp`]);
  });

  it('a usage error after the rejects file is opened leaves no temp file', async () => {
    const d = dir();
    const r = await funnel([...REPORT_JSON, '--rejects', 'rejects.csv', '--period', '2026-13'], { cwd: d });
    expect(r.code).toBe(2);
    expect(temps(d)).toEqual([]);
    expect(existsSync(join(d, 'rejects.csv'))).toBe(false);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s while reading: the temp file is removed and the process dies of the signal', async (signal) => {
    // A FIFO as input: funnel waits on it, with the rejects temp file open, until killed.
    const d = tempDir({ 'funnel.config.yaml': CONFIG });
    execFileSync('mkfifo', [join(d, 'calls.csv')]);
    const child = spawn(process.execPath, [BIN, ...REPORT_JSON, '--rejects', 'rejects.csv'], { cwd: d, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    for (let i = 0; i < 300 && temps(d).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(temps(d)).toHaveLength(1);
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(temps(d)).toEqual([]);
    expect(existsSync(join(d, 'rejects.csv'))).toBe(false);
  });
});
