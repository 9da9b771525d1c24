/**
 * The notices of a case: drafted from the agency's template (or the default), numbered in the agency's
 * sequence of the year without gaps (also when issuers race, and when a transaction fails), stored as a
 * .docx attachment, their text frozen; the templates saved by an administrator or reviewer only, refused with
 * an unknown placeholder; the public kinds listed for the tracking page.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { applications, attachments, auditLog, notices } from '../../src/db/schema';
import type { Db } from '../../src/db/index';
import { extractSource } from '../../src/extract/index';
import { updateAgencyContact } from '../../src/services/agencies';
import {
  caseNoticeValues,
  caseNotices,
  draftNotice,
  issueNotice,
  publicNotices,
  saveNoticeTemplate,
  staffNoticeTemplates,
  type IssueInput,
} from '../../src/services/notices';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { worldPerSuite, type World } from '../helpers/world';

const rows = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

async function docxText(bytes: Uint8Array): Promise<string> {
  const x = await extractSource(bytes);
  if (!x.ok) throw new Error(x.message);
  expect(x.kind).toBe('docx');
  return x.doc.lines.map((l) => l.cells.join(' ')).join('\n');
}

describe.each(DB_KINDS)('notices (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  /** an application inserted as intake would (the case steps are not what is tested here) */
  const newCase = async (agencyId: number, code: string, description = '“本局2025年行政许可决定目录。”') => {
    const id = randomUUID();
    await ctx.db.insert(applications).values({
      agencyId,
      id,
      trackingCode: code,
      channel: 'online',
      submittedAt: new Date('2026-03-02T10:00:00+08:00'),
      receivedOn: '2026-03-02',
      receiptReason: '网上提交',
      applicantType: 'natural',
      applicantName: '张三',
      idType: 'idCard',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      description,
      form: 'electronic',
      delivery: 'email',
      status: 'processing',
    });
    return id;
  };

  const issue = (input: Omit<IssueInput, 'now' | 'actorId'> & { actorId?: string }, db: Db = ctx.db) =>
    db.transaction((tx) => issueNotice(tx, ctx.storage, { actorId: w.officer.userId, now: new Date('2026-03-04T10:00:00+08:00'), ...input }));

  let caseA = '';
  let caseB = '';
  beforeAll(async () => {
    caseA = await newCase(w.health.id, `${w.health.id.toString(36).toUpperCase()}-AAAAAAAAAA`);
    caseB = await newCase(w.health.id, `${w.health.id.toString(36).toUpperCase()}-BBBBBBBBBB`);
  });

  it('a draft is the default template filled, the request quoted clean, {{文号}} left for the issuing', async () => {
    const values = { ...(await caseNoticeValues(ctx.db, w.health.id, caseA, '2026-03-04')), 补正事项: '请写明所需许可决定的类别。', 补正期限: '2026年3月25日' };
    expect(values).toMatchObject({ 申请人: '张三', 收到日期: '2026年3月2日', 申请内容: '本局2025年行政许可决定目录', 机关名称: '示范市卫生健康局', 发文日期: '2026年3月4日' });
    const draft = await draftNotice(ctx.db, w.health.id, 'correction', values);
    expect(draft.title).toBe('政府信息公开申请补正告知书');
    const lines = draft.text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['政府信息公开申请补正告知书', '{{文号}}', '张三：']);
    expect(lines[3]).toBe(
      `本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号：${w.health.id.toString(36).toUpperCase()}-AAAAAAAAAA），申请获取“本局2025年行政许可决定目录”。经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对申请作出补正，需要补正的事项如下：`,
    );
    expect(lines.slice(-2)).toEqual(['示范市卫生健康局', '2026年3月4日']);
  });

  it('numbers per agency and year without gaps: 1, 2, 3; a failed transaction gives its number back; 2027 starts at 1; another agency has its own', async () => {
    await updateAgencyContact(ctx.db, w.admin, w.health.id, { reconsiderationBody: '示范市人民政府', court: '示范市人民法院', shortName: '示范卫健' });
    const text = '政府信息公开申请补正告知书\n{{文号}}\n张三：\n请补正。\n示范市卫生健康局\n2026年3月4日';
    const first = await issue({ agencyId: w.health.id, applicationId: caseA, kind: 'correction', text, on: '2026-03-04' });
    const second = await issue({ agencyId: w.health.id, applicationId: caseB, kind: 'correction', text, on: '2026-03-05' });
    expect([first.number, second.number]).toEqual(['示范卫健依申〔2026〕1号', '示范卫健依申〔2026〕2号']);

    // the step's transaction fails after the notice was issued in it: the row goes, the caller removes the file
    let lost = '';
    await expect(
      ctx.db.transaction(async (tx) => {
        const n = await issueNotice(tx, ctx.storage, { agencyId: w.health.id, applicationId: caseA, kind: 'extension', text, on: '2026-03-06', actorId: w.officer.userId, now: new Date() });
        lost = n.storageKey;
        expect(n.number).toBe('示范卫健依申〔2026〕3号');
        throw new Error('the step failed');
      }),
    ).rejects.toThrow('the step failed');
    await ctx.storage.remove(lost);
    await expect(ctx.storage.get(lost)).rejects.toThrow();

    const third = await issue({ agencyId: w.health.id, applicationId: caseA, kind: 'extension', text, on: '2026-03-06' });
    expect(third.number).toBe('示范卫健依申〔2026〕3号');
    const nextYear = await issue({ agencyId: w.health.id, applicationId: caseB, kind: 'reply', text, on: '2027-01-05' });
    expect(nextYear.number).toBe('示范卫健依申〔2027〕1号');

    // the education bureau: no short name, its full name; its own sequence; its own pattern
    await updateAgencyContact(ctx.db, { ...w.admin, agencyId: w.education.id }, w.education.id, { noticeNumberPattern: '{简称}信公〔{年}〕第{序号}号' });
    const caseE = await newCase(w.education.id, `${w.education.id.toString(36).toUpperCase()}-EEEEEEEEEE`);
    const edu = await issue({ agencyId: w.education.id, applicationId: caseE, kind: 'correction', text, on: '2026-03-06' });
    expect(edu.number).toBe('示范市教育局信公〔2026〕第1号');

    const seqs = rows(await ctx.db.execute(sql`select year, seq from notices where agency_id = ${w.health.id} order by year, seq`)).map((r) => `${r.year}-${r.seq}`);
    expect(seqs).toEqual(['2026-1', '2026-2', '2026-3', '2027-1']);
  });

  it('issuers racing in one agency and year get consecutive numbers, none twice', async () => {
    const text = '政府信息公开申请延期答复告知书\n{{文号}}\n张三：\n延期。\n示范市卫生健康局\n2026年4月1日';
    const issued = await Promise.all(
      Array.from({ length: 6 }, (_, i) => issue({ agencyId: w.health.id, applicationId: i % 2 === 0 ? caseA : caseB, kind: 'extension', text, on: '2026-04-01' })),
    );
    // 2026 had 1, 2 and 3: these are 4 … 9, in whatever order the transactions ran
    expect(issued.map((n) => n.number).sort((a, b) => a.length - b.length || a.localeCompare(b))).toEqual([4, 5, 6, 7, 8, 9].map((k) => `示范卫健依申〔2026〕${k}号`));
  });

  it('the issued text is frozen: the number in it, the .docx of that text, no change allowed, a later template does not touch it', async () => {
    const draft = await draftNotice(ctx.db, w.health.id, 'correction', { ...(await caseNoticeValues(ctx.db, w.health.id, caseA, '2026-04-02')), 补正事项: '请写明类别。', 补正期限: '2026年4月23日' });
    const edited = draft.text.replace('请写明类别。', '请写明所需许可决定的类别（如医疗机构执业许可）。');
    const n = await issue({ agencyId: w.health.id, applicationId: caseA, kind: 'correction', text: edited, on: '2026-04-02' });
    expect(n.number).toBe('示范卫健依申〔2026〕10号');
    const [row] = await ctx.db.select().from(notices).where(and(eq(notices.agencyId, w.health.id), eq(notices.id, n.id)));
    expect(row.text.split('\n').slice(0, 2)).toEqual(['政府信息公开申请补正告知书', '示范卫健依申〔2026〕10号']);
    expect(row.text).toContain('请写明所需许可决定的类别（如医疗机构执业许可）。');
    const [file] = await ctx.db.select().from(attachments).where(and(eq(attachments.agencyId, w.health.id), eq(attachments.id, n.attachmentId)));
    expect(file).toMatchObject({ kind: 'notice', filename: '政府信息公开申请补正告知书（示范卫健依申〔2026〕10号）.docx', applicationId: caseA });
    const bytes = await ctx.storage.get(file.storageKey);
    const words = await docxText(bytes);
    expect(words).toContain('示范卫健依申〔2026〕10号');
    expect(words).toContain('请写明所需许可决定的类别（如医疗机构执业许可）。');

    await expect(ctx.db.execute(sql`update notices set text = 'x' where agency_id = ${w.health.id} and id = ${n.id}`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`delete from notices where agency_id = ${w.health.id} and id = ${n.id}`)).rejects.toThrow();

    // the agency changes the template afterwards
    const template = (await staffNoticeTemplates(ctx.db, w.reviewer, w.health.id)).find((t) => t.kind === 'correction')!.body;
    await saveNoticeTemplate(ctx.db, w.reviewer, w.health.id, 'correction', template.replace('您的申请内容不明确', '您的申请内容不够明确'));
    const [again] = await ctx.db.select().from(notices).where(and(eq(notices.agencyId, w.health.id), eq(notices.id, n.id)));
    expect(again.text).toBe(row.text);
    expect(Buffer.compare(await ctx.storage.get(file.storageKey), bytes)).toBe(0);
    // a new draft takes the new template
    expect((await draftNotice(ctx.db, w.health.id, 'correction', {})).text).toContain('您的申请内容不够明确');
  });

  it('refuses a text with a placeholder left unfilled; puts the number under the title when the officer removed {{文号}}', async () => {
    await expect(issue({ agencyId: w.health.id, applicationId: caseA, kind: 'correction', text: '补正告知书\n{{文号}}\n{{申请人}}：\n请于{{补正期限}}前补正。\n机关\n日期', on: '2026-04-03' })).rejects.toMatchObject({
      status: 400,
      message: '通知书中仍有未填写的内容：{{申请人}}、{{补正期限}}',
      fields: [{ path: 'noticeText', message: '通知书中仍有未填写的内容：{{申请人}}、{{补正期限}}' }],
    });
    const n = await issue({ agencyId: w.health.id, applicationId: caseA, kind: 'correction', text: '补正告知书\n张三：\n请于4月30日前补正。\n机关\n日期', on: '2026-04-03' });
    // the refused one took no number
    expect(n.number).toBe('示范卫健依申〔2026〕11号');
    expect(n.text).toBe('补正告知书\n示范卫健依申〔2026〕11号\n张三：\n请于4月30日前补正。\n机关\n日期');
  });

  it('the tracking page lists the public notices, not the 征求意见函 (it goes to the third party)', async () => {
    const caseC = await newCase(w.health.id, `${w.health.id.toString(36).toUpperCase()}-CCCCCCCCCC`);
    const text = (t: string) => `${t}\n{{文号}}\n收件人：\n正文。\n示范市卫生健康局\n2026年5月6日`;
    const consult = await issue({ agencyId: w.health.id, applicationId: caseC, kind: 'consultation', text: text('政府信息公开征求意见函'), on: '2026-05-06' });
    const fee = await issue({ agencyId: w.health.id, applicationId: caseC, kind: 'fee', text: text('政府信息公开信息处理费收费通知书'), on: '2026-05-07' });
    const list = await publicNotices(ctx.db, w.health.id, caseC);
    expect(list).toEqual([{ id: fee.id, kind: 'fee', title: '政府信息公开信息处理费收费通知书', number: '示范卫健依申〔2026〕13号', issuedOn: '2026-05-07', attachmentId: fee.attachmentId }]);
    // the staff see both, each with its issued text
    expect((await caseNotices(ctx.db, w.health.id, caseC)).map((n) => [n.id, n.number, n.public])).toEqual([
      [consult.id, '示范卫健依申〔2026〕12号', false],
      [fee.id, '示范卫健依申〔2026〕13号', true],
    ]);
  });

  describe('templates', () => {
    const good = (extra = '') => `政府信息公开申请补正告知书\n{{文号}}\n{{申请人}}：\n请补正：{{补正事项}}。请于{{补正期限}}前补正。${extra}\n{{机关名称}}\n{{发文日期}}`;

    it('an unknown placeholder is refused, naming its line', async () => {
      await expect(saveNoticeTemplate(ctx.db, w.admin, w.health.id, 'correction', good('承办人：{{承办人}}'))).rejects.toMatchObject({
        status: 400,
        message: expect.stringMatching(/^第 4 行：未知的占位符 \{\{承办人\}\}/),
        fields: [{ path: 'body', message: expect.stringMatching(/^第 4 行/) }],
      });
      await expect(saveNoticeTemplate(ctx.db, w.admin, w.health.id, 'reply', good())).rejects.toMatchObject({ status: 400, message: expect.stringContaining('{{补正事项}}') });
      await expect(saveNoticeTemplate(ctx.db, w.admin, w.health.id, 'nonsense', good())).rejects.toMatchObject({ status: 400 });
    });

    it('an officer may not save one; the administrator may, with an audit entry', async () => {
      await expect(saveNoticeTemplate(ctx.db, w.officer, w.health.id, 'correction', good())).rejects.toMatchObject({ status: 403 });
      await expect(saveNoticeTemplate(ctx.db, w.otherOfficer, w.health.id, 'correction', good())).rejects.toMatchObject({ status: 403 });
      await saveNoticeTemplate(ctx.db, w.admin, w.health.id, 'fee', NOTICE_FEE_TEMPLATE);
      const list = await staffNoticeTemplates(ctx.db, w.officer, w.health.id);
      expect(list.find((t) => t.kind === 'fee')).toMatchObject({ custom: true, body: NOTICE_FEE_TEMPLATE });
      expect(list.find((t) => t.kind === 'deferral')).toMatchObject({ custom: false });
      const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.agencyId, w.health.id), eq(auditLog.entity, 'letterTemplate'), eq(auditLog.entityId, 'fee')));
      expect(audit.map((a) => [a.action, a.actorName, a.after])).toEqual([['save', 'hadmin', NOTICE_FEE_TEMPLATE]]);
      // staff of another agency do not see them
      await expect(staffNoticeTemplates(ctx.db, w.otherOfficer, w.health.id)).rejects.toMatchObject({ status: 403 });
    });
  });
});

const NOTICE_FEE_TEMPLATE = `收费通知书
{{文号}}
{{申请人}}：
依据办法，收费标准：{{收费标准}}；金额{{收费金额}}元；缴费方式：{{缴费方式}}；请于{{缴费期限}}缴纳，逾期未缴纳的，视为放弃申请。
{{机关名称}}
{{发文日期}}`;
