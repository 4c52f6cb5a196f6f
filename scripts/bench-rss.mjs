// Preload for scripts/bench.mjs: `node --import ./scripts/bench-rss.mjs bin/funnel.js ...`.
// On exit, writes {"maxRSS": <kilobytes>, "cpu": <seconds of user + system CPU>} to the file
// named by BENCH_RSS_FILE (stdout stays clean).
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  });
}
