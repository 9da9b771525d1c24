/**
 * The database schema (Drizzle, PostgreSQL dialect; the same on PGlite and PostgreSQL).
 *
 * Sharding by agency (Citus): every tenant table carries `agency_id`, has it first in its primary key and in
 * every unique key and foreign key, and every query filters on it, so the tables can be distributed by
 * `agency_id` as they are. The small shared tables (agencies, users, sessions, the holiday calendar) are
 * reference tables (replicated whole).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** optimistic concurrency: incremented by every change */
const version = () => integer('version').notNull().default(1);
/** agency_id: the distribution column, first in every key of a tenant table */
const agencyId = () => integer('agency_id').notNull();
/** the key columns of a tenant table whose rows have their own id: (agency_id, id) */
const tenantKey = () => ({ agencyId: agencyId(), id: uuid('id').notNull() });
/** the narrative sections of an annual report (一、概述, 五、问题与改进, 六、其他) */
type Sections = { overview?: string; problems?: string; other?: string };

// ---------------------------------------------------------------------------------------------------------
// Reference tables

/** Agencies form a tree: a government and its departments; supervisors see their node's subtree. */
export const agencies = pgTable(
  'agencies',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    /** government (人民政府) | department (部门) | office (政务公开办 and other offices) */
    kind: text('kind').notNull(),
    /** contact details printed on letters and the 公开指南: address, postcode, phone, email, hours */
    contact: jsonb('contact').$type<AgencyContact>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }), index('agencies_parent').on(t.parentId)],
);

export interface AgencyContact {
  office?: string;
  address?: string;
  postcode?: string;
  phone?: string;
  fax?: string;
  email?: string;
  hours?: string;
  website?: string;
  /** named in reply letters: where to apply for 行政复议 and which court hears 行政诉讼 */
  reconsiderationBody?: string;
  court?: string;
  /** the agency's short name in the 文号 of its notices, e.g. "示范卫健" (absent: the full name) */
  shortName?: string;
  /** the 文号 of its notices, e.g. "{简称}依申〔{年}〕{序号}号" (src/core/applications/notices.ts; absent: that default) */
  noticeNumberPattern?: string;
  /**
   * A one-person office: the same person may take the steps the four-eyes principle gives to two (request and
   * approve an extension; secrecy-review, approve and publish a registry item; submit and approve the annual
   * report). Set by the agency's administrator; each such step is marked `fourEyesWaived` in the audit trail.
   */
  allowSingleOfficer?: boolean;
  /**
   * A supervising office's deadlines for the annual reports of the agencies below it, 'MM-DD' of the year after
   * the report's (absent: 条例第四十九条, 01-31 for departments and 03-31 for governments). Set by its supervisor.
   */
  reportDeadlines?: { department?: string; government?: string };
}

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** officer | reviewer | admin | supervisor */
    roles: text('roles').array().notNull(),
    active: boolean('active').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** wrong passwords in a row since the last successful login or unlock */
    failedLogins: integer('failed_logins').notNull().default(0),
    /** the account refuses every login until then (after repeated wrong passwords); null = not locked */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username').on(sql`lower(${t.username})`), index('users_agency').on(t.agencyId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session token (the token itself is only in the user's cookie) */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: agencyId(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Holiday calendar entries entered by an administrator for years the calendar package lacks. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  /** holiday | workday */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** Years whose official arrangement has been entered in full (the calendar then counts them as known). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** the 国务院办公厅 notice, e.g. 国办发明电〔2026〕X号 */
  source: text('source').notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------------------------------------------------
// Tenant tables (distributed by agency_id)

/** 依申请公开: one application. Its deadline is derived from its events and the calendar, never stored. */
export const applications = pgTable(
  'applications',
  {
    /**
     * agency_id has no foreign key to agencies: its check locks the agency's one row (FOR KEY SHARE) for every application,
     * and concurrent intakes then queue on multixacts, which halved intake throughput (bench/intake.ts).
     * The service checks the agency exists before inserting; migration 0004 forbids deleting an agency that
     * has applications.
     */
    ...tenantKey(),
    trackingCode: text('tracking_code').notNull(),
    /** online | inPerson | post | ordinaryLetter | fax */
    channel: text('channel').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** 收到申请之日 (条例 Art. 31) */
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    receiptReason: text('receipt_reason').notNull(),
    /** natural | commercial | research | publicInterest | legal | otherOrg (the columns of table 三) */
    applicantType: text('applicant_type').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** idCard | passport | other | uscc (统一社会信用代码) */
    idType: text('id_type').notNull(),
    idNumber: text('id_number').notNull(),
    /** for organisations: 法定代表人或者负责人 and the contact person */
    legalRepresentative: text('legal_representative'),
    contactPerson: text('contact_person'),
    phone: text('phone').notNull(),
    email: text('email'),
    address: text('address'),
    postcode: text('postcode'),
    description: text('description').notNull(),
    documentNumber: text('document_number'),
    purpose: text('purpose'),
    /** paper | electronic */
    form: text('form').notNull(),
    /** post | email | pickup | online | fax */
    delivery: text('delivery').notNull(),
    status: text('status').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** the row of table 三 the reply counts in, e.g. "disclosed", "withheld.thirdPartyRights" */
    outcome: text('outcome'),
    outcomeBasis: text('outcome_basis'),
    replyText: text('reply_text'),
    repliedOn: date('replied_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    /** 信息处理费 charged, yuan */
    feeYuan: numeric('fee_yuan', { precision: 12, scale: 2, mode: 'number' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    uniqueIndex('applications_tracking').on(t.agencyId, t.trackingCode),
    index('applications_status').on(t.agencyId, t.status),
    // the report engine's scan (src/services/reports.ts engineRecords) is served from the index alone
    index('applications_received').on(t.agencyId, t.receivedOn, t.repliedOn, t.applicantType, t.outcome, t.id),
    index('applications_replied').on(t.agencyId, t.repliedOn),
    index('applications_applicant').on(t.agencyId, t.idNumber, t.receivedOn),
  ],
);

/** The steps of an application that move its clock or its state (one per step, in order). */
export const applicationEvents = pgTable(
  'application_events',
  {
    agencyId: agencyId(),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    applicationId: uuid('application_id').notNull(),
    /** see src/core/applications/workflow.ts */
    kind: text('kind').notNull(),
    /** the day the step happened (notice sent, answer received, …) */
    on: date('on', { mode: 'string' }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** null for the applicant (public intake, corrections submitted online) */
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.applicationId], foreignColumns: [applications.agencyId, applications.id] }),
    index('application_events_app').on(t.agencyId, t.applicationId, t.id),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    ...tenantKey(),
    applicationId: uuid('application_id').notNull(),
    /** idCopy | supporting | correction | replyLetter */
    kind: text('kind').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    /** null when uploaded by the applicant */
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.applicationId], foreignColumns: [applications.agencyId, applications.id] }),
    index('attachments_app').on(t.agencyId, t.applicationId),
  ],
);

/** 行政复议 / 行政诉讼 cases about an application (table 四). */
export const reviewCases = pgTable(
  'review_cases',
  {
    ...tenantKey(),
    applicationId: uuid('application_id'),
    /** reconsideration | litigationDirect | litigationAfterReconsideration */
    kind: text('kind').notNull(),
    caseNumber: text('case_number'),
    /** 复议机关 or 法院 */
    body: text('body'),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    /** upheld | corrected | other | pending */
    outcome: text('outcome').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.applicationId], foreignColumns: [applications.agencyId, applications.id] }),
    index('review_cases_filed').on(t.agencyId, t.filedOn),
  ],
);

/** The agency's editable template of the reply letter (答复书). */
export const letterTemplates = pgTable(
  'letter_templates',
  {
    agencyId: agencyId(),
    key: text('key').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.key] })],
);

/**
 * The written notices of a case (告知书, 征求意见函, 答复书; kinds in src/core/applications/notices.ts), each
 * numbered in the agency's sequence of its year (gap-free: assigned inside the issuing transaction), its
 * issued text frozen here and its .docx an attachment of the case.
 */
export const notices = pgTable(
  'notices',
  {
    ...tenantKey(),
    applicationId: uuid('application_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** the 文号 as printed, e.g. "示范卫健依申〔2026〕7号" */
    number: text('number').notNull(),
    /** the text as issued (with its number): never re-rendered from the template */
    text: text('text').notNull(),
    attachmentId: uuid('attachment_id').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    uniqueIndex('notices_number').on(t.agencyId, t.year, t.seq),
    foreignKey({ columns: [t.agencyId, t.applicationId], foreignColumns: [applications.agencyId, applications.id] }),
    foreignKey({ columns: [t.agencyId, t.attachmentId], foreignColumns: [attachments.agencyId, attachments.id] }),
    index('notices_app').on(t.agencyId, t.applicationId, t.issuedOn),
  ],
);

/** Append-only record of every change (who, when, what, before/after). */
export const auditLog = pgTable(
  'audit_log',
  {
    agencyId: agencyId(),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    /** user id, or null for the public */
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] }), index('audit_entity').on(t.agencyId, t.entity, t.entityId, t.id)],
);

// ---------------------------------------------------------------------------------------------------------
// 主动公开 registry and the annual report (tenant tables)

/** An item of 主动公开 (条例 Art. 20): its category, dates, channels, confidentiality review and approval. */
export const disclosures = pgTable(
  'disclosures',
  {
    ...tenantKey(),
    title: text('title').notNull(),
    /** Art. 20 item 1–15 */
    category: integer('category').notNull(),
    documentNumber: text('document_number'),
    /** for Art. 20 (一): regulation | normativeDocument */
    docKind: text('doc_kind'),
    issuedOn: date('issued_on', { mode: 'string' }),
    repealedOn: date('repealed_on', { mode: 'string' }),
    /** 形成或者变更之日 (Art. 26 counts 20 working days from it) */
    formedOn: date('formed_on', { mode: 'string' }).notNull(),
    publishedOn: date('published_on', { mode: 'string' }),
    /** channel key → the column or account it went out on (src/core/registry/categories.ts) */
    channels: jsonb('channels').$type<Record<string, string>>().notNull().default({}),
    /** a 政策解读 of this document */
    interpretationOf: uuid('interpretation_of'),
    summary: text('summary'),
    url: text('url'),
    /** draft | approved | published | withdrawn */
    status: text('status').notNull(),
    secrecyReviewedBy: uuid('secrecy_reviewed_by').references(() => users.id),
    secrecyReviewedOn: date('secrecy_reviewed_on', { mode: 'string' }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedOn: date('approved_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    index('disclosures_published').on(t.agencyId, t.publishedOn),
    index('disclosures_category').on(t.agencyId, t.category, t.publishedOn),
    index('disclosures_docs').on(t.agencyId, t.docKind, t.issuedOn, t.repealedOn, t.publishedOn, t.status, t.id),
  ],
);

/** 行政许可、行政处罚、行政强制 decisions, one per record (entered or imported). */
export const decisions = pgTable(
  'decisions',
  {
    ...tenantKey(),
    /** licensing | punishment | enforcement */
    kind: text('kind').notNull(),
    decisionNumber: text('decision_number'),
    subject: text('subject').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    publishedOn: date('published_on', { mode: 'string' }),
    summary: text('summary'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    index('decisions_kind_date').on(t.agencyId, t.kind, t.decidedOn),
    // a year's decisions of an agency, whatever their kind, from the index alone (report engine)
    index('decisions_date').on(t.agencyId, t.decidedOn, t.kind, t.id),
  ],
);

/** 行政事业性收费 collected. */
export const feeCollections = pgTable(
  'fee_collections',
  {
    ...tenantKey(),
    item: text('item').notNull(),
    collectedOn: date('collected_on', { mode: 'string' }).notNull(),
    amountYuan: numeric('amount_yuan', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    payer: text('payer'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] }), index('fee_collections_date').on(t.agencyId, t.collectedOn, t.amountYuan, t.id)],
);

/** 事项: items of licensing, other services, punishment, enforcement and fees (2019 format's 项目数量). */
export const matters = pgTable(
  'matters',
  {
    ...tenantKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    abolishedOn: date('abolished_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] }), index('matters_kind').on(t.agencyId, t.kind)],
);

/** 政府集中采购 projects (2019 format). */
export const procurements = pgTable(
  'procurements',
  {
    ...tenantKey(),
    name: text('name').notNull(),
    contractedOn: date('contracted_on', { mode: 'string' }).notNull(),
    amountYuan: numeric('amount_yuan', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] }), index('procurements_date').on(t.agencyId, t.contractedOn)],
);

/** The report being written for a year: its narrative sections and where it is in approval. */
export const reportDrafts = pgTable(
  'report_drafts',
  {
    agencyId: agencyId(),
    year: integer('year').notNull(),
    sections: jsonb('sections').$type<Sections>().notNull().default({}),
    /** draft | submitted | approved */
    status: text('status').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/** A frozen report: published from the system, or an earlier year's report read from its published file. */
export const reportVersions = pgTable(
  'report_versions',
  {
    agencyId: agencyId(),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    /** published | imported */
    source: text('source').notNull(),
    data: jsonb('data').notNull(),
    sections: jsonb('sections').$type<Sections>().notNull().default({}),
    findings: jsonb('findings').notNull().default([]),
    docxKey: text('docx_key'),
    xlsxKey: text('xlsx_key'),
    originalKey: text('original_key'),
    originalName: text('original_name'),
    publishedBy: uuid('published_by').references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year, t.version] })],
);

/** Pages an agency writes for the public portal: the 公开指南. */
export const agencyPages = pgTable(
  'agency_pages',
  {
    agencyId: agencyId(),
    key: text('key').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.key] })],
);

// ---------------------------------------------------------------------------------------------------------
// The supervising office's console (政务公开办): reports collected from the agencies below it, the reviewer's
// decisions on their findings, corrections of misread cells and the follow-up (整改). `agency_id` is the
// supervising agency (the tenant); `subject_agency_id` the agency whose report it is.

/** One upload of published reports (many files, or a .zip of them); read in the background, progress kept here. */
export const supervisionBatches = pgTable(
  'supervision_batches',
  {
    ...tenantKey(),
    /** reading | done */
    status: text('status').notNull(),
    total: integer('total').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] }), index('supervision_batches_created').on(t.agencyId, t.createdAt)],
);

/**
 * A published report received as a file: kept as uploaded, read in the worker pool, matched to an agency of the
 * tree and a year. Never published by being uploaded; a file that cannot be read stays with its error.
 */
export const supervisedFiles = pgTable(
  'supervised_files',
  {
    ...tenantKey(),
    batchId: uuid('batch_id').notNull(),
    /** the name as uploaded (with its path inside a .zip) */
    name: text('name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    /** queued | read | failed */
    status: text('status').notNull(),
    /** text | html | docx | pdf, as detected */
    kind: text('kind'),
    /** why it could not be read (Chinese), for status failed */
    error: text('error'),
    /** the agency name printed in the report */
    printedAgency: text('printed_agency'),
    /** the agency of the tree it is matched to: suggested from the printed name, then confirmed or corrected */
    subjectAgencyId: integer('subject_agency_id').references(() => agencies.id),
    /** how sure the suggestion is, 0–100 (100: the printed name is the agency's name) */
    matchScore: integer('match_score'),
    matchConfirmed: boolean('match_confirmed').notNull().default(false),
    year: integer('year'),
    /** the report as read (report-model.md), before any correction */
    data: jsonb('data'),
    /** the reader's findings and the checks that need no other report */
    findings: jsonb('findings').notNull().default([]),
    /** the narrative lines as read (for the checks of text against tables and for highlighting) */
    narrative: jsonb('narrative').notNull().default([]),
    /** the text as read, to show a finding's cell or sentence in the report as published */
    text: text('text'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.batchId], foreignColumns: [supervisionBatches.agencyId, supervisionBatches.id] }),
    index('supervised_files_batch').on(t.agencyId, t.batchId),
    index('supervised_files_subject').on(t.agencyId, t.subjectAgencyId, t.year),
    index('supervised_files_status').on(t.agencyId, t.status),
  ],
);

/**
 * A reviewer's decision on a finding. Keyed by what makes a finding the same (its fingerprint: rule, cell or
 * sentence, figures), so it carries over to a re-read and to a new version of the same report.
 */
export const findingDecisions = pgTable(
  'finding_decisions',
  {
    agencyId: agencyId(),
    subjectAgencyId: integer('subject_agency_id').notNull(),
    year: integer('year').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** confirmed | dismissed */
    decision: text('decision').notNull(),
    reason: text('reason').notNull().default(''),
    /** the finding as it was when decided */
    rule: text('rule').notNull(),
    where: text('where').notNull(),
    message: text('message').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    /** the report it was decided on: an uploaded file, or a version in Gongkai (elsewhere it shows as carried over) */
    decidedOnFileId: uuid('decided_on_file_id'),
    decidedOnVersion: integer('decided_on_version'),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.subjectAgencyId, t.year, t.fingerprint] })],
);

/** A misread cell corrected by hand: kept beside what was read (who, when, why), never overwriting it. */
export const cellCorrections = pgTable(
  'cell_corrections',
  {
    ...tenantKey(),
    fileId: uuid('file_id').notNull(),
    /** the cell's JSON path in the report (report-model.md) */
    path: text('path').notNull(),
    /** as read and as corrected (numeric: table 二's 收费金额 has decimals) */
    readValue: numeric('read_value', { mode: 'number' }),
    value: numeric('value', { mode: 'number' }),
    reason: text('reason').notNull(),
    correctedBy: uuid('corrected_by').references(() => users.id),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.fileId], foreignColumns: [supervisedFiles.agencyId, supervisedFiles.id] }),
    index('cell_corrections_file').on(t.agencyId, t.fileId, t.path),
  ],
);

/** 整改: a follow-up notice to an agency listing the confirmed findings of its report, and what came back. */
export const rectifications = pgTable(
  'rectifications',
  {
    ...tenantKey(),
    subjectAgencyId: integer('subject_agency_id').notNull(),
    year: integer('year').notNull(),
    /** the 文号 as printed */
    number: text('number').notNull(),
    /** the confirmed findings the notice lists (fingerprint, rule, where, message, the report's words) */
    findings: jsonb('findings').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** issued | corrected (a new version came back) | closed (every listed finding fixed) */
    status: text('status').notNull(),
    /** the report the notice is about: an uploaded file, or a version published in Gongkai */
    originalFileId: uuid('original_file_id'),
    originalVersion: integer('original_version'),
    /** the corrected report */
    correctedFileId: uuid('corrected_file_id'),
    correctedVersion: integer('corrected_version'),
    /** fixed / remaining / new findings and changed cells, when the corrected report came back */
    comparison: jsonb('comparison'),
    docxKey: text('docx_key'),
    /** the day it was issued; its year and `seq` make the 文号 (numbered per supervising agency and year) */
    issuedOn: date('issued_on', { mode: 'string' }),
    seq: integer('seq'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] }), index('rectifications_subject').on(t.agencyId, t.subjectAgencyId, t.year)],
);
