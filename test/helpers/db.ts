/**
 * Test databases: every database test runs on PGlite, and also on PostgreSQL whenever a server answers
 * (GONGKAI_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres; GONGKAI_TEST_PG=0 skips it).
 * Each test file gets its own fresh database (a throwaway database on the server, dropped afterwards).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/index';
import { DiskStorage } from '../../src/services/storage';
import { fixedClock, type Clock, type Ctx } from '../../src/services/context';

const ADMIN_URL = process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<boolean> {
  if (process.env.GONGKAI_TEST_PG === '0') return false;
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = (await postgresAnswers()) ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase();
    return { ...database, drop: () => database.close() };
  }
  const name = `gongkai_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  return {
    ...database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A service context on the database, its files in a fresh temporary folder and "today" movable (setToday). */
export type TestCtx = Ctx & { setToday(d: string): void };

export function testCtx(database: Database, clock: Clock = fixedClock('2026-03-02')): TestCtx {
  const storage = new DiskStorage(mkdtempSync(path.join(tmpdir(), 'gongkai-files-')));
  const ctx = {
    db: database.db,
    storage,
    clock,
    setToday(d: string) {
      ctx.clock = fixedClock(d);
    },
  };
  return ctx;
}
