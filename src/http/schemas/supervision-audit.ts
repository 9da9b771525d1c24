/**
 * The answers of the supervising office's audit, follow-up (整改) and comparison (src/http/routes/supervision-audit.ts).
 * Zod and the pure core only: the web app's pages (web/src/pages/admin/supervision) take their types from here.
 */
import { z } from 'zod';
import { reportSchema } from '../../core/report/model';

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
