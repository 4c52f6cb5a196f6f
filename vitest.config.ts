import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built binary; give slow machines room.
    testTimeout: 30_000,
    env: { TZ: 'UTC', NO_COLOR: '1' },
  },
});
