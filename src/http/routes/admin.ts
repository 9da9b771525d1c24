/**
 * Administration: accounts of the agency, the holiday calendar, the notice templates (答复书 and every other
 * notice), contact details (with the 文号 of the notices).
 */
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import { ROLES, type Role } from '../../core/applications/workflow';
import type { Ctx } from '../../services/context';
import { createUser, listUsers, unlockUser, updateUser } from '../../services/accounts';
import { assertRead, getAgency, updateAgencyContact } from '../../services/agencies';
import { calendarStatus, readHolidayNotice, setCalendarYear } from '../../services/calendar';
import { saveReplyTemplate, staffReplyTemplate } from '../../services/letters';
import { saveNoticeTemplate, staffNoticeTemplates } from '../../services/notices';
import { NOTICE_KEYS, NOTICE_KINDS, numberPatternProblems } from '../../core/applications/notices';
import { badInput } from '../../services/errors';
import { requireStaff, type TypedApp } from '../app';

const agencyParams = z.object({ agencyId: positiveInt32('机关编号', '机关编号无效') });

export function registerAdminRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['管理'];

  app.get('/api/agencies/:agencyId/users', { schema: { tags, summary: '本机关账号', params: agencyParams } }, async (request) =>
    listUsers(ctx.db, requireStaff(request), request.params.agencyId, ctx.clock.now()),
  );
  app.post(
    '/api/agencies/:agencyId/users',
    {
      schema: {
        tags,
        summary: '新建账号',
        params: agencyParams,
        body: z.object({ username: z.string(), displayName: z.string(), password: z.string(), roles: z.array(z.enum(ROLES, { error: '角色无效' })).min(1, '至少选择一个角色') }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createUser(ctx.db, { ...request.body, agencyId: request.params.agencyId }, requireStaff(request));
    },
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '修改账号（角色、停用、重置密码）',
        params: z.object({ id: z.uuid() }),
        body: z.object({ roles: z.array(z.enum(ROLES)).optional(), active: z.boolean().optional(), password: z.string().optional() }),
      },
    },
    async (request) => {
      await updateUser(ctx.db, requireStaff(request), request.params.id, { ...request.body, roles: request.body.roles as Role[] | undefined });
      return { ok: true };
    },
  );
  app.post(
    '/api/users/:id/unlock',
    { schema: { tags, summary: '解锁账号（密码连续错误被锁定的）', params: z.object({ id: z.uuid() }) } },
    async (request) => {
      await unlockUser(ctx.db, requireStaff(request), request.params.id, ctx.clock.now());
      return { ok: true };
    },
  );

  app.get('/api/calendar', { schema: { tags, summary: '节假日安排（已收录年份与管理员录入的调整）' } }, async (request) => {
    requireStaff(request);
    return calendarStatus(ctx.db);
  });
  app.put(
    '/api/calendar/:year',
    {
      schema: {
        tags,
        summary: '录入某年的放假安排（国务院办公厅通知）',
        params: z.object({ year: int32('年份', { min: 2000, max: 2100 }) }),
        body: z.object({
          source: z.string({ error: '请填写通知文号' }),
          entries: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday'], { error: '类型应为放假或调休上班' }), name: z.string() })),
        }),
      },
    },
    async (request) => {
      await setCalendarYear(ctx.db, requireStaff(request), request.params.year, request.body.source, request.body.entries);
      return { ok: true };
    },
  );

  const calendarEntry = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });
  app.post(
    '/api/calendar/notice',
    {
      schema: {
        tags,
        summary: '识别粘贴的国务院办公厅放假通知（不保存，供确认后录入）',
        body: z.object({
          text: z.string({ error: '请粘贴通知正文' }),
          year: int32('年份', { min: 2000, max: 2100 }).optional(),
        }),
        response: {
          200: z.object({
            year: z.number().int().nullable(),
            source: z.string().nullable(),
            festivals: z.array(
              z.object({ name: z.string(), holidays: z.array(z.string()), workdays: z.array(z.string()), statedDays: z.number().int().nullable(), text: z.string() }),
            ),
            entries: z.array(calendarEntry),
            problems: z.array(z.string()),
            notes: z.array(z.string()),
            known: z.enum(['package', 'entered']).nullable(),
            enteredSource: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => readHolidayNotice(ctx.db, requireStaff(request), request.body.text, request.body.year),
  );

  app.get('/api/agencies/:agencyId/letter-template', { schema: { tags, summary: '答复书模板', params: agencyParams } }, async (request) => {
    return { ...(await staffReplyTemplate(ctx.db, requireStaff(request), request.params.agencyId)), placeholders: NOTICE_KINDS.reply.placeholders };
  });
  app.put(
    '/api/agencies/:agencyId/letter-template',
    { schema: { tags, summary: '修改答复书模板', params: agencyParams, body: z.object({ body: z.string().min(1, '模板不能为空') }) } },
    async (request) => {
      await saveReplyTemplate(ctx.db, requireStaff(request), request.params.agencyId, request.body.body);
      return { ok: true };
    },
  );

  app.get('/api/agencies/:agencyId/notice-templates', { schema: { tags, summary: '各类通知书模板（补正告知书、延期答复告知书、征求意见函、收费通知书、答复书……）', params: agencyParams } }, async (request) =>
    staffNoticeTemplates(ctx.db, requireStaff(request), request.params.agencyId),
  );
  app.put(
    '/api/agencies/:agencyId/notice-templates/:kind',
    {
      schema: {
        tags,
        summary: '修改一类通知书的模板',
        params: agencyParams.extend({ kind: z.enum(NOTICE_KEYS, { error: '未知的通知书类别' }) }),
        body: z.object({ body: z.string({ error: '模板不能为空' }).min(1, '模板不能为空') }),
      },
    },
    async (request) => {
      await saveNoticeTemplate(ctx.db, requireStaff(request), request.params.agencyId, request.params.kind, request.body.body);
      return { ok: true };
    },
  );

  app.get('/api/agencies/:agencyId', { schema: { tags, summary: '机关信息', params: agencyParams } }, async (request) => {
    await assertRead(ctx.db, requireStaff(request), request.params.agencyId);
    return getAgency(ctx.db, request.params.agencyId);
  });
  app.put(
    '/api/agencies/:agencyId/contact',
    {
      schema: {
        tags,
        summary: '修改机关联系方式（用于答复书与公开指南）',
        params: agencyParams,
        body: z.object({
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
        }),
      },
    },
    async (request) => {
      const pattern = request.body.noticeNumberPattern?.trim();
      const problems = pattern ? numberPatternProblems(pattern) : [];
      if (problems.length > 0) throw badInput(problems[0], problems.map((message) => ({ path: 'noticeNumberPattern', message })));
      await updateAgencyContact(ctx.db, requireStaff(request), request.params.agencyId, request.body);
      return { ok: true };
    },
  );
}
