/**
 * The demo `npm start` loads: a year and more of realistic records whose annual report passes every check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../src/services/demo';
import { listApplications } from '../../src/services/applications';
import { publicReports, reportWorkspace } from '../../src/services/reports';
import { login } from '../../src/services/accounts';
import { DB_KINDS, type TestCtx, type TestDatabase } from '../helpers/db';
import { DEMO_PASSWORD, openDemo } from '../helpers/world';

describe.each(DB_KINDS)('demo agency (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: TestCtx;
  let accounts: DemoAccount[];
  beforeAll(async () => {
    ({ database, ctx, accounts } = await openDemo(kind));
  }, 120_000);
  afterAll(() => database?.drop());

  it('has an account of every role, each able to log in', async () => {
    expect(new Set(accounts.flatMap((a) => a.roles))).toEqual(new Set(['admin', 'supervisor', 'officer', 'reviewer']));
    for (const a of accounts) await expect(login(ctx.db, a.username, a.password)).resolves.toMatchObject({ user: { roles: a.roles } });
  });

  it('last year: a full year of records, a report with no error and no warning, published by 31 January', async () => {
    const { user } = await login(ctx.db, 'officer', DEMO_PASSWORD);
    const ws = await reportWorkspace(ctx, user, user.agencyId, 2025);
    expect(ws.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(ws.previous).toEqual({ year: 2024, source: 'imported', version: 1 });
    expect(ws.report.applications.received[6]).toBeGreaterThan(30);
    expect(ws.report.proactive.licensing).toEqual({ decisions: expect.any(Number) });
    expect(ws.status).toBe('published');
    // the portal shows what was published in Gongkai; 2024, brought in from its file, is for the cross-year check
    expect((await publicReports(ctx, user.agencyId)).map((r) => [r.year, r.source])).toEqual([[2025, 'published']]);
    // both years' text fully written: no prompt of the draft left
    const earlier = await reportWorkspace(ctx, user, user.agencyId, 2024);
    expect(earlier.versions).toEqual([expect.objectContaining({ version: 1, source: 'imported', counts: { error: 0, warning: 0, info: expect.any(Number) } })]);
  });

  it('this year: cases in every state, some overdue, the draft report clean but for the passages left to write', async () => {
    const { user } = await login(ctx.db, 'officer', DEMO_PASSWORD);
    const open = await listApplications(ctx, user, user.agencyId, { status: 'open' });
    expect(open.length).toBeGreaterThan(0);
    const ws = await reportWorkspace(ctx, user, user.agencyId, 2026);
    // the four prompts of the draft (一（四）（五）, 五（一）（二）) and nothing else; the year is not over: no submission
    expect(ws.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(Array(4).fill('narrative.placeholder'));
    expect(ws.allowed.submit).toBe(false);
  });
});
