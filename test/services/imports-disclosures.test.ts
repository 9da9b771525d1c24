/**
 * Bulk import of 主动公开 items from .xlsx or .csv, as for the other records: a template, every row checked
 * as the registry's form checks an item, errors named by row and column, nothing imported when any row is
 * bad. A row with a 公开日期 is recorded as already published (with its channels); one without is 待审核.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { and, asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disclosures } from '../../src/db/schema';
import { importDisclosures, importTemplate } from '../../src/services/imports';
import { registryStats } from '../../src/services/registry';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { worldPerSuite, type World } from '../helpers/world';

async function workbook(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主动公开事项');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADERS = ['标题', '公开类别', '文号', '文件类型', '制发日期', '废止日期', '形成或变更日期', '公开日期', '公开渠道', '摘要', '链接'];

describe.each(DB_KINDS)('主动公开 items imported in bulk (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  const items = () => ctx.db.select().from(disclosures).where(eq(disclosures.agencyId, w.health.id)).orderBy(asc(disclosures.title));
  const n = async () => (await ctx.db.select({ n: count() }).from(disclosures).where(eq(disclosures.agencyId, w.health.id)))[0].n;

  it('the template: the columns of the form, an example row, and what each column takes', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await importTemplate('disclosures')) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...HEADERS]);
    const note = wb.getWorksheet('填写说明')!;
    const help = new Map<string, string>();
    note.eachRow((r) => help.set(String(r.getCell(1).value), `${r.getCell(2).value}：${r.getCell(3).value}`));
    expect(help.get('公开类别')).toBe('必填：条例第二十条所列类别：填序号（1—15）或“（七）财政预算、决算信息”这样的类别名称');
    expect(help.get('文件类型')).toBe('选填：可填：规章、行政规范性文件');
    expect(help.get('公开渠道')).toMatch(/^选填：可填：政府网站、政府公报、政务微信公众号.*多个渠道用“；”分隔/);
  });

  it('a good file: categories written every way, a 规范性文件 with its dates, published items with their channels, a draft', async () => {
    ctx.setToday('2026-03-10');
    const file = await workbook([
      HEADERS,
      ['示范市卫生健康局2026年部门预算', 7, null, null, null, null, new Date(Date.UTC(2026, 1, 10)), '2026-02-12', '政府网站：财政资金；政务微信公众号', '部门预算及说明', 'https://wjw.example.gov.cn/ys2026'],
      ['示范市医疗机构校验管理办法', '（一）行政法规、规章和规范性文件', '示卫规〔2026〕1号', '行政规范性文件', '2026-02-01', null, '2026-02-01', '2026年2月3日', '政府网站（政府信息公开专栏）：规范性文件；政府公报', null, null],
      ['家庭医生签约服务政策', '十一', null, null, null, null, '2026-03-02', null, null, null, null],
      ['医疗机构执业许可公示', '第二十条第（五）项', null, null, null, null, '2026-03-03', '2026-03-04', '报刊、广播、电视', null, null],
    ]);
    expect(await importDisclosures(ctx, w.officer, w.health.id, { filename: '公开事项.xlsx', bytes: file })).toEqual({ inserted: 4 });
    const rows = await items();
    const by = (title: string) => rows.find((r) => r.title === title)!;
    expect(by('示范市卫生健康局2026年部门预算')).toMatchObject({
      category: 7,
      formedOn: '2026-02-10',
      publishedOn: '2026-02-12',
      status: 'published',
      channels: { website: '财政资金', wechat: '' },
      summary: '部门预算及说明',
      url: 'https://wjw.example.gov.cn/ys2026',
      createdBy: w.officer.userId,
    });
    expect(by('示范市医疗机构校验管理办法')).toMatchObject({
      category: 1,
      docKind: 'normativeDocument',
      documentNumber: '示卫规〔2026〕1号',
      issuedOn: '2026-02-01',
      publishedOn: '2026-02-03',
      channels: { website: '规范性文件', gazette: '' },
      status: 'published',
    });
    // no 公开日期: waits for 保密审查 and 审核批准 like any item
    expect(by('家庭医生签约服务政策')).toMatchObject({ category: 11, status: 'draft', publishedOn: null, secrecyReviewedOn: null, approvedOn: null });
    expect(by('医疗机构执业许可公示')).toMatchObject({ category: 5, channels: { press: '' } });
    // the published ones count in the year's figures: 3 published in 2026, 3 on website… 1 each on wechat, gazette, press
    const stats = await registryStats(ctx, w.officer, w.health.id, 2026);
    expect(stats).toMatchObject({ published: 3, byCategory: { 1: 1, 5: 1, 7: 1 }, byChannel: { website: 2, wechat: 1, gazette: 1, press: 1 } });
  });

  it('one bad row: nothing is imported, and every bad row is named with its column', async () => {
    ctx.setToday('2026-03-10');
    const before = await n();
    const csv = iconv.encode(
      [
        '标题,公开类别,文件类型,制发日期,形成或变更日期,公开日期,公开渠道',
        '好的一行,7,,,2026-03-01,,',
        '类别不对,第二十一项,,,2026-03-01,,',
        '规章放错类别,3,规章,2026-03-01,2026-03-01,,',
        '已公开无渠道,7,,,2026-03-01,2026-03-02,',
        '公开早于形成,7,,,2026-03-05,2026-03-02,政府网站',
        '渠道不认识,7,,,2026-03-01,2026-03-02,抖音',
        ',7,,,2026-03-01,,',
        '形成在明天,7,,,2026-03-11,,',
      ].join('\r\n'),
      'gbk',
    );
    const err = await importDisclosures(ctx, w.officer, w.health.id, { filename: 'bad.csv', bytes: csv }).catch((e) => e);
    expect(err).toMatchObject({ status: 422 });
    expect(err.message).toMatch(/^共 7 处错误，未导入任何数据。第 3 行“公开类别”/);
    expect(err.fields).toEqual([
      { path: 'row.3.category', message: '第 3 行“公开类别”：应为条例第二十条所列类别（序号 1—15，或如“（七）财政预算、决算信息”），实为“第二十一项”' },
      { path: 'row.4.docKind', message: '第 4 行“文件类型”：规章、规范性文件属于第二十条第（一）项' },
      { path: 'row.5.channels', message: '第 5 行“公开渠道”：已公开的事项请填写公开渠道' },
      { path: 'row.6.publishedOn', message: '第 6 行“公开日期”：不能早于形成或变更日期' },
      { path: 'row.7.channels', message: '第 7 行“公开渠道”：无法识别的公开渠道“抖音”，可填：政府网站、政府公报、政务微信公众号、政务微博、政务客户端、报刊、广播、电视、档案馆、图书馆查阅点、公共查阅室、公告栏、电子屏' },
      { path: 'row.8.title', message: '第 8 行“标题”：请填写标题' },
      { path: 'row.9.formedOn', message: '第 9 行“形成或变更日期”：不能晚于今天' },
    ]);
    expect(await n()).toBe(before);
  });

  it('a file without the required columns, and who may import', async () => {
    await expect(importDisclosures(ctx, w.officer, w.health.id, { filename: 'x.csv', bytes: Buffer.from('标题,日期\na,b\n') })).rejects.toMatchObject({
      status: 400,
      message: '文件缺少必填列：公开类别、形成或变更日期（请使用导入模板）',
    });
    const csv = Buffer.from('标题,公开类别,形成或变更日期\n机构职能,2,2026-03-01\n');
    await expect(importDisclosures(ctx, w.reviewer, w.health.id, { filename: 'a.csv', bytes: csv })).rejects.toMatchObject({ status: 403 });
    await expect(importDisclosures(ctx, w.otherOfficer, w.health.id, { filename: 'a.csv', bytes: csv })).rejects.toMatchObject({ status: 403 });
    await expect(importDisclosures(ctx, w.supervisor, w.health.id, { filename: 'a.csv', bytes: csv })).rejects.toMatchObject({ status: 403 });
    expect(await ctx.db.select().from(disclosures).where(and(eq(disclosures.agencyId, w.health.id), eq(disclosures.title, '机构职能')))).toEqual([]);
  });
});
