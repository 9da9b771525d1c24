/**
 * What the reader reads: lines of cells.
 *
 * - Plain text (and text extracted from PDF): one line per text line, cells split on tabs. Cell boundaries
 *   are a hint only: extraction drops cells, and a leading tab is often indentation.
 * - HTML and .docx: paragraphs are one-cell lines; each table row is a line of its cells, as the document's
 *   table structure gives them (merged cells appear once). Here an empty cell is a real empty cell.
 */
export interface SourceLine {
  cells: string[];
}

export interface SourceDoc {
  lines: SourceLine[];
  /** true when cells come from a document's table structure (HTML, .docx) */
  structured: boolean;
}

/** Page furniture that extraction leaves in the text: "- 4 -", "— 4 —", "第 4 页 共 9 页", "4 / 9". */
const PAGE_FOOTER = /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|Page\s+\d+(?:\s+of\s+\d+)?)\s*$/i;

export function isPageFooter(line: string): boolean {
  return PAGE_FOOTER.test(line);
}

/** Plain text to a source: lines split on tabs; page footers become empty lines (line numbers are kept). */
export function textSource(text: string): SourceDoc {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => ({ cells: isPageFooter(line) ? [''] : line.split('\t') }));
  return { lines, structured: false };
}

export function lineText(line: SourceLine): string {
  return line.cells.join('\t');
}
