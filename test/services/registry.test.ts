import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decisions } from '../../src/db/schema';
import { importRecords, importTemplate } from '../../src/services/imports';
import { createDisclosure, disclosureStep, updateDisclosure, guide, listDisclosures, publicCatalogue, registryStats, saveGuide } from '../../src/services/registry';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { worldPerSuite, type World } from '../helpers/world';
import { docxBomb } from '../workers/hostile';

async function workbook(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('决定');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(DB_KINDS)('registry (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  const item = (over: Record<string, unknown> = {}) => ({ title: '示范市卫生健康局关于开展爱国卫生月活动的通知', category: 11, formedOn: '2026-03-02', channels: { website: '通知公告' }, ...over });

  describe('items of 主动公开: review before publication', () => {
    it('checks the item, naming fields', async () => {
      await expect(createDisclosure(ctx, w.officer, w.health.id, item({ category: 16 }))).rejects.toMatchObject({ fields: [{ path: 'category', message: '公开类别无效' }] });
      await expect(createDisclosure(ctx, w.officer, w.health.id, item({ docKind: 'normativeDocument' }))).rejects.toMatchObject({
        fields: [
          { path: 'docKind', message: '规章、规范性文件属于第二十条第（一）项' },
          { path: 'issuedOn', message: '请填写制发日期' },
        ],
      });
    });

    it('an interpretation must be of another item of this agency; a change is checked as a new item is', async () => {
      ctx.setToday('2026-03-05');
      // formed the year before: outside the 2026 figures the tests below count
      const LAST_YEAR = '2025-12-01';
      const refused = { status: 400, fields: [{ path: 'interpretationOf', message: '须为本机关登记的其他公开事项' }] };
      const theirs = await createDisclosure(ctx, w.otherOfficer, w.education.id, item({ title: '教育局的文件', formedOn: LAST_YEAR }));
      await expect(createDisclosure(ctx, w.officer, w.health.id, item({ formedOn: LAST_YEAR, interpretationOf: theirs.id }))).rejects.toMatchObject(refused);
      await expect(createDisclosure(ctx, w.officer, w.health.id, item({ formedOn: LAST_YEAR, interpretationOf: '00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject(refused);
      const doc = await createDisclosure(ctx, w.officer, w.health.id, item({ title: '被解读的文件', formedOn: LAST_YEAR }));
      const reading = await createDisclosure(ctx, w.officer, w.health.id, item({ title: '《被解读的文件》政策解读', formedOn: LAST_YEAR, interpretationOf: doc.id }));
      await expect(updateDisclosure(ctx, w.officer, w.health.id, reading.id, item({ title: '解读自身', formedOn: LAST_YEAR, interpretationOf: reading.id }))).rejects.toMatchObject(refused);
      await expect(updateDisclosure(ctx, w.officer, w.health.id, reading.id, item({ formedOn: '2026-03-06' }))).rejects.toMatchObject({
        status: 400,
        fields: [{ path: 'formedOn', message: '不能晚于今天' }],
      });
    });

    it('secrecy review, then the reviewer approves, then it is published; no step can be skipped', async () => {
      ctx.setToday('2026-03-05');
      const { id } = await createDisclosure(ctx, w.officer, w.health.id, item());
      await expect(disclosureStep(ctx, w.officer, w.health.id, id, 'publish', {})).rejects.toMatchObject({ status: 409, message: '公开前须经保密审查和审核批准' });
      await expect(disclosureStep(ctx, w.reviewer, w.health.id, id, 'approve', {})).rejects.toMatchObject({ status: 409, message: '请先完成保密审查（条例第十七条）' });
      await disclosureStep(ctx, w.officer, w.health.id, id, 'secrecyReview', {});
      await expect(disclosureStep(ctx, w.officer, w.health.id, id, 'approve', {})).rejects.toMatchObject({ status: 403 });
      await expect(disclosureStep(ctx, w.otherOfficer, w.health.id, id, 'secrecyReview', {})).rejects.toMatchObject({ status: 403 });
      await disclosureStep(ctx, w.reviewer, w.health.id, id, 'approve', {});
      ctx.setToday('2026-03-20');
      await disclosureStep(ctx, w.officer, w.health.id, id, 'publish', { channels: { website: '通知公告', wechat: '健康示范' } });
      const { items } = await listDisclosures(ctx, w.officer, w.health.id, { status: 'published' });
      expect(items[0]).toMatchObject({
        status: 'published',
        publishedOn: '2026-03-20',
        secrecyReviewedBy: w.officer.userId,
        secrecyReviewedOn: '2026-03-05',
        approvedBy: w.reviewer.userId,
        approvedOn: '2026-03-05',
        // formed Mon 03-02: 20 working days → 03-30; published 03-20: on time
        timeliness: { by: '2026-03-30', onTime: true },
      });
    });

    it('规范性文件 keep their lifecycle: issued, published, repealed', async () => {
      ctx.setToday('2026-04-01');
      const { id } = await createDisclosure(ctx, w.officer, w.health.id, item({ title: '示范市医疗机构校验管理办法', category: 1, docKind: 'normativeDocument', documentNumber: '示卫规〔2026〕1号', issuedOn: '2026-03-25', formedOn: '2026-03-25' }));
      await disclosureStep(ctx, w.officer, w.health.id, id, 'secrecyReview', {});
      await disclosureStep(ctx, w.reviewer, w.health.id, id, 'approve', {});
      await disclosureStep(ctx, w.officer, w.health.id, id, 'publish', {});
      ctx.setToday('2026-09-01');
      await disclosureStep(ctx, w.officer, w.health.id, id, 'repeal', { on: '2026-08-31' });
      await expect(disclosureStep(ctx, w.officer, w.health.id, id, 'repeal', { on: '2026-09-01' })).rejects.toMatchObject({ status: 409, message: '该文件已废止' });
      const cat = await publicCatalogue(ctx, w.health.id, { category: 1 });
      expect(cat.items).toEqual([expect.objectContaining({ title: '示范市医疗机构校验管理办法', inForce: false })]);
    });

    it('on-time and publication rates per Art. 26', async () => {
      ctx.setToday('2026-05-04');
      const late = await createDisclosure(ctx, w.officer, w.health.id, item({ title: '迟发的信息', formedOn: '2026-03-02' }));
      await disclosureStep(ctx, w.officer, w.health.id, late.id, 'secrecyReview', {});
      await disclosureStep(ctx, w.reviewer, w.health.id, late.id, 'approve', {});
      await disclosureStep(ctx, w.officer, w.health.id, late.id, 'publish', { on: '2026-04-15' }); // after 03-30: late
      await createDisclosure(ctx, w.officer, w.health.id, item({ title: '一直未公开的信息', formedOn: '2026-01-05' })); // overdue since 02-02
      await createDisclosure(ctx, w.officer, w.health.id, item({ title: '刚形成的信息', formedOn: '2026-04-30' })); // not yet due
      ctx.setToday('2026-05-06');
      const s = await registryStats(ctx, w.officer, w.health.id, 2026);
      // published in 2026: the notice (on time), the 规范性文件 (formed 03-25, published 04-01: on time), the late one
      expect(s.published).toBe(3);
      expect(s.onTimeRate).toBeCloseTo(2 / 3, 10);
      // due by now: the 3 published + the overdue one; the newest is not due yet
      expect(s.publicationRate).toBeCloseTo(3 / 4, 10);
      expect(s.byCategory).toEqual({ 1: 1, 11: 2 });
      expect(s.byChannel).toEqual({ website: 3, wechat: 1 });
    });

    it('the public catalogue shows only what is published', async () => {
      const all = await publicCatalogue(ctx, w.health.id, {});
      expect(all.items.map((i) => i.title).sort()).toEqual(['示范市医疗机构校验管理办法', '示范市卫生健康局关于开展爱国卫生月活动的通知', '迟发的信息'].sort());
      const found = await publicCatalogue(ctx, w.health.id, { q: '爱国卫生' });
      expect(found.total).toBe(1);
      expect(all.categories.find((c) => c.no === 11)?.count).toBe(2);
    });

    it('the 公开指南: written from the agency until it writes its own', async () => {
      expect((await guide(ctx, w.health.id)).body).toMatch(/^示范市卫生健康局政府信息公开指南/);
      await expect(saveGuide(ctx, w.officer, w.health.id, '自己写的公开指南。'.repeat(5))).rejects.toMatchObject({ status: 403 });
      await saveGuide(ctx, w.admin, w.health.id, '示范市卫生健康局政府信息公开指南（2026年修订）。本指南说明……'.repeat(2));
      expect(await guide(ctx, w.health.id)).toMatchObject({ custom: true, body: expect.stringContaining('2026年修订') });
    });
  });

  describe('bulk import', () => {
    const n = async () => (await ctx.db.select({ n: count() }).from(decisions).where(eq(decisions.agencyId, w.health.id)))[0].n;

    it('the template imports as given (after its example row is filled in)', async () => {
      ctx.setToday('2026-06-01');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await importTemplate('decisions')) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).values).toEqual([undefined, '类别', '决定文号', '相对人', '决定日期', '公开日期', '摘要']);
      ws.addRow(['行政处罚', '示卫罚〔2026〕3号', '某某诊所', new Date(Date.UTC(2026, 4, 6)), null, '警告']);
      const before = await n();
      const r = await importRecords(ctx, w.officer, w.health.id, 'decisions', { filename: 'decisions.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) });
      expect(r.inserted).toBe(2);
      expect((await n()) - before).toBe(2);
    });

    it('one bad row: nothing is imported, and every bad row is named with its column', async () => {
      const before = await n();
      const file = await workbook([
        ['类别', '决定文号', '相对人', '决定日期'],
        ['行政许可', 'A1', '甲', '2026-03-01'],
        ['行政许可', 'A2', '乙', '2026/3/32'],
        ['行政复议', 'A3', '丙', '2026-03-03'],
        ['行政处罚', 'A4', '', '2026年3月4日'],
        ['行政强制', 'A5', '丁', '2026-03-05'],
      ]);
      const err = await importRecords(ctx, w.officer, w.health.id, 'decisions', { filename: 'bad.xlsx', bytes: file }).catch((e) => e);
      expect(err).toMatchObject({ status: 422 });
      expect(err.message).toMatch(/^共 3 处错误，未导入任何数据。/);
      expect(err.fields.map((f: { message: string }) => f.message)).toEqual([
        '第 3 行“决定日期”：日期格式应为 YYYY-MM-DD',
        '第 4 行“类别”：应为 行政许可、行政处罚、行政强制 之一，实为“行政复议”',
        '第 5 行“相对人”：请填写相对人',
      ]);
      expect(await n()).toBe(before);
    });

    it('refuses an .xlsx that inflates past 50 MB (a compression bomb) before reading it, naming the file', async () => {
      const bomb = await docxBomb(64); // a zip whose one part inflates to 64 MB
      const err = await importRecords(ctx, w.officer, w.health.id, 'decisions', { filename: 'bomb.xlsx', bytes: bomb }).catch((e) => e);
      expect(err).toMatchObject({ status: 400, message: 'Excel 文件解压后超过 50 MB（压缩炸弹），拒绝读取' });
    });

    it('CSV saved by Excel in GBK, and a file without the required columns', async () => {
      const csv = iconv.encode('收费项目,收费日期,金额（元）,缴费人\n预防性健康体检费,2026-04-01,"1,200.50",某某公司\n预防性健康体检费,2026/4/2,800元,\n', 'gbk');
      expect(await importRecords(ctx, w.officer, w.health.id, 'fees', { filename: 'fees.csv', bytes: csv })).toEqual({ inserted: 2 });
      await expect(importRecords(ctx, w.officer, w.health.id, 'fees', { filename: 'x.csv', bytes: Buffer.from('名称,日期\na,b\n') })).rejects.toMatchObject({
        status: 400,
        message: '文件缺少必填列：收费项目、收费日期、金额（元）（请使用导入模板）',
      });
      await expect(importRecords(ctx, w.otherOfficer, w.health.id, 'fees', { filename: 'fees.csv', bytes: csv })).rejects.toMatchObject({ status: 403 });
    });
  });
});
