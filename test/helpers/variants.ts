/**
 * Messy variants of the fixture reports, for the reader's tests: the same data laid out the ways real
 * extraction lays it out (tabs ↔ newlines, spaced-out labels, full-width digits, blank cells, dropped or
 * split cells, tables in another order, page footers).
 */
import type { Report } from '../../src/core/report/model';
import { seededRandom } from '../../src/core/random';
import { reportTables, reportTitle, sectionHeading, type LayoutTable } from '../../src/core/report/layout';

/** Every tab becomes a line break: one cell per line. */
export function tabsToLines(text: string): string {
  return text.replace(/\t/g, '\n');
}

/**
 * One-cell-per-line text (Jinjiang) to tab-separated rows: cell lines start with a tab, rows are separated
 * by blank lines.
 */
export function linesToTabs(text: string): string {
  const out: string[] = [];
  let row: string[] = [];
  const flush = () => {
    if (row.length > 0) out.push(row.join('\t'));
    row = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) row.push(line.slice(1));
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Space out the Chinese characters of short label cells ("本 年 度 办 理 结 果"). */
export function spaceOutLabels(text: string, random = seededRandom(1)): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split('\t')
        .map((cell) => (cell.length > 0 && cell.length < 40 && /[\u4e00-\u9fff]/.test(cell) && random() < 0.6 ? [...cell].join(random() < 0.5 ? ' ' : '  ') : cell))
        .join('\t'),
    )
    .join('\n');
}

/** ASCII digits to full-width digits inside the lines from `from` to `to` (1-based, inclusive). */
export function fullWidthDigits(text: string, from = 1, to = Infinity): string {
  return text
    .split('\n')
    .map((line, i) => (i + 1 >= from && i + 1 <= to ? line.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : line))
    .join('\n');
}

/** Pad number cells with spaces and ideographic spaces ("　202", " 0 "). */
export function padNumbers(text: string): string {
  let k = 0;
  return text.replace(/(^|\t)(\d+)(?=\t|$)/gm, (_, pre: string, n: string) => `${pre}${['　', ' ', '', '  '][k++ % 4]}${n}${k % 3 === 0 ? ' ' : ''}`);
}

export function crlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/** Insert page furniture ("- 3 -") every `every` lines. */
export function pageFooters(text: string, every = 17): string {
  return text
    .split('\n')
    .flatMap((line, i) => ((i + 1) % every === 0 ? [line, '', `- ${Math.floor(i / every) + 2} -`, ''] : [line]))
    .join('\n');
}

/** The lines of one section, from its heading to the next heading (both found at line starts). */
export function sectionBounds(text: string, heading: RegExp, next: RegExp): [number, number] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => heading.test(l.trim()));
  const end = lines.findIndex((l, i) => i > start && next.test(l.trim()));
  if (start < 0 || end < 0) throw new Error(`section ${heading} not found`);
  return [start, end];
}

/** Move sections 三 and 四 (tables) before section 二. */
export function reorderTables(text: string): string {
  const lines = text.split('\n');
  const [s2] = sectionBounds(text, /^二、主动公开政府信息情况$/, /^三、/);
  const [s3] = sectionBounds(text, /^三、收到和处理政府信息公开申请情况$/, /^四、政府信息公开/);
  const [s4, s5] = sectionBounds(text, /^四、政府信息公开行政复议/, /^五、/);
  return [...lines.slice(0, s2), ...lines.slice(s4, s5), ...lines.slice(s3, s4), ...lines.slice(s2, s3), ...lines.slice(s5)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Text laid out from the report model, as a word processor's "save as text" would

export type TextStyle = 'tabs' | 'lines' | 'spaces';

function tableText(table: LayoutTable, style: TextStyle, blank: (path: string, text: string) => string): string {
  return table.rows
    .map((row) => {
      const cells = row.map((c) => (c.path ? blank(c.path, c.text) : c.text));
      if (style === 'tabs') return cells.join('\t');
      if (style === 'spaces') return cells.map((c) => (c === '' ? '-' : c)).join('  ');
      return cells.map((c) => `\t${c}`).join('\n') + '\n';
    })
    .join('\n');
}

export function layoutText(
  report: Report,
  style: TextStyle,
  options: { blank?: (path: string, text: string) => string; narrative?: string; order?: LayoutTable['key'][] } = {},
): string {
  const blank = options.blank ?? ((_, t) => t);
  const tables = new Map(reportTables(report).map((t) => [t.key, t]));
  const order = options.order ?? ['proactive', 'applications', 'reviewLitigation'];
  const parts = [reportTitle(report), '', sectionHeading('overview'), options.narrative ?? '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', ''];
  for (const key of order) {
    const t = tables.get(key)!;
    parts.push(t.heading, tableText(t, style, blank), '');
  }
  parts.push(sectionHeading('problems'), '无。', sectionHeading('other'), '无。');
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Layout families: a fixture's lines of cells (as extraction gives them, whatever the file was) printed the
// ways real texts print a report. Each keeps every figure and every row label; what each family loses is
// what such texts lose.

/** A cell that holds a figure (or stands for an empty one). */
const FIGURE = /^[+-]?[\d,，]+(?:\.\d+)?(?:万元|元|件|条|%)?$|^[—–\-－/]$/;
const isFigure = (c: string) => FIGURE.test(c.trim());

/** A header row: words only, no figure and no empty cell (an empty cell may be a row of blanks). */
function isHeaderRow(cells: string[]): boolean {
  return cells.length > 1 && cells.every((c) => c.trim() !== '' && !isFigure(c));
}

/** A section heading of the report ("二、主动公开政府信息情况"). */
const HEADING = /^[一二三四五六七八九十]、\S{2,30}$/;

/**
 * What a PDF-to-Markdown converter makes of a report: tables cut into small Markdown tables, each under an
 * invented header ("| 数据1 | 数据2 | … |"), the real header rows lost, a stub table standing in for them, row
 * labels rewritten with spaces ("1. 属于国家秘密", "(一) 予以公开"), headings as "##", stray "<br>", and OCR
 * misreadings in labels and figures (一 ↔ —, 0 ↔ O).
 */
export function toMarkdown(rows: string[][], random = seededRandom(7)): string {
  const out: string[] = [];
  let chunk: string[][] = [];
  let inTable = false;
  const relabel = (c: string): string => {
    let t = c.trim();
    if (isFigure(t)) return t === '0' && random() < 0.15 ? 'O' : t;
    t = t.replace(/^(\d)[.．、]\s*/, '$1. ').replace(/^（([一二三四五六七八])）/, '($1) ');
    if (/^一、/.test(t) && random() < 0.5) t = t.replace(/^一、/, '—、');
    if (t.length > 18 && random() < 0.3) t = `${t.slice(0, 12)}<br>${t.slice(12)}`;
    return t;
  };
  const invented = (n: number) => [`| ${Array.from({ length: n }, (_, i) => `数据${i + 1}`).join(' | ')} |`, `|${'---|'.repeat(n)}`];
  const flush = () => {
    if (chunk.length === 0) return;
    const width = Math.max(...chunk.map((r) => r.length));
    out.push(...invented(width));
    for (const r of chunk) out.push(`| ${r.map(relabel).join(' | ')} |`);
    out.push('');
    chunk = [];
  };
  for (const cells of rows) {
    if (cells.length === 1) {
      flush();
      inTable = false;
      const t = cells[0].trim();
      if (HEADING.test(t)) out.push(`## ${t}`);
      else out.push(t.length > 0 && random() < 0.1 ? `${t}<br>` : t);
      continue;
    }
    if (isHeaderRow(cells)) {
      // the header is lost; the first time, a stub table stands in for it
      flush();
      if (!inTable) out.push(...invented(cells.length), '');
      inTable = true;
      continue;
    }
    inTable = true;
    chunk.push(cells);
    if (chunk.length >= 1 + Math.floor(random() * 5)) flush();
  }
  flush();
  return out.join('\n');
}

/**
 * Text from a crawled page, tables printed with pipes: one cell per line ("规章 |", "0 |"), an empty cell a
 * line of "|", rows parted by filler ("|||"); or a whole row per line ("规章 | 0 | 0 | 0 |").
 */
export function toPipes(rows: string[][], mode: 'cell' | 'row'): string {
  const out: string[] = [];
  for (const cells of rows) {
    if (cells.length === 1) {
      out.push(cells[0]);
      continue;
    }
    if (cells.every((c) => c.trim() === '')) {
      out.push('|');
      continue;
    }
    if (mode === 'row') out.push(`${cells.map((c) => c.trim()).join(' | ')} |`);
    else {
      for (const c of cells) out.push(c.trim() === '' ? '|' : `${c.trim()} |`);
      out.push('|||');
    }
  }
  return out.join('\n');
}

/** Running headers and footers a PDF's pages leave in its text. */
const FURNITURE = [(n: number) => `Page ${n} - 2020年报_审计局`, (n: number) => `P. ${n}`, (n: number) => `— ${n} —`, (n: number) => `- ${n} -`];

/**
 * Text a PDF's text layer gives, page by page: paragraphs wrapped at a line width, header rows set
 * vertically (one character of each header cell per line: "结 结 其 尚" / "果 果 他 未"), a row's figures on
 * one line separated by spaces (a blank cell leaves a wide gap, a tab), long labels wrapped before their
 * figures, and page furniture every `pageLines` lines, in the middle of the tables too.
 */
export function toPdfText(rows: string[][], pageLines = 37): string {
  const lines: string[] = [];
  const wrap = (t: string, width: number) => {
    const chars = [...t];
    for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
    if (chars.length === 0) lines.push('');
  };
  for (const cells of rows) {
    if (cells.length === 1) {
      wrap(cells[0].trim(), 38);
      continue;
    }
    if (isHeaderRow(cells)) {
      if (cells.length < 3) {
        lines.push(cells.join(' '));
        continue;
      }
      const cols = cells.map((c) => [...c.replace(/\s+/g, '')]);
      const height = Math.max(...cols.map((c) => c.length));
      for (let k = 0; k < height; k++) lines.push(cols.map((c) => c[k] ?? '　').join(' '));
      continue;
    }
    const firstValue = cells.findIndex((c, i) => i > 0 && (isFigure(c) || c.trim() === ''));
    const labels = (firstValue < 0 ? cells : cells.slice(0, firstValue)).map((c) => c.trim()).filter(Boolean).join(' ');
    const values = firstValue < 0 ? [] : cells.slice(firstValue).map((c) => c.trim());
    let figures = '';
    values.forEach((v, i) => {
      if (i > 0) figures += v === '' || values[i - 1] === '' ? '\t' : ' ';
      figures += v;
    });
    const label = [...labels];
    if (label.length > 16) {
      lines.push(label.slice(0, 16).join(''));
      lines.push(`${label.slice(16).join('')} ${figures}`);
    } else lines.push(`${labels} ${figures}`.trim());
  }
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(l);
    if ((i + 1) % pageLines === 0) {
      const n = (i + 1) / pageLines;
      out.push('', FURNITURE[n % FURNITURE.length](n + 1), '');
    }
  });
  return out.join('\n');
}

/** Lines of cells as a word processor saves them as text: cells parted by tabs. */
export function toTabs(rows: string[][]): string {
  return rows.map((cells) => cells.join('\t')).join('\n');
}

/** The text cut off at `share` of its length, at the end of the line where the share falls. */
export function cutAt(text: string, share: number): string {
  const at = text.indexOf('\n', Math.floor(text.length * share));
  return at < 0 ? text : text.slice(0, at);
}

/**
 * The model laid out with tabs (as `layoutText` does) and cut after the line where `share` of the text falls:
 * the text, and the paths of the cells printed before the cut (whole rows: each table row is one line).
 */
export function cutLayout(report: Report, share: number): { text: string; printed: Set<string> } {
  const tables = reportTables(report);
  const lines: { text: string; paths: string[] }[] = [];
  const plain = (text: string) => lines.push({ text, paths: [] });
  plain(reportTitle(report));
  plain('');
  plain(sectionHeading('overview'));
  plain('本机关认真贯彻落实《中华人民共和国政府信息公开条例》。');
  plain('');
  for (const t of tables) {
    plain(t.heading);
    for (const row of t.rows) lines.push({ text: row.map((c) => c.text).join('\t'), paths: row.flatMap((c) => (c.path ? [c.path] : [])) });
    plain('');
  }
  plain(sectionHeading('problems'));
  plain('无。');
  plain(sectionHeading('other'));
  plain('无。');
  const full = lines.map((l) => l.text).join('\n');
  const limit = Math.floor(full.length * share);
  const kept: typeof lines = [];
  let at = 0;
  for (const l of lines) {
    kept.push(l);
    at += l.text.length + 1;
    if (at > limit) break;
  }
  return { text: kept.map((l) => l.text).join('\n'), printed: new Set(kept.flatMap((l) => l.paths)) };
}

/**
 * A source's lines of cells as the families print them. In plain text a leading tab is indentation, not an
 * empty cell (as the reader takes it), so it is dropped; a line of nothing but tabs stays an empty cell.
 */
export function sourceRows(doc: { lines: { cells: string[] }[]; structured: boolean }): string[][] {
  return doc.lines.map(({ cells }) => {
    if (doc.structured) return cells;
    const first = cells.findIndex((c) => c.trim() !== '');
    return first < 0 ? (cells.length > 1 ? ['', ''] : ['']) : cells.slice(first);
  });
}
