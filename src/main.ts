/**
 * `npm start`: open the database (PGlite in ./data by default, PostgreSQL with DATABASE_URL), load the demo
 * agency into an empty database, and serve the API and the web app.
 */
import { loadConfig } from './config';
import { openConfiguredDatabase } from './db/index';
import { buildApp, closeOnSignals } from './http/app';
import { systemClock, type Ctx } from './services/context';
import { isEmpty, seedDemo } from './services/demo';
import { DiskStorage } from './services/storage';

const config = loadConfig();
const database = await openConfiguredDatabase(config);
const ctx: Ctx = { db: database.db, storage: new DiskStorage(config.storageDir), clock: systemClock };
console.log(`数据库 Database: ${database.kind} (${database.location})`);

if (config.demo && (await isEmpty(ctx.db))) {
  console.log('首次启动：正在载入示范机关与一年的示范案件…（Loading the demo agency and a year of demo cases…）');
  const t0 = Date.now();
  const accounts = await seedDemo(ctx, { password: process.env.GONGKAI_DEMO_PASSWORD });
  console.log(`示范数据已载入（${((Date.now() - t0) / 1000).toFixed(1)} 秒）。示范账号 Demo accounts:`);
  for (const a of accounts) console.log(`  ${a.username.padEnd(12)} ${a.password.padEnd(22)} ${a.displayName}（${a.agency}）`);
}

const app = await buildApp({ ctx, config, logger: { level: config.logLevel } });
await app.listen({ host: config.host, port: config.port });
console.log(`Gongkai 已启动 started: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/  后台 back office: /admin  接口文档 API docs: /api/docs`);
closeOnSignals(app, database);
