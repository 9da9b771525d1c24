/**
 * The answers arrive complete: on the demo agency, every JSON GET of the back office over a real socket (signed
 * in with the role the page uses) equals what its service returns for the same input, as JSON. The serializer
 * drops any key a response schema does not declare, so a schema that lacks a key the service gives fails here,
 * naming the route (src/http/schemas/route.ts `Declares` checks the same at compile time, this at run time).
 *
 * Where a route reshapes the service's result (the calendar, the letter template), the reshaping is written out
 * here. Where the demo leaves an answer empty, data is made through the services first: 事项 and procurement
 * records, a custom 公开指南, a calendar year entered, and for the supervising office an uploaded report of
 * 教育局 with a planted mistake, read, and one of its findings confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema';
import type { Role } from '../../src/core/applications/workflow';
import { NOTICE_KINDS } from '../../src/core/applications/notices';
import type { StaffActor } from '../../src/services/context';
import { listUsers, colleagues } from '../../src/services/accounts';
import { assertRead, getAgency } from '../../src/services/agencies';
import { calendarStatus, setCalendarYear } from '../../src/services/calendar';
import { staffReplyTemplate } from '../../src/services/letters';
import { staffNoticeTemplates } from '../../src/services/notices';
import { cellDrilldown, reportWorkspace, reportYears, supervisionOverview } from '../../src/services/reports';
import { createRecord, guide, listDisclosures, listRecords, registryStats, saveGuide, type RecordTable } from '../../src/services/registry';
import { getApplication, listApplications } from '../../src/services/applications';
import { waitingForReview } from '../../src/services/applications/waiting';
import { listReviewCases } from '../../src/services/review-cases';
import { uploadSupervisedFiles } from '../../src/services/supervision/collect';
import { collectionStatus } from '../../src/services/supervision/collection';
import { auditFindings, decideFinding } from '../../src/services/supervision/audit';
import { comparison } from '../../src/services/supervision/compare';
import { supervisionRunner } from '../../src/services/supervision/runner';
import { seedDemo } from '../../src/services/demo';
import { generateCity } from '../../src/demo/city';
import { renderReport } from '../../src/demo/write';
import { DB_KINDS } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { DEMO_PASSWORD, DEMO_TODAY } from '../helpers/world';

/** What a service's result is on the wire: JSON (dates as ISO strings, undefined keys gone). */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const RECORD_KINDS: RecordTable[] = ['decisions', 'fees', 'matters', 'procurements'];

/** The city's 2025 reports with a mistake planted in each; 教育局's is uploaded to the supervising office. */
const city = generateCity({ agencies: 2, years: [2025], seed: 5, plantRate: 1 });

describe.each(DB_KINDS)('every back-office JSON answer equals its service\'s result (%s)', (kind) => {
  let server: TestServer;
  const actors = new Map<string, StaffActor>();
  const clients = new Map<string, Client>();
  let health: number;
  let education: number;
  let government: number;

  const actor = (username: string) => actors.get(username)!;
  const ctx = () => server.ctx;

  /**
   * GET `path` as `username` and compare with `expected` (the service's result) as JSON: exactly equal, so a
   * key the response schema drops fails, the route named.
   */
  async function answers(username: string, path: string, expected: unknown): Promise<unknown> {
    const r = await clients.get(username)!.get(path);
    expect(r.status, `GET ${path}: ${JSON.stringify(r.body).slice(0, 400)}`).toBe(200);
    expect(r.body, `GET ${path} as ${username}`).toEqual(json(expected));
    return r.body;
  }

  beforeAll(async () => {
    server = await startServer(kind, { rateLimit: { intakePerHour: 1000, trackPerMinute: 1000, loginPerMinute: 100 } }, DEMO_TODAY);
    try {
      const accounts = await seedDemo(server.ctx, { password: DEMO_PASSWORD });
      for (const a of accounts) {
        const [u] = await server.ctx.db.select().from(users).where(eq(users.username, a.username));
        actors.set(a.username, { kind: 'staff', userId: u.id, name: u.displayName, agencyId: u.agencyId, roles: u.roles as Role[] });
        const c = new Client(server.url, { origin: server.url });
        const login = await c.post('/api/auth/login', { username: a.username, password: DEMO_PASSWORD });
        expect(login.status, a.username).toBe(200);
        clients.set(a.username, c);
      }
      health = actor('officer').agencyId;
      education = actor('edu-officer').agencyId;
      government = actor('supervisor').agencyId;

      // what the demo leaves empty, made through the services
      const c = server.ctx;
      await createRecord(c, actor('officer'), health, 'matters', { kind: 'licensing', name: '医疗机构执业登记', establishedOn: '2025-03-01' });
      await createRecord(c, actor('officer'), health, 'procurements', { name: '急救车辆采购', contractedOn: '2025-06-18', amountYuan: 1_280_000.5 });
      await saveGuide(c, actor('edu-officer'), education, '示范市教育局政府信息公开指南\n一、主动公开\n本机关主动公开的政府信息见公开目录。\n二、依申请公开\n请通过本平台在线提交申请。');
      await setCalendarYear(c.db, actor('admin'), 2030, '国办发明电〔2029〕1号', [
        { date: '2030-01-01', kind: 'holiday', name: '元旦' },
        { date: '2030-10-01', kind: 'holiday', name: '国庆节' },
      ]);
      // 教育局's 2025 report uploaded to the supervising office and read; its first error confirmed
      const report = city.reports.find((r) => r.agency === '示范市教育局' && r.year === 2025)!;
      expect(report.plant, 'a mistake is planted').not.toBeNull();
      await uploadSupervisedFiles(c, actor('supervisor'), [{ filename: '教育局2025年报告.txt', bytes: await renderReport(report, 'txt') }]);
      await supervisionRunner(c).idle();
      const found = await auditFindings(c, actor('supervisor'), { subjectAgencyId: education, year: 2025 });
      const first = found.rows.find((r) => r.source === 'upload' && r.severity === 'error') ?? found.rows.find((r) => r.source === 'upload');
      expect(first, JSON.stringify(found).slice(0, 400)).toBeDefined();
      await decideFinding(c, actor('supervisor'), { subjectAgencyId: education, year: 2025, fingerprint: first!.fingerprint, decision: 'confirmed' });
    } catch (e) {
      await server.close();
      throw e;
    }
  }, 300_000);
  afterAll(() => server?.close());

  // ---------------------------------------------------------------------------------------------------------
  // The annual report

  it('GET …/reports: the years with their versions', async () => {
    const body = (await answers('officer', `/api/agencies/${health}/reports`, await reportYears(ctx(), actor('officer'), health))) as { year: number; versions: unknown[] }[];
    expect(body.find((y) => y.year === 2025)?.versions).toHaveLength(1);
  });

  it('GET …/reports/:year: the workspace (findings, sections, registry figures) of a published, an imported and a current year', async () => {
    for (const year of [2025, 2024, 2026]) {
      const ws = await reportWorkspace(ctx(), actor('officer'), health, year);
      await answers('officer', `/api/agencies/${health}/reports/${year}`, ws);
    }
    // as the reviewer sees it (other steps allowed)
    await answers('reviewer', `/api/agencies/${health}/reports/2025`, await reportWorkspace(ctx(), actor('reviewer'), health, 2025));
    const ws = await reportWorkspace(ctx(), actor('officer'), health, 2026);
    expect(ws.findings.length).toBeGreaterThan(0);
    expect(ws.registry.published).toBeGreaterThan(0);
    const published = await reportWorkspace(ctx(), actor('officer'), health, 2025);
    expect(published.history.length).toBeGreaterThan(0);
    expect(published.previous).not.toBeNull();
  });

  it('GET …/reports/:year/cells: the records behind applications, decisions, fees, documents and review cases', async () => {
    // the demo's review cases: filed in the year of the first one
    const [review] = await listReviewCases(ctx(), actor('officer'), health, {});
    const cellsOf: [number, string][] = [
      ...['applications.received[6]', 'applications.total[6]', 'proactive.licensing.decisions', 'proactive.fees.amountWan', 'proactive.normativeDocuments.inForce'].map((p): [number, string] => [2025, p]),
      [Number(review.filedOn.slice(0, 4)), `reviewLitigation.${review.kind}.total`],
    ];
    for (const [year, path] of cellsOf) {
      const cells = await cellDrilldown(ctx(), actor('officer'), health, year, path);
      expect(cells.length, path).toBeGreaterThan(0);
      await answers('officer', `/api/agencies/${health}/reports/${year}/cells?path=${encodeURIComponent(path)}`, cells);
    }
  });

  // ---------------------------------------------------------------------------------------------------------
  // Administration

  it('GET …/users: the agency\'s accounts', async () => {
    const list = await listUsers(ctx().db, actor('wjj-admin'), health, ctx().clock.now());
    expect(list.length).toBeGreaterThan(1);
    await answers('wjj-admin', `/api/agencies/${health}/users`, list);
    await answers('admin', `/api/agencies/${government}/users`, await listUsers(ctx().db, actor('admin'), government, ctx().clock.now()));
  });

  it('GET /api/calendar: the years and the days entered', async () => {
    const status = await calendarStatus(ctx().db);
    expect(status.overrides).toHaveLength(2);
    // the route only narrows the type of `kind`
    await answers('officer', '/api/calendar', { ...status, overrides: status.overrides.map((o) => ({ ...o, kind: o.kind })) });
  });

  it('GET …/letter-template: the template with its placeholders', async () => {
    const template = await staffReplyTemplate(ctx().db, actor('wjj-admin'), health);
    await answers('wjj-admin', `/api/agencies/${health}/letter-template`, { ...template, placeholders: [...NOTICE_KINDS.reply.placeholders] });
  });

  it('GET …/notice-templates: every kind of notice', async () => {
    const templates = await staffNoticeTemplates(ctx().db, actor('wjj-admin'), health);
    expect(templates.length).toBeGreaterThan(3);
    await answers('wjj-admin', `/api/agencies/${health}/notice-templates`, templates);
  });

  it('GET /api/agencies/:agencyId: the agency with its contact details', async () => {
    await assertRead(ctx().db, actor('wjj-admin'), health);
    await answers('wjj-admin', `/api/agencies/${health}`, await getAgency(ctx().db, health));
    await answers('supervisor', `/api/agencies/${government}`, await getAgency(ctx().db, government));
  });

  // ---------------------------------------------------------------------------------------------------------
  // The registry

  it('GET …/disclosures: the items of 主动公开, a page and a filtered one', async () => {
    const page = await listDisclosures(ctx(), actor('officer'), health, {});
    expect(page.items.length).toBeGreaterThan(0);
    await answers('officer', `/api/agencies/${health}/disclosures`, page);
    await answers('reviewer', `/api/agencies/${health}/disclosures?docKind=normativeDocument&status=all`, await listDisclosures(ctx(), actor('reviewer'), health, { docKind: 'normativeDocument', status: 'all' }));
  });

  it('GET …/registry-stats: the rates and counts of a year', async () => {
    for (const year of [2025, 2026]) {
      const stats = await registryStats(ctx(), actor('officer'), health, year);
      expect(stats.published, String(year)).toBeGreaterThan(0);
      await answers('officer', `/api/agencies/${health}/registry-stats?year=${year}`, stats);
    }
  });

  it('GET …/records/:kind for each kind', async () => {
    for (const k of RECORD_KINDS) {
      const rows = await listRecords(ctx(), actor('officer'), health, k);
      expect(rows.length, k).toBeGreaterThan(0);
      await answers('officer', `/api/agencies/${health}/records/${k}`, rows);
    }
    await answers('officer', `/api/agencies/${health}/records/fees?year=2025`, await listRecords(ctx(), actor('officer'), health, 'fees', 2025));
  });

  it('GET …/guide: the default guide and one written by the agency', async () => {
    await answers('officer', `/api/agencies/${health}/guide`, await guide(ctx(), health));
    const custom = await guide(ctx(), education);
    expect(custom.custom).toBe(true);
    await answers('edu-officer', `/api/agencies/${education}/guide`, custom);
  });

  // ---------------------------------------------------------------------------------------------------------
  // Applications

  it('GET …/applications: the queue, open and all', async () => {
    const open = await listApplications(ctx(), actor('officer'), health, {});
    expect(open.length).toBeGreaterThan(0);
    await answers('officer', `/api/agencies/${health}/applications`, open);
    await answers('officer', `/api/agencies/${health}/applications?status=all`, await listApplications(ctx(), actor('officer'), health, { status: 'all' }));
  });

  it('GET …/applications/:id: a case of each status, as the officer and the reviewer see it', async () => {
    const all = await listApplications(ctx(), actor('officer'), health, { status: 'all', limit: 1000 });
    const byStatus = new Map<string, string>();
    for (const c of all) if (!byStatus.has(c.status)) byStatus.set(c.status, c.id);
    expect(byStatus.size).toBeGreaterThan(2);
    for (const id of byStatus.values()) {
      await answers('officer', `/api/agencies/${health}/applications/${id}`, await getApplication(ctx(), actor('officer'), health, id));
    }
    const replied = all.find((c) => c.status === 'closed' || c.status === 'replied')!;
    const detail = await getApplication(ctx(), actor('reviewer'), health, replied.id);
    expect(detail.timeline.length).toBeGreaterThan(2);
    expect(detail.audit.length).toBeGreaterThan(0);
    await answers('reviewer', `/api/agencies/${health}/applications/${replied.id}`, detail);
  });

  it('GET …/waiting, /api/colleagues and …/review-cases', async () => {
    await answers('reviewer', `/api/agencies/${health}/waiting`, await waitingForReview(ctx(), actor('reviewer'), health));
    await answers('officer', '/api/colleagues', await colleagues(ctx().db, actor('officer')));
    const cases = await listReviewCases(ctx(), actor('officer'), health, {});
    expect(cases.length).toBeGreaterThan(0);
    await answers('officer', `/api/agencies/${health}/review-cases`, cases);
  });

  // ---------------------------------------------------------------------------------------------------------
  // Supervision

  it('GET /api/supervision: the reports written in Gongkai compared', async () => {
    const overview = await supervisionOverview(ctx(), actor('supervisor'), 2019, 2100);
    expect(overview.rows.length).toBeGreaterThan(0);
    await answers('supervisor', '/api/supervision', overview);
    await answers('supervisor', '/api/supervision?from=2025&to=2026', await supervisionOverview(ctx(), actor('supervisor'), 2025, 2026));
  });

  it('GET /api/supervision/collection: every agency\'s report of a year, the uploaded file included', async () => {
    const status = await collectionStatus(ctx(), actor('supervisor'), 2025);
    expect(status.rows.find((r) => r.agencyId === education)?.files).toHaveLength(1);
    await answers('supervisor', '/api/supervision/collection?year=2025', status);
    await answers('supervisor', '/api/supervision/collection?year=2024', await collectionStatus(ctx(), actor('supervisor'), 2024));
  });

  it('GET /api/supervision/findings: the findings with the decisions, all and filtered', async () => {
    const all = await auditFindings(ctx(), actor('supervisor'), {});
    expect(all.rows.some((r) => r.source === 'upload' && r.decision === 'confirmed' && r.decidedAt !== null)).toBe(true);
    await answers('supervisor', '/api/supervision/findings', all);
    await answers('supervisor', `/api/supervision/findings?subjectAgencyId=${education}&decision=confirmed`, await auditFindings(ctx(), actor('supervisor'), { subjectAgencyId: education, decision: 'confirmed' }));
  });

  it('GET /api/supervision/comparison: the figures ranked', async () => {
    const cmp = await comparison(ctx(), actor('supervisor'), {});
    expect(cmp.rows.some((r) => r.source === 'upload' && Object.keys(r.ranks).length > 0)).toBe(true);
    await answers('supervisor', '/api/supervision/comparison', cmp);
    await answers('supervisor', '/api/supervision/comparison?from=2025&to=2025', await comparison(ctx(), actor('supervisor'), { from: 2025, to: 2025 }));
  });
});
