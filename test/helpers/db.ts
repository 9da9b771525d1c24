/**
 * Test databases: every database test runs on PGlite, and also on PostgreSQL whenever a server answers
 * (GONGKAI_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres; GONGKAI_TEST_PG=0 skips it).
 * Each test file gets its own fresh database (a throwaway database on the server, dropped afterwards).
 *
 * Where the PostgreSQL half must run — in CI (`CI` set, as CI services do) or with GONGKAI_REQUIRE_PG=1
 * (.ci/run sets it) — a server that does not answer is a failure, never a quiet skip: 'postgres' stays in
 * DB_KINDS and opening its database fails naming the URL, so every PostgreSQL test of the suite fails.
 * Elsewhere (a plain `npm test` on a machine without PostgreSQL) the PGlite half runs and a note says the
 * PostgreSQL half did not.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/index';
import { DiskStorage } from '../../src/services/storage';
import { fixedClock, type Clock, type Ctx } from '../../src/services/context';

export const ADMIN_URL = process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const truthy = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

/** Whether the PostgreSQL half must run: GONGKAI_REQUIRE_PG=1, or CI (unless GONGKAI_TEST_PG=0 says otherwise). */
export const PG_REQUIRED = process.env.GONGKAI_REQUIRE_PG === '1' || (truthy(process.env.CI) && process.env.GONGKAI_TEST_PG !== '0');

/** The URL without a password, for messages. */
function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message || e.name : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why PostgreSQL cannot be used (null: it answers, or it is not wanted). */
const pgProblem: string | null = process.env.GONGKAI_TEST_PG === '0' && !PG_REQUIRED ? null : await postgresAnswers();
const pgWanted = process.env.GONGKAI_TEST_PG !== '0' || PG_REQUIRED;

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = pgWanted && (pgProblem === null || PG_REQUIRED) ? ['pglite', 'postgres'] : ['pglite'];

/** The error a PostgreSQL test fails with where PostgreSQL is required and does not answer. */
export function postgresMissing(): Error | null {
  if (pgProblem === null || !PG_REQUIRED) return null;
  return new Error(
    `PostgreSQL 未响应：${shownUrl(ADMIN_URL)}（${pgProblem}）。CI 或 GONGKAI_REQUIRE_PG=1 时测试必须在 PostgreSQL 上运行；` +
      '请启动 PostgreSQL，或用 GONGKAI_TEST_PG_URL 指定服务器',
  );
}

// A plain `npm test` without PostgreSQL: say so, once per run (the workers of one run share their parent)
if (pgWanted && pgProblem !== null && !PG_REQUIRED) {
  const marker = path.join(tmpdir(), `gongkai-test-pg-note-${process.ppid}`);
  if (!existsSync(marker)) {
    try {
      writeFileSync(marker, '');
    } catch {
      // the note is printed again, no harm
    }
    process.stderr.write(
      `\n[gongkai] 注意：PostgreSQL 未响应（${shownUrl(ADMIN_URL)}：${pgProblem}），本次只在 PGlite 上运行测试，PostgreSQL 部分未运行。` +
        '\n[gongkai] note: PostgreSQL does not answer; the suite runs on PGlite only (CI and GONGKAI_REQUIRE_PG=1 make this a failure).\n\n',
    );
  }
}

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase();
    return { ...database, drop: () => database.close() };
  }
  const missing = postgresMissing();
  if (missing) throw missing;
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
