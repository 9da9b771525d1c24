/**
 * 主动公开 registry: items with their Art. 20 category, dates and channels; the confidentiality review and the
 * approval before publication (who, when); the lifecycle of 规章 and 规范性文件; administrative decisions,
 * fees collected, 事项 and procurement projects (counted in table 二); on-time and publication rates; the
 * public 公开目录 and 公开指南.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/index';
import { agencyPages, decisions, disclosures, feeCollections, matters, procurements, users } from '../db/schema';
import { containsPattern } from '../db/search';
import { fieldErrors } from '../core/applications/intake';
import { isIsoDate, type IsoDate } from '../core/clock/calendar';
import { ARTICLE_20, CHANNELS, DECISION_KINDS, DOC_KINDS, MATTER_KINDS, categoryLabel, publishBy, type ChannelKey } from '../core/registry/categories';
import type { RegistryStats } from '../core/report/draft';
import type { Ctx, StaffActor } from './context';
import { appendAudit } from './audit';
import { assertAllowed, fourEyesWaived, getAgency, mayAct, type Agency } from './agencies';
import { DISCLOSURE_STEP_RIGHTS } from '../core/rights';
import { loadCalendar } from './calendar';
import { badInput, conflict, notFound, parseInput } from './errors';
import { int32, moneyYuan } from '../core/safe-input';

const dateOf = (missing: string) => z.string({ error: missing }).refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
const date = dateOf('请填写日期');
const optionalDate = date.optional().nullable();
const channelsSchema = z.partialRecord(
  z.enum(Object.keys(CHANNELS) as [string, ...string[]], { error: '公开渠道无效' }),
  z.string({ error: '请填写栏目或账号名称' }).max(100, '栏目或账号名称不能超过 100 字'),
  { error: '公开渠道无效' },
);

// ---------------------------------------------------------------------------------------------------------
// Items of 主动公开

export const disclosureSchema = z
  .object({
    title: z.string({ error: '请填写标题' }).trim().min(2, '请填写标题').max(300, '标题不能超过 300 字'),
    category: z.coerce.number({ error: '请选择公开类别' }).int().min(1, '请选择公开类别').max(ARTICLE_20.length, '公开类别无效'),
    documentNumber: z.string().trim().max(100, '文号不能超过 100 字').optional().nullable(),
    docKind: z.enum(Object.keys(DOC_KINDS) as [string, ...string[]], { error: '文件类型无效' }).optional().nullable(),
    issuedOn: optionalDate,
    repealedOn: optionalDate,
    formedOn: dateOf('请填写形成或变更日期'),
    channels: channelsSchema.default({}),
    interpretationOf: z.uuid('所解读的文件无效').optional().nullable(),
    summary: z.string().trim().max(5000, '摘要不能超过 5000 字').optional().nullable(),
    url: z.string().trim().max(500, '链接不能超过 500 字').optional().nullable(),
  })
  .superRefine((d, ctx) => {
    if (d.docKind && d.category !== 1) ctx.addIssue({ code: 'custom', path: ['docKind'], message: '规章、规范性文件属于第二十条第（一）项' });
    if (d.docKind && !d.issuedOn) ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: '请填写制发日期' });
    if (d.repealedOn && (!d.issuedOn || d.repealedOn < d.issuedOn)) ctx.addIssue({ code: 'custom', path: ['repealedOn'], message: '废止日期不能早于制发日期' });
  });

type DisclosureRow = typeof disclosures.$inferSelect;

async function loadDisclosure(tx: Db, agencyId: number, id: string): Promise<DisclosureRow> {
  const [row] = await tx.select().from(disclosures).where(and(eq(disclosures.agencyId, agencyId), eq(disclosures.id, id))).for('update');
  if (!row) throw notFound('未找到该公开事项');
  return row;
}

/** An item as entered, checked: formed by today; the document it interprets (if any) one of this agency's. */
async function parseDisclosure(ctx: Ctx, agencyId: number, input: unknown, id?: string) {
  const d = parseInput(disclosureSchema, input);
  if (d.formedOn > ctx.clock.today()) throw badInput('形成日期不能晚于今天', [{ path: 'formedOn', message: '不能晚于今天' }]);
  if (d.interpretationOf) {
    const [doc] = await ctx.db
      .select({ id: disclosures.id })
      .from(disclosures)
      .where(and(eq(disclosures.agencyId, agencyId), eq(disclosures.id, d.interpretationOf)));
    if (!doc || d.interpretationOf === id) throw badInput('所解读的文件须为本机关登记的其他公开事项', [{ path: 'interpretationOf', message: '须为本机关登记的其他公开事项' }]);
  }
  return d;
}

export async function createDisclosure(ctx: Ctx, actor: StaffActor, agencyId: number, input: unknown) {
  await assertAllowed(ctx.db, actor, 'disclosure.write', agencyId);
  const d = await parseDisclosure(ctx, agencyId, input);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const values = { agencyId, id, ...d, channels: d.channels as Record<string, string>, docKind: d.docKind ?? null, status: 'draft', createdBy: actor.userId };
    await tx.insert(disclosures).values(values);
    await appendAudit(tx, actor, { agencyId, entity: 'disclosure', entityId: id, action: 'create', after: values });
  });
  return { id };
}

export async function updateDisclosure(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, input: unknown, version?: number) {
  await assertAllowed(ctx.db, actor, 'disclosure.write', agencyId);
  const d = await parseDisclosure(ctx, agencyId, input, id);
  await ctx.db.transaction(async (tx) => {
    const before = await loadDisclosure(tx, agencyId, id);
    if (version !== undefined && before.version !== version) throw conflict('该事项已被他人更新，请刷新后重试');
    if (before.status !== 'draft') throw conflict('已审核或已公开的事项不能修改内容；文件废止请使用“废止”');
    const [after] = await tx
      .update(disclosures)
      .set({ ...d, channels: d.channels as Record<string, string>, docKind: d.docKind ?? null, version: before.version + 1, updatedAt: ctx.clock.now() })
      .where(and(eq(disclosures.agencyId, agencyId), eq(disclosures.id, id)))
      .returning();
    await appendAudit(tx, actor, { agencyId, entity: 'disclosure', entityId: id, action: 'update', before, after });
  });
}

export const DISCLOSURE_STEPS = ['secrecyReview', 'approve', 'publish', 'repeal', 'withdraw'] as const;
export type DisclosureStep = (typeof DISCLOSURE_STEPS)[number];

/** What each step takes (the step is the path's `step`). */
export const DISCLOSURE_STEP_SCHEMAS = {
  secrecyReview: z.object({ on: date.optional() }),
  approve: z.object({ on: date.optional() }),
  publish: z.object({ on: date.optional(), channels: channelsSchema.optional() }),
  repeal: z.object({ on: dateOf('请填写废止日期') }),
  withdraw: z.object({ reason: z.string({ error: '请说明撤回理由' }).trim().min(2, '请说明撤回理由').max(500, '撤回理由不能超过 500 字') }),
} satisfies Record<DisclosureStep, z.ZodType>;

/**
 * Steps before and after publication: 保密审查 (officer or reviewer), 审核批准 (reviewer, after the secrecy
 * review), 发布 (after approval), 废止 (a published 规章 or 规范性文件), 撤回.
 */
export async function disclosureStep(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, step: DisclosureStep, input: unknown) {
  await assertAllowed(ctx.db, actor, DISCLOSURE_STEP_RIGHTS[step], agencyId);
  const p = parseInput(DISCLOSURE_STEP_SCHEMAS[step], input ?? {}) as Record<string, unknown>;
  const on = (p.on as string | undefined) ?? ctx.clock.today();
  if (on > ctx.clock.today()) throw badInput('日期不能晚于今天', [{ path: 'on', message: '不能晚于今天' }]);
  await ctx.db.transaction(async (tx) => {
    const before = await loadDisclosure(tx, agencyId, id);
    const change: Partial<DisclosureRow> = {};
    // four eyes: the approver is not who did the secrecy review, the publisher not who approved
    let waived = false;
    switch (step) {
      case 'secrecyReview':
        if (before.status !== 'draft') throw conflict('只有待审核的事项需要保密审查');
        Object.assign(change, { secrecyReviewedBy: actor.userId, secrecyReviewedOn: on });
        break;
      case 'approve':
        if (before.status !== 'draft') throw conflict('该事项不在待审核状态');
        if (!before.secrecyReviewedOn) throw conflict('请先完成保密审查（条例第十七条）');
        waived = await fourEyesWaived(tx, actor, agencyId, before.secrecyReviewedBy, '同一人不能既进行保密审查又审核批准同一公开事项');
        Object.assign(change, { approvedBy: actor.userId, approvedOn: on, status: 'approved' });
        break;
      case 'publish':
        if (before.status !== 'approved') throw conflict('公开前须经保密审查和审核批准');
        waived = await fourEyesWaived(tx, actor, agencyId, before.approvedBy, '同一人不能既审核批准又发布同一公开事项');
        if (on < before.formedOn) throw badInput('公开日期不能早于形成日期', [{ path: 'on', message: '不能早于形成日期' }]);
        Object.assign(change, { publishedOn: on, status: 'published', ...(p.channels ? { channels: p.channels as Record<string, string> } : {}) });
        if (Object.keys((p.channels as object | undefined) ?? before.channels).length === 0) throw badInput('请选择公开渠道', [{ path: 'channels', message: '至少选择一个公开渠道' }]);
        break;
      case 'repeal':
        if (before.status !== 'published' || !before.docKind) throw conflict('只有已公开的规章、规范性文件可以废止');
        if (before.repealedOn) throw conflict('该文件已废止');
        if (on < (before.issuedOn ?? before.formedOn)) throw badInput('废止日期不能早于制发日期', [{ path: 'on', message: '不能早于制发日期' }]);
        Object.assign(change, { repealedOn: on });
        break;
      case 'withdraw':
        if (before.status === 'withdrawn') throw conflict('该事项已撤回');
        Object.assign(change, { status: 'withdrawn' });
        break;
    }
    const [after] = await tx
      .update(disclosures)
      .set({ ...change, version: before.version + 1, updatedAt: ctx.clock.now() })
      .where(and(eq(disclosures.agencyId, agencyId), eq(disclosures.id, id)))
      .returning();
    await appendAudit(tx, actor, { agencyId, entity: 'disclosure', entityId: id, action: step, before, after: { ...after, reason: p.reason, ...(waived ? { fourEyesWaived: true } : {}) } });
  });
}

export const registryFilterSchema = z.object({
  category: int32('公开类别', { min: 1, max: 15 }).optional(),
  year: int32('年度', { min: 2000, max: 2100 }).optional(),
  status: z.enum(['draft', 'approved', 'published', 'withdrawn', 'all']).default('all'),
  q: z.string().trim().max(100).optional(),
  docKind: z.enum(['regulation', 'normativeDocument']).optional(),
  page: int32('页码', { min: 1 }).default(1),
  pageSize: int32('每页条数', { min: 1, max: 200 }).default(50),
});

function registryWhere(agencyId: number, f: z.infer<typeof registryFilterSchema>): SQL {
  const where: SQL[] = [eq(disclosures.agencyId, agencyId)];
  if (f.category) where.push(eq(disclosures.category, f.category));
  if (f.status !== 'all') where.push(eq(disclosures.status, f.status));
  if (f.docKind) where.push(eq(disclosures.docKind, f.docKind));
  if (f.year) where.push(gte(disclosures.formedOn, `${f.year}-01-01`), lte(disclosures.formedOn, `${f.year}-12-31`));
  if (f.q) {
    const like = containsPattern(f.q);
    where.push(or(ilike(disclosures.title, like), ilike(disclosures.documentNumber, like))!);
  }
  return and(...where)!;
}

export async function listDisclosures(ctx: Ctx, actor: StaffActor, agencyId: number, filter: unknown = {}) {
  await assertAllowed(ctx.db, actor, 'disclosure.read', agencyId);
  const single = (await getAgency(ctx.db, agencyId)).contact.allowSingleOfficer === true;
  const f = registryFilterSchema.parse(filter);
  const calendar = await loadCalendar(ctx.db);
  const where = registryWhere(agencyId, f);
  const [rows, [{ n }]] = await Promise.all([
    ctx.db.select().from(disclosures).where(where).orderBy(desc(disclosures.formedOn)).limit(f.pageSize).offset((f.pageSize) * (f.page - 1)),
    ctx.db.select({ n: count() }).from(disclosures).where(where),
  ]);
  const people = [...new Set(rows.flatMap((r) => [r.secrecyReviewedBy, r.approvedBy]).filter((id): id is string => id !== null))];
  const names = new Map(
    people.length > 0 ? (await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, people))).map((u) => [u.id, u.name]) : [],
  );
  return {
    total: n,
    items: rows.map((r) => ({
      ...r,
      categoryLabel: categoryLabel(r.category),
      timeliness: timeliness(calendar, r, ctx.clock.today()),
      secrecyReviewerName: r.secrecyReviewedBy ? (names.get(r.secrecyReviewedBy) ?? null) : null,
      approverName: r.approvedBy ? (names.get(r.approvedBy) ?? null) : null,
      allowedSteps: allowedDisclosureSteps(actor, agencyId, r, single),
    })),
  };
}

/**
 * The steps the actor may take on an item now (as disclosureStep checks them, four eyes included unless the
 * agency allows a single officer), for the buttons.
 */
export function allowedDisclosureSteps(
  actor: StaffActor,
  agencyId: number,
  r: Pick<DisclosureRow, 'status' | 'secrecyReviewedOn' | 'docKind' | 'repealedOn'> & Partial<Pick<DisclosureRow, 'secrecyReviewedBy' | 'approvedBy'>>,
  allowSingleOfficer = false,
): DisclosureStep[] {
  const may = (step: DisclosureStep) => mayAct(actor, DISCLOSURE_STEP_RIGHTS[step], agencyId);
  const other = (by: string | null | undefined) => allowSingleOfficer || by !== actor.userId;
  const out: DisclosureStep[] = [];
  if (r.status === 'draft' && !r.secrecyReviewedOn && may('secrecyReview')) out.push('secrecyReview');
  if (r.status === 'draft' && r.secrecyReviewedOn && may('approve') && other(r.secrecyReviewedBy)) out.push('approve');
  if (r.status === 'approved' && may('publish') && other(r.approvedBy)) out.push('publish');
  if (r.status === 'published' && r.docKind && !r.repealedOn && may('repeal')) out.push('repeal');
  if (r.status !== 'withdrawn' && may('withdraw')) out.push('withdraw');
  return out;
}

/** Art. 26: published within 20 working days of being formed? */
function timeliness(calendar: Awaited<ReturnType<typeof loadCalendar>>, r: { formedOn: IsoDate; publishedOn: IsoDate | null }, today: IsoDate) {
  try {
    const by = publishBy(calendar, r.formedOn);
    if (r.publishedOn) return { by, onTime: r.publishedOn <= by, overdue: false };
    return { by, onTime: null, overdue: today > by };
  } catch {
    return { by: null, onTime: null, overdue: false };
  }
}

/**
 * Rates for a year, over items formed in the year (withdrawn ones left out):
 *  - 及时率: of the items published, the share published within 20 working days of being formed;
 *  - 公开率: of the items that should have been published by now (published, or formed more than 20 working
 *    days ago), the share published.
 * Also counts by category, channel and month for the charts and the report draft.
 */
export async function registryStats(ctx: Ctx, actor: StaffActor | null, agencyId: number, year: number): Promise<RegistryStats & { publicationRate: number | null; byMonth: { month: number; published: number; onTime: number }[] }> {
  if (actor) await assertAllowed(ctx.db, actor, 'record.read', agencyId);
  const calendar = await loadCalendar(ctx.db);
  const rows = await ctx.db
    .select({ category: disclosures.category, formedOn: disclosures.formedOn, publishedOn: disclosures.publishedOn, channels: disclosures.channels, interpretationOf: disclosures.interpretationOf, status: disclosures.status })
    .from(disclosures)
    .where(and(eq(disclosures.agencyId, agencyId), or(and(gte(disclosures.formedOn, `${year}-01-01`), lte(disclosures.formedOn, `${year}-12-31`)), and(gte(disclosures.publishedOn, `${year}-01-01`), lte(disclosures.publishedOn, `${year}-12-31`)))));
  const today = ctx.clock.today();
  const byCategory: Record<number, number> = {};
  const byChannel: Partial<Record<ChannelKey, number>> = {};
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, published: 0, onTime: 0 }));
  let published = 0;
  let interpretations = 0;
  let onTime = 0;
  let due = 0;
  let dueAndPublished = 0;
  for (const r of rows) {
    if (r.status === 'withdrawn') continue;
    const t = timeliness(calendar, r, today);
    if (r.publishedOn?.startsWith(`${year}-`)) {
      published++;
      byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
      for (const k of Object.keys(r.channels) as ChannelKey[]) byChannel[k] = (byChannel[k] ?? 0) + 1;
      if (r.interpretationOf) interpretations++;
      const m = byMonth[Number(r.publishedOn.slice(5, 7)) - 1];
      m.published++;
      if (t.onTime) {
        onTime++;
        m.onTime++;
      }
    }
    if (r.formedOn.startsWith(`${year}-`) && (r.publishedOn || t.overdue)) {
      due++;
      if (r.publishedOn) dueAndPublished++;
    }
  }
  return {
    published,
    byCategory,
    byChannel,
    interpretations,
    onTimeRate: published > 0 ? onTime / published : null,
    publicationRate: due > 0 ? dueAndPublished / due : null,
    byMonth,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Decisions, fees, items, procurement (entered one by one here; in bulk through ./imports.ts)

export const decisionSchema = z.object({
  kind: z.enum(Object.keys(DECISION_KINDS) as [string, ...string[]], { error: '类别应为行政许可、行政处罚或行政强制' }),
  decisionNumber: z.string().trim().max(100, '决定文号不能超过 100 字').optional().nullable(),
  subject: z.string({ error: '请填写相对人' }).trim().min(1, '请填写相对人').max(200, '相对人不能超过 200 字'),
  decidedOn: dateOf('请填写决定日期'),
  publishedOn: optionalDate,
  summary: z.string().trim().max(2000, '摘要不能超过 2000 字').optional().nullable(),
});
export const feeSchema = z.object({
  item: z.string({ error: '请填写收费项目' }).trim().min(1, '请填写收费项目').max(200, '收费项目不能超过 200 字'),
  collectedOn: dateOf('请填写收费日期'),
  amountYuan: moneyYuan('金额', 14), // fee_collections.amount_yuan numeric(14, 2)
  payer: z.string().trim().max(200, '缴费人不能超过 200 字').optional().nullable(),
});
export const matterSchema = z.object({
  kind: z.enum(Object.keys(MATTER_KINDS) as [string, ...string[]], { error: '事项类别无效' }),
  name: z.string({ error: '请填写事项名称' }).trim().min(1, '请填写事项名称').max(300, '事项名称不能超过 300 字'),
  establishedOn: dateOf('请填写设立日期'),
  abolishedOn: optionalDate,
});
export const procurementSchema = z.object({
  name: z.string({ error: '请填写采购项目名称' }).trim().min(1, '请填写采购项目名称').max(300, '采购项目名称不能超过 300 字'),
  contractedOn: dateOf('请填写签约日期'),
  amountYuan: moneyYuan('金额', 16), // procurements.amount_yuan numeric(16, 2)
});

export const RECORD_TABLES = {
  decisions: { table: decisions, schema: decisionSchema, label: '行政决定', dateColumn: decisions.decidedOn, dateField: 'decidedOn' },
  fees: { table: feeCollections, schema: feeSchema, label: '行政事业性收费', dateColumn: feeCollections.collectedOn, dateField: 'collectedOn' },
  matters: { table: matters, schema: matterSchema, label: '事项', dateColumn: matters.establishedOn, dateField: 'establishedOn' },
  procurements: { table: procurements, schema: procurementSchema, label: '政府集中采购项目', dateColumn: procurements.contractedOn, dateField: 'contractedOn' },
} as const;
export type RecordTable = keyof typeof RECORD_TABLES;

/**
 * Insert records (already validated) in one transaction, with one audit entry. `options.before` runs first in
 * the transaction (an import refusing a file imported before: src/services/imports.ts); `options.audit` is
 * added to the entry's `after` (the file's name and hash).
 */
export async function insertRecords(
  ctx: Ctx,
  actor: StaffActor,
  agencyId: number,
  kind: RecordTable,
  rows: Record<string, unknown>[],
  source: string,
  options: { before?: (tx: Db) => Promise<void>; audit?: Record<string, unknown> } = {},
) {
  await assertAllowed(ctx.db, actor, 'record.write', agencyId);
  const { table } = RECORD_TABLES[kind];
  const values = rows.map((r) => ({ agencyId, id: randomUUID(), ...r }));
  await ctx.db.transaction(async (tx) => {
    await options.before?.(tx);
    for (let i = 0; i < values.length; i += 1000) await tx.insert(table).values(values.slice(i, i + 1000) as never);
    await appendAudit(tx, actor, { agencyId, entity: kind, entityId: source, action: 'insert', after: { count: values.length, first: values[0], source, ...options.audit } }, ctx.clock.now());
  });
  return { inserted: values.length, ids: values.map((v) => v.id) };
}

/** A record's row (locked for the change), or a 404 naming the kind. */
async function lockedRecord(tx: Db, agencyId: number, kind: RecordTable, id: string): Promise<Record<string, unknown>> {
  const { table, label } = RECORD_TABLES[kind];
  const [row] = await tx
    .select()
    .from(table)
    .where(and(eq(table.agencyId, agencyId), eq(table.id, id)))
    .for('update');
  if (!row) throw notFound(`未找到该${label}记录（可能已被删除）`);
  return row as Record<string, unknown>;
}

/**
 * Change a record: the whole record as the form sends it, checked as a new one (a field left out is
 * cleared), in one transaction with an audit entry holding it before and after. The record tables carry no
 * version column: the last change wins, and the audit keeps every earlier state.
 */
export async function updateRecord(ctx: Ctx, actor: StaffActor, agencyId: number, kind: RecordTable, id: string, input: unknown) {
  await assertAllowed(ctx.db, actor, 'record.write', agencyId);
  const spec = RECORD_TABLES[kind];
  const parsed = parseInput(spec.schema, input) as Record<string, unknown>;
  if (String(parsed[spec.dateField]) > ctx.clock.today()) throw badInput('日期不能晚于今天', [{ path: spec.dateField, message: '不能晚于今天' }]);
  // every column of the form: one left out (or empty) is cleared
  const change = Object.fromEntries(Object.keys(spec.schema.shape).map((k) => [k, parsed[k] ?? null]));
  return ctx.db.transaction(async (tx) => {
    const before = await lockedRecord(tx, agencyId, kind, id);
    const [after] = await tx
      .update(spec.table)
      .set(change as never)
      .where(and(eq(spec.table.agencyId, agencyId), eq(spec.table.id, id)))
      .returning();
    await appendAudit(tx, actor, { agencyId, entity: kind, entityId: id, action: 'update', before, after }, ctx.clock.now());
    return after as Record<string, unknown>;
  });
}

/** Delete a record, in one transaction with an audit entry holding what was deleted. */
export async function deleteRecord(ctx: Ctx, actor: StaffActor, agencyId: number, kind: RecordTable, id: string): Promise<void> {
  await assertAllowed(ctx.db, actor, 'record.write', agencyId);
  const { table } = RECORD_TABLES[kind];
  await ctx.db.transaction(async (tx) => {
    const before = await lockedRecord(tx, agencyId, kind, id);
    await tx.delete(table).where(and(eq(table.agencyId, agencyId), eq(table.id, id)));
    await appendAudit(tx, actor, { agencyId, entity: kind, entityId: id, action: 'delete', before }, ctx.clock.now());
  });
}

export async function createRecord(ctx: Ctx, actor: StaffActor, agencyId: number, kind: RecordTable, input: unknown) {
  await assertAllowed(ctx.db, actor, 'record.write', agencyId);
  const spec = RECORD_TABLES[kind];
  const row = parseInput(spec.schema, input) as Record<string, unknown>;
  if (String(row[spec.dateField]) > ctx.clock.today()) throw badInput('日期不能晚于今天', [{ path: spec.dateField, message: '不能晚于今天' }]);
  return insertRecords(ctx, actor, agencyId, kind, [row], 'form');
}

export async function listRecords(ctx: Ctx, actor: StaffActor, agencyId: number, kind: RecordTable, year?: number) {
  await assertAllowed(ctx.db, actor, 'record.read', agencyId);
  const { table, dateColumn } = RECORD_TABLES[kind];
  const where: SQL[] = [eq(table.agencyId, agencyId)];
  if (year) where.push(gte(dateColumn, `${year}-01-01`), lte(dateColumn, `${year}-12-31`));
  return ctx.db.select().from(table).where(and(...where)).orderBy(desc(dateColumn)).limit(2000);
}

// ---------------------------------------------------------------------------------------------------------
// Public pages

/** 公开目录: published items, by category and year, searchable. */
export async function publicCatalogue(ctx: Ctx, agencyId: number, filter: unknown = {}) {
  await getAgency(ctx.db, agencyId);
  const f = registryFilterSchema.parse({ ...(filter as object), status: 'published' });
  const where = and(registryWhere(agencyId, { ...f, year: undefined }), isNotNull(disclosures.publishedOn), f.year ? and(gte(disclosures.publishedOn, `${f.year}-01-01`), lte(disclosures.publishedOn, `${f.year}-12-31`)) : undefined);
  const [rows, [{ n }], byCategory] = await Promise.all([
    ctx.db
      .select({ id: disclosures.id, title: disclosures.title, category: disclosures.category, documentNumber: disclosures.documentNumber, publishedOn: disclosures.publishedOn, docKind: disclosures.docKind, repealedOn: disclosures.repealedOn, summary: disclosures.summary, url: disclosures.url, channels: disclosures.channels })
      .from(disclosures)
      .where(where)
      .orderBy(desc(disclosures.publishedOn))
      .limit(f.pageSize)
      .offset(f.pageSize * (f.page - 1)),
    ctx.db.select({ n: count() }).from(disclosures).where(where),
    ctx.db
      .select({ category: disclosures.category, n: count() })
      .from(disclosures)
      .where(and(eq(disclosures.agencyId, agencyId), eq(disclosures.status, 'published')))
      .groupBy(disclosures.category)
      .orderBy(asc(disclosures.category)),
  ]);
  return {
    total: n,
    items: rows.map((r) => ({ ...r, categoryLabel: categoryLabel(r.category), inForce: r.docKind ? r.repealedOn === null : null })),
    categories: ARTICLE_20.map((c) => ({ no: c.no, label: `（${c.numeral}）${c.text}`, count: byCategory.find((b) => b.category === c.no)?.n ?? 0 })),
  };
}

/** The default 公开指南, written from the agency's details until it writes its own. */
export function defaultGuide(agency: Pick<Agency, 'name' | 'contact'>): string {
  const c = agency.contact;
  return [
    `${agency.name}政府信息公开指南`,
    '一、主动公开',
    `本机关依照《中华人民共和国政府信息公开条例》第二十条的规定主动公开政府信息，公开内容见本机关政府信息公开目录。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。`,
    '二、依申请公开',
    `公民、法人或者其他组织可以通过本平台在线提交政府信息公开申请，也可以当面提交、邮寄或者传真提交。申请应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式、途径。`,
    `本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。`,
    '三、受理机构',
    `受理机构：${c.office ?? agency.name}`,
    c.address ? `地址：${c.address}${c.postcode ? `（邮编：${c.postcode}）` : ''}` : '',
    c.phone ? `电话：${c.phone}` : '',
    c.fax ? `传真：${c.fax}` : '',
    c.email ? `电子邮箱：${c.email}` : '',
    c.hours ? `办公时间：${c.hours}` : '',
    '四、收费',
    '本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，依照《政府信息公开信息处理费管理办法》收取信息处理费。',
    '五、监督和救济',
    `公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议${c.reconsiderationBody ? `（复议机关：${c.reconsiderationBody}）` : ''}或者提起行政诉讼。`,
  ]
    .filter((l) => l.length > 0)
    .join('\n');
}

export async function guide(ctx: Ctx, agencyId: number): Promise<{ body: string; custom: boolean; updatedAt: Date | null }> {
  const agency = await getAgency(ctx.db, agencyId);
  const [row] = await ctx.db.select().from(agencyPages).where(and(eq(agencyPages.agencyId, agencyId), eq(agencyPages.key, 'guide')));
  return row ? { body: row.body, custom: true, updatedAt: row.updatedAt } : { body: defaultGuide(agency), custom: false, updatedAt: null };
}

export async function saveGuide(ctx: Ctx, actor: StaffActor, agencyId: number, body: string) {
  await assertAllowed(ctx.db, actor, 'guide.write', agencyId);
  const text = body.trim();
  if (text.length < 20) throw badInput('公开指南内容过短', [{ path: 'body', message: '公开指南内容过短' }]);
  if (text.length > 50_000) throw badInput('公开指南内容过长', [{ path: 'body', message: '公开指南内容过长' }]);
  const before = await guide(ctx, agencyId);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(agencyPages)
      .values({ agencyId, key: 'guide', body: text, updatedBy: actor.userId, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: [agencyPages.agencyId, agencyPages.key], set: { body: text, updatedBy: actor.userId, updatedAt: ctx.clock.now() } });
    await appendAudit(tx, actor, { agencyId, entity: 'guide', entityId: 'guide', action: 'save', before: before.body, after: text });
  });
}


/**
 * Many items at once (bringing in an existing registry, the demo): each checked like a single item, with the
 * review and publication they already had, in one transaction with one audit entry.
 */
export async function insertDisclosures(
  ctx: Ctx,
  actor: StaffActor,
  agencyId: number,
  items: (z.input<typeof disclosureSchema> & { publishedOn?: string | null; reviewedOn?: string | null; reviewerId?: string | null })[],
  source: string,
) {
  await assertAllowed(ctx.db, actor, 'disclosure.write', agencyId);
  const rows = items.map((item, i) => {
    const r = disclosureSchema.safeParse(item);
    if (!r.success) throw badInput(`第 ${i + 1} 条：${fieldErrors(r.error)[0]?.message ?? '有误'}`);
    const published = item.publishedOn ?? null;
    return {
      agencyId,
      id: randomUUID(),
      ...r.data,
      channels: r.data.channels as Record<string, string>,
      docKind: r.data.docKind ?? null,
      publishedOn: published,
      status: published ? 'published' : item.reviewedOn ? 'approved' : 'draft',
      secrecyReviewedBy: item.reviewedOn ? actor.userId : null,
      secrecyReviewedOn: item.reviewedOn ?? null,
      approvedBy: item.reviewedOn ? (item.reviewerId ?? null) : null,
      approvedOn: item.reviewedOn ?? null,
      createdBy: actor.userId,
    };
  });
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(disclosures).values(rows.slice(i, i + 500));
    await appendAudit(tx, actor, { agencyId, entity: 'disclosures', entityId: source, action: 'insert', after: { count: rows.length, source } });
  });
  return { inserted: rows.length, ids: rows.map((r) => r.id) };
}
