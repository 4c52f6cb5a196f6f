import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built binary; give slow machines room.
    testTimeout: 30_000,
    env: { TZ: 'UTC', NO_COLOR: '1' },
    // End-to-end tests run the built bundle in their own process (test/e2e/run.ts): Node loads it
    // as the binary does, untransformed.
    server: { deps: { external: [/\/dist\/bundle\//] } },
  },
});
