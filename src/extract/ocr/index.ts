/**
 * Scanned reports: page images → the reader's source, offline.
 *
 * Each page is read by `readPage` (upright, deskewed, tables cut cell by cell). Tables become lines of cells as a
 * document's table gives them (a cell spanning rows appears once, in its first row; a blank cell is a real
 * blank), the text around them one line per printed line. A figure the recogniser is not sure of is never
 * passed on as read: its cell is left blank, so the reader restores it only where the totals force its value
 * (a restoration warning) and otherwise reports it unreadable, and a finding names it with what it might be.
 */
import { readReport } from '../../core/reader/read';
import { isPageFooter, type SourceDoc, type SourceLine } from '../../core/reader/source';
import { describeCell } from '../../core/report/template';
import type { Grey } from './image';
import { readPage, type OcrCellRead, type OcrPage } from './page';

/**
 * What an uncertain figure is passed on as: a number beyond 2^53, which the reader never uses as a value and
 * reports as unreadable (status 'huge'). A blank would not do: the reader reads a blank as 0 wherever one
 * relation holds with it, and two uncertain cells of one row could then be filled with a wrong pair. (The
 * reader should get a marker of its own for a lost cell, restorable where the totals force it: see the report
 * of issue 12.)
 */
export const LOST_MARK = '99999999999999999999';

/** A figure read with a lower confidence than this is uncertain. */
export const CONFIDENCE_THRESHOLD = 0.95;

export interface UncertainCell {
  page: number;
  /** the row's label as read, and the place of the figure among the row's figures (1-based) */
  rowLabel: string;
  figure: number;
  read: string;
  candidates: string[];
  confidence: number;
  /** the report cell it stands for, when the reader placed it (e.g. "applications.disclosed[0]") */
  path?: string;
}

export interface OcrResult {
  doc: SourceDoc;
  pages: OcrPage[];
  uncertain: UncertainCell[];
  /** cells and lines recognised */
  pieces: number;
}

export interface OcrPageInput {
  image: Grey;
  dpi: number;
}

/** A figure as printed: one number per line of the cell (an integer, a decimal, a sign). */
const FIGURE = /^-?\d+(?:\.\d+)?(?: -?\d+(?:\.\d+)?)*$/;

function isFigure(c: OcrCellRead): boolean {
  return c.numeric && c.text.trim() !== '';
}

/** Cells of a table's data rows that should hold a figure but were read as something else (a short non-number). */
function suspectText(cells: OcrCellRead[], row: OcrCellRead[]): boolean[] {
  const figures = row.filter(isFigure).length;
  // columns holding figures in most rows
  return row.map((c) => {
    if (figures < 2 || c.numeric || c.text.trim() === '' || c.text.trim().length > 3) return false;
    const column = cells.filter((o) => o.col === c.col && o.colSpan === c.colSpan && o.text.trim() !== '');
    return column.filter(isFigure).length >= Math.max(2, column.length * 0.6);
  });
}

/** Turn recognised pages into source lines; uncertain figures are marked unreadable and listed. */
export function pagesToSource(pages: OcrPage[], threshold = CONFIDENCE_THRESHOLD): { doc: SourceDoc; uncertain: (UncertainCell & { line: number; cell: number })[] } {
  const lines: SourceLine[] = [];
  const uncertain: (UncertainCell & { line: number; cell: number })[] = [];
  pages.forEach((page, p) => {
    for (const block of page.blocks) {
      if (block.kind === 'line') {
        const cells = block.pieces.map((x) => x.text.trim()).filter((t) => t !== '');
        if (cells.length === 0 || (cells.length === 1 && isPageFooter(cells[0]))) continue;
        lines.push({ cells });
        continue;
      }
      const { cells, rows } = block.table;
      for (let r = 0; r < rows; r++) {
        const row = cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
        if (row.length === 0) continue;
        const suspect = suspectText(cells, row);
        const label = row.filter((c) => !c.numeric && c.text.trim() !== '').map((c) => c.text.trim()).join(' ');
        let figure = 0;
        const out = row.map((c, k) => {
          const text = c.text.trim();
          if (isFigure(c) || suspect[k]) figure++;
          // other readings that are figures too, and that the model gave more than (1 − threshold)
          const rivals = c.alternatives.filter((a) => a.prob > 1 - threshold && FIGURE.test(a.text.trim()) && a.text.trim() !== text);
          const weak = (isFigure(c) && (rivals.length > 0 || !FIGURE.test(text))) || suspect[k];
          if (!weak) return text;
          uncertain.push({
            page: p + 1,
            rowLabel: label,
            figure,
            read: text,
            candidates: [...new Set([text, ...rivals.map((a) => a.text.trim())])].filter((t) => t !== ''),
            confidence: c.confidence,
            line: lines.length,
            cell: k,
          });
          return LOST_MARK;
        });
        lines.push({ cells: out });
      }
    }
    lines.push({ cells: [''] });
  });
  return { doc: { lines, structured: true }, uncertain };
}

/** Every figure of a report with its path (applications.disclosed[0], proactive.regulations.issued, …). */
function figures(value: unknown, at: string, out: Map<number, string>): void {
  if (typeof value === 'number') out.set(value, at);
  else if (Array.isArray(value)) value.forEach((v, i) => figures(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) figures(v, at ? `${at}.${k}` : k, out);
}

/**
 * Which report cell each uncertain figure stands for: the source is read once more with a distinct marker
 * figure in each uncertain cell, and the markers are looked for in what the reader made of it.
 */
function placeUncertain(doc: SourceDoc, uncertain: (UncertainCell & { line: number; cell: number })[]): void {
  if (uncertain.length === 0) return;
  const marked: SourceDoc = { structured: doc.structured, lines: doc.lines.map((l) => ({ cells: l.cells.slice() })) };
  const base = 900_000_001;
  uncertain.forEach((u, i) => {
    marked.lines[u.line].cells[u.cell] = String(base + i * 1000);
  });
  const { report } = readReport(marked);
  if (!report) return;
  const found = new Map<number, string>();
  figures({ proactive: report.proactive, applications: report.applications, reviewLitigation: report.reviewLitigation }, '', found);
  uncertain.forEach((u, i) => {
    const path = found.get(base + i * 1000);
    if (path) u.path = path;
  });
}

export function uncertainMessage(u: UncertainCell): string {
  const where = u.path ? describeCell(u.path) : `第 ${u.page} 页表格${u.rowLabel ? `“${u.rowLabel.slice(0, 24)}”行` : ''}第 ${u.figure} 个数`;
  const might = u.candidates.length > 1 ? `可能为 ${u.candidates.join(' 或 ')}` : u.candidates.length === 1 ? `读作 ${u.candidates[0]}，把握不足` : '未能读出';
  return `${where}：识别不确定（${might}）`;
}

export interface OcrProgress {
  page: number;
  pages: number;
}

/** Read page images into the reader's source. `onPage` is told after each page (for a progress bar). */
export async function ocrPages(inputs: OcrPageInput[], onPage?: (p: OcrProgress) => void): Promise<OcrResult> {
  const pages: OcrPage[] = [];
  for (let i = 0; i < inputs.length; i++) {
    pages.push(await readPage(inputs[i].image, inputs[i].dpi));
    onPage?.({ page: i + 1, pages: inputs.length });
  }
  return ocrFromPages(pages);
}

/** Pages already recognised → the source, with the uncertain figures placed in the report where possible. */
export function ocrFromPages(pages: OcrPage[]): OcrResult {
  const { doc, uncertain } = pagesToSource(pages);
  placeUncertain(doc, uncertain);
  const clean = uncertain.map(({ line: _l, cell: _c, ...u }) => u);
  return { doc, pages, uncertain: clean, pieces: pages.reduce((s, p) => s + p.pieces, 0) };
}

/**
 * The agency's name as the reader found it, checked against how sure the recogniser was of each of its
 * characters where it was printed: a name with a character the model also read otherwise (潭/漂) is a doubt,
 * named with the other readings.
 */
export function agencyDoubt(pages: OcrPage[], agency: string, threshold = CONFIDENCE_THRESHOLD): string | null {
  if (!agency) return null;
  const others = new Set<string>();
  for (const page of pages) {
    for (const block of page.blocks) {
      const pieces = block.kind === 'line' ? block.pieces : block.table.cells;
      for (const piece of pieces) {
        const at = piece.text.indexOf(agency);
        if (at < 0) continue;
        for (const alt of piece.alternatives) {
          if (alt.prob <= 1 - threshold || alt.text.length !== piece.text.length) continue;
          const name = alt.text.slice(at, at + agency.length);
          if (name !== agency && alt.text.slice(0, at) === piece.text.slice(0, at)) others.add(name);
        }
      }
    }
  }
  return others.size > 0 ? `报告机关名称“${agency}”识别不确定（也可能为 ${[...others].slice(0, 3).join(' 或 ')}），请核对原件` : null;
}
