/**
 * A small world for service tests: a government with two departments, and staff of each role. And the demo
 * agency `npm start` loads, for the tests that need a year and more of realistic records.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/core/applications/workflow';
import { createAgency, type Agency } from '../../src/services/agencies';
import { createUser } from '../../src/services/accounts';
import { fixedClock, type Ctx, type StaffActor } from '../../src/services/context';
import { seedDemo, type DemoAccount } from '../../src/services/demo';
import { openTestDatabase, testCtx, type DbKind, type TestCtx, type TestDatabase } from './db';

export const PASSWORD = 'test-pass-2026';

export interface World {
  city: Agency;
  health: Agency;
  education: Agency;
  officer: StaffActor;
  reviewer: StaffActor;
  admin: StaffActor;
  supervisor: StaffActor;
  platformAdmin: StaffActor;
  otherOfficer: StaffActor;
}

export async function makeWorld(ctx: Ctx): Promise<World> {
  const city = await createAgency(ctx.db, { name: '示范市人民政府', kind: 'government' });
  const health = await createAgency(ctx.db, {
    name: '示范市卫生健康局',
    kind: 'department',
    parentId: city.id,
    contact: { reconsiderationBody: '示范市人民政府', court: '示范市人民法院' },
  });
  const education = await createAgency(ctx.db, { name: '示范市教育局', kind: 'department', parentId: city.id });
  const user = async (username: string, agency: Agency, roles: Role[]): Promise<StaffActor> => {
    const { id } = await createUser(ctx.db, { agencyId: agency.id, username, displayName: username, password: PASSWORD, roles });
    return { kind: 'staff', userId: id, name: username, agencyId: agency.id, roles };
  };
  return {
    city,
    health,
    education,
    officer: await user('officer', health, ['officer']),
    reviewer: await user('reviewer', health, ['reviewer']),
    admin: await user('hadmin', health, ['admin']),
    supervisor: await user('supervisor', city, ['supervisor']),
    platformAdmin: await user('padmin', city, ['admin']),
    otherOfficer: await user('eofficer', education, ['officer']),
  };
}

/**
 * For the suite it is called in: before its tests, a fresh database of `kind` with the world in it, handed to
 * `use` (e.g. `(t) => ({ ctx, w } = t)`); after them, the database dropped.
 */
export function worldPerSuite(kind: DbKind, use: (t: { ctx: TestCtx; w: World }) => void): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const ctx = testCtx(database);
    use({ ctx, w: await makeWorld(ctx) });
  });
  afterAll(() => database?.drop());
}

/** A valid application of a natural person (resident ID 11010519491231002X is a checksum-valid example). */
export function intake(agencyId: number, overrides: Record<string, unknown> = {}) {
  return {
    agencyId,
    applicantType: 'natural',
    applicantName: '张三',
    idType: 'idCard',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    email: 'zhangsan@example.com',
    description: '请公开本局2025年行政许可决定目录',
    form: 'electronic',
    delivery: 'email',
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The demo agency

/** The demo's "today": its last year's report published, this year's not yet written. */
export const DEMO_TODAY = '2026-11-23';
/** every demo account gets this password (seedDemo's `password` option) */
export const DEMO_PASSWORD = 'demo-pass-2026';

/** The demo agency on a fresh database of `kind`, its clock at DEMO_TODAY. The caller drops the database. */
export async function openDemo(kind: DbKind, options: { casesPerYear?: number } = {}): Promise<{ database: TestDatabase; ctx: TestCtx; accounts: DemoAccount[] }> {
  const database = await openTestDatabase(kind);
  try {
    const ctx = testCtx(database, fixedClock(DEMO_TODAY));
    const accounts = await seedDemo(ctx, { password: DEMO_PASSWORD, ...options });
    return { database, ctx, accounts };
  } catch (e) {
    await database.drop();
    throw e;
  }
}
