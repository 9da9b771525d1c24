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
