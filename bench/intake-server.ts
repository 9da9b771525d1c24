/**
 * The server side of the intake benchmark: Gongkai on a throwaway PostgreSQL database, with a hello-world
 * route on the same Fastify instance as the ceiling. Rate limits are raised (the load comes from one address).
 * Prints the port on stdout, then serves until killed.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/index';
import { buildApp, closeOnSignals } from '../src/http/app';
import { createAgency } from '../src/services/agencies';
import { systemClock } from '../src/services/context';
import { DiskStorage } from '../src/services/storage';

const url = process.argv[2];
const database = await openDatabase({ url, poolSize: Number(process.env.POOL ?? 20) });
const ctx = { db: database.db, storage: new DiskStorage(mkdtempSync(path.join(tmpdir(), 'gk-bench-'))), clock: systemClock };
const agency = await createAgency(ctx.db, { name: '基准测试局', kind: 'department' });
const config = { ...loadConfig({}), webDir: undefined, rateLimit: { intakePerHour: 1e9, trackPerMinute: 1e9, loginPerMinute: 1e9 } };
const app = await buildApp({ ctx, config });
app.get('/bench/hello', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ port: (app.server.address() as AddressInfo).port, agencyId: agency.id }));

closeOnSignals(app, database);
