/**
 * The same file imported twice: refused with a 409 naming when it was imported (and by whom, and how many
 * rows), nothing inserted the second time. The file's SHA-256 is in the import's audit entry. Another kind,
 * another agency, or a changed file are other imports; two uploads of one file at the same moment insert it
 * once.
 */
import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, disclosures, feeCollections } from '../../src/db/schema';
import { importDisclosures, importRecords } from '../../src/services/imports';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { worldPerSuite, type World } from '../helpers/world';

const FEES = Buffer.from('收费项目,收费日期,金额（元）\n预防性健康体检费,2026-03-02,800\n预防性健康体检费,2026-03-03,1200\n');
const ITEMS = Buffer.from('标题,公开类别,形成或变更日期\n示范市卫生健康局2026年部门预算,7,2026-02-10\n');

describe.each(DB_KINDS)('the same file imported twice (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  const fees = async (agencyId: number) => (await ctx.db.select({ n: count() }).from(feeCollections).where(eq(feeCollections.agencyId, agencyId)))[0].n;

  it('the second upload of a file is refused, naming when it was imported, and inserts nothing', async () => {
    ctx.setToday('2026-03-05');
    expect(await importRecords(ctx, w.officer, w.health.id, 'fees', { filename: '3月收费.csv', bytes: FEES })).toEqual({ inserted: 2 });
    // the hash is in the import's audit entry
    const [entry] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.agencyId, w.health.id), eq(auditLog.entity, 'fees'), eq(auditLog.action, 'insert')));
    expect(entry.after).toMatchObject({ count: 2, filename: '3月收费.csv', sha256: createHash('sha256').update(FEES).digest('hex') });

    ctx.setToday('2026-03-09');
    // renamed, uploaded by the administrator a few days later: the same bytes
    const err = await importRecords(ctx, w.admin, w.health.id, 'fees', { filename: '收费（再次）.csv', bytes: FEES }).catch((e) => e);
    expect(err).toMatchObject({
      status: 409,
      // imported 2026-03-05 at 10:00 China time (the fixed clock)
      message: '该文件已于 2026年3月5日 10:00 导入（文件“3月收费.csv”，共 2 行，导入人：officer），不能重复导入。如需更正已导入的记录，请在列表中修改或删除。',
    });
    expect(await fees(w.health.id)).toBe(2);
  });

  it('a changed file, another kind or another agency is another import', async () => {
    ctx.setToday('2026-03-09');
    const changed = Buffer.concat([FEES, Buffer.from('预防性健康体检费,2026-03-04,500\n')]);
    expect(await importRecords(ctx, w.officer, w.health.id, 'fees', { filename: '3月收费.csv', bytes: changed })).toEqual({ inserted: 3 });
    expect(await importRecords(ctx, w.otherOfficer, w.education.id, 'fees', { filename: '3月收费.csv', bytes: FEES })).toEqual({ inserted: 2 });
    expect(await fees(w.health.id)).toBe(5);
    expect(await fees(w.education.id)).toBe(2);
  });

  it('a file refused for a bad row can be imported once corrected, and the refused one was never recorded', async () => {
    ctx.setToday('2026-03-09');
    const bad = Buffer.from('收费项目,收费日期,金额（元）\n体检费,2026-03-40,800\n');
    await expect(importRecords(ctx, w.officer, w.health.id, 'fees', { filename: 'bad.csv', bytes: bad })).rejects.toMatchObject({ status: 422 });
    // the same bad file again: still the row's error, not "already imported"
    await expect(importRecords(ctx, w.officer, w.health.id, 'fees', { filename: 'bad.csv', bytes: bad })).rejects.toMatchObject({ status: 422 });
  });

  it('two uploads of one file at the same moment: one is imported, the other refused', async () => {
    ctx.setToday('2026-03-10');
    const file = Buffer.from('收费项目,收费日期,金额（元）\n卫生监督检测费,2026-03-06,300\n');
    const before = await fees(w.health.id);
    const results = await Promise.allSettled([
      importRecords(ctx, w.officer, w.health.id, 'fees', { filename: 'a.csv', bytes: file }),
      importRecords(ctx, w.admin, w.health.id, 'fees', { filename: 'b.csv', bytes: file }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await fees(w.health.id)).toBe(before + 1);
  });

  it('主动公开 items too: the same file twice is refused', async () => {
    ctx.setToday('2026-03-10');
    expect(await importDisclosures(ctx, w.officer, w.health.id, { filename: 'items.csv', bytes: ITEMS })).toEqual({ inserted: 1 });
    await expect(importDisclosures(ctx, w.officer, w.health.id, { filename: 'items.csv', bytes: ITEMS })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/^该文件已于 2026年3月10日 10:00 导入（文件“items.csv”，共 1 行，导入人：officer），不能重复导入。/),
    });
    expect((await ctx.db.select({ n: count() }).from(disclosures).where(eq(disclosures.agencyId, w.health.id)))[0].n).toBe(1);
  });
});
