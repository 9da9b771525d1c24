/**
 * The public portal (src/http/routes/public.ts): the agencies, online intake, following a case by its
 * tracking code, the 公开目录 and 公开指南, and the published annual reports.
 */
import { z } from 'zod';
import { intakeSchema } from '../../core/applications/intake';
import { STATUSES } from '../../core/applications/workflow';
import { int32 } from '../../core/safe-input';
import { reportSchema } from '../../core/report/model';
import { registryFilterSchema } from '../../services/registry';
import { publicClock } from './clock';
import { MEDIA, agencyParams, day, download, id, int, page, timestamp, type Operation } from './common';

// ---------------------------------------------------------------------------------------------------------
// Agencies

/** The contact details the public guide shows (not the agency's internal settings: 文号, four eyes). */
export const publicContact = z.object({
  office: z.string().optional().describe('受理机构'),
  address: z.string().optional(),
  postcode: z.string().optional(),
  phone: z.string().optional(),
  fax: z.string().optional(),
  email: z.string().optional(),
  hours: z.string().optional().describe('受理时间'),
  website: z.string().optional(),
  reconsiderationBody: z.string().optional().describe('行政复议机关'),
  court: z.string().optional().describe('管辖的人民法院'),
});

export const publicAgency = z.object({
  id: int,
  name: z.string(),
  parentId: int.nullable().describe('上级机关'),
  kind: z.string().describe('government 人民政府 | department 部门 | office 办公室等'),
  contact: publicContact,
});

// ---------------------------------------------------------------------------------------------------------
// Intake and tracking

export const trackingParams = z.object({ code: z.string().trim().min(3, '请填写查询码').max(40, '查询码无效') });

/** An application as the public form sends it; the service checks it (checksums of ID numbers included). */
export const intakeBody = intakeSchema;

export const intakeAnswer = z
  .object({ trackingCode: z.string().describe('查询码'), receivedOn: day.describe('收到申请之日'), agencyName: z.string() })
  .describe('已收到申请：凭查询码查询办理进度');

export const correctionBody = z.object({ text: z.string().trim().min(2, '请填写补正内容').max(4000, '补正内容不能超过 4000 字').describe('补正内容') });

/** What the applicant sees of a case. */
export const trackAnswer = z.object({
  trackingCode: z.string(),
  agencyName: z.string(),
  receivedOn: day,
  description: z.string().describe('所需政府信息的描述'),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  decisionLabel: z.string().nullable().describe('答复的处理结果'),
  repliedOn: day.nullable(),
  steps: z.array(z.object({ on: day, label: z.string(), detail: z.string().optional() })).describe('申请人可见的办理过程'),
  clock: publicClock,
  notices: z
    .array(z.object({ id: id.describe('文书编号，下载地址为 …/letters/{id}'), title: z.string(), number: z.string().describe('文号'), issuedOn: day }))
    .describe('发给申请人的告知书、答复书'),
  correction: z.object({ items: z.string().describe('需要补正的事项'), dueOn: z.string().describe('补正期限') }).nullable().describe('待补正时：补正事项与期限'),
});

// ---------------------------------------------------------------------------------------------------------
// 公开目录 and 公开指南

export const catalogueQuery = registryFilterSchema.omit({ status: true });

export const catalogueItem = z.object({
  id,
  title: z.string(),
  category: int.describe('条例第二十条的项（1–15）'),
  categoryLabel: z.string(),
  documentNumber: z.string().nullable().describe('文号'),
  publishedOn: day.nullable(),
  docKind: z.string().nullable().describe('regulation 规章 | normativeDocument 行政规范性文件'),
  repealedOn: day.nullable(),
  summary: z.string().nullable(),
  url: z.string().nullable().describe('原文地址'),
  channels: z.record(z.string(), z.string()).describe('公开渠道 → 栏目或账号'),
  inForce: z.boolean().nullable().describe('规章、规范性文件：是否现行有效'),
});

export const catalogueAnswer = z.object({
  total: int,
  items: z.array(catalogueItem),
  categories: z.array(z.object({ no: int, label: z.string(), count: int })).describe('各类别已公开的条数'),
});

export const publicGuide = z.object({ body: z.string().describe('公开指南全文'), updatedAt: timestamp.nullable().describe('最后修改时间（未修改过时为 null，内容为按机关信息生成的默认指南）') });

// ---------------------------------------------------------------------------------------------------------
// Annual reports

const REPORT_SOURCES = 'published 本系统发布 | imported 依已公布文本整理';

export const publicReportEntry = z.object({ year: int, version: int.describe('版本（更正后递增）'), source: z.string().describe(REPORT_SOURCES), publishedAt: timestamp });

export const reportSections = z.object({
  overview: z.string().optional().describe('一、总体情况'),
  problems: z.string().optional().describe('五、存在的主要问题及改进情况'),
  other: z.string().optional().describe('六、其他需要报告的事项'),
});

export const publicReportAnswer = z.object({
  year: int,
  version: int,
  source: z.string().describe(REPORT_SOURCES),
  publishedAt: timestamp,
  report: reportSchema.describe('年度报告的数据（表二至表四，见 docs/report-model.md）'),
  sections: reportSections,
});

const yearParams = agencyParams.extend({ year: int32('年度') });

export const publicApi = {
  'GET /api/public/agencies': { response: { 200: z.array(publicAgency) } },
  'POST /api/public/applications': {
    body: intakeBody,
    form: 'json+multipart',
    response: { 201: intakeAnswer },
  },
  'GET /api/public/track/:code': { params: trackingParams, response: { 200: trackAnswer } },
  'POST /api/public/track/:code/correction': {
    params: trackingParams,
    body: correctionBody,
    form: 'json+multipart',
    response: { 200: trackAnswer.describe('补正已收到：答复期限自今日起重新计算') },
  },
  'GET /api/public/track/:code/letters/:id': {
    params: trackingParams.extend({ id: z.uuid('附件无效') }),
    response: { 200: download('告知书或答复书（Word）', [MEDIA.docx]) },
  },
  'GET /api/public/agencies/:agencyId/catalogue': { params: agencyParams, querystring: catalogueQuery, response: { 200: catalogueAnswer } },
  'GET /api/public/agencies/:agencyId/guide': { params: agencyParams, response: { 200: publicGuide } },
  'GET /api/public/agencies/:agencyId/reports': { params: agencyParams, response: { 200: z.array(publicReportEntry).describe('每年度最新的版本') } },
  'GET /api/public/agencies/:agencyId/reports/:year': { params: yearParams, response: { 200: publicReportAnswer } },
  'GET /api/public/agencies/:agencyId/reports/:year/page': { params: yearParams, response: { 200: page('年度报告网页（可嵌入门户）') } },
  'GET /api/public/agencies/:agencyId/reports/:year/download/:kind': {
    params: yearParams.extend({ kind: z.enum(['docx', 'xlsx'], { error: '文件格式应为 docx 或 xlsx' }) }),
    response: { 200: download('年度报告的 Word 或 Excel 文件', [MEDIA.docx, MEDIA.xlsx]) },
  },
} satisfies Record<string, Operation>;
