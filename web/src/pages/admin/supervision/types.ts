/**
 * Shapes of the supervision audit, follow-up and comparison API (src/http/routes/supervision-audit.ts), as the
 * pages of this folder use them.
 */
import type { Report, Severity } from '../../../components/report/types';

export type Source = 'published' | 'imported' | 'upload';
export type Decision = 'confirmed' | 'dismissed';

export const SOURCE_LABELS: Record<Source, string> = { published: '本系统发布', imported: '本系统导入', upload: '上传文件' };
export const DECISION_LABELS: Record<Decision, string> = { confirmed: '确认', dismissed: '排除' };

export interface AuditRow {
  rule: string;
  ruleLabel: string;
  severity: Severity;
  message: string;
  where: string;
  cell: string | null;
  fingerprint: string;
  decision: Decision | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  carriedOver: boolean;
  subjectAgencyId: number;
  agency: string;
  year: number;
  source: Source;
  version: number | null;
  fileId: string | null;
  fileName: string | null;
}

export interface FindingsList {
  rows: AuditRow[];
  total: number;
  rules: { rule: string; label: string; count: number }[];
  reports: { subjectAgencyId: number; agency: string; year: number; source: Source; version: number | null; fileId: string | null; fileName: string | null; counts: Record<Severity, number> }[];
  decided: { confirmed: number; dismissed: number; none: number };
}

export interface Correction {
  id: string;
  fileId: string;
  path: string;
  cell: string;
  readValue: number | null;
  value: number | null;
  reason: string;
  correctedBy: string | null;
  correctedAt: string;
}

export interface FindingContext {
  finding: AuditRow;
  report: Report;
  read: Report | null;
  table: 'proactive' | 'applications' | 'reviewLitigation' | null;
  text: { lines: string[]; marks: { line: number; start?: number; end?: number }[] } | null;
  corrections: Correction[];
}

export interface ListedFinding {
  fingerprint: string;
  rule: string;
  ruleLabel: string;
  severity: Severity;
  where: string;
  message: string;
  words: string;
}

export interface ComparedFinding {
  fingerprint: string;
  rule: string;
  severity: Severity;
  message: string;
  where: string;
}

export interface Comparison {
  fixed: ComparedFinding[];
  remaining: ComparedFinding[];
  added: ComparedFinding[];
  changedCells: { path: string; cell: string; before: number | null; after: number | null }[];
  listed: { fingerprint: string; fixed: boolean }[];
}

export type RectificationStatus = 'issued' | 'overdue' | 'corrected' | 'closed';
export const RECTIFICATION_COLORS: Record<RectificationStatus, string> = { issued: 'blue', overdue: 'red', corrected: 'gold', closed: 'green' };

export interface Rectification {
  id: string;
  subjectAgencyId: number;
  agency: string;
  year: number;
  number: string;
  issuedOn: string | null;
  dueOn: string;
  status: RectificationStatus;
  statusLabel: string;
  findings: ListedFinding[];
  original: { fileId: string | null; version: number | null };
  corrected: { fileId: string | null; version: number | null } | null;
  comparison: Comparison | null;
  fixed: number | null;
  createdBy: string | null;
  createdAt: string;
}

export interface Rectifications {
  rows: Rectification[];
  status: { rows: Rectification[]; counts: Record<RectificationStatus, number> };
}

export interface FigureDef {
  key: string;
  label: string;
  higherFirst: boolean;
  share: boolean;
}

export interface FigureRow {
  subjectAgencyId: number;
  agency: string;
  year: number;
  source: Source;
  version: number | null;
  fileName: string | null;
  format: '2019' | '2021';
  errors: number;
  warnings: number;
  ranks: Record<string, { rank: number; tied: boolean; of: number; phrase: string }>;
  [figure: string]: unknown;
}

export interface ComparisonData {
  figures: FigureDef[];
  years: number[];
  rows: FigureRow[];
}

/** A figure of a row (null when unknown). */
export function fig(row: FigureRow, key: string): number | null {
  const v = row[key];
  return typeof v === 'number' ? v : null;
}

/** "2026-03-02T02:00:00.000Z" → "2026-03-02 10:00" in the browser's time. */
export function when(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
