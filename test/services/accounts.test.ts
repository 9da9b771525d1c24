import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { changePassword, createUser, listUsers, lockMinutes, login, logout, passwordProblem, sessionUser, unlockUser, updateUser } from '../../src/services/accounts';
import { auditOf } from '../../src/services/audit';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { DEMO_PASSWORD, PASSWORD, worldPerSuite, type World } from '../helpers/world';

/** 10:00:00 on 2 March 2026, China time, plus `minutes` */
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 2, 0, 0) + minutes * 60_000);
const WRONG = 'wrong-password-1';

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

  it('locks an account after 5 wrong passwords in a row, refusing even the right one, and says until when', async () => {
    const { id } = await createUser(ctx.db, { agencyId: w.health.id, username: 'locked-1', displayName: '锁定测试', password: PASSWORD, roles: ['officer'] }, w.admin);
    for (let i = 0; i < 4; i++) await expect(login(ctx.db, 'locked-1', WRONG, at(0))).rejects.toMatchObject({ status: 401, message: '用户名或密码错误' });
    // the 5th at 10:00 locks it for 1 minute: until 10:01
    const locked = '密码连续错误次数过多，账号已锁定，请于 3月2日 10:01（北京时间，约 1 分钟后）再试，或请本机关管理员解锁';
    await expect(login(ctx.db, 'locked-1', WRONG, at(0), '203.0.113.9')).rejects.toMatchObject({ status: 429, message: locked });
    await expect(login(ctx.db, 'LOCKED-1', PASSWORD, at(0.5))).rejects.toMatchObject({ status: 429, message: locked });
    expect((await listUsers(ctx.db, w.admin, w.health.id, at(0.5))).find((u) => u.id === id)?.lockedUntil).toEqual(at(1));
    // at 10:01 the lock has ended; one more wrong password locks it again, for twice as long (until 10:03)
    await expect(login(ctx.db, 'locked-1', WRONG, at(1))).rejects.toMatchObject({ status: 429, message: expect.stringContaining('请于 3月2日 10:03（北京时间，约 2 分钟后）再试') });
    await expect(login(ctx.db, 'locked-1', PASSWORD, at(2.5))).rejects.toMatchObject({ status: 429 });
    // the right password once the lock has ended logs in, and starts the count again
    await expect(login(ctx.db, 'locked-1', PASSWORD, at(3))).resolves.toMatchObject({ user: { userId: id } });
    expect((await listUsers(ctx.db, w.admin, w.health.id, at(3))).find((u) => u.id === id)?.lockedUntil).toBeNull();
    for (let i = 0; i < 4; i++) await expect(login(ctx.db, 'locked-1', WRONG, at(4))).rejects.toMatchObject({ status: 401 });
    await expect(login(ctx.db, 'locked-1', PASSWORD, at(4))).resolves.toMatchObject({ user: { userId: id } });

    const locks = (await auditOf(ctx.db, w.health.id, 'user', id)).filter((e) => e.action === 'lock');
    expect(locks.map((e) => ({ actorId: e.actorId, actorName: e.actorName, after: e.after }))).toEqual([
      { actorId: null, actorName: '系统（密码连续错误）', after: { username: 'locked-1', failedLogins: 5, lockedUntil: at(1).toISOString(), minutes: 1, ip: '203.0.113.9' } },
      { actorId: null, actorName: '系统（密码连续错误）', after: { username: 'locked-1', failedLogins: 6, lockedUntil: at(3).toISOString(), minutes: 2, ip: null } },
    ]);
  });

  it('locks for 1 minute, doubling with each further wrong password, at most 1 hour', () => {
    expect([1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 40, 1000].map(lockMinutes)).toEqual([0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it('an administrator of the same agency unlocks an account, audited; no one else can', async () => {
    const { id } = await createUser(ctx.db, { agencyId: w.health.id, username: 'locked-2', displayName: '解锁测试', password: PASSWORD, roles: ['officer'] }, w.admin);
    await expect(unlockUser(ctx.db, w.admin, id, at(0))).rejects.toMatchObject({ status: 409, message: '账号“locked-2”未被锁定' });
    for (let i = 0; i < 5; i++) await login(ctx.db, 'locked-2', WRONG, at(0)).catch(() => {});
    await expect(login(ctx.db, 'locked-2', PASSWORD, at(0))).rejects.toMatchObject({ status: 429 });
    await expect(unlockUser(ctx.db, w.officer, id, at(0))).rejects.toMatchObject({ status: 403 });
    // the city's administrator is an administrator, but of another agency
    await expect(unlockUser(ctx.db, w.platformAdmin, id, at(0))).rejects.toMatchObject({ status: 403, message: '只能办理本机关的事项' });
    await unlockUser(ctx.db, w.admin, id, at(0.5));
    await expect(login(ctx.db, 'locked-2', PASSWORD, at(0.5))).resolves.toMatchObject({ user: { userId: id } });
    const unlock = (await auditOf(ctx.db, w.health.id, 'user', id)).find((e) => e.action === 'unlock');
    expect(unlock).toMatchObject({ actorId: w.admin.userId, before: { failedLogins: 5, lockedUntil: at(1).toISOString() }, after: { failedLogins: 0, lockedUntil: null } });
    expect(unlock?.at).toEqual(at(0.5));
    // the count starts again: 4 wrong passwords do not lock
    for (let i = 0; i < 4; i++) await expect(login(ctx.db, 'locked-2', WRONG, at(1))).rejects.toMatchObject({ status: 401 });
  });

  it('a deactivated account is never locked (the answer stays the same)', async () => {
    const { id } = await createUser(ctx.db, { agencyId: w.health.id, username: 'locked-3', displayName: '停用', password: PASSWORD, roles: ['officer'] }, w.admin);
    await updateUser(ctx.db, w.admin, id, { active: false });
    for (let i = 0; i < 6; i++) await expect(login(ctx.db, 'locked-3', WRONG, at(0))).rejects.toMatchObject({ status: 401, message: '用户名或密码错误' });
  });

  it('refuses common and simple passwords, naming the field, wherever a password is set', async () => {
    const input = { agencyId: w.health.id, username: 'zhaolei', displayName: '赵磊', roles: ['officer' as const] };
    const common = (label: string, why = '') => `${label}过于常见或简单${why}，请使用更复杂的密码`;
    // "password" with a capital and a recent year
    await expect(createUser(ctx.db, { ...input, password: 'Password2026' }, w.admin)).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'password', message: common('密码', '（与常用密码相近）') }],
    });
    // the commonest Chinese passwords: 我爱你一生一世, keyboard columns
    await expect(createUser(ctx.db, { ...input, password: 'woaini1314' }, w.admin)).rejects.toMatchObject({ fields: [{ path: 'password', message: common('密码') }] });
    await expect(createUser(ctx.db, { ...input, password: '1qaz2wsx3edc' }, w.admin)).rejects.toMatchObject({ fields: [{ path: 'password' }] });
    // the username itself with digits
    await expect(createUser(ctx.db, { ...input, password: 'zhaolei12345' }, w.admin)).rejects.toMatchObject({ fields: [{ path: 'password', message: common('密码', '（用户名或姓名）') }] });
    const { id } = await createUser(ctx.db, { ...input, password: 'tea-kettle-87-orbit' }, w.admin);
    await expect(updateUser(ctx.db, w.admin, id, { password: 'Password2026' })).rejects.toMatchObject({ status: 400, fields: [{ path: 'password', message: common('新密码', '（与常用密码相近）') }] });
    const me = { kind: 'staff' as const, userId: id, name: '赵磊', agencyId: w.health.id, roles: ['officer' as const] };
    await expect(changePassword(ctx.db, me, 'tea-kettle-87-orbit', 'qwerty123456')).rejects.toMatchObject({ status: 400, fields: [{ path: 'next', message: common('新密码', '（常用密码）') }] });
  });

  it("accepts the tests' and the demo's passwords, and the demo's generated ones", () => {
    expect(passwordProblem(PASSWORD)).toBeNull();
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
    // the form of src/services/demo.ts: `${tag}-${6 random bytes in base64url}1`
    expect(passwordProblem('wjjadmin-q3Zx_0aB1', { userInputs: ['wjj-admin'] })).toBeNull();
  });
});
