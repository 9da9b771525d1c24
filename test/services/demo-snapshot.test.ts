/**
 * The demo snapshot the install seeds (src/services/demo-snapshot.ts): when it may be used, what copying it
 * gives (the demo's database and stored files, with new passwords for its accounts), and `npm start`'s server
 * on an empty data folder: the demo loaded from the snapshot, the accounts printed with passwords that work,
 * and a second start saying how to sign in (the reset command, which then works).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index';
import { login } from '../../src/services/accounts';
import { publicAgencies } from '../../src/services/agencies';
import { fixedClock } from '../../src/services/context';
import {
  MAX_AGE_DAYS,
  copySnapshot,
  setDemoPasswords,
  usableSnapshot,
  writeDemoSnapshot,
  type DemoSnapshotMeta,
} from '../../src/services/demo-snapshot';
import { publicReportFile } from '../../src/services/reports';
import { DiskStorage } from '../../src/services/storage';
import { ROOT, gongkaiWith } from '../helpers/cli';

const TODAY = '2026-03-10';
const base = mkdtempSync(path.join(tmpdir(), 'gk-snapshot-'));
const snap = path.join(base, 'demo');
let meta: DemoSnapshotMeta;

/** Every file under a folder, relative. */
const filesUnder = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort() : []);

beforeAll(async () => {
  // a small demo (8 applications a year, not 64): seeding is most of this file's time
  meta = await writeDemoSnapshot(snap, { today: TODAY, casesPerYear: 8 });
}, 300_000);

describe('when a snapshot is used', () => {
  it('describes the demo without passwords', () => {
    expect(meta.builtOn).toBe(TODAY);
    expect(meta.accounts.map((a) => a.username)).toEqual(['admin', 'supervisor', 'officer', 'reviewer', 'wjj-admin', 'edu-officer']);
    expect(JSON.stringify(meta)).not.toMatch(/password/i);
    expect(readdirSync(snap).sort()).toEqual(['files', 'meta.json', 'pglite']);
  });

  it(`is used up to ${MAX_AGE_DAYS} days later in the same year, not after, not before, not into the next year`, () => {
    expect(usableSnapshot(snap, TODAY, null)).toMatchObject({ ok: true });
    expect(usableSnapshot(snap, '2026-03-17', null)).toMatchObject({ ok: true }); // 7 days
    expect(usableSnapshot(snap, '2026-03-18', null)).toMatchObject({ ok: false }); // 8 days: its cases' dates no longer fit
    expect(usableSnapshot(snap, '2026-03-09', null)).toMatchObject({ ok: false });
    expect(usableSnapshot(snap, '2027-01-02', null)).toMatchObject({ ok: false });
  });

  it('is not used once a source changed after it was made, nor with other migrations, nor when missing', () => {
    const sources = path.join(base, 'src');
    mkdirSync(sources, { recursive: true });
    writeFileSync(path.join(sources, 'edited.ts'), '// edited after the snapshot was made\n');
    expect(usableSnapshot(snap, TODAY, sources)).toEqual({ ok: false, reason: '源码在快照生成后有修改 (sources changed since)' });

    const other = path.join(base, 'other-migrations');
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, 'meta.json'), JSON.stringify({ ...meta, migrations: '0'.repeat(64) }));
    mkdirSync(path.join(other, 'pglite'));
    expect(usableSnapshot(other, TODAY, null)).toEqual({ ok: false, reason: '数据库迁移已更新 (the migrations changed)' });
    expect(usableSnapshot(path.join(base, 'none'), TODAY, null)).toEqual({ ok: false, reason: '没有示范数据快照 (no demo snapshot)' });
  });
});

describe('a copied snapshot', () => {
  it('is the demo: its database, its stored files, and new passwords that sign in', async () => {
    const data = path.join(base, 'copy');
    const target = { pgliteDir: path.join(data, 'pglite'), storageDir: path.join(data, 'files') };
    copySnapshot(snap, target);
    expect(filesUnder(target.storageDir)).toEqual(filesUnder(path.join(snap, 'files')));
    expect(filesUnder(target.storageDir).length).toBeGreaterThan(0);

    const database = await openDatabase({ dataDir: target.pgliteDir });
    try {
      const ctx = { db: database.db, storage: new DiskStorage(target.storageDir), clock: fixedClock(TODAY) };
      const accounts = await setDemoPasswords(database.db, meta);
      expect(accounts.map((a) => a.username)).toEqual(meta.accounts.map((a) => a.username));
      expect(new Set(accounts.map((a) => a.password)).size).toBe(6); // one each
      for (const a of accounts) await expect(login(database.db, a.username, a.password)).resolves.toMatchObject({ user: { name: a.displayName } });

      // the health bureau's 2025 report, published on 20 January, is read from the copied storage
      const health = (await publicAgencies(database.db)).find((a) => a.name === '示范市卫生健康局')!;
      const file = await publicReportFile(ctx, health.id, 2025, 'docx');
      expect(file.bytes.subarray(0, 2).toString()).toBe('PK');

      // GONGKAI_DEMO_PASSWORD: one password for all
      const same = await setDemoPasswords(database.db, meta, 'demo-pass-2026');
      expect(same.every((a) => a.password === 'demo-pass-2026')).toBe(true);
      await expect(login(database.db, 'officer', 'demo-pass-2026')).resolves.toBeTruthy();
    } finally {
      await database.close();
    }
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The server (src/main.ts) started on `dataDir` until it says it listens; its output, then it is stopped. */
async function startServer(dataDir: string, snapshot: string): Promise<{ output: string; port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '', GONGKAI_DATA_DIR: dataDir, GONGKAI_DEMO_SNAPSHOT: snapshot, GONGKAI_DEMO_PASSWORD: '', PORT: String(port), HOST: '127.0.0.1', GONGKAI_WEB_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const seen = (d: Buffer) => {
      output += d.toString();
      // the last line a start prints: the accounts (first start) or how to reset a password (later ones)
      if (/示范账号 Demo accounts[\s\S]*edu-officer.*\n|Forgot a password.*\n/.test(output)) resolve();
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', () => reject(new Error(`服务未能启动 the server did not start:\n${output}`)));
  });
  return {
    output,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await done;
    },
  };
}

describe('npm start on an empty data folder', () => {
  it('loads the demo from the snapshot, prints passwords that sign in, and later says how to sign in again', async () => {
    // the server's clock is the real one: a snapshot of today (a smaller demo still)
    const today = path.join(base, 'demo-today');
    const made = await writeDemoSnapshot(today, { casesPerYear: 4 });
    const data = path.join(base, 'server');
    const first = await startServer(data, today);
    let printed: Map<string, string>;
    try {
      expect(first.output).toContain(`首次启动：已载入示范机关（示范数据快照，${made.builtOn}）`);
      printed = new Map([...first.output.matchAll(/^ {2}(\S+)\s+(\S+)\s+.*（示范市.*）$/gm)].map((m) => [m[1], m[2]]));
      expect([...printed.keys()]).toEqual(['admin', 'supervisor', 'officer', 'reviewer', 'wjj-admin', 'edu-officer']);
      const r = await fetch(`http://127.0.0.1:${first.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'officer', password: printed.get('officer') }),
      });
      expect(r.status).toBe(200);
    } finally {
      await first.stop();
    }
    expect(readFileSync(path.join(today, 'meta.json'), 'utf8')).not.toContain(printed.get('admin')!);

    const second = await startServer(data, today);
    await second.stop();
    expect(second.output).not.toContain('示范账号 Demo accounts');
    expect(second.output).toContain('账号 Accounts: admin（平台管理员）、supervisor（政务公开办 林主任）');
    expect(second.output).toContain('忘记密码 Forgot a password: npx gongkai admin reset-password --username admin');

    // the command it names
    const reset = await gongkaiWith({ DATABASE_URL: '', GONGKAI_DATA_DIR: data }, 'admin', 'reset-password', '--username', 'admin', '--json');
    expect(reset.code).toBe(0);
    const { password } = JSON.parse(reset.stdout) as { password: string };
    const database = await openDatabase({ dataDir: path.join(data, 'pglite') });
    try {
      await expect(login(database.db, 'admin', password)).resolves.toMatchObject({ user: { roles: ['admin'] } });
      await expect(login(database.db, 'admin', printed.get('admin')!)).rejects.toThrow('用户名或密码错误');
    } finally {
      await database.close();
    }
  }, 300_000);
});
