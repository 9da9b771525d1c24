/**
 * Administration (src/http/routes/admin.ts): the agency's accounts, the holiday calendar, the notice
 * templates (答复书 and every other notice), the agency's details and settings.
 */
import { z } from 'zod';
import { NOTICE_KEYS } from '../../core/applications/notices';
import { ROLES } from '../../core/applications/workflow';
import { int32 } from '../../core/safe-input';
import { publicContact } from './public';
import { agencyParams, day, id, int, ok, timestamp, type Operation } from './common';

// ---------------------------------------------------------------------------------------------------------
// Accounts

const ROLE_CODES = 'officer 信息公开工作人员 | reviewer 审核人 | admin 管理员 | supervisor 监督人员';

/** An account of the agency (src/services/accounts.ts listUsers). */
export const userAccount = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()).describe(ROLE_CODES),
  active: z.boolean().describe('false：已停用'),
  lockedUntil: timestamp.nullable().describe('密码连续错误被锁定时：锁定到何时（未锁定为 null）'),
  createdAt: timestamp,
});

export const newUserBody = z.object({
  username: z.string(),
  displayName: z.string(),
  password: z.string(),
  roles: z.array(z.enum(ROLES, { error: '角色无效' })).min(1, '至少选择一个角色'),
});

export const userChangeBody = z
  .object({ roles: z.array(z.enum(ROLES)).optional(), active: z.boolean().optional(), password: z.string().optional().describe('新密码') })
  .describe('要修改的项（至少一项）');

const userParams = z.object({ id: z.uuid() });

// ---------------------------------------------------------------------------------------------------------
// Calendar

const dayKind = z.enum(['holiday', 'workday']).describe('holiday 放假 | workday 调休上班');
const calendarEntry = z.object({ date: z.string(), kind: dayKind, name: z.string().describe('节日名称') });

/** The calendar in use: the years the package has, the years entered, and the days entered (src/services/calendar.ts). */
export const calendarStatus = z.object({
  packageYears: z.array(int).describe('程序自带放假安排的年份'),
  enteredYears: z.array(z.object({ year: int, source: z.string().describe('通知文号'), createdAt: timestamp })).describe('管理员录入放假安排的年份'),
  overrides: z.array(z.object({ date: day, kind: dayKind, name: z.string(), createdAt: timestamp })).describe('管理员录入的日期'),
});

const calendarYearParams = z.object({ year: int32('年份', { min: 2000, max: 2100 }) });

export const calendarYearBody = z.object({
  source: z.string({ error: '请填写通知文号' }).describe('国务院办公厅通知文号'),
  entries: z.array(
    z.object({ date: z.string(), kind: z.enum(['holiday', 'workday'], { error: '类型应为放假或调休上班' }).describe('holiday 放假 | workday 调休上班'), name: z.string() }),
  ),
});

export const holidayNoticeBody = z.object({
  text: z.string({ error: '请粘贴通知正文' }),
  year: int32('年份', { min: 2000, max: 2100 }).optional(),
});

/** The notice as read (src/core/clock/holiday-notice.ts), and whether its year is already known. */
export const holidayNoticeReading = z.object({
  year: int.nullable(),
  source: z.string().nullable(),
  festivals: z.array(z.object({ name: z.string(), holidays: z.array(z.string()), workdays: z.array(z.string()), statedDays: int.nullable(), text: z.string() })),
  entries: z.array(calendarEntry),
  problems: z.array(z.string()),
  notes: z.array(z.string()),
  known: z.enum(['package', 'entered']).nullable(),
  enteredSource: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------------------
// Notice templates

export const letterTemplate = z.object({
  body: z.string().describe('答复书模板'),
  custom: z.boolean().describe('false：使用默认模板'),
  placeholders: z.array(z.string()).describe('可用的占位符'),
});

/** A kind of notice with the agency's template (src/services/notices.ts TemplateView). */
export const noticeTemplate = z.object({
  kind: z.enum(NOTICE_KEYS),
  title: z.string(),
  article: z.string().describe('依据的条款'),
  public: z.boolean().describe('是否发给申请人（在查询页面可下载）'),
  placeholders: z.array(z.string()).readonly(),
  required: z.array(z.object({ name: z.string(), why: z.string() })).readonly().describe('模板必须保留的占位符及原因'),
  sample: z.record(z.string(), z.string()).describe('预览用的示例值'),
  defaultBody: z.string(),
  body: z.string(),
  custom: z.boolean(),
});

const letterTemplateBody = z.object({ body: z.string().min(1, '模板不能为空') });
const noticeTemplateBody = z.object({ body: z.string({ error: '模板不能为空' }).min(1, '模板不能为空') });

// ---------------------------------------------------------------------------------------------------------
// The agency

/** The agency's contact details and settings, as its staff see them. */
export const agencyContact = publicContact.extend({
  shortName: z.string().optional().describe('机关简称（通知书文号用）'),
  noticeNumberPattern: z.string().optional().describe('通知书文号格式'),
  allowSingleOfficer: z.boolean().optional().describe('一人办公：同一人可办理四眼原则要求两人办理的步骤'),
  reportDeadlines: z
    .object({ department: z.string().optional(), government: z.string().optional() })
    .optional()
    .describe('上级机关规定的下级年度报告截止日期（MM-DD）'),
});

export const agency = z.object({
  id: int,
  parentId: int.nullable().describe('上级机关'),
  name: z.string(),
  kind: z.string().describe('government 人民政府 | department 部门 | office 办公室等'),
  contact: agencyContact,
});

export const contactBody = z.object({
  office: z.string().max(100).optional(),
  address: z.string().max(200).optional(),
  postcode: z.string().max(10).optional(),
  phone: z.string().max(50).optional(),
  fax: z.string().max(50).optional(),
  email: z.string().max(100).optional(),
  hours: z.string().max(200).optional(),
  website: z.string().max(200).optional(),
  reconsiderationBody: z.string().max(100).optional(),
  court: z.string().max(100).optional(),
  shortName: z.string().max(20, '机关简称不能超过 20 字').optional(),
  noticeNumberPattern: z.string().max(60, '文号格式不能超过 60 字').optional(),
  allowSingleOfficer: z.boolean({ error: '“一人办公”应为是或否' }).optional(),
});

export const adminApi = {
  'GET /api/agencies/:agencyId/users': { params: agencyParams, response: { 200: z.array(userAccount).describe('按用户名排序') } },
  'POST /api/agencies/:agencyId/users': { params: agencyParams, body: newUserBody, response: { 201: z.object({ id }) } },
  'PATCH /api/users/:id': { params: userParams, body: userChangeBody, response: { 200: ok } },
  'POST /api/users/:id/unlock': { params: userParams, noBody: true, response: { 200: ok } },
  'GET /api/calendar': { response: { 200: calendarStatus } },
  'PUT /api/calendar/:year': { params: calendarYearParams, body: calendarYearBody, response: { 200: ok } },
  'POST /api/calendar/notice': { body: holidayNoticeBody, response: { 200: holidayNoticeReading } },
  'GET /api/agencies/:agencyId/letter-template': { params: agencyParams, response: { 200: letterTemplate } },
  'PUT /api/agencies/:agencyId/letter-template': { params: agencyParams, body: letterTemplateBody, response: { 200: ok } },
  'GET /api/agencies/:agencyId/notice-templates': { params: agencyParams, response: { 200: z.array(noticeTemplate).describe('每类通知书一项') } },
  'PUT /api/agencies/:agencyId/notice-templates/:kind': {
    params: agencyParams.extend({ kind: z.enum(NOTICE_KEYS, { error: '未知的通知书类别' }) }),
    body: noticeTemplateBody,
    response: { 200: ok },
  },
  'GET /api/agencies/:agencyId': { params: agencyParams, response: { 200: agency } },
  'PUT /api/agencies/:agencyId/contact': { params: agencyParams, body: contactBody, response: { 200: ok } },
} satisfies Record<string, Operation>;
