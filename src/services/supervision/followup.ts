/**
 * 整改: from the confirmed findings of an agency-year's report, a notice to the agency (.docx, numbered per
 * supervising agency and year), a due date; then the agency's corrected report (a newer upload of that
 * agency-year, or a version republished in Gongkai) compared with the first — which listed findings it fixed,
 * which remain, what else changed — and the follow-up's status: 已下发, 已整改, 逾期未整改, 已办结.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import { rectifications, users } from '../../db/schema';
import { compareReports, listedOutcome, type ReportComparison } from '../../core/supervision/compare';
import { listFinding, rectificationText, rectificationTitle, type ListedFinding } from '../../core/supervision/notice';
import { letterDocx } from '../../render/letter';
import { chineseDate, type Ctx, type StaffActor } from '../context';
import { appendAudit } from '../audit';
import { assertAllowed, getAgency } from '../agencies';
import { badInput, conflict, notFound, parseInput } from '../errors';
import { fileSourceById, reportOfSource, supervisedIds, supervisedReport, versionSourceOf, type ReportSourceRow, type SupervisedReport } from './reports';

export type RectificationStatus = 'issued' | 'overdue' | 'corrected' | 'closed';
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  issued: '已下发',
  overdue: '逾期未整改',
  corrected: '已整改',
  closed: '已办结',
};

type Row = typeof rectifications.$inferSelect;

export interface StoredComparison extends ReportComparison {
  /** each listed finding: fixed by the corrected report or not */
  listed: { fingerprint: string; fixed: boolean }[];
}

export interface RectificationView {
  id: string;
  subjectAgencyId: number;
  agency: string;
  year: number;
  number: string;
  issuedOn: string | null;
  dueOn: string;
  /** stored state, with 逾期 derived from the due date */
  status: RectificationStatus;
  statusLabel: string;
  findings: ListedFinding[];
  original: { fileId: string | null; version: number | null };
  corrected: { fileId: string | null; version: number | null } | null;
  comparison: StoredComparison | null;
  /** listed findings fixed, when the corrected report came back */
  fixed: number | null;
  createdBy: string | null;
  createdAt: string;
}

function statusOf(row: Pick<Row, 'status' | 'dueOn'>, today: string): RectificationStatus {
  if (row.status === 'issued' && row.dueOn < today) return 'overdue';
  return row.status as RectificationStatus;
}

function view(row: Row, agency: string, createdBy: string | null, today: string): RectificationView {
  const status = statusOf(row, today);
  const comparison = (row.comparison as StoredComparison | null) ?? null;
  return {
    id: row.id,
    subjectAgencyId: row.subjectAgencyId,
    agency,
    year: row.year,
    number: row.number,
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    status,
    statusLabel: RECTIFICATION_STATUS_LABELS[status],
    findings: row.findings as ListedFinding[],
    original: { fileId: row.originalFileId, version: row.originalVersion },
    corrected: row.correctedFileId || row.correctedVersion ? { fileId: row.correctedFileId, version: row.correctedVersion } : null,
    comparison,
    fixed: comparison ? comparison.listed.filter((l) => l.fixed).length : null,
    createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

async function views(ctx: Ctx, rows: Row[]): Promise<RectificationView[]> {
  const today = ctx.clock.today();
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.createdBy).filter((x): x is string => x !== null))) {
    const [u] = await ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, id));
    if (u) names.set(id, u.name);
  }
  const out: RectificationView[] = [];
  for (const r of rows) out.push(view(r, (await getAgency(ctx.db, r.subjectAgencyId)).name, r.createdBy ? (names.get(r.createdBy) ?? null) : null, today));
  return out;
}

export const issueSchema = z.object({
  subjectAgencyId: z.number({ error: '请选择机关' }).int().positive(),
  year: z.number({ error: '请填写年度' }).int().min(2019).max(2100),
  dueOn: z.iso.date({ error: '请填写整改期限（年-月-日）' }),
  /** the confirmed findings to list (all of them when absent) */
  fingerprints: z.array(z.string().min(3).max(2000)).max(500).optional(),
});

/** The 文号: "{简称}政务公开整改〔2026〕3号". */
function rectificationNumber(shortName: string, year: number, seq: number): string {
  return `${shortName}政务公开整改〔${year}〕${seq}号`;
}

/** Issue a 整改通知 from the confirmed findings of the report audited now; numbered, stored, audited. */
export async function issueRectification(ctx: Ctx, actor: StaffActor, input: unknown): Promise<RectificationView> {
  await assertAllowed(ctx.db, actor, 'supervision.write');
  const v = parseInput(issueSchema, input, '');
  const today = ctx.clock.today();
  if (v.dueOn <= today) throw badInput('整改期限应晚于今天', [{ path: 'dueOn', message: '应晚于今天' }]);
  const report = await supervisedReport(ctx, actor, v.subjectAgencyId, v.year);
  if (!report) throw notFound('未找到该机关该年度的报告');
  const wanted = v.fingerprints ? new Set(v.fingerprints) : null;
  const confirmed = report.findings.filter((f) => f.decision === 'confirmed' && (!wanted || wanted.has(f.fingerprint)));
  const unique = [...new Map(confirmed.map((f) => [f.fingerprint, f])).values()];
  if (unique.length === 0) throw badInput('没有已确认的问题：请先在“审查”中确认问题，再下发整改通知', [{ path: 'fingerprints', message: '没有已确认的问题' }]);
  const listed = unique.map((f) => listFinding(f, report.report));
  const [office, subject] = await Promise.all([getAgency(ctx.db, actor.agencyId), getAgency(ctx.db, v.subjectAgencyId)]);
  const issueYear = Number(today.slice(0, 4));
  const id = randomUUID();
  let key: string | null = null;
  try {
    return await ctx.db.transaction(async (tx) => {
      // serialise the numbering of the supervising agency's year; a rolled-back issue gives its number back
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rectification:${actor.agencyId}:${issueYear}`}))`);
      const [{ last }] = await tx
        .select({ last: sql<number>`coalesce(max(${rectifications.seq}), 0)::int` })
        .from(rectifications)
        .where(and(eq(rectifications.agencyId, actor.agencyId), sql`extract(year from ${rectifications.issuedOn}) = ${issueYear}`));
      const seq = Number(last) + 1;
      const number = rectificationNumber(office.contact.shortName?.trim() || office.name, issueYear, seq);
      const text = rectificationText({
        number,
        agency: subject.name,
        year: v.year,
        findings: listed,
        dueOn: chineseDate(v.dueOn),
        office: office.name,
        issuedOn: chineseDate(today),
      });
      key = await ctx.storage.put(await letterDocx(text), 'docx');
      const row = {
        agencyId: actor.agencyId,
        id,
        subjectAgencyId: v.subjectAgencyId,
        year: v.year,
        number,
        findings: listed,
        dueOn: v.dueOn,
        status: 'issued',
        originalFileId: report.fileId,
        originalVersion: report.fileId ? null : report.version,
        docxKey: key,
        issuedOn: today,
        seq,
        createdBy: actor.userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      };
      const [inserted] = await tx.insert(rectifications).values(row).returning();
      await appendAudit(tx, actor, {
        agencyId: actor.agencyId,
        entity: 'rectification',
        entityId: id,
        action: 'issue',
        after: { number, subjectAgencyId: v.subjectAgencyId, year: v.year, dueOn: v.dueOn, findings: listed.map((f) => f.fingerprint), fileId: report.fileId, version: report.version },
      });
      return view(inserted, subject.name, actor.name, today);
    });
  } catch (e) {
    if (key) await ctx.storage.remove(key);
    throw e;
  }
}

const listSchema = z.object({ subjectAgencyId: positiveInt32('机关编号').optional(), year: int32('年度', { min: 2019, max: 2100 }).optional() });

/** The supervisor's follow-ups, newest first (of the agencies still in its subtree). */
export async function listRectifications(ctx: Ctx, actor: StaffActor, filter: unknown = {}): Promise<RectificationView[]> {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const f = parseInput(listSchema, filter, '筛选条件有误：');
  const ids = new Set(await supervisedIds(ctx.db, actor));
  const rows = await ctx.db
    .select()
    .from(rectifications)
    .where(
      and(
        eq(rectifications.agencyId, actor.agencyId),
        f.subjectAgencyId ? eq(rectifications.subjectAgencyId, f.subjectAgencyId) : undefined,
        f.year ? eq(rectifications.year, f.year) : undefined,
      ),
    )
    .orderBy(desc(rectifications.createdAt), desc(rectifications.seq), asc(rectifications.id));
  return views(ctx, rows.filter((r) => ids.has(r.subjectAgencyId)));
}

/** The status of every agency's follow-up at a glance: its latest notice of each report year. */
export async function followupStatus(ctx: Ctx, actor: StaffActor) {
  const all = await listRectifications(ctx, actor);
  const latest = new Map<string, RectificationView>();
  for (const r of all) if (!latest.has(`${r.subjectAgencyId}:${r.year}`)) latest.set(`${r.subjectAgencyId}:${r.year}`, r);
  const counts: Record<RectificationStatus, number> = { issued: 0, overdue: 0, corrected: 0, closed: 0 };
  for (const r of latest.values()) counts[r.status]++;
  return { rows: [...latest.values()], counts };
}

async function ownRow(ctx: Ctx, actor: StaffActor, id: string): Promise<Row> {
  if (!z.uuid().safeParse(id).success) throw notFound('未找到该整改通知');
  const [row] = await ctx.db.select().from(rectifications).where(and(eq(rectifications.agencyId, actor.agencyId), eq(rectifications.id, id)));
  if (!row || !(await supervisedIds(ctx.db, actor)).includes(row.subjectAgencyId)) throw notFound('未找到该整改通知');
  return row;
}

export async function rectification(ctx: Ctx, actor: StaffActor, id: string): Promise<RectificationView> {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const [v] = await views(ctx, [await ownRow(ctx, actor, id)]);
  return v;
}

/** The notice as issued (.docx). */
export async function rectificationDocx(ctx: Ctx, actor: StaffActor, id: string): Promise<{ bytes: Buffer; filename: string }> {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const row = await ownRow(ctx, actor, id);
  if (!row.docxKey) throw notFound('该整改通知没有文件');
  return { bytes: await ctx.storage.get(row.docxKey), filename: `${rectificationTitle(row.year)}（${row.number}）.docx` };
}

async function sourceOf(ctx: Ctx, actor: StaffActor, row: Pick<Row, 'subjectAgencyId' | 'year'>, fileId: string | null, version: number | null): Promise<ReportSourceRow | null> {
  if (fileId) return fileSourceById(ctx.db, actor.agencyId, fileId);
  if (version !== null) return versionSourceOf(ctx.db, row.subjectAgencyId, row.year, version);
  return null;
}

export const attachSchema = z.object({
  /** an uploaded file of the same agency-year, or a version republished in Gongkai; neither: the report audited now */
  fileId: z.uuid({ error: '文件标识无效' }).optional(),
  version: z.number().int().positive().optional(),
});

/**
 * The agency's corrected report, compared with the report the notice was about. Closed (已办结) when every
 * listed finding is fixed; otherwise 已整改 with what remains. Audited.
 */
export async function attachCorrected(ctx: Ctx, actor: StaffActor, id: string, input: unknown = {}): Promise<RectificationView> {
  await assertAllowed(ctx.db, actor, 'supervision.write');
  const v = parseInput(attachSchema, input ?? {}, '');
  const row = await ownRow(ctx, actor, id);
  let corrected: ReportSourceRow | null;
  if (v.fileId || v.version) corrected = await sourceOf(ctx, actor, row, v.fileId ?? null, v.version ?? null);
  else {
    const now = await supervisedReport(ctx, actor, row.subjectAgencyId, row.year);
    corrected = now ? await sourceOf(ctx, actor, row, now.fileId, now.fileId ? null : now.version) : null;
  }
  if (!corrected || corrected.subjectAgencyId !== row.subjectAgencyId || corrected.year !== row.year) {
    throw badInput('未找到该机关该年度更正后的报告：请先上传更正后的报告，或待其在本系统重新发布', [{ path: 'fileId', message: '未找到更正后的报告' }]);
  }
  const original = await sourceOf(ctx, actor, row, row.originalFileId, row.originalVersion);
  if (!original) throw conflict('整改通知所依据的报告已不存在');
  if (corrected.fileId === original.fileId && corrected.version === original.version) {
    throw badInput('这是整改通知所依据的报告本身，请上传更正后的报告', [{ path: 'fileId', message: '不是更正后的报告' }]);
  }
  if (corrected.at.getTime() < original.at.getTime()) throw badInput('该报告早于整改通知所依据的报告，不是更正后的版本', [{ path: 'fileId', message: '不是更正后的版本' }]);
  const [before, after]: SupervisedReport[] = [await reportOfSource(ctx, actor, original), await reportOfSource(ctx, actor, corrected)];
  const comparison: StoredComparison = {
    ...compareReports(before, after),
    listed: listedOutcome((row.findings as ListedFinding[]).map((f) => f.fingerprint), after.findings),
  };
  const status = comparison.listed.every((l) => l.fixed) ? 'closed' : 'corrected';
  const updated = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(rectifications).where(and(eq(rectifications.agencyId, actor.agencyId), eq(rectifications.id, id))).for('update');
    if (!locked || locked.version !== row.version) throw conflict('整改通知已被他人更新，请刷新后重试');
    const [u] = await tx
      .update(rectifications)
      .set({
        correctedFileId: corrected.fileId,
        correctedVersion: corrected.fileId ? null : corrected.version,
        comparison,
        status,
        updatedAt: ctx.clock.now(),
        version: row.version + 1,
      })
      .where(and(eq(rectifications.agencyId, actor.agencyId), eq(rectifications.id, id)))
      .returning();
    await appendAudit(tx, actor, {
      agencyId: actor.agencyId,
      entity: 'rectification',
      entityId: id,
      action: 'attachCorrected',
      before: { status: row.status, correctedFileId: row.correctedFileId, correctedVersion: row.correctedVersion },
      after: { status, correctedFileId: corrected.fileId, correctedVersion: corrected.version, fixed: comparison.listed.filter((l) => l.fixed).length, listed: comparison.listed.length },
    });
    return u;
  });
  const [out] = await views(ctx, [updated]);
  return out;
}

/** The comparison of the corrected report with the first (404 until a corrected report is attached). */
export async function rectificationComparison(ctx: Ctx, actor: StaffActor, id: string): Promise<StoredComparison & { rectification: RectificationView }> {
  const r = await rectification(ctx, actor, id);
  if (!r.comparison) throw notFound('尚未收到更正后的报告');
  return { ...r.comparison, rectification: r };
}
