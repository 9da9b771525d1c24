/**
 * Staff accounts: argon2id password hashes, sessions held in an http-only cookie (only the SHA-256 of the
 * token is stored), roles and the agency each account belongs to. A password must be long and not common
 * (zxcvbn); an account is locked for a while after repeated wrong passwords, and an administrator of its
 * agency can unlock it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { and, asc, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { auditLog, sessions, users } from '../db/schema';
import { ROLES, ROLE_LABELS, type Role } from '../core/applications/workflow';
import type { StaffActor } from './context';
import { appendAudit, auditRow } from './audit';
import { assertAllowed, getAgency } from './agencies';
import { ServiceError, badInput, conflict, forbidden, notFound } from './errors';

export const SESSION_HOURS = 12;
export const SESSION_COOKIE = 'gk_session';

export const PASSWORD_MIN_LENGTH = 10;
/** zxcvbn's score (0–4) a password must reach: 3 = "safely unguessable" (at least 10^8 guesses) */
export const PASSWORD_MIN_SCORE = 3;

/**
 * Passwords common among Chinese users (published leak analyses, pinyin words and surnames) and words of this
 * site: zxcvbn's own lists are English. Ranked: earlier = guessed sooner.
 */
const CHINESE_COMMON = [
  '123456789', '12345678', '11111111', 'dearbook', '00000000', '123123123', '1234567890', '88888888', '111111111',
  '147258369', '987654321', 'aaaaaaaa', '1111111111', '66666666', 'a123456789', '11223344', '1qaz2wsx', 'xiazhili',
  '789456123', '87654321', 'qqqqqqqq', 'qwertyuiop', 'qq123456', '31415926', '12344321', 'asdfghjkl', '1q2w3e4r',
  '123456abc', '0123456789', '123654789', '12121212', 'qazwsxedc', 'abcd1234', '12341234', '110110110',
  'asdasdasd', '22222222', '123321123', 'abc123456', 'a12345678', '123456123', 'a1234567', '1234qwer', 'qwe123456',
  '5201314', '1314520', '5211314', '7758521', '7758258', '520520', '1314', '520', 'woaini', 'woaini1314', 'aini1314',
  'iloveyou1314', 'wodemima', 'mima', 'mima123', 'woshishui', 'nihao', 'nihao123', 'laopo', 'laogong', 'baobao',
  'xiaoming', 'tiantian', 'zhangsan', 'lisi', 'wangwu', 'zhangwei', 'wangwei', 'wangfang', 'liwei', 'wangjing',
  'zhongguo', 'china', 'beijing', 'shanghai', 'guangzhou', 'shenzhen', 'zhengfu', 'zhengwu', 'xinxi', 'gongkai',
  'xinxigongkai', 'zhengwugongkai', 'gongwuyuan', 'guanliyuan', 'admin', 'administrator', 'root', 'gongkai2026',
];
const CHINESE_SURNAMES = [
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo',
  'he', 'gao', 'lin', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng',
  'xiao', 'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lu', 'ding', 'ren',
  'shen', 'yao',
];
/** zxcvbn's warnings (its translation keys), in Chinese */
const STRENGTH_WARNINGS: Record<string, string> = {
  straightRow: '键盘上连续的一行按键',
  keyPattern: '键盘上相邻按键的组合',
  simpleRepeat: '重复的字符',
  extendedRepeat: '重复的字符组合',
  sequences: 'abc、123 这类顺序字符',
  recentYears: '近年的年份',
  dates: '日期',
  topTen: '最常用的密码之一',
  topHundred: '很常用的密码',
  common: '常用密码',
  similarToCommon: '与常用密码相近',
  wordByItself: '单个常用词',
  namesByThemselves: '姓名',
  commonNames: '常见的姓名',
  userInputs: '用户名或姓名',
};

let strengthEstimator: ZxcvbnFactory | null = null;
/**
 * Built at first use, zxcvbn and its dictionaries loaded then (1.6 MB, a good part of a server's start, and
 * of every command line run that opens the database); no Levenshtein matching: it costs ~0.5 s a check.
 */
function estimator(): ZxcvbnFactory {
  if (strengthEstimator) return strengthEstimator;
  const require = createRequire(import.meta.url);
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const zxcvbnCommon = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const zxcvbnEn = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  strengthEstimator = new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, 'chinese-common': CHINESE_COMMON, 'chinese-surnames': CHINESE_SURNAMES },
    graphs: zxcvbnCommon.adjacencyGraphs,
  });
  return strengthEstimator;
}

/**
 * What is wrong with a password, or null: at least 10 characters with letters and digits, and not common or
 * simple (zxcvbn score ≥ 3, with the account's username and name as words a guesser would try). `label` names
 * the field in the message ('密码', '新密码').
 */
export function passwordProblem(password: string, options: { label?: string; userInputs?: string[] } = {}): string | null {
  const label = options.label ?? '密码';
  if (password.length < PASSWORD_MIN_LENGTH) return `${label}至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > 200) return `${label}过长`;
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return `${label}须同时包含字母和数字`;
  // zxcvbn's time grows with the length; past 100 characters the start decides (the rest only adds strength)
  const result = estimator().check(password.slice(0, 100), (options.userInputs ?? []).filter((s) => s.length > 0));
  if (result.score < PASSWORD_MIN_SCORE) {
    const why = result.feedback.warning ? STRENGTH_WARNINGS[result.feedback.warning] : undefined;
    return `${label}过于常见或简单${why ? `（${why}）` : ''}，请使用更复杂的密码`;
  }
  return null;
}

/** Wrong passwords in a row that lock an account, and for how long: 1 minute, doubling, at most 1 hour. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_FIRST_MINUTES = 1;
export const LOCK_MAX_MINUTES = 60;

/** Minutes an account is locked after its `failures`-th wrong password in a row (0 = not locked). */
export function lockMinutes(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(LOCK_MAX_MINUTES, LOCK_FIRST_MINUTES * 2 ** Math.min(failures - LOCK_AFTER_FAILURES, 20));
}

const CHINA_TIME = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 3月2日 10:01 (China time) */
function chinaTime(at: Date): string {
  const part = Object.fromEntries(CHINA_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.month}月${part.day}日 ${part.hour}:${part.minute}`;
}

/** The answer to a login while the account is locked: when it may be tried again (the minute after the lock ends). */
function lockedError(until: Date, now: Date): ServiceError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const when = chinaTime(new Date(Math.ceil(until.getTime() / 60_000) * 60_000));
  return new ServiceError(429, `密码连续错误次数过多，账号已锁定，请于 ${when}（北京时间，约 ${minutes} 分钟后）再试，或请本机关管理员解锁`);
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
  const pw = passwordProblem(u.password, { userInputs: [u.username, u.displayName] });
  if (pw) fields.push({ path: 'password', message: pw });
  if (u.roles.length === 0 || u.roles.some((r) => !ROLES.includes(r))) fields.push({ path: 'roles', message: `角色应为：${ROLES.map((r) => ROLE_LABELS[r]).join('、')}` });
  if (fields.length > 0) throw badInput('账号信息有误', fields);
}

/** Create an account (first-run command, demo, or an administrator of the same agency). */
export async function createUser(db: Db, u: NewUser, by?: StaffActor): Promise<{ id: string }> {
  // who may, before what: another agency's administrator learns nothing of this one's usernames
  if (by) await assertAllowed(db, by, 'user.manage', u.agencyId);
  validateUser(u);
  await getAgency(db, u.agencyId);
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

/**
 * Log in. A locked account is refused whatever the password, saying until when; a wrong password of an active
 * account counts, and the LOCK_AFTER_FAILURES-th in a row locks it (audited); a successful login clears the
 * count. `ip`, the address the attempt came from, is recorded with a lock.
 */
export async function login(db: Db, username: string, password: string, now = new Date(), ip?: string): Promise<{ token: string; expiresAt: Date; user: StaffActor }> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  if (row?.active && row.lockedUntil && row.lockedUntil > now) throw lockedError(row.lockedUntil, now);
  dummyHash ??= hash('no-such-user-password-1', ARGON);
  const ok = row ? await verify(row.passwordHash, password) : (await verify(await dummyHash, password), false);
  if (row?.active && !ok) await countFailure(db, row.id, now, ip);
  if (!row || !ok || !row.active) throw new ServiceError(401, '用户名或密码错误');
  // the count starts again, unless guesses running alongside this one have locked the account meanwhile
  const [cleared] = await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.id, row.id), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
    .returning({ id: users.id });
  if (!cleared) {
    const [locked] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, row.id));
    throw lockedError(locked.lockedUntil!, now);
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId: row.id, agencyId: row.agencyId, expiresAt });
  await db.delete(sessions).where(and(eq(sessions.userId, row.id), lt(sessions.expiresAt, now)));
  return { token, expiresAt, user: { kind: 'staff', userId: row.id, name: row.displayName, agencyId: row.agencyId, roles: row.roles as Role[] } };
}

/** One more wrong password for the account; the lock (and its audit entry) when that makes too many. */
async function countFailure(db: Db, userId: string, now: Date, ip?: string): Promise<void> {
  const lockedUntil = await db.transaction(async (tx) => {
    // the row stays locked to the end of the transaction: concurrent failures are counted one after another
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, userId))
      .returning({ failedLogins: users.failedLogins, agencyId: users.agencyId, username: users.username });
    const minutes = lockMinutes(row.failedLogins);
    if (minutes === 0) return null;
    const until = new Date(now.getTime() + minutes * 60_000);
    await tx.update(users).set({ lockedUntil: until }).where(eq(users.id, userId));
    await tx.insert(auditLog).values({
      ...auditRow({ kind: 'public' }, { agencyId: row.agencyId, entity: 'user', entityId: userId, action: 'lock', after: { username: row.username, failedLogins: row.failedLogins, lockedUntil: until.toISOString(), minutes, ip: ip ?? null } }, now),
      actorName: '系统（密码连续错误）',
    });
    return until;
  });
  if (lockedUntil) throw lockedError(lockedUntil, now);
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
  const problem = passwordProblem(next, { label: '新密码', userInputs: [row.username, row.displayName] });
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

/**
 * A password made by the system (`gongkai admin create` without --password, a reset, the demo): 72 random bits
 * as 12 letters, digits, "-" or "_", then "7a" (so letters and digits are both there). Far past the policy
 * (zxcvbn's score 3 is 10^8 guesses; 2^72 is 4.7 × 10^21), so it is not run through zxcvbn, whose dictionaries
 * take a moment to load.
 */
export function generatePassword(): string {
  return `${randomBytes(9).toString('base64url')}7a`;
}

/**
 * Set a new password for an account found by its username (any case), from the server's command line
 * (`gongkai admin reset-password`): for whoever runs the server, when nobody can sign in. The account's lock
 * and its count of wrong passwords are cleared and its sessions end; audited. `password` absent = generated.
 */
export async function resetPassword(
  db: Db,
  username: string,
  password?: string,
  options: { by?: string; now?: Date } = {},
): Promise<{ username: string; displayName: string; agencyId: number; active: boolean; password: string }> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  if (!row) throw notFound(`账号“${username}”不存在`);
  const userInputs = [row.username, row.displayName];
  const problem = password === undefined ? null : passwordProblem(password, { label: '新密码', userInputs });
  if (problem) throw badInput(problem, [{ path: 'password', message: problem }]);
  const next = password ?? generatePassword();
  const now = options.now ?? new Date();
  const passwordHash = await hash(next, ARGON); // outside the transaction: several resets hash side by side
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id));
    await tx.delete(sessions).where(eq(sessions.userId, row.id));
    await tx.insert(auditLog).values({
      ...auditRow({ kind: 'public' }, {
        agencyId: row.agencyId,
        entity: 'user',
        entityId: row.id,
        action: 'resetPassword',
        before: { failedLogins: row.failedLogins, lockedUntil: row.lockedUntil?.toISOString() ?? null },
        after: { username: row.username, failedLogins: 0, lockedUntil: null, passwordReset: true },
      }, now),
      actorName: options.by ?? '系统（命令行重置密码）',
    });
  });
  return { username: row.username, displayName: row.displayName, agencyId: row.agencyId, active: row.active, password: next };
}

/** The agency's accounts; `lockedUntil` is set while an account is locked (null otherwise). */
export async function listUsers(db: Db, actor: StaffActor, agencyId: number, now = new Date()) {
  await assertAllowed(db, actor, 'user.manage', agencyId);
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, active: users.active, lockedUntil: users.lockedUntil, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.agencyId, agencyId))
    .orderBy(asc(users.username));
  return rows.map((r) => ({ ...r, lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil : null }));
}

/** An administrator of the account's agency ends its lock and clears its count of wrong passwords (audited). */
export async function unlockUser(db: Db, actor: StaffActor, id: string, now = new Date()): Promise<void> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('未找到该账号');
  await assertAllowed(db, actor, 'user.manage', row.agencyId);
  if (!row.lockedUntil) throw conflict(`账号“${row.username}”未被锁定`);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    await appendAudit(tx, actor, {
      agencyId: row.agencyId,
      entity: 'user',
      entityId: id,
      action: 'unlock',
      before: { failedLogins: row.failedLogins, lockedUntil: row.lockedUntil!.toISOString() },
      after: { failedLogins: 0, lockedUntil: null },
    }, now);
  });
}

/** Staff of an agency who can be assigned cases (any signed-in staff of the agency may see the names). */
export async function colleagues(db: Db, actor: StaffActor) {
  return db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.agencyId, actor.agencyId), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r)) && b.every((r) => a.includes(r));

export async function updateUser(db: Db, actor: StaffActor, id: string, change: { roles?: Role[]; active?: boolean; password?: string }) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('未找到该账号');
  await assertAllowed(db, actor, 'user.manage', row.agencyId);
  // an administrator does not change their own roles: another administrator does (four eyes)
  if (id === actor.userId && change.roles && !sameRoles(change.roles, row.roles as Role[])) {
    throw forbidden('不能修改自己的角色（四眼原则），请由本机关的另一位管理员修改');
  }
  if (id === actor.userId && change.active === false) throw conflict('不能停用自己的账号');
  if (change.roles === undefined && change.active === undefined && !change.password) throw badInput('没有要修改的内容：请指定角色、是否停用或新密码', [{ path: 'roles', message: '没有要修改的内容' }]);
  if (change.roles && (change.roles.length === 0 || change.roles.some((r) => !ROLES.includes(r)))) throw badInput('角色无效', [{ path: 'roles', message: '角色无效' }]);
  if (change.password) {
    const p = passwordProblem(change.password, { label: '新密码', userInputs: [row.username, row.displayName] });
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
