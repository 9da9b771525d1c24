import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { changePassword, createUser, login, logout, sessionUser, updateUser } from '../../src/services/accounts';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { PASSWORD, worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)('accounts (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  it('stores an argon2id hash, never the password', async () => {
    const [row] = await ctx.db.select().from(users).where(eq(users.username, 'officer'));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it('logs in, keeps a session by token, and logs out', async () => {
    const { token, user } = await login(ctx.db, 'OFFICER', PASSWORD);
    expect(user).toMatchObject({ agencyId: w.health.id, roles: ['officer'] });
    expect(await sessionUser(ctx.db, token)).toMatchObject({ userId: w.officer.userId, username: 'officer' });
    await logout(ctx.db, token);
    expect(await sessionUser(ctx.db, token)).toBeNull();
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    await expect(login(ctx.db, 'officer', 'wrong-password-1')).rejects.toMatchObject({ status: 401, message: '用户名或密码错误' });
    await expect(login(ctx.db, 'nobody', 'wrong-password-1')).rejects.toMatchObject({ status: 401, message: '用户名或密码错误' });
  });

  it('expires sessions', async () => {
    const { token } = await login(ctx.db, 'reviewer', PASSWORD, new Date('2026-03-02T08:00:00Z'));
    expect(await sessionUser(ctx.db, token, new Date('2026-03-02T19:00:00Z'))).not.toBeNull();
    expect(await sessionUser(ctx.db, token, new Date('2026-03-02T20:01:00Z'))).toBeNull();
  });

  it('refuses weak passwords and bad usernames, naming the field', async () => {
    await expect(createUser(ctx.db, { agencyId: w.health.id, username: 'x', displayName: '某', password: 'short', roles: ['officer'] })).rejects.toMatchObject({
      status: 400,
      fields: [
        { path: 'username', message: '用户名为 3–40 位字母、数字、下划线、点或连字符' },
        { path: 'password', message: '密码至少 10 位' },
      ],
    });
    await expect(createUser(ctx.db, { agencyId: w.health.id, username: 'okname', displayName: '某', password: 'onlyletters', roles: ['officer'] })).rejects.toMatchObject({
      fields: [{ path: 'password', message: '密码须同时包含字母和数字' }],
    });
    await expect(createUser(ctx.db, { agencyId: w.health.id, username: 'Officer', displayName: '某', password: PASSWORD, roles: ['officer'] })).rejects.toMatchObject({ status: 409 });
  });

  it('lets only an administrator of the same agency create accounts', async () => {
    const input = { agencyId: w.health.id, username: 'newbie', displayName: '新人', password: PASSWORD, roles: ['officer' as const] };
    await expect(createUser(ctx.db, input, w.officer)).rejects.toMatchObject({ status: 403 });
    await expect(createUser(ctx.db, { ...input, agencyId: w.education.id }, w.admin)).rejects.toMatchObject({ status: 403, message: '只能办理本机关的事项' });
    await expect(createUser(ctx.db, input, w.admin)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('changing the password ends the other sessions, and needs the current one', async () => {
    const a = await login(ctx.db, 'hadmin', PASSWORD);
    const b = await login(ctx.db, 'hadmin', PASSWORD);
    await expect(changePassword(ctx.db, a.user, 'not-the-password-1', 'new-pass-2026x')).rejects.toMatchObject({ status: 400, fields: [{ path: 'current' }] });
    await changePassword(ctx.db, a.user, PASSWORD, 'new-pass-2026x', a.token);
    expect(await sessionUser(ctx.db, a.token)).not.toBeNull();
    expect(await sessionUser(ctx.db, b.token)).toBeNull();
    await expect(login(ctx.db, 'hadmin', PASSWORD)).rejects.toMatchObject({ status: 401 });
    await changePassword(ctx.db, a.user, 'new-pass-2026x', PASSWORD, a.token);
  });

  it('a deactivated account cannot log in and its sessions end; an admin cannot lock themself out', async () => {
    const s = await login(ctx.db, 'reviewer', PASSWORD);
    await updateUser(ctx.db, w.admin, w.reviewer.userId, { active: false });
    expect(await sessionUser(ctx.db, s.token)).toBeNull();
    await expect(login(ctx.db, 'reviewer', PASSWORD)).rejects.toMatchObject({ status: 401 });
    await updateUser(ctx.db, w.admin, w.reviewer.userId, { active: true });
    await expect(updateUser(ctx.db, w.admin, w.admin.userId, { active: false })).rejects.toMatchObject({ status: 409 });
    await expect(updateUser(ctx.db, w.officer, w.reviewer.userId, { roles: ['admin'] })).rejects.toMatchObject({ status: 403 });
  });
});
