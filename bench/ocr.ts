/**
 * OCR of scanned pages: pages read per second on every core (one worker thread a core, one recogniser each)
 * against one core, and against the recogniser's own time on the same pages (onnxruntime's run, summed over
 * workers): what the layout (deskew, rules, cells, lines) and the hand-off cost on top of the model.
 *
 * The pages are the five of the Hongze 2024 report rendered at 150 dpi in grey (as a flat scan of it would be),
 * twice over: ten pages, the "scan of 10 pages".
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Grey } from '../src/extract/ocr/image';
import { renderPdfPages } from '../src/extract/ocr/render';
import { FIXTURE_DIR } from '../test/helpers/fixtures';

const DPI = 150;

interface PageDone {
  pieces: number;
  engineMs: number;
  cpuMs: number;
}

async function startWorker(): Promise<Worker> {
  const w = new Worker(new URL('./ocr-worker.mjs', import.meta.url), { env: { ...process.env, GONGKAI_OCR_THREADS: '1' } });
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
  return w;
}

/** Read the pages on `threads` workers; wall time, and each page's model and CPU time. */
async function readOn(threads: number, pages: Grey[]): Promise<{ wallMs: number; done: PageDone[] }> {
  const workers = await Promise.all(Array.from({ length: threads }, () => startWorker()));
  const started = performance.now();
  const done: PageDone[] = [];
  let next = 0;
  await Promise.all(
    workers.map(async (w) => {
      while (next < pages.length) {
        const id = next++;
        const image = pages[id];
        done.push(
          await new Promise<PageDone>((resolve) => {
            w.once('message', (m: PageDone) => resolve(m));
            w.postMessage({ id, image: { width: image.width, height: image.height, data: image.data }, dpi: DPI });
          }),
        );
      }
    }),
  );
  const wallMs = performance.now() - started;
  await Promise.all(workers.map((w) => w.terminate()));
  return { wallMs, done };
}

export async function run(): Promise<void> {
  const pdf = new Uint8Array(readFileSync(path.join(FIXTURE_DIR, 'hongze-district-2024.pdf')));
  const five: Grey[] = [];
  await renderPdfPages(pdf, { dpi: DPI, onPage: (_p, _n, image) => void five.push(image) });
  const pages = [...five, ...five];
  const cores = availableParallelism();
  console.log(`\n## OCR of a scanned report (${pages.length} pages at ${DPI} dpi, Hongze 2024 × 2), ${cores} cores`);
  console.log('| workers | wall s | pages/s | model s (summed) | model-only pages/s | CPU s (summed) | cells and lines |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows: { threads: number; wallMs: number; modelMs: number }[] = [];
  for (const threads of [...new Set([1, cores])]) {
    const { wallMs, done } = await readOn(threads, pages);
    const modelMs = done.reduce((s, d) => s + d.engineMs, 0);
    const cpuMs = done.reduce((s, d) => s + d.cpuMs, 0);
    const pieces = done.reduce((s, d) => s + d.pieces, 0);
    rows.push({ threads, wallMs, modelMs });
    console.log(`| ${threads} | ${(wallMs / 1000).toFixed(1)} | ${((pages.length * 1000) / wallMs).toFixed(2)} | ${(modelMs / 1000).toFixed(1)} | ${((pages.length * 1000 * threads) / modelMs).toFixed(2)} | ${(cpuMs / 1000).toFixed(1)} | ${pieces} |`);
  }
  const one = rows[0];
  const all = rows[rows.length - 1];
  console.log(`→ ${pages.length} pages: ${(all.wallMs / 1000).toFixed(1)} s on ${all.threads} workers (${(one.wallMs / all.wallMs).toFixed(2)}× one worker); the model's own time is ${((100 * one.modelMs) / one.wallMs).toFixed(0)}% of one worker's wall time`);
}
