import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditLog } from '../../src/db/schema';
import { insertAll } from '../../src/db/multi-insert';
import { appendAudit } from '../../src/services/audit';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../helpers/db';

const REFERENCE_TABLES = ['agencies', 'users', 'sessions', 'calendar_overrides', 'calendar_years'];

const rows = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

describe.each(DB_KINDS)('database (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('insertAll writes several tables in one statement, and nothing when one row fails', async () => {
    const [a] = await database.db.insert(agencies).values({ name: '一次写入测试局', kind: 'department' }).returning();
    const entry = (entityId: string) => ({ agencyId: a.id, entity: 'test', entityId, action: 'x', actorId: null, actorName: '测试', at: new Date(), before: null, after: { n: 1 } });
    await insertAll(database.db, [{ table: auditLog, rows: [entry('a1'), entry('a2')] }, { table: auditLog, rows: [entry('a3')] }]);
    const count = async () => rows(await database.db.execute(sql`select count(*)::int as n from audit_log where agency_id = ${a.id}`))[0].n;
    expect(await count()).toBe(3);
    // the second part breaks a NOT NULL column: the first part must not be written either
    await expect(insertAll(database.db, [{ table: auditLog, rows: [entry('b1')] }, { table: auditLog, rows: [{ ...entry('b2'), actorName: null }] }])).rejects.toThrow();
    expect(await count()).toBe(3);
  });

  it('an agency that has applications cannot be deleted (the guard that stands in for the foreign key)', async () => {
    const [a] = await database.db.insert(agencies).values({ name: '删除测试局', kind: 'department' }).returning();
    const [b] = await database.db.insert(agencies).values({ name: '无申请的局', kind: 'department' }).returning();
    await database.db.execute(sql`insert into applications (agency_id, id, tracking_code, channel, submitted_at, received_on, receipt_reason, applicant_type, applicant_name, id_type, id_number, phone, description, form, delivery, status)
      values (${a.id}, gen_random_uuid(), 'DEL-1', 'online', now(), '2026-03-02', '', 'natural', '张三', 'idCard', '11010519491231002X', '13800138000', '某信息', 'electronic', 'email', 'pending')`);
    await expect(database.db.execute(sql`delete from agencies where id = ${a.id}`)).rejects.toThrow();
    await database.db.execute(sql`delete from agencies where id = ${b.id}`);
    expect(rows(await database.db.execute(sql`select count(*)::int as n from agencies where id in (${a.id}, ${b.id})`))[0].n).toBe(1);
  });

  it('applies the migrations', async () => {
    const tables = rows(await database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`)).map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining(['agencies', 'users', 'sessions', 'applications', 'application_events', 'attachments', 'review_cases', 'letter_templates', 'audit_log', 'calendar_overrides', 'calendar_years']),
    );
  });

  it('is ready to shard by agency: every tenant table leads its primary key, unique keys and foreign keys with agency_id', async () => {
    const keys = rows(
      await database.db.execute(sql`
        select tc.table_name, tc.constraint_type, tc.constraint_name,
               array_agg(kcu.column_name::text order by kcu.ordinal_position) as columns
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
         where tc.table_schema = 'public' and tc.constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
         group by tc.table_name, tc.constraint_type, tc.constraint_name`),
    );
    const tenant = keys.filter((k) => !REFERENCE_TABLES.includes(String(k.table_name)));
    expect(new Set(tenant.map((k) => k.table_name)).size).toBeGreaterThanOrEqual(6);
    for (const k of tenant) {
      const columns = (Array.isArray(k.columns) ? k.columns : String(k.columns).replace(/[{}]/g, '').split(',')) as string[];
      // a foreign key to a reference table (agencies, users) need not carry agency_id
      if (k.constraint_type === 'FOREIGN KEY' && !columns.includes('agency_id')) {
        const target = rows(
          await database.db.execute(sql`select ccu.table_name from information_schema.constraint_column_usage ccu where ccu.constraint_name = ${k.constraint_name}`),
        )[0];
        expect(REFERENCE_TABLES, `${k.constraint_name}`).toContain(target.table_name);
        continue;
      }
      expect(columns[0], `${k.table_name} ${k.constraint_type} ${columns}`).toBe('agency_id');
    }
    // unique indexes too (applications_tracking)
    const indexes = rows(await database.db.execute(sql`select tablename, indexdef from pg_indexes where schemaname = 'public' and indexdef like 'CREATE UNIQUE%'`));
    for (const i of indexes.filter((x) => !REFERENCE_TABLES.includes(String(x.tablename)))) {
      expect(String(i.indexdef)).toMatch(/\(agency_id/);
    }
  });

  it('keeps the audit trail append-only', async () => {
    await database.db.execute(sql`insert into agencies (id, name, kind) values (900, '审计测试局', 'department')`);
    await appendAudit(database.db, { kind: 'public' }, { agencyId: 900, entity: 'test', entityId: '1', action: 'create', after: { a: 1 } });
    const refused = (e: unknown) => /审计记录只能追加/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
    await expect(database.db.execute(sql`update audit_log set action = 'x' where agency_id = 900`)).rejects.toSatisfy(refused);
    await expect(database.db.execute(sql`delete from audit_log where agency_id = 900`)).rejects.toSatisfy(refused);
    const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`agency_id = 900`);
    expect(n).toBe(1);
  });
});
