import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationEvents, applications, auditLog } from '../../src/db/schema';
import {
  act,
  agencyOfCode,
  getApplication,
  listApplications,
  registerApplication,
  submitCorrection,
  submitOnline,
  trackApplication,
} from '../../src/services/applications';
import { setCalendarYear } from '../../src/services/calendar';
import { extractSource } from '../../src/extract/index';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { intake, worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)('applications (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  const step = (date: string, actor: World['officer'], id: string, action: Parameters<typeof act>[4], payload: Record<string, unknown> = {}) => {
    ctx.setToday(date);
    return act(ctx, actor, w.health.id, id, action, payload);
  };

  describe('a case from online intake to closing: correction, extension, reply letter', () => {
    let id = '';
    let code = '';

    it('takes the application and gives a tracking code of the agency', async () => {
      ctx.setToday('2026-03-02');
      const created = await submitOnline(ctx, intake(w.health.id));
      id = created.id;
      code = created.trackingCode;
      expect(created.receivedOn).toBe('2026-03-02');
      expect(code).toMatch(/^[0-9A-Z]+-[2-9A-HJ-NP-Z]{10}$/);
      expect(agencyOfCode(code)).toBe(w.health.id);
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      // received Mon 2026-03-02 (day 0); 20th working day: March has no holiday → 03-30
      expect(page.clock.due).toBe('2026-03-30');
      expect(page.clock.lines[0]).toContain('收到申请日 2026-03-02');
      // 延迟答复 (Art. 35) only after the applicant was asked for reasons
      expect(page.allowedActions).toEqual(['assign', 'requestCorrection', 'startConsultation', 'requestExtension', 'requestReasons', 'reply']);
    });

    it('the correction notice stops the clock; the corrected application restarts it', async () => {
      await step('2026-03-04', w.officer, id, 'requestCorrection', { items: '请写明所需许可决定的年份和类别', periodDays: 15 });
      let page = await getApplication(ctx, w.officer, w.health.id, id);
      // 15 working days after 03-04: 03-05 … 03-25
      expect(page.clock).toMatchObject({ state: 'waitingCorrection', due: '2026-03-25', dueLabel: '补正期限' });
      await step('2026-03-10', w.officer, id, 'receiveCorrection', { note: '申请人补充了年份' });
      page = await getApplication(ctx, w.officer, w.health.id, id);
      // restart from Tue 03-10: 03-11 (1) … 04-03 (18), 04-04–06 清明 skipped, 04-07 (19), 04-08 (20)
      expect(page.clock).toMatchObject({ state: 'running', due: '2026-04-08' });
      expect(page.clock.lines.join('\n')).toContain('2026-04-04');
    });

    it('an extension needs the reviewer and adds working days after the original deadline', async () => {
      await step('2026-03-30', w.officer, id, 'requestExtension', { days: 10, reason: '涉及多年度档案' });
      await expect(step('2026-03-30', w.officer, id, 'approveExtension', {})).rejects.toMatchObject({ status: 403, message: '“批准延期”需要审核人权限' });
      await step('2026-03-31', w.reviewer, id, 'approveExtension', { note: '同意' });
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      // 10 working days after 04-08: 04-09 … 04-22
      expect(page.clock.due).toBe('2026-04-22');
      expect(page.extension).toBe('approved');
      await expect(step('2026-04-01', w.officer, id, 'requestExtension', { days: 5, reason: '再次延期' })).rejects.toMatchObject({ status: 409 });
    });

    it('the reply generates the letter from the template, counted in its row of table 三', async () => {
      await step('2026-04-15', w.officer, id, 'reply', { decision: 'provided' });
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      expect(page).toMatchObject({ status: 'replied', decision: 'provided', repliedOn: '2026-04-15' });
      expect(page.clock).toMatchObject({ state: 'stopped', repliedLate: false, due: '2026-04-22' });
      const letter = page.attachments.filter((a) => a.kind === 'notice').at(-1)!;
      expect(letter.filename).toMatch(/^政府信息公开申请答复书（.+〔2026〕\d+号）\.docx$/);
      // stamped by the service's clock (as every record of the case), not the database's
      expect(letter.createdAt).toEqual(ctx.clock.now());
      expect(page.timeline.at(-1)).toMatchObject({ kind: 'reply', at: ctx.clock.now() });
      expect(page.timeline[0].at).toEqual(new Date('2026-03-02T10:00:00+08:00'));
      const [row] = await ctx.db.select().from(applications).where(eq(applications.id, id));
      expect(row.replyText).toContain('张三：');
      expect(row.replyText).toContain('本机关于2026年3月2日收到您提出的政府信息公开申请');
      expect(row.replyText).toContain('《中华人民共和国政府信息公开条例》第三十六条第（二）项');
      expect(row.replyText).toContain('六十日内向示范市人民政府申请行政复议，或者自收到本答复之日起六个月内向示范市人民法院提起行政诉讼');
      // the .docx is a real Word document carrying the same text
      const file = await ctx.storage.get((await ctx.db.execute(sql`select storage_key from attachments where id = ${letter.id}`) as unknown as { rows: { storage_key: string }[] }).rows?.[0]?.storage_key ?? '');
      const x = await extractSource(file);
      expect(x.ok && x.kind).toBe('docx');
    });

    it('closes, and the applicant sees each public step on the tracking page', async () => {
      await step('2026-04-16', w.officer, id, 'close');
      const t = await trackApplication(ctx, code.toLowerCase());
      expect(t.status).toBe('closed');
      expect(t.steps.map((s) => `${s.on} ${s.label}`)).toEqual([
        '2026-03-02 收到申请',
        '2026-03-04 告知补正',
        '2026-03-10 收到补正',
        '2026-03-31 延长答复期限',
        '2026-04-15 作出答复',
        '2026-04-16 办结',
      ]);
      expect(t.steps[1].detail).toContain('请于 2026-03-25 前补正');
      // the 补正告知书, the 延期答复告知书 and the 答复书
      expect(t.notices.map((n) => n.title)).toEqual(['政府信息公开申请补正告知书', '政府信息公开申请延期答复告知书', '政府信息公开申请答复书']);
    });

    it('every change is in the audit trail with before and after', async () => {
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      expect(page.audit.map((a) => a.action)).toEqual(['submit', 'requestCorrection', 'receiveCorrection', 'requestExtension', 'approveExtension', 'reply', 'close']);
      const reply = page.audit.find((a) => a.action === 'reply')!;
      expect(reply.actor).toBe('officer');
      expect((reply.before as { status: string }).status).toBe('processing');
      expect((reply.after as { status: string; outcome: string }).status).toBe('replied');
    });
  });

  describe('pauses: third-party consultation and fee notice across Labour Day', () => {
    it('excludes the working days after each notice up to and including the answer or payment', async () => {
      ctx.setToday('2026-04-27');
      const { id } = await registerApplication(ctx, w.officer, { ...intake(w.health.id, { applicantName: '李四' }), channel: 'post', date: '2026-04-27' });
      await step('2026-04-28', w.officer, id, 'startConsultation', { with: 'thirdParty', party: '某某医院' });
      let page = await getApplication(ctx, w.officer, w.health.id, id);
      expect(page.clock.state).toBe('paused');
      // the third party answers within 15 working days of the letter: 04-29 (1), 04-30 (2), 05-01–05 劳动节,
      // 05-06 (3), 05-07 (4), 05-08 (5), 05-09 调休 Sat (6), 05-11 (7) … 05-15 (11), 05-18 (12) … 05-21 (15)
      expect(page.clock.limits[0]).toEqual({ label: '第三方答复期限', due: '2026-05-21' });
      await step('2026-05-08', w.officer, id, 'endConsultation', { result: 'disagree' });
      await step('2026-05-11', w.officer, id, 'issueFeeNotice', { standard: 'pages', pages: 150 });
      page = await getApplication(ctx, w.officer, w.health.id, id);
      expect(page.timeline.at(-1)?.data).toMatchObject({ fee: 1700 }); // 70 × 10 + 50 × 20
      await step('2026-05-14', w.officer, id, 'recordPayment');
      page = await getApplication(ctx, w.officer, w.health.id, id);
      // count from 04-27: 04-28 (1); 04-29–05-08 paused; 05-09 Sat 调休 (2); 05-11 (3); 05-12–14 paused;
      // 05-15 (4) … 05-29 (14), 06-01 (15) … 06-05 (19), 06-08 (20)
      expect(page.clock.due).toBe('2026-06-08');
      expect(page.clock.lines.join('\n')).toMatch(/征求第三方意见期间 2026-04-28 至 2026-05-08 不计入/);
    });
  });

  describe('the fee by count: the 11th application of one applicant in a month', () => {
    it('charges 100 yuan for the 11th, nothing for the 10th', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 11; i++) {
        ctx.setToday(`2026-06-${String(10 + i).padStart(2, '0')}`);
        ids.push((await submitOnline(ctx, intake(w.health.id, { idNumber: '110101199003070011', applicantName: '王五' }))).id);
      }
      await step('2026-06-22', w.officer, ids[9], 'assign', { assigneeId: w.officer.userId });
      await expect(step('2026-06-22', w.officer, ids[9], 'issueFeeNotice', { standard: 'count' })).rejects.toMatchObject({ status: 409 });
      await step('2026-06-22', w.officer, ids[10], 'assign', { assigneeId: w.officer.userId });
      await step('2026-06-22', w.officer, ids[10], 'issueFeeNotice', { standard: 'count' });
      const page = await getApplication(ctx, w.officer, w.health.id, ids[10]);
      expect(page.timeline.at(-1)?.data).toMatchObject({ fee: 100, countInMonth: 11 });
    });
  });

  describe('refusals', () => {
    let id = '';
    beforeAll(async () => {
      ctx.setToday('2026-07-01');
      id = (await submitOnline(ctx, intake(w.health.id, { applicantName: '赵六' }))).id;
    });

    it('a step not allowed in this state', async () => {
      await expect(step('2026-07-01', w.officer, id, 'close')).rejects.toMatchObject({ status: 409, message: '申请当前状态为“待办理”，不能办结' });
      await step('2026-07-02', w.officer, id, 'requestCorrection', { items: '请明确信息名称' });
      await expect(step('2026-07-02', w.officer, id, 'requestCorrection', { items: '再次补正' })).rejects.toMatchObject({ status: 409 });
      await expect(step('2026-07-03', w.officer, id, 'reply', { decision: 'provided' })).rejects.toMatchObject({ status: 409 });
    });

    it('the wrong role, another agency, a supervisor who may only read', async () => {
      await expect(step('2026-07-03', w.reviewer, id, 'receiveCorrection')).rejects.toMatchObject({ status: 403 });
      await expect(act(ctx, w.otherOfficer, w.health.id, id, 'receiveCorrection', {})).rejects.toMatchObject({ status: 403, message: '只能办理本机关的事项' });
      await expect(getApplication(ctx, w.otherOfficer, w.health.id, id)).rejects.toMatchObject({ status: 403, message: '无权查看其他机关的数据' });
      await expect(getApplication(ctx, w.supervisor, w.health.id, id)).resolves.toMatchObject({ allowedActions: [] });
      await expect(act(ctx, w.supervisor, w.health.id, id, 'receiveCorrection', {})).rejects.toMatchObject({ status: 403 });
      await expect(listApplications(ctx, w.otherOfficer, w.health.id)).rejects.toMatchObject({ status: 403 });
    });

    it('bad input names the field; dates cannot be in the future or before the last step', async () => {
      await expect(step('2026-07-03', w.officer, id, 'receiveCorrection', { on: '2026-07-09' })).rejects.toMatchObject({ status: 400, message: '日期不能晚于今天' });
      await expect(step('2026-07-03', w.officer, id, 'receiveCorrection', { on: '2026-07-01' })).rejects.toMatchObject({ status: 400, fields: [{ path: 'on' }] });
      await step('2026-07-03', w.officer, id, 'receiveCorrection');
      await expect(step('2026-07-03', w.officer, id, 'requestExtension', { days: 21, reason: '太多' })).rejects.toMatchObject({
        status: 400,
        fields: [{ path: 'days', message: '延长的期限最长不得超过 20 个工作日（条例第三十三条第二款）' }],
      });
      await expect(step('2026-07-03', w.officer, id, 'startConsultation', { with: 'thirdParty' })).rejects.toMatchObject({ fields: [{ path: 'party', message: '请填写征求意见的对象' }] });
    });

    it('a stale page cannot overwrite a newer change', async () => {
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      ctx.setToday('2026-07-06');
      await act(ctx, w.officer, w.health.id, id, 'assign', { assigneeId: w.officer.userId }, page.version);
      await expect(act(ctx, w.officer, w.health.id, id, 'assign', { assigneeId: w.officer.userId }, page.version)).rejects.toMatchObject({ status: 409 });
    });

    it('nothing is half-written when a step fails midway (the letter cannot be stored)', async () => {
      const before = await getApplication(ctx, w.officer, w.health.id, id);
      const [{ n: audits }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
      const broken = { ...ctx, storage: { ...ctx.storage, put: async () => Promise.reject(new Error('disk full')), get: ctx.storage.get.bind(ctx.storage), remove: ctx.storage.remove.bind(ctx.storage) } };
      await expect(act(broken, w.officer, w.health.id, id, 'reply', { decision: 'notExist' })).rejects.toThrow('disk full');
      const after = await getApplication(ctx, w.officer, w.health.id, id);
      expect(after.status).toBe(before.status);
      expect(after.version).toBe(before.version);
      expect(after.timeline).toHaveLength(before.timeline.length);
      const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
      expect(n).toBe(audits);
    });

    it('lapse decisions only where they apply', async () => {
      ctx.setToday('2026-07-07');
      const other = (await submitOnline(ctx, intake(w.health.id, { applicantName: '钱七' }))).id;
      await expect(step('2026-07-07', w.officer, other, 'reply', { decision: 'noCorrection' })).rejects.toMatchObject({ status: 409 });
      await step('2026-07-08', w.officer, other, 'requestCorrection', { items: '请明确' });
      await step('2026-07-31', w.officer, other, 'reply', { decision: 'noCorrection' });
      const page = await getApplication(ctx, w.officer, w.health.id, other);
      expect(page.decisionLabel).toBe('其他处理：申请人无正当理由逾期不补正');
    });
  });

  describe('the applicant sends the correction online', () => {
    it('restarts the clock from the day it arrives', async () => {
      ctx.setToday('2026-08-03');
      const { id, trackingCode } = await submitOnline(ctx, intake(w.health.id, { applicantName: '孙八' }));
      await step('2026-08-04', w.officer, id, 'requestCorrection', { items: '请写明文号' });
      await expect(submitCorrection(ctx, trackingCode, '')).rejects.toMatchObject({ status: 400, fields: [{ path: 'text' }] });
      ctx.setToday('2026-08-06');
      const t = await submitCorrection(ctx, trackingCode, '文号为示卫〔2025〕12号');
      expect(t.status).toBe('processing');
      expect(t.steps.at(-1)).toMatchObject({ on: '2026-08-06', label: '收到补正' });
      // from Thu 08-06: 08-07 (1) … 09-03 (20); no holiday in August
      expect(t.clock.due).toBe('2026-09-03');
      await expect(submitCorrection(ctx, trackingCode, '再补一次')).rejects.toMatchObject({ status: 409 });
      const [e] = await ctx.db
        .select()
        .from(applicationEvents)
        .where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.kind, 'receiveCorrection')));
      expect(e.actorId).toBeNull();
    });
  });

  describe('a year with no calendar yet', () => {
    it('is not guessed; entering the official arrangement re-times open cases at once', async () => {
      ctx.setToday('2026-12-10');
      const { id } = await submitOnline(ctx, intake(w.health.id, { applicantName: '周九' }));
      let page = await getApplication(ctx, w.officer, w.health.id, id);
      expect(page.clock).toMatchObject({ state: 'unknown', missingYear: 2027, due: null });
      expect(page.clock.lines[0]).toContain('2027 年的节假日安排尚未录入');
      await expect(step('2026-12-10', w.officer, id, 'requestCorrection', { items: '请明确', periodDays: 30 })).rejects.toMatchObject({ status: 409 });
      // only the platform administrator (a top-level agency) keeps the calendar
      await expect(setCalendarYear(ctx.db, w.admin, 2027, '测试', [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }])).rejects.toMatchObject({ status: 403 });
      await expect(setCalendarYear(ctx.db, w.platformAdmin, 2027, '测试', [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }])).rejects.toMatchObject({ status: 400 });
      await setCalendarYear(ctx.db, w.platformAdmin, 2027, '测试用放假安排（非官方）', [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
      page = await getApplication(ctx, w.officer, w.health.id, id);
      // from Thu 2026-12-10: 12-11 (1) … 12-31 (15), 2027-01-01 元旦, 01-04 (16) … 01-08 (20)
      expect(page.clock).toMatchObject({ state: 'running', due: '2027-01-08' });
    });
  });

  describe('the queue', () => {
    it('sorts by the limit to act by, marks overdue and due within 3 working days, filters', async () => {
      ctx.setToday('2026-07-29');
      const list = await listApplications(ctx, w.officer, w.health.id, { status: 'open' });
      const dues = list.map((c) => c.clock.due ?? '9999');
      expect(dues).toEqual([...dues].sort());
      const overdue = await listApplications(ctx, w.officer, w.health.id, { overdue: true });
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.every((c) => c.clock.overdue && (c.clock.workdaysLeft ?? 0) < 0)).toBe(true);
      // a limit keeps the cases most pressing, not the newest
      expect(list.length).toBeGreaterThan(1);
      expect(await listApplications(ctx, w.officer, w.health.id, { status: 'open', limit: 1 })).toEqual([list[0]]);
      expect(await listApplications(ctx, w.officer, w.health.id, { overdue: true, limit: 1 })).toEqual([overdue[0]]);
      // (which is not the case received last: that is the one a limit in the database query would have kept)
      expect(list[0].id).not.toBe([...list].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn))[0].id);
      const found = await listApplications(ctx, w.officer, w.health.id, { status: 'all', q: '李四' });
      expect(found.map((c) => c.applicantName)).toEqual(['李四']);
      const supervisorView = await listApplications(ctx, w.supervisor, w.health.id, { status: 'all' });
      expect(supervisorView.length).toBeGreaterThan(5);
    });
  });
});
