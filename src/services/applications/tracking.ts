/**
 * The public tracking page and the applicant's correction.
 */
import { and, asc, eq, or } from 'drizzle-orm';
import { applicationEvents, applications, attachments } from '../../db/schema';
import { decisionByKey } from '../../core/applications/decisions';
import { CHANNEL_LABELS, type Channel } from '../../core/applications/intake';
import { STATUS_LABELS, type Status } from '../../core/applications/workflow';
import type { Actor, Ctx } from '../context';
import { appendAudit } from '../audit';
import { getAgency } from '../agencies';
import { loadCalendar } from '../calendar';
import { badInput, conflict, notFound } from '../errors';
import { type Upload } from '../uploads';
import { attachmentFile } from './files';
import { publicNotices } from '../notices';
import { type AppRow, type EventRow, agencyOfCode, toEvent, summaryOf, storeUploads, attachmentRow } from './common';

// ---------------------------------------------------------------------------------------------------------
// The public tracking page

/** Steps the applicant sees (internal ones such as assignment or a pending extension request are not shown). */
function publicStep(e: EventRow): { on: string; label: string; detail?: string } | null {
  const d = e.data as Record<string, string | number>;
  switch (e.kind) {
    case 'submitted':
    case 'registered':
      return { on: e.on, label: '收到申请', detail: CHANNEL_LABELS[d.channel as Channel] };
    case 'requestCorrection':
      return { on: e.on, label: '告知补正', detail: `需要补正的事项：${d.items}；请于 ${d.dueOn} 前补正，逾期无正当理由不补正的，视为放弃申请` };
    case 'receiveCorrection':
      return { on: e.on, label: '收到补正', detail: '答复期限自收到补正后的申请之日起重新计算' };
    case 'startConsultation':
      return { on: e.on, label: d.with === 'otherAgency' ? '征求其他机关意见' : '征求第三方意见', detail: '征求意见所需时间不计算在答复期限内（条例第三十三条）' };
    case 'endConsultation':
      return { on: e.on, label: '征求意见结束' };
    case 'approveExtension':
      return { on: e.on, label: '延长答复期限', detail: `经政府信息公开工作机构负责人同意，答复期限延长 ${d.days} 个工作日` };
    case 'issueFeeNotice':
      return {
        on: e.on,
        label: '发出收费通知',
        detail: d.payBy
          ? `信息处理费 ${d.fee} 元，请于 ${d.payBy} 前缴纳；逾期未缴纳的，视为放弃申请`
          : `信息处理费 ${d.fee} 元，请自收到收费通知次日起20个工作日内缴纳；逾期未缴纳的，视为放弃申请`,
      };
    case 'recordFeeDelivery':
      return { on: e.on, label: '收费通知已送达', detail: `您于 ${d.deliveredOn} 收到收费通知，请于 ${d.payBy} 前缴纳信息处理费` };
    case 'requestReasons':
      return { on: e.on, label: '要求说明理由', detail: `请于 ${d.dueOn} 前说明申请的理由（条例第三十五条）` };
    case 'deferReply':
      return { on: e.on, label: '延迟答复', detail: `答复期限延至 ${d.until}（条例第三十五条）` };
    case 'recordPayment':
      return { on: e.on, label: '已缴纳信息处理费' };
    case 'reply':
      return { on: e.on, label: '作出答复', detail: decisionByKey(String(d.decision))?.label };
    case 'close':
      return { on: e.on, label: '办结' };
    default:
      return null;
  }
}

async function byCode(ctx: Ctx, code: string) {
  const agencyId = agencyOfCode(code);
  if (agencyId === null) throw notFound('查询码无效');
  const [row] = await ctx.db
    .select()
    .from(applications)
    .where(and(eq(applications.agencyId, agencyId), eq(applications.trackingCode, code.trim().toUpperCase())));
  if (!row) throw notFound('未找到该查询码对应的申请');
  return row;
}

export async function trackApplication(ctx: Ctx, code: string) {
  return trackingView(ctx, await byCode(ctx, code));
}

/** What the applicant sees of a case on the tracking page. */
async function trackingView(ctx: Ctx, row: AppRow) {
  const agency = await getAgency(ctx.db, row.agencyId);
  const [calendar, events, notices] = await Promise.all([
    loadCalendar(ctx.db),
    ctx.db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.agencyId, row.agencyId), eq(applicationEvents.applicationId, row.id)))
      .orderBy(asc(applicationEvents.id)),
    publicNotices(ctx.db, row.agencyId, row.id),
  ]);
  const summary = summaryOf({ ...row, assigneeName: null }, events.map(toEvent), calendar, ctx.clock.today());
  const correction = row.status === 'awaitingCorrection' ? events.findLast((e) => e.kind === 'requestCorrection') : undefined;
  return {
    trackingCode: row.trackingCode,
    agencyName: agency.name,
    receivedOn: summary.receivedOn,
    description: summary.description,
    status: summary.status,
    statusLabel: summary.statusLabel,
    decisionLabel: summary.decisionLabel,
    repliedOn: summary.repliedOn,
    steps: events.map(publicStep).filter((s): s is NonNullable<typeof s> => s !== null),
    clock: { state: summary.clock.state, due: summary.clock.due, dueLabel: summary.clock.dueLabel, overdue: summary.clock.overdue, lines: summary.clock.lines, limits: summary.clock.limits },
    notices: notices.map((n) => ({ id: n.attachmentId, title: n.title, number: n.number, issuedOn: n.issuedOn })),
    correction: correction ? { items: String(correction.data.items ?? ''), dueOn: String(correction.data.dueOn ?? '') } : null,
  };
}

/** The applicant sends the correction from the tracking page: the clock restarts from today. */
export async function submitCorrection(ctx: Ctx, code: string, text: string, uploads: Upload[] = []) {
  const row = await byCode(ctx, code);
  const content = (text ?? '').trim();
  if (content.length < 2) throw badInput('请填写补正内容', [{ path: 'text', message: '请填写补正内容' }]);
  if (content.length > 4000) throw badInput('补正内容不能超过 4000 字', [{ path: 'text', message: '不能超过 4000 字' }]);
  if (row.status !== 'awaitingCorrection') throw conflict(`申请当前状态为“${STATUS_LABELS[row.status as Status]}”，无需补正`);
  const stored = await storeUploads(ctx, uploads, 'applicant');
  const today = ctx.clock.today();
  const now = ctx.clock.now(); // one instant for every row the step writes
  const actor: Actor = { kind: 'public' };
  let updated: AppRow;
  try {
    updated = await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(applications).where(and(eq(applications.agencyId, row.agencyId), eq(applications.id, row.id))).for('update');
      if (locked.status !== 'awaitingCorrection') throw conflict('该申请已不在待补正状态');
      await tx.insert(applicationEvents).values({ agencyId: row.agencyId, applicationId: row.id, kind: 'receiveCorrection', on: today, data: { text: content, by: 'applicant' }, actorId: null, createdAt: now });
      if (stored.length > 0) {
        await tx.insert(attachments).values(stored.map((s) => attachmentRow(row.agencyId, row.id, { ...s.u, kind: 'correction' }, s.key, null, now)));
      }
      const [after] = await tx
        .update(applications)
        .set({ status: 'processing', version: locked.version + 1, updatedAt: now })
        .where(and(eq(applications.agencyId, row.agencyId), eq(applications.id, row.id)))
        .returning();
      await appendAudit(tx, actor, { agencyId: row.agencyId, entity: 'application', entityId: row.id, action: 'receiveCorrection', before: locked, after }, now);
      return after;
    });
  } catch (e) {
    await Promise.all(stored.map((s) => ctx.storage.remove(s.key)));
    throw e;
  }
  return trackingView(ctx, updated);
}

/** A notice the applicant was sent (the public ones only: not the 征求意见函 to a third party, nor any other file). */
export async function publicLetter(ctx: Ctx, code: string, attachmentId: string) {
  const row = await byCode(ctx, code);
  const sent = await publicNotices(ctx.db, row.agencyId, row.id);
  if (!sent.some((n) => n.attachmentId === attachmentId)) throw notFound('未找到该文书');
  return attachmentFile(ctx, row.agencyId, row.id, attachmentId);
}


