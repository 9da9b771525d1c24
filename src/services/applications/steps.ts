/**
 * Every step of a case. The state machine and the law (src/core/applications/procedure.ts: the dates and
 * preconditions of 条例 Art. 30–36 and the 办法) are checked first, on the case as derived from its events;
 * then one transaction writes the event, the notice the step issues (numbered, frozen), the row and the audit
 * entry. `previewStep` runs the same checks and shows the notice the step would issue, for the officer to edit.
 */
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/index';
import { applicationEvents, applications, users } from '../../db/schema';
import { decisionByKey, decisionRow, DECISIONS } from '../../core/applications/decisions';
import { consultationValues, noticeKindOfStep, type NoticeKind } from '../../core/applications/notices';
import { checkStep, dueOf, type CaseState } from '../../core/applications/procedure';
import { reconsiderationAuthority, remediesParagraph, RemedyUnknownError } from '../../core/applications/remedies';
import { type Action, type Status } from '../../core/applications/workflow';
import { addWorkdays, MAX_EXTENSION_WORKDAYS } from '../../core/clock/deadline';
import { CalendarMissingError, isIsoDate, type Calendar } from '../../core/clock/calendar';
import { feeByPages, feeOfNthApplication } from '../../core/fees';
import { chineseDate, type Ctx, type StaffActor } from '../context';
import { appendAudit } from '../audit';
import { agencyTree, assertAllowed, fourEyesWaived, getAgency } from '../agencies';
import { loadCalendar } from '../calendar';
import { ServiceError, badInput, conflict, notFound, parseInput } from '../errors';
import { draftNotice, issueNotice, noticeValuesOf } from '../notices';
import { toEvent, type AppRow } from './common';

const date = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
const note = z.string().trim().max(2000, '说明不能超过 2000 字').optional();
/** the officer's edited text of the notice the step issues (previewStep shows the draft) */
const noticeText = z.string().max(20_000, '通知书内容不能超过 20000 字').optional();

export const ACTION_SCHEMAS = {
  assign: z.object({ assigneeId: z.uuid('请选择承办人') }),
  requestCorrection: z.object({
    on: date.optional(),
    items: z.string({ error: '请写明需要补正的事项' }).trim().min(2, '请写明需要补正的事项').max(2000),
    periodDays: z.coerce.number().int().min(1, '补正期限至少 1 个工作日').max(60, '补正期限不宜超过 60 个工作日').default(15),
    noticeText,
  }),
  receiveCorrection: z.object({ on: date.optional(), note }),
  startConsultation: z.object({
    on: date.optional(),
    with: z.enum(['thirdParty', 'otherAgency'], { error: '请选择征求意见的对象' }),
    party: z.string({ error: '请填写征求意见的对象' }).trim().min(1, '请填写征求意见的对象').max(200),
    note,
    noticeText,
  }),
  endConsultation: z.object({ on: date.optional(), result: z.enum(['agree', 'disagree', 'noReply'], { error: '请选择意见结果' }), note }),
  requestExtension: z.object({
    on: date.optional(),
    days: z.coerce.number().int().min(1, '延长期限至少 1 个工作日').max(MAX_EXTENSION_WORKDAYS, `延长的期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（条例第三十三条第二款）`),
    reason: z.string({ error: '请说明延期理由' }).trim().min(2, '请说明延期理由').max(1000),
  }),
  /** the reviewer may grant fewer days than requested */
  approveExtension: z.object({
    on: date.optional(),
    days: z.coerce.number().int().min(1).max(MAX_EXTENSION_WORKDAYS, `延长的期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（条例第三十三条第二款）`).optional(),
    note,
    noticeText,
  }),
  rejectExtension: z.object({ note }),
  issueFeeNotice: z.object({
    on: date.optional(),
    standard: z.enum(['count', 'pages'], { error: '请选择按件或按量计收' }),
    pages: z.coerce.number().int().min(1).max(1_000_000).optional(),
    /** the day the applicant received the notice, when known now (online: the day sent) */
    deliveredOn: date.optional(),
    noticeText,
  }),
  recordFeeDelivery: z.object({ on: date.optional(), deliveredOn: date }),
  recordPayment: z.object({ on: date.optional(), note }),
  requestReasons: z.object({
    on: date.optional(),
    items: z.string({ error: '请写明需要说明的事项' }).trim().min(2, '请写明需要说明的事项').max(2000),
    periodDays: z.coerce.number().int().min(1).max(60).default(10),
    noticeText,
  }),
  deferReply: z.object({
    on: date.optional(),
    until: date,
    reason: z.string({ error: '请说明延迟答复的理由' }).trim().min(2, '请说明延迟答复的理由').max(2000),
    noticeText,
  }),
  reply: z.object({
    on: date.optional(),
    decision: z.enum(DECISIONS.map((d) => d.key) as [string, ...string[]], { error: '请选择处理结果' }),
    reason: z.string().trim().max(4000, '说明不能超过 4000 字').optional(),
    /** 条例 Art. 15/32: why no third party was consulted before refusing for its rights */
    noConsultationReason: z.string().trim().max(2000).optional(),
    noticeText,
  }),
  close: z.object({ on: date.optional() }),
} satisfies Record<Action, z.ZodType>;

/** Deliveries by which a notice reaches the applicant the day it is sent (办法: the period runs from receipt). */
const SAME_DAY_DELIVERY = new Set(['email', 'online', 'fax']);

interface Prepared {
  row: AppRow;
  state: CaseState;
  on: string;
  /** the event's data */
  data: Record<string, unknown>;
  change: Partial<AppRow>;
  /** the notice the step issues */
  notice: { kind: NoticeKind; values: Record<string, string> } | null;
}

/**
 * Everything a step needs, checked: the case, the date, the state machine and the law, and the data and
 * notice of the step. Reads only; `lock` takes the case's row lock (for `act`).
 */
async function prepare(
  tx: Db,
  ctx: Ctx,
  actor: StaffActor,
  agencyId: number,
  id: string,
  action: Action,
  input: Record<string, unknown>,
  calendar: Calendar,
  opts: { lock: boolean; expectedVersion?: number },
): Promise<Prepared> {
  const today = ctx.clock.today();
  const select = tx.select().from(applications).where(and(eq(applications.agencyId, agencyId), eq(applications.id, id)));
  const [row] = opts.lock ? await select.for('update') : await select;
  if (!row) throw notFound('未找到该申请');
  if (opts.expectedVersion !== undefined && row.version !== opts.expectedVersion) throw conflict('该申请已被他人更新，请刷新页面后重试');
  const eventRows = await tx
    .select()
    .from(applicationEvents)
    .where(and(eq(applicationEvents.agencyId, agencyId), eq(applicationEvents.applicationId, id)))
    .orderBy(asc(applicationEvents.id));
  const events = eventRows.map(toEvent);

  const on = (input.on as string | undefined) ?? today;
  const lastOn = eventRows.at(-1)?.on ?? row.receivedOn;
  if (on > today) throw badInput('日期不能晚于今天', [{ path: 'on', message: '日期不能晚于今天' }]);
  if (on < lastOn) throw badInput(`日期不能早于上一步骤的日期 ${lastOn}`, [{ path: 'on', message: `不能早于 ${lastOn}` }]);

  const data: Record<string, unknown> = { ...input };
  delete data.on;
  delete data.noticeText;
  if (action === 'issueFeeNotice' && data.deliveredOn === undefined && SAME_DAY_DELIVERY.has(row.delivery)) data.deliveredOn = on;

  const verdict = checkStep(row.receivedOn, events, { action, on, data }, actor.roles, calendar);
  if (!verdict.ok) throw new ServiceError(verdict.status, verdict.reason);
  if (action === 'approveExtension' && (await extensionFourEyes(tx, actor, agencyId, eventRows))) data.fourEyesWaived = true;
  const state = verdict.state;
  const change: Partial<AppRow> = { status: verdict.to as Status };
  let notice: Prepared['notice'] = null;
  const kind = noticeKindOfStep(action, { decision: data.decision });
  const values: Record<string, string> = {};

  switch (action) {
    case 'assign': {
      const [assignee] = await tx.select().from(users).where(and(eq(users.id, String(input.assigneeId)), eq(users.agencyId, agencyId), eq(users.active, true)));
      if (!assignee) throw badInput('承办人须为本机关在职的工作人员', [{ path: 'assigneeId', message: '承办人须为本机关在职的工作人员' }]);
      change.assigneeId = assignee.id;
      data.assigneeName = assignee.displayName;
      break;
    }
    case 'requestCorrection':
      data.dueOn = addWorkdays(calendar, on, Number(input.periodDays));
      Object.assign(values, { 补正事项: String(input.items), 补正期限: chineseDate(String(data.dueOn)) });
      break;
    case 'startConsultation': {
      const party = input.with === 'otherAgency' ? 'otherAgency' : 'thirdParty';
      Object.assign(values, { 征求对象: String(input.party), 答复期限: chineseDate(addWorkdays(calendar, on, 15)), ...consultationValues(party) });
      break;
    }
    case 'approveExtension': {
      const request = events.findLast((e) => e.kind === 'requestExtension');
      const requested = Number(request?.data.days ?? 0);
      const granted = input.days === undefined ? requested : Number(input.days);
      if (granted > requested) throw badInput(`批准的延期不能多于申请的 ${requested} 个工作日`, [{ path: 'days', message: `不能多于 ${requested} 个工作日` }]);
      data.days = granted;
      const extended = dueOf(state, calendar, { extensionDays: state.extensionDays + granted });
      Object.assign(values, {
        延长天数: String(granted),
        延期理由: String(request?.data.reason ?? ''),
        延长后期限: extended ? chineseDate(extended) : '征求意见等期间结束后相应顺延',
      });
      break;
    }
    case 'issueFeeNotice': {
      // 办法 第四条: the applicant's applications of the natural month, ranked by order of receipt
      const { rank, total } = await rankInMonth(tx, row);
      data.countInMonth = rank;
      data.totalInMonth = total;
      let fee: number;
      if (input.standard === 'pages') {
        if (!input.pages) throw badInput('按量计收请填写页数', [{ path: 'pages', message: '请填写页数' }]);
        const r = feeByPages(Number(input.pages));
        fee = r.fee;
        Object.assign(values, { 收费标准: '按量计收（《政府信息公开信息处理费管理办法》第五条）', 收费档次: `本申请共 ${input.pages} 页：${r.lines.slice(1, -1).join('；')}` });
      } else {
        fee = feeOfNthApplication(rank);
        data.band = feeBandOf(rank);
        Object.assign(values, { 收费标准: '按件计收（《政府信息公开信息处理费管理办法》第四条）', 收费档次: `本申请按收到顺序为本月第${rank}件，适用“${data.band}”` });
      }
      if (fee <= 0) throw conflict('按《政府信息公开信息处理费管理办法》的标准，本申请不收取信息处理费');
      change.feeYuan = fee;
      data.fee = fee;
      if (typeof data.deliveredOn === 'string') data.payBy = addWorkdays(calendar, data.deliveredOn, 20);
      Object.assign(values, {
        本月申请件数: String(total),
        收费金额: String(fee),
        缴费方式: '按本机关告知的缴款方式缴入国库（非税收入）',
        缴费期限: data.payBy ? `${chineseDate(String(data.payBy))}前（自收到本通知次日起20个工作日内）` : '自收到本通知次日起20个工作日内',
      });
      break;
    }
    case 'recordFeeDelivery':
      data.payBy = addWorkdays(calendar, String(input.deliveredOn), 20);
      break;
    case 'requestReasons':
      data.dueOn = addWorkdays(calendar, on, Number(input.periodDays));
      Object.assign(values, { 申请情况: String(input.items), 说明期限: chineseDate(String(data.dueOn)) });
      break;
    case 'deferReply':
      Object.assign(values, { 延迟理由: String(input.reason), 延迟答复期限: chineseDate(String(input.until)) });
      break;
    case 'reply': {
      const decision = decisionByKey(String(input.decision))!;
      if (!decisionRow(decision.key)) throw badInput('处理结果无效');
      change.outcome = decision.key;
      change.outcomeBasis = decision.basis;
      change.repliedOn = on;
      Object.assign(values, {
        答复意见: decision.paragraph
          .replaceAll('{内容}', '{{申请内容}}')
          .replaceAll('{理由}', String(input.reason ?? '').trim())
          .replaceAll('{补正通知日}', state.correction ? chineseDate(state.correction.on) : '')
          .replaceAll('{收费通知日}', state.fee ? chineseDate(state.fee.on) : '')
          .trim(),
        法律依据: decision.basis,
        救济途径: await remedies(tx, agencyId, decision.remedy),
        答复日期: chineseDate(on),
      });
      break;
    }
    case 'close':
      change.closedOn = on;
      break;
    default:
      break;
  }
  if (kind) {
    // the case is loaded already: its row and its corrections' texts (the request as corrected)
    const corrections = events.filter((e) => e.kind === 'receiveCorrection').map((e) => (typeof e.data.text === 'string' ? e.data.text : ''));
    const common = noticeValuesOf(row, corrections, (await getAgency(tx, agencyId)).name, on);
    const quoted = common.申请内容.length > 80 ? `${common.申请内容.slice(0, 78)}…` : common.申请内容;
    if (values.答复意见) values.答复意见 = values.答复意见.replaceAll('{{申请内容}}', quoted);
    notice = { kind, values: { ...common, ...values } };
  }
  return { row, state, on, data, change, notice };
}

/** The remedies paragraph with the 复议机关 from the agency tree (行政复议法 第二十四条) or the admin's setting. */
async function remedies(db: Db, agencyId: number, remedy: Parameters<typeof remediesParagraph>[0]): Promise<string> {
  const tree = await agencyTree(db);
  const chain = [];
  for (let a = tree.byId.get(agencyId); a; a = a.parentId === null ? undefined : tree.byId.get(a.parentId)) {
    chain.push({ name: a.name, kind: a.kind, reconsiderationBody: a.contact.reconsiderationBody, court: a.contact.court });
  }
  try {
    return remediesParagraph(remedy, { reconsideration: reconsiderationAuthority(chain), court: chain[0]?.court });
  } catch (e) {
    if (e instanceof RemedyUnknownError) throw conflict(e.message);
    throw e;
  }
}

/**
 * 办法 第四条: the rank of this application among the same applicant's in its natural month, by order of
 * receipt (day received, then the moment it was entered), and the month's total so far.
 */
async function rankInMonth(db: Db, row: AppRow): Promise<{ rank: number; total: number }> {
  const [y, m] = row.receivedOn.split('-').map(Number);
  const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const same = and(eq(applications.agencyId, row.agencyId), eq(applications.idNumber, row.idNumber), gte(applications.receivedOn, `${row.receivedOn.slice(0, 7)}-01`), lt(applications.receivedOn, nextMonth));
  const earlier = or(
    lt(applications.receivedOn, row.receivedOn),
    and(eq(applications.receivedOn, row.receivedOn), lt(applications.submittedAt, row.submittedAt)),
    and(eq(applications.receivedOn, row.receivedOn), eq(applications.submittedAt, row.submittedAt), lt(applications.id, row.id)),
  );
  const [{ rank, total }] = await db
    .select({ rank: sql<number>`(count(*) filter (where ${earlier}))::int + 1`, total: sql<number>`count(*)::int` })
    .from(applications)
    .where(same);
  return { rank: Number(rank), total: Number(total) };
}

/** The band of 办法 第四条 that the k-th application of the month falls in, in words. */
export function feeBandOf(k: number): string {
  if (k <= 10) return '第1—10件，不收费';
  if (k <= 30) return '第11—30件，100元/件';
  const band = Math.ceil((k - 30) / 10);
  return `第${31 + (band - 1) * 10}—${30 + band * 10}件，${feeOfNthApplication(k)}元/件（31件以上每10件为一档，每增加一档提高100元/件）`;
}

/**
 * Four eyes (src/core/rights.ts): who requested the extension does not approve it (read from the event rows'
 * actorId, which `toEvent` leaves out). True when the agency allows a single officer and it is the same person:
 * the step is then marked `fourEyesWaived` (in the event's data, and so in the audit entry).
 */
async function extensionFourEyes(tx: Db, actor: StaffActor, agencyId: number, eventRows: { kind: string; actorId: string | null }[]): Promise<boolean> {
  const request = eventRows.findLast((e) => e.kind === 'requestExtension');
  return fourEyesWaived(tx, actor, agencyId, request?.actorId, '同一人不能既申请又批准延期');
}

async function withCalendar<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CalendarMissingError) throw conflict(e.message);
    throw e;
  }
}

/** The notice a step would issue, drafted from the agency's template (null when the step issues none). */
export async function previewStep(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, action: Action, payload: unknown) {
  await assertAllowed(ctx.db, actor, 'application.act', agencyId);
  const input = parseInput(ACTION_SCHEMAS[action], payload ?? {}) as Record<string, unknown>;
  const calendar = await loadCalendar(ctx.db);
  return withCalendar(async () => {
    const p = await prepare(ctx.db, ctx, actor, agencyId, id, action, input, calendar, { lock: false });
    return p.notice ? draftNotice(ctx.db, agencyId, p.notice.kind, p.notice.values) : null;
  });
}

/** Take one step on a case. */
export async function act(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, action: Action, payload: unknown, expectedVersion?: number) {
  await assertAllowed(ctx.db, actor, 'application.act', agencyId);
  const input = parseInput(ACTION_SCHEMAS[action], payload ?? {}) as Record<string, unknown>;
  const now = ctx.clock.now(); // one instant for every row the step writes
  const calendar = await loadCalendar(ctx.db);
  const storedKeys: string[] = [];
  try {
    return await withCalendar(() =>
      ctx.db.transaction(async (tx) => {
        const p = await prepare(tx, ctx, actor, agencyId, id, action, input, calendar, { lock: true, expectedVersion });
        const { row, on, data, change } = p;
        const [event] = await tx
          .insert(applicationEvents)
          .values({ agencyId, applicationId: id, kind: action, on, data, actorId: actor.userId, createdAt: now })
          .returning({ id: applicationEvents.id });
        let issued: { number: string; text: string; id: string } | null = null;
        if (p.notice) {
          // the officer's edited text, or the draft from the agency's template; frozen once issued
          const text = typeof input.noticeText === 'string' && input.noticeText.trim() ? input.noticeText : (await draftNotice(tx, agencyId, p.notice.kind, p.notice.values)).text;
          const n = await issueNotice(tx, ctx.storage, { agencyId, applicationId: id, kind: p.notice.kind, text, on, actorId: actor.userId, now });
          storedKeys.push(n.storageKey);
          issued = { number: n.number, text: n.text, id: n.id };
          if (action === 'reply') change.replyText = n.text;
        }
        const [after] = await tx
          .update(applications)
          .set({ ...change, version: row.version + 1, updatedAt: now })
          .where(and(eq(applications.agencyId, agencyId), eq(applications.id, id)))
          .returning();
        await appendAudit(
          tx,
          actor,
          { agencyId, entity: 'application', entityId: id, action, before: row, after: { ...after, event: { id: event.id, on, data }, notice: issued ? { id: issued.id, number: issued.number } : undefined } },
          now,
        );
        return { id, status: after.status as Status, version: after.version, notice: issued ? { id: issued.id, number: issued.number } : null };
      }),
    );
  } catch (e) {
    await Promise.all(storedKeys.map((k) => ctx.storage.remove(k)));
    throw e;
  }
}
