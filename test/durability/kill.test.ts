/**
 * Issue 8, durability: the real server (src/main.ts in its own process) takes concurrent public applications
 * with an attachment and is killed with SIGKILL in the middle of them; restarted on the same data, every
 * application it acknowledged (201 with a tracking code) is there, with its attachment's bytes intact
 * (sha256), and the tracking page answers for it. Twice per database, on PGlite (its data folder) and on
 * PostgreSQL (a fresh database). Loopback only; bounded in count, and every wait has a limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index';
import { createUser } from '../../src/services/accounts';
import { createAgency } from '../../src/services/agencies';
import { ROOT } from '../helpers/cli';
import { ADMIN_URL, DB_KINDS, postgresMissing, type DbKind } from '../helpers/db';
import { fixturePath } from '../helpers/fixtures';
import { Client } from '../helpers/server';
import { PASSWORD, intake } from '../helpers/world';

const PDF = readFileSync(fixturePath('hongze-district-2024', 'pdf'));
/** applications fired per round, how many at a time, and after how many acknowledgements the kill comes */
const PER_ROUND = 40;
const CONCURRENCY = 8;
const KILL_AFTER = 12;
const ROUNDS = 2;
/** a round fired again when its kill cut no request in flight */
const ATTEMPTS = 4;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `node --import tsx src/main.ts` on the data, answering on a free loopback port. */
async function startReal(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  // ready when it answers (the data opened, migrations applied); at most 60 s
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`服务进程已退出（${child.exitCode}）：\n${log}`);
    try {
      const r = await fetch(`${url}/api/public/agencies`);
      if (r.status === 200) return { child, url, output: () => log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`服务 60 秒内未就绪：\n${log}`);
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Sent {
  n: number;
  sha: string;
  code?: string;
}

describe.each(DB_KINDS)('kill -9 during concurrent public intake (%s)', (kind: DbKind) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-durability-'));
  let env: Record<string, string>;
  let agencyId: number;
  let dbName: string | undefined;
  const acknowledged: Sent[] = [];
  let running: Running | undefined;
  /** applications fired so far (numbers them across rounds and attempts) */
  let fired = 0;

  beforeAll(async () => {
    env = {
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_DEMO: '0',
      GONGKAI_WEB_DIR: '',
      GONGKAI_INTAKE_PER_HOUR: '100000',
      GONGKAI_TRACK_PER_MINUTE: '100000',
      GONGKAI_LOGIN_PER_MINUTE: '1000',
      GONGKAI_INTAKE_MB_PER_HOUR: '100000',
      DATABASE_URL: '',
    };
    let url: string | undefined;
    if (kind === 'postgres') {
      const missing = postgresMissing();
      if (missing) throw missing;
      dbName = `gongkai_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const u = new URL(ADMIN_URL);
      u.pathname = `/${dbName}`;
      url = u.toString();
      env.DATABASE_URL = url;
    }
    // the agency and an officer, written to the same data before the server opens it (PGlite: one process)
    const database = await openDatabase(url ? { url, poolSize: 2 } : { dataDir: path.join(dataDir, 'pglite') });
    try {
      const agency = await createAgency(database.db, { name: '示范市交通运输局', kind: 'department' });
      agencyId = agency.id;
      await createUser(database.db, { agencyId, username: 'officer', displayName: '经办人', password: PASSWORD, roles: ['officer'] });
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    if (running) await killHard(running.child);
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    }
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: ${PER_ROUND} applications ${CONCURRENCY} at a time, SIGKILL after ${KILL_AFTER} acknowledged`, { timeout: 300_000 }, async () => {
      // The kill must cut requests in flight. On a fast server every request in flight may already have its answer
      // on the wire when the kill comes (all acknowledged, which is right, but the hard case untried): then the
      // round is fired again on the same data, up to ATTEMPTS times.
      let cut = 0;
      for (let attempt = 1; attempt <= ATTEMPTS && cut === 0; attempt++) cut = await fireAndKill();
      expect(cut, `${ATTEMPTS} 次终止均未中断进行中的申请`).toBeGreaterThan(0);
    });
  }

  /** One server started, applications fired at it, killed after KILL_AFTER acknowledgements; how many sent were never acknowledged. */
  async function fireAndKill(): Promise<number> {
    running = await startReal(env);
    const server = running;
    const anon = new Client(server.url);
    let next = 0;
    let acked = 0;
    let killed: Promise<void> | undefined;
    const sent: Sent[] = [];
    const worker = async () => {
      while (next < PER_ROUND && !killed) {
        next++;
        const n = fired++;
        // each attachment different: the published PDF with a line of its own after %%EOF
        const bytes = Buffer.concat([PDF, Buffer.from(`\n% gongkai durability ${n} ${randomBytes(8).toString('hex')}\n`)]);
        const item: Sent = { n, sha: sha256(bytes) };
        sent.push(item);
        const f = new FormData();
        f.append('data', JSON.stringify(intake(agencyId, { description: `请公开本局2025年道路运输行政许可决定目录（耐久性测试第 ${n} 件）` })));
        f.append('supporting', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), `材料${n}.pdf`);
        try {
          const r = await anon.request('POST', '/api/public/applications', f);
          if (r.status === 201 && typeof r.body?.trackingCode === 'string') {
            item.code = r.body.trackingCode;
            acknowledged.push(item);
            if (++acked === KILL_AFTER) killed = killHard(server.child);
          } else if (!killed) {
            throw new Error(`第 ${n} 件申请未被受理（${r.status}）：${JSON.stringify(r.body)}\n${server.output()}`);
          }
        } catch (e) {
          // after the kill, a request in flight fails (connection reset): not acknowledged, nothing to check
          if (!killed) throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(killed, `全部 ${PER_ROUND} 件在终止前已受理，未能在负载中终止服务`).toBeDefined();
    await killed;
    expect(server.child.signalCode).toBe('SIGKILL');
    running = undefined;
    // requests the kill cut: sent, never acknowledged
    return sent.length - sent.filter((x) => x.code).length;
  }

  it('restarted on the same data: every acknowledged application is there, with its attachment intact', { timeout: 180_000 }, async () => {
    // (responses already on their way when the kill came count too: acknowledged is acknowledged)
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * KILL_AFTER);
    running = await startReal(env);
    const server = running;
    const anon = new Client(server.url);
    const officer = new Client(server.url);
    expect((await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD })).status).toBe(200);
    const missing: string[] = [];
    for (const a of acknowledged) {
      const t = await anon.get(`/api/public/track/${a.code}`);
      if (t.status !== 200) {
        missing.push(`第 ${a.n} 件（${a.code}）：查询 ${t.status}`);
        continue;
      }
      const list = await officer.get(`/api/agencies/${agencyId}/applications?q=${encodeURIComponent(a.code!)}`);
      expect(list.status).toBe(200);
      expect(list.body.map((x: { trackingCode: string }) => x.trackingCode)).toEqual([a.code]);
      const page = await officer.get(`/api/agencies/${agencyId}/applications/${list.body[0].id}`);
      expect(page.status).toBe(200);
      const files = page.body.attachments as { id: string; kind: string }[];
      if (files.length !== 1) {
        missing.push(`第 ${a.n} 件（${a.code}）：附件 ${files.length} 个`);
        continue;
      }
      const file = await officer.get(`/api/agencies/${agencyId}/applications/${list.body[0].id}/attachments/${files[0].id}`);
      if (file.status !== 200 || sha256(file.raw) !== a.sha) missing.push(`第 ${a.n} 件（${a.code}）：附件 ${file.status}，sha256 ${sha256(file.raw)}，应为 ${a.sha}`);
    }
    expect(missing, `重启后缺失的已受理申请（${kind}）`).toEqual([]);
    // and it takes new applications on the recovered data
    const f = new FormData();
    f.append('data', JSON.stringify(intake(agencyId)));
    expect((await anon.request('POST', '/api/public/applications', f)).status).toBe(201);
    await killHard(server.child);
    running = undefined;
  });
});
