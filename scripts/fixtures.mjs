// Regenerates test/report/fixtures/*.json: the documents the built CLI really produces for the
// Acme example as of 2026-11-18, cut to a few reps, with one rep's name and one prompt replaced by
// strings that try formula, markdown and HTML injection (what the escaping tests look for).
// Run: npm run fixtures   (then UPDATE_GOLDEN=1 npx vitest run test/report to refresh the goldens)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ACME = join(ROOT, 'examples', 'acme');
const OUT = join(ROOT, 'test', 'report', 'fixtures');
const HOSTILE_NAME = '=HYPERLINK("http://evil.example","Jordan") | `Ellis` <b>';
const HOSTILE_PROMPT = '<script>alert(1)</script> ask about *pipeline* | `next` & "steps"';

function funnel(...args) {
  const dated = args[0] === 'inspect' ? [] : ['--as-of', '2026-11-18'];
  const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'funnel.js'), ...args, ...dated, '--format', 'json', '--quiet'], {
    cwd: ACME,
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
  });
  return JSON.parse(out.toString('utf8'));
}

const write = (name, doc) => writeFileSync(join(OUT, name), `${JSON.stringify(doc, null, 2)}\n`);

// Report: a reached rep, a critical rep whose cycle lands after the period, an on-track rep, and
// the rep without a goal renamed to the hostile name.
const keep = ['Aisha Bello', 'Jordan Ellis', 'Kenji Watanabe', 'Marisol Vega', 'Tomás Herrera'];
const report = funnel('report');
report.reps = report.reps.filter((r) => keep.includes(r.rep));
for (const r of report.reps) if (r.rep === 'Jordan Ellis') r.rep = HOSTILE_NAME;
report.reps.find((r) => r.rep === 'Aisha Bello').prompts.push({ id: 'x', when: 'on_track', text: HOSTILE_PROMPT });
write('report.json', report);

write('needed.json', funnel('needed', '--rep', 'Kenji Watanabe'));
write('inspect.json', funnel('inspect', 'exports/hubspot-deals.csv', 'exports/hubspot-meetings.csv'));
const trend = funnel('trend', '--weeks', '4', '--rep', 'Aisha Bello', '--rep', 'Kenji Watanabe');
write('trend.json', trend);
console.log(`wrote ${OUT}/{report,needed,inspect,trend}.json`);
