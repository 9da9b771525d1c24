/**
 * PDF pages → grey images, rendered by pdf.js on @napi-rs/canvas (the canvas pdf.js itself uses in Node): a
 * scanned page's image, or a page whose text layer is unusable, is drawn as printed.
 */
import { createCanvas } from '@napi-rs/canvas';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { withPdf } from '../pdf';
import { fromRgba, MAX_PIXELS, type Grey } from './image';

/** Resolution pages are rendered at for OCR, unless the page is a scan of its own resolution. */
export const RENDER_DPI = 200;

/**
 * A scan finer than RENDER_DPI is rendered at its own resolution, up to MAX_DPI (finer is more pixels to no
 * gain); a coarser one at RENDER_DPI (enlarged, its rules stay whole, and the layout's thresholds in pixels
 * keep a margin: at 150 dpi a page of pingtan-2023 lost its table 四 where 200 dpi reads it all).
 */
const MAX_DPI = 400;

/**
 * The resolution to render a scanned page at: its largest image's pixels over the page's width (or height) in
 * inches, when finer than RENDER_DPI. Rendered coarser than it was scanned, a scan turned by a degree or two
 * loses its thin rules (they break into dashes).
 */
function scanDpi(ops: { fnArray: number[]; argsArray: unknown[][] }, widthPt: number, heightPt: number): number | null {
  let best: { w: number; h: number } | null = null;
  ops.fnArray.forEach((fn, i) => {
    if (fn !== OPS.paintImageXObject) return;
    const [, w, h] = ops.argsArray[i] as [string, number, number];
    if (typeof w === 'number' && typeof h === 'number' && (!best || w * h > best.w * best.h)) best = { w, h };
  });
  if (!best) return null;
  const { w, h } = best;
  // an image covering most of the page: its resolution is the page's (a logo or a photo in a text page is not)
  const dpi = Math.max(w / (widthPt / 72), h / (heightPt / 72));
  const covers = (w / dpi) * 72 > widthPt * 0.6 || (h / dpi) * 72 > heightPt * 0.6;
  return covers ? Math.round(Math.min(MAX_DPI, Math.max(RENDER_DPI, dpi))) : null;
}

/**
 * Render the pages; `onPage` gets each page's image and the resolution it was rendered at (`opts.dpi` if
 * given, else a scanned page's own resolution, else RENDER_DPI).
 */
export async function renderPdfPages(data: Uint8Array, opts: { dpi?: number; maxPages?: number; onPage?: (page: number, pages: number, image: Grey, dpi: number) => Promise<void> | void } = {}): Promise<number> {
  // pdf.js may transfer (detach) the buffer it is given: a copy keeps the caller's
  return withPdf(data.slice(), async (doc) => {
    const pages = Math.min(doc.numPages, opts.maxPages ?? doc.numPages);
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const size = page.getViewport({ scale: 1 });
      const dpi = opts.dpi ?? scanDpi(await page.getOperatorList(), size.width, size.height) ?? RENDER_DPI;
      const viewport = page.getViewport({ scale: dpi / 72 });
      const w = Math.ceil(viewport.width);
      const h = Math.ceil(viewport.height);
      if (w * h > MAX_PIXELS) throw new Error(`第 ${p} 页过大（${w} × ${h} 像素）`);
      const canvas = createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
      await page.render({ canvasContext: ctx as unknown as CanvasRenderingContext2D, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
      const image = fromRgba(ctx.getImageData(0, 0, w, h).data, w, h);
      page.cleanup();
      await opts.onPage?.(p, pages, image, dpi);
    }
    return pages;
  });
}
