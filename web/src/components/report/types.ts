/**
 * Shapes of the annual report API's answers (src/services/reports.ts), as the report pages use them. The
 * report itself and its findings are the core's own types.
 */
import type { Report } from '../../../../src/core/report/model';
import { SEVERITY_LABELS, type Finding, type Severity } from '../../../../src/core/report/findings';
import type { ReportSections } from '../../../../src/core/report/layout';
import { useMeta } from '../../lib/meta';
import type { Meta } from '../../lib/types';

export type { Report, Finding, Severity, ReportSections };
export { SEVERITY_LABELS };

export type Counts = Record<Severity, number>;

export interface VersionInfo {
  version: number;
  source: 'published' | 'imported' | string;
  publishedAt: string;
  originalName?: string | null;
  counts: Counts;
}

export interface HistoryEntry {
  action: string;
  label: string;
  actorName: string;
  at: string;
  reason: string | null;
  version: number | null;
}

export interface AllowedSteps {
  save: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
  publish: boolean;
  import: boolean;
}

/** GET /api/agencies/:agencyId/reports/:year */
export interface Workspace {
  agency: { id: number; name: string; kind: string };
  year: number;
  format: '2019' | '2021';
  report: Report;
  sections: ReportSections;
  generatedSections: ReportSections;
  saved: boolean;
  status: string;
  draftVersion: number;
  allowed: AllowedSteps;
  findings: Finding[];
  counts: Counts;
  previous: { year: number; source: string; version: number } | null;
  previousReport: Report | null;
  versions: VersionInfo[];
  history: HistoryEntry[];
  dueOn: string;
  /** the first day the report may be submitted, approved and published: 1 January after the year */
  submitFrom: string;
  /** whether the year has ended (today, the server's, is submitFrom or later) */
  yearEnded: boolean;
}

/** GET /api/agencies/:agencyId/reports */
export interface ReportYear {
  year: number;
  format: '2019' | '2021';
  status: string;
  updatedAt: string | null;
  versions: Omit<VersionInfo, 'originalName'>[];
  dueOn: string;
}

/** POST /api/agencies/:agencyId/reports/import: what was read, nothing saved */
export interface ImportPreview {
  /** sent back with the same file to confirm */
  token: string;
  year: number;
  format: '2019' | '2021';
  /** the agency as printed in the report */
  printedAgency: string | null;
  agency: { id: number; name: string };
  figures: {
    received: number | null;
    carriedOver: number | null;
    answered: number | null;
    carriedForward: number | null;
    disclosedShare: number | null;
    reviews: number | null;
    suits: number | null;
    documents: number | null;
    licensing: number | null;
    punishment: number | null;
    enforcement: number | null;
  };
  report: Report;
  findings: Finding[];
  counts: Counts;
  /** the year's versions already in the system */
  existing: { version: number; source: string }[];
}

/** POST /api/agencies/:agencyId/reports/import/confirm */
export interface ImportResult {
  year: number;
  version: number;
  format: '2019' | '2021';
  report: Report;
  findings: Finding[];
  counts: Counts;
}

/** GET …/reports/:year/cells?path= */
export interface CellRecord {
  kind: string;
  kindLabel: string;
  id: string;
  label: string;
  date: string | null;
  detail: string;
  amount: number;
}

/** GET /api/supervision */
export interface SupervisionRow {
  agencyId: number;
  agency: string;
  year: number;
  source: 'published' | 'imported' | 'draft' | string;
  status: string;
  version: number | null;
  format: '2019' | '2021';
  received: number | null;
  carriedOver: number | null;
  answered: number | null;
  carriedForward: number | null;
  disclosedShare: number | null;
  reviews: number | null;
  suits: number | null;
  documents: number | null;
  licensing: number | null;
  punishment: number | null;
  enforcement: number | null;
  errors: number;
  warnings: number;
}

export interface Supervision {
  agencies: { id: number; name: string; parentId: number | null; kind: string }[];
  rows: SupervisionRow[];
}

/** GET /api/public/agencies/:agencyId/reports */
export interface PublicReportEntry {
  year: number;
  version: number;
  source: string;
  publishedAt: string;
}

/** The parts of GET /api/meta the report pages use (beyond lib/types Meta). */
export interface ReportMeta extends Meta {
  rules: Record<string, string>;
  sections: { key: string; heading: string }[];
  reportStatuses: Record<string, string>;
  reportSources: Record<string, string>;
}

export function useReportMeta(): ReportMeta {
  return useMeta() as ReportMeta;
}

export const SEVERITY_COLORS: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'blue' };

/** Colours of the report states. */
export const STATUS_COLORS: Record<string, string> = {
  none: 'default',
  draft: 'default',
  submitted: 'gold',
  approved: 'blue',
  published: 'green',
  imported: 'purple',
};
