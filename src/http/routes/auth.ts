import { z } from 'zod';
import type { Config } from '../../config';
import type { Ctx } from '../../services/context';
import { SESSION_COOKIE, SESSION_HOURS, changePassword, login, logout } from '../../services/accounts';
import { getAgency } from '../../services/agencies';
import { requireStaff, type TypedApp } from '../app';

export function registerAuthRoutes(app: TypedApp, ctx: Ctx, config: Config): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['账号'],
        summary: '工作人员登录',
        body: z.object({ username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(100), password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200) }),
      },
    },
    async (request, reply) => {
      const { token, user } = await login(ctx.db, request.body.username, request.body.password, ctx.clock.now(), request.ip);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
      const agency = await getAgency(ctx.db, user.agencyId);
      return { user: { ...user, agencyName: agency.name } };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['账号'], summary: '退出登录' } }, async (request, reply) => {
    await logout(ctx.db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['账号'], summary: '当前登录的工作人员' } }, async (request) => {
    const staff = requireStaff(request);
    const agency = await getAgency(ctx.db, staff.agencyId);
    return { user: { ...staff, agencyName: agency.name, agencyParentId: agency.parentId } };
  });

  app.post(
    '/api/auth/password',
    {
      config: { rateLimit: { max: config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['账号'], summary: '修改密码', body: z.object({ current: z.string().min(1, '请填写当前密码'), next: z.string().min(1, '请填写新密码') }) },
    },
    async (request) => {
      const staff = requireStaff(request);
      await changePassword(ctx.db, staff, request.body.current, request.body.next, request.cookies[SESSION_COOKIE]);
      return { ok: true };
    },
  );
}
