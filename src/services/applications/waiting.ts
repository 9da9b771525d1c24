/**
 * What waits for the reviewer (审核人): extension requests not yet approved or rejected (延期待审核, 条例第三十三条
 * 第二款: 经政府信息公开工作机构负责人同意), and annual reports submitted for approval (待审批). The queue
 * filters its cases by the first (queue.ts `waiting: 'extension'`); the second is read from report_drafts
 * here (the report module owns the drafts; this only counts the submitted ones).
 */
import { and, asc, eq, gt, inArray, notExists } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/index';
import { applicationEvents, applications, reportDrafts, users } from '../../db/schema';
import { OPEN_STATUSES } from '../../core/applications/workflow';
import type { Ctx, StaffActor } from '../context';
import { assertAllowed } from '../agencies';

/** The open cases of the agency whose last extension step is a request (no approval or rejection after it). */
export async function casesAwaitingExtension(db: Db, agencyId: number): Promise<string[]> {
  const later = alias(applicationEvents, 'later');
  const rows = await db
    .selectDistinct({ id: applicationEvents.applicationId })
    .from(applicationEvents)
    .innerJoin(applications, and(eq(applications.agencyId, applicationEvents.agencyId), eq(applications.id, applicationEvents.applicationId)))
    .where(
      and(
        eq(applicationEvents.agencyId, agencyId),
        eq(applicationEvents.kind, 'requestExtension'),
        inArray(applications.status, OPEN_STATUSES),
        notExists(
          db
            .select({ id: later.id })
            .from(later)
            .where(
              and(
                eq(later.agencyId, applicationEvents.agencyId),
                eq(later.applicationId, applicationEvents.applicationId),
                gt(later.id, applicationEvents.id),
                inArray(later.kind, ['approveExtension', 'rejectExtension']),
              ),
            ),
        ),
      ),
    );
  return rows.map((r) => r.id);
}

export interface ReportAwaitingApproval {
  year: number;
  submittedAt: string | null;
  submittedBy: string | null;
}

/** The annual reports of the agency submitted and not yet approved or returned. */
export async function reportsAwaitingApproval(db: Db, agencyId: number): Promise<ReportAwaitingApproval[]> {
  const rows = await db
    .select({ year: reportDrafts.year, submittedAt: reportDrafts.submittedAt, submittedBy: users.displayName })
    .from(reportDrafts)
    .leftJoin(users, eq(users.id, reportDrafts.submittedBy))
    .where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.status, 'submitted')))
    .orderBy(asc(reportDrafts.year));
  return rows.map((r) => ({ year: r.year, submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null, submittedBy: r.submittedBy }));
}

/** What waits for review in the agency: how many extension requests, and which reports. */
export async function waitingForReview(ctx: Ctx, actor: StaffActor, agencyId: number): Promise<{ extensions: number; reports: ReportAwaitingApproval[] }> {
  await assertAllowed(ctx.db, actor, 'application.read', agencyId);
  await assertAllowed(ctx.db, actor, 'report.read', agencyId);
  const [extensions, reports] = await Promise.all([casesAwaitingExtension(ctx.db, agencyId), reportsAwaitingApproval(ctx.db, agencyId)]);
  return { extensions: extensions.length, reports };
}
