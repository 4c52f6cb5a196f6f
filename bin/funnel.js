#!/usr/bin/env node
// With FUNNEL_DEBUG=1 an internal error prints its stack: source maps make it name the modules
// (dist/…) rather than the bundle's chunks.
const debug = process.env.FUNNEL_DEBUG;
if (debug !== undefined && debug !== '' && debug !== '0') process.setSourceMapsEnabled(true);
const { main } = await import('../dist/bundle/funnel.js');

main(process.argv);
