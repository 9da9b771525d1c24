/**
 * The table of rights (src/core/rights.ts), route by route: every route of the real app (collected with an
 * onRoute hook, so a new route without a row here fails) × role (officer, reviewer, admin, supervisor,
 * anonymous) × its own agency and another one, downloads included. "Allowed" is any answer but 401/403 (the
 * sample may well be a 400, 404 or 409); "refused" is 401 or 403. The expected answer is the table's; the
 * places are worked out by hand from the world: the officer, reviewer and admin work at 卫生健康局 (a department
 * of the city), whose "other" agency is the city government above it; the supervisor works at the city, whose
 * "other" agency is 卫生健康局 below it (supervised).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_RIGHTS, RIGHTS, allows, type Place, type RightKey, type Subject } from '../../src/core/rights';
import { submitOnline } from '../../src/services/applications';
import { TRANSITIONS, type Action } from '../../src/core/applications/workflow';
import { DB_KINDS } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, intake, makeWorld, type World } from '../helpers/world';

type Role = 'officer' | 'reviewer' | 'admin' | 'supervisor' | 'anonymous';
const ROLES: Role[] = ['officer', 'reviewer', 'admin', 'supervisor', 'anonymous'];
type Where = 'own' | 'other';

/** What a sample request is made of, for one actor on one agency. */
interface Target {
  agencyId: number;
  /** an application of that agency */
  applicationId: string;
  /** an account of that agency */
  userId: string;
}

interface Sample {
  /** the path, with the agency of the target */
  path: (t: Target) => string;
  body?: (t: Target) => unknown;
  /** the right of this sample, where the route's depends on a parameter (the registry item's steps) */
  right?: RightKey;
  /** a request of its own, without the actor's session (login, logout) */
  fresh?: boolean;
  /** a step of a case: its roles are the workflow's (TRANSITIONS, which rights.ts refers to) */
  step?: Action;
  /** the route acts on the actor's own agency whatever the target (the supervisor's /api/supervision/… writes): both sides are the actor's own */
  ownAgency?: boolean;
}

const NOBODY = '00000000-0000-4000-8000-000000000000';
const file = (name: string, text: string) => {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), name);
  return form;
};
const a = (t: Target) => `/api/agencies/${t.agencyId}`;
const pub = (t: Target) => `/api/public/agencies/${t.agencyId}`;

/** One sample request (or several) per route, keyed as ROUTE_RIGHTS is. */
const SAMPLES: Record<string, Sample[]> = {
  'GET /api/meta': [{ path: () => '/api/meta' }],
  'POST /api/auth/login': [{ path: () => '/api/auth/login', body: () => ({ username: 'eofficer', password: PASSWORD }), fresh: true }],
  'POST /api/auth/logout': [{ path: () => '/api/auth/logout', fresh: true }],
  'GET /api/auth/me': [{ path: () => '/api/auth/me' }],
  'POST /api/auth/password': [{ path: () => '/api/auth/password', body: () => ({ current: 'not-the-password', next: 'x' }) }],

  'GET /api/public/agencies': [{ path: () => '/api/public/agencies' }],
  'POST /api/public/applications': [{ path: () => '/api/public/applications', body: () => ({}) }],
  'GET /api/public/track/:code': [{ path: () => '/api/public/track/ZZZ-2222222222' }],
  'POST /api/public/track/:code/correction': [{ path: () => '/api/public/track/ZZZ-2222222222/correction', body: () => ({ text: '补正' }) }],
  'GET /api/public/track/:code/letters/:id': [{ path: () => `/api/public/track/ZZZ-2222222222/letters/${NOBODY}` }],
  'GET /api/public/agencies/:agencyId/catalogue': [{ path: (t) => `${pub(t)}/catalogue` }],
  'GET /api/public/agencies/:agencyId/guide': [{ path: (t) => `${pub(t)}/guide` }],
  'GET /api/public/agencies/:agencyId/reports': [{ path: (t) => `${pub(t)}/reports` }],
  'GET /api/public/agencies/:agencyId/reports/:year': [{ path: (t) => `${pub(t)}/reports/2024` }],
  'GET /api/public/agencies/:agencyId/reports/:year/page': [{ path: (t) => `${pub(t)}/reports/2024/page` }],
  'GET /api/public/agencies/:agencyId/reports/:year/download/:kind': [{ path: (t) => `${pub(t)}/reports/2024/download/docx` }],

  'GET /api/agencies/:agencyId/applications': [{ path: (t) => `${a(t)}/applications` }],
  'GET /api/agencies/:agencyId/waiting': [{ path: (t) => `${a(t)}/waiting` }],
  'POST /api/agencies/:agencyId/applications': [{ path: (t) => `${a(t)}/applications`, body: (t) => ({ ...intake(t.agencyId), channel: 'inPerson', date: '2026-03-02' }) }],
  'GET /api/agencies/:agencyId/applications/:id': [{ path: (t) => `${a(t)}/applications/${t.applicationId}` }],
  'POST /api/agencies/:agencyId/applications/:id/actions/:action': [
    { path: (t) => `${a(t)}/applications/${t.applicationId}/actions/assign`, body: () => ({ assigneeId: NOBODY }), step: 'assign' },
    // no extension was requested: the reviewer gets a 409, everyone else a 403
    { path: (t) => `${a(t)}/applications/${t.applicationId}/actions/approveExtension`, body: () => ({}), step: 'approveExtension' },
  ],
  'POST /api/agencies/:agencyId/applications/:id/preview/:action': [
    { path: (t) => `${a(t)}/applications/${t.applicationId}/preview/requestCorrection`, body: () => ({ items: '请写明年份', periodDays: 15 }), step: 'requestCorrection' },
  ],
  'POST /api/agencies/:agencyId/applications/:id/attachments': [{ path: (t) => `${a(t)}/applications/${t.applicationId}/attachments`, body: () => file('材料.txt', '所需信息的说明') }],
  'GET /api/agencies/:agencyId/applications/:id/attachments/:attachmentId': [{ path: (t) => `${a(t)}/applications/${t.applicationId}/attachments/${NOBODY}` }],
  'GET /api/colleagues': [{ path: () => '/api/colleagues' }],

  'GET /api/agencies/:agencyId/review-cases': [{ path: (t) => `${a(t)}/review-cases` }],
  'POST /api/agencies/:agencyId/review-cases': [{ path: (t) => `${a(t)}/review-cases`, body: () => ({}) }],
  'PUT /api/agencies/:agencyId/review-cases/:id': [{ path: (t) => `${a(t)}/review-cases/${NOBODY}`, body: () => ({}) }],

  'GET /api/agencies/:agencyId/users': [{ path: (t) => `${a(t)}/users` }],
  'POST /api/agencies/:agencyId/users': [{ path: (t) => `${a(t)}/users`, body: () => ({ username: 'x', displayName: '新账号', password: 'x', roles: ['officer'] }) }],
  'PATCH /api/users/:id': [{ path: (t) => `/api/users/${t.userId}`, body: () => ({ active: true }) }],
  'POST /api/users/:id/unlock': [{ path: (t) => `/api/users/${t.userId}/unlock` }],
  'GET /api/calendar': [{ path: () => '/api/calendar' }],
  'PUT /api/calendar/:year': [{ path: () => '/api/calendar/2027', body: () => ({ source: '国办发明电〔2026〕1号', entries: [] }) }],
  'POST /api/calendar/notice': [{ path: () => '/api/calendar/notice', body: () => ({ text: '一、元旦：1月1日（周五）放假1天，不调休。', year: 2027 }) }],
  'GET /api/agencies/:agencyId/letter-template': [{ path: (t) => `${a(t)}/letter-template` }],
  'PUT /api/agencies/:agencyId/letter-template': [{ path: (t) => `${a(t)}/letter-template`, body: () => ({ body: '缺少必需的占位符' }) }],
  'GET /api/agencies/:agencyId/notice-templates': [{ path: (t) => `${a(t)}/notice-templates` }],
  'PUT /api/agencies/:agencyId/notice-templates/:kind': [{ path: (t) => `${a(t)}/notice-templates/correction`, body: () => ({ body: '缺少必需的占位符' }) }],
  'GET /api/agencies/:agencyId': [{ path: (t) => a(t) }],
  'PUT /api/agencies/:agencyId/contact': [{ path: (t) => `${a(t)}/contact`, body: () => ({ office: '政府信息公开办公室' }) }],

  'GET /api/agencies/:agencyId/disclosures': [{ path: (t) => `${a(t)}/disclosures` }],
  'POST /api/agencies/:agencyId/disclosures': [{ path: (t) => `${a(t)}/disclosures`, body: () => ({}) }],
  'PUT /api/agencies/:agencyId/disclosures/:id': [{ path: (t) => `${a(t)}/disclosures/${NOBODY}`, body: () => ({}) }],
  'POST /api/agencies/:agencyId/disclosures/import': [{ path: (t) => `${a(t)}/disclosures/import`, body: () => file('items.csv', '标题,公开类别,形成或变更日期\n') }],
  'POST /api/agencies/:agencyId/disclosures/:id/:step': (['secrecyReview', 'approve', 'publish', 'repeal', 'withdraw'] as const).map((step) => ({
    path: (t: Target) => `${a(t)}/disclosures/${NOBODY}/${step}`,
    body: () => ({}),
    right: `disclosure.${step}` as RightKey,
  })),
  'GET /api/agencies/:agencyId/registry-stats': [{ path: (t) => `${a(t)}/registry-stats?year=2025` }],
  'GET /api/agencies/:agencyId/records/:kind': [{ path: (t) => `${a(t)}/records/fees` }],
  'POST /api/agencies/:agencyId/records/:kind': [{ path: (t) => `${a(t)}/records/fees`, body: () => ({}) }],
  'POST /api/agencies/:agencyId/records/:kind/import': [{ path: (t) => `${a(t)}/records/fees/import`, body: () => file('fees.csv', '收费项目,收费日期,金额（元）\n') }],
  'PUT /api/agencies/:agencyId/records/:kind/:id': [{ path: (t) => `${a(t)}/records/fees/${NOBODY}`, body: () => ({ item: '体检费', collectedOn: '2026-03-01', amountYuan: 100 }) }],
  'DELETE /api/agencies/:agencyId/records/:kind/:id': [{ path: (t) => `${a(t)}/records/fees/${NOBODY}` }],
  'GET /api/import-templates/:kind': [{ path: () => '/api/import-templates/fees' }],
  'GET /api/agencies/:agencyId/guide': [{ path: (t) => `${a(t)}/guide` }],
  'PUT /api/agencies/:agencyId/guide': [{ path: (t) => `${a(t)}/guide`, body: () => ({ body: '过短' }) }],

  'GET /api/agencies/:agencyId/reports': [{ path: (t) => `${a(t)}/reports` }],
  'GET /api/agencies/:agencyId/reports/:year': [{ path: (t) => `${a(t)}/reports/2025` }],
  'PUT /api/agencies/:agencyId/reports/:year/sections': [{ path: (t) => `${a(t)}/reports/2025/sections`, body: () => ({}) }],
  'POST /api/agencies/:agencyId/reports/:year/submit': [{ path: (t) => `${a(t)}/reports/2025/submit` }],
  'POST /api/agencies/:agencyId/reports/:year/approve': [{ path: (t) => `${a(t)}/reports/2025/approve` }],
  'POST /api/agencies/:agencyId/reports/:year/return': [{ path: (t) => `${a(t)}/reports/2025/return`, body: () => ({ reason: '请补充' }) }],
  'POST /api/agencies/:agencyId/reports/:year/publish': [{ path: (t) => `${a(t)}/reports/2025/publish` }],
  'GET /api/agencies/:agencyId/reports/:year/cells': [{ path: (t) => `${a(t)}/reports/2025/cells?path=applications.newReceived` }],
  'GET /api/agencies/:agencyId/reports/:year/draft.:kind': [{ path: (t) => `${a(t)}/reports/2025/draft.html` }],
  // the download of a published version: the agency check is the route's (src/http/routes/reports.ts)
  'GET /api/agencies/:agencyId/reports/:year/versions/:version/:kind': [
    { path: (t) => `${a(t)}/reports/2024/versions/1/docx` },
    { path: (t) => `${a(t)}/reports/2024/versions/1/original` },
  ],
  'POST /api/agencies/:agencyId/reports/import': [{ path: (t) => `${a(t)}/reports/import`, body: () => file('2024年报告.txt', '这不是一份年度报告') }],
  'POST /api/agencies/:agencyId/reports/import/confirm': [{ path: (t) => `${a(t)}/reports/import/confirm`, body: () => file('2024年报告.txt', '这不是一份年度报告') }],
  'GET /api/supervision': [{ path: () => '/api/supervision' }],
  'GET /api/supervision/findings': [{ path: () => '/api/supervision/findings?severity=error' }],
  'GET /api/supervision/findings/context': [{ path: (t) => `/api/supervision/findings/context?subjectAgencyId=${t.agencyId}&year=2025&fingerprint=applications.rowTotal%7Capplications.total%5B6%5D%7C5,7` }],
  'POST /api/supervision/findings/decide': [
    { path: () => '/api/supervision/findings/decide', body: (t) => ({ subjectAgencyId: t.agencyId, year: 2025, fingerprint: 'applications.rowTotal|applications.total[6]|5,7', decision: 'confirmed' }), ownAgency: true },
  ],
  'POST /api/supervision/findings/undecide': [
    { path: () => '/api/supervision/findings/undecide', body: (t) => ({ subjectAgencyId: t.agencyId, year: 2025, fingerprint: 'applications.rowTotal|applications.total[6]|5,7' }), ownAgency: true },
  ],
  'GET /api/supervision/corrections': [{ path: () => `/api/supervision/corrections?fileId=${NOBODY}` }],
  'POST /api/supervision/corrections': [
    { path: () => '/api/supervision/corrections', body: () => ({ fileId: NOBODY, path: 'applications.total[6]', value: 1, reason: '原文为 1，读取有误' }), ownAgency: true },
  ],
  'GET /api/supervision/rectifications': [{ path: () => '/api/supervision/rectifications' }],
  'POST /api/supervision/rectifications': [
    { path: () => '/api/supervision/rectifications', body: (t) => ({ subjectAgencyId: t.agencyId, year: 2025, dueOn: '2026-04-30' }), ownAgency: true },
  ],
  'GET /api/supervision/rectifications/:id': [{ path: () => `/api/supervision/rectifications/${NOBODY}` }],
  'GET /api/supervision/rectifications/:id/notice.docx': [{ path: () => `/api/supervision/rectifications/${NOBODY}/notice.docx` }],
  'POST /api/supervision/rectifications/:id/corrected': [{ path: () => `/api/supervision/rectifications/${NOBODY}/corrected`, body: () => ({}), ownAgency: true }],
  'GET /api/supervision/rectifications/:id/comparison': [{ path: () => `/api/supervision/rectifications/${NOBODY}/comparison` }],
  'GET /api/supervision/comparison': [{ path: () => '/api/supervision/comparison?from=2024&to=2025' }],
  'GET /api/supervision/export.xlsx': [{ path: () => '/api/supervision/export.xlsx?from=2024&to=2025' }],
  'POST /api/supervision/batches': [{ path: () => '/api/supervision/batches', body: () => file('2024年报告.txt', '这不是一份年度报告'), ownAgency: true }],
  'GET /api/supervision/batches': [{ path: () => '/api/supervision/batches' }],
  'GET /api/supervision/batches/:id': [{ path: () => `/api/supervision/batches/${NOBODY}` }],
  'PUT /api/supervision/files/:id/match': [{ path: () => `/api/supervision/files/${NOBODY}/match`, body: (t) => ({ subjectAgencyId: t.agencyId, year: 2024 }), ownAgency: true }],
  'DELETE /api/supervision/files/:id': [{ path: () => `/api/supervision/files/${NOBODY}`, ownAgency: true }],
  'GET /api/supervision/files/:id/original': [{ path: () => `/api/supervision/files/${NOBODY}/original` }],
  'GET /api/supervision/collection': [{ path: () => '/api/supervision/collection?year=2025' }],
  'PUT /api/supervision/deadlines': [{ path: () => '/api/supervision/deadlines', body: () => ({}), ownAgency: true }],
};

/** Where the actor of each role works, and the "other" agency it is tried on (by hand, from makeWorld). */
function places(w: World): Record<Exclude<Role, 'anonymous'>, { subject: Subject; own: Place; other: Place }> {
  const department = (roles: Subject['roles']) => ({
    subject: { agencyId: w.health.id, roles },
    own: { agencyId: w.health.id, supervised: false, subjectTopLevel: false },
    // the city government above the department: not supervised by it
    other: { agencyId: w.city.id, supervised: false, subjectTopLevel: false },
  });
  return {
    officer: department(['officer']),
    reviewer: department(['reviewer']),
    admin: department(['admin']),
    supervisor: {
      subject: { agencyId: w.city.id, roles: ['supervisor'] },
      own: { agencyId: w.city.id, supervised: false, subjectTopLevel: true },
      // the department below the city: supervised
      other: { agencyId: w.health.id, supervised: true, subjectTopLevel: true },
    },
  };
}

describe.each(DB_KINDS)('the table of rights, route by route (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  const routes = new Set<string>();
  const clients = new Map<Role, Client>();
  const targets = new Map<number, Target>();

  beforeAll(async () => {
    server = await startServer(kind, { rateLimit: { intakePerHour: 1e6, trackPerMinute: 1e6, loginPerMinute: 1e6 } }, '2026-03-02', {
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          // HEAD routes are Fastify's own twins of the GET routes; /api/docs is the OpenAPI page
          if (method === 'HEAD' || route.url.startsWith('/api/docs')) continue;
          routes.add(`${method} ${route.url}`);
        }
      },
    });
    w = await makeWorld(server.ctx);
    const usernames: Record<Exclude<Role, 'anonymous'>, string> = { officer: 'officer', reviewer: 'reviewer', admin: 'hadmin', supervisor: 'supervisor' };
    for (const role of ROLES) {
      const c = new Client(server.url, { origin: server.url });
      if (role !== 'anonymous') expect((await c.post('/api/auth/login', { username: usernames[role], password: PASSWORD })).status).toBe(200);
      clients.set(role, c);
    }
    for (const [agency, user] of [
      [w.health, w.officer],
      [w.city, w.supervisor],
    ] as const) {
      const { id } = await submitOnline(server.ctx, intake(agency.id));
      targets.set(agency.id, { agencyId: agency.id, applicationId: id, userId: user.userId });
    }
  }, 60_000);
  afterAll(() => server?.close());

  it('every route has a row in the table and a sample here, and every row a route', () => {
    expect(routes.size).toBeGreaterThan(50);
    expect([...routes].filter((r) => !(r in ROUTE_RIGHTS)).sort(), 'routes without a right in src/core/rights.ts').toEqual([]);
    expect([...routes].filter((r) => !(r in SAMPLES)).sort(), 'routes without a sample request here').toEqual([]);
    expect(Object.keys(ROUTE_RIGHTS).filter((r) => !routes.has(r)).sort(), 'rights of routes that do not exist').toEqual([]);
  });

  it('every route × role × own/other agency is allowed or refused as the table says', async () => {
    const where = places(w);
    const wrong: string[] = [];
    let requests = 0;
    for (const route of [...routes].sort()) {
      const [method] = route.split(' ');
      const row = ROUTE_RIGHTS[route];
      for (const sample of SAMPLES[route] ?? []) {
        const right: RightKey = typeof row === 'string' ? row : sample.right!;
        // a sample's own right must be one of its route's
        if (typeof row !== 'string') expect(Object.values(row.rights)).toContain(right);
        for (const role of ROLES) {
          for (const side of ['own', 'other'] as Where[]) {
            const place = role === 'anonymous' ? (side === 'own' ? where.officer.own : where.officer.other) : where[role][sample.ownAgency ? 'own' : side];
            const subject = role === 'anonymous' ? null : where[role].subject;
            const expected = allows(right, subject, place) && (!sample.step || TRANSITIONS[sample.step].roles.some((r) => subject!.roles.includes(r)));
            const t = targets.get(place.agencyId)!;
            const client = sample.fresh ? new Client(server.url, { origin: server.url }) : clients.get(role)!;
            const path = sample.path(t);
            const r = await client.request(method, path, sample.body?.(t) ?? (method === 'GET' ? undefined : {}));
            requests++;
            const refused = r.status === 401 || r.status === 403;
            if (r.status >= 500 || refused === expected) {
              wrong.push(`${method} ${path} as ${role} (${side}): ${r.status} ${JSON.stringify(r.body).slice(0, 120)}; the table (${right}, ${RIGHTS[right].scope}) says ${expected ? 'allowed' : 'refused'}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // 63 routes, the step route and the version download with more than one sample
    expect(requests).toBeGreaterThan(60 * 10);
  }, 300_000);
});
