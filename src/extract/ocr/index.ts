/**
 * Scanned reports: page images → the reader's source, offline.
 *
 * Each page is read by `readPage` (upright, deskewed, tables cut cell by cell). Tables become lines of cells as a
 * document's table gives them (a cell spanning rows appears once, in its first row; a blank cell is a real
 * blank), the text around them one line per printed line. A figure the recogniser is not sure of is never
 * passed on as read: its cell becomes a lost cell with the figures it might be (source.ts LOST_CELL), which the
 * reader restores only where the totals force one of them (a restoration warning) and otherwise reports as
 * unreadable; a finding names it with what it might be.
 */
import { readReport } from '../../core/reader/read';
import { isPageFooter, lostCell, type SourceDoc, type SourceLine } from '../../core/reader/source';
import { describeCell } from '../../core/report/template';
import type { Grey } from './image';
import { readPage, type OcrCellRead, type OcrPage } from './page';

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
          const candidates = [...new Set([text, ...rivals.map((a) => a.text.trim())])].filter((t) => t !== '');
          uncertain.push({ page: p + 1, rowLabel: label, figure, read: text, candidates, confidence: c.confidence, line: lines.length, cell: k });
          // passed on as a lost cell with the figures it might be (source.ts LOST_CELL): the reader restores it
          // only where the totals force one of them
          return lostCell(candidates.filter((t) => FIGURE.test(t) && !t.includes(' ')));
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

/**
 * Pages read two at a time. A page's layout (deskew, rules, cells) runs on this thread and its recognition on
 * onnxruntime's own thread, so while one page is being recognised the next is laid out: a one-file scan uses
 * two cores. `add` waits while two pages are in hand (so at most two page images are held); `onPage` is told
 * each time one more page is done.
 */
export class PageReader {
  private readonly pages: OcrPage[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly onPage?: (p: OcrProgress) => void,
    private readonly overlap = 2,
  ) {}

  async add(index: number, image: Grey, dpi: number): Promise<void> {
    const job: Promise<void> = readPage(image, dpi).then((page) => {
      this.pages[index] = page;
      this.inFlight.delete(job);
      this.onPage?.({ page: ++this.done, pages: this.total });
    });
    // a page that fails is answered by `add`'s or `finish`'s wait; until then it is not an unhandled rejection
    job.catch(() => undefined);
    this.inFlight.add(job);
    while (this.inFlight.size >= this.overlap) await Promise.race(this.inFlight);
  }

  /** Every page added, in its order, once all are read (a page that failed rejects). */
  async finish(): Promise<OcrPage[]> {
    await Promise.all(this.inFlight);
    return this.pages;
  }
}

/** Read page images into the reader's source. `onPage` is told after each page (for a progress bar). */
export async function ocrPages(inputs: OcrPageInput[], onPage?: (p: OcrProgress) => void): Promise<OcrResult> {
  const reader = new PageReader(inputs.length, onPage);
  for (let i = 0; i < inputs.length; i++) await reader.add(i, inputs[i].image, inputs[i].dpi);
  return ocrFromPages(await reader.finish());
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
