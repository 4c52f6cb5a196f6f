// Preload for scripts/bench.mjs: `node --import ./scripts/bench-rss.mjs bin/funnel.js ...`.
// On exit, writes {"maxRSS": <kilobytes>, "cpu": <seconds of user + system CPU>} to the file
// named by BENCH_RSS_FILE (stdout stays clean).
//
// The peak RSS is Linux's VmHWM (/proc/self/status), the peak of this program's own memory.
// getrusage's maxRSS is kept across exec: a child spawned by a large parent starts with the
// parent's peak (the bench's own 100 MB showed as the floor of every run). Elsewhere, maxRSS.
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRSS: peakKb() ?? u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  });
}

/** VmHWM in kilobytes, or null where /proc is not there. */
function peakKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
