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

export async function pdfSource(data: Uint8Array): Promise<SourceDoc> {
  const doc = await getDocument({
    data,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: `${path.join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(pdfjsRoot, 'standard_fonts')}/`,
  }).promise;
  try {
    const lines: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [a, b, , d, x, y] = it.transform as number[];
        items.push({ str: it.str, x, y, w: it.width, size: Math.max(Math.hypot(a, b), Math.abs(d), 1) });
      }
      for (const line of linesOfPage(items)) if (!isPageFooter(line)) lines.push(line);
      lines.push('');
      page.cleanup();
    }
    return { lines: lines.map((l) => ({ cells: l.split('\t') })), structured: false };
  } finally {
    await doc.destroy();
  }
}
