/**
 * The supervising office's audit, follow-up (整改) and comparison: what its operations take and answer
 * (`supervisionAuditApi`, served by src/http/routes/supervision-audit.ts). Zod, the pure core and the filters
 * its services read: the web app's pages (web/src/pages/admin/supervision) take their types from here, through
 * the typed client.
 */
import { z } from 'zod';
import { reportSchema } from '../../core/report/model';
import { int32, positiveInt32 } from '../../core/safe-input';
import { auditFilterSchema } from '../../services/supervision/audit';
import { comparisonQuerySchema } from '../../services/supervision/compare';
import { MEDIA, download, ok, type Operation } from './common';

const severity = z.enum(['error', 'warning', 'info']);
const decision = z.enum(['confirmed', 'dismissed']);
const source = z.enum(['published', 'imported', 'upload']).meta({ description: 'published 本系统发布 | imported 本系统导入 | upload 上传文件' });
const counts = z.object({ error: z.number(), warning: z.number(), info: z.number() });
const finding = z.object({ rule: z.string(), severity, message: z.string(), where: z.string() });
export const decided = finding.extend({
  fingerprint: z.string(),
  decision: decision.nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  carriedOver: z.boolean().meta({ description: '处理意见沿用自同一报告的另一文件或版本' }),
});
export const auditRow = decided.extend({
  subjectAgencyId: z.number(),
  agency: z.string(),
  year: z.number(),
  source,
  version: z.number().nullable(),
  fileId: z.string().nullable(),
  fileName: z.string().nullable(),
  ruleLabel: z.string(),
  cell: z.string().nullable(),
});
export const correction = z.object({
  id: z.string(),
  fileId: z.string(),
  path: z.string(),
  cell: z.string(),
  readValue: z.number().nullable(),
  value: z.number().nullable(),
  reason: z.string(),
  correctedBy: z.string().nullable(),
  correctedAt: z.string(),
});
export const findingsList = z.object({
  rows: z.array(auditRow),
  total: z.number(),
  rules: z.array(z.object({ rule: z.string(), label: z.string(), count: z.number() })),
  reports: z.array(
    z.object({
      subjectAgencyId: z.number(),
      agency: z.string(),
      year: z.number(),
      source,
      version: z.number().nullable(),
      fileId: z.string().nullable(),
      fileName: z.string().nullable(),
      counts,
    }),
  ),
  decided: z.object({ confirmed: z.number(), dismissed: z.number(), none: z.number() }),
});
export const contextSchema = z.object({
  finding: auditRow,
  report: reportSchema,
  read: reportSchema.nullable(),
  table: z.enum(['proactive', 'applications', 'reviewLitigation']).nullable(),
  text: z
    .object({
      lines: z.array(z.string()),
      marks: z.array(z.object({ line: z.number(), start: z.number().optional(), end: z.number().optional() })),
    })
    .nullable(),
  corrections: z.array(correction),
});
export const listed = z.object({ fingerprint: z.string(), rule: z.string(), ruleLabel: z.string(), severity, where: z.string(), message: z.string(), words: z.string() });
export const compared = finding.extend({ fingerprint: z.string() });
export const comparisonSchema = z.object({
  fixed: z.array(compared),
  remaining: z.array(compared),
  added: z.array(compared),
  changedCells: z.array(z.object({ path: z.string(), cell: z.string(), before: z.number().nullable(), after: z.number().nullable() })),
  listed: z.array(z.object({ fingerprint: z.string(), fixed: z.boolean() })),
});
const sourceRef = z.object({ fileId: z.string().nullable(), version: z.number().nullable() });
export const rectificationSchema = z.object({
  id: z.string(),
  subjectAgencyId: z.number(),
  agency: z.string(),
  year: z.number(),
  number: z.string(),
  issuedOn: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(['issued', 'overdue', 'corrected', 'closed']).meta({ description: 'issued 已下发 | overdue 逾期未整改 | corrected 已整改 | closed 已办结' }),
  statusLabel: z.string(),
  findings: z.array(listed),
  original: sourceRef,
  corrected: sourceRef.nullable(),
  comparison: comparisonSchema.nullable(),
  fixed: z.number().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
const rank = z.object({ rank: z.number(), tied: z.boolean(), of: z.number(), phrase: z.string() });
const n = z.number().nullable();
export const figureRow = z.object({
  subjectAgencyId: z.number(),
  agency: z.string(),
  year: z.number(),
  source,
  version: z.number().nullable(),
  fileName: z.string().nullable(),
  format: z.enum(['2019', '2021']),
  received: n,
  carriedOver: n,
  answered: n,
  carriedForward: n,
  disclosed: n,
  partial: n,
  withheld: n,
  unavailable: n,
  notProcessed: n,
  otherOutcome: n,
  disclosedShare: n,
  reconsideration: n,
  reconsiderationUpheld: n,
  reconsiderationCorrected: n,
  reconsiderationOther: n,
  reconsiderationPending: n,
  litigation: n,
  litigationUpheld: n,
  litigationCorrected: n,
  litigationOther: n,
  litigationPending: n,
  correctedShare: n,
  documents: n,
  documentsInForce: n,
  licensing: n,
  punishment: n,
  enforcement: n,
  feesWan: n,
  errors: z.number(),
  warnings: z.number(),
  ranks: z.record(z.string(), rank),
});
export const comparisonResponse = z.object({
  figures: z.array(z.object({ key: z.string(), label: z.string(), higherFirst: z.boolean(), share: z.boolean() })),
  years: z.array(z.number()),
  rows: z.array(figureRow),
});
export const rectificationList = z.object({
  rows: z.array(rectificationSchema),
  status: z.object({ rows: z.array(rectificationSchema), counts: z.object({ issued: z.number(), overdue: z.number(), corrected: z.number(), closed: z.number() }) }),
});

// ---------------------------------------------------------------------------------------------------------
// Requests

const findingKey = z.object({
  subjectAgencyId: positiveInt32('机关编号'),
  year: int32('年度', { min: 2019, max: 2100 }),
  fingerprint: z.string().min(3).max(2000),
});
const decideBody = z.object({
  subjectAgencyId: z.number().int().positive(),
  year: z.number().int(),
  fingerprint: z.string(),
  decision: z.string().meta({ description: 'confirmed 确认 | dismissed 排除（须填写理由）' }),
  reason: z.string().optional(),
});
const undecideBody = z.object({ subjectAgencyId: z.number().int().positive(), year: z.number().int(), fingerprint: z.string().min(3).max(2000) });
const cellCorrectionBody = z.object({ fileId: z.string(), path: z.string(), value: z.number().nullable(), reason: z.string().optional() });
const issueBody = z.object({ subjectAgencyId: z.number().int().positive(), year: z.number().int(), dueOn: z.string(), fingerprints: z.array(z.string()).optional() });
const attachBody = z.object({ fileId: z.string().optional(), version: z.number().int().positive().optional() }).nullish();
const idParams = z.object({ id: z.string().max(64) });

/** A 整改通知 with its corrected report compared with the original. */
export const rectificationComparisonSchema = comparisonSchema.extend({ rectification: rectificationSchema });

// ---------------------------------------------------------------------------------------------------------
// Operations

/** What each operation of the audit, the follow-up and the comparison takes and answers (with `spec`, the shared refusals too). */
export const supervisionAuditApi = {
  // audit
  'GET /api/supervision/findings': { querystring: auditFilterSchema, response: { 200: findingsList } },
  'GET /api/supervision/findings/context': { querystring: findingKey, response: { 200: contextSchema } },
  'POST /api/supervision/findings/decide': { body: decideBody, response: { 200: decided } },
  'POST /api/supervision/findings/undecide': { body: undecideBody, response: { 200: ok } },
  // corrections
  'GET /api/supervision/corrections': { querystring: z.object({ fileId: z.uuid({ error: '文件标识无效' }) }), response: { 200: z.array(correction) } },
  'POST /api/supervision/corrections': { body: cellCorrectionBody, response: { 201: correction } },
  // 整改
  'GET /api/supervision/rectifications': {
    querystring: z.object({ subjectAgencyId: positiveInt32('机关编号').optional(), year: int32('年度', { min: 2019, max: 2100 }).optional() }),
    response: { 200: rectificationList },
  },
  'POST /api/supervision/rectifications': { body: issueBody, response: { 201: rectificationSchema } },
  'GET /api/supervision/rectifications/:id': { params: idParams, response: { 200: rectificationSchema } },
  'GET /api/supervision/rectifications/:id/notice.docx': { params: idParams, response: { 200: download('整改通知（.docx）', [MEDIA.docx]) } },
  'POST /api/supervision/rectifications/:id/corrected': { params: idParams, body: attachBody, response: { 200: rectificationSchema } },
  'GET /api/supervision/rectifications/:id/comparison': { params: idParams, response: { 200: rectificationComparisonSchema } },
  // comparison
  'GET /api/supervision/comparison': { querystring: comparisonQuerySchema, response: { 200: comparisonResponse } },
  'GET /api/supervision/export.xlsx': { querystring: comparisonQuerySchema, response: { 200: download('审查工作簿（.xlsx）', [MEDIA.xlsx]) } },
} satisfies Record<string, Operation>;
