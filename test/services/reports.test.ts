import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, submitOnline } from '../../src/services/applications';
import { createRecord } from '../../src/services/registry';
import {
  approveReport,
  cellDrilldown,
  confirmImport,
  previewImport,
  publicReportHtml,
  publicReports,
  publishReport,
  reportWorkspace,
  reportYears,
  returnReport,
  saveSections,
  submitReport,
  supervisionOverview,
  versionFile,
} from '../../src/services/reports';
import { createReviewCase, updateReviewCase } from '../../src/services/review-cases';
import { extractSource } from '../../src/extract/index';
import { readReport } from '../../src/core/reader/read';
import { clone, expectedReport } from '../helpers/fixtures';
import { layoutText } from '../helpers/variants';
import { writeSections } from '../helpers/report-text';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { intake, worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)('annual report (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  const Y = 2025;

  worldPerSuite(kind, (t) => ({ ctx, w } = t));
  beforeAll(async () => {
    // a small year of records
    const step = async (day: string, id: string, action: Parameters<typeof act>[4], payload: Record<string, unknown> = {}) => {
      ctx.setToday(day);
      await act(ctx, w.officer, w.health.id, id, action, payload);
    };
    ctx.setToday(`${Y}-03-03`);
    const a = await submitOnline(ctx, intake(w.health.id));
    await step(`${Y}-03-10`, a.id, 'reply', { decision: 'provided' });
    ctx.setToday(`${Y}-05-06`);
    const b = await submitOnline(ctx, intake(w.health.id, { applicantType: 'commercial', idType: 'uscc', idNumber: '91350100M000100Y43', legalRepresentative: '某', applicantName: '某某公司' }));
    await step(`${Y}-05-20`, b.id, 'reply', { decision: 'notExist' });
    ctx.setToday(`${Y}-12-22`);
    await submitOnline(ctx, intake(w.health.id, { applicantName: '年底申请人' })); // carried forward
    ctx.setToday(`${Y}-06-01`);
    await createRecord(ctx, w.officer, w.health.id, 'decisions', { kind: 'licensing', subject: '某诊所', decidedOn: `${Y}-05-30` });
    await createRecord(ctx, w.officer, w.health.id, 'fees', { item: '体检费', collectedOn: `${Y}-05-30`, amountYuan: 2500 });
    await createReviewCase(ctx, w.officer, w.health.id, { applicationId: b.id, kind: 'reconsideration', filedOn: `${Y}-06-01` });
    ctx.setToday(`${Y + 1}-01-12`);
  });

  it('a review case is linked only to an application of its agency, when entered and when changed (filed the next year: not in this report)', async () => {
    const theirs = await submitOnline(ctx, intake(w.education.id));
    const refused = { status: 400, fields: [{ path: 'applicationId', message: '关联的申请不属于本机关' }] };
    const input = { kind: 'litigationDirect', filedOn: `${Y + 1}-01-05` };
    await expect(createReviewCase(ctx, w.officer, w.health.id, { ...input, applicationId: theirs.id })).rejects.toMatchObject(refused);
    const { id } = await createReviewCase(ctx, w.officer, w.health.id, input);
    await expect(updateReviewCase(ctx, w.officer, w.health.id, id, { ...input, applicationId: theirs.id })).rejects.toMatchObject(refused);
    await expect(updateReviewCase(ctx, w.officer, w.health.id, id, { ...input, filedOn: `${Y + 1}-01-13` })).rejects.toMatchObject({ status: 400, message: '立案日期不能晚于今天' });
  });

  it('computes the tables from the records, drafts the text, and every check passes', async () => {
    const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    expect(ws.format).toBe('2021');
    expect(ws.report.applications.received).toEqual([2, 1, 0, 0, 0, 0, 3]);
    expect(ws.report.applications.disclosed).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(ws.report.applications.unavailable.notHeld).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(ws.report.applications.carriedForward).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(ws.report.proactive).toMatchObject({ licensing: { decisions: 1 }, fees: { amountWan: 0.25 } });
    expect(ws.report.reviewLitigation.reconsideration).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(ws.sections.overview).toContain(`${Y}年，本机关收到政府信息公开申请3件`);
    // info: no 2024 report in the system; errors: only the four passages of the draft the officer still has to write
    expect(ws.findings.map((f) => f.rule).sort()).toEqual(['applications.carryOver', 'narrative.placeholder', 'narrative.placeholder', 'narrative.placeholder', 'narrative.placeholder']);
    expect((await reportWorkspace(ctx, w.officer, w.health.id, Y).then((x) => writeSections(x.sections))).overview).toContain('（四）政府信息管理和平台建设情况。落实信息发布保密审查制度');
    expect(ws.dueOn).toBe(`${Y + 1}-01-31`);
  });

  it('drill-down lists the records behind a cell', async () => {
    const rows = await cellDrilldown(ctx, w.officer, w.health.id, Y, 'applications.received[6]');
    expect(rows.map((r) => r.kind)).toEqual(['applications', 'applications', 'applications']);
    expect(rows[0].label).toMatch(/张三$/);
    expect(await cellDrilldown(ctx, w.officer, w.health.id, Y, 'proactive.licensing.decisions')).toEqual([expect.objectContaining({ kind: 'decisions', label: '某诊所' })]);
  });

  it('a report that breaks a rule cannot be approved (the text says 4 applications where table 三 says 3)', async () => {
    const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    const written = writeSections(ws.sections);
    await saveSections(ctx, w.officer, w.health.id, Y, { ...written, overview: written.overview!.replace('收到政府信息公开申请3件', '收到政府信息公开申请4件') });
    await submitReport(ctx, w.officer, w.health.id, Y);
    await expect(approveReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject({ status: 403 });
    await expect(approveReport(ctx, w.reviewer, w.health.id, Y)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/^报告还有 1 处错误/) });
  });

  it('approval, then publication freezes a version with its Word and Excel files', async () => {
    const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    expect(ws.status).toBe('submitted');
    await saveSections(ctx, w.officer, w.health.id, Y, { ...writeSections(ws.generatedSections), problems: '（一）主要问题。依申请公开答复文书有待规范。\n（二）改进情况。制定答复书模板。' });
    await expect(publishReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject({ status: 409, message: '报告须经审核后才能发布' });
    await submitReport(ctx, w.officer, w.health.id, Y);
    await approveReport(ctx, w.reviewer, w.health.id, Y);
    // published early in the morning, China time: still the day before in UTC
    ctx.clock = { now: () => new Date(`${Y + 1}-01-20T07:30:00+08:00`), today: () => `${Y + 1}-01-20` };
    expect(await publishReport(ctx, w.officer, w.health.id, Y)).toEqual({ version: 1 });
    const docx = await versionFile(ctx, w.health.id, Y, 1, 'docx');
    const x = await extractSource(docx.bytes);
    expect(x.ok && readReport(x.doc).report).toEqual((await reportWorkspace(ctx, w.officer, w.health.id, Y)).report);
    expect(docx.filename).toBe(`示范市卫生健康局${Y}年政府信息公开工作年度报告.docx`);
    // the workbook carries the text too, on its own sheet
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await versionFile(ctx, w.health.id, Y, 1, 'xlsx')).bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet('正文')?.getCell('A1').text ?? '').not.toBe('');
    const text = wb.getWorksheet('正文')!.getSheetValues().flat().join('\n');
    expect(text).toContain('依申请公开答复文书有待规范');
  });

  it('a later change shows in the workspace, not in the published version; the public sees the published one', async () => {
    ctx.setToday(`${Y + 1}-02-01`);
    await createRecord(ctx, w.officer, w.health.id, 'decisions', { kind: 'licensing', subject: '补录的许可', decidedOn: `${Y}-11-30` });
    expect((await reportWorkspace(ctx, w.officer, w.health.id, Y)).report.proactive.licensing).toEqual({ decisions: 2 });
    const html = await publicReportHtml(ctx, w.health.id, Y);
    expect(html).toContain('data-path="proactive.licensing.decisions">1</td>');
    expect(html).toContain('依申请公开答复文书有待规范');
    // signed with the day of publication in China
    expect(html).toContain(`${Y + 1}年1月20日`);
    expect(html).not.toContain(`${Y + 1}年1月19日`);
    expect(await publicReports(ctx, w.health.id)).toEqual([expect.objectContaining({ year: Y, version: 1, source: 'published' })]);
    // editing after publication opens a new draft: a second version needs approval again
    const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    await saveSections(ctx, w.officer, w.health.id, Y, ws.sections);
    await expect(publishReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject({ status: 409 });
  });

  it('an edit made while the approved report is being published stops the publication: the edit is kept, nothing is published', async () => {
    // the text brought up to date with the record added above, then approved
    const before = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    await saveSections(ctx, w.officer, w.health.id, Y, { ...before.sections, overview: writeSections(before.generatedSections).overview });
    await submitReport(ctx, w.officer, w.health.id, Y);
    await approveReport(ctx, w.reviewer, w.health.id, Y);
    const edited = { ...(await reportWorkspace(ctx, w.officer, w.health.id, Y)).sections, problems: '（一）主要问题。发布途中修改的文字。' };
    // the officer saves a change while the Word and Excel files of the approved text are being stored
    const storage = ctx.storage;
    const stored: string[] = [];
    ctx.storage = {
      get: (key) => storage.get(key),
      remove: (key) => storage.remove(key),
      put: async (bytes, ext) => {
        if (stored.length === 0) await saveSections(ctx, w.officer, w.health.id, Y, edited);
        const key = await storage.put(bytes, ext);
        stored.push(key);
        return key;
      },
    };
    try {
      await expect(publishReport(ctx, w.officer, w.health.id, Y)).rejects.toMatchObject({ status: 409, message: '报告已被他人修改或发布，请刷新页面后重试' });
    } finally {
      ctx.storage = storage;
    }
    const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    expect(ws.status).toBe('draft');
    expect(ws.sections.problems).toBe(edited.problems);
    expect(await publicReports(ctx, w.health.id)).toEqual([expect.objectContaining({ year: Y, version: 1 })]);
    // the files made for the refused publication are removed
    expect(stored).toHaveLength(2);
    for (const key of stored) await expect(storage.get(key)).rejects.toThrow();
  });

  it('an earlier year is brought in from its published report, and the cross-year rule then holds against it', async () => {
    // the 2024 report as published: 2 applications carried forward into 2025 — but 2025 has none carried over
    const prev = clone(expectedReport('jinjiang-health-2022'));
    prev.agency = '示范市卫生健康局';
    prev.year = Y - 1;
    prev.applications.received = [4, 0, 0, 0, 0, 0, 4];
    prev.applications.carriedForward = [2, 0, 0, 0, 0, 0, 2];
    const text = layoutText(prev, 'tabs');
    await expect(previewImport(ctx, w.officer, w.health.id, { filename: 'x.txt', bytes: Buffer.from('这不是年度报告') })).rejects.toMatchObject({ status: 400 });
    const file = { filename: `${Y - 1}年报.txt`, bytes: Buffer.from(text) };
    const { token } = await previewImport(ctx, w.officer, w.health.id, file);
    const imported = await confirmImport(ctx, w.officer, w.health.id, file, token);
    expect(imported).toMatchObject({ year: Y - 1, version: 1 });
    const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    expect(ws.previous).toEqual({ year: Y - 1, source: 'imported', version: 1 });
    const carry = ws.findings.filter((f) => f.rule === 'applications.carryOver');
    expect(carry.map((f) => [f.severity, f.where])).toEqual([
      ['error', 'applications.carriedOver[0]'],
      ['error', 'applications.carriedOver[6]'],
    ]);
    expect(carry[0].message).toBe(`二、上年结转政府信息公开申请数量，自然人列：应为 2（${Y - 1}年报告“四、结转下年度继续办理”自然人列），实为 0`);
  });

  it('refuses other agencies and the wrong years', async () => {
    await expect(reportWorkspace(ctx, w.otherOfficer, w.health.id, Y)).rejects.toMatchObject({ status: 403 });
    await expect(reportWorkspace(ctx, w.supervisor, w.health.id, Y)).resolves.toMatchObject({ year: Y });
    await expect(saveSections(ctx, w.supervisor, w.health.id, Y, {})).rejects.toMatchObject({ status: 403 });
    await expect(reportWorkspace(ctx, w.officer, w.health.id, 2031)).rejects.toMatchObject({ status: 400 });
  });

  it('tells each user the steps they may take, and keeps the reason a report was returned', async () => {
    const ws = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    expect(ws.status).toBe('draft');
    expect(ws.allowed).toEqual({ save: true, submit: true, approve: false, return: false, publish: false, import: true });
    await submitReport(ctx, w.officer, w.health.id, Y);
    expect((await reportWorkspace(ctx, w.reviewer, w.health.id, Y)).allowed).toMatchObject({ save: false, approve: true, return: true });
    expect((await reportWorkspace(ctx, w.supervisor, w.health.id, Y)).allowed).toEqual({ save: false, submit: false, approve: false, return: false, publish: false, import: false });
    await returnReport(ctx, w.reviewer, w.health.id, Y, '  第五部分请补充改进措施。 ');
    const back = await reportWorkspace(ctx, w.officer, w.health.id, Y);
    expect(back.status).toBe('draft');
    expect(back.history.at(-1)).toMatchObject({ action: 'status:draft', label: '退回修改', reason: '第五部分请补充改进措施。' });
    expect(back.history.map((h) => h.action)).toContain('publish');
    expect(back.previousReport).toMatchObject({ year: Y - 1 });
    expect(back.versions).toEqual([expect.objectContaining({ version: 1, source: 'published', counts: expect.objectContaining({ error: 0 }) })]);
  });

  it('lists the years of an agency with their state and versions, and compares agencies for supervisors', async () => {
    const years = await reportYears(ctx, w.officer, w.health.id);
    expect(years.map((y) => [y.year, y.status, y.versions.map((v) => v.source)])).toEqual([
      [Y + 1, 'none', []],
      [Y, 'draft', ['published']],
      [Y - 1, 'imported', ['imported']],
    ]);
    await expect(supervisionOverview(ctx, w.officer, 2019, 2100)).rejects.toMatchObject({ status: 403 });
    const overview = await supervisionOverview(ctx, w.supervisor, 2019, 2100);
    expect(overview.rows.find((r) => r.agencyId === w.health.id && r.year === Y)).toMatchObject({ source: 'published', status: 'draft', version: 1, received: 3, licensing: 1, errors: 0 });
  });
});
