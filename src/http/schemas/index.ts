/**
 * The API as one map: "METHOD /path" → what the operation takes (params, query, body) and answers, as zod
 * schemas. The routes declare their schemas from it (src/http/routes, with `spec`), so /api/docs shows them,
 * the serializer checks every answer against them, and the web app's client (web/src/lib/client.ts) is typed
 * by it: the web imports types only (`import type`), so nothing here reaches the browser's bundle.
 *
 * Request types are the schemas' input (`z.input`), answers as they travel are the schemas' input too (a
 * timestamp is a Date in the service and an ISO string on the wire: `timestamp` in ./common.ts).
 */
import type { z } from 'zod';
import { adminApi, agency, calendarStatus, holidayNoticeReading, noticeTemplate, userAccount } from './admin';
import { applicationsApi, actionAnswer, applicationRecord, attachmentInfo, auditEntry, caseDetail, caseSummary, colleague, createdApplication, noticePreview, registrationBody, timelineEvent, waitingAnswer } from './applications';
import { authApi, staffUser } from './auth';
import type { Operation } from './common';
import { metaAnswer, metaApi } from './meta';
import { catalogueAnswer, catalogueItem, correctionBody, intakeAnswer, intakeBody, publicAgency, publicApi, publicGuide, publicReportAnswer, publicReportEntry, trackAnswer } from './public';
import { createdRecords, disclosure, disclosureBody, disclosureList, recordBody, recordRow, registryApi, registryStats, staffGuide } from './registry';
import { cellRecord, importPreview, importSaved, reportFinding, reportHistoryEntry, reportsApi, reportVersionInfo, reportWorkspace, reportYear, severityCounts } from './reports';
import { reviewCase, reviewCaseBody, reviewCasesApi } from './review-cases';
import { collectionApi, supervisionApi, supervisionOverviewSchema } from './supervision';
import { supervisionAuditApi } from './supervision-audit';

export const API = {
  ...metaApi,
  ...authApi,
  ...publicApi,
  ...applicationsApi,
  ...reviewCasesApi,
  ...adminApi,
  ...registryApi,
  ...reportsApi,
  ...supervisionApi,
  ...collectionApi,
  ...supervisionAuditApi,
} satisfies Record<string, Operation>;
export type Api = typeof API;
export type { Operation };
export type { ActionBody } from './applications';
export type { DisclosureStepBody } from './registry';

/** What a schema is as it travels (JSON). */
type Wire<S extends z.ZodType> = z.input<S>;

// bodies
export type IntakeBody = Wire<typeof intakeBody>;
export type CorrectionBody = Wire<typeof correctionBody>;
export type RegistrationBody = Wire<typeof registrationBody>;
export type ReviewCaseBody = Wire<typeof reviewCaseBody>;
export type DisclosureBody = Wire<typeof disclosureBody>;
export type RecordBody = Wire<typeof recordBody>;

// answers
export type MetaAnswer = Wire<typeof metaAnswer>;
export type StaffUser = Wire<typeof staffUser>;
export type PublicAgency = Wire<typeof publicAgency>;
export type IntakeAnswer = Wire<typeof intakeAnswer>;
export type TrackAnswer = Wire<typeof trackAnswer>;
export type CatalogueAnswer = Wire<typeof catalogueAnswer>;
export type CatalogueItem = Wire<typeof catalogueItem>;
export type PublicGuide = Wire<typeof publicGuide>;
export type PublicReportEntry = Wire<typeof publicReportEntry>;
export type PublicReportAnswer = Wire<typeof publicReportAnswer>;
export type CaseSummary = Wire<typeof caseSummary>;
export type CaseDetail = Wire<typeof caseDetail>;
export type ApplicationRecord = Wire<typeof applicationRecord>;
export type TimelineEvent = Wire<typeof timelineEvent>;
export type AttachmentInfo = Wire<typeof attachmentInfo>;
export type AuditEntry = Wire<typeof auditEntry>;
export type CreatedApplication = Wire<typeof createdApplication>;
export type ActionAnswer = Wire<typeof actionAnswer>;
/** a step's notice as drafted (the preview answers null for a step that issues none) */
export type NoticePreview = NonNullable<Wire<typeof noticePreview>>;
export type Colleague = Wire<typeof colleague>;
export type WaitingAnswer = Wire<typeof waitingAnswer>;
export type ReviewCase = Wire<typeof reviewCase>;
export type UserAccount = Wire<typeof userAccount>;
export type CalendarStatus = Wire<typeof calendarStatus>;
export type HolidayNoticeReading = Wire<typeof holidayNoticeReading>;
export type NoticeTemplate = Wire<typeof noticeTemplate>;
export type StaffAgency = Wire<typeof agency>;
export type Disclosure = Wire<typeof disclosure>;
export type DisclosureList = Wire<typeof disclosureList>;
export type RegistryStats = Wire<typeof registryStats>;
export type RecordRow = Wire<typeof recordRow>;
export type CreatedRecords = Wire<typeof createdRecords>;
export type StaffGuide = Wire<typeof staffGuide>;
export type ReportYear = Wire<typeof reportYear>;
export type ReportWorkspace = Wire<typeof reportWorkspace>;
export type ReportVersionInfo = Wire<typeof reportVersionInfo>;
export type ReportHistoryEntry = Wire<typeof reportHistoryEntry>;
export type ReportFinding = Wire<typeof reportFinding>;
export type SeverityCounts = Wire<typeof severityCounts>;
export type CellRecord = Wire<typeof cellRecord>;
export type ImportPreview = Wire<typeof importPreview>;
export type ImportSaved = Wire<typeof importSaved>;
export type SupervisionOverview = Wire<typeof supervisionOverviewSchema>;
