// The entry of a read-pool worker thread. Worker threads do not inherit the TypeScript loader that the main
// thread was started with (bin/gongkai.js registers tsx through its API, `npx tsx` through --import, vitest
// through vite), so each worker registers tsx itself, then loads the TypeScript worker.
//
// pdf.js is loaded first, without the loader: through tsx's hooks its two 2 MB modules cost about 380 MB of
// resident memory (the loader keeps their transformed sources and source maps), on their own about 60 MB. The
// TypeScript modules that import it later get the same, already loaded module; the worker module sets
// globalThis.pdfjsWorker, which pdf.js then uses instead of importing it again.
import { register } from 'tsx/esm/api';

await import('pdfjs-dist/legacy/build/pdf.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
register();
await import('./read-worker.ts');
