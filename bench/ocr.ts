/**
 * OCR of scanned pages: pages read per second on every core (one worker thread a core, one recogniser each)
 * against one core, and against the recogniser's own time on the same pages (onnxruntime's run, summed over
 * workers): what the layout (deskew, rules, cells, lines) and the hand-off cost on top of the model.
 *
 * The pages are the five of the Hongze 2024 report rendered at 150 dpi in grey (as a flat scan of it would be),
 * twice over: ten pages, the "scan of 10 pages".
 *
 * Then the product's path for one file: those ten page images bound into an image-only PDF and read by
 * extractSource (as the CLI, the import and the supervisor's batch do, one file in one worker): its wall time
 * against the recogniser's own time on the same pages (the file's pages overlap two at a time: one laid out
 * while the other is recognised).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { extractSource } from '../src/extract/index';
import { engineTime, recogniser } from '../src/extract/ocr/engine';
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

/** Grey page images as an image-only PDF at `dpi` (a scan as a scanner writes it). */
async function scanPdf(pages: Grey[], dpi: number): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const page of pages) {
    const canvas = createCanvas(page.width, page.height);
    const ctx = canvas.getContext('2d');
    const rgba = ctx.createImageData(page.width, page.height);
    for (let i = 0; i < page.data.length; i++) {
      rgba.data[i * 4] = rgba.data[i * 4 + 1] = rgba.data[i * 4 + 2] = page.data[i];
      rgba.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(rgba, 0, 0);
    const w = (page.width * 72) / dpi;
    const h = (page.height * 72) / dpi;
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(canvas.toBuffer('image/png'), 0, 0, { width: w, height: h });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** One scanned file read as the product reads it: wall time, and the recogniser's own time within it. */
async function readFile(pdf: Uint8Array): Promise<{ wallMs: number; modelMs: number; ok: boolean }> {
  await recogniser();
  const before = engineTime.ms;
  const started = performance.now();
  const extracted = await extractSource(pdf);
  return { wallMs: performance.now() - started, modelMs: engineTime.ms - before, ok: extracted.ok };
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

  // a lone file in the read pool gets every core for its recogniser (read-pool.ts ocrThreads), as here
  process.env.GONGKAI_OCR_THREADS = String(cores);
  const file = await readFile(await scanPdf(pages, DPI));
  console.log(`\n## One scanned file of ${pages.length} pages (image-only PDF, ${DPI} dpi), read as the product reads it (extractSource, recogniser on ${cores} threads)`);
  console.log('| wall s | recogniser s (its own time, summed) | wall / recogniser | s per page | read as a report |');
  console.log('| ---: | ---: | ---: | ---: | :--- |');
  console.log(`| ${(file.wallMs / 1000).toFixed(1)} | ${(file.modelMs / 1000).toFixed(1)} | ${(file.wallMs / file.modelMs).toFixed(2)} | ${(file.wallMs / 1000 / pages.length).toFixed(1)} | ${file.ok ? 'yes' : 'NO'} |`);
  console.log(`→ ${pages.length} scanned pages in ${(file.wallMs / 1000).toFixed(1)} s (${file.wallMs < 60_000 ? 'under' : 'OVER'} a minute)`);
}
