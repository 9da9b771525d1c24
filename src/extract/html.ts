/**
 * HTML → lines of cells, through the document's structure: paragraphs become one-cell lines, each row of a
 * table becomes a line of its cells (a merged cell appears once, in its first row and column). Tables that
 * only lay out the page (they hold other tables) are walked as blocks.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { SourceDoc, SourceLine } from '../core/reader/source';

const SKIP = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'math', 'iframe', 'object']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'hr', 'address', 'figure', 'figcaption', 'center', 'form', 'fieldset',
  'caption', 'body', 'html',
]);

function isElement(n: ChildNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

function decodeText(s: string): string {
  return s.replace(/\u00a0/g, ' ');
}

/** The text of a cell: its paragraphs and line breaks joined by spaces. */
function cellText(node: ChildNode): string {
  const parts: string[] = [];
  const walk = (n: ChildNode) => {
    if (n.type === 'text') parts.push(decodeText(n.data));
    else if (isElement(n)) {
      if (SKIP.has(n.name)) return;
      if (n.name === 'br') {
        parts.push(' ');
        return;
      }
      const block = BLOCK.has(n.name);
      if (block) parts.push(' ');
      n.children.forEach(walk);
      if (block) parts.push(' ');
    }
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function hasDescendant(node: Element, name: string): boolean {
  for (const c of node.children) {
    if (!isElement(c)) continue;
    if (c.name === name || hasDescendant(c, name)) return true;
  }
  return false;
}

/** Rows of a table (skipping rows of tables nested in it). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'tr') rows.push(c);
      else if (c.name !== 'table') walk(c);
    }
  };
  walk(table);
  return rows;
}

function span(el: Element, attr: string): number {
  const v = Number.parseInt(el.attribs[attr] ?? '1', 10);
  return Number.isFinite(v) && v > 0 ? Math.min(v, 200) : 1;
}

/** One line per row, holding the row's own cells in column order (spanned positions omitted). */
function tableLines(table: Element): SourceLine[] {
  const occupied: boolean[][] = [];
  const lines: SourceLine[] = [];
  tableRows(table).forEach((tr, r) => {
    occupied[r] ??= [];
    const cells: string[] = [];
    let col = 0;
    for (const td of tr.children) {
      if (!isElement(td) || (td.name !== 'td' && td.name !== 'th')) continue;
      while (occupied[r][col]) col++;
      const rs = span(td, 'rowspan');
      const cs = span(td, 'colspan');
      for (let i = 0; i < rs; i++) {
        occupied[r + i] ??= [];
        for (let j = 0; j < cs; j++) occupied[r + i][col + j] = true;
      }
      cells.push(cellText(td));
      col += cs;
    }
    if (cells.length > 0) lines.push({ cells });
  });
  return lines;
}

export function htmlSource(html: string): SourceDoc {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const lines: SourceLine[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/[ \t]+/g, ' ').trim();
    if (t.length > 0) lines.push({ cells: [t] });
    current = '';
  };
  const walk = (n: ChildNode) => {
    if (n.type === 'text') {
      current += decodeText(n.data).replace(/[\r\n]+/g, ' ');
      return;
    }
    if (!isElement(n) || SKIP.has(n.name)) return;
    if (n.name === 'br') {
      flush();
      return;
    }
    if (n.name === 'table') {
      flush();
      if (hasDescendant(n, 'table')) n.children.forEach(walk);
      else lines.push(...tableLines(n));
      return;
    }
    if (n.name === 'tr' || n.name === 'td' || n.name === 'th') {
      // inside a layout table: cells are blocks
      flush();
      n.children.forEach(walk);
      flush();
      return;
    }
    const block = BLOCK.has(n.name);
    if (block) flush();
    n.children.forEach(walk);
    if (block) flush();
  };
  dom.children.forEach(walk);
  flush();
  return { lines, structured: true };
}
