/**
 * What the reader reads: lines of cells.
 *
 * - Plain text (and text extracted from PDF): one line per text line, cells split on tabs. Cell boundaries
 *   are a hint only: extraction drops cells, and a leading tab is often indentation.
 * - HTML and .docx: paragraphs are one-cell lines; each table row is a line of its cells, as the document's
 *   table structure gives them (merged cells appear once). Here an empty cell is a real empty cell.
 */
/**
 * A cell whose figure extraction could not read for sure (OCR): U+FFFD, optionally followed by the figures it
 * might be, separated by "|" ("\uFFFD8|3"). The reader never takes it as a value: it restores the cell only
 * where the table's relations force one value, and only a value among the candidates when there are any.
 */
export const LOST_CELL = '\uFFFD';

/** The marker for a lost cell with these candidate figures. */
export function lostCell(candidates: readonly string[] = []): string {
  return LOST_CELL + candidates.join('|');
}

export interface SourceLine {
  cells: string[];
}

export interface SourceDoc {
  lines: SourceLine[];
  /** true when cells come from a document's table structure (HTML, .docx) */
  structured: boolean;
}

/**
 * Page furniture that extraction leaves in the text: "- 4 -", "— 4 —", "第 4 页 共 9 页", "4 / 9", "P. 9",
 * "Page 9", "Page 9 - 2020年报_审计局" (a running header naming the file).
 */
const PAGE_FOOTER =
  /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|Page\s+\d+(?:\s+of\s+\d+)?(?:\s+[-—–]\s+\S.{0,60})?|P\.\s*\d{1,4})\s*$/i;

export function isPageFooter(line: string): boolean {
  return PAGE_FOOTER.test(line);
}

/** A Markdown table's delimiter row ("|---|:---:|"). */
const MD_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** `line.split('\t')`, by hand (V8's split is several times slower on the short lines of a report). */
function splitTabs(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let k = line.indexOf('\t'); k >= 0; k = line.indexOf('\t', from)) {
    out.push(line.slice(from, k));
    from = k + 1;
  }
  out.push(from === 0 ? line : line.slice(from));
  return out;
}

/**
 * The cells of one line of plain text. Tabs separate cells. A line with pipes is a row of pipe-separated cells,
 * as Markdown converters and crawlers print tables: "| 规章 | 0 | 0 | 0 |", "规章 | 0 | 0 | 0 |", "0 |" (one
 * cell per line); a line holding a single "|" is one empty cell, and runs of pipes alone ("|||") are filler.
 * Markdown headings lose their "#", and "<br>" inside a cell is a space.
 */
export function lineCells(raw: string): string[] {
  if (isPageFooter(raw)) return [''];
  let line = raw.indexOf('<') >= 0 ? raw.replace(/<br\s*\/?>/gi, ' ') : raw;
  if (line.charCodeAt(0) === 35 /* # */) line = line.replace(/^#{1,6}\s+/, '');
  if (line.indexOf('|') < 0) return splitTabs(line);
  if (MD_DELIMITER.test(line)) return [''];
  const trimmed = line.trim();
  if (/^\|+$/.test(trimmed)) return trimmed.length === 1 ? ['', ''] : [''];
  const parts = trimmed.split('|');
  if (parts[0].trim() === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1].trim() === '') parts.pop();
  // a row of empty cells ("|  |  |") keeps them; cells are also split on tabs
  if (parts.length === 0) return ['', ''];
  return parts.flatMap((p) => p.split('\t')).map((p) => p.trim());
}

/** Plain text to a source: lines split into cells; page footers become empty lines (line numbers are kept). */
export function textSource(text: string): SourceDoc {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = (body.indexOf('\r') < 0 ? body.split('\n') : body.split(/\r\n|\r|\n/)).map((line) => ({ cells: lineCells(line) }));
  return { lines, structured: false };
}

export function lineText(line: SourceLine): string {
  return line.cells.length === 1 ? line.cells[0] : line.cells.join('\t');
}
