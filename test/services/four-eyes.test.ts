/**
 * The four-eyes principle (四眼原则, src/core/rights.ts): one person holding both roles still cannot request and
 * approve an extension, secrecy-review and approve, approve and publish a registry item, or submit and approve
 * the annual report; an administrator cannot change their own roles. A one-person office may be allowed it by
 * its administrator (allowSingleOfficer), and every such step is marked fourEyesWaived in the audit trail.
 */
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditLog } from '../../src/db/schema';
import { act, getApplication, submitOnline } from '../../src/services/applications';
import { createUser, updateUser } from '../../src/services/accounts';
import { getAgency, updateAgencyContact } from '../../src/services/agencies';
import { createDisclosure, disclosureStep, listDisclosures } from '../../src/services/registry';
import { approveReport, reportWorkspace, saveSections, submitReport } from '../../src/services/reports';
import { writeSections } from '../helpers/report-text';
import type { StaffActor } from '../../src/services/context';
import type { Role } from '../../src/core/applications/workflow';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { PASSWORD, intake, worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)('four eyes (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  /** one person with every role of the office but supervisor */
  let both: StaffActor;
  /** a second administrator of the same agency */
  let admin2: StaffActor;
  beforeAll(async () => {
    const roles: Role[] = ['officer', 'reviewer', 'admin'];
    const { id } = await createUser(ctx.db, { agencyId: w.health.id, username: 'both', displayName: '一人多岗', password: PASSWORD, roles });
    both = { kind: 'staff', userId: id, name: '一人多岗', agencyId: w.health.id, roles };
    const second = await createUser(ctx.db, { agencyId: w.health.id, username: 'admin2', displayName: '第二管理员', password: PASSWORD, roles: ['admin'] });
    admin2 = { kind: 'staff', userId: second.id, name: '第二管理员', agencyId: w.health.id, roles: ['admin'] };
  });

  const single = async (on: boolean) => {
    const contact = (await getAgency(ctx.db, w.health.id)).contact;
    await updateAgencyContact(ctx.db, w.admin, w.health.id, { ...contact, allowSingleOfficer: on });
  };
  const lastAudit = async (entity: string, entityId: string, action: string) => {
    const [row] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId), eq(auditLog.action, action)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    return row;
  };
  const newCase = async () => {
    ctx.setToday('2026-03-02');
    const { id } = await submitOnline(ctx, intake(w.health.id));
    ctx.setToday('2026-03-20');
    await act(ctx, both, w.health.id, id, 'requestExtension', { days: 10, reason: '涉及多年度档案' });
    return id;
  };

  describe('an extension', () => {
    it('is not approved by whoever requested it, even holding the reviewer role', async () => {
      const id = await newCase();
      // the case page does not offer it to the requester; it does to another reviewer
      expect((await getApplication(ctx, both, w.health.id, id)).allowedActions).not.toContain('approveExtension');
      expect((await getApplication(ctx, w.reviewer, w.health.id, id)).allowedActions).toContain('approveExtension');
      await expect(act(ctx, both, w.health.id, id, 'approveExtension', {})).rejects.toMatchObject({
        status: 403,
        message: expect.stringMatching(/^同一人不能既申请又批准延期（四眼原则）/),
      });
      // another reviewer may, and the step is not marked
      await act(ctx, w.reviewer, w.health.id, id, 'approveExtension', {});
      const audit = await lastAudit('application', id, 'approveExtension');
      expect(audit.actorId).toBe(w.reviewer.userId);
      expect((audit.after as { event: { data: Record<string, unknown> } }).event.data.fourEyesWaived).toBeUndefined();
    });

    it('a one-person office may, and the audit entry says so', async () => {
      const id = await newCase();
      await single(true);
      try {
        await act(ctx, both, w.health.id, id, 'approveExtension', {});
      } finally {
        await single(false);
      }
      const audit = await lastAudit('application', id, 'approveExtension');
      expect(audit.actorId).toBe(both.userId);
      expect((audit.after as { event: { data: Record<string, unknown> } }).event.data.fourEyesWaived).toBe(true);
    });
  });

  describe('a registry item', () => {
    const item = () => createDisclosure(ctx, w.officer, w.health.id, { title: '2026年第一季度行政许可目录', category: 3, formedOn: '2026-02-20', channels: { website: '政府网站' } });

    it('is not approved by its secrecy reviewer, nor published by its approver', async () => {
      ctx.setToday('2026-03-02');
      const { id } = await item();
      await disclosureStep(ctx, both, w.health.id, id, 'secrecyReview', {});
      // the buttons: `both` is offered no approval of what it reviewed; the other reviewer is
      const listed = async (actor: StaffActor, itemId = id) => (await listDisclosures(ctx, actor, w.health.id)).items.find((i) => i.id === itemId)!.allowedSteps;
      expect(await listed(both)).not.toContain('approve');
      expect(await listed(w.reviewer)).toContain('approve');
      await expect(disclosureStep(ctx, both, w.health.id, id, 'approve', {})).rejects.toMatchObject({
        status: 403,
        message: expect.stringMatching(/^同一人不能既进行保密审查又审核批准同一公开事项（四眼原则）/),
      });
      await disclosureStep(ctx, w.reviewer, w.health.id, id, 'approve', {});
      // reviewed by one, approved by another: a third (or the first) publishes
      await disclosureStep(ctx, both, w.health.id, id, 'publish', {});

      const second = await item();
      await disclosureStep(ctx, w.officer, w.health.id, second.id, 'secrecyReview', {});
      await disclosureStep(ctx, both, w.health.id, second.id, 'approve', {});
      expect(await listed(both, second.id)).not.toContain('publish');
      expect(await listed(w.officer, second.id)).toContain('publish');
      await expect(disclosureStep(ctx, both, w.health.id, second.id, 'publish', {})).rejects.toMatchObject({
        status: 403,
        message: expect.stringMatching(/^同一人不能既审核批准又发布同一公开事项（四眼原则）/),
      });
      await disclosureStep(ctx, w.officer, w.health.id, second.id, 'publish', {});
      const audit = await lastAudit('disclosure', second.id, 'publish');
      expect((audit.after as Record<string, unknown>).fourEyesWaived).toBeUndefined();
    });

    it('a one-person office does all three, each self-approved step marked', async () => {
      ctx.setToday('2026-03-02');
      const { id } = await item();
      await single(true);
      try {
        await disclosureStep(ctx, both, w.health.id, id, 'secrecyReview', {});
        await disclosureStep(ctx, both, w.health.id, id, 'approve', {});
        await disclosureStep(ctx, both, w.health.id, id, 'publish', {});
      } finally {
        await single(false);
      }
      // the secrecy review follows nobody's step: not a waiver
      expect(((await lastAudit('disclosure', id, 'secrecyReview')).after as Record<string, unknown>).fourEyesWaived).toBeUndefined();
      expect(((await lastAudit('disclosure', id, 'approve')).after as Record<string, unknown>).fourEyesWaived).toBe(true);
      expect(((await lastAudit('disclosure', id, 'publish')).after as Record<string, unknown>).fourEyesWaived).toBe(true);
    });
  });

  describe('the annual report', () => {
    const Y = 2025;
    it('is not approved by whoever submitted it', async () => {
      ctx.setToday('2026-03-02');
      const ws = await reportWorkspace(ctx, both, w.health.id, Y);
      await saveSections(ctx, both, w.health.id, Y, writeSections(ws.generatedSections));
      await submitReport(ctx, both, w.health.id, Y);
      expect((await reportWorkspace(ctx, both, w.health.id, Y)).allowed.approve).toBe(false);
      expect((await reportWorkspace(ctx, w.reviewer, w.health.id, Y)).allowed.approve).toBe(true);
      await expect(approveReport(ctx, both, w.health.id, Y)).rejects.toMatchObject({
        status: 403,
        message: expect.stringMatching(/^同一人不能既提交又审核批准年度报告（四眼原则）/),
      });
      await approveReport(ctx, w.reviewer, w.health.id, Y);
      expect((await lastAudit('report', String(Y), 'status:approved')).actorId).toBe(w.reviewer.userId);
    });

    it('a one-person office may, marked in the audit trail', async () => {
      ctx.setToday('2026-03-02');
      const ws = await reportWorkspace(ctx, both, w.health.id, Y);
      await saveSections(ctx, both, w.health.id, Y, { ...writeSections(ws.sections), other: '无其他需要报告的事项。' });
      await submitReport(ctx, both, w.health.id, Y);
      await single(true);
      try {
        await approveReport(ctx, both, w.health.id, Y);
      } finally {
        await single(false);
      }
      const audit = await lastAudit('report', String(Y), 'status:approved');
      expect(audit.actorId).toBe(both.userId);
      expect((audit.after as Record<string, unknown>).fourEyesWaived).toBe(true);
    });
  });

  describe('accounts and the setting', () => {
    it('an administrator cannot change their own roles; another administrator can', async () => {
      await expect(updateUser(ctx.db, admin2, admin2.userId, { roles: ['admin', 'reviewer'] })).rejects.toMatchObject({
        status: 403,
        message: expect.stringMatching(/^不能修改自己的角色（四眼原则）/),
      });
      // the same roles again are no change
      await updateUser(ctx.db, admin2, admin2.userId, { roles: ['admin'] });
      await updateUser(ctx.db, w.admin, admin2.userId, { roles: ['admin', 'reviewer'] });
      const audit = await lastAudit('user', admin2.userId, 'update');
      expect(audit.actorId).toBe(w.admin.userId);
      expect(audit.after).toMatchObject({ roles: ['admin', 'reviewer'] });
    });

    it('only the agency administrator sets the one-person office, and the change is audited', async () => {
      const contact = (await getAgency(ctx.db, w.health.id)).contact;
      await expect(updateAgencyContact(ctx.db, w.reviewer, w.health.id, { ...contact, allowSingleOfficer: true })).rejects.toMatchObject({ status: 403 });
      await expect(updateAgencyContact(ctx.db, w.platformAdmin, w.health.id, { ...contact, allowSingleOfficer: true })).rejects.toMatchObject({ status: 403 });
      await updateAgencyContact(ctx.db, w.admin, w.health.id, { ...contact, allowSingleOfficer: true });
      const [row] = await ctx.db.select({ contact: agencies.contact }).from(agencies).where(eq(agencies.id, w.health.id));
      expect(row.contact.allowSingleOfficer).toBe(true);
      const audit = await lastAudit('agency', String(w.health.id), 'updateContact');
      expect(audit.actorId).toBe(w.admin.userId);
      expect((audit.after as Record<string, unknown>).allowSingleOfficer).toBe(true);
      await single(false);
    });
  });
});
