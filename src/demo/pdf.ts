/**
 * A report as a PDF, drawn directly with pdfkit (no office suite): A4, the title, headings and paragraphs, and the
 * three tables as ruled grids with their merged cells, in a CJK font from Debian's fonts-noto-cjk. Used for demo
 * data, where hundreds of files are made at once (LibreOffice takes about a second a file; this, a few hundredths).
 */
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { reportTables, reportTitle, sectionHeading, type LayoutTable, type ReportSections } from '../core/report/layout';
import type { Report } from '../core/report/model';
import { SECTIONS } from '../core/report/template';
import { placeCells } from '../render/grid';

/** Fonts tried in order: a CJK font is needed for the text to be text (and read back). */
const FONT_CANDIDATES: [file: string, name: string][] = [
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
];

export function cjkFont(): [string, string] | null {
  const env = process.env.GONGKAI_CJK_FONT;
  if (env && existsSync(env)) return [env, ''];
  return FONT_CANDIDATES.find(([f]) => existsSync(f)) ?? null;
}

let fontBytes: { file: string; bytes: Buffer } | null = null;

/** The font file's bytes, read once per process (a CJK collection is tens of MB). */
function fontData(file: string): Buffer {
  if (fontBytes?.file !== file) fontBytes = { file, bytes: readFileSync(file) };
  return fontBytes.bytes;
}

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, top: 30 * MM, bottom: 28 * MM, left: 26 * MM, right: 24 * MM };
const BODY = 12;
const TABLE = 8;

export async function reportPdf(report: Report, sections: ReportSections = {}, options: { signatureDate?: string } = {}): Promise<Buffer> {
  const font = cjkFont();
  if (!font) throw new Error('未找到中文字体（请安装 fonts-noto-cjk，或以 GONGKAI_CJK_FONT 指定字体文件）');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    info: { Title: reportTitle(report), Creator: 'Gongkai' },
    autoFirstPage: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', fontData(font[0]), font[1] || undefined);
  doc.font('cjk');
  const width = PAGE.width - PAGE.left - PAGE.right;

  doc.fontSize(18).text(reportTitle(report), PAGE.left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
  const tables = new Map(reportTables(report).map((t) => [t.key, t]));
  for (const s of SECTIONS) {
    doc.fontSize(BODY).text(sectionHeading(s.key), PAGE.left, doc.y, { width });
    doc.moveDown(0.3);
    const table = tables.get(s.key as LayoutTable['key']);
    if (table) {
      drawTable(doc, table, width);
      doc.moveDown(0.8);
      continue;
    }
    for (const p of (sections[s.key as keyof ReportSections] ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')) {
      doc.fontSize(BODY).text(p, PAGE.left, doc.y, { width, indent: BODY * 2, align: 'justify', lineGap: 4 });
    }
    doc.moveDown(0.5);
  }
  if (options.signatureDate) {
    doc.moveDown(1);
    for (const line of [report.agency, options.signatureDate]) doc.fontSize(BODY).text(line, PAGE.left, doc.y, { width: width - BODY * 2, align: 'right' });
  }
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, table: LayoutTable, width: number): void {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const colW = table.widths.map((w) => (w / total) * width);
  const colX = colW.map((_, i) => PAGE.left + colW.slice(0, i).reduce((a, b) => a + b, 0));
  const placed = placeCells(table.rows);
  const pad = 3;
  doc.fontSize(TABLE);
  const cellWidth = (col: number, span: number) => colW.slice(col, col + span).reduce((a, b) => a + b, 0);
  const textHeight = (text: string, w: number) => (text === '' ? TABLE : doc.heightOfString(text, { width: w - 2 * pad }));
  // row heights: from the cells of one row; a merged cell's text spreads over the rows it spans
  const heights = placed.map((cells) => Math.max(TABLE + 2 * pad, ...cells.filter((c) => c.rowSpan === 1).map((c) => textHeight(c.cell.text, cellWidth(c.col, c.colSpan)) + 2 * pad)));
  placed.forEach((cells, r) => {
    for (const c of cells) {
      if (c.rowSpan === 1) continue;
      const need = textHeight(c.cell.text, cellWidth(c.col, c.colSpan)) + 2 * pad;
      const have = heights.slice(r, r + c.rowSpan).reduce((a, b) => a + b, 0);
      if (need > have) for (let i = 0; i < c.rowSpan; i++) heights[r + i] += (need - have) / c.rowSpan;
    }
  });
  const bottom = PAGE.height - PAGE.bottom;
  let y = doc.y;
  // a merged cell is drawn on the page where it starts, over the rows of that page
  placed.forEach((cells, r) => {
    if (y + heights[r] > bottom) {
      doc.addPage();
      y = PAGE.top;
    }
    for (const c of cells) {
      const w = cellWidth(c.col, c.colSpan);
      let h = 0;
      let yy = y;
      for (let i = 0; i < c.rowSpan && r + i < heights.length; i++) {
        if (i > 0 && yy + heights[r + i] > bottom) break;
        h += heights[r + i];
        yy += heights[r + i];
      }
      doc.lineWidth(0.5).rect(colX[c.col], y, w, h).stroke();
      if (c.cell.text === '') continue;
      const th = textHeight(c.cell.text, w);
      doc.text(c.cell.text, colX[c.col] + pad, y + Math.max(pad, (h - th) / 2), {
        width: w - 2 * pad,
        align: c.cell.align === 'left' ? 'left' : 'center',
        lineBreak: true,
      });
    }
    y += heights[r];
  });
  doc.x = PAGE.left;
  doc.y = y + 4;
}
