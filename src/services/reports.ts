/**
 * The annual report (政府信息公开工作年度报告) of an agency: the tables computed from its records, the narrative
 * sections drafted from the data and edited by staff, the checks shown as it is written, approval by a
 * reviewer, and publication that freezes a version (later edits make a new one). Earlier years that were never
 * in the system are brought in by reading their published report (./reports/import.ts); the public portal shows
 * the versions published here (./reports/public.ts).
 *
 * Guards of the workflow: a year's report is submitted, approved and published only once the year has ended
 * (it is written and previewed before), and the prompts of the draft (src/core/report/placeholders.ts) left
 * in the text block submission and approval.
 */
import pMap from 'p-map';
import { and, asc, desc, eq, exists, gte, inArray, isNotNull, lte, max, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { applicationEvents, applications, decisions, disclosures, feeCollections, matters, procurements, reportDrafts, reportVersions, reviewCases } from '../db/schema';
import { decisionByKey } from '../core/applications/decisions';
import { checkReport } from '../core/report/checks';
import { draftSections } from '../core/report/draft';
import { RECORD_KIND_LABELS, cellRecords, computeReport, type EngineRecords, type RecordKind } from '../core/report/engine';
import { countBySeverity, finding, type Finding } from '../core/report/findings';
import { narrativeLines, type ReportSections } from '../core/report/layout';
import { formatForYear, reportSchema, type Report } from '../core/report/model';
import { reportDocx } from '../render/docx';
import { reportHtml } from '../render/html';
import { reportXlsx } from '../render/xlsx';
import { chineseDate, type Ctx, type StaffActor } from './context';
import { appendAudit, auditOf } from './audit';
import { assertAllowed, fourEyesWaived, getAgency, mayAct, subtree, type Agency } from './agencies';
import { badInput, conflict, notFound } from './errors';
import { registryStats } from './registry';
import { figures, fileOfVersion, previousReport } from './reports/versions';

export { confirmImport, previewImport } from './reports/import';
export { publicReportData, publicReportFile, publicReportHtml, publicReports } from './reports/public';

// ---------------------------------------------------------------------------------------------------------
// The records of an agency that can count in a year's report

export async function engineRecords(db: Db, agencyId: number, year: number): Promise<EngineRecords> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const format = formatForYear(year);
  const [apps, docs, decs, fees, mats, procs, reviews] = await Promise.all([
    db
      .select({ id: applications.id, applicantType: applications.applicantType, receivedOn: applications.receivedOn, repliedOn: applications.repliedOn, decision: applications.outcome })
      .from(applications)
      .where(and(eq(applications.agencyId, agencyId), lte(applications.receivedOn, end), or(sql`${applications.repliedOn} is null`, gte(applications.repliedOn, start)))),
    db
      .select({ id: disclosures.id, docKind: disclosures.docKind, issuedOn: disclosures.issuedOn, repealedOn: disclosures.repealedOn, publishedOn: disclosures.publishedOn })
      .from(disclosures)
      .where(and(eq(disclosures.agencyId, agencyId), isNotNull(disclosures.docKind), ne(disclosures.status, 'withdrawn'), lte(disclosures.issuedOn, end))),
    db
      .select({ id: decisions.id, kind: decisions.kind, decidedOn: decisions.decidedOn })
      .from(decisions)
      .where(and(eq(decisions.agencyId, agencyId), gte(decisions.decidedOn, start), lte(decisions.decidedOn, end))),
    format === '2021'
      ? db
          .select({ id: feeCollections.id, collectedOn: feeCollections.collectedOn, amountYuan: feeCollections.amountYuan })
          .from(feeCollections)
          .where(and(eq(feeCollections.agencyId, agencyId), gte(feeCollections.collectedOn, start), lte(feeCollections.collectedOn, end)))
      : [],
    format === '2019'
      ? db
          .select({ id: matters.id, kind: matters.kind, establishedOn: matters.establishedOn, abolishedOn: matters.abolishedOn })
          .from(matters)
          .where(and(eq(matters.agencyId, agencyId), lte(matters.establishedOn, end)))
      : [],
    format === '2019'
      ? db
          .select({ id: procurements.id, contractedOn: procurements.contractedOn, amountYuan: procurements.amountYuan })
          .from(procurements)
          .where(and(eq(procurements.agencyId, agencyId), gte(procurements.contractedOn, start), lte(procurements.contractedOn, end)))
      : [],
    db
      .select({ id: reviewCases.id, kind: reviewCases.kind, filedOn: reviewCases.filedOn, outcome: reviewCases.outcome, decidedOn: reviewCases.decidedOn })
      .from(reviewCases)
      .where(and(eq(reviewCases.agencyId, agencyId), gte(reviewCases.filedOn, start), lte(reviewCases.filedOn, end))),
  ]);
  return {
    applications: apps,
    documents: docs as EngineRecords['documents'],
    decisions: decs as EngineRecords['decisions'],
    fees,
    matters: mats as EngineRecords['matters'],
    procurements: procs,
    reviewCases: reviews as EngineRecords['reviewCases'],
  };
}

export async function computeAgencyReport(db: Db, agencyId: number, year: number): Promise<Report> {
  const agency = await getAgency(db, agencyId);
  return computeReport(await engineRecords(db, agencyId, year), agency.name, year);
}

// ---------------------------------------------------------------------------------------------------------
// Versions

/** 信息处理费 charged on applications whose fee was paid in the year (section 六). */
async function processingFees(db: Db, agencyId: number, year: number): Promise<number> {
  const paidInYear = db
    .select({ one: sql`1` })
    .from(applicationEvents)
    .where(
      and(
        eq(applicationEvents.agencyId, applications.agencyId),
        eq(applicationEvents.applicationId, applications.id),
        eq(applicationEvents.kind, 'recordPayment'),
        gte(applicationEvents.on, `${year}-01-01`),
        lte(applicationEvents.on, `${year}-12-31`),
      ),
    );
  const [r] = await db
    .select({ total: sql<number>`coalesce(sum(${applications.feeYuan}), 0)::float` })
    .from(applications)
    .where(and(eq(applications.agencyId, agencyId), exists(paidInYear)));
  return Number(r?.total ?? 0);
}

// ---------------------------------------------------------------------------------------------------------
// Who may do what, and the labels of the states and steps

/** Who writes the report (save the text, submit, publish, import earlier years) and who approves or returns it: src/core/rights.ts. */
const WRITE = 'report.write' as const;
const REVIEW = 'report.review' as const;

/** States of a year's report: the draft's status, or, without a draft, whether an earlier report was brought in. */
export const REPORT_STATUS_LABELS: Record<string, string> = {
  none: '未编写',
  draft: '草稿',
  submitted: '待审核',
  approved: '已批准',
  published: '已发布',
  imported: '已导入',
};

/** Where a frozen version comes from. */
export const REPORT_SOURCE_LABELS: Record<string, string> = { published: '本系统发布', imported: '导入的已公布报告' };

const HISTORY_LABELS: Record<string, string> = {
  saveSections: '保存正文',
  'status:submitted': '提交审核',
  'status:approved': '审核通过',
  'status:draft': '退回修改',
  publish: '发布',
  import: '导入以往年度报告',
};

/** The first day a year's report may be submitted, approved and published: 1 January of the next year. */
function submitFrom(year: number): string {
  return `${year + 1}-01-01`;
}

const STEP_WORDS = { submit: '提交', approve: '审核批准', publish: '发布' } as const;

/** A year's report is reported on the year as a whole: before it has ended it is drafted and previewed only. */
function assertYearEnded(ctx: Ctx, year: number, step: keyof typeof STEP_WORDS): void {
  if (ctx.clock.today() < submitFrom(year)) throw conflict(`${year}年度报告须在${year}年结束后（${year + 1}年1月1日起）方可${STEP_WORDS[step]}`);
}

/** The steps the actor may take on a report in a state (the services check the same again). */
function allowedSteps(actor: StaffActor, agencyId: number, status: string, fourEyes: { submittedBy: string | null; allowSingleOfficer: boolean }, yearEnded: boolean) {
  const writer = mayAct(actor, WRITE, agencyId);
  const reviewer = mayAct(actor, REVIEW, agencyId);
  return {
    save: writer,
    submit: writer && yearEnded && ['draft', 'published'].includes(status),
    // four eyes: not who submitted it, unless the agency allows a single officer
    approve: reviewer && yearEnded && status === 'submitted' && (fourEyes.allowSingleOfficer || fourEyes.submittedBy !== actor.userId),
    return: reviewer && ['submitted', 'approved'].includes(status),
    publish: writer && yearEnded && status === 'approved',
    import: writer,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The workspace of the report editor

export interface SectionLine {
  line: number;
  section: keyof ReportSections;
  paragraph: number;
}

/** 条例 Art. 49: departments report by 31 January, governments by 31 March. */
function reportDueOn(agency: Agency, year: number): string {
  return `${year + 1}-${agency.kind === 'government' ? '03-31' : '01-31'}`;
}

/**
 * A year's report as it stands: the tables computed from the records, the text (as saved, or drafted from the
 * data), the checks, and where it is in approval. What the editor's workspace shows, and what is approved,
 * published, or written to a draft file.
 */
async function currentReport(ctx: Ctx, actor: StaffActor, agencyId: number, year: number) {
  await assertAllowed(ctx.db, actor, 'report.read', agencyId);
  if (!Number.isInteger(year) || year < 2019 || year > Number(ctx.clock.today().slice(0, 4))) throw badInput('年度无效（2019 年至今）');
  const agency = await getAgency(ctx.db, agencyId);
  const [report, previous, draft, registry, feesYuan] = await Promise.all([
    computeAgencyReport(ctx.db, agencyId, year),
    previousReport(ctx.db, agencyId, year),
    ctx.db.select().from(reportDrafts).where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year))).then((r) => r[0] ?? null),
    registryStats(ctx, null, agencyId, year),
    processingFees(ctx.db, agencyId, year),
  ]);
  const generated = draftSections({ report, previous: previous?.report, registry, processingFeesYuan: feesYuan });
  const sections: ReportSections = draft ? { ...generated, ...draft.sections } : generated;
  const findings: Finding[] = checkReport(report, { previous: previous?.report, narrative: narrativeLines(sections) });
  if (!previous && year > 2019) {
    findings.push(finding('applications.carryOver', 'info', `系统中没有 ${year - 1} 年度的报告，跨年度衔接无法检查；可导入该年已公布的报告`, 'applications.carriedOver'));
  }
  return { agency, report, previous, draft, registry, generated, sections, findings, counts: countBySeverity(findings), status: draft?.status ?? 'draft' };
}

export async function reportWorkspace(ctx: Ctx, actor: StaffActor, agencyId: number, year: number) {
  const [current, versionRows, audit] = await Promise.all([
    currentReport(ctx, actor, agencyId, year),
    ctx.db
      .select({
        version: reportVersions.version,
        source: reportVersions.source,
        publishedAt: reportVersions.publishedAt,
        originalName: reportVersions.originalName,
        findings: reportVersions.findings,
      })
      .from(reportVersions)
      .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, year)))
      .orderBy(asc(reportVersions.version)),
    auditOf(ctx.db, agencyId, 'report', String(year)),
  ]);
  const { agency, report, previous, draft, registry, generated, sections, findings, counts, status } = current;
  const versions = versionRows.map(({ findings: f, ...v }) => ({ ...v, counts: countBySeverity(f as Finding[]) }));
  const yearEnded = ctx.clock.today() >= submitFrom(year);
  const sectionLineMap: SectionLine[] = narrativeLines(sections).map(({ line, section, paragraph }) => ({ line, section, paragraph }));
  return {
    agency: { id: agency.id, name: agency.name, kind: agency.kind },
    year,
    format: report.format,
    report,
    sections,
    generatedSections: generated,
    saved: draft !== null,
    status,
    draftVersion: draft?.version ?? 0,
    /** the steps the signed-in user may take now */
    allowed: allowedSteps(actor, agencyId, status, { submittedBy: draft?.submittedBy ?? null, allowSingleOfficer: agency.contact.allowSingleOfficer === true }, yearEnded),
    /** the first day the report may be submitted, approved and published (the year must have ended) */
    submitFrom: submitFrom(year),
    yearEnded,
    findings,
    counts,
    sectionLineMap,
    previous: previous ? { year: year - 1, source: previous.source, version: previous.version } : null,
    /** the previous year's report (its latest frozen version), for comparison beside the tables */
    previousReport: previous?.report ?? null,
    versions,
    /** saves, submissions, approvals, returns (with the reason) and publications, oldest first */
    history: audit
      .filter((e) => e.action in HISTORY_LABELS)
      .map((e) => {
        const after = (e.after ?? {}) as { reason?: unknown; version?: unknown };
        return {
          action: e.action,
          label: HISTORY_LABELS[e.action],
          actorName: e.actorName,
          at: e.at,
          reason: typeof after.reason === 'string' && after.reason ? after.reason : null,
          version: typeof after.version === 'number' ? after.version : null,
        };
      }),
    registry,
    dueOn: reportDueOn(agency, year),
  };
}

/**
 * The years of an agency's reports, for the list page: each year with a draft or a frozen version, and the
 * year just ended and the current one even before anything was written.
 */
export async function reportYears(ctx: Ctx, actor: StaffActor, agencyId: number) {
  await assertAllowed(ctx.db, actor, 'report.read', agencyId);
  const agency = await getAgency(ctx.db, agencyId);
  const current = Number(ctx.clock.today().slice(0, 4));
  const [drafts, versions] = await Promise.all([
    ctx.db
      .select({ year: reportDrafts.year, status: reportDrafts.status, updatedAt: reportDrafts.updatedAt })
      .from(reportDrafts)
      .where(eq(reportDrafts.agencyId, agencyId)),
    ctx.db
      .select({ year: reportVersions.year, version: reportVersions.version, source: reportVersions.source, publishedAt: reportVersions.publishedAt, findings: reportVersions.findings })
      .from(reportVersions)
      .where(eq(reportVersions.agencyId, agencyId))
      .orderBy(asc(reportVersions.year), asc(reportVersions.version)),
  ]);
  const years = new Set<number>([current - 1, current].filter((y) => y >= 2019));
  for (const d of drafts) years.add(d.year);
  for (const v of versions) years.add(v.year);
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const draft = drafts.find((d) => d.year === year);
      const frozen = versions
        .filter((v) => v.year === year)
        .map(({ findings: f, year: _y, ...v }) => ({ ...v, counts: countBySeverity(f as Finding[]) }));
      const status = draft?.status ?? (frozen.length > 0 ? 'imported' : 'none');
      return {
        year,
        format: formatForYear(year),
        status,
        updatedAt: draft?.updatedAt ?? null,
        versions: frozen,
        dueOn: reportDueOn(agency, year),
      };
    });
}

const SECTION_LIMIT = 30_000;

export async function saveSections(ctx: Ctx, actor: StaffActor, agencyId: number, year: number, sections: ReportSections, version?: number) {
  await assertAllowed(ctx.db, actor, WRITE, agencyId);
  for (const key of ['overview', 'problems', 'other'] as const) {
    const v = sections[key];
    if (v !== undefined && typeof v !== 'string') throw badInput('正文格式有误', [{ path: key, message: '应为文字' }]);
    if ((v ?? '').length > SECTION_LIMIT) throw badInput('正文过长', [{ path: key, message: `不能超过 ${SECTION_LIMIT} 字` }]);
  }
  const clean = { overview: sections.overview ?? '', problems: sections.problems ?? '', other: sections.other ?? '' };
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(reportDrafts).where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year))).for('update');
    if (before && version !== undefined && before.version !== version) throw conflict('报告已被他人修改，请刷新后重试');
    if (before) {
      // an edit after submission or approval sends the report back to draft
      await tx
        .update(reportDrafts)
        .set({ sections: clean, status: 'draft', version: before.version + 1, updatedAt: ctx.clock.now(), approvedBy: null, approvedAt: null })
        .where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year)));
    } else {
      await tx.insert(reportDrafts).values({ agencyId, year, sections: clean, status: 'draft', updatedAt: ctx.clock.now() });
    }
    await appendAudit(tx, actor, { agencyId, entity: 'report', entityId: String(year), action: 'saveSections', before: before?.sections ?? null, after: clean });
  });
}

/** The officer submits the report for review: once the year has ended, and with every prompt of the draft written. */
export async function submitReport(ctx: Ctx, actor: StaffActor, agencyId: number, year: number) {
  await assertAllowed(ctx.db, actor, WRITE, agencyId);
  assertYearEnded(ctx, year, 'submit');
  const ws = await currentReport(ctx, actor, agencyId, year);
  const left = ws.findings.filter((f) => f.rule === 'narrative.placeholder');
  if (left.length > 0) throw conflict(`正文还有 ${left.length} 处未填写的模板内容，请补写后再提交：${left[0].message}`);
  await setStatus(ctx, actor, agencyId, year, ['draft', 'published'], 'submitted', { submittedBy: actor.userId, submittedAt: ctx.clock.now() });
}

/** The reviewer approves; a report that breaks a rule (a prompt of the draft left in it included) cannot be approved. */
export async function approveReport(ctx: Ctx, actor: StaffActor, agencyId: number, year: number) {
  await assertAllowed(ctx.db, actor, REVIEW, agencyId);
  assertYearEnded(ctx, year, 'approve');
  const ws = await currentReport(ctx, actor, agencyId, year);
  if (ws.counts.error > 0) throw conflict(`报告还有 ${ws.counts.error} 处错误，请修改后再审核：${ws.findings.find((f) => f.severity === 'error')?.message ?? ''}`);
  await setStatus(ctx, actor, agencyId, year, ['submitted'], 'approved', { approvedBy: actor.userId, approvedAt: ctx.clock.now() });
}

/** The reviewer sends the report back to the officer, with the reason (kept in the audit trail). */
export async function returnReport(ctx: Ctx, actor: StaffActor, agencyId: number, year: number, reason?: string) {
  await assertAllowed(ctx.db, actor, REVIEW, agencyId);
  const note = (reason ?? '').trim();
  if (note.length > 1000) throw badInput('退回意见过长', [{ path: 'reason', message: '不能超过 1000 字' }]);
  await setStatus(ctx, actor, agencyId, year, ['submitted', 'approved'], 'draft', { approvedBy: null, approvedAt: null }, note ? { reason: note } : {});
}

async function setStatus(
  ctx: Ctx,
  actor: StaffActor,
  agencyId: number,
  year: number,
  from: string[],
  to: string,
  extra: Record<string, unknown>,
  note: Record<string, unknown> = {},
) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(reportDrafts).where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year))).for('update');
    if (!row) throw conflict('请先保存报告正文');
    if (!from.includes(row.status)) throw conflict(`报告当前为“${REPORT_STATUS_LABELS[row.status] ?? row.status}”，不能执行此操作`);
    // four eyes: who submitted the report does not approve it
    const waived = to === 'approved' && (await fourEyesWaived(tx, actor, agencyId, row.submittedBy, '同一人不能既提交又审核批准年度报告'));
    await tx
      .update(reportDrafts)
      .set({ status: to, version: row.version + 1, updatedAt: ctx.clock.now(), ...extra })
      .where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year)));
    await appendAudit(tx, actor, { agencyId, entity: 'report', entityId: String(year), action: `status:${to}`, before: { status: row.status }, after: { status: to, ...note, ...(waived ? { fourEyesWaived: true } : {}) } });
  });
}

/** Publication freezes a version: the data, the text, the findings, and its Word and Excel files. */
export async function publishReport(ctx: Ctx, actor: StaffActor, agencyId: number, year: number) {
  await assertAllowed(ctx.db, actor, WRITE, agencyId);
  assertYearEnded(ctx, year, 'publish');
  const ws = await currentReport(ctx, actor, agencyId, year);
  if (ws.status !== 'approved') throw conflict('报告须经审核后才能发布');
  const signature = chineseDate(ctx.clock.today());
  const [docx, xlsx] = await Promise.all([reportDocx(ws.report, ws.sections, { signatureDate: signature }), reportXlsx(ws.report, ws.sections)]);
  const keys: string[] = [];
  try {
    keys.push(await ctx.storage.put(docx, 'docx'), await ctx.storage.put(xlsx, 'xlsx'));
    return await ctx.db.transaction(async (tx) => {
      // the draft as approved when the files were made: not edited (back to 草稿) or published meanwhile
      const [draft] = await tx.select().from(reportDrafts).where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year))).for('update');
      if (!draft || draft.status !== 'approved' || draft.version !== ws.draft?.version) throw conflict('报告已被他人修改或发布，请刷新页面后重试');
      const [{ v }] = await tx
        .select({ v: max(reportVersions.version) })
        .from(reportVersions)
        .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, year)));
      const version = (v ?? 0) + 1;
      await tx.insert(reportVersions).values({
        agencyId,
        year,
        version,
        source: 'published',
        data: ws.report,
        sections: ws.sections,
        findings: ws.findings,
        docxKey: keys[0],
        xlsxKey: keys[1],
        publishedBy: actor.userId,
        approvedBy: draft.approvedBy,
        publishedAt: ctx.clock.now(),
      });
      await tx.update(reportDrafts).set({ status: 'published', version: draft.version + 1, updatedAt: ctx.clock.now() }).where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year)));
      await appendAudit(tx, actor, { agencyId, entity: 'report', entityId: String(year), action: 'publish', after: { version, data: ws.report } });
      return { version };
    });
  } catch (e) {
    await Promise.all(keys.map((k) => ctx.storage.remove(k)));
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Drill-down: the records behind a cell

export async function cellDrilldown(ctx: Ctx, actor: StaffActor, agencyId: number, year: number, path: string) {
  await assertAllowed(ctx.db, actor, 'report.read', agencyId);
  const records = await engineRecords(ctx.db, agencyId, year);
  const hits = cellRecords(records, year, formatForYear(year), path);
  const ids = (kind: RecordKind) => hits.filter((h) => h.kind === kind).map((h) => h.id);
  const out: { kind: RecordKind; id: string; label: string; date: string | null; detail: string; amount: number }[] = [];
  const labelled = () => out.map((r) => ({ ...r, kindLabel: RECORD_KIND_LABELS[r.kind] }));
  const amount = new Map(hits.map((h) => [`${h.kind}:${h.id}`, h.amount]));
  if (ids('applications').length > 0) {
    const rows = await ctx.db.select().from(applications).where(and(eq(applications.agencyId, agencyId), inArray(applications.id, ids('applications'))));
    for (const r of rows) {
      out.push({
        kind: 'applications',
        id: r.id,
        label: `${r.trackingCode} ${r.applicantName}`,
        date: r.receivedOn,
        detail: `收到 ${r.receivedOn}${r.repliedOn ? `，答复 ${r.repliedOn}：${decisionByKey(r.outcome ?? '')?.label ?? ''}` : '，未答复'}`,
        amount: amount.get(`applications:${r.id}`) ?? 1,
      });
    }
  }
  const simple = async (kind: RecordKind, table: typeof disclosures | typeof decisions | typeof feeCollections | typeof matters | typeof procurements | typeof reviewCases, describe: (r: Record<string, unknown>) => { label: string; date: string | null; detail: string }) => {
    if (ids(kind).length === 0) return;
    const rows = (await ctx.db.select().from(table).where(and(eq(table.agencyId, agencyId), inArray(table.id, ids(kind))))) as Record<string, unknown>[];
    for (const r of rows) out.push({ kind, id: String(r.id), ...describe(r), amount: amount.get(`${kind}:${r.id}`) ?? 1 });
  };
  await simple('documents', disclosures, (r) => ({ label: `${r.title}${r.documentNumber ? `（${r.documentNumber}）` : ''}`, date: (r.issuedOn as string) ?? null, detail: `制发 ${r.issuedOn ?? '—'}${r.repealedOn ? `，废止 ${r.repealedOn}` : ''}${r.publishedOn ? `，公开 ${r.publishedOn}` : ''}` }));
  await simple('decisions', decisions, (r) => ({ label: `${r.decisionNumber ?? ''} ${r.subject}`.trim(), date: r.decidedOn as string, detail: `决定日期 ${r.decidedOn}` }));
  await simple('fees', feeCollections, (r) => ({ label: String(r.item), date: r.collectedOn as string, detail: `${r.amountYuan} 元` }));
  await simple('matters', matters, (r) => ({ label: String(r.name), date: r.establishedOn as string, detail: `设立 ${r.establishedOn}${r.abolishedOn ? `，取消 ${r.abolishedOn}` : ''}` }));
  await simple('procurements', procurements, (r) => ({ label: String(r.name), date: r.contractedOn as string, detail: `${r.amountYuan} 元` }));
  await simple('reviewCases', reviewCases, (r) => ({ label: `${r.caseNumber ?? '案件'}`, date: r.filedOn as string, detail: `立案 ${r.filedOn}${r.decidedOn ? `，审结 ${r.decidedOn}` : '，尚未审结'}` }));
  return labelled().sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
}

// ---------------------------------------------------------------------------------------------------------
// Outputs

export async function versionFile(ctx: Ctx, agencyId: number, year: number, version: number, kind: 'docx' | 'xlsx' | 'original') {
  const [row] = await ctx.db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, year), eq(reportVersions.version, version)));
  if (!row) throw notFound('未找到该版本的报告');
  return fileOfVersion(ctx, row, kind);
}

export async function draftFile(ctx: Ctx, actor: StaffActor, agencyId: number, year: number, kind: 'docx' | 'xlsx' | 'html') {
  const ws = await currentReport(ctx, actor, agencyId, year);
  const filename = `${ws.agency.name}${year}年政府信息公开工作年度报告（草稿）.${kind}`;
  if (kind === 'html') return { bytes: Buffer.from(reportHtml(ws.report, ws.sections)), filename };
  return { bytes: kind === 'docx' ? await reportDocx(ws.report, ws.sections) : await reportXlsx(ws.report, ws.sections), filename };
}

// ---------------------------------------------------------------------------------------------------------
// For supervisors: the agencies below, compared, and their trend over the years

export async function supervisionOverview(ctx: Ctx, actor: StaffActor, fromYear: number, toYear: number) {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const ids = await subtree(ctx.db, actor.agencyId);
  const [versions, drafts] = await Promise.all([
    // the latest version of each agency-year only
    ctx.db
      .selectDistinctOn([reportVersions.agencyId, reportVersions.year], {
        agencyId: reportVersions.agencyId,
        year: reportVersions.year,
        version: reportVersions.version,
        source: reportVersions.source,
        data: reportVersions.data,
        findings: reportVersions.findings,
      })
      .from(reportVersions)
      .where(and(inArray(reportVersions.agencyId, ids), gte(reportVersions.year, fromYear), lte(reportVersions.year, toYear)))
      .orderBy(asc(reportVersions.agencyId), asc(reportVersions.year), desc(reportVersions.version)),
    ctx.db
      .select({ agencyId: reportDrafts.agencyId, year: reportDrafts.year, status: reportDrafts.status })
      .from(reportDrafts)
      .where(and(inArray(reportDrafts.agencyId, ids), gte(reportDrafts.year, fromYear), lte(reportDrafts.year, toYear))),
  ]);
  const draftStatus = new Map(drafts.map((d) => [`${d.agencyId}:${d.year}`, d.status]));
  const agencies = await Promise.all(ids.map((id) => getAgency(ctx.db, id)));
  const names = new Map(agencies.map((a) => [a.id, a.name]));

  type Row = ReturnType<typeof figures> & {
    agencyId: number;
    agency: string;
    year: number;
    /** published | imported (a frozen version) | draft (a report still being written: its live figures) */
    source: string;
    /** the year's state (REPORT_STATUS_LABELS) */
    status: string;
    version: number | null;
    errors: number;
    warnings: number;
  };
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const v of versions) {
    const k = `${v.agencyId}:${v.year}`;
    seen.add(k);
    const r = reportSchema.safeParse(v.data);
    if (!r.success) continue;
    const counts = countBySeverity(v.findings as Finding[]);
    rows.push({
      agencyId: v.agencyId,
      agency: names.get(v.agencyId) ?? String(v.agencyId),
      year: v.year,
      source: v.source,
      status: draftStatus.get(k) ?? v.source,
      version: v.version,
      ...figures(r.data),
      errors: counts.error,
      warnings: counts.warning,
    });
  }
  // reports being written that were never published: their live figures and findings
  const unpublished = drafts.filter((d) => !seen.has(`${d.agencyId}:${d.year}`));
  // a few at a time: each is a dozen queries, and a supervisor may oversee hundreds of agencies
  const live = await pMap(unpublished, (d) => currentReport(ctx, actor, d.agencyId, d.year), { concurrency: 4 });
  unpublished.forEach((d, i) => {
    const ws = live[i];
    rows.push({
      agencyId: d.agencyId,
      agency: ws.agency.name,
      year: d.year,
      source: 'draft',
      status: d.status,
      version: null,
      ...figures(ws.report),
      errors: ws.counts.error,
      warnings: ws.counts.warning,
    });
  });
  rows.sort((a, b) => a.agencyId - b.agencyId || a.year - b.year);
  return { agencies: agencies.map((a) => ({ id: a.id, name: a.name, parentId: a.parentId, kind: a.kind })), rows };
}
