/**
 * The audit workbook (.xlsx) of a batch of checked reports, as an evaluator hands it in: sheet "报告", one row
 * per file (file, agency, year, format, errors, warnings), and sheet "问题", one row per finding (file, rule,
 * severity, message, where). Header rows frozen, columns sized, A4 landscape fitted to the page width.
 */
import ExcelJS from 'exceljs';
import { countBySeverity, RULES, SEVERITY_LABELS, type Finding } from '../core/report/findings';
import type { Report } from '../core/report/model';

export interface WorkbookItem {
  file: string;
  report: Pick<Report, 'agency' | 'year' | 'format'> | null;
  findings: Finding[];
}

const FORMAT_LABELS: Record<Report['format'], string> = { '2019': '2019年版', '2021': '2021年版' };

/**
 * A sheet of one row per item under a header row: the header frozen, bold and filtered, printed on A4 landscape
 * one page wide with the header repeated. `wrapHeader` for long column names.
 */
export function listSheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[], options: { wrapHeader?: boolean } = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', horizontal: 'center', ...(options.wrapHeader ? { wrapText: true } : {}) };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** Column width (in characters) that fits the longest value, CJK counted twice, within bounds. */
function fit(values: string[], min: number, max: number): number {
  const w = values.reduce((m, v) => Math.max(m, [...v].reduce((s, ch) => s + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0)), 0);
  return Math.max(min, Math.min(max, w + 2));
}

export async function checkWorkbook(items: WorkbookItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.created = new Date(0);

  const reports = listSheet(wb, '报告', [
    { header: '文件', width: fit(items.map((i) => i.file), 12, 80) },
    { header: '机关', width: fit(items.map((i) => i.report?.agency ?? ''), 10, 40) },
    { header: '年度', width: 8 },
    { header: '模板版本', width: 11 },
    { header: '错误', width: 7 },
    { header: '警告', width: 7 },
  ]);
  for (const item of items) {
    const n = countBySeverity(item.findings);
    reports.addRow([item.file, item.report?.agency || '（无法读取）', item.report?.year || null, item.report ? FORMAT_LABELS[item.report.format] : null, n.error, n.warning]);
  }

  const findings = items.flatMap((i) => i.findings.map((f) => ({ file: i.file, f })));
  const problems = listSheet(wb, '问题', [
    { header: '文件', width: fit(findings.map((x) => x.file), 12, 60) },
    { header: '规则', width: fit(findings.map((x) => x.f.rule), 10, 34) },
    { header: '规则说明', width: 30 },
    { header: '严重程度', width: 9 },
    { header: '问题', width: 70 },
    { header: '位置', width: fit(findings.map((x) => x.f.where), 10, 44) },
  ]);
  for (const { file, f } of findings) {
    const row = problems.addRow([file, f.rule, RULES[f.rule] ?? '', SEVERITY_LABELS[f.severity], f.message, f.where]);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
