/**
 * `gongkai admin create` and `gongkai admin reset-password`, run as a real process on a PGlite data folder,
 * then the account used to log in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gongkaiWith } from '../helpers/cli';
import { openDatabase } from '../../src/db/index';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema';
import { login } from '../../src/services/accounts';
import { isEmpty } from '../../src/services/demo';

/**
 * `gongkai` on the PGlite data folder `dataDir` (no DATABASE_URL). Each test's first command creates the
 * database (PGlite's initdb, seconds of CPU), hence the long time limits on a busy machine.
 */
const run = (dataDir: string, ...args: string[]) => gongkaiWith({ DATABASE_URL: '', GONGKAI_DATA_DIR: dataDir }, ...args);

describe.concurrent('gongkai admin create', () => {
  it('creates the agency and its administrator on an empty database, who can then log in', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-admin-'));
    const r = await run(dir, 'admin', 'create', '--agency', '某某市人民政府办公室', '--username', 'root-admin', '--password', 'first-admin-2026', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ agency: '某某市人民政府办公室', agencyCreated: true, username: 'root-admin' });

    // a second administrator of the same agency: the agency is found, not duplicated; the password generated
    const again = await run(dir, 'admin', 'create', '--agency', '某某市人民政府办公室', '--username', 'second-admin', '--json');
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second).toMatchObject({ agencyCreated: false, agencyId: JSON.parse(r.stdout).agencyId });
    expect(second.password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);

    const database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    try {
      expect(await isEmpty(database.db)).toBe(false); // so npm start will not load the demo into it
      await expect(login(database.db, 'root-admin', 'first-admin-2026')).resolves.toMatchObject({ user: { roles: ['admin'] } });
      await expect(login(database.db, 'second-admin', second.password)).resolves.toMatchObject({ user: { roles: ['admin'] } });
    } finally {
      await database.close();
    }
  }, 300_000);

  it('refuses a weak password, a taken username and an unknown parent, in Chinese, exit code 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-admin-'));
    const weak = await run(dir, 'admin', 'create', '--agency', '某局', '--username', 'boss', '--password', 'short');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('password：密码至少 10 位');
    const ok = await run(dir, 'admin', 'create', '--agency', '某局', '--username', 'boss', '--password', 'long-enough-1');
    expect(ok.code).toBe(0);
    const taken = await run(dir, 'admin', 'create', '--agency', '某局', '--username', 'BOSS', '--password', 'long-enough-1');
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('用户名“BOSS”已被使用');
    const parent = await run(dir, 'admin', 'create', '--agency', '新局', '--parent', '不存在的政府', '--username', 'x-admin', '--password', 'long-enough-1');
    expect(parent.code).toBe(2);
    expect(parent.stderr).toContain('上级机关“不存在的政府”不存在（--parent）');
    const missing = await run(dir, 'admin', 'create', '--username', 'y-admin');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--agency');
  }, 300_000);
});

describe.concurrent('gongkai admin reset-password', () => {
  it('gives a locked-out account a new password: generated and shown, the lock cleared, audited', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-reset-'));
    expect((await run(dir, 'admin', 'create', '--agency', '某某县人民政府', '--username', 'keeper', '--password', 'forgotten-pass-2026')).code).toBe(0);
    let database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    try {
      // five wrong passwords in a row lock the account (LOCK_AFTER_FAILURES)
      for (let i = 0; i < 5; i++) await expect(login(database.db, 'keeper', `wrong-guess-${i}`)).rejects.toThrow();
      await expect(login(database.db, 'keeper', 'forgotten-pass-2026')).rejects.toThrow(/锁定/);
    } finally {
      await database.close();
    }

    // the username in any case
    const r = await run(dir, 'admin', 'reset-password', '--username', 'KEEPER', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { username: string; displayName: string; active: boolean; password: string };
    expect(out).toMatchObject({ username: 'keeper', displayName: '系统管理员', active: true });
    expect(out.password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);

    database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    try {
      await expect(login(database.db, 'keeper', 'forgotten-pass-2026')).rejects.toThrow('用户名或密码错误');
      await expect(login(database.db, 'keeper', out.password)).resolves.toMatchObject({ user: { roles: ['admin'] } });
      const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, 'resetPassword'));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ entity: 'user', actorName: '系统（命令行重置密码）', after: { username: 'keeper', failedLogins: 0, lockedUntil: null, passwordReset: true } });
    } finally {
      await database.close();
    }
  }, 300_000);

  it('sets a given password (not echoed), and refuses a weak one and an unknown account with exit code 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-reset-'));
    expect((await run(dir, 'admin', 'create', '--agency', '某某县人民政府', '--username', 'keeper', '--password', 'forgotten-pass-2026')).code).toBe(0);

    const weak = await run(dir, 'admin', 'reset-password', '--username', 'keeper', '--password', 'short1');
    expect(weak.code).toBe(2);
    expect(weak.stdout).toBe('');
    expect(weak.stderr).toBe('错误 Error: 新密码至少 10 位：password：新密码至少 10 位\n');
    const nobody = await run(dir, 'admin', 'reset-password', '--username', 'nobody');
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toBe('错误 Error: 账号“nobody”不存在\n');

    const given = await run(dir, 'admin', 'reset-password', '--username', 'keeper', '--password', 'chosen-anew-2026');
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('已重置账号 keeper（系统管理员）的密码');
    expect(given.stdout).not.toContain('chosen-anew-2026');
    const database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    try {
      await expect(login(database.db, 'keeper', 'chosen-anew-2026')).resolves.toMatchObject({ user: { roles: ['admin'] } });
    } finally {
      await database.close();
    }
  }, 300_000);
});
