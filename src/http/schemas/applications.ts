/**
 * 依申请公开 case handling in the back office (src/http/routes/applications.ts): the queue, registration, the
 * case page, the steps and their notices, the files of a case, and the colleagues a case can be assigned to.
 */
import { z } from 'zod';
import { CHANNELS, applicantSchema, requestSchema } from '../../core/applications/intake';
import { STAFF_UPLOAD_KINDS } from '../../core/applications/labels';
import { ACTIONS, ROLES, STATUSES, TRANSITIONS, type Action } from '../../core/applications/workflow';
import { positiveInt32 } from '../../core/safe-input';
import { ACTION_SCHEMAS } from '../../services/applications/steps';
import { queueFilterSchema } from '../../services/applications/queue';
import { caseClock } from './clock';
import { MEDIA, agencyParams, day, download, fileBytes, id, int, timestamp, type Operation } from './common';

export const caseParams = agencyParams.extend({ id: z.uuid('申请编号无效') });
const actionParams = caseParams.extend({ action: z.enum(ACTIONS, { error: '无效的办理步骤' }) });

// ---------------------------------------------------------------------------------------------------------
// The queue and the case page

/** A case as the queue and every case page show it, with its clock. */
export const caseSummary = z.object({
  id,
  trackingCode: z.string(),
  applicantName: z.string(),
  applicantType: z.string().describe('natural | commercial | research | publicInterest | legal | otherOrg'),
  applicantTypeLabel: z.string(),
  channel: z.string().describe('online | inPerson | post | ordinaryLetter | fax'),
  receivedOn: day,
  description: z.string(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  assigneeId: id.nullable(),
  assigneeName: z.string().nullable(),
  decision: z.string().nullable().describe('答复的处理结果（年度报告表三的行）'),
  decisionLabel: z.string().nullable(),
  repliedOn: day.nullable(),
  version: int.describe('版本：办理步骤时以 ?version= 防止覆盖他人的更新'),
  clock: caseClock,
});

/** The application as received (its row). */
export const applicationRecord = z.object({
  agencyId: int,
  id,
  trackingCode: z.string(),
  channel: z.string(),
  channelLabel: z.string(),
  submittedAt: timestamp,
  receivedOn: day,
  receiptReason: z.string().describe('收到申请之日的认定理由（条例第三十一条）'),
  applicantType: z.string(),
  applicantName: z.string(),
  idType: z.string(),
  idNumber: z.string(),
  legalRepresentative: z.string().nullable(),
  contactPerson: z.string().nullable(),
  phone: z.string(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  description: z.string(),
  documentNumber: z.string().nullable(),
  purpose: z.string().nullable(),
  form: z.string().describe('paper | electronic'),
  delivery: z.string().describe('post | email | pickup | online | fax'),
  status: z.string(),
  assigneeId: id.nullable(),
  outcome: z.string().nullable(),
  outcomeBasis: z.string().nullable(),
  replyText: z.string().nullable().describe('答复书正文（发出时定稿）'),
  repliedOn: day.nullable(),
  closedOn: day.nullable(),
  feeYuan: z.number().nullable().describe('信息处理费（元）'),
  createdBy: id.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  version: int,
});

export const timelineEvent = z.object({
  id: int,
  kind: z.string().describe('步骤（submitted、registered 或办理步骤）'),
  label: z.string(),
  on: day,
  data: z.record(z.string(), z.unknown()).describe('步骤记录的内容'),
  actor: z.string(),
  at: timestamp,
});

export const attachmentInfo = z.object({ id, kind: z.string(), filename: z.string(), mime: z.string(), size: int, createdAt: timestamp });

export const auditEntry = z.object({ id: int, action: z.string(), actor: z.string(), at: timestamp, before: z.unknown(), after: z.unknown() });

export const caseDetail = caseSummary.extend({
  application: applicationRecord,
  extension: z.enum(['none', 'requested', 'approved', 'rejected']).describe('延期申请'),
  timeline: z.array(timelineEvent),
  attachments: z.array(attachmentInfo),
  audit: z.array(auditEntry),
  allowedActions: z.array(z.enum(ACTIONS)).describe('当前用户现在可以办理的步骤'),
  allowedDecisions: z.array(z.string()).describe('现在可以作出的处理结果'),
});

// ---------------------------------------------------------------------------------------------------------
// Registration and steps

/** An application received in person, by post or by fax, as staff register it (the agency is the path's). */
export const registrationBody = applicantSchema.and(requestSchema).and(
  z.object({
    channel: z.enum(CHANNELS, { error: '请选择申请方式' }),
    date: day.describe('收到日期：当面提交之日、邮件签收之日或与申请人确认之日'),
  }),
);

export const createdApplication = z.object({ id, agencyId: int, trackingCode: z.string(), receivedOn: day, agencyName: z.string() });

/** What each step takes (src/services/applications/steps.ts ACTION_SCHEMAS); the step is the path's `action`. */
export type ActionBody<A extends Action> = z.input<(typeof ACTION_SCHEMAS)[A]>;
type ActionSchema = (typeof ACTION_SCHEMAS)[Action];
export const actionBody = z
  .union(ACTIONS.map((a) => ACTION_SCHEMAS[a].meta({ title: a, description: TRANSITIONS[a].label })) as unknown as [ActionSchema, ...ActionSchema[]])
  .describe('所办步骤（路径中的 action）所需的内容：各步骤一种');

export const actionAnswer = z.object({
  id,
  status: z.enum(STATUSES),
  version: int,
  notice: z.object({ id: id.describe('通知书'), number: z.string().describe('文号') }).nullable().describe('本步骤发出的通知书'),
});

export const noticePreview = z
  .object({ kind: z.string(), title: z.string(), text: z.string() })
  .nullable()
  .describe('本步骤将发出的通知书草稿（不发出通知书的步骤为 null）');

/** A file staff upload to a case: one part, named by its kind. */
export const attachmentForm = z
  .object(Object.fromEntries(['providedInformation', 'supporting', 'correction', 'consultation', 'other'].map((k) => [k, fileBytes.optional()])))
  .describe('一个文件，字段名为附件类别');

/** What waits for the reviewer (src/services/applications/waiting.ts). */
export const waitingAnswer = z.object({
  extensions: int.describe('延期申请尚未批准或不批准的在办申请件数'),
  reports: z.array(z.object({ year: int, submittedAt: z.string().nullable(), submittedBy: z.string().nullable() })).describe('已提交待审批的年度报告'),
});

export const colleague = z.object({ id, displayName: z.string(), roles: z.array(z.enum(ROLES)) });

const ATTACHMENT_TYPES = [MEDIA.pdf, MEDIA.jpg, MEDIA.png, MEDIA.docx, MEDIA.xlsx];

export const applicationsApi = {
  'GET /api/agencies/:agencyId/applications': { params: agencyParams, querystring: queueFilterSchema, response: { 200: z.array(caseSummary).describe('按期限排序：已超期的在前') } },
  'POST /api/agencies/:agencyId/applications': { params: agencyParams, body: registrationBody, form: 'json+multipart', response: { 201: createdApplication } },
  'GET /api/agencies/:agencyId/waiting': { params: agencyParams, response: { 200: waitingAnswer } },
  'GET /api/agencies/:agencyId/applications/:id': { params: caseParams, response: { 200: caseDetail } },
  'POST /api/agencies/:agencyId/applications/:id/actions/:action': {
    params: actionParams,
    querystring: z.object({ version: positiveInt32('版本号').optional() }),
    body: actionBody,
    response: { 200: actionAnswer },
  },
  'POST /api/agencies/:agencyId/applications/:id/preview/:action': { params: actionParams, body: actionBody, response: { 200: noticePreview } },
  'POST /api/agencies/:agencyId/applications/:id/attachments': { params: caseParams, body: attachmentForm, form: 'multipart', response: { 201: z.object({ id }) } },
  'GET /api/agencies/:agencyId/applications/:id/attachments/:attachmentId': {
    params: caseParams.extend({ attachmentId: z.uuid() }),
    response: { 200: download('附件（其本来的文件类型）', ATTACHMENT_TYPES) },
  },
  'GET /api/colleagues': { response: { 200: z.array(colleague).describe('本机关在职的工作人员') } },
} satisfies Record<string, Operation>;
