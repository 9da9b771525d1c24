import type { Config } from '../../config';
import type { Ctx } from '../../services/context';
import { SESSION_COOKIE, SESSION_HOURS, changePassword, login, logout } from '../../services/accounts';
import { getAgency } from '../../services/agencies';
import { authApi } from '../schemas/auth';
import { spec } from '../schemas/common';
import { requireStaff, type TypedApp } from '../app';

export function registerAuthRoutes(app: TypedApp, ctx: Ctx, config: Config): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const tags = ['账号'];

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: '工作人员登录', ...spec(authApi['POST /api/auth/login']) },
    },
    async (request, reply) => {
      const { token, user } = await login(ctx.db, request.body.username, request.body.password, ctx.clock.now(), request.ip);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
      const agency = await getAgency(ctx.db, user.agencyId);
      return { user: { ...user, agencyName: agency.name } };
    },
  );

  app.post('/api/auth/logout', { schema: { tags, summary: '退出登录', ...spec(authApi['POST /api/auth/logout']) } }, async (request, reply) => {
    await logout(ctx.db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { schema: { tags, summary: '当前登录的工作人员', ...spec(authApi['GET /api/auth/me']) } }, async (request) => {
    const staff = requireStaff(request);
    const agency = await getAgency(ctx.db, staff.agencyId);
    return { user: { ...staff, agencyName: agency.name, agencyParentId: agency.parentId } };
  });

  app.post(
    '/api/auth/password',
    {
      config: { rateLimit: { max: config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: '修改密码', ...spec(authApi['POST /api/auth/password']) },
    },
    async (request) => {
      const staff = requireStaff(request);
      await changePassword(ctx.db, staff, request.body.current, request.body.next, request.cookies[SESSION_COOKIE]);
      return { ok: true as const };
    },
  );
}
