/**
 * Staff sign-in (src/http/routes/auth.ts).
 */
import { z } from 'zod';
import { ROLES } from '../../core/applications/workflow';
import { id, int, ok, type Operation } from './common';

export const loginBody = z.object({
  username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(100),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200),
});

export const passwordBody = z.object({ current: z.string().min(1, '请填写当前密码'), next: z.string().min(1, '请填写新密码') });

/** The signed-in staff member, with the agency they work at. */
export const staffUser = z.object({
  kind: z.literal('staff'),
  userId: id,
  name: z.string().describe('姓名'),
  username: z.string(),
  agencyId: int,
  agencyName: z.string(),
  agencyParentId: int.nullable().describe('上级机关（监督机关看得到下级机关的记录）'),
  roles: z.array(z.enum(ROLES)),
});

export const authApi = {
  'POST /api/auth/login': {
    body: loginBody,
    response: { 200: z.object({ user: staffUser.omit({ username: true, agencyParentId: true }) }).describe('已登录：会话保存在 http-only Cookie 中') },
  },
  'POST /api/auth/logout': { noBody: true, response: { 200: ok } },
  'GET /api/auth/me': { response: { 200: z.object({ user: staffUser }) } },
  'POST /api/auth/password': { body: passwordBody, response: { 200: ok.describe('密码已修改，该用户的其他会话已结束') } },
} satisfies Record<string, Operation>;
