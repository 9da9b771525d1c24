/**
 * Shapes of the supervision audit, follow-up and comparison API, taken from its schemas
 * (src/http/schemas/supervision-audit.ts), and the labels the pages of this folder show.
 */
import type { z } from 'zod';
import type { Report } from '../../../components/report/types';
import type * as schemas from '../../../../../src/http/schemas/supervision-audit';

export { DECISION_LABELS, SOURCE_LABELS } from '../../../../../src/core/supervision/labels';
export type Source = AuditRow['source'];
export type Decision = NonNullable<AuditRow['decision']>;

/** an answer as it travels (JSON): the schema's input */
type Answer<T extends z.ZodType> = z.input<T>;

export type AuditRow = Answer<typeof schemas.auditRow>;
export type FindingsList = Answer<typeof schemas.findingsList>;
export type Correction = Answer<typeof schemas.correction>;
/** the report as the web's report components take it */
export type FindingContext = Omit<Answer<typeof schemas.contextSchema>, 'report' | 'read'> & { report: Report; read: Report | null };
export type ListedFinding = Answer<typeof schemas.listed>;
export type ComparedFinding = Answer<typeof schemas.compared>;
export type Comparison = Answer<typeof schemas.comparisonSchema>;
export type Rectification = Answer<typeof schemas.rectificationSchema>;
export type RectificationStatus = Rectification['status'];
export const RECTIFICATION_COLORS: Record<RectificationStatus, string> = { issued: 'blue', overdue: 'red', corrected: 'gold', closed: 'green' };
export type Rectifications = Answer<typeof schemas.rectificationList>;
export type ComparisonData = Answer<typeof schemas.comparisonResponse>;
export type FigureDef = ComparisonData['figures'][number];
/** a row of figures, read by the figure's key (`fig`) */
export type FigureRow = Answer<typeof schemas.figureRow> & Record<string, unknown>;

/** A figure of a row (null when unknown). */
export function fig(row: FigureRow, key: string): number | null {
  const v = row[key];
  return typeof v === 'number' ? v : null;
}
