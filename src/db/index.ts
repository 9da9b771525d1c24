/**
 * Opening the database: PostgreSQL when a URL is given (DATABASE_URL), else the embedded PGlite with its
 * data in a local folder (or in memory). One schema, one set of migrations, the same SQL on both.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export { schema };

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** where the data lives, for messages: a folder, "memory", or the server (without password) */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite */
  url?: string;
  /** PGlite data folder; absent = in memory */
  dataDir?: string;
  /** PostgreSQL pool size */
  poolSize?: number;
}

export const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // dates stay 'YYYY-MM-DD' strings (no time zone shift)
    pg.types.setTypeParser(1082, (v: string) => v);
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    const location = redact(options.url);
    // an idle connection the server closed (restart, database dropped) must not bring the process down;
    // the next query opens a fresh one
    pool.on('error', (e) => console.error(`数据库连接中断（${location}）：${e.message}`));
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS });
    return { db: db as unknown as Db, kind: 'postgres', location, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, kind: 'pglite', location: options.dataDir ?? 'memory', close: () => client.close() };
}

/** The database of a deployment (`npm start`, `gongkai admin`): PostgreSQL with DATABASE_URL, else PGlite in the data folder. */
export function openConfiguredDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') });
}
