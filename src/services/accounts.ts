/**
 * Staff accounts: argon2id password hashes, sessions held in an http-only cookie (only the SHA-256 of the
 * token is stored), roles and the agency each account belongs to.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { sessions, users } from '../db/schema';
import { ROLES, ROLE_LABELS, type Role } from '../core/applications/workflow';
import type { StaffActor } from './context';
import { appendAudit } from './audit';
import { assertWrite, getAgency } from './agencies';
import { ServiceError, badInput, conflict, notFound } from './errors';

export const SESSION_HOURS = 12;
export const SESSION_COOKIE = 'gk_session';

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  if (password.length > 200) return '密码过长';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  return null;
}

const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** compared against when the user does not exist, so both failures take the same time */
let dummyHash: Promise<string> | null = null;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewUser {
  agencyId: number;
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

function validateUser(u: NewUser): void {
  const fields: { path: string; message: string }[] = [];
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(u.username)) fields.push({ path: 'username', message: '用户名为 3–40 位字母、数字、下划线、点或连字符' });
  if (u.displayName.trim().length === 0 || u.displayName.length > 50) fields.push({ path: 'displayName', message: '请填写姓名（不超过 50 字）' });
  const pw = passwordProblem(u.password);
  if (pw) fields.push({ path: 'password', message: pw });
  if (u.roles.length === 0 || u.roles.some((r) => !ROLES.includes(r))) fields.push({ path: 'roles', message: `角色应为：${ROLES.map((r) => ROLE_LABELS[r]).join('、')}` });
  if (fields.length > 0) throw badInput('账号信息有误', fields);
}

/** Create an account (first-run command, demo, or an administrator of the same agency). */
export async function createUser(db: Db, u: NewUser, by?: StaffActor): Promise<{ id: string }> {
  validateUser(u);
  await getAgency(db, u.agencyId);
  if (by) assertWrite(by, u.agencyId, ['admin']);
  const existing = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${u.username})`);
  if (existing.length > 0) throw conflict(`用户名“${u.username}”已被使用`);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(users).values({
      id,
      agencyId: u.agencyId,
      username: u.username,
      displayName: u.displayName.trim(),
      passwordHash: await hash(u.password, ARGON),
      roles: u.roles,
    });
    await appendAudit(tx, by ?? { kind: 'public' }, {
      agencyId: u.agencyId,
      entity: 'user',
      entityId: id,
      action: 'create',
      after: { username: u.username, displayName: u.displayName, roles: u.roles },
    });
  });
  return { id };
}

export async function login(db: Db, username: string, password: string, now = new Date()): Promise<{ token: string; expiresAt: Date; user: StaffActor }> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  dummyHash ??= hash('no-such-user-password-1', ARGON);
  const ok = row ? await verify(row.passwordHash, password) : (await verify(await dummyHash, password), false);
  if (!row || !ok || !row.active) throw new ServiceError(401, '用户名或密码错误');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId: row.id, agencyId: row.agencyId, expiresAt });
  await db.delete(sessions).where(and(eq(sessions.userId, row.id), lt(sessions.expiresAt, now)));
  return { token, expiresAt, user: { kind: 'staff', userId: row.id, name: row.displayName, agencyId: row.agencyId, roles: row.roles as Role[] } };
}

export async function sessionUser(db: Db, token: string | undefined, now = new Date()): Promise<(StaffActor & { username: string }) | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now)));
  if (!row || !row.user.active) return null;
  const u = row.user;
  return { kind: 'staff', userId: u.id, name: u.displayName, agencyId: u.agencyId, roles: u.roles as Role[], username: u.username };
}

export async function logout(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

export async function changePassword(db: Db, actor: StaffActor, current: string, next: string, keepToken?: string): Promise<void> {
  const [row] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!row || !(await verify(row.passwordHash, current))) throw badInput('当前密码不正确', [{ path: 'current', message: '当前密码不正确' }]);
  const problem = passwordProblem(next);
  if (problem) throw badInput(problem, [{ path: 'next', message: problem }]);
  if (current === next) throw badInput('新密码不能与当前密码相同', [{ path: 'next', message: '新密码不能与当前密码相同' }]);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: await hash(next, ARGON), passwordChangedAt: new Date() }).where(eq(users.id, actor.userId));
    // every other session of this user ends
    const keep = keepToken ? tokenHash(keepToken) : '';
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), sql`${sessions.tokenHash} <> ${keep}`));
    await appendAudit(tx, actor, { agencyId: actor.agencyId, entity: 'user', entityId: actor.userId, action: 'changePassword' });
  });
}

export async function listUsers(db: Db, actor: StaffActor, agencyId: number) {
  assertWrite(actor, agencyId, ['admin']);
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, active: users.active, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.agencyId, agencyId))
    .orderBy(asc(users.username));
}

/** Staff of an agency who can be assigned cases (any signed-in staff of the agency may see the names). */
export async function colleagues(db: Db, actor: StaffActor) {
  return db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.agencyId, actor.agencyId), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}

export async function updateUser(db: Db, actor: StaffActor, id: string, change: { roles?: Role[]; active?: boolean; password?: string }) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('未找到该账号');
  assertWrite(actor, row.agencyId, ['admin']);
  if (id === actor.userId && (change.active === false || (change.roles && !change.roles.includes('admin')))) {
    throw conflict('不能停用自己的账号或取消自己的管理员角色');
  }
  if (change.roles && (change.roles.length === 0 || change.roles.some((r) => !ROLES.includes(r)))) throw badInput('角色无效', [{ path: 'roles', message: '角色无效' }]);
  if (change.password) {
    const p = passwordProblem(change.password);
    if (p) throw badInput(p, [{ path: 'password', message: p }]);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        ...(change.roles ? { roles: change.roles } : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
        ...(change.password ? { passwordHash: await hash(change.password, ARGON), passwordChangedAt: new Date() } : {}),
      })
      .where(eq(users.id, id));
    if (change.active === false || change.password) await tx.delete(sessions).where(eq(sessions.userId, id));
    await appendAudit(tx, actor, {
      agencyId: row.agencyId,
      entity: 'user',
      entityId: id,
      action: 'update',
      before: { roles: row.roles, active: row.active },
      after: { roles: change.roles ?? row.roles, active: change.active ?? row.active, passwordReset: Boolean(change.password) },
    });
  });
}
