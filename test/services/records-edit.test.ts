/**
 * Records (行政决定, 收费, 事项, 采购) edited and deleted: the whole record checked as a new one, one transaction
 * with an audit entry holding it before and after (or what was deleted); another agency's officer, a reviewer
 * and the supervisor cannot; a record of another agency is not found.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, decisions, feeCollections, matters, procurements } from '../../src/db/schema';
import { createRecord, deleteRecord, listRecords, updateRecord } from '../../src/services/registry';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)('records edited and deleted (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  const auditOf = (id: string) =>
    ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, w.health.id), eq(auditLog.entityId, id)))
      .orderBy(auditLog.id);

  it('a decision corrected: its fields change, an optional one left out is cleared, the audit keeps both states', async () => {
    ctx.setToday('2026-03-10');
    const { ids } = await createRecord(ctx, w.officer, w.health.id, 'decisions', { kind: 'licensing', decisionNumber: '示卫许〔2026〕1号', subject: '某某诊所', decidedOn: '2026-03-02', summary: '准予登记' });
    const id = ids[0];
    ctx.setToday('2026-03-11');
    await updateRecord(ctx, w.officer, w.health.id, 'decisions', id, { kind: 'punishment', decisionNumber: '示卫罚〔2026〕1号', subject: '某某诊所', decidedOn: '2026-03-03' });
    const [row] = await ctx.db.select().from(decisions).where(and(eq(decisions.agencyId, w.health.id), eq(decisions.id, id)));
    expect(row).toMatchObject({ kind: 'punishment', decisionNumber: '示卫罚〔2026〕1号', decidedOn: '2026-03-03', summary: null });
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ entity: 'decisions', action: 'update', actorName: 'officer', actorId: w.officer.userId });
    expect(entry.before).toMatchObject({ kind: 'licensing', decidedOn: '2026-03-02', summary: '准予登记' });
    expect(entry.after).toMatchObject({ kind: 'punishment', decidedOn: '2026-03-03', summary: null });
    // 10:00 China time on the day of the change (the fixed clock)
    expect(entry.at.toISOString()).toBe('2026-03-11T02:00:00.000Z');
  });

  it('every kind can be edited: a fee, an item (事项), a procurement project', async () => {
    ctx.setToday('2026-03-10');
    const fee = (await createRecord(ctx, w.officer, w.health.id, 'fees', { item: '体检费', collectedOn: '2026-03-01', amountYuan: '1200.50' })).ids[0];
    await updateRecord(ctx, w.admin, w.health.id, 'fees', fee, { item: '预防性体检费', collectedOn: '2026-03-01', amountYuan: 1300, payer: '某某公司' });
    expect((await ctx.db.select().from(feeCollections).where(eq(feeCollections.id, fee)))[0]).toMatchObject({ item: '预防性体检费', amountYuan: 1300, payer: '某某公司' });

    const matter = (await createRecord(ctx, w.officer, w.health.id, 'matters', { kind: 'licensing', name: '医疗机构执业登记', establishedOn: '2019-01-01' })).ids[0];
    await updateRecord(ctx, w.officer, w.health.id, 'matters', matter, { kind: 'licensing', name: '医疗机构执业登记', establishedOn: '2019-01-01', abolishedOn: '2026-03-01' });
    expect((await ctx.db.select().from(matters).where(eq(matters.id, matter)))[0]).toMatchObject({ abolishedOn: '2026-03-01' });

    const project = (await createRecord(ctx, w.officer, w.health.id, 'procurements', { name: '医疗设备采购', contractedOn: '2026-02-01', amountYuan: 251000 })).ids[0];
    await updateRecord(ctx, w.officer, w.health.id, 'procurements', project, { name: '医疗设备采购（一期）', contractedOn: '2026-02-02', amountYuan: 250000 });
    expect((await ctx.db.select().from(procurements).where(eq(procurements.id, project)))[0]).toMatchObject({ name: '医疗设备采购（一期）', amountYuan: 250000 });
  });

  it('a change is checked as a new record: fields named, no date after today, nothing changed when refused', async () => {
    ctx.setToday('2026-03-10');
    const id = (await createRecord(ctx, w.officer, w.health.id, 'decisions', { kind: 'licensing', subject: '某某宾馆', decidedOn: '2026-03-02' })).ids[0];
    await expect(updateRecord(ctx, w.officer, w.health.id, 'decisions', id, { kind: 'licensing', subject: '', decidedOn: '2026-03-02' })).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'subject', message: '请填写相对人' }],
    });
    await expect(updateRecord(ctx, w.officer, w.health.id, 'decisions', id, { kind: 'licensing', subject: '某某宾馆', decidedOn: '2026-03-11' })).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'decidedOn', message: '不能晚于今天' }],
    });
    expect((await ctx.db.select().from(decisions).where(eq(decisions.id, id)))[0]).toMatchObject({ subject: '某某宾馆', decidedOn: '2026-03-02' });
    expect(await auditOf(id)).toEqual([]);
  });

  it('deleted: gone from the list, the audit entry keeps what it was; a second delete is a 404', async () => {
    ctx.setToday('2026-03-10');
    const id = (await createRecord(ctx, w.officer, w.health.id, 'fees', { item: '误登记的收费', collectedOn: '2026-03-09', amountYuan: 99 })).ids[0];
    expect((await listRecords(ctx, w.officer, w.health.id, 'fees')).some((r) => r.id === id)).toBe(true);
    await deleteRecord(ctx, w.officer, w.health.id, 'fees', id);
    expect((await listRecords(ctx, w.officer, w.health.id, 'fees')).some((r) => r.id === id)).toBe(false);
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ entity: 'fees', action: 'delete', after: null });
    expect(entry.before).toMatchObject({ id, item: '误登记的收费', collectedOn: '2026-03-09', amountYuan: 99 });
    await expect(deleteRecord(ctx, w.officer, w.health.id, 'fees', id)).rejects.toMatchObject({ status: 404, message: '未找到该行政事业性收费记录（可能已被删除）' });
    await expect(updateRecord(ctx, w.officer, w.health.id, 'fees', id, { item: '收费', collectedOn: '2026-03-09', amountYuan: 1 })).rejects.toMatchObject({ status: 404 });
  });

  it('only the agency’s officer or administrator: not the reviewer, the supervisor, another agency; another agency’s record is not found', async () => {
    ctx.setToday('2026-03-10');
    const id = (await createRecord(ctx, w.officer, w.health.id, 'decisions', { kind: 'licensing', subject: '某某游泳馆', decidedOn: '2026-03-02' })).ids[0];
    const body = { kind: 'licensing', subject: '改', decidedOn: '2026-03-02' };
    await expect(updateRecord(ctx, w.reviewer, w.health.id, 'decisions', id, body)).rejects.toMatchObject({ status: 403 });
    await expect(deleteRecord(ctx, w.supervisor, w.health.id, 'decisions', id)).rejects.toMatchObject({ status: 403 });
    await expect(deleteRecord(ctx, w.otherOfficer, w.health.id, 'decisions', id)).rejects.toMatchObject({ status: 403, message: '只能办理本机关的事项' });
    // the education bureau's officer, on its own agency, names the health bureau's record: not found there
    await expect(deleteRecord(ctx, w.otherOfficer, w.education.id, 'decisions', id)).rejects.toMatchObject({ status: 404 });
    await expect(updateRecord(ctx, w.otherOfficer, w.education.id, 'decisions', id, body)).rejects.toMatchObject({ status: 404 });
    expect((await ctx.db.select().from(decisions).where(eq(decisions.id, id)))[0]).toMatchObject({ subject: '某某游泳馆' });
  });
});
