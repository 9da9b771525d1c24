/**
 * 行政复议 / 行政诉讼 cases about an agency's disclosure work (table 四 of the annual report), linked to the
 * application they concern.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { applications, reviewCases } from '../db/schema';
import { isIsoDate } from '../core/clock/calendar';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../core/report/template';
import type { Ctx, StaffActor } from './context';
import { appendAudit } from './audit';
import { assertAllowed } from './agencies';
import { badInput, notFound, parseInput } from './errors';

export const REVIEW_KINDS = REVIEW_GROUPS.map((g) => g.key);
export const REVIEW_KIND_LABELS = Object.fromEntries(REVIEW_GROUPS.map((g) => [g.key, g.ref])) as Record<string, string>;
export const REVIEW_OUTCOMES = ['upheld', 'corrected', 'other', 'pending'] as const;
export const REVIEW_OUTCOME_LABELS = Object.fromEntries(REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => [c.key, c.label])) as Record<string, string>;

const date = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
const caseSchema = z
  .object({
    applicationId: z.uuid('关联的申请无效').optional().nullable(),
    kind: z.enum(REVIEW_KINDS as [string, ...string[]], { error: '请选择案件类型（行政复议、直接起诉或复议后起诉）' }),
    caseNumber: z.string().trim().max(100).optional().nullable(),
    body: z.string().trim().max(200).optional().nullable(),
    filedOn: date,
    outcome: z.enum(REVIEW_OUTCOMES, { error: '请选择结果' }).default('pending'),
    decidedOn: date.optional().nullable(),
    notes: z.string().trim().max(2000).optional().nullable(),
  })
  .superRefine((c, ctx) => {
    if (c.outcome !== 'pending' && !c.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: '已审结的案件请填写审结日期' });
    if (c.outcome === 'pending' && c.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: '尚未审结的案件不应有审结日期' });
    if (c.decidedOn && c.decidedOn < c.filedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: '审结日期不能早于立案日期' });
  });

/** A case as entered, checked: filed by today, linked (if at all) to an application of this agency. */
async function parseCase(ctx: Ctx, agencyId: number, input: unknown) {
  const c = parseInput(caseSchema, input);
  if (c.filedOn > ctx.clock.today()) throw badInput('立案日期不能晚于今天', [{ path: 'filedOn', message: '不能晚于今天' }]);
  if (c.applicationId) {
    const [app] = await ctx.db.select({ id: applications.id }).from(applications).where(and(eq(applications.agencyId, agencyId), eq(applications.id, c.applicationId)));
    if (!app) throw badInput('关联的申请不属于本机关', [{ path: 'applicationId', message: '关联的申请不属于本机关' }]);
  }
  return c;
}

export async function createReviewCase(ctx: Ctx, actor: StaffActor, agencyId: number, input: unknown) {
  await assertAllowed(ctx.db, actor, 'reviewCase.write', agencyId);
  const c = await parseCase(ctx, agencyId, input);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const values = { agencyId, id, ...c, applicationId: c.applicationId ?? null, caseNumber: c.caseNumber ?? null, body: c.body ?? null, decidedOn: c.decidedOn ?? null, notes: c.notes ?? null };
    await tx.insert(reviewCases).values(values);
    await appendAudit(tx, actor, { agencyId, entity: 'reviewCase', entityId: id, action: 'create', after: values });
  });
  return { id };
}

export async function updateReviewCase(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, input: unknown) {
  await assertAllowed(ctx.db, actor, 'reviewCase.write', agencyId);
  const c = await parseCase(ctx, agencyId, input);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(reviewCases).where(and(eq(reviewCases.agencyId, agencyId), eq(reviewCases.id, id))).for('update');
    if (!before) throw notFound('未找到该案件');
    const [after] = await tx
      .update(reviewCases)
      .set({ ...c, applicationId: c.applicationId ?? null, caseNumber: c.caseNumber ?? null, body: c.body ?? null, decidedOn: c.decidedOn ?? null, notes: c.notes ?? null, updatedAt: ctx.clock.now() })
      .where(and(eq(reviewCases.agencyId, agencyId), eq(reviewCases.id, id)))
      .returning();
    await appendAudit(tx, actor, { agencyId, entity: 'reviewCase', entityId: id, action: 'update', before, after });
  });
}

export async function listReviewCases(ctx: Ctx, actor: StaffActor, agencyId: number, filter: { applicationId?: string; year?: number } = {}) {
  await assertAllowed(ctx.db, actor, 'reviewCase.read', agencyId);
  const where: SQL[] = [eq(reviewCases.agencyId, agencyId)];
  if (filter.applicationId) where.push(eq(reviewCases.applicationId, filter.applicationId));
  if (filter.year) where.push(gte(reviewCases.filedOn, `${filter.year}-01-01`), lte(reviewCases.filedOn, `${filter.year}-12-31`));
  const rows = await ctx.db.select().from(reviewCases).where(and(...where)).orderBy(asc(reviewCases.filedOn));
  return rows.map((r) => ({ ...r, kindLabel: REVIEW_KIND_LABELS[r.kind], outcomeLabel: REVIEW_OUTCOME_LABELS[r.outcome] }));
}
