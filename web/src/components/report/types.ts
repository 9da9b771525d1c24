/**
 * Shapes of the annual report API's answers, as the server declares them (src/http/schemas/reports.ts; the
 * typed client, lib/client.ts, gives them), and what the report pages share. The report itself and its
 * findings are the core's own types.
 */
import type { Report } from '../../../../src/core/report/model';
import { SEVERITY_LABELS, type Finding, type Severity } from '../../../../src/core/report/findings';
import type { ReportSections } from '../../../../src/core/report/layout';
import type * as wire from '../../../../src/http/schemas';
import { useMeta } from '../../lib/meta';
import type { Meta } from '../../lib/types';

export type { Report, Finding, Severity, ReportSections };
export { SEVERITY_LABELS };

export type Counts = Record<Severity, number>;

/** a frozen version of a year's report */
export type VersionInfo = wire.ReportVersionInfo;
export type HistoryEntry = wire.ReportHistoryEntry;
export type AllowedSteps = Workspace['allowed'];

/** GET /api/agencies/:agencyId/reports/:year */
export type Workspace = wire.ReportWorkspace;

/** GET /api/agencies/:agencyId/reports */
export type ReportYear = wire.ReportYear;

/** POST /api/agencies/:agencyId/reports/import: what was read, nothing saved */
export type ImportPreview = wire.ImportPreview;

/** POST /api/agencies/:agencyId/reports/import/confirm */
export type ImportResult = wire.ImportSaved;

/** GET …/reports/:year/cells?path= */
export type CellRecord = wire.CellRecord;

/** GET /api/supervision */
export type Supervision = wire.SupervisionOverview;
export type SupervisionRow = Supervision['rows'][number];

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
