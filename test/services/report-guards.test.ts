/**
 * The report workflow guards found when Gongkai was tried as a new user would (issue 10, item 6):
 * 1. a year's report is submitted, approved and published only once that year has ended (it can be drafted,
 *    saved and previewed before);
 * 2. the prompts the editor pre-fills, left in the text, are errors that block submission and approval;
 * 3. importing a published report shows what was read first and saves only on confirmation, refuses a report
 *    printed by another agency of the tree, and never puts anything on the public portal.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportDrafts, reportVersions } from '../../src/db/schema';
import { createAgency } from '../../src/services/agencies';
import {
  approveReport,
  confirmImport,
  draftFile,
  previewImport,
  publicReportHtml,
  publicReports,
  publishReport,
  reportWorkspace,
  reportYears,
  saveSections,
  submitReport,
} from '../../src/services/reports';
import { clone, expectedReport } from '../helpers/fixtures';
import { layoutText } from '../helpers/variants';
import { writeSections } from '../helpers/report-text';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, makeWorld, worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)('report workflow guards (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;

  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  describe('1. submitted, approved and published only once the year has ended', () => {
    const Y = 2025;

    it('before 1 January the report is written, saved and previewed, but not submitted', async () => {
      ctx.setToday(`${Y}-11-20`);
      const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
      expect(ws.submitFrom).toBe(`${Y + 1}-01-01`);
      expect(ws.yearEnded).toBe(false);
      expect(ws.allowed).toMatchObject({ save: true, submit: false });
      await saveSections(ctx, w.officer, w.health.id, Y, writeSections(ws.sections));
      const preview = await draftFile(ctx, w.officer, w.health.id, Y, 'html');
      expect(preview.bytes.toString()).toContain('（二）改进情况。修订答复书模板');
      const refused = { status: 409, message: '2025年度报告须在2025年结束后（2026年1月1日起）方可提交' };
      await expect(submitReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject(refused);
      // the last day of the year is still in it
      ctx.setToday(`${Y}-12-31`);
      await expect(submitReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject(refused);
      expect((await reportWorkspace(ctx, w.officer, w.health.id, Y)).status).toBe('draft');
    });

    it('from 1 January of the next year it is submitted; approval and publication check the date again', async () => {
      ctx.setToday(`${Y + 1}-01-01`);
      expect((await reportWorkspace(ctx, w.officer, w.health.id, Y)).allowed).toMatchObject({ submit: true });
      await submitReport(ctx, w.officer, w.health.id, Y);
      // a server clock set back (or a report submitted before this rule): approval refuses too
      ctx.setToday(`${Y}-12-31`);
      expect((await reportWorkspace(ctx, w.reviewer, w.health.id, Y)).allowed).toMatchObject({ approve: false });
      await expect(approveReport(ctx, w.reviewer, w.health.id, Y)).rejects.toMatchObject({ status: 409, message: '2025年度报告须在2025年结束后（2026年1月1日起）方可审核批准' });
      ctx.setToday(`${Y + 1}-01-02`);
      await approveReport(ctx, w.reviewer, w.health.id, Y);
      ctx.setToday(`${Y}-12-30`);
      expect((await reportWorkspace(ctx, w.officer, w.health.id, Y)).allowed).toMatchObject({ publish: false });
      await expect(publishReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject({ status: 409, message: '2025年度报告须在2025年结束后（2026年1月1日起）方可发布' });
      ctx.setToday(`${Y + 1}-01-02`);
      expect(await publishReport(ctx, w.officer, w.health.id, Y)).toEqual({ version: 1 });
    });
  });

  describe('2. the prompts of the draft left in the text block submission and approval', () => {
    const Y = 2024;
    beforeAll(() => ctx.setToday('2026-01-12'));

    it('the drafted text: four errors, one per prompt, naming the section; submission refused naming the first', async () => {
      const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
      const left = ws.findings.filter((f) => f.rule === 'narrative.placeholder');
      expect(left.map((f) => [f.severity, f.message.split('留有')[0]])).toEqual([
        ['error', '第一部分（总体情况）'],
        ['error', '第一部分（总体情况）'],
        ['error', '第五部分（存在的主要问题及改进情况）'],
        ['error', '第五部分（存在的主要问题及改进情况）'],
      ]);
      await saveSections(ctx, w.officer, w.health.id, Y, ws.sections);
      await expect(submitReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject({
        status: 409,
        message: '正文还有 4 处未填写的模板内容，请补写后再提交：第一部分（总体情况）留有未填写的模板内容：“（请补充：公开审查、目录指南更新、网站和政务新媒体建设等工作情况。）”',
      });
    });

    it('one prompt left: still refused, naming it; all written: submitted', async () => {
      const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
      await saveSections(ctx, w.officer, w.health.id, Y, writeSections(ws.sections, ['improvements']));
      await expect(submitReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject({
        status: 409,
        message: '正文还有 1 处未填写的模板内容，请补写后再提交：第五部分（存在的主要问题及改进情况）留有未填写的模板内容：“（请填写针对上述问题的改进措施及落实情况。）”',
      });
      await saveSections(ctx, w.officer, w.health.id, Y, writeSections(ws.sections));
      await submitReport(ctx, w.officer, w.health.id, Y);
      expect((await reportWorkspace(ctx, w.officer, w.health.id, Y)).findings.filter((f) => f.rule === 'narrative.placeholder')).toEqual([]);
    });

    it('a submitted report with a blank in it (submitted before this rule) is not approved', async () => {
      const ws = await reportWorkspace(ctx, w.reviewer, w.health.id, Y);
      expect(ws.status).toBe('submitted');
      await ctx.db
        .update(reportDrafts)
        .set({ sections: { ...ws.sections, other: '本机关收取信息处理费XX元。' } })
        .where(and(eq(reportDrafts.agencyId, w.health.id), eq(reportDrafts.year, Y)));
      await expect(approveReport(ctx, w.reviewer, w.health.id, Y)).rejects.toMatchObject({
        status: 409,
        message: '报告还有 1 处错误，请修改后再审核：第六部分（其他需要报告的事项）留有未填写的空白：“本机关收取信息处理费XX元”',
      });
    });
  });

  describe('3. importing a published report: preview, then confirmation; never on the portal', () => {
    /** the 2022 report of the fixtures (2 applications received), printed as `agency`'s report for 2023 */
    const reportFile = (agency: string) => {
      const r = clone(expectedReport('jinjiang-health-2022'));
      r.agency = agency;
      r.year = 2023;
      return { filename: `${agency}2023年报.txt`, bytes: Buffer.from(layoutText(r, 'tabs')) };
    };
    /** the versions of 2023 (2025 was published above) */
    const versionsOf = (agencyId: number) => ctx.db.select().from(reportVersions).where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, 2023)));
    const storedFiles = async () => {
      const keys: string[] = [];
      for await (const f of ctx.storage.list!()) keys.push(f.key);
      return keys;
    };
    beforeAll(() => ctx.setToday('2026-01-12'));

    it('the preview shows what was read and its findings, and stores nothing', async () => {
      const before = await storedFiles();
      const file = reportFile('示范市卫生健康局');
      const preview = await previewImport(ctx, w.officer, w.health.id, file);
      expect(preview).toMatchObject({ year: 2023, format: '2021', printedAgency: '示范市卫生健康局', agency: { id: w.health.id, name: '示范市卫生健康局' }, existing: [] });
      expect(preview.figures).toMatchObject({ received: 2, licensing: 1851 });
      expect(preview.token).toMatch(/^[0-9a-f]{64}$/);
      expect(preview.findings.filter((f) => f.rule === 'read.agency')).toEqual([]);
      expect(await versionsOf(w.health.id)).toEqual([]);
      expect(await storedFiles()).toEqual(before);
      expect((await reportYears(ctx, w.officer, w.health.id)).find((y) => y.year === 2023)).toBeUndefined();
    });

    it('confirmed with the token of the preview, it is saved as an imported version; another file or token is refused', async () => {
      const file = reportFile('示范市卫生健康局');
      const { token } = await previewImport(ctx, w.officer, w.health.id, file);
      const other = { ...file, bytes: Buffer.concat([file.bytes, Buffer.from('\n')]) };
      await expect(confirmImport(ctx, w.officer, w.health.id, other, token)).rejects.toMatchObject({ status: 409, message: '文件与预览时的不一致，请重新读取并确认' });
      await expect(confirmImport(ctx, w.otherOfficer, w.health.id, file, token)).rejects.toMatchObject({ status: 403 });
      const saved = await confirmImport(ctx, w.officer, w.health.id, file, token);
      expect(saved).toMatchObject({ year: 2023, version: 1, format: '2021' });
      expect((await versionsOf(w.health.id)).map((v) => [v.year, v.version, v.source])).toEqual([[2023, 1, 'imported']]);
      // a second preview of the same year says a version is there already
      expect((await previewImport(ctx, w.officer, w.health.id, file)).existing).toEqual([{ version: 1, source: 'imported' }]);
    });

    it('never on the public portal: the portal lists and shows only reports published in Gongkai', async () => {
      expect(await publicReports(ctx, w.health.id)).toEqual([expect.objectContaining({ year: 2025, source: 'published' })]);
      await expect(publicReportHtml(ctx, w.health.id, 2023)).rejects.toMatchObject({ status: 404 });
    });

    it('refuses a report printed by another agency of the tree, naming both, at preview and at confirmation', async () => {
      for (const printed of ['示范市教育局', '示范市人民政府']) {
        const file = reportFile(printed);
        const message = `报告所载机关为“${printed}”，是本系统中的另一机关，不能导入为“示范市卫生健康局”的报告`;
        await expect(previewImport(ctx, w.officer, w.health.id, file)).rejects.toMatchObject({ status: 409, message });
        await expect(confirmImport(ctx, w.officer, w.health.id, file, '0'.repeat(64))).rejects.toMatchObject({ status: 409, message });
      }
      expect((await versionsOf(w.health.id)).map((v) => v.version)).toEqual([1]);
    });

    it('a printed name that is no agency of the tree passes with a warning; one of another tree too', async () => {
      // an agency of another government's tree on the same platform is not "another agency of this tree"
      await createAgency(ctx.db, { name: '别市卫生健康局', kind: 'department' });
      for (const printed of ['某某县卫生健康局', '别市卫生健康局']) {
        const file = { ...reportFile(printed), filename: `${printed}.txt` };
        const preview = await previewImport(ctx, w.officer, w.health.id, file);
        expect(preview.printedAgency).toBe(printed);
        expect(preview.findings.filter((f) => f.rule === 'read.agency').map((f) => [f.severity, f.message])).toEqual([
          ['warning', `报告中的机关名称为“${printed}”，与本机关“示范市卫生健康局”不一致，也不是本系统中的其他机关；请确认是本机关的报告`],
        ]);
      }
      const file = reportFile('某某县卫生健康局');
      const { token } = await previewImport(ctx, w.officer, w.health.id, file);
      const saved = await confirmImport(ctx, w.officer, w.health.id, file, token);
      expect(saved).toMatchObject({ year: 2023, version: 2 });
      expect(saved.report.agency).toBe('示范市卫生健康局');
    });
  });
});

describe('report import over HTTP: two steps', () => {
  let server: TestServer;
  let officer: Client;
  let w: World;
  beforeAll(async () => {
    server = await startServer('pglite', {}, '2026-01-12');
    w = await makeWorld(server.ctx);
    officer = new Client(server.url);
    expect((await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD })).status).toBe(200);
    return () => server.close();
  });

  const form = (agency: string, token?: string) => {
    const r = clone(expectedReport('jinjiang-health-2022'));
    r.agency = agency;
    r.year = 2023;
    const f = new FormData();
    if (token) f.append('token', token);
    f.append('file', new Blob([layoutText(r, 'tabs')]), '2023年报.txt');
    return f;
  };

  it('POST …/reports/import reads and stores nothing (200); …/import/confirm with its token saves (201); another agency is a 409', async () => {
    const base = `/api/agencies/${w.health.id}/reports`;
    const preview = await officer.post(`${base}/import`, form('示范市卫生健康局'));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ year: 2023, printedAgency: '示范市卫生健康局', figures: { received: 2 } });
    expect((await officer.get(base)).body.find((y: { year: number }) => y.year === 2023)).toBeUndefined();
    const confirmed = await officer.post(`${base}/import/confirm`, form('示范市卫生健康局', preview.body.token));
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ year: 2023, version: 1 });
    expect((await officer.get(base)).body.find((y: { year: number }) => y.year === 2023)).toMatchObject({ status: 'imported' });
    const without = await officer.post(`${base}/import/confirm`, form('示范市卫生健康局'));
    expect(without.status).toBe(400);
    const theirs = await officer.post(`${base}/import`, form('示范市教育局'));
    expect(theirs.status).toBe(409);
    expect(theirs.body.error).toBe('报告所载机关为“示范市教育局”，是本系统中的另一机关，不能导入为“示范市卫生健康局”的报告');
    // and nothing on the portal
    expect((await new Client(server.url).get(`/api/public/agencies/${w.health.id}/reports`)).body).toEqual([]);
  });
});
