/**
 * The read pool reading scans: a real worker thread reads a real image-only PDF by OCR, tells its pages as it
 * goes, and the file's time limit is time without progress, so a scan that takes longer than the limit in all
 * is still read while each of its pages takes less; one stuck on a page is still cut, and cutting it in the
 * middle of the recogniser (onnxruntime-node) does not take the process down. (A file that says nothing for the
 * whole limit is cut too: read-pool.test.ts, "a file past the time limit".)
 *
 * Long: about 5–10 s of one core a page, 3–4 s to make each scan (test/helpers/scans.ts). Skipped where poppler
 * or Chromium is missing, or with GONGKAI_TEST_OCR=0.
 */
import { readFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadPool, type ReadProgress } from '../../src/workers/read-pool';
import { CAN_SCAN, makeScan } from '../helpers/scans';

const RUN = CAN_SCAN && process.env.GONGKAI_TEST_OCR !== '0';
const LONG = 120_000;

/** Table 三's first row on page 3 of hongze-district-2024's printed PDF (its fixture): 95 received, all from people. */
const RECEIVED = [95, 0, 0, 0, 0, 0, 95];

/** An image-only PDF of these page images at 150 dpi, each on a page of its size (A4 for 1240 × 1754 pixels). */
async function imagePdf(images: Buffer[]): Promise<Buffer> {
  const pdf = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => pdf.on('end', r));
  for (const image of images) {
    const { width, height } = await loadImage(image);
    const size: [number, number] = [(width * 72) / 150, (height * 72) / 150];
    pdf.addPage({ size, margin: 0 });
    pdf.image(image, 0, 0, { width: size[0], height: size[1] });
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

/** A blank page at 150 dpi: read by OCR in well under a second, nothing on it to recognise. */
function blankPage(): Buffer {
  const canvas = createCanvas(1240, 1754);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 1240, 1754);
  return canvas.toBuffer('image/png');
}

/** One tall page of these page images one under the other: as long to read as all of them. */
async function tallPage(images: Buffer[]): Promise<Buffer> {
  const loaded = await Promise.all(images.map((i) => loadImage(i)));
  const canvas = createCanvas(Math.max(...loaded.map((i) => i.width)), loaded.reduce((h, i) => h + i.height, 0));
  const ctx = canvas.getContext('2d');
  let y = 0;
  for (const image of loaded) {
    ctx.drawImage(image, 0, y);
    y += image.height;
  }
  return canvas.toBuffer('image/png');
}

/** Read a file in the pool, noting each progress message and the time from the start to each and to the answer. */
async function timedRead(pool: ReadPool, file: string, bytes?: Uint8Array) {
  const start = performance.now();
  const progress: ReadProgress[] = [];
  const at: number[] = [];
  const result = await pool.read(file, bytes, {
    onProgress: (p) => {
      progress.push(p);
      at.push(performance.now() - start);
    },
  });
  const total = performance.now() - start;
  // the time between one sign of life and the next: start → page 1 → … → the answer
  const gaps = [...at, total].map((t, i) => t - (i === 0 ? 0 : at[i - 1]));
  return { result, progress, total, gaps };
}

describe.skipIf(!RUN)('ReadPool reading scans by OCR (long)', () => {
  const pools: ReadPool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));
  /** the longest wait between two signs of life while a new worker read a 2-page scan (first test) */
  let longestGap: number | undefined;
  /** the time of a table page read by a worker already reading: the first test's second page (page 4, tables 三 and 四) */
  let tablePage: number | undefined;
  /** the first test's pages (3 and 4: tables 二 to 四), as page images */
  let tablePngs: Buffer[] | undefined;

  it(
    'tells each page of a scan as it is read, in order, then answers with the report',
    async () => {
      const scan = await makeScan({ fixture: 'hongze-district-2024', dpi: 150, pages: [3, 4] });
      const pool = new ReadPool({ threads: 1 });
      pools.push(pool);
      const { result, progress, total, gaps } = await timedRead(pool, scan.pdf);
      console.log(`2-page scan read in ${(total / 1000).toFixed(1)} s; waits between signs of life ${gaps.map((g) => (g / 1000).toFixed(1)).join(', ')} s`);
      expect(progress).toEqual([
        { page: 1, pages: 2 },
        { page: 2, pages: 2 },
      ]);
      expect(result.findings.filter((f) => f.rule === 'file.unreadable')).toEqual([]);
      expect(result.report?.applications.received).toEqual(RECEIVED);
      longestGap = Math.max(...gaps);
      tablePage = gaps[1];
      tablePngs = scan.pngs.map((p) => readFileSync(p));
    },
    LONG,
  );

  it(
    'a scan that takes longer than the time limit in all is read while each page takes less (each page re-arms it)',
    async () => {
      expect(longestGap, 'the first test measures a page').toBeDefined();
      const scan = await makeScan({ fixture: 'hongze-district-2024', dpi: 150, pages: [1, 2, 3, 4, 5] });
      // the whole report, 5 pages (a scan past 4 pages ran out of the 30 s a file had before the re-arm); twice the
      // longest wait seen in the first test (a new worker's start and its first page included): well above one
      // page, well below five pages and a start
      const timeoutMs = Math.round(longestGap! * 2);
      // `check`: the other way a worker reads (readAndCheckFile) tells its pages too
      const pool = new ReadPool({ threads: 1, timeoutMs, check: true });
      pools.push(pool);
      const { result, progress, total, gaps } = await timedRead(pool, scan.pdf);
      console.log(
        `5-page scan read in ${(total / 1000).toFixed(1)} s with a limit of ${(timeoutMs / 1000).toFixed(1)} s; waits ${gaps.map((g) => (g / 1000).toFixed(1)).join(', ')} s`,
      );
      expect(progress).toEqual([
        { page: 1, pages: 5 },
        { page: 2, pages: 5 },
        { page: 3, pages: 5 },
        { page: 4, pages: 5 },
        { page: 5, pages: 5 },
      ]);
      // the premise: the whole read outlasted the limit, so without the re-arm it would have been cut
      expect(total).toBeGreaterThan(timeoutMs);
      expect(result.findings.filter((f) => f.rule === 'file.unreadable')).toEqual([]);
      expect(result.report?.agency).toBe('淮安市洪泽区人民政府');
      expect(result.report?.applications.received).toEqual(RECEIVED);
      expect(result.ownChecks).toBeDefined();
    },
    LONG,
  );

  it(
    'a scan stuck on a page is still cut at the limit, and cutting it inside the recogniser leaves the process standing',
    async () => {
      expect(tablePage, 'the first test measures a page').toBeDefined();
      // a blank page, read with the worker's start in about 2 s, then one tall page of three table pages, about
      // three times a table page's time (10 s where a table page takes 4 s): a limit of one table page's time is
      // passed at the blank page, and runs out in the middle of the tall page, while the worker is recognising its
      // cells (the test costs the start, the blank page and the limit, not the tall page)
      const timeoutMs = Math.round(tablePage!);
      const pool = new ReadPool({ threads: 1, timeoutMs });
      pools.push(pool);
      const [p3, p4] = tablePngs!;
      const file = await imagePdf([blankPage(), await tallPage([p3, p4, p3])]);
      const { result, progress, total, gaps } = await timedRead(pool, 'stuck.pdf', file);
      console.log(`blank page + tall page cut after ${(total / 1000).toFixed(1)} s at a limit of ${(timeoutMs / 1000).toFixed(1)} s; waits ${gaps.map((g) => (g / 1000).toFixed(1)).join(', ')} s`);
      expect(progress).toEqual([{ page: 1, pages: 2 }]);
      const seconds = Number((timeoutMs / 1000).toFixed(3));
      expect(result).toEqual({
        file: 'stuck.pdf',
        report: null,
        findings: [
          {
            rule: 'file.unreadable',
            severity: 'error',
            message: `文件损坏或过于复杂，无法读取：读取超过 ${seconds} 秒没有进展（文字识别（OCR）已完成第 1/2 页）`,
            where: 'stuck.pdf',
          },
        ],
        narrative: [],
      });
      // cut at the limit after the blank page (and the worker's end), not at the end of the tall page
      expect(total - gaps[0]).toBeGreaterThanOrEqual(timeoutMs);
      expect(total - gaps[0]).toBeLessThan(timeoutMs + 1500);
      // the worker is gone, and this process (vitest's, which holds the pool) is still here to say so
      expect(pool.size).toBe(0);
    },
    LONG,
  );
});
