// Bundles the compiled command (dist/cli/main.js, from tsc) and its packages into
// dist/bundle/: a run then loads a few files instead of about 380 modules, which halves the CPU
// a small report costs (docs/performance.md). Each lazily loaded command stays its own chunk.
// Run by `npm run build`, after tsc; tsc remains the compiler and type checker.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/bundle';

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  // The worker thread that reads the second part of a large CSV file (src/run/split.ts).
  entryPoints: { funnel: 'dist/cli/main.js', 'split-worker': 'dist/run/split-worker.js' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The optional DuckDB engine is a native module, loaded only by --engine duckdb.
  external: ['@duckdb/*'],
  // Packages written as CommonJS call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __funnelRequire } from 'node:module'; const require = __funnelRequire(import.meta.url);" },
  // The chunks sit two folders below the package, as the modules of dist/cli do: paths built from
  // import.meta.url (package.json, src/prompts) resolve the same.
  chunkNames: 'chunk-[hash]',
  // FUNNEL_DEBUG=1 turns source maps on (bin/funnel.js): a bug report's stack names dist/ modules.
  sourcemap: true,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// Which modules went into which file: the start-up test reads it.
writeFileSync(`${OUT}/meta.json`, JSON.stringify(result.metafile));
