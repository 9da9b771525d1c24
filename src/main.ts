/**
 * `npm start` (compiled to dist/server/main.js, scripts/start.mjs): open the database (PGlite in ./data by
 * default, PostgreSQL with DATABASE_URL), load the demo agency into an empty database, and serve the API and
 * the web app.
 *
 * The demo on a first start with PGlite is the snapshot the install seeded (src/services/demo-snapshot.ts),
 * copied, with new passwords for its accounts; without a usable snapshot, or on PostgreSQL, it is seeded here
 * (half a minute). Every later start says how to sign in.
 */
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { loadConfig } from './config';
import { openConfiguredDatabase } from './db/index';
import { agencies, users } from './db/schema';
import type { App } from './http/app';
import { systemClock, type Ctx } from './services/context';
import type { DemoAccount } from './services/demo';
import { copySnapshot, demoPasswordProblem, isEmptyFolder, setDemoPasswords, snapshotDir, usableSnapshot, type DemoSnapshotMeta } from './services/demo-snapshot';
import { DiskStorage, sweepOrphans } from './services/storage';

/*
 * Process-level failures (uploaded files are read in worker threads, src/workers/read-pool.ts, so a hostile
 * file ends a worker, never this process; these handlers are for our own bugs).
 *
 * - An unhandled rejection is logged and the server keeps serving: the async function that rejected has
 *   already unwound, nothing is left half-done on this thread, and Node's default (exit) would turn one bad
 *   request into an outage for everyone.
 * - An uncaught exception leaves the process in an unknown state (Node's own advice is not to resume), with one
 *   exception: a network error of one connection (ECONNRESET, EPIPE, …) emitted where nothing listened; that
 *   is logged and serving goes on. Any other is logged, the server stops accepting, lets requests in flight
 *   finish for up to 10 s, and exits with status 1, for the supervisor to restart it (README, "Running under a
 *   supervisor").
 */
const SAFE_ERROR_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED']);
let app: App | undefined;
let closeDatabase: (() => Promise<void>) | undefined;
let stopping = false;

process.on('unhandledRejection', (reason) => {
  console.error(`[${new Date().toISOString()}] 未处理的 Promise 拒绝，服务继续运行 (unhandled rejection, still serving):`, reason);
});

process.on('uncaughtException', (error, origin) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && SAFE_ERROR_CODES.has(code)) {
    console.error(`[${new Date().toISOString()}] 连接错误（${code}），服务继续运行 (connection error, still serving):`, error);
    return;
  }
  console.error(`[${new Date().toISOString()}] 未捕获的异常（${origin}），服务将停止，由守护进程重启 (uncaught exception, exiting for a restart):`, error);
  if (stopping) process.exit(1);
  stopping = true;
  setTimeout(() => process.exit(1), 10_000).unref();
  void (async () => {
    await app?.close().catch(() => undefined);
    await closeDatabase?.().catch(() => undefined);
    process.exit(1);
  })();
});

const config = loadConfig();
const demoPassword = process.env.GONGKAI_DEMO_PASSWORD || undefined; // '' = unset

// A first start on PGlite: the install's demo snapshot copied into the empty data folder. The folder is the
// one openConfiguredDatabase opens (src/db/index.ts: DATA_DIR/pglite).
let snapshot: DemoSnapshotMeta | null = null;
let noSnapshot: string | null = null;
const pgliteDir = path.join(config.dataDir, 'pglite');
if (config.demo && !config.databaseUrl && isEmptyFolder(pgliteDir) && isEmptyFolder(config.storageDir)) {
  const dir = snapshotDir();
  const usable = dir ? usableSnapshot(dir, systemClock.today(), process.env.GONGKAI_DEMO_SNAPSHOT ? null : undefined) : null;
  if (dir && usable?.ok) {
    const refused = demoPassword === undefined ? null : demoPasswordProblem(usable.meta, demoPassword);
    if (refused) {
      console.error(`错误 Error: GONGKAI_DEMO_PASSWORD 不能用作示范账号的密码 (refused by the password policy)：${refused}`);
      process.exit(1);
    }
    copySnapshot(dir, { pgliteDir, storageDir: config.storageDir });
    snapshot = usable.meta;
  } else if (usable && !usable.ok) noSnapshot = usable.reason;
}

// the database opens (PGlite compiles its WebAssembly off the main thread) while the app's modules load
const opening = openConfiguredDatabase(config);
const appModule = import('./http/app');
appModule.catch(() => undefined); // a failure is thrown where it is awaited, below
const database = await opening;
closeDatabase = () => database.close();
const ctx: Ctx = { db: database.db, storage: new DiskStorage(config.storageDir), clock: systemClock };
console.log(`数据库 Database: ${database.kind} (${database.location})`);
// files a crash left without their row (written, the row never committed): removed in the background
void sweepOrphans(ctx.db, ctx.storage)
  .then((removed) => removed.length > 0 && console.log(`已清理 ${removed.length} 个无记录引用的存储文件 Removed ${removed.length} orphaned stored files`))
  .catch((e: unknown) => console.error('清理存储文件失败 Sweeping orphaned files failed:', e));

/** The demo accounts to print once the server listens (only on the start that loaded the demo). */
let demoAccounts: Promise<DemoAccount[]> | null = null;
if (snapshot) {
  console.log(`首次启动：已载入示范机关（示范数据快照，${snapshot.builtOn}）Loaded the demo agency from its snapshot`);
  // hashed while the app is built (a failure is thrown where it is awaited, below)
  demoAccounts = setDemoPasswords(ctx.db, snapshot, demoPassword);
  demoAccounts.catch(() => undefined);
} else if (config.demo && (await ctx.db.select({ id: agencies.id }).from(agencies).limit(1)).length === 0) {
  console.log('首次启动：正在载入示范机关与一年的示范案件…（Loading the demo agency and a year of demo cases…）');
  if (noSnapshot) console.log(`  未使用示范数据快照：${noSnapshot}；运行 npm run build 可重新生成，首次启动即只需几秒 (run npm run build to remake it)`);
  const t0 = Date.now();
  const { seedDemo } = await import('./services/demo');
  const accounts = await seedDemo(ctx, { password: demoPassword });
  console.log(`示范数据已载入（${((Date.now() - t0) / 1000).toFixed(1)} 秒）。`);
  demoAccounts = Promise.resolve(accounts);
}

const { buildApp, closeOnSignals } = await appModule;
app = await buildApp({ ctx, config, logger: { level: config.logLevel } });
const accounts = await demoAccounts;
await app.listen({ host: config.host, port: config.port });
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
console.log(`Gongkai 已启动 started: ${base}/  后台 back office: ${base}/admin  接口文档 API docs: ${base}/api/docs`);
if (accounts) {
  console.log('示范账号 Demo accounts（密码只显示这一次，请记下 / passwords are shown this once）:');
  for (const a of accounts) console.log(`  ${a.username.padEnd(12)} ${a.password.padEnd(22)} ${a.displayName}（${a.agency}）`);
} else {
  // a later start: who can sign in, and how to get in without the password
  const names = await ctx.db.select({ username: users.username, displayName: users.displayName }).from(users).where(eq(users.active, true)).orderBy(asc(users.createdAt)).limit(8);
  if (names.length === 0) {
    console.log('尚无账号 No account yet: npx gongkai admin create --agency <机关全称> --username <用户名>');
  } else {
    console.log(`登录 Sign in: ${base}/admin  账号 Accounts: ${names.map((n) => `${n.username}（${n.displayName}）`).join('、')}`);
    console.log(`忘记密码 Forgot a password: npx gongkai admin reset-password --username ${names[0].username}  （生成并显示新密码 / prints a new one）`);
  }
}
closeOnSignals(app, database);
