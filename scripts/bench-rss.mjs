// Preload for scripts/bench.mjs: `node --import ./scripts/bench-rss.mjs bin/funnel.js ...`.
// On exit, writes {"maxRSS": <kilobytes>} to the file named by BENCH_RSS_FILE (stdout stays clean).
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS }));
  });
}
