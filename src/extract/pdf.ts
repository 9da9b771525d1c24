/**
 * PDF → lines of text, through pdf.js (Mozilla's maintained PDF library).
 *
 * Text items are grouped into lines by their vertical position and ordered left to right; a wide gap between
 * two items becomes a tab (a cell boundary), a narrow one a space. Page numbers are dropped. The result is
 * read like any extracted text: cell boundaries are hints, not structure.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isPageFooter, type SourceDoc } from '../core/reader/source';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

function linesOfPage(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: { y: number; size: number; items: Item[] }[] = [];
  for (const item of sorted) {
    const g = groups[groups.length - 1];
    const tol = Math.max(2, 0.45 * Math.min(item.size, g?.size ?? item.size));
    if (g && Math.abs(g.y - item.y) <= tol) g.items.push(item);
    else groups.push({ y: item.y, size: item.size, items: [item] });
  }
  return groups.map((g) => {
    const items = g.items.sort((a, b) => a.x - b.x);
    let line = '';
    let end = -Infinity;
    for (const it of items) {
      const gap = it.x - end;
      if (line.length > 0) {
        if (gap > 1.2 * g.size) line += '\t';
        else if (gap > 0.2 * g.size) line += ' ';
      }
      line += it.str;
      end = it.x + it.w;
    }
    return line;
  });
}

/** Pages read from one PDF; an annual report has under 50. */
export const MAX_PDF_PAGES = 500;

export interface PdfRead {
  doc: SourceDoc;
  warnings: { rule: 'read.limit'; message: string }[];
  /** pages read */
  pages: number;
  /** pages with no usable text layer (none, or mis-encoded glyphs): a scan, to be read by OCR */
  textless: number;
}

/**
 * Whether a page's text layer can be read: some text, mostly characters a report is written in (Chinese,
 * ASCII, Chinese punctuation). A font without a proper encoding gives private-use, control or accented Latin
 * characters, or nothing.
 */
export function usableText(text: string): boolean {
  let total = 0;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c <= 32 || c === 0x3000) continue;
    total++;
    if ((c >= 0x21 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3001 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || (c >= 0x2010 && c <= 0x2027) || c === 0xb7) good++;
  }
  return total >= 10 && good / total >= 0.8;
}

export async function pdfSource(data: Uint8Array): Promise<SourceDoc> {
  return (await readPdf(data)).doc;
}

/** A PDF opened by pdf.js. */
export type PdfDocument = Awaited<ReturnType<typeof getDocument>['promise']>;

/**
 * Open a PDF with pdf.js as Gongkai does (no eval, no system fonts, its packaged CMaps and standard fonts), hand
 * it to `use`, and close it. Every promise pdf.js hands out is awaited or given a handler here: a document that
 * fails to open still has its loading task destroyed (the fake worker and its pending promises with it), and a
 * failure while closing is not allowed to replace the error that caused it. `disableFontFace` when only the
 * text is wanted (unset, pdf.js decides by platform).
 */
export async function withPdf<T>(data: Uint8Array, use: (doc: PdfDocument) => Promise<T>, options: { disableFontFace?: boolean } = {}): Promise<T> {
  const task = getDocument({
    data,
    verbosity: 0,
    isEvalSupported: false,
    ...(options.disableFontFace !== undefined ? { disableFontFace: options.disableFontFace } : {}),
    useSystemFonts: false,
    cMapUrl: `${path.join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(pdfjsRoot, 'standard_fonts')}/`,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw e;
  }
  try {
    return await use(doc);
  } finally {
    await doc.destroy().catch(() => undefined);
    await task.destroy().catch(() => undefined);
  }
}

export async function readPdf(data: Uint8Array): Promise<PdfRead> {
  return withPdf(data, async (doc) => {
    const lines: string[] = [];
    let textless = 0;
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [a, b, , d, x, y] = it.transform as number[];
        items.push({ str: it.str, x, y, w: it.width, size: Math.max(Math.hypot(a, b), Math.abs(d), 1) });
      }
      const pageLines = linesOfPage(items);
      if (!usableText(pageLines.join(''))) textless++;
      for (const line of pageLines) if (!isPageFooter(line)) lines.push(line);
      lines.push('');
      page.cleanup();
    }
    const warnings: PdfRead['warnings'] = doc.numPages > MAX_PDF_PAGES ? [{ rule: 'read.limit', message: `PDF 共 ${doc.numPages} 页，只读取了前 ${MAX_PDF_PAGES} 页` }] : [];
    return { doc: { lines: lines.map((l) => ({ cells: l.split('\t') })), structured: false }, warnings, pages, textless };
  }, { disableFontFace: true });
}
