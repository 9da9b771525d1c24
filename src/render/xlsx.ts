/**
 * The annual report's tables as an Excel workbook: one sheet per table, merged cells as printed, drawn from
 * the core layout; a cover sheet with the agency and year.
 */
import ExcelJS from 'exceljs';
import type { Report } from '../core/report/model';
import { reportTables, reportTitle, type LayoutTable } from '../core/report/layout';
import { getCell } from '../core/report/model';
import { placeCells } from './grid';

const SHEET_NAMES: Record<LayoutTable['key'], string> = {
  proactive: '二、主动公开',
  applications: '三、依申请公开',
  reviewLitigation: '四、复议诉讼',
};

export async function reportXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const cover = wb.addWorksheet('报告');
  cover.addRow([reportTitle(report)]).font = { bold: true, size: 16 };
  cover.addRow(['报告机关', report.agency]);
  cover.addRow(['报告年度', report.year]);
  cover.addRow(['模板版本', report.format === '2019' ? '国办公开办函〔2019〕60号格式' : '国办公开办函〔2021〕30号格式']);
  cover.getColumn(1).width = 14;
  cover.getColumn(2).width = 40;

  const border = { style: 'thin' as const };
  for (const table of reportTables(report)) {
    const ws = wb.addWorksheet(SHEET_NAMES[table.key]);
    ws.addRow([table.heading]).font = { bold: true, size: 13 };
    const offset = 2; // data rows start on row 2
    placeCells(table.rows).forEach((cells, r) => {
      for (const { cell: c, col, rowSpan: rs, colSpan: cs } of cells) {
        const cell = ws.getCell(r + offset, col + 1);
        const v = c.path ? getCell(report, c.path) : undefined;
        cell.value = c.path ? (v ?? null) : c.text;
        cell.alignment = { vertical: 'middle', horizontal: c.align === 'left' ? 'left' : 'center', wrapText: true };
        if (c.header) cell.font = { bold: true };
        if (rs > 1 || cs > 1) ws.mergeCells(r + offset, col + 1, r + offset + rs - 1, col + cs);
        for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) ws.getCell(r + offset + i, col + 1 + j).border = { top: border, left: border, bottom: border, right: border };
      }
    });
    const total = table.widths.reduce((a, b) => a + b, 0);
    table.widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = Math.max(6, Math.round((w / total) * (table.columns > 10 ? 150 : 110)));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
