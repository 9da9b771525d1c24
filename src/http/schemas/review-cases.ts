/**
 * 行政复议 / 行政诉讼 cases (src/http/routes/review-cases.ts; table 四 of the annual report).
 */
import { z } from 'zod';
import { int32 } from '../../core/safe-input';
import { REVIEW_GROUPS } from '../../core/report/template';
import { agencyParams, day, id, int, ok, timestamp, type Operation } from './common';

const KINDS = REVIEW_GROUPS.map((g) => g.key) as [string, ...string[]];
const OUTCOMES = ['upheld', 'corrected', 'other', 'pending'] as const;

/**
 * A case as entered (src/services/review-cases.ts checks it: an outcome other than pending needs the day it
 * was decided, which is not before the day it was filed; filed by today; the application is this agency's).
 */
export const reviewCaseBody = z.object({
  applicationId: z.uuid('关联的申请无效').nullish().describe('关联的申请'),
  kind: z.enum(KINDS, { error: '请选择案件类型（行政复议、直接起诉或复议后起诉）' }),
  caseNumber: z.string().trim().max(100).nullish().describe('案号'),
  body: z.string().trim().max(200).nullish().describe('复议机关或人民法院'),
  filedOn: day.describe('立案（受理）日期'),
  outcome: z.enum(OUTCOMES, { error: '请选择结果' }).default('pending').describe('upheld 结果维持 | corrected 结果纠正 | other 其他结果 | pending 尚未审结'),
  decidedOn: day.nullish().describe('审结日期'),
  notes: z.string().trim().max(2000).nullish(),
});

export const reviewCase = z.object({
  agencyId: int,
  id,
  applicationId: id.nullable(),
  kind: z.string(),
  kindLabel: z.string(),
  caseNumber: z.string().nullable(),
  body: z.string().nullable(),
  filedOn: day,
  outcome: z.string(),
  outcomeLabel: z.string(),
  decidedOn: day.nullable(),
  notes: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const caseParams = agencyParams.extend({ id: z.uuid() });

export const reviewCasesApi = {
  'GET /api/agencies/:agencyId/review-cases': {
    params: agencyParams,
    querystring: z.object({ applicationId: z.uuid().optional(), year: int32('年度').optional() }),
    response: { 200: z.array(reviewCase).describe('按立案日期排序') },
  },
  'POST /api/agencies/:agencyId/review-cases': { params: agencyParams, body: reviewCaseBody, response: { 201: z.object({ id }) } },
  'PUT /api/agencies/:agencyId/review-cases/:id': { params: caseParams, body: reviewCaseBody, response: { 200: ok } },
} satisfies Record<string, Operation>;
