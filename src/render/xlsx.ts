/**
 * The annual report as an Excel workbook: a cover sheet with the agency and year; the report's text (正文,
 * when the sections are given) with the tables' places marked; one sheet per table, merged cells as printed,
 * drawn from the core layout.
 *
 * Made to be printed: every sheet fits one A4 page wide (fit to width, as many pages down as it takes), the
 * heading and the tables' header rows repeat on each page, and text wraps in its cell with the row made tall
 * enough for it (Excel and LibreOffice do not grow a row for wrapped text in merged cells, nor for a file
 * they did not lay out themselves, so the heights are set here from the text's width).
 */
import type * as ExcelJS from 'exceljs';
import type { Report } from '../core/report/model';
import { reportTables, reportTitle, sectionHeading, type LayoutTable, type ReportSections } from '../core/report/layout';
import { getCell } from '../core/report/model';
import { SECTIONS } from '../core/report/template';
import { placeCells } from './grid';

const SHEET_NAMES: Record<LayoutTable['key'], string> = {
  proactive: '二、主动公开',
  applications: '三、依申请公开',
  reviewLitigation: '四、复议诉讼',
};
const TEXT_SHEET = '正文';

/** A4 (the paperSize code of the Office Open XML page setup) */
export const A4 = 9;
/** points per line of 11-point text, and the cell's padding above and below */
const LINE_PT = 15;
const PAD_PT = 4;
const DEFAULT_ROW_PT = 15;

/** Width of text in Excel's column units (the width of "0"): a full-width (CJK) character takes about two. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe6f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return units;
}

/** Lines the text takes wrapped in a cell `width` units wide (its own line breaks kept; a unit for padding). */
export function wrappedLines(text: string, width: number, scale = 1): number {
  const usable = Math.max(1, width - 1);
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil((textUnits(line) * scale) / usable)), 0);
}

/** Points a cell needs for its text: lines × line height + padding. `scale` for larger type (1.2 for 13 pt). */
const neededPt = (text: string, width: number, scale = 1) => wrappedLines(text, width, scale) * LINE_PT * scale + PAD_PT;

/**
 * Fit one page wide, A4, as many pages down as needed, with `titleRows` (e.g. '1:4') repeated at the top of
 * each page.
 */
function printSetup(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape', titleRows?: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
}

/** Set the rows' heights so that each cell's wrapped text fits; a merged cell shares its need over its rows. */
function fitRowHeights(ws: ExcelJS.Worksheet, cells: { row: number; col: number; rows: number; cols: number; text: string; scale?: number }[]): void {
  const heights = new Map<number, number>();
  const height = (r: number) => heights.get(r) ?? DEFAULT_ROW_PT;
  const width = (col: number, cols: number) => {
    let w = 0;
    for (let c = col; c < col + cols; c++) w += ws.getColumn(c).width ?? 9;
    return w;
  };
  // single rows first, then merged cells take what they still lack from the rows they span
  const sorted = [...cells].sort((a, b) => a.rows - b.rows);
  for (const c of sorted) {
    if (c.text.trim() === '') continue;
    const need = neededPt(c.text, width(c.col, c.cols), c.scale);
    let have = 0;
    for (let r = c.row; r < c.row + c.rows; r++) have += height(r);
    if (have >= need) continue;
    const add = (need - have) / c.rows;
    for (let r = c.row; r < c.row + c.rows; r++) heights.set(r, height(r) + add);
  }
  for (const [r, h] of heights) ws.getRow(r).height = Math.ceil(h);
}

/** The report's text, section by section (一 to 六), each table's place pointing to its sheet. */
function textSheet(wb: ExcelJS.Workbook, report: Report, sections: ReportSections, tables: LayoutTable[]): void {
  const ws = wb.addWorksheet(TEXT_SHEET);
  ws.getColumn(1).width = 80;
  const cells: Parameters<typeof fitRowHeights>[1] = [];
  const add = (text: string, style: { bold?: boolean; size?: number; center?: boolean; indent?: boolean } = {}) => {
    const row = ws.addRow([style.indent ? `　　${text}` : text]);
    const cell = row.getCell(1);
    cell.alignment = { vertical: 'top', horizontal: style.center ? 'center' : 'left', wrapText: true };
    if (style.bold || style.size) cell.font = { bold: style.bold, size: style.size };
    cells.push({ row: row.number, col: 1, rows: 1, cols: 1, text: String(cell.value), scale: (style.size ?? 11) / 11 });
  };
  add(reportTitle(report), { bold: true, size: 14, center: true });
  for (const s of SECTIONS) {
    add(sectionHeading(s.key), { bold: true });
    const table = tables.find((t) => t.key === s.key);
    if (table) {
      add(`（见“${SHEET_NAMES[table.key]}”工作表）`, { indent: true });
      continue;
    }
    const text = sections[s.key as keyof ReportSections] ?? '';
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
    if (lines.length === 0) add('（未填写）', { indent: true });
    for (const line of lines) add(line, { indent: true });
  }
  fitRowHeights(ws, cells);
  printSetup(ws, 'portrait', '1:1');
}

export async function reportXlsx(report: Report, sections?: ReportSections): Promise<Buffer> {
  // loaded on first use: exceljs is a large part of a server's start
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Gongkai';
  const cover = wb.addWorksheet('报告');
  cover.addRow([reportTitle(report)]).font = { bold: true, size: 16 };
  cover.addRow(['报告机关', report.agency]);
  cover.addRow(['报告年度', report.year]);
  cover.addRow(['模板版本', report.format === '2019' ? '国办公开办函〔2019〕60号格式' : '国办公开办函〔2021〕30号格式']);
  cover.getColumn(1).width = 14;
  cover.getColumn(2).width = 40;
  printSetup(cover, 'portrait');

  const tables = reportTables(report);
  if (sections) textSheet(wb, report, sections, tables);

  const border = { style: 'thin' as const };
  for (const table of tables) {
    const ws = wb.addWorksheet(SHEET_NAMES[table.key]);
    const total = table.widths.reduce((a, b) => a + b, 0);
    table.widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = Math.max(6, Math.round((w / total) * (table.columns > 10 ? 150 : 110)));
    });
    ws.addRow([table.heading]).font = { bold: true, size: 13 };
    const offset = 2; // data rows start on row 2
    const placed: Parameters<typeof fitRowHeights>[1] = [];
    placeCells(table.rows).forEach((cells, r) => {
      for (const { cell: c, col, rowSpan: rs, colSpan: cs } of cells) {
        const cell = ws.getCell(r + offset, col + 1);
        const v = c.path ? getCell(report, c.path) : undefined;
        cell.value = c.path ? (v ?? null) : c.text;
        cell.alignment = { vertical: 'middle', horizontal: c.align === 'left' ? 'left' : 'center', wrapText: true };
        if (c.header) cell.font = { bold: true };
        if (rs > 1 || cs > 1) ws.mergeCells(r + offset, col + 1, r + offset + rs - 1, col + cs);
        for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) ws.getCell(r + offset + i, col + 1 + j).border = { top: border, left: border, bottom: border, right: border };
        placed.push({ row: r + offset, col: col + 1, rows: rs, cols: cs, text: c.path ? String(v ?? '') : c.text });
      }
    });
    fitRowHeights(ws, placed);
    // the heading row, and the table's own header rows, on every page
    printSetup(ws, table.columns > 10 ? 'landscape' : 'portrait', `1:${1 + table.headerRows}`);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
