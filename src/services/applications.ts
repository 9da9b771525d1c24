/**
 * 依申请公开 case handling: public intake with a tracking code, staff registration, the work queue, the case
 * page, and every step of the workflow (src/core/applications/workflow.ts), each in one transaction with its
 * event and its audit entry. Deadlines are derived from the events and the calendar whenever they are shown.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/index';
import { applicationEvents, applications, attachments, auditLog, users } from '../db/schema';
import { containsPattern } from '../db/search';
import { insertAll, type InsertPart } from '../db/multi-insert';
import { caseClock, type CaseClock, type CaseEvent } from '../core/applications/clock';
import { decisionByKey, decisionRow, DECISIONS } from '../core/applications/decisions';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, CHANNELS, fieldErrors, intakeSchema, type Channel } from '../core/applications/intake';
import {
  allowedActions,
  allowedDecisions,
  check,
  OPEN_STATUSES,
  STATUS_LABELS,
  TRANSITIONS,
  type Action,
  type CaseFacts,
  type ExtensionState,
  type Status,
} from '../core/applications/workflow';
import { addWorkdays, feePaymentDue, receiptDate, MAX_EXTENSION_WORKDAYS, type ReceiptInput } from '../core/clock/deadline';
import { CalendarMissingError, isIsoDate, type Calendar } from '../core/clock/calendar';
import { feeByPages, feeOfNthApplication } from '../core/fees';
import type { Actor, Ctx, StaffActor } from './context';
import { appendAudit, auditOf, auditRow } from './audit';
import { assertRead, assertWrite, getAgency } from './agencies';
import { loadCalendar } from './calendar';
import { ServiceError, badInput, conflict, notFound, parseInput } from './errors';
import { replyLetter } from './letters';
import { MIME, checkUpload, type Upload } from './uploads';
import { sha256 } from './storage';

type AppRow = typeof applications.$inferSelect;
type EventRow = typeof applicationEvents.$inferSelect;

// ---------------------------------------------------------------------------------------------------------
// Tracking codes: the agency, then 10 random characters (no 0/O/1/I), e.g. "3-7KQ2M9XDPA"

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newTrackingCode(agencyId: number): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${agencyId.toString(36).toUpperCase()}-${s}`;
}

/** The agency a tracking code belongs to (so a lookup goes to one agency's rows), or null if malformed. */
export function agencyOfCode(code: string): number | null {
  const m = /^([0-9A-Z]{1,6})-([2-9A-HJ-NP-Z]{10})$/.exec(code.trim().toUpperCase());
  if (!m) return null;
  const id = Number.parseInt(m[1], 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

// ---------------------------------------------------------------------------------------------------------
// Facts and views

function factsOf(row: AppRow, events: CaseEvent[]): CaseFacts {
  let extension: ExtensionState = 'none';
  for (const e of events) {
    if (e.kind === 'requestExtension') extension = 'requested';
    if (e.kind === 'approveExtension') extension = 'approved';
    if (e.kind === 'rejectExtension') extension = 'rejected';
  }
  return {
    status: row.status as Status,
    correctionRequested: events.some((e) => e.kind === 'requestCorrection'),
    extension,
    feeNoticed: events.some((e) => e.kind === 'issueFeeNotice'),
  };
}

const toEvent = (e: EventRow): CaseEvent => ({ kind: e.kind, on: e.on, data: e.data });

export const EVENT_LABELS: Record<string, string> = {
  submitted: '网上提交申请',
  registered: '登记申请',
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([k, t]) => [k, t.label])),
};

export interface CaseSummary {
  id: string;
  trackingCode: string;
  applicantName: string;
  applicantType: string;
  applicantTypeLabel: string;
  channel: string;
  receivedOn: string;
  description: string;
  status: Status;
  statusLabel: string;
  assigneeId: string | null;
  assigneeName: string | null;
  decision: string | null;
  decisionLabel: string | null;
  repliedOn: string | null;
  version: number;
  clock: CaseClock;
}

function summaryOf(r: AppRow & { assigneeName: string | null }, events: CaseEvent[], calendar: Calendar, today: string): CaseSummary {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    applicantName: r.applicantName,
    applicantType: r.applicantType,
    applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType as keyof typeof APPLICANT_TYPE_LABELS] ?? r.applicantType,
    channel: r.channel,
    receivedOn: r.receivedOn,
    description: r.description,
    status: r.status as Status,
    statusLabel: STATUS_LABELS[r.status as Status],
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    decision: r.outcome,
    decisionLabel: r.outcome ? (decisionByKey(r.outcome)?.label ?? r.outcome) : null,
    repliedOn: r.repliedOn,
    version: r.version,
    clock: caseClock({ receivedOn: r.receivedOn, status: r.status as Status, repliedOn: r.repliedOn }, events, calendar, today),
  };
}

async function summaries(db: Db, agencyId: number, rows: (AppRow & { assigneeName: string | null })[], today: string): Promise<CaseSummary[]> {
  if (rows.length === 0) return [];
  const [calendar, events] = await Promise.all([
    loadCalendar(db),
    db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.agencyId, agencyId), inArray(applicationEvents.applicationId, rows.map((r) => r.id))))
      .orderBy(asc(applicationEvents.id)),
  ]);
  const byApp = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = byApp.get(e.applicationId);
    if (list) list.push(toEvent(e));
    else byApp.set(e.applicationId, [toEvent(e)]);
  }
  return rows.map((r) => summaryOf(r, byApp.get(r.id) ?? [], calendar, today));
}

// ---------------------------------------------------------------------------------------------------------
// Intake

export const MAX_UPLOADS = 5;

async function storeUploads(ctx: Ctx, uploads: Upload[], allowed: 'applicant' | 'staff') {
  if (uploads.length > MAX_UPLOADS) throw badInput(`附件最多 ${MAX_UPLOADS} 个`, [{ path: 'files', message: `附件最多 ${MAX_UPLOADS} 个` }]);
  const checked = [];
  for (const [i, u] of uploads.entries()) checked.push({ ...u, ...(await checkUpload(u, allowed, `files.${i}`)) });
  const stored: { key: string; u: (typeof checked)[number] }[] = [];
  try {
    for (const u of checked) stored.push({ key: await ctx.storage.put(u.bytes, u.ext), u });
  } catch (e) {
    await Promise.all(stored.map((s) => ctx.storage.remove(s.key)));
    throw e;
  }
  return stored;
}

/** The row of a file stored for a case. */
function attachmentRow(
  agencyId: number,
  applicationId: string,
  file: { kind: string; filename: string; mime: string; bytes: Uint8Array },
  storageKey: string,
  uploadedBy: string | null,
  createdAt: Date,
) {
  return {
    agencyId,
    id: randomUUID(),
    applicationId,
    kind: file.kind,
    filename: file.filename,
    mime: file.mime,
    size: file.bytes.length,
    sha256: sha256(file.bytes),
    storageKey,
    uploadedBy,
    createdAt,
  };
}

function appValues(input: z.infer<typeof intakeSchema>) {
  return {
    applicantType: input.applicantType,
    applicantName: input.applicantName,
    idType: input.idType,
    idNumber: input.idNumber,
    legalRepresentative: input.legalRepresentative ?? null,
    contactPerson: input.contactPerson ?? null,
    phone: input.phone,
    email: input.email ?? null,
    address: input.address ?? null,
    postcode: input.postcode ?? null,
    description: input.description,
    documentNumber: input.documentNumber ?? null,
    purpose: input.purpose ?? null,
    form: input.form,
    delivery: input.delivery,
  };
}

function parseIntake(input: unknown) {
  return parseInput(intakeSchema, input, '申请内容有误：');
}

interface Created {
  id: string;
  agencyId: number;
  trackingCode: string;
  receivedOn: string;
  agencyName: string;
}

async function insertApplication(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof intakeSchema>,
  receipt: { channel: Channel; receivedOn: string; reason: string },
  uploads: Upload[],
  allowed: 'applicant' | 'staff',
): Promise<Created> {
  const agency = await getAgency(ctx.db, input.agencyId);
  const stored = await storeUploads(ctx, uploads, allowed);
  const id = randomUUID();
  const trackingCode = newTrackingCode(agency.id);
  const now = ctx.clock.now();
  const staff = actor.kind === 'staff';
  const values = {
    agencyId: agency.id,
    id,
    trackingCode,
    channel: receipt.channel,
    submittedAt: now,
    receivedOn: receipt.receivedOn,
    receiptReason: receipt.reason,
    ...appValues(input),
    status: 'pending',
    createdBy: staff ? actor.userId : null,
    createdAt: now,
    updatedAt: now,
  };
  // The application, its first event, its attachments and its audit entry are written by ONE statement
  // (data-modifying CTEs, src/db/multi-insert.ts): atomic without BEGIN/COMMIT, one round trip instead of
  // five, which is what public intake's throughput depends on (bench/intake.ts).
  const parts: InsertPart[] = [
    { table: applications, rows: [values] },
    {
      table: applicationEvents,
      rows: [
        {
          agencyId: agency.id,
          applicationId: id,
          kind: staff ? 'registered' : 'submitted',
          on: receipt.receivedOn,
          data: { channel: receipt.channel, reason: receipt.reason },
          actorId: staff ? actor.userId : null,
          createdAt: now,
        },
      ],
    },
  ];
  if (stored.length > 0) {
    parts.push({
      table: attachments,
      rows: stored.map((s) => attachmentRow(agency.id, id, s.u, s.key, staff ? actor.userId : null, now)),
    });
  }
  parts.push({ table: auditLog, rows: [auditRow(actor, { agencyId: agency.id, entity: 'application', entityId: id, action: staff ? 'register' : 'submit', after: values }, now)] });
  try {
    await insertAll(ctx.db, parts);
  } catch (e) {
    await Promise.all(stored.map((s) => ctx.storage.remove(s.key)));
    throw e;
  }
  return { id, agencyId: agency.id, trackingCode, receivedOn: receipt.receivedOn, agencyName: agency.name };
}

/**
 * An application submitted on the public form. Online, the day both sides confirm is the day received
 * (条例 Art. 31(三)): the system confirms at once by giving the tracking code, so it is the day of submission.
 */
export async function submitOnline(ctx: Ctx, input: unknown, uploads: Upload[] = [], actor: Actor = { kind: 'public' }): Promise<Created> {
  const data = parseIntake(input);
  const today = ctx.clock.today();
  return insertApplication(
    ctx,
    actor,
    data,
    { channel: 'online', receivedOn: today, reason: '通过互联网提交，系统当即确认并发给查询码，以确认之日为收到申请之日（条例第三十一条第（三）项）' },
    uploads,
    'applicant',
  );
}

const registrationSchema = z.object({
  channel: z.enum(CHANNELS, { error: '请选择申请方式' }),
  /** 当面: submitted; 邮寄: signed for; 平常信函/传真/互联网: confirmed with the applicant */
  date: z.string({ error: '请填写收到日期' }).refine(isIsoDate, '日期格式应为 YYYY-MM-DD'),
});

/** An application received in person, by post or by fax, registered by staff. */
export async function registerApplication(ctx: Ctx, actor: StaffActor, input: unknown, uploads: Upload[] = []): Promise<Created> {
  const data = parseIntake(input);
  const reg = registrationSchema.safeParse(input);
  if (!reg.success) throw badInput('登记信息有误', fieldErrors(reg.error));
  assertWrite(actor, data.agencyId, ['officer', 'admin']);
  if (reg.data.date > ctx.clock.today()) throw badInput('收到日期不能晚于今天', [{ path: 'date', message: '收到日期不能晚于今天' }]);
  const r: ReceiptInput =
    reg.data.channel === 'inPerson'
      ? { channel: 'inPerson', submittedOn: reg.data.date }
      : reg.data.channel === 'post'
        ? { channel: 'post', signedOn: reg.data.date }
        : { channel: reg.data.channel, confirmedOn: reg.data.date };
  const receipt = receiptDate(r);
  return insertApplication(ctx, actor, data, { channel: reg.data.channel, receivedOn: receipt.receivedOn, reason: receipt.reason }, uploads, 'staff');
}

// ---------------------------------------------------------------------------------------------------------
// The work queue

export const queueFilterSchema = z.object({
  status: z.enum(['pending', 'processing', 'awaitingCorrection', 'consulting', 'awaitingFee', 'replied', 'closed', 'open', 'all']).default('open'),
  q: z.string().trim().max(100).optional(),
  mine: z.coerce.boolean().optional(),
  overdue: z.coerce.boolean().optional(),
  dueSoon: z.coerce.boolean().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type QueueFilter = z.input<typeof queueFilterSchema>;

export async function listApplications(ctx: Ctx, actor: StaffActor, agencyId: number, filter: QueueFilter = {}): Promise<CaseSummary[]> {
  await assertRead(ctx.db, actor, agencyId);
  const f = queueFilterSchema.parse(filter);
  const where: SQL[] = [eq(applications.agencyId, agencyId)];
  if (f.status === 'open') where.push(inArray(applications.status, OPEN_STATUSES));
  else if (f.status !== 'all') where.push(eq(applications.status, f.status));
  if (f.mine) where.push(eq(applications.assigneeId, actor.userId));
  if (f.year) where.push(gte(applications.receivedOn, `${f.year}-01-01`), lte(applications.receivedOn, `${f.year}-12-31`));
  if (f.q) {
    const like = containsPattern(f.q);
    where.push(or(ilike(applications.trackingCode, like), ilike(applications.applicantName, like), ilike(applications.description, like))!);
  }
  // Open cases are ordered and filtered by their deadline, which is worked out here, not stored: all of them
  // are read (an agency's open cases are few) and the limit applied after. Others: the newest, limited in SQL.
  const byDeadline = f.overdue || f.dueSoon || f.status === 'open' || (OPEN_STATUSES as string[]).includes(f.status);
  const query = ctx.db
    .select({ app: applications, assigneeName: users.displayName })
    .from(applications)
    .leftJoin(users, eq(users.id, applications.assigneeId))
    .where(and(...where))
    .orderBy(desc(applications.receivedOn));
  const rows = byDeadline ? await query : await query.limit(f.limit);
  let list = await summaries(ctx.db, agencyId, rows.map((r) => ({ ...r.app, assigneeName: r.assigneeName })), ctx.clock.today());
  if (f.overdue) list = list.filter((c) => c.clock.overdue);
  if (f.dueSoon) list = list.filter((c) => c.clock.dueSoon);
  // by the limit the agency must act by: overdue first, then soonest; cases without a limit last
  list.sort((a, b) => (a.clock.due ?? '9999').localeCompare(b.clock.due ?? '9999') || a.receivedOn.localeCompare(b.receivedOn));
  return list.slice(0, f.limit);
}

// ---------------------------------------------------------------------------------------------------------
// The case page

export async function getApplication(ctx: Ctx, actor: StaffActor, agencyId: number, id: string) {
  await assertRead(ctx.db, actor, agencyId);
  const [row] = await ctx.db
    .select({ app: applications, assigneeName: users.displayName })
    .from(applications)
    .leftJoin(users, eq(users.id, applications.assigneeId))
    .where(and(eq(applications.agencyId, agencyId), eq(applications.id, id)));
  if (!row) throw notFound('未找到该申请');
  const [calendar, events, files, audit] = await Promise.all([
    loadCalendar(ctx.db),
    ctx.db
      .select({ event: applicationEvents, actorName: users.displayName })
      .from(applicationEvents)
      .leftJoin(users, eq(users.id, applicationEvents.actorId))
      .where(and(eq(applicationEvents.agencyId, agencyId), eq(applicationEvents.applicationId, id)))
      .orderBy(asc(applicationEvents.id)),
    ctx.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.agencyId, agencyId), eq(attachments.applicationId, id)))
      .orderBy(asc(attachments.createdAt)),
    auditOf(ctx.db, agencyId, 'application', id),
  ]);
  const caseEvents = events.map((e) => toEvent(e.event));
  const summary = summaryOf({ ...row.app, assigneeName: row.assigneeName }, caseEvents, calendar, ctx.clock.today());
  const facts = factsOf(row.app, caseEvents);
  const writable = actor.agencyId === agencyId;
  return {
    ...summary,
    application: { ...row.app, channelLabel: CHANNEL_LABELS[row.app.channel as Channel] },
    extension: facts.extension,
    timeline: events.map((e) => ({
      id: e.event.id,
      kind: e.event.kind,
      label: EVENT_LABELS[e.event.kind] ?? e.event.kind,
      on: e.event.on,
      data: e.event.data,
      actor: e.actorName ?? '申请人',
      at: e.event.createdAt,
    })),
    attachments: files.map((f) => ({ id: f.id, kind: f.kind, filename: f.filename, mime: f.mime, size: f.size, createdAt: f.createdAt })),
    audit: audit.map((a) => ({ id: a.id, action: a.action, actor: a.actorName, at: a.at, before: a.before, after: a.after })),
    allowedActions: writable ? allowedActions(facts, actor.roles) : [],
    allowedDecisions: writable ? allowedDecisions(facts.status) : [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Steps

const date = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
const note = z.string().trim().max(2000, '说明不能超过 2000 字').optional();

export const ACTION_SCHEMAS = {
  assign: z.object({ assigneeId: z.uuid('请选择承办人') }),
  requestCorrection: z.object({
    on: date.optional(),
    items: z.string({ error: '请写明需要补正的事项' }).trim().min(2, '请写明需要补正的事项').max(2000),
    periodDays: z.coerce.number().int().min(1, '补正期限至少 1 个工作日').max(60, '补正期限不宜超过 60 个工作日').default(15),
  }),
  receiveCorrection: z.object({ on: date.optional(), note }),
  startConsultation: z.object({
    on: date.optional(),
    with: z.enum(['thirdParty', 'otherAgency'], { error: '请选择征求意见的对象' }),
    party: z.string({ error: '请填写征求意见的对象' }).trim().min(1, '请填写征求意见的对象').max(200),
    note,
  }),
  endConsultation: z.object({ on: date.optional(), result: z.enum(['agree', 'disagree', 'noReply'], { error: '请选择意见结果' }), note }),
  requestExtension: z.object({
    days: z.coerce.number().int().min(1, '延长期限至少 1 个工作日').max(MAX_EXTENSION_WORKDAYS, `延长的期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日`),
    reason: z.string({ error: '请说明延期理由' }).trim().min(2, '请说明延期理由').max(1000),
  }),
  /** the reviewer may grant fewer days than requested */
  approveExtension: z.object({ days: z.coerce.number().int().min(1).max(MAX_EXTENSION_WORKDAYS, `延长的期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日`).optional(), note }),
  rejectExtension: z.object({ note }),
  issueFeeNotice: z.object({ on: date.optional(), standard: z.enum(['count', 'pages'], { error: '请选择按件或按量计收' }), pages: z.coerce.number().int().min(1).max(1_000_000).optional() }),
  recordPayment: z.object({ on: date.optional(), note }),
  reply: z.object({
    on: date.optional(),
    decision: z.enum(DECISIONS.map((d) => d.key) as [string, ...string[]], { error: '请选择处理结果' }),
    reason: z.string().trim().max(4000, '说明不能超过 4000 字').optional(),
  }),
  close: z.object({ on: date.optional() }),
} satisfies Record<Action, z.ZodType>;

/** Take one step on a case. */
export async function act(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, action: Action, payload: unknown, expectedVersion?: number) {
  assertWrite(actor, agencyId, ['officer', 'reviewer', 'admin']);
  const input = parseInput(ACTION_SCHEMAS[action], payload ?? {}) as Record<string, unknown>;
  const today = ctx.clock.today();
  const now = ctx.clock.now(); // one instant for every row the step writes
  const calendar = await loadCalendar(ctx.db);
  const storedKeys: string[] = [];
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(applications)
        .where(and(eq(applications.agencyId, agencyId), eq(applications.id, id)))
        .for('update');
      if (!row) throw notFound('未找到该申请');
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw conflict('该申请已被他人更新，请刷新页面后重试');
      const eventRows = await tx
        .select()
        .from(applicationEvents)
        .where(and(eq(applicationEvents.agencyId, agencyId), eq(applicationEvents.applicationId, id)))
        .orderBy(asc(applicationEvents.id));
      const events = eventRows.map(toEvent);
      const facts = factsOf(row, events);
      const verdict = check(action, facts, actor.roles, input.decision as string | undefined);
      if (!verdict.ok) throw new ServiceError(verdict.status, verdict.reason);

      const on = (input.on as string | undefined) ?? today;
      const lastOn = eventRows.at(-1)?.on ?? row.receivedOn;
      if (on > today) throw badInput('日期不能晚于今天', [{ path: 'on', message: '日期不能晚于今天' }]);
      if (on < lastOn) throw badInput(`日期不能早于上一步骤的日期 ${lastOn}`, [{ path: 'on', message: `不能早于 ${lastOn}` }]);

      const change: Partial<AppRow> = { status: verdict.to };
      const data: Record<string, unknown> = { ...input };
      delete data.on;
      let letter: { text: string; docx: Buffer } | null = null;

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
          break;
        case 'approveExtension': {
          const requested = Number(events.findLast((e) => e.kind === 'requestExtension')?.data.days ?? 0);
          const granted = input.days === undefined ? requested : Number(input.days);
          if (granted > requested) throw badInput(`批准的延期不能多于申请的 ${requested} 个工作日`, [{ path: 'days', message: `不能多于 ${requested} 个工作日` }]);
          data.days = granted;
          break;
        }
        case 'issueFeeNotice': {
          let fee: number;
          if (input.standard === 'pages') {
            if (!input.pages) throw badInput('按量计收请填写页数', [{ path: 'pages', message: '请填写页数' }]);
            fee = feeByPages(Number(input.pages)).fee;
          } else {
            // the k-th application of this applicant in the natural month it was received in
            const month = row.receivedOn.slice(0, 7);
            const [{ k }] = await tx
              .select({ k: sql<number>`count(*)::int` })
              .from(applications)
              .where(
                and(
                  eq(applications.agencyId, agencyId),
                  eq(applications.idNumber, row.idNumber),
                  gte(applications.receivedOn, `${month}-01`),
                  lte(applications.receivedOn, row.receivedOn),
                ),
              );
            fee = feeOfNthApplication(k);
            data.countInMonth = k;
          }
          if (fee <= 0) throw conflict('按《政府信息公开信息处理费管理办法》的标准，本申请不收取信息处理费');
          change.feeYuan = fee;
          data.fee = fee;
          data.payBy = feePaymentDue(calendar, on);
          break;
        }
        case 'reply': {
          const decision = decisionByKey(String(input.decision))!;
          change.outcome = decision.key;
          change.outcomeBasis = decision.basis;
          change.repliedOn = on;
          if (!decisionRow(decision.key)) throw badInput('处理结果无效');
          letter = await replyLetter(tx, {
            agencyId,
            trackingCode: row.trackingCode,
            applicantName: row.applicantName,
            receivedOn: row.receivedOn,
            description: row.description,
            decision: decision.key,
            reason: input.reason as string | undefined,
            repliedOn: on,
            correctionNoticeOn: events.findLast((e) => e.kind === 'requestCorrection')?.on,
            feeNoticeOn: events.findLast((e) => e.kind === 'issueFeeNotice')?.on,
          });
          change.replyText = letter.text;
          break;
        }
        case 'close':
          change.closedOn = on;
          break;
        default:
          break;
      }

      const [event] = await tx
        .insert(applicationEvents)
        .values({ agencyId, applicationId: id, kind: action, on, data, actorId: actor.userId, createdAt: now })
        .returning({ id: applicationEvents.id });
      if (letter) {
        const key = await ctx.storage.put(letter.docx, 'docx');
        storedKeys.push(key);
        const file = { kind: 'replyLetter', filename: `政府信息公开申请答复书-${row.trackingCode}.docx`, mime: MIME.docx, bytes: letter.docx };
        await tx.insert(attachments).values(attachmentRow(agencyId, id, file, key, actor.userId, now));
      }
      const [after] = await tx
        .update(applications)
        .set({ ...change, version: row.version + 1, updatedAt: now })
        .where(and(eq(applications.agencyId, agencyId), eq(applications.id, id)))
        .returning();
      await appendAudit(tx, actor, { agencyId, entity: 'application', entityId: id, action, before: row, after: { ...after, event: { id: event.id, on, data } } }, now);
      return { id, status: after.status as Status, version: after.version };
    });
  } catch (e) {
    await Promise.all(storedKeys.map((k) => ctx.storage.remove(k)));
    if (e instanceof CalendarMissingError) throw conflict(e.message);
    throw e;
  }
}

/** Attach a file to a case (the information provided, a scanned letter, …). */
export async function addAttachment(ctx: Ctx, actor: StaffActor, agencyId: number, id: string, upload: Upload) {
  assertWrite(actor, agencyId, ['officer', 'admin']);
  const [row] = await ctx.db.select({ id: applications.id }).from(applications).where(and(eq(applications.agencyId, agencyId), eq(applications.id, id)));
  if (!row) throw notFound('未找到该申请');
  const [stored] = await storeUploads(ctx, [upload], 'staff');
  try {
    const values = attachmentRow(agencyId, id, stored.u, stored.key, actor.userId, ctx.clock.now());
    await ctx.db.transaction(async (tx) => {
      await tx.insert(attachments).values(values);
      await appendAudit(tx, actor, { agencyId, entity: 'application', entityId: id, action: 'attach', after: { attachmentId: values.id, filename: stored.u.filename, kind: stored.u.kind } }, values.createdAt);
    });
    return { id: values.id };
  } catch (e) {
    await ctx.storage.remove(stored.key);
    throw e;
  }
}

/** One attachment of a case; `kind` restricts it to attachments of that kind (the public sees reply letters only). */
export async function attachmentFile(ctx: Ctx, agencyId: number, applicationId: string, attachmentId: string, kind?: string) {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.agencyId, agencyId),
        eq(attachments.applicationId, applicationId),
        eq(attachments.id, attachmentId),
        kind === undefined ? undefined : eq(attachments.kind, kind),
      ),
    );
  if (!row) throw notFound('未找到该附件');
  return { filename: row.filename, mime: row.mime, bytes: await ctx.storage.get(row.storageKey) };
}

export async function staffAttachment(ctx: Ctx, actor: StaffActor, agencyId: number, applicationId: string, attachmentId: string) {
  await assertRead(ctx.db, actor, agencyId);
  return attachmentFile(ctx, agencyId, applicationId, attachmentId);
}

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
      return { on: e.on, label: '发出收费通知', detail: `信息处理费 ${d.fee} 元，请于 ${d.payBy} 前缴纳；逾期未缴纳的，视为放弃申请` };
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
  const [calendar, events, letters] = await Promise.all([
    loadCalendar(ctx.db),
    ctx.db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.agencyId, row.agencyId), eq(applicationEvents.applicationId, row.id)))
      .orderBy(asc(applicationEvents.id)),
    ctx.db
      .select({ id: attachments.id, filename: attachments.filename })
      .from(attachments)
      .where(and(eq(attachments.agencyId, row.agencyId), eq(attachments.applicationId, row.id), eq(attachments.kind, 'replyLetter'))),
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
    letters,
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

export async function publicLetter(ctx: Ctx, code: string, attachmentId: string) {
  const row = await byCode(ctx, code);
  return attachmentFile(ctx, row.agencyId, row.id, attachmentId, 'replyLetter');
}

