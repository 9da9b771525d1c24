/**
 * The audit of the reports of the supervisor's agencies: one table of all findings across agencies and years,
 * the reviewer's decision on each (confirmed, or dismissed with a reason), kept by the finding's fingerprint
 * so it carries over to a re-read and to a new version while the finding is the same; and a finding shown in
 * context (the sentence or the row in the text as published, the cell in the table).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import { findingDecisions, supervisedFiles } from '../../db/schema';
import { RULES, type RuleId, type Severity } from '../../core/report/findings';
import { narrativeLines } from '../../core/report/layout';
import { describeCell } from '../../core/report/template';
import { highlightFinding, type TextMark } from '../../core/supervision/highlight';
import type { Ctx, StaffActor } from '../context';
import { appendAudit } from '../audit';
import { assertAllowed } from '../agencies';
import { notFound, parseInput } from '../errors';
import { reportVersions } from '../../db/schema';
import { supervisedReport, supervisedReports, type Decision, type SupervisedFinding, type SupervisedReport } from './reports';

export interface AuditRow extends SupervisedFinding {
  subjectAgencyId: number;
  agency: string;
  year: number;
  source: SupervisedReport['source'];
  version: number | null;
  fileId: string | null;
  fileName: string | null;
  /** the rule as users read it */
  ruleLabel: string;
  /** the cell as the report names it, or null for a finding about the text or the file */
  cell: string | null;
}

export const auditFilterSchema = z.object({
  rule: z.string().max(60).optional(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  subjectAgencyId: positiveInt32('机关编号').optional(),
  year: int32('年度', { min: 2019, max: 2100 }).optional(),
  /** none: not decided yet */
  decision: z.enum(['confirmed', 'dismissed', 'none']).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

const CELL_PATH = /^(?:applications|proactive|reviewLitigation)\./;

export function cellName(where: string): string | null {
  return CELL_PATH.test(where) ? describeCell(where) : null;
}

export function auditRows(reports: SupervisedReport[]): AuditRow[] {
  return reports.flatMap((r) =>
    r.findings.map((f) => ({
      ...f,
      subjectAgencyId: r.subjectAgencyId,
      agency: r.agency,
      year: r.year,
      source: r.source,
      version: r.version,
      fileId: r.fileId,
      fileName: r.fileName,
      ruleLabel: RULES[f.rule as RuleId] ?? f.rule,
      cell: cellName(f.where),
    })),
  );
}

/** Every finding of the supervisor's agencies, filtered; with what the filters can choose from. */
export async function auditFindings(ctx: Ctx, actor: StaffActor, filter: AuditFilter = {}) {
  const f = parseInput(auditFilterSchema, filter, '筛选条件有误：');
  const reports = await supervisedReports(ctx, actor, {
    years: f.year ? [f.year, f.year] : undefined,
    subjectAgencyIds: f.subjectAgencyId ? [f.subjectAgencyId] : undefined,
  });
  const all = auditRows(reports);
  const rows = all.filter(
    (r) =>
      (!f.rule || r.rule === f.rule) &&
      (!f.severity || r.severity === f.severity) &&
      (!f.decision || (f.decision === 'none' ? r.decision === null : r.decision === f.decision)),
  );
  const count = (pick: (r: AuditRow) => boolean) => all.filter(pick).length;
  return {
    rows,
    total: all.length,
    /** what the rule filter offers: the rules found, with their names */
    rules: [...new Set(all.map((r) => r.rule))].sort().map((rule) => ({ rule, label: RULES[rule as RuleId] ?? rule, count: count((r) => r.rule === rule) })),
    reports: reports.map((r) => ({ subjectAgencyId: r.subjectAgencyId, agency: r.agency, year: r.year, source: r.source, version: r.version, fileId: r.fileId, fileName: r.fileName, counts: r.counts })),
    decided: { confirmed: count((r) => r.decision === 'confirmed'), dismissed: count((r) => r.decision === 'dismissed'), none: count((r) => r.decision === null) },
  };
}

export const decideSchema = z
  .object({
    subjectAgencyId: z.number({ error: '请选择机关' }).int().positive(),
    year: z.number({ error: '请填写年度' }).int().min(2019).max(2100),
    fingerprint: z.string({ error: '缺少问题标识' }).min(3).max(2000),
    decision: z.enum(['confirmed', 'dismissed'], { error: '请选择“确认”或“排除”' }),
    reason: z.string().trim().max(1000, '理由不能超过 1000 字').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'dismissed' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '排除问题须填写理由' });
  });
export type DecideInput = z.infer<typeof decideSchema>;

/** The finding of an agency-year's report to audit now, by its fingerprint (404 when it is not there). */
async function currentFinding(ctx: Ctx, actor: StaffActor, subjectAgencyId: number, year: number, fp: string) {
  const report = await supervisedReport(ctx, actor, subjectAgencyId, year);
  const finding = report?.findings.find((f) => f.fingerprint === fp);
  if (!report || !finding) throw notFound('未找到该问题：报告可能已重新读取或更新，请刷新后重试');
  return { report, finding };
}

/**
 * Confirm or dismiss a finding of the report audited now. Kept by its fingerprint for the agency-year (a
 * later decision on the same finding replaces it), with the file or version it was made on; audited.
 */
export async function decideFinding(ctx: Ctx, actor: StaffActor, input: unknown) {
  await assertAllowed(ctx.db, actor, 'supervision.write');
  const v = parseInput(decideSchema, input, '');
  const { report, finding } = await currentFinding(ctx, actor, v.subjectAgencyId, v.year, v.fingerprint);
  const row = {
    agencyId: actor.agencyId,
    subjectAgencyId: v.subjectAgencyId,
    year: v.year,
    fingerprint: v.fingerprint,
    decision: v.decision,
    reason: v.reason ?? '',
    rule: finding.rule,
    where: finding.where,
    message: finding.message,
    decidedBy: actor.userId,
    decidedAt: ctx.clock.now(),
    decidedOnFileId: report.fileId,
    decidedOnVersion: report.fileId ? null : report.version,
  };
  await ctx.db.transaction(async (tx) => {
    const key = decisionKey(actor.agencyId, v);
    const [before] = await tx.select().from(findingDecisions).where(key).for('update');
    if (before) await tx.update(findingDecisions).set({ ...row, version: before.version + 1 }).where(key);
    else await tx.insert(findingDecisions).values(row);
    await appendAudit(tx, actor, {
      agencyId: actor.agencyId,
      entity: 'findingDecision',
      entityId: `${v.subjectAgencyId}:${v.year}:${v.fingerprint}`.slice(0, 500),
      action: v.decision,
      before: before ? { decision: before.decision, reason: before.reason } : undefined,
      after: { decision: v.decision, reason: row.reason, rule: finding.rule, where: finding.where, message: finding.message, fileId: report.fileId, version: report.version },
    });
  });
  return { ...finding, decision: v.decision as Decision, reason: row.reason, decidedBy: actor.name, decidedAt: row.decidedAt.toISOString(), carriedOver: false };
}

/** The row of a supervisor's decision on one finding (its fingerprint) of an agency's report of a year. */
function decisionKey(supervisorId: number, f: { subjectAgencyId: number; year: number; fingerprint: string }) {
  return and(
    eq(findingDecisions.agencyId, supervisorId),
    eq(findingDecisions.subjectAgencyId, f.subjectAgencyId),
    eq(findingDecisions.year, f.year),
    eq(findingDecisions.fingerprint, f.fingerprint),
  );
}

/** Withdraw a decision (the finding is open again); audited. */
export async function undecideFinding(ctx: Ctx, actor: StaffActor, input: { subjectAgencyId: number; year: number; fingerprint: string }) {
  await assertAllowed(ctx.db, actor, 'supervision.write');
  await ctx.db.transaction(async (tx) => {
    const key = decisionKey(actor.agencyId, input);
    const [before] = await tx.select().from(findingDecisions).where(key).for('update');
    if (!before) throw notFound('该问题尚无处理意见');
    await tx.delete(findingDecisions).where(key);
    await appendAudit(tx, actor, {
      agencyId: actor.agencyId,
      entity: 'findingDecision',
      entityId: `${input.subjectAgencyId}:${input.year}:${input.fingerprint}`.slice(0, 500),
      action: 'withdraw',
      before: { decision: before.decision, reason: before.reason },
    });
  });
}

export interface FindingContext {
  finding: AuditRow;
  /** the report as checked (corrections applied) and as read, to draw its tables with the cell marked */
  report: SupervisedReport['report'];
  read: SupervisedReport['read'];
  /** the table the cell is in, or null for a finding about the text or the file */
  table: 'proactive' | 'applications' | 'reviewLitigation' | null;
  /** the text as published (an uploaded file's text; a Gongkai report's narrative), with what to highlight */
  text: { lines: string[]; marks: TextMark[] } | null;
  corrections: SupervisedReport['corrections'];
}

/** A finding in the report as published: the sentence or the row highlighted in its text, the cell in its table. */
export async function findingContext(ctx: Ctx, actor: StaffActor, subjectAgencyId: number, year: number, fp: string): Promise<FindingContext> {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const { report, finding } = await currentFinding(ctx, actor, subjectAgencyId, year, fp);
  let lines: string[] | null = null;
  if (report.fileId) {
    const [f] = await ctx.db
      .select({ text: supervisedFiles.text })
      .from(supervisedFiles)
      .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, report.fileId)));
    lines = f?.text != null ? f.text.split(/\r?\n/) : null;
  } else if (report.source === 'published' && report.version !== null) {
    // the narrative of a version published in Gongkai, numbered as its checks number it
    const [v] = await ctx.db
      .select({ sections: reportVersions.sections })
      .from(reportVersions)
      .where(and(eq(reportVersions.agencyId, subjectAgencyId), eq(reportVersions.year, year), eq(reportVersions.version, report.version)));
    lines = v ? narrativeLines(v.sections).map((l) => l.text) : null;
  }
  const [row] = auditRows([{ ...report, findings: [finding] }]);
  const table = (/^(proactive|applications|reviewLitigation)\./.exec(finding.where)?.[1] ?? null) as FindingContext['table'];
  // a Gongkai report's text is its narrative only: its tables are drawn from the data, the cell marked there
  const marks = lines ? (report.fileId || !table ? highlightFinding(lines, finding) : []) : [];
  return { finding: row, report: report.report, read: report.read, table, text: lines ? { lines, marks } : null, corrections: report.corrections };
}

export type Severities = Severity;
