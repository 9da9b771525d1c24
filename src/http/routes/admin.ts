/**
 * Administration: accounts of the agency, the holiday calendar, the notice templates (答复书 and every other
 * notice), contact details (with the 文号 of the notices).
 */
import type { Role } from '../../core/applications/workflow';
import type { CalendarOverride } from '../../core/clock/calendar';
import type { Ctx } from '../../services/context';
import { createUser, listUsers, unlockUser, updateUser } from '../../services/accounts';
import { assertRead, getAgency, updateAgencyContact } from '../../services/agencies';
import { calendarStatus, readHolidayNotice, setCalendarYear } from '../../services/calendar';
import { saveReplyTemplate, staffReplyTemplate } from '../../services/letters';
import { saveNoticeTemplate, staffNoticeTemplates } from '../../services/notices';
import { NOTICE_KINDS, numberPatternProblems } from '../../core/applications/notices';
import { badInput } from '../../services/errors';
import { spec } from '../schemas/common';
import { adminApi, agency, calendarStatus as calendarStatusSchema, holidayNoticeReading, letterTemplate, noticeTemplate, userAccount } from '../schemas/admin';
import type { Assert, Declares } from '../schemas/route';
import { requireStaff, type TypedApp } from '../app';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The answers declare every key the services return (a key they lack would be dropped). */
export type AdminDeclared = [
  Assert<Declares<typeof userAccount, Result<typeof listUsers>[number]>>,
  Assert<Declares<typeof calendarStatusSchema, Result<typeof calendarStatus>>>,
  Assert<Declares<typeof holidayNoticeReading, Result<typeof readHolidayNotice>>>,
  Assert<Declares<typeof letterTemplate, Result<typeof staffReplyTemplate> & { placeholders: readonly string[] }>>,
  Assert<Declares<typeof noticeTemplate, Result<typeof staffNoticeTemplates>[number]>>,
  Assert<Declares<typeof agency, Result<typeof getAgency>>>,
];

export function registerAdminRoutes(app: TypedApp, ctx: Ctx): void {
  const tags = ['管理'];

  app.get('/api/agencies/:agencyId/users', { schema: { tags, summary: '本机关账号', ...spec(adminApi['GET /api/agencies/:agencyId/users']) } }, async (request) =>
    listUsers(ctx.db, requireStaff(request), request.params.agencyId, ctx.clock.now()),
  );
  app.post('/api/agencies/:agencyId/users', { schema: { tags, summary: '新建账号', ...spec(adminApi['POST /api/agencies/:agencyId/users']) } }, async (request, reply) => {
    reply.code(201);
    return createUser(ctx.db, { ...request.body, agencyId: request.params.agencyId }, requireStaff(request));
  });
  app.patch('/api/users/:id', { schema: { tags, summary: '修改账号（角色、停用、重置密码）', ...spec(adminApi['PATCH /api/users/:id']) } }, async (request) => {
    await updateUser(ctx.db, requireStaff(request), request.params.id, { ...request.body, roles: request.body.roles as Role[] | undefined });
    return { ok: true as const };
  });
  app.post('/api/users/:id/unlock', { schema: { tags, summary: '解锁账号（密码连续错误被锁定的）', ...spec(adminApi['POST /api/users/:id/unlock']) } }, async (request) => {
    await unlockUser(ctx.db, requireStaff(request), request.params.id, ctx.clock.now());
    return { ok: true as const };
  });

  app.get('/api/calendar', { schema: { tags, summary: '节假日安排（已收录年份与管理员录入的调整）', ...spec(adminApi['GET /api/calendar']) } }, async (request) => {
    requireStaff(request);
    const status = await calendarStatus(ctx.db);
    // the kinds were checked when entered (setCalendarYear)
    return { ...status, overrides: status.overrides.map((o) => ({ ...o, kind: o.kind as CalendarOverride['kind'] })) };
  });
  app.put('/api/calendar/:year', { schema: { tags, summary: '录入某年的放假安排（国务院办公厅通知）', ...spec(adminApi['PUT /api/calendar/:year']) } }, async (request) => {
    await setCalendarYear(ctx.db, requireStaff(request), request.params.year, request.body.source, request.body.entries);
    return { ok: true as const };
  });
  app.post(
    '/api/calendar/notice',
    { schema: { tags, summary: '识别粘贴的国务院办公厅放假通知（不保存，供确认后录入）', ...spec(adminApi['POST /api/calendar/notice']) } },
    async (request) => readHolidayNotice(ctx.db, requireStaff(request), request.body.text, request.body.year),
  );

  app.get('/api/agencies/:agencyId/letter-template', { schema: { tags, summary: '答复书模板', ...spec(adminApi['GET /api/agencies/:agencyId/letter-template']) } }, async (request) => {
    return { ...(await staffReplyTemplate(ctx.db, requireStaff(request), request.params.agencyId)), placeholders: [...NOTICE_KINDS.reply.placeholders] };
  });
  app.put('/api/agencies/:agencyId/letter-template', { schema: { tags, summary: '修改答复书模板', ...spec(adminApi['PUT /api/agencies/:agencyId/letter-template']) } }, async (request) => {
    await saveReplyTemplate(ctx.db, requireStaff(request), request.params.agencyId, request.body.body);
    return { ok: true as const };
  });

  app.get(
    '/api/agencies/:agencyId/notice-templates',
    { schema: { tags, summary: '各类通知书模板（补正告知书、延期答复告知书、征求意见函、收费通知书、答复书……）', ...spec(adminApi['GET /api/agencies/:agencyId/notice-templates']) } },
    async (request) => staffNoticeTemplates(ctx.db, requireStaff(request), request.params.agencyId),
  );
  app.put(
    '/api/agencies/:agencyId/notice-templates/:kind',
    { schema: { tags, summary: '修改一类通知书的模板', ...spec(adminApi['PUT /api/agencies/:agencyId/notice-templates/:kind']) } },
    async (request) => {
      await saveNoticeTemplate(ctx.db, requireStaff(request), request.params.agencyId, request.params.kind, request.body.body);
      return { ok: true as const };
    },
  );

  app.get('/api/agencies/:agencyId', { schema: { tags, summary: '机关信息', ...spec(adminApi['GET /api/agencies/:agencyId']) } }, async (request) => {
    await assertRead(ctx.db, requireStaff(request), request.params.agencyId);
    return getAgency(ctx.db, request.params.agencyId);
  });
  app.put(
    '/api/agencies/:agencyId/contact',
    { schema: { tags, summary: '修改机关联系方式（用于答复书与公开指南）', ...spec(adminApi['PUT /api/agencies/:agencyId/contact']) } },
    async (request) => {
      const pattern = request.body.noticeNumberPattern?.trim();
      const problems = pattern ? numberPatternProblems(pattern) : [];
      if (problems.length > 0) throw badInput(problems[0], problems.map((message) => ({ path: 'noticeNumberPattern', message })));
      await updateAgencyContact(ctx.db, requireStaff(request), request.params.agencyId, request.body);
      return { ok: true as const };
    },
  );
}
