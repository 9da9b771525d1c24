/**
 * PDF pages → grey images, rendered by pdf.js on @napi-rs/canvas (the canvas pdf.js itself uses in Node): a
 * scanned page's image, or a page whose text layer is unusable, is drawn as printed.
 */
import { createCanvas } from '@napi-rs/canvas';
import { withPdf } from '../pdf';
import { fromRgba, MAX_PIXELS, type Grey } from './image';

/** Resolution pages are rendered at for OCR. */
export const RENDER_DPI = 200;

export async function renderPdfPages(data: Uint8Array, opts: { dpi?: number; maxPages?: number; onPage?: (page: number, pages: number, image: Grey) => Promise<void> | void } = {}): Promise<number> {
  const dpi = opts.dpi ?? RENDER_DPI;
  // pdf.js may transfer (detach) the buffer it is given: a copy keeps the caller's
  return withPdf(data.slice(), async (doc) => {
    const pages = Math.min(doc.numPages, opts.maxPages ?? doc.numPages);
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
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
      await opts.onPage?.(p, pages, image);
    }
    return pages;
  });
}
