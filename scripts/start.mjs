#!/usr/bin/env node
/**
 * `npm start`: the compiled server (dist/server/main.js). The install built it, and the web app, and the demo
 * snapshot (scripts/build.mjs as `prepare`); whatever is missing or older than its sources (a checkout
 * installed with --ignore-scripts, sources edited since) is built first, saying so. Plain JavaScript: no
 * TypeScript loader to start.
 */
import { ensureBuilt } from './build-lib.mjs';

await ensureBuilt();
await import('../dist/server/main.js');
