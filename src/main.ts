/**
 * `npm start`: open the database (PGlite in ./data by default, PostgreSQL with DATABASE_URL), load the demo
 * agency into an empty database, and serve the API and the web app.
 */
import { loadConfig } from './config';
import { openConfiguredDatabase } from './db/index';
import { buildApp, closeOnSignals, type App } from './http/app';
import { systemClock, type Ctx } from './services/context';
import { isEmpty, seedDemo } from './services/demo';
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
const database = await openConfiguredDatabase(config);
closeDatabase = () => database.close();
const ctx: Ctx = { db: database.db, storage: new DiskStorage(config.storageDir), clock: systemClock };
console.log(`数据库 Database: ${database.kind} (${database.location})`);
// files a crash left without their row (written, the row never committed): removed in the background
void sweepOrphans(ctx.db, ctx.storage)
  .then((removed) => removed.length > 0 && console.log(`已清理 ${removed.length} 个无记录引用的存储文件 Removed ${removed.length} orphaned stored files`))
  .catch((e: unknown) => console.error('清理存储文件失败 Sweeping orphaned files failed:', e));

if (config.demo && (await isEmpty(ctx.db))) {
  console.log('首次启动：正在载入示范机关与一年的示范案件…（Loading the demo agency and a year of demo cases…）');
  const t0 = Date.now();
  const accounts = await seedDemo(ctx, { password: process.env.GONGKAI_DEMO_PASSWORD });
  console.log(`示范数据已载入（${((Date.now() - t0) / 1000).toFixed(1)} 秒）。示范账号 Demo accounts:`);
  for (const a of accounts) console.log(`  ${a.username.padEnd(12)} ${a.password.padEnd(22)} ${a.displayName}（${a.agency}）`);
}

app = await buildApp({ ctx, config, logger: { level: config.logLevel } });
await app.listen({ host: config.host, port: config.port });
console.log(`Gongkai 已启动 started: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/  后台 back office: /admin  接口文档 API docs: /api/docs`);
closeOnSignals(app, database);
