/**
 * The demo, seeded once and copied: seeding it through the services (src/services/demo.ts) takes half a
 * minute, so `npm install` (scripts/build.mjs) seeds it into a PGlite data folder, dist/demo/, and the first
 * `npm start` on an empty data folder copies that folder (a fraction of a second) and gives the demo accounts
 * new passwords. Only for PGlite: with DATABASE_URL the demo is seeded as before.
 *
 * A snapshot is used only when it is what seeding now would give: made by the same migrations, no source file
 * changed since it was made, and made this year no more than MAX_AGE_DAYS ago (the demo's cases are dated
 * relative to the day it was made). Otherwise the server seeds the demo itself and says how to remake it.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS, openDatabase, type Db } from '../db/index';
import type { Role } from '../core/applications/workflow';
import { passwordProblem, resetPassword } from './accounts';
import { fixedClock, systemClock } from './context';
import type { DemoAccount } from './demo';
import { DiskStorage } from './storage';

export const MAX_AGE_DAYS = 7;

export interface DemoSnapshotMeta {
  format: 1;
  /** the demo's "today" */
  builtOn: string;
  /** when seeding started (ms): a source modified later makes the snapshot out of date */
  builtAt: number;
  /** migrationsHash() of the migrations it was made with */
  migrations: string;
  /** the demo accounts, without passwords (a restore sets new ones) */
  accounts: { username: string; displayName: string; roles: Role[]; agency: string }[];
}

/** The project folder: the nearest one above this file with a package.json (from src/ or dist/server/). */
export function projectRoot(from = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Where the install puts the snapshot. GONGKAI_DEMO_SNAPSHOT names another ('' = never use one); a snapshot
 * named so is taken as made from these sources (usableSnapshot's `sources` check is skipped).
 */
export function snapshotDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.GONGKAI_DEMO_SNAPSHOT === '') return null;
  return path.resolve(env.GONGKAI_DEMO_SNAPSHOT ?? path.join(projectRoot(), 'dist', 'demo'));
}

/** A digest of the migrations folder (SQL and journal) the running code applies. */
export function migrationsHash(folder = MIGRATIONS): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.sql') || name === '_journal.json') h.update(`${path.relative(folder, p)}\0`).update(readFileSync(p)).update('\0');
    }
  };
  walk(folder);
  return h.digest('hex');
}

/** The newest modification time (ms) under a folder, folders included; 0 when absent. */
function newest(p: string): number {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/**
 * Seed the demo into `dir` (pglite/, files/, meta.json), replacing what is there once complete. `today` fixes
 * the demo's day and `casesPerYear` its size (tests); the passwords seeding draws are dropped.
 */
export async function writeDemoSnapshot(dir: string, options: { today?: string; casesPerYear?: number } = {}): Promise<DemoSnapshotMeta> {
  const builtAt = Date.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const clock = options.today ? fixedClock(options.today) : systemClock;
  const database = await openDatabase({ dataDir: path.join(tmp, 'pglite') });
  let accounts: DemoAccount[];
  try {
    const { seedDemo } = await import('./demo'); // the services behind it are not needed to restore
    accounts = await seedDemo({ db: database.db, storage: new DiskStorage(path.join(tmp, 'files')), clock }, { casesPerYear: options.casesPerYear });
  } finally {
    await database.close();
  }
  const meta: DemoSnapshotMeta = {
    format: 1,
    builtOn: clock.today(),
    builtAt,
    migrations: migrationsHash(),
    accounts: accounts.map(({ username, displayName, roles, agency }) => ({ username, displayName, roles, agency })),
  };
  writeFileSync(path.join(tmp, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
  return meta;
}

/**
 * The snapshot's description when it may be used today, else why not. `sources`: the folder whose changes make
 * it out of date (the project's src/, when there is one).
 */
export function usableSnapshot(
  dir: string,
  today: string,
  sources: string | null = path.join(projectRoot(), 'src'),
): { ok: true; meta: DemoSnapshotMeta } | { ok: false; reason: string } {
  let meta: DemoSnapshotMeta;
  try {
    meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DemoSnapshotMeta;
  } catch {
    return { ok: false, reason: '没有示范数据快照 (no demo snapshot)' };
  }
  if (meta.format !== 1 || !existsSync(path.join(dir, 'pglite'))) return { ok: false, reason: '示范数据快照不完整 (incomplete snapshot)' };
  if (meta.migrations !== migrationsHash()) return { ok: false, reason: '数据库迁移已更新 (the migrations changed)' };
  if (sources && newest(sources) > meta.builtAt) return { ok: false, reason: '源码在快照生成后有修改 (sources changed since)' };
  const age = daysBetween(meta.builtOn, today);
  if (age < 0 || age > MAX_AGE_DAYS || meta.builtOn.slice(0, 4) !== today.slice(0, 4)) {
    return { ok: false, reason: `快照生成于 ${meta.builtOn}，示范案件的日期已不合今天 (made on ${meta.builtOn})` };
  }
  return { ok: true, meta };
}

/** A folder that is absent or has nothing in it. */
export function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

/** Copy the snapshot's database and files into a deployment's (both must be empty: checked by the caller). */
export function copySnapshot(dir: string, target: { pgliteDir: string; storageDir: string }): void {
  cpSync(path.join(dir, 'pglite'), target.pgliteDir, { recursive: true });
  if (existsSync(path.join(dir, 'files'))) cpSync(path.join(dir, 'files'), target.storageDir, { recursive: true });
}

/**
 * New passwords for the demo accounts of a copied snapshot: `password` for all (GONGKAI_DEMO_PASSWORD, checked
 * like any password), else one generated for each. The accounts as `npm start` prints them.
 */
export async function setDemoPasswords(db: Db, meta: DemoSnapshotMeta, password?: string): Promise<DemoAccount[]> {
  return Promise.all(
    meta.accounts.map(async (a) => {
      const r = await resetPassword(db, a.username, password, { by: '系统（首次启动，设置示范账号密码）' });
      return { ...a, password: r.password };
    }),
  );
}

/** Why `password` (GONGKAI_DEMO_PASSWORD) cannot be every demo account's password, or null. */
export function demoPasswordProblem(meta: DemoSnapshotMeta, password: string): string | null {
  for (const a of meta.accounts) {
    const problem = passwordProblem(password, { userInputs: [a.username, a.displayName] });
    if (problem) return `${problem}（账号 ${a.username}）`;
  }
  return null;
}
