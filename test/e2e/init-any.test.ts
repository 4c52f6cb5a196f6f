// funnel init on files no preset fits: a source guessed from headers and values, rules proposed
// commented out, a config that loads, and a report once the rules are uncommented. The files are
// small look-alikes of a public CRM sales pipeline (Maven) and of a school's deals export.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnel, json, tempDir } from './run.js';

/** Opportunities with an agent, a stage and engage/close dates, like Maven's sales_pipeline.csv. */
function pipeline(): string {
  const agents = ['Moses Frase', 'Darcel Schlecht', 'Zane Levy'];
  const stages = ['Won', 'Won', 'Lost', 'Engaging', 'Prospecting'];
  const rows = ['opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value'];
  for (let i = 0; i < 30; i++) {
    const stage = stages[i % stages.length];
    const isClosed = stage === 'Won' || stage === 'Lost';
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push(`OPP${String(i).padStart(5, '0')},${agents[i % 3]},GTX Basic,Acme,${stage},2017-02-${day},${isClosed ? `2017-03-${day}` : ''},${isClosed ? 1000 + i : ''}`);
  }
  return `${rows.join('\n')}\n`;
}

/** Uncomments every proposed rule (the "# - stage" blocks under rules:). */
const uncomment = (text: string) => text.replace(/^( {6})# ( *)(- stage:|when:|date:|created:)/gm, '$1$2$3');

describe('funnel init on a file no preset recognises', () => {
  it('writes a source with guessed columns, value counts and a proposed close rule; the config loads', async () => {
    const dir = tempDir({ 'sales_pipeline.csv': pipeline() });
    const r = await funnel(['init', 'sales_pipeline.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('funnel: wrote funnel.config.yaml: no file recognised by a preset; next: check the guessed columns and uncomment the rules that fit');
    const text = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
    expect(text).toContain('  - path: sales_pipeline.csv\n    columns: { rep: sales_agent, date: close_date, id: opportunity_id, created: engage_date }\n');
    expect(text).toContain('    #   deal_stage: Won 12 · Engaging 6 · Lost 6 · Prospecting 6\n');
    expect(text).toContain('      # - stage: close\n      #   when: { deal_stage: Won }\n      #   created: engage_date\n');
    expect(text).toContain('  Darcel Schlecht: {}   # goal: N\n');
    expect(text).not.toContain('OWNER_COLUMN');

    // As written: it loads, and every row is ignored until rules are uncommented.
    const before = await funnel(['report', '--as-of', '2017-03-31', '--format', 'json'], { cwd: dir });
    expect(before.code, before.stderr).toBe(0);
    expect(json(before).input).toMatchObject({ rows: 30, used: 0, ignored: 30 });
    expect(before.stderr).toContain('sources[0] has no rules yet: every row is ignored');

    writeFileSync(join(dir, 'funnel.config.yaml'), uncomment(text));
    const after = await funnel(['report', '--as-of', '2017-03-31', '--period', '2017-03', '--format', 'json'], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
    // 12 won opportunities, closed in March.
    expect(json(after).team.counts.close).toBe(12);
  });

  it('a preset that fits but counts nothing (a school deals export on a Zoho-like sheet): rules proposed from the values', async () => {
    const rows = ['Id,Deal Owner Name,Closing Date,Stage,Created Time'];
    const stages = ['Payment Done', 'Lost', 'Waiting For Payment', 'Call Delayed'];
    for (let i = 0; i < 20; i++) {
      const d = String(1 + i).padStart(2, '0');
      rows.push(`58050280000568${String(64000 + i)},${i % 2 ? 'Ben Hall' : 'Ulysses Adams'},${d}.06.2024,${stages[i % 4]},${d}.05.2024 15:30`);
    }
    const dir = tempDir({ 'deals.csv': `${rows.join('\n')}\n` });
    const r = await funnel(['init', 'deals.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
    expect(text).toContain('    preset: zoho-deals\n');
    expect(text).toContain("    # The preset's rules count nothing in this file.");
    expect(text).toContain('      # - stage: proposal\n      #   when: { Stage: Waiting For Payment }\n      #   date: Created Time\n');
    expect(text).toContain('      # - stage: close\n      #   when: { Stage: Payment Done }\n      #   created: Created Time\n');
    writeFileSync(join(dir, 'funnel.config.yaml'), uncomment(text));
    const after = await funnel(['report', '--as-of', '2024-06-30', '--period', '2024-06', '--format', 'json'], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
    expect(json(after).team.counts).toMatchObject({ close: 5 });
  });

  it('no column looks like the rep: the source is written commented out, and the config still loads', async () => {
    const dir = tempDir({ 'notes.csv': 'Date,Note\n2025-03-04,call the bank\n' });
    const r = await funnel(['init', 'notes.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
    expect(text).toContain('  # - path: notes.csv\n  #   columns: { rep: THE_REP_COLUMN, date: Date }\n');
    expect(text).toContain('sources:\n  []\n');
    // The config loads (inspect reads it); with no source, report has nothing to read yet.
    const inspect = await funnel(['inspect', 'notes.csv', '--format', 'json'], { cwd: dir });
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(json(inspect).config).toBe(join(dir, 'funnel.config.yaml'));
  });

  it('a file name with a newline and quotes: no crash, the YAML stays valid and names the file', async () => {
    const name = 'calls\n"x".csv';
    const dir = tempDir({ [name]: pipeline() });
    const r = await funnel(['init', '--out', '-', name], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  - path: "calls\\n\\"x\\".csv"\n');
    expect(r.stderr).toContain('funnel: warning: "calls\\n\\"x\\".csv": no preset recognised it');
    writeFileSync(join(dir, 'funnel.config.yaml'), r.stdout);
    const report = await funnel(['report', '--as-of', '2017-03-31', '--format', 'json'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect(json(report).input.rows).toBe(30);
  });

  it('beside a file a preset knows: both sources, no placeholders', async () => {
    const calls = 'Activity date,Activity assigned to,Call outcome,Call direction,Record ID\n2025-03-10 09:00,Ann Lee,Connected,Outbound,1\n';
    const dir = tempDir({ 'calls.csv': calls, 'sales_pipeline.csv': pipeline() });
    const r = await funnel(['init'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'funnel.config.yaml'), 'utf8');
    expect(text).toContain('    preset: hubspot-calls\n');
    expect(text).toContain('  - path: sales_pipeline.csv\n');
    expect(text).not.toMatch(/OWNER_COLUMN|TYPE_COLUMN/);
    expect(existsSync(join(dir, 'funnel.config.yaml'))).toBe(true);
  });
});
