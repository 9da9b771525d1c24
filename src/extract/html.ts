/**
 * HTML → lines of cells, through the document's structure: paragraphs become one-cell lines, each row of a
 * table becomes a line of its cells (a merged cell appears once, in its first row and column). Tables that
 * only lay out the page (they hold other tables) are walked as blocks.
 *
 * The input is untrusted (any agency's web page, or a .docx through mammoth), so every walk over the tree is
 * iterative (an explicit stack, never the call stack), parsing stops at MAX_DEPTH nested elements (htmlparser2
 * spends time quadratic in the depth: 100,000 nested <div> took 8 s), and the table grid is bounded: a span is
 * at most MAX_SPAN, a table at most MAX_COLUMNS wide, a document at most MAX_CELLS cells and MAX_GRID_STEPS
 * grid positions visited. What a limit cuts off is said in a warning, never silently.
 */
import { DomHandler, Parser } from 'htmlparser2';
import type { ChildNode, Document, Element, ParentNode } from 'domhandler';
import type { SourceDoc, SourceLine } from '../core/reader/source';

const SKIP = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'math', 'iframe', 'object']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'hr', 'address', 'figure', 'figcaption', 'center', 'form', 'fieldset',
  'caption', 'body', 'html',
]);

/** Elements open at once; a real page nests a few dozen deep. Parsing stops at the first element deeper. */
export const MAX_DEPTH = 500;
/** rowspan/colspan above this are read as this (HTML itself caps colspan at 1000, rowspan at 65534). */
export const MAX_SPAN = 200;
/** Columns of one table; a report's widest table has about 30. */
export const MAX_COLUMNS = 1000;
/** Table cells read in one document; a report has under 1,000. */
export const MAX_CELLS = 100_000;
/** Grid positions visited while placing cells (spans and skipped merged positions), in one document. */
export const MAX_GRID_STEPS = 2_000_000;

/** A limit that cut something off, as a warning for the findings. */
export interface HtmlWarning {
  rule: 'read.limit';
  message: string;
}

export interface HtmlRead {
  doc: SourceDoc;
  warnings: HtmlWarning[];
}

function isElement(n: ChildNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

function decodeText(s: string): string {
  return s.replace(/\u00a0/g, ' ');
}

/** Push a node's children onto a stack so that they pop in document order. */
function pushChildren<T>(stack: T[], node: ParentNode, wrap: (c: ChildNode) => T): void {
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(wrap(node.children[i]));
}

/** The text of a cell: its paragraphs and line breaks joined by spaces. */
function cellText(node: ChildNode): string {
  const parts: string[] = [];
  // a string on the stack is text to emit (the space after a block), a node is a node to walk
  const stack: (ChildNode | string)[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      parts.push(n);
      continue;
    }
    if (n.type === 'text') parts.push(decodeText(n.data));
    else if (isElement(n)) {
      if (SKIP.has(n.name)) continue;
      if (n.name === 'br') {
        parts.push(' ');
        continue;
      }
      const block = BLOCK.has(n.name);
      if (block) {
        parts.push(' ');
        stack.push(' ');
      }
      pushChildren(stack, n, (c) => c);
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Every element that has a <table> among its descendants (one pass over the tree, no recursion). */
function elementsHoldingTables(root: ParentNode): Set<Element> {
  const holding = new Set<Element>();
  const stack: ChildNode[] = [];
  pushChildren(stack, root, (c) => c);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === 'table') {
      for (let p = n.parent; p && p.type !== 'root' && !holding.has(p as Element); p = p.parent) holding.add(p as Element);
    }
    pushChildren(stack, n, (c) => c);
  }
  return holding;
}

/** Rows of a table (skipping rows of tables nested in it). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const stack: ChildNode[] = [];
  pushChildren(stack, table, (c) => c);
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (!isElement(c)) continue;
    if (c.name === 'tr') rows.push(c);
    else if (c.name !== 'table') pushChildren(stack, c, (x) => x);
  }
  return rows;
}

/** Placing table cells on their grid, within the document's limits. */
class Grid {
  cells = 0;
  steps = 0;
  spanClamped = false;
  widthCut = false;
  budgetCut = false;

  span(el: Element, attr: string): number {
    const v = Number.parseInt(el.attribs[attr] ?? '1', 10);
    if (!Number.isFinite(v) || v <= 0) return 1;
    if (v > MAX_SPAN) {
      this.spanClamped = true;
      return MAX_SPAN;
    }
    return v;
  }

  /**
   * One line per row, holding the row's own cells in column order (spanned positions omitted).
   * `freeFrom[c]` is the first row at which column c is no longer covered by a cell above: every cell placed
   * so far starts at or before the current row, so column c is taken in row r exactly when freeFrom[c] > r.
   */
  tableLines(table: Element): SourceLine[] {
    const freeFrom: number[] = [];
    const lines: SourceLine[] = [];
    const rows = tableRows(table);
    for (let r = 0; r < rows.length && !this.budgetCut; r++) {
      const cells: string[] = [];
      let col = 0;
      for (const td of rows[r].children) {
        if (!isElement(td) || (td.name !== 'td' && td.name !== 'th')) continue;
        if (this.cells >= MAX_CELLS || this.steps >= MAX_GRID_STEPS) {
          this.budgetCut = true;
          break;
        }
        while (col < MAX_COLUMNS && (freeFrom[col] ?? 0) > r) {
          col++;
          this.steps++;
        }
        const rs = this.span(td, 'rowspan');
        const cs = this.span(td, 'colspan');
        if (col + cs > MAX_COLUMNS) {
          this.widthCut = true;
          col = MAX_COLUMNS;
          continue;
        }
        for (let j = 0; j < cs; j++) freeFrom[col + j] = Math.max(freeFrom[col + j] ?? 0, r + rs);
        this.steps += cs;
        this.cells++;
        cells.push(cellText(td));
        col += cs;
      }
      if (cells.length > 0) lines.push({ cells });
    }
    return lines;
  }

  warnings(): HtmlWarning[] {
    const w: HtmlWarning[] = [];
    if (this.spanClamped) w.push({ rule: 'read.limit', message: `表格中有跨越超过 ${MAX_SPAN} 行或列的合并单元格，已按 ${MAX_SPAN} 读取` });
    if (this.widthCut) w.push({ rule: 'read.limit', message: `表格超过 ${MAX_COLUMNS} 列，超出部分的单元格未读取` });
    if (this.budgetCut) {
      w.push({ rule: 'read.limit', message: `文件中的表格过大（超过 ${MAX_CELLS.toLocaleString('en-US')} 个单元格或 ${MAX_GRID_STEPS.toLocaleString('en-US')} 个网格位置），其余单元格未读取` });
    }
    return w;
  }
}

/** htmlparser2's DOM builder that pauses the parser when elements nest deeper than MAX_DEPTH. */
class BoundedDomHandler extends DomHandler {
  depth = 0;
  tooDeep = false;
  private htmlParser: Parser | null = null;

  override onparserinit(parser: Parser): void {
    super.onparserinit(parser);
    this.htmlParser = parser;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    if (++this.depth > MAX_DEPTH && !this.tooDeep) {
      this.tooDeep = true;
      this.htmlParser?.pause();
    }
  }

  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

/** parseDocument, bounded in depth; the tree holds what came before the cut. */
function parseBounded(html: string): { dom: Document; tooDeep: boolean } {
  const handler = new BoundedDomHandler();
  new Parser(handler, { decodeEntities: true, lowerCaseTags: true }).end(html);
  return { dom: handler.root, tooDeep: handler.tooDeep };
}

/** HTML → the reader's source, with warnings for what the limits cut off. */
export function readHtml(html: string): HtmlRead {
  const { dom, tooDeep } = parseBounded(html);
  const holdsTable = elementsHoldingTables(dom);
  const grid = new Grid();
  const lines: SourceLine[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/[ \t]+/g, ' ').trim();
    if (t.length > 0) lines.push({ cells: [t] });
    current = '';
  };
  // null on the stack: flush the current line (after a block's children)
  const stack: (ChildNode | null)[] = [];
  pushChildren(stack, dom, (c) => c);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === null) {
      flush();
      continue;
    }
    if (n.type === 'text') {
      current += decodeText(n.data).replace(/[\r\n]+/g, ' ');
      continue;
    }
    if (!isElement(n) || SKIP.has(n.name)) continue;
    if (n.name === 'br') {
      flush();
      continue;
    }
    if (n.name === 'table') {
      flush();
      if (holdsTable.has(n)) pushChildren(stack, n, (c) => c);
      else for (const line of grid.tableLines(n)) lines.push(line);
      continue;
    }
    // inside a layout table, cells are blocks
    const block = BLOCK.has(n.name) || n.name === 'tr' || n.name === 'td' || n.name === 'th';
    if (block) {
      flush();
      stack.push(null);
    }
    pushChildren(stack, n, (c) => c);
  }
  flush();
  const warnings = grid.warnings();
  if (tooDeep) warnings.unshift({ rule: 'read.limit', message: `网页的元素嵌套超过 ${MAX_DEPTH} 层，其后的内容未读取` });
  return { doc: { lines, structured: true }, warnings };
}

export function htmlSource(html: string): SourceDoc {
  return readHtml(html).doc;
}
