/**
 * The supervising office's audit, follow-up and comparison (src/services/supervision/), on both databases.
 *
 * The world: the city government (the supervisor's agency) with 卫生健康局 and 教育局 below it. Their reports
 * are clean generated reports (src/demo/city.ts) in which the test plants mistakes by hand:
 *  - 卫生健康局 2025, uploaded as a file: 一、本年新收 自然人 three more than it was (the row's 总计 and the
 *    column's balance then fail, so the checks name that cell), and a sentence stating received applications
 *    that the table contradicts;
 *  - 教育局 2024 published in Gongkai (clean), 2025 uploaded: 二、上年结转 自然人 two more than 2024's
 *    结转下年度 (its totals and 结转下年度 raised alike, so only the cross-year rule breaks);
 *  - the city's own 2025 report published in Gongkai: 行政复议 总计 one more than its parts.
 * Every expected figure below is worked out from those plants.
 */
import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reportVersions, supervisedFiles, supervisionBatches } from '../../../src/db/schema';
import { checkReport, checkReportAlone } from '../../../src/core/report/checks';
import type { ReportSections } from '../../../src/core/report/layout';
import type { Report } from '../../../src/core/report/model';
import { generateCity } from '../../../src/demo/city';
import { reportText } from '../../../src/demo/text';
import { extractSource } from '../../../src/extract/index';
import { readReportFile } from '../../../src/services/report-files';
import { createAgency } from '../../../src/services/agencies';
import { createUser } from '../../../src/services/accounts';
import { auditOf } from '../../../src/services/audit';
import type { StaffActor } from '../../../src/services/context';
import { supervisedReport, supervisedReports } from '../../../src/services/supervision/reports';
import { auditFindings, decideFinding, findingContext } from '../../../src/services/supervision/audit';
import { correctCell } from '../../../src/services/supervision/corrections';
import { attachCorrected, issueRectification, listRectifications, rectification, rectificationDocx } from '../../../src/services/supervision/followup';
import { comparison, comparisonWorkbook } from '../../../src/services/supervision/compare';
import { DB_KINDS } from '../../helpers/db';
import { PASSWORD, worldPerSuite, type World } from '../../helpers/world';
import type { TestCtx } from '../../helpers/db';

/** Three agencies whose generated reports for 2024 and 2025 are clean (no plant, no finding). */
function cleanReports(): { report: Report; sections: ReportSections }[][] {
  const city = generateCity({ agencies: 8, years: [2024, 2025], seed: 11 });
  const out: { report: Report; sections: ReportSections }[][] = [];
  for (const name of city.agencies) {
    const [a, b] = [2024, 2025].map((y) => city.reports.find((r) => r.agency === name && r.year === y)!);
    if (a.plant || b.plant) continue;
    const quiet = (r: Report, s: ReportSections, prev?: Report) => checkReport(r, { previous: prev, narrative: narrativeOf(s) }).filter((f) => f.severity !== 'info').length === 0;
    if (!quiet(a.report, a.sections) || !quiet(b.report, b.sections, a.report)) continue;
    out.push([a, b].map((r) => ({ report: structuredClone(r.report), sections: r.sections })));
    if (out.length === 3) break;
  }
  if (out.length < 3) throw new Error('not enough clean generated reports');
  return out;
}

function narrativeOf(s: ReportSections) {
  let n = 0;
  return ['overview', 'problems', 'other'].flatMap((k) => (s[k as keyof ReportSections] ?? '').split('\n').map((text) => ({ line: ++n, text })));
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(DB_KINDS)('supervision: audit, 整改, comparison (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  const [healthPair, educationPair, cityPair] = cleanReports();
  const batchId = randomUUID();
  let batchMade = false;

  /** An uploaded file as the collector stores it once read: matched to the agency and year. */
  async function upload(subjectAgencyId: number, name: string, text: string, at: string): Promise<string> {
    if (!batchMade) {
      await ctx.db.insert(supervisionBatches).values({ agencyId: w.city.id, id: batchId, status: 'done', total: 0 });
      batchMade = true;
    }
    const read = await readReportFile(name, Buffer.from(text));
    const own = checkReportAlone(read.report!, read.narrative);
    const id = randomUUID();
    await ctx.db.insert(supervisedFiles).values({
      agencyId: w.city.id,
      id,
      batchId,
      name,
      sha256: sha(text),
      size: text.length,
      storageKey: `test/${id}`,
      status: 'read',
      kind: read.kind ?? 'text',
      subjectAgencyId,
      matchConfirmed: true,
      year: read.report!.year,
      data: read.report,
      findings: [...read.findings, ...own.tables, ...own.narrative],
      narrative: read.narrative,
      text,
      createdAt: new Date(at),
      readAt: new Date(at),
    });
    return id;
  }

  async function publish(agencyId: number, report: Report, sections: ReportSections, version: number, at: string) {
    await ctx.db.insert(reportVersions).values({ agencyId, year: report.year, version, source: 'published', data: report, sections, findings: [], publishedAt: new Date(at) });
  }

  // ---- the plants
  const health25 = healthPair[1].report;
  const x = health25.applications.received[0]!;
  const received = health25.applications.received[6]!;
  const carried = health25.applications.carriedOver[6]!;
  const stated = received + carried + 7; // neither the received nor received + carried over: a contradiction
  const sentence = `全年新收政府信息公开申请${stated}件。`;
  const healthText = (delta: number, extraParagraph = false) => {
    const r = structuredClone(health25);
    r.agency = '示范市卫生健康局';
    r.applications.received[0] = x + delta;
    const s = healthPair[1].sections;
    const overview = [...(extraParagraph ? ['本机关坚持以公开为常态、不公开为例外，不断完善政务公开制度。'] : []), ...(s.overview ?? '').split('\n'), sentence].join('\n');
    return reportText(r, { ...s, overview }, { signatureDate: '2026年1月20日' });
  };

  const edu24 = educationPair[0].report;
  const edu25 = educationPair[1].report;
  const forward24 = edu24.applications.carriedForward[0]!;
  const over25 = edu25.applications.carriedOver[0]!;
  const eduText = (plant: boolean) => {
    const r = structuredClone(edu25);
    r.agency = '示范市教育局';
    r.applications.carriedOver[0] = over25 + (plant ? 2 : 0);
    r.applications.carriedOver[6] = edu25.applications.carriedOver[6]! + (plant ? 2 : 0);
    r.applications.carriedForward[0] = edu25.applications.carriedForward[0]! + (plant ? 2 : 0);
    r.applications.carriedForward[6] = edu25.applications.carriedForward[6]! + (plant ? 2 : 0);
    return reportText(r, educationPair[1].sections, { signatureDate: '2026年1月25日' });
  };

  let supervisor: StaffActor;
  let f1: string;
  let eduFile: string;
  const ids = () => ({ health: w.health.id, education: w.education.id, city: w.city.id });

  it('the read model: findings of an uploaded file and of a Gongkai version, the cross-year rule across sources', async () => {
    supervisor = w.supervisor;
    // 教育局: 2024 published in Gongkai, 2025 uploaded
    await publish(w.education.id, { ...edu24, agency: '示范市教育局' }, educationPair[0].sections, 1, '2025-01-20T10:00:00+08:00');
    eduFile = await upload(w.education.id, '教育局2025年报.txt', eduText(true), '2026-02-05T10:00:00+08:00');
    // 卫生健康局 2025 uploaded
    f1 = await upload(w.health.id, '卫健局2025年报.txt', healthText(3), '2026-02-01T10:00:00+08:00');
    // the city's own 2025 report in Gongkai, 行政复议 总计 one more than its parts
    const city25 = structuredClone(cityPair[1].report);
    city25.agency = w.city.name;
    city25.reviewLitigation.reconsideration.total = (city25.reviewLitigation.reconsideration.total ?? 0) + 1;
    await publish(w.city.id, city25, {}, 1, '2026-01-30T10:00:00+08:00');

    const all = await supervisedReports(ctx, supervisor, { years: [2025, 2025] });
    expect(all.map((r) => [r.subjectAgencyId, r.year, r.source])).toEqual([
      [ids().city, 2025, 'published'],
      [ids().health, 2025, 'upload'],
      [ids().education, 2025, 'upload'],
    ]);
    const [cityR, healthR, eduR] = all;

    expect(healthR.fileId).toBe(f1);
    expect(healthR.fileName).toBe('卫健局2025年报.txt');
    const cell = healthR.findings.find((f) => f.where === 'applications.received[0]')!;
    expect(cell).toMatchObject({ rule: 'applications.rowTotal', severity: 'error', decision: null, carriedOver: false });
    expect(cell.message).toContain(`应为 ${x}，实为 ${x + 3}`);
    const text = healthR.findings.find((f) => f.rule === 'narrative.received')!;
    expect(text.message).toContain(`称 ${stated}`);
    expect(text.fingerprint.startsWith('narrative.received|text:全年新收政府信息公开申请#件|')).toBe(true);
    expect(healthR.counts.error).toBeGreaterThanOrEqual(2);

    expect(cityR.version).toBe(1);
    expect(cityR.fileId).toBeNull();
    expect(cityR.findings.find((f) => f.where === 'reviewLitigation.reconsideration.total')?.rule).toBe('reviewLitigation.total');

    // the cross-year rule between the 2025 upload and the 2024 report in Gongkai
    const carry = eduR.findings.find((f) => f.rule === 'applications.carryOver')!;
    expect(carry.where).toBe('applications.carriedOver[0]');
    expect(carry.message).toContain(`应为 ${forward24}（2024年报告`);
    expect(carry.message).toContain(`实为 ${over25 + 2}`);
    // the 总计 column raised alike breaks the rule too; and nothing else is wrong with it
    expect(eduR.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.where])).toEqual([
      ['applications.carryOver', 'applications.carriedOver[0]'],
      ['applications.carryOver', 'applications.carriedOver[6]'],
    ]);
    expect(eduR.findings.find((f) => f.where === 'applications.carriedOver[6]')!.message).toContain(
      `应为 ${edu24.applications.carriedForward[6]}（2024年报告“四、结转下年度继续办理”总计列），实为 ${edu25.applications.carriedOver[6]! + 2}`,
    );
  });

  it('the audit table filters by rule, severity, agency, year and decision', async () => {
    const byRule = await auditFindings(ctx, supervisor, { rule: 'applications.carryOver' });
    expect(byRule.rows.map((r) => [r.agency, r.year, r.cell])).toEqual([
      ['示范市教育局', 2025, '二、上年结转政府信息公开申请数量，自然人列'],
      ['示范市教育局', 2025, '二、上年结转政府信息公开申请数量，总计列'],
    ]);
    const byAgency = await auditFindings(ctx, supervisor, { subjectAgencyId: w.health.id, severity: 'error' });
    expect(byAgency.rows.every((r) => r.subjectAgencyId === w.health.id && r.severity === 'error')).toBe(true);
    expect(byAgency.rows.map((r) => r.where)).toContain('applications.received[0]');
    const none = await auditFindings(ctx, supervisor, { year: 2024 });
    // 教育局 2024 is clean
    expect(none.rows.filter((r) => r.severity === 'error')).toEqual([]);
    expect((await auditFindings(ctx, supervisor, { decision: 'confirmed' })).rows).toEqual([]);
  });

  it('a dismissal needs a reason (400 naming the field); refusals for an officer and another supervisor', async () => {
    const r = (await supervisedReport(ctx, supervisor, w.health.id, 2025))!;
    const fp = r.findings.find((f) => f.where === 'applications.received[0]')!.fingerprint;
    await expect(decideFinding(ctx, supervisor, { subjectAgencyId: w.health.id, year: 2025, fingerprint: fp, decision: 'dismissed' })).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'reason', message: '排除问题须填写理由' }],
    });
    await expect(decideFinding(ctx, supervisor, { subjectAgencyId: w.health.id, year: 2025, fingerprint: fp, decision: 'dismissed', reason: '   ' })).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'reason' }],
    });
    // an officer: no supervisor role
    await expect(supervisedReports(ctx, w.officer)).rejects.toMatchObject({ status: 403 });
    await expect(decideFinding(ctx, w.officer, { subjectAgencyId: w.health.id, year: 2025, fingerprint: fp, decision: 'confirmed' })).rejects.toMatchObject({ status: 403 });
    // another city's supervisor: 卫生健康局 is not below it
    const other = await createAgency(ctx.db, { name: '邻市人民政府', kind: 'government' });
    const { id } = await createUser(ctx.db, { agencyId: other.id, username: 'other-supervisor', displayName: '邻市监督员', password: PASSWORD, roles: ['supervisor'] });
    const stranger: StaffActor = { kind: 'staff', userId: id, name: '邻市监督员', agencyId: other.id, roles: ['supervisor'] };
    await expect(decideFinding(ctx, stranger, { subjectAgencyId: w.health.id, year: 2025, fingerprint: fp, decision: 'confirmed' })).rejects.toMatchObject({ status: 404 });
    await expect(findingContext(ctx, stranger, w.health.id, 2025, fp)).rejects.toMatchObject({ status: 404 });
    expect(await supervisedReports(ctx, stranger)).toEqual([]);
    await expect(correctCell(ctx, stranger, { fileId: f1, path: 'applications.received[0]', value: x, reason: '原文为此数' })).rejects.toMatchObject({ status: 404 });
  });

  let textFp: string;
  it('a dismissal is kept across a re-read of the same file (沿用), and not when the figures change', async () => {
    const r1 = (await supervisedReport(ctx, supervisor, w.health.id, 2025))!;
    const cellFp = r1.findings.find((f) => f.where === 'applications.received[0]')!.fingerprint;
    const decided = await decideFinding(ctx, supervisor, { subjectAgencyId: w.health.id, year: 2025, fingerprint: cellFp, decision: 'dismissed', reason: '原件自然人列为 ' + (x + 3) + '，系报告本身如此，已电话核实' });
    expect(decided).toMatchObject({ decision: 'dismissed', carriedOver: false, decidedBy: 'supervisor' });
    const audit = await auditOf(ctx.db, w.city.id, 'findingDecision', `${w.health.id}:2025:${cellFp}`);
    expect(audit.map((a) => a.action)).toEqual(['dismissed']);

    // the same file uploaded again (a new row, read again)
    const f2 = await upload(w.health.id, '重新上传/卫健局2025年报.txt', healthText(3), '2026-02-10T10:00:00+08:00');
    const r2 = (await supervisedReport(ctx, supervisor, w.health.id, 2025))!;
    expect(r2.fileId).toBe(f2);
    expect(r2.findings.find((f) => f.where === 'applications.received[0]')).toMatchObject({ decision: 'dismissed', carriedOver: true, reason: `原件自然人列为 ${x + 3}，系报告本身如此，已电话核实` });

    // confirm the sentence on this file
    textFp = r2.findings.find((f) => f.rule === 'narrative.received')!.fingerprint;
    await decideFinding(ctx, supervisor, { subjectAgencyId: w.health.id, year: 2025, fingerprint: textFp, decision: 'confirmed' });

    // a new version: the cell four more (another figure) and a paragraph above the sentence (its line moves)
    await upload(w.health.id, '卫健局2025年报（修订）.txt', healthText(4, true), '2026-02-15T10:00:00+08:00');
    const r3 = (await supervisedReport(ctx, supervisor, w.health.id, 2025))!;
    const moved = r3.findings.find((f) => f.rule === 'narrative.received')!;
    expect(moved.fingerprint).toBe(textFp);
    expect(moved.where).not.toBe(r2.findings.find((f) => f.rule === 'narrative.received')!.where);
    expect(moved).toMatchObject({ decision: 'confirmed', carriedOver: true });
    const changed = r3.findings.find((f) => f.where === 'applications.received[0]')!;
    expect(changed.message).toContain(`应为 ${x}，实为 ${x + 4}`);
    expect(changed).toMatchObject({ decision: null, carriedOver: false });
  });

  it('a finding in context: the sentence highlighted in the uploaded text, the row of a cell', async () => {
    const c = await findingContext(ctx, supervisor, w.health.id, 2025, textFp);
    expect(c.table).toBeNull();
    const mark = c.text!.marks[0];
    expect(c.text!.lines[mark.line - 1].slice(mark.start, mark.end)).toBe(sentence.replace('。', ''));
    const r = (await supervisedReport(ctx, supervisor, w.health.id, 2025))!;
    const cellFp = r.findings.find((f) => f.where === 'applications.received[0]')!.fingerprint;
    const cc = await findingContext(ctx, supervisor, w.health.id, 2025, cellFp);
    expect(cc.table).toBe('applications');
    expect(cc.finding.cell).toBe('一、本年新收政府信息公开申请数量，自然人列');
    // the row as printed: its label, then its seven figures
    const line = cc.text!.lines[cc.text!.marks[0].line - 1];
    expect(line.startsWith('一、本年新收政府信息公开申请数量\t' + String(x + 4))).toBe(true);
  });

  it('a misread cell corrected by hand: kept beside what was read, the checks use the corrected value', async () => {
    const r = (await supervisedReport(ctx, supervisor, w.health.id, 2025))!;
    const c = await correctCell(ctx, supervisor, { fileId: r.fileId, path: 'applications.received[0]', value: x, reason: '原件 PDF 第 3 页该格为 ' + x + '，读取有误' });
    expect(c).toMatchObject({ path: 'applications.received[0]', cell: '一、本年新收政府信息公开申请数量，自然人列', readValue: x + 4, value: x, correctedBy: 'supervisor' });
    const after = (await supervisedReport(ctx, supervisor, w.health.id, 2025))!;
    expect(after.report.applications.received[0]).toBe(x);
    expect(after.read!.applications.received[0]).toBe(x + 4);
    expect(after.corrections.map((k) => [k.path, k.readValue, k.value, k.reason])).toEqual([['applications.received[0]', x + 4, x, `原件 PDF 第 3 页该格为 ${x}，读取有误`]]);
    expect(after.findings.filter((f) => f.where === 'applications.received[0]')).toEqual([]);
    // the row read from the file is untouched
    const [row] = await ctx.db.select({ data: supervisedFiles.data }).from(supervisedFiles).where(and(eq(supervisedFiles.agencyId, w.city.id), eq(supervisedFiles.id, r.fileId!)));
    expect((row.data as Report).applications.received[0]).toBe(x + 4);
    await expect(correctCell(ctx, supervisor, { fileId: r.fileId, path: 'applications.received[0]', value: x })).rejects.toMatchObject({ status: 400, fields: [{ path: 'reason' }] });
    await expect(correctCell(ctx, supervisor, { fileId: r.fileId, path: 'applications.received[9]', value: 1, reason: '读取有误' })).rejects.toMatchObject({ status: 400 });
  });

  let noticeId: string;
  it('整改: a notice lists the confirmed findings in the report\'s words; the corrected upload closes the fixed one', async () => {
    const r = (await supervisedReport(ctx, supervisor, w.education.id, 2025))!;
    const carry = r.findings.find((f) => f.where === 'applications.carriedOver[0]')!;
    // nothing confirmed yet: refused, naming the field
    await expect(issueRectification(ctx, supervisor, { subjectAgencyId: w.education.id, year: 2025, dueOn: '2026-04-30' })).rejects.toMatchObject({ status: 400, fields: [{ path: 'fingerprints' }] });
    await decideFinding(ctx, supervisor, { subjectAgencyId: w.education.id, year: 2025, fingerprint: carry.fingerprint, decision: 'confirmed' });
    await expect(issueRectification(ctx, supervisor, { subjectAgencyId: w.education.id, year: 2025, dueOn: '2026-03-02' })).rejects.toMatchObject({ status: 400, fields: [{ path: 'dueOn' }] });
    const n = await issueRectification(ctx, supervisor, { subjectAgencyId: w.education.id, year: 2025, dueOn: '2026-04-30' });
    noticeId = n.id;
    expect(n).toMatchObject({ number: '示范市人民政府政务公开整改〔2026〕1号', status: 'issued', statusLabel: '已下发', issuedOn: '2026-03-02', dueOn: '2026-04-30', original: { fileId: eduFile, version: null } });
    expect(n.findings.map((f) => f.words)).toEqual([`二、上年结转政府信息公开申请数量，自然人列填报为 ${over25 + 2}`]);

    const docx = await rectificationDocx(ctx, supervisor, n.id);
    const extracted = await extractSource(docx.bytes);
    if (!extracted.ok) throw new Error('the notice cannot be read');
    const words = extracted.doc.lines.map((l) => l.cells.join('')).join('\n');
    expect(words).toContain('关于2025年政府信息公开工作年度报告问题整改的通知');
    expect(words).toContain('示范市人民政府政务公开整改〔2026〕1号');
    expect(words).toContain('示范市教育局：');
    expect(words).toContain(`一、二、上年结转政府信息公开申请数量，自然人列填报为 ${over25 + 2}。`);
    expect(words).toContain(carry.message);
    expect(words).toContain('2026年4月30日前');

    // the corrected report comes back as a new upload
    await expect(attachCorrected(ctx, supervisor, n.id)).rejects.toMatchObject({ status: 400 });
    const fixedFile = await upload(w.education.id, '教育局2025年报（整改后）.txt', eduText(false), '2026-03-20T10:00:00+08:00');
    const done = await attachCorrected(ctx, supervisor, n.id);
    expect(done).toMatchObject({ status: 'closed', statusLabel: '已办结', corrected: { fileId: fixedFile, version: null }, fixed: 1 });
    expect(done.comparison!.listed).toEqual([{ fingerprint: carry.fingerprint, fixed: true }]);
    expect(done.comparison!.fixed.map((f) => f.fingerprint)).toContain(carry.fingerprint);
    expect(done.comparison!.remaining).toEqual([]);
    expect(done.comparison!.changedCells.map((c) => [c.path, c.before, c.after])).toEqual([
      ['applications.carriedOver[0]', over25 + 2, over25],
      ['applications.carriedOver[6]', edu25.applications.carriedOver[6]! + 2, edu25.applications.carriedOver[6]],
      ['applications.carriedForward[0]', edu25.applications.carriedForward[0]! + 2, edu25.applications.carriedForward[0]],
      ['applications.carriedForward[6]', edu25.applications.carriedForward[6]! + 2, edu25.applications.carriedForward[6]],
    ]);
    expect((await auditOf(ctx.db, w.city.id, 'rectification', n.id)).map((a) => a.action)).toEqual(['issue', 'attachCorrected']);
  });

  it('a second notice is numbered 2; past its due date without a corrected report it is 逾期未整改', async () => {
    const n2 = await issueRectification(ctx, supervisor, { subjectAgencyId: w.health.id, year: 2025, dueOn: '2026-03-31' });
    expect(n2.number).toBe('示范市人民政府政务公开整改〔2026〕2号');
    expect(n2.findings.map((f) => f.rule)).toEqual(['narrative.received']);
    expect(n2.findings[0].words).toBe(`正文“${sentence.replace('。', '')}”`);
    ctx.setToday('2026-04-01');
    try {
      const list = await listRectifications(ctx, supervisor);
      expect(list.map((r) => [r.number, r.statusLabel])).toEqual([
        ['示范市人民政府政务公开整改〔2026〕2号', '逾期未整改'],
        ['示范市人民政府政务公开整改〔2026〕1号', '已办结'],
      ]);
    } finally {
      ctx.setToday('2026-03-02');
    }
    // another supervisor cannot see it
    const [other] = await ctx.db.select().from(supervisionBatches).where(eq(supervisionBatches.id, batchId));
    expect(other.agencyId).toBe(w.city.id);
    const stranger: StaffActor = { kind: 'staff', userId: w.supervisor.userId, name: 'x', agencyId: w.health.id, roles: ['supervisor'] };
    await expect(rectification(ctx, stranger, noticeId)).rejects.toMatchObject({ status: 404 });
    await expect(rectification(ctx, w.officer, noticeId)).rejects.toMatchObject({ status: 403 });
  });

  it('the comparison and the evaluator\'s workbook', async () => {
    const cmp = await comparison(ctx, supervisor, { from: 2025, to: 2025 });
    const health = cmp.rows.find((r) => r.subjectAgencyId === w.health.id)!;
    expect(health.received).toBe(received);
    expect(health.ranks.received?.of).toBe(3);

    const { bytes, filename } = await comparisonWorkbook(ctx, supervisor, { from: 2024, to: 2025 });
    expect(filename).toBe('示范市人民政府2024—2025年度政府信息公开工作年度报告审查.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['机关数据', '问题', '整改']);
    const figures = wb.getWorksheet('机关数据')!;
    expect(figures.getRow(1).getCell(5).value).toBe('新收申请');
    const rows = figures.getSheetValues().slice(2) as unknown[][];
    const h = rows.find((r) => r[1] === '示范市卫生健康局' && r[2] === 2025)!;
    expect(h[3]).toBe('上传文件');
    expect(h[5]).toBe(received);
    const e24 = rows.find((r) => r[1] === '示范市教育局' && r[2] === 2024)!;
    expect(e24[3]).toBe('本系统发布');
    expect(e24[5]).toBe(edu24.applications.received[6]);

    const problems = wb.getWorksheet('问题')!;
    expect((problems.getRow(1).values as unknown[]).slice(1)).toEqual(['机关', '年度', '规则', '规则说明', '严重程度', '问题', '位置', '处理意见', '理由', '处理人', '处理时间']);
    const prow = (problems.getSheetValues().slice(2) as unknown[][]).find((r) => r[3] === 'narrative.received')!;
    expect(prow.slice(1, 3)).toEqual(['示范市卫生健康局', 2025]);
    expect(prow[5]).toBe('错误');
    expect(prow[8]).toBe('已确认（沿用）');
    expect(prow[10]).toBe('supervisor');
    expect(String(prow[11])).toMatch(/^2026-\d\d-\d\d \d\d:\d\d$/);

    const follow = wb.getWorksheet('整改')!;
    const frows = follow.getSheetValues().slice(2) as unknown[][];
    expect(frows.map((r) => [r[1], r[2], r[6], r[7], r[8]])).toEqual([
      ['示范市人民政府政务公开整改〔2026〕2号', '示范市卫生健康局', '已下发', 1, undefined], // not yet corrected: the cell is empty
      ['示范市人民政府政务公开整改〔2026〕1号', '示范市教育局', '已办结', 1, 1],
    ]);
  });
});
