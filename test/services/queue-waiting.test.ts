/**
 * What waits for the reviewer: the queue filtered to the cases whose extension request is not yet approved
 * or rejected (延期待审核), and the annual reports submitted for approval (待审批), counted for the tab.
 */
import { describe, expect, it } from 'vitest';
import { reportDrafts } from '../../src/db/schema';
import { act, listApplications, submitOnline } from '../../src/services/applications';
import { waitingForReview } from '../../src/services/applications/waiting';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { intake, worldPerSuite, type World } from '../helpers/world';

describe.each(DB_KINDS)("the reviewer's queue: what waits for review (%s)", (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));

  /** four cases received on Mon 2026-03-02: a pending request, an approved one, a rejected one, none */
  const cases: Record<'pending' | 'approved' | 'rejected' | 'none' | 'replied', string> = { pending: '', approved: '', rejected: '', none: '', replied: '' };

  it('sets up: requests approved, rejected, left pending; one pending request on a case since answered', async () => {
    ctx.setToday('2026-03-02');
    for (const k of Object.keys(cases) as (keyof typeof cases)[]) cases[k] = (await submitOnline(ctx, intake(w.health.id, { applicantName: `申请人${k}` }))).id;
    ctx.setToday('2026-03-20');
    for (const k of ['pending', 'approved', 'rejected'] as const) await act(ctx, w.officer, w.health.id, cases[k], 'requestExtension', { days: 10, reason: '涉及多年度档案' });
    await act(ctx, w.reviewer, w.health.id, cases.approved, 'approveExtension', {});
    await act(ctx, w.reviewer, w.health.id, cases.rejected, 'rejectExtension', { note: '理由不足' });
    // a request then the reply: the case is no longer open, nothing waits on it
    await act(ctx, w.officer, w.health.id, cases.replied, 'requestExtension', { days: 5, reason: '需要调取档案' });
    await act(ctx, w.officer, w.health.id, cases.replied, 'reply', { decision: 'provided' });
  });

  it('the queue filtered by 延期待审核 lists only the case whose request awaits approval', async () => {
    const waiting = await listApplications(ctx, w.reviewer, w.health.id, { waiting: 'extension' });
    expect(waiting.map((c) => c.id)).toEqual([cases.pending]);
    // without the filter, every open case
    const open = await listApplications(ctx, w.reviewer, w.health.id);
    expect(open.map((c) => c.id).sort()).toEqual([cases.pending, cases.approved, cases.rejected, cases.none].sort());
    // the search still narrows it
    expect(await listApplications(ctx, w.reviewer, w.health.id, { waiting: 'extension', q: '申请人none' })).toEqual([]);
  });

  it('once approved it waits no more', async () => {
    await act(ctx, w.reviewer, w.health.id, cases.pending, 'approveExtension', { days: 8 });
    expect(await listApplications(ctx, w.reviewer, w.health.id, { waiting: 'extension' })).toEqual([]);
    expect(await waitingForReview(ctx, w.reviewer, w.health.id)).toEqual({ extensions: 0, reports: [] });
    // a new request on another case waits again
    await act(ctx, w.officer, w.health.id, cases.none, 'requestExtension', { days: 3, reason: '需要调取档案' });
    expect((await listApplications(ctx, w.reviewer, w.health.id, { waiting: 'extension' })).map((c) => c.id)).toEqual([cases.none]);
  });

  it('the reports submitted for approval, with who submitted them; drafts and approved ones are not counted', async () => {
    await ctx.db.insert(reportDrafts).values([
      { agencyId: w.health.id, year: 2025, status: 'submitted', submittedBy: w.officer.userId, submittedAt: new Date('2026-01-20T02:00:00Z') },
      { agencyId: w.health.id, year: 2024, status: 'approved', submittedBy: w.officer.userId, submittedAt: new Date('2025-01-20T02:00:00Z') },
      { agencyId: w.health.id, year: 2023, status: 'draft' },
      // another agency's submitted report is not this one's
      { agencyId: w.education.id, year: 2025, status: 'submitted', submittedBy: w.otherOfficer.userId, submittedAt: new Date('2026-01-21T02:00:00Z') },
    ]);
    expect(await waitingForReview(ctx, w.reviewer, w.health.id)).toEqual({
      extensions: 1,
      reports: [{ year: 2025, submittedAt: '2026-01-20T02:00:00.000Z', submittedBy: 'officer' }],
    });
  });

  it('another agency cannot look; the supervisor above can', async () => {
    await expect(waitingForReview(ctx, w.otherOfficer, w.health.id)).rejects.toMatchObject({ status: 403 });
    await expect(waitingForReview(ctx, w.supervisor, w.health.id)).resolves.toMatchObject({ extensions: 1 });
  });
});
