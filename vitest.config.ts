import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built binary; give slow machines room.
    testTimeout: 30_000,
    // Three test files at a time on two cores: most e2e runs happen in the test's own process
    // (test/e2e/run.ts), and several files mostly wait (SMTP time-outs, PostgreSQL, the browser),
    // so a third file uses the time the other two spend waiting. See docs/testing.md.
    maxWorkers: 3,
    env: { TZ: 'UTC', NO_COLOR: '1' },
    // End-to-end tests run the built bundle in their own process (test/e2e/run.ts): Node loads it
    // as the binary does, untransformed.
    server: { deps: { external: [/\/dist\/bundle\//] } },
  },
});
