import { defineConfig } from 'vitest/config';

// The unit tier: pure engine, normalize and config tests, no spawned binary.
// Mutation testing (stryker.config.mjs) runs exactly these.
export default defineConfig({
  test: {
    include: ['test/engine/**/*.test.ts', 'test/normalize/**/*.test.ts', 'test/config/**/*.test.ts'],
    env: { TZ: 'UTC', NO_COLOR: '1' },
    // Under mutation testing the code is instrumented and several times slower: a table test that
    // walks every day of two centuries must not time out there.
    testTimeout: 30_000,
  },
});
