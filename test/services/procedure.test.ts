/**
 * The law's preconditions through the service (the same rules as `gongkai case`, src/core/applications/
 * procedure.ts), on PGlite and PostgreSQL: fees ranked by order of receipt (办法 第四条), the remedy of every
 * kind of outcome with the 复议机关 from the agency tree, the notices a step issues, previewed, edited and frozen.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { applications, notices } from '../../src/db/schema';
import { act, getApplication, previewStep, submitOnline, trackApplication } from '../../src/services/applications';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { intake, worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)('case procedure (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  const at = (date: string) => ctx.setToday(date);
  const newCase = async (agencyId: number, date: string, over: Record<string, unknown> = {}) => {
    at(date);
    return (await submitOnline(ctx, intake(agencyId, over))).id;
  };

  it('办法 第四条: 15 applications of one applicant on one day are ranked by order of receipt (500元, not 1,500元)', async () => {
    // one day, fifteen submissions a second apart
    const base = new Date('2026-07-06T09:00:00+08:00').getTime();
    let tick = 0;
    ctx.clock = { today: () => '2026-07-06', now: () => new Date(base + 1000 * tick++) };
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) ids.push((await submitOnline(ctx, intake(w.health.id, { idNumber: '110101199003070011', applicantName: '王五' }))).id);
    at('2026-07-08');
    const fees: number[] = [];
    for (const [i, id] of ids.entries()) {
      await act(ctx, w.officer, w.health.id, id, 'assign', { assigneeId: w.officer.userId });
      const r = act(ctx, w.officer, w.health.id, id, 'issueFeeNotice', { standard: 'count' });
      if (i < 10) {
        await expect(r).rejects.toMatchObject({ status: 409 }); // the 1st–10th are free
        continue;
      }
      await r;
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      const data = page.timeline.at(-1)!.data as { fee: number; countInMonth: number; totalInMonth: number; band: string };
      expect(data).toMatchObject({ countInMonth: i + 1, totalInMonth: 15, band: '第11—30件，100元/件' });
      fees.push(data.fee);
    }
    expect(fees).toEqual([100, 100, 100, 100, 100]);
    // the notice tells the applicant the rank and the band that applied
    const [n] = await ctx.db.select().from(notices).where(eq(notices.applicationId, ids[14]));
    expect(n.kind).toBe('fee');
    expect(n.text).toContain('累计15件，本申请适用的收费档次为：本申请按收到顺序为本月第15件，适用“第11—30件，100元/件”。应缴纳信息处理费100元。');
  });

  describe('the remedy of the reply, with the 复议机关 from the tree', () => {
    const reply = async (agencyId: number, actor: World['officer'], decision: string, extra: Record<string, unknown> = {}) => {
      const id = await newCase(agencyId, '2026-03-02');
      at('2026-03-10');
      await act(ctx, actor, agencyId, id, 'reply', { decision, reason: '涉及个人隐私', ...extra });
      const [row] = await ctx.db.select().from(applications).where(eq(applications.id, id));
      return row.replyText ?? '';
    };

    it('不予公开: 复议 first (行政复议法 第二十三条第一款第（四）项)', async () => {
      const text = await reply(w.health.id, w.officer, 'internalAffairs');
      expect(text).toContain(
        '如对本答复不予公开的决定不服，应当自收到本答复之日起六十日内向示范市人民政府申请行政复议（《中华人民共和国行政复议法》第二十三条第一款第（四）项）；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向示范市人民法院提起行政诉讼。',
      );
      expect(text).not.toContain('或者自收到本答复之日起六个月内');
    });

    it('部分公开: 复议 first for the withheld part only', async () => {
      const text = await reply(w.health.id, w.officer, 'partial');
      expect(text).toContain('如对本答复中不予公开的部分不服，应当自收到本答复之日起六十日内向示范市人民政府申请行政复议');
      expect(text).toContain('如对本答复的其他内容不服，可以自收到本答复之日起六十日内向示范市人民政府申请行政复议，或者自收到本答复之日起六个月内向示范市人民法院提起行政诉讼。');
    });

    it('other outcomes keep the choice; a department without settings gets its government from the tree', async () => {
      const text = await reply(w.education.id, w.otherOfficer, 'notExist');
      expect(text).toContain('如对本答复不服，可以自收到本答复之日起六十日内向示范市人民政府申请行政复议，或者自收到本答复之日起六个月内向有管辖权的人民法院提起行政诉讼。');
      expect(text).not.toContain('依法申请行政复议');
    });

    it('a government at the top of the tree without a setting cannot send a letter naming no 复议机关', async () => {
      await expect(reply(w.city.id, w.platformAdmin, 'provided')).rejects.toMatchObject({ status: 409, message: expect.stringContaining('请管理员在“设置 → 机关信息”中填写行政复议机关') });
    });
  });

  describe('the same rules as the command line', () => {
    it('an extension approved after the deadline is refused (条例第三十三条第二款) and the case stays overdue', async () => {
      const id = await newCase(w.health.id, '2026-03-02');
      at('2026-03-27');
      await act(ctx, w.officer, w.health.id, id, 'requestExtension', { days: 10, reason: '档案较多' });
      at('2026-03-31');
      await expect(act(ctx, w.reviewer, w.health.id, id, 'approveExtension', {})).rejects.toMatchObject({
        status: 409,
        message: expect.stringContaining('本申请答复期限为 2026-03-30'),
      });
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      expect(page.clock).toMatchObject({ due: '2026-03-30', overdue: true });
    });

    it('a 补正 notice after the 7th working day is refused; 视为放弃 only after the period', async () => {
      const late = await newCase(w.health.id, '2026-03-02');
      at('2026-03-12');
      await expect(act(ctx, w.officer, w.health.id, late, 'requestCorrection', { items: '请写明年份' })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('条例第三十条') });
      const id = await newCase(w.health.id, '2026-03-02');
      at('2026-03-04');
      await act(ctx, w.officer, w.health.id, id, 'requestCorrection', { items: '请写明年份', periodDays: 15 });
      at('2026-03-05');
      await expect(act(ctx, w.officer, w.health.id, id, 'reply', { decision: 'noCorrection' })).rejects.toMatchObject({ status: 409 });
      at('2026-03-26');
      await act(ctx, w.officer, w.health.id, id, 'reply', { decision: 'noCorrection' });
    });

    it('a consultation lapses by itself: the case page runs the clock again and offers the reply', async () => {
      const id = await newCase(w.health.id, '2026-03-02');
      at('2026-03-09');
      await act(ctx, w.officer, w.health.id, id, 'startConsultation', { with: 'thirdParty', party: '某公司' });
      at('2026-04-15');
      const page = await getApplication(ctx, w.officer, w.health.id, id);
      expect(page.clock).toMatchObject({ state: 'running', due: '2026-04-21' });
      expect(page.allowedActions).toContain('reply');
      await act(ctx, w.officer, w.health.id, id, 'reply', { decision: 'thirdPartyRights', reason: '第三方逾期未提出意见，经审查涉及商业秘密' });
    });
  });

  describe('notices: previewed, edited, frozen, shown to the applicant', () => {
    it('the 补正告知书 the officer edited is the one issued, numbered and downloadable from the tracking page', async () => {
      at('2026-03-02');
      const created = await submitOnline(ctx, intake(w.health.id, { description: '  请公开本局2025年行政许可决定目录。 ' }));
      at('2026-03-04');
      const payload = { items: '请写明所需许可决定的类别', periodDays: 15 };
      const draft = await previewStep(ctx, w.officer, w.health.id, created.id, 'requestCorrection', payload);
      expect(draft?.kind).toBe('correction');
      expect(draft?.text).toContain('请写明所需许可决定的类别');
      expect(draft?.text).toContain('2026年3月25日'); // 15 working days after 3/4
      expect(draft?.text).toContain('“请公开本局2025年行政许可决定目录”'); // quoted clean: no "。”"
      const edited = draft!.text.replace('请写明所需许可决定的类别', '请写明所需许可决定的类别及年份范围');
      const r = await act(ctx, w.officer, w.health.id, created.id, 'requestCorrection', { ...payload, noticeText: edited });
      expect(r.notice?.number).toMatch(/〔2026〕\d+号$/);
      const [n] = await ctx.db.select().from(notices).where(eq(notices.applicationId, created.id));
      expect(n.text).toContain('请写明所需许可决定的类别及年份范围');
      expect(n.text).toContain(r.notice!.number);
      const t = await trackApplication(ctx, created.trackingCode);
      expect(t.notices).toEqual([{ id: n.attachmentId, title: '政府信息公开申请补正告知书', number: r.notice!.number, issuedOn: '2026-03-04' }]);
    });

    it('the 征求意见函 goes to the third party and is not shown on the tracking page', async () => {
      at('2026-03-02');
      const created = await submitOnline(ctx, intake(w.health.id));
      at('2026-03-05');
      await act(ctx, w.officer, w.health.id, created.id, 'startConsultation', { with: 'thirdParty', party: '某某医院' });
      const [n] = await ctx.db.select().from(notices).where(eq(notices.applicationId, created.id));
      expect(n.kind).toBe('consultation');
      expect(n.text).toContain('某某医院');
      expect((await trackApplication(ctx, created.trackingCode)).notices).toEqual([]);
    });
  });
});
