/**
 * The report engine: the tables of an agency's annual report computed from its records.
 *
 * Each record says which cells it counts in (the `classify…` functions: one definition of the counting rules
 * of domain.md §2–5). Summing gives the report; filtering gives the records behind any cell (drill-down), so
 * the two can never disagree. Totals (总计 column, (七)总计 row, table 四 总计) are sums of the cells they total.
 *
 * Counting rules:
 *  - 一、新收: received in the year; 二、上年结转: received before it and not replied before it;
 *    三、办理结果: replied in the year, in the one row of its decision (区分处理 only as 部分公开);
 *    四、结转下年度: received by the year's end and not replied by then. Columns: the applicant type.
 *  - table 二: documents of Art. 20 (一) by issue, repeal and publication dates; decisions by their date; fees by
 *    the day collected (万元); for the 2019 format, items (事项) in force and their change, procurement projects.
 *  - table 四: cases filed in the year, by kind, with their outcome as of the year's end (尚未审结 until decided).
 */
import { decisionByKey } from '../applications/decisions';
import type { IsoDate } from '../clock/calendar';
import type { DocKind, MatterKind } from '../registry/categories';
import { blankReportOf } from './blank';
import { formatForYear, getCell, otherFormFor, otherFormOf, setCell, type Format, type Report } from './model';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, TOTAL_COLUMN, appCellPath, appRows, reviewCellPath } from './template';

export interface AppRecord {
  id: string;
  applicantType: string;
  receivedOn: IsoDate;
  repliedOn: IsoDate | null;
  /** the reply's decision (src/core/applications/decisions.ts) */
  decision: string | null;
}
export interface DocRecord {
  id: string;
  docKind: DocKind;
  issuedOn: IsoDate | null;
  repealedOn: IsoDate | null;
  publishedOn: IsoDate | null;
}
export interface DecisionRecord {
  id: string;
  kind: 'licensing' | 'punishment' | 'enforcement';
  decidedOn: IsoDate;
}
export interface FeeRecord {
  id: string;
  collectedOn: IsoDate;
  amountYuan: number;
}
export interface MatterRecord {
  id: string;
  kind: MatterKind;
  establishedOn: IsoDate;
  abolishedOn: IsoDate | null;
}
export interface ProcurementRecord {
  id: string;
  contractedOn: IsoDate;
  amountYuan: number;
}
export interface ReviewRecord {
  id: string;
  kind: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';
  filedOn: IsoDate;
  outcome: 'upheld' | 'corrected' | 'other' | 'pending';
  decidedOn: IsoDate | null;
}

export interface EngineRecords {
  applications: AppRecord[];
  documents: DocRecord[];
  decisions: DecisionRecord[];
  fees: FeeRecord[];
  matters: MatterRecord[];
  procurements: ProcurementRecord[];
  reviewCases: ReviewRecord[];
}

export type RecordKind = keyof EngineRecords;

/** What each kind of record is called (the drill-down from a cell to its records). */
export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  applications: '政府信息公开申请',
  documents: '规章和规范性文件',
  decisions: '行政决定',
  fees: '行政事业性收费',
  matters: '行政许可等事项',
  procurements: '政府集中采购',
  reviewCases: '行政复议、行政诉讼案件',
};

/** A cell and how much a record adds to it (1 for counts, the amount for money, −1 for an abolished item). */
export interface Contribution {
  path: string;
  amount: number;
}

const inYear = (d: IsoDate | null, year: number) => d !== null && d.startsWith(`${year}-`);
const onOrBefore = (d: IsoDate | null, day: IsoDate) => d !== null && d <= day;

function column(applicantType: string): number {
  const i = APPLICANT_COLUMNS.findIndex((c) => c.key === applicantType);
  return i < 0 ? APPLICANT_COLUMNS.length - 2 : i; // unknown types count as 其他
}

/** Which cells of table 三 an application counts in, for a year (without the 总计 column and row). */
export function classifyApplication(a: AppRecord, year: number, format: Format): string[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const c = column(a.applicantType);
  const out: string[] = [];
  if (inYear(a.receivedOn, year)) out.push(appCellPath('applications.received', c));
  if (a.receivedOn < start && (a.repliedOn === null || a.repliedOn >= start)) out.push(appCellPath('applications.carriedOver', c));
  if (inYear(a.repliedOn, year) && a.decision) {
    const d = decisionByKey(a.decision);
    if (d) {
      // the 2019 format (and a single (六) row) counts every 其他处理 in one row
      const row = d.row.startsWith('other.') && otherFormFor(format) === 'single' ? 'other' : d.row;
      out.push(appCellPath(`applications.${row}`, c));
    }
  }
  if (a.receivedOn <= end && (a.repliedOn === null || a.repliedOn > end)) out.push(appCellPath('applications.carriedForward', c));
  return out;
}

export function classifyDocument(d: DocRecord, year: number, format: Format): string[] {
  const end = `${year}-12-31`;
  const key = d.docKind === 'regulation' ? 'regulations' : 'normativeDocuments';
  const out: string[] = [];
  const inForce = onOrBefore(d.issuedOn, end) && (d.repealedOn === null || d.repealedOn > end);
  if (format === '2021') {
    if (inYear(d.issuedOn, year)) out.push(`proactive.${key}.issued`);
    if (inYear(d.repealedOn, year)) out.push(`proactive.${key}.repealed`);
    if (inForce) out.push(`proactive.${key}.inForce`);
  } else {
    if (inYear(d.issuedOn, year)) out.push(`proactive.${key}.made`);
    if (inYear(d.publishedOn, year)) out.push(`proactive.${key}.published`);
    if (onOrBefore(d.publishedOn, end) && (d.repealedOn === null || d.repealedOn > end)) out.push(`proactive.${key}.totalPublished`);
  }
  return out;
}

export function classifyDecision(d: DecisionRecord, year: number): string[] {
  return inYear(d.decidedOn, year) ? [`proactive.${d.kind}.decisions`] : [];
}

export function classifyFee(f: FeeRecord, year: number, format: Format): Contribution[] {
  return format === '2021' && inYear(f.collectedOn, year) ? [{ path: 'proactive.fees.amountWan', amount: f.amountYuan / 10_000 }] : [];
}

/** 2019 format: items in force at the end of the year before, and this year's increase or decrease. */
export function classifyMatter(m: MatterRecord, year: number, format: Format): Contribution[] {
  if (format !== '2019') return [];
  const prevEnd = `${year - 1}-12-31`;
  const out: Contribution[] = [];
  if (m.establishedOn <= prevEnd && (m.abolishedOn === null || m.abolishedOn > prevEnd)) out.push({ path: `proactive.${m.kind}.previousItems`, amount: 1 });
  if (inYear(m.establishedOn, year)) out.push({ path: `proactive.${m.kind}.change`, amount: 1 });
  if (inYear(m.abolishedOn, year) && m.establishedOn <= `${year}-12-31`) out.push({ path: `proactive.${m.kind}.change`, amount: -1 });
  return out;
}

export function classifyProcurement(p: ProcurementRecord, year: number, format: Format): Contribution[] {
  if (format !== '2019' || !inYear(p.contractedOn, year)) return [];
  return [
    { path: 'proactive.procurement.projects', amount: 1 },
    { path: 'proactive.procurement.amount', amount: p.amountYuan },
  ];
}

export function classifyReviewCase(r: ReviewRecord, year: number): string[] {
  if (!inYear(r.filedOn, year)) return [];
  const decided = r.outcome !== 'pending' && onOrBefore(r.decidedOn, `${year}-12-31`);
  return [reviewCellPath(r.kind, decided ? r.outcome : 'pending')];
}

/** Every contribution of every record, tagged with the record. */
export function contributions(records: EngineRecords, year: number, format: Format): { kind: RecordKind; id: string; path: string; amount: number }[] {
  const out: { kind: RecordKind; id: string; path: string; amount: number }[] = [];
  const add = (kind: RecordKind, id: string, list: (string | Contribution)[]) => {
    for (const x of list) out.push(typeof x === 'string' ? { kind, id, path: x, amount: 1 } : { kind, id, ...x });
  };
  for (const a of records.applications) add('applications', a.id, classifyApplication(a, year, format));
  for (const d of records.documents) add('documents', d.id, classifyDocument(d, year, format));
  for (const d of records.decisions) add('decisions', d.id, classifyDecision(d, year));
  for (const f of records.fees) add('fees', f.id, classifyFee(f, year, format));
  for (const m of records.matters) add('matters', m.id, classifyMatter(m, year, format));
  for (const p of records.procurements) add('procurements', p.id, classifyProcurement(p, year, format));
  for (const r of records.reviewCases) add('reviewCases', r.id, classifyReviewCase(r, year));
  return out;
}

/**
 * The report's tables for one agency and year. Every cell starts at 0 (a computed report has no unknown
 * cell); records add to their cells; totals are then summed.
 */
export function computeReport(records: EngineRecords, agency: string, year: number, format: Format = formatForYear(year)): Report {
  const report = blankReportOf(format, otherFormFor(format), agency, year, 0);
  for (const c of contributions(records, year, format)) setCell(report, c.path, (getCell(report, c.path) ?? 0) + c.amount);
  fillTotals(report);
  // money: to 4 decimal places of 万元 (one yuan), as printed
  if (report.format === '2021') report.proactive.fees.amountWan = Math.round((report.proactive.fees.amountWan ?? 0) * 10_000) / 10_000;
  else report.proactive.procurement.amount = Math.round((report.proactive.procurement.amount ?? 0) * 100) / 100;
  return report;
}

/** Table 四's columns that its 总计 adds up, in printed order. */
const REVIEW_PARTS = REVIEW_COLUMNS.filter((c) => c.key !== 'total');

/** The 总计 column, the (七)总计 row and table 四's 总计 as the sums of the cells they total. */
export function fillTotals(report: Report): void {
  const rows = appRows(otherFormOf(report));
  const outcomes = rows.filter((r) => r.role === 'outcome');
  for (let c = 0; c < TOTAL_COLUMN; c++) {
    setCell(report, appCellPath('applications.total', c), outcomes.reduce((s, r) => s + (getCell(report, appCellPath(r, c)) ?? 0), 0));
  }
  for (const row of rows) {
    let sum = 0;
    for (let c = 0; c < TOTAL_COLUMN; c++) sum += getCell(report, appCellPath(row, c)) ?? 0;
    setCell(report, appCellPath(row, TOTAL_COLUMN), sum);
  }
  for (const g of REVIEW_GROUPS) {
    const x = report.reviewLitigation[g.key];
    x.total = REVIEW_PARTS.reduce((s, c) => s + (x[c.key] ?? 0), 0);
  }
}

/**
 * The records behind a cell (drill-down). For a total, the records of the cells it totals.
 */
export function cellRecords(records: EngineRecords, year: number, format: Format, path: string): { kind: RecordKind; id: string; amount: number }[] {
  const targets = totalParts(path, format);
  return contributions(records, year, format)
    .filter((c) => targets.includes(c.path))
    .map(({ kind, id, amount }) => ({ kind, id, amount }));
}

function totalParts(path: string, format: Format): string[] {
  const rows = appRows(otherFormFor(format));
  const m = /^(applications\.[\w.]+)\[(\d)\]$/.exec(path);
  if (m) {
    const [, row, col] = m;
    const cols = Number(col) === TOTAL_COLUMN ? [...Array(TOTAL_COLUMN).keys()] : [Number(col)];
    const rowPaths = row === 'applications.total' ? rows.filter((r) => r.role === 'outcome').map((r) => r.path) : [row];
    return rowPaths.flatMap((r) => cols.map((c) => appCellPath(r, c)));
  }
  const t = /^reviewLitigation\.(\w+)\.total$/.exec(path);
  if (t) return REVIEW_PARTS.map((c) => reviewCellPath(t[1], c.key));
  return [path];
}
