// Mutation testing of the engine and normalize layers against the unit tier.
// Run with `npm run mutation`; see docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  mutate: ['src/engine/**/*.ts', 'src/normalize/**/*.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts' },
  // Only what the unit tests read goes into the sandbox.
  ignorePatterns: ['/*', '!/src', '!/test', '/test/e2e', '/test/artifacts', '!/package.json', '!/tsconfig.json', '!/vitest.unit.config.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  // Kept out of git (reports/ is ignored): it holds every source and test file and changes on each run.
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
export default config;
