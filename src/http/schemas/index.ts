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
import { applicationsApi, actionAnswer, applicationRecord, attachmentInfo, auditEntry, caseDetail, caseSummary, colleague, createdApplication, noticePreview, registrationBody, timelineEvent, waitingAnswer } from './applications';
import { authApi, staffUser } from './auth';
import type { Operation } from './common';
import { metaAnswer, metaApi } from './meta';
import { catalogueAnswer, catalogueItem, correctionBody, intakeAnswer, intakeBody, publicAgency, publicApi, publicGuide, publicReportAnswer, publicReportEntry, trackAnswer } from './public';
import { reviewCase, reviewCaseBody, reviewCasesApi } from './review-cases';

export const API = {
  ...metaApi,
  ...authApi,
  ...publicApi,
  ...applicationsApi,
  ...reviewCasesApi,
} satisfies Record<string, Operation>;
export type Api = typeof API;
export type { Operation };
export type { ActionBody } from './applications';

/** What a schema is as it travels (JSON). */
type Wire<S extends z.ZodType> = z.input<S>;

// bodies
export type IntakeBody = Wire<typeof intakeBody>;
export type CorrectionBody = Wire<typeof correctionBody>;
export type RegistrationBody = Wire<typeof registrationBody>;
export type ReviewCaseBody = Wire<typeof reviewCaseBody>;

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
