/**
 * The work queue and the case page.
 */
import { and, asc, desc, eq, gte, ilike, inArray, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { applicationEvents, applications, attachments, users } from '../../db/schema';
import { containsPattern } from '../../db/search';
import { CHANNEL_LABELS, type Channel } from '../../core/applications/intake';
import { allowedActions, allowedDecisions, OPEN_STATUSES, type Action, type CaseFacts, type Status } from '../../core/applications/workflow';
import type { Ctx, StaffActor } from '../context';
import { auditOf } from '../audit';
import { assertAllowed, getAgency } from '../agencies';
import { loadCalendar } from '../calendar';
import { notFound } from '../errors';
import { toEvent, EVENT_LABELS, summaryOf, summaries, type CaseSummary } from './common';
import { allowedSteps, caseState, factsOfState } from '../../core/applications/procedure';
import { CalendarMissingError } from '../../core/clock/calendar';
import { casesAwaitingExtension } from './waiting';

// ---------------------------------------------------------------------------------------------------------
// The work queue

export const queueFilterSchema = z.object({
  status: z.enum(['pending', 'processing', 'awaitingCorrection', 'consulting', 'awaitingFee', 'replied', 'closed', 'open', 'all']).default('open'),
  q: z.string().trim().max(100).optional(),
  mine: z.coerce.boolean().optional(),
  overdue: z.coerce.boolean().optional(),
  dueSoon: z.coerce.boolean().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** what waits for the reviewer: extension requests not yet approved or rejected (延期待审核) */
  waiting: z.enum(['extension'], { error: '筛选条件无效' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type QueueFilter = z.input<typeof queueFilterSchema>;

export async function listApplications(ctx: Ctx, actor: StaffActor, agencyId: number, filter: QueueFilter = {}): Promise<CaseSummary[]> {
  await assertAllowed(ctx.db, actor, 'application.read', agencyId);
  const f = queueFilterSchema.parse(filter);
  const where: SQL[] = [eq(applications.agencyId, agencyId)];
  if (f.status === 'open') where.push(inArray(applications.status, OPEN_STATUSES));
  else if (f.status !== 'all') where.push(eq(applications.status, f.status));
  if (f.mine) where.push(eq(applications.assigneeId, actor.userId));
  if (f.waiting === 'extension') {
    const ids = await casesAwaitingExtension(ctx.db, agencyId);
    if (ids.length === 0) return [];
    where.push(inArray(applications.id, ids));
  }
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
  await assertAllowed(ctx.db, actor, 'application.read', agencyId);
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
  // the state as the law has it today (a lapsed consultation no longer holds the case), as the steps check it
  const today = ctx.clock.today();
  let facts: CaseFacts;
  let steps: Action[];
  try {
    facts = factsOfState(caseState(row.app.receivedOn, caseEvents, calendar, today));
    steps = allowedSteps(row.app.receivedOn, caseEvents, actor.roles, calendar, today);
  } catch (e) {
    if (!(e instanceof CalendarMissingError)) throw e;
    // the dates cannot be judged without the calendar: the steps the state machine allows, each will say so
    const has = (kind: string) => caseEvents.some((x) => x.kind === kind);
    const extension = caseEvents.findLast((x) => x.kind.endsWith('Extension'))?.kind;
    facts = {
      status: row.app.status as Status,
      correctionRequested: has('requestCorrection'),
      feeNoticed: has('issueFeeNotice'),
      extension: extension === 'requestExtension' ? 'requested' : extension === 'approveExtension' ? 'approved' : extension === 'rejectExtension' ? 'rejected' : 'none',
    };
    steps = allowedActions(facts, actor.roles);
  }
  const writable = actor.agencyId === agencyId;
  // four eyes: whoever requested the extension is not offered its approval (unless a one-person office)
  const requestedBy = events.findLast((e) => e.event.kind === 'requestExtension')?.event.actorId;
  const mayApproveExtension = requestedBy !== actor.userId || (await getAgency(ctx.db, agencyId)).contact.allowSingleOfficer === true;
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
    allowedActions: writable ? steps.filter((a) => a !== 'approveExtension' || mayApproveExtension) : [],
    allowedDecisions: writable ? allowedDecisions(facts.status) : [],
  };
}

