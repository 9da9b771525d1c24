/**
 * The supervising office's workbook (.xlsx), as an evaluator hands it in: sheet "机关数据", one row per
 * agency-year with its figures (and the rank of the received applications); sheet "问题", one row per finding
 * with the reviewer's decision; sheet "整改", one row per 整改通知. Header rows frozen, filters on, A4 landscape.
 */
import ExcelJS from 'exceljs';
import { listSheet } from './workbook';
import { DECISION_LABELS, SOURCE_LABELS, type ReportSource } from '../core/supervision/labels';
import { SEVERITY_LABELS, type Severity } from '../core/report/findings';
import { describeWhere } from '../core/report/template';
import { FIGURES, type ReportFigures } from '../core/supervision/ranking';
import type { ListedFinding } from '../core/supervision/notice';

export interface WorkbookFigureRow extends ReportFigures {
  agency: string;
  year: number;
  source: string;
  errors: number;
  warnings: number;
  ranks: Partial<Record<string, { phrase: string }>>;
}

export interface WorkbookFindingRow {
  agency: string;
  year: number;
  rule: string;
  ruleLabel: string;
  severity: Severity;
  message: string;
  where: string;
  cell: string | null;
  decision: 'confirmed' | 'dismissed' | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  carriedOver: boolean;
}

export interface WorkbookRectificationRow {
  number: string;
  agency: string;
  year: number;
  issuedOn: string | null;
  dueOn: string;
  statusLabel: string;
  findings: ListedFinding[];
  fixed: number | null;
}


/** "2026-03-02T02:00:00.000Z" → "2026-03-02 10:00" (China time). */
function chinaTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export async function supervisionWorkbook(input: { figures: WorkbookFigureRow[]; findings: WorkbookFindingRow[]; rectifications: WorkbookRectificationRow[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.created = new Date(0);

  const figures = listSheet(wb, '机关数据', [
    { header: '机关', width: 30 },
    { header: '年度', width: 8 },
    { header: '来源', width: 12 },
    { header: '模板版本', width: 10 },
    ...FIGURES.map((f) => ({ header: f.label, width: Math.max(10, Math.min(18, f.label.length * 2)) })),
    { header: '新收申请排名', width: 26 },
    { header: '错误', width: 7 },
    { header: '警告', width: 7 },
  ], { wrapHeader: true });
  for (const r of input.figures) {
    const row = figures.addRow([
      r.agency,
      r.year,
      SOURCE_LABELS[r.source as ReportSource] ?? r.source,
      `${r.format}年版`,
      ...FIGURES.map((f) => r[f.key]),
      r.ranks.received?.phrase ?? null,
      r.errors,
      r.warnings,
    ]);
    FIGURES.forEach((f, i) => {
      if (f.share) row.getCell(5 + i).numFmt = '0.0%';
    });
  }

  const findings = listSheet(wb, '问题', [
    { header: '机关', width: 30 },
    { header: '年度', width: 8 },
    { header: '规则', width: 26 },
    { header: '规则说明', width: 30 },
    { header: '严重程度', width: 9 },
    { header: '问题', width: 70 },
    { header: '位置', width: 30 },
    { header: '处理意见', width: 14 },
    { header: '理由', width: 30 },
    { header: '处理人', width: 12 },
    { header: '处理时间', width: 17 },
  ], { wrapHeader: true });
  for (const f of input.findings) {
    const decision = f.decision ? `${DECISION_LABELS[f.decision]}${f.carriedOver ? '（沿用）' : ''}` : '未处理';
    const row = findings.addRow([f.agency, f.year, f.rule, f.ruleLabel, SEVERITY_LABELS[f.severity], f.message, f.cell ?? describeWhere(f.where), decision, f.reason || null, f.decidedBy, chinaTime(f.decidedAt)]);
    for (const c of [4, 6, 9]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
  }

  const follow = listSheet(wb, '整改', [
    { header: '文号', width: 30 },
    { header: '机关', width: 30 },
    { header: '报告年度', width: 9 },
    { header: '下发日期', width: 12 },
    { header: '整改期限', width: 12 },
    { header: '状态', width: 12 },
    { header: '问题数', width: 8 },
    { header: '已改正', width: 8 },
    { header: '所列问题', width: 80 },
  ], { wrapHeader: true });
  for (const r of input.rectifications) {
    const row = follow.addRow([r.number, r.agency, r.year, r.issuedOn, r.dueOn, r.statusLabel, r.findings.length, r.fixed, r.findings.map((f, i) => `${i + 1}. ${f.words}：${f.message}`).join('\n')]);
    row.getCell(9).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
