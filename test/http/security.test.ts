/**
 * Security over a real socket: the account lock and its unlocking, the password policy, whose address a proxy's
 * X-Forwarded-For may name, the security headers (and, in Chromium, that the web app and /api/docs run under
 * their Content-Security-Policy), and failed queries logged without the values they carried.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy, type Config } from '../../src/config';
import { buildApp, type App } from '../../src/http/app';
import { redactMessage } from '../../src/http/redact';
import { DB_KINDS, openTestDatabase, testCtx, type DbKind, type TestDatabase } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, intake, makeWorld, type World } from '../helpers/world';
import { DEMO_PASSWORD, Screenshots, WAIT, launchBrowser, logIn, requireChromium, startE2EServer, type E2EBrowser, type E2EServer } from '../e2e/browser';

/** A server whose log lines (JSON, level error and above) are kept in `lines`. */
async function startLoggedServer(kind: DbKind): Promise<{ url: string; lines: string[]; database: TestDatabase; close(): Promise<void> } & { w: World }> {
  const database = await openTestDatabase(kind);
  const ctx = testCtx(database);
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = { level: 'error', stream };
  let app: App;
  try {
    app = await buildApp({ ctx, config: { ...loadConfig({}), webDir: undefined }, logger });
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (e) {
    await database.drop();
    throw e;
  }
  const w = await makeWorld(ctx);
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    database,
    w,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

describe.each(DB_KINDS)('failed queries in the log (%s)', (kind) => {
  let s: Awaited<ReturnType<typeof startLoggedServer>>;
  beforeAll(async () => {
    s = await startLoggedServer(kind);
  });
  afterAll(() => s?.close());

  it('logs the error code and the query, never the values it carried', async () => {
    // a rule the database enforces and the service does not know: the insert fails as any failed query would
    await s.database.db.execute(sql.raw(`ALTER TABLE applications ADD CONSTRAINT test_no_such_phone CHECK (phone <> '13912345678')`));
    const r = await new Client(s.url).post('/api/public/applications', intake(s.w.health.id, { phone: '13912345678', idNumber: '11010519491231002X', applicantName: '欧阳修远' }));
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: '服务器内部错误，请稍后再试' });
    const logged = s.lines.join('');
    for (const value of ['13912345678', '11010519491231002X', '欧阳修远', 'zhangsan@example.com', '请公开本局2025年行政许可决定目录']) expect(logged).not.toContain(value);
    const entry = JSON.parse(s.lines.find((l) => l.includes('unhandled error'))!);
    expect(entry.url).toBe('/api/public/applications');
    // 23514: check_violation (PostgreSQL's SQLSTATE), on both the server and PGlite
    const codes: unknown[] = [];
    for (let e = entry.error; e; e = e.cause) codes.push(e.code, e.constraint);
    expect(codes).toContain('23514');
    expect(codes).toContain('test_no_such_phone');
  });
});

it('takes the values out of an error message', () => {
  expect(redactMessage('invalid input syntax for type bigint: "13800138000"')).toBe('invalid input syntax for type bigint: "[已隐去]"');
  expect(redactMessage('duplicate key value violates unique constraint "users_username"')).toBe('duplicate key value violates unique constraint "users_username"');
  expect(redactMessage(`Failed query: select "id" from "applications" where "phone" = 'x' and "id_number" = $1\nparams: 11010519491231002X,13800138000`)).toBe(
    `Failed query: select "id" from "applications" where "phone" = '[已隐去]' and "id_number" = $1\nparams: [已隐去]`,
  );
  expect(redactMessage('Key (agency_id, id_number)=(3, 11010519491231002X) already exists.')).toBe('Key (agency_id, id_number)=([已隐去]) already exists.');
  expect(redactMessage('no reply to 13800138000 or zhangsan@example.com (ID 11010519491231002X)')).toBe('no reply to [已隐去] or [已隐去] (ID [已隐去])');
});

describe.each(DB_KINDS)('accounts over HTTP (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  let admin: Client;
  beforeAll(async () => {
    server = await startServer(kind, { rateLimit: { intakePerHour: 20, trackPerMinute: 60, loginPerMinute: 100 } });
    w = await makeWorld(server.ctx);
    admin = new Client(server.url);
    expect((await admin.post('/api/auth/login', { username: 'hadmin', password: PASSWORD })).status).toBe(200);
  });
  afterAll(() => server?.close());

  it('locks an account after 5 wrong passwords, refuses the right one while locked; its administrator unlocks it', async () => {
    const created = await admin.post(`/api/agencies/${w.health.id}/users`, { username: 'guessed', displayName: '被猜密码的人', password: PASSWORD, roles: ['officer'] });
    expect(created.status).toBe(201);
    const c = new Client(server.url);
    for (let i = 0; i < 4; i++) expect((await c.post('/api/auth/login', { username: 'guessed', password: 'wrong-password-1' })).body).toEqual({ error: '用户名或密码错误' });
    // the server's clock stands at 10:00 on 2 March 2026 (China time): locked until 10:01
    const locked = { error: '密码连续错误次数过多，账号已锁定，请于 3月2日 10:01（北京时间，约 1 分钟后）再试，或请本机关管理员解锁' };
    const fifth = await c.post('/api/auth/login', { username: 'guessed', password: 'wrong-password-1' });
    expect([fifth.status, fifth.body]).toEqual([429, locked]);
    const right = await c.post('/api/auth/login', { username: 'guessed', password: PASSWORD });
    expect([right.status, right.body]).toEqual([429, locked]);

    const list = await admin.get(`/api/agencies/${w.health.id}/users`);
    expect(list.body.find((u: { username: string }) => u.username === 'guessed').lockedUntil).toBe('2026-03-02T02:01:00.000Z');
    // an officer may not unlock, nor the administrator of another agency
    const officer = new Client(server.url);
    await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD });
    expect((await officer.post(`/api/users/${created.body.id}/unlock`)).status).toBe(403);
    const cityAdmin = new Client(server.url);
    await cityAdmin.post('/api/auth/login', { username: 'padmin', password: PASSWORD });
    expect((await cityAdmin.post(`/api/users/${created.body.id}/unlock`)).status).toBe(403);

    expect((await admin.post(`/api/users/${created.body.id}/unlock`)).body).toEqual({ ok: true });
    expect((await c.post('/api/auth/login', { username: 'guessed', password: PASSWORD })).status).toBe(200);
    expect((await admin.post(`/api/users/${created.body.id}/unlock`)).body).toEqual({ error: '账号“guessed”未被锁定' });
  });

  it('refuses a common password when an account is created, reset or changed, naming the field', async () => {
    const weak = await admin.post(`/api/agencies/${w.health.id}/users`, { username: 'weakling', displayName: '弱密码', password: 'Password2026', roles: ['officer'] });
    expect(weak.status).toBe(400);
    expect(weak.body.fields).toEqual([{ path: 'password', message: '密码过于常见或简单（与常用密码相近），请使用更复杂的密码' }]);
    const me = new Client(server.url);
    await me.post('/api/auth/login', { username: 'reviewer', password: PASSWORD });
    const changed = await me.post('/api/auth/password', { current: PASSWORD, next: 'woaini1314' });
    expect([changed.status, changed.body.fields]).toEqual([400, [{ path: 'next', message: '新密码过于常见或简单，请使用更复杂的密码' }]]);
  });
});

describe('GONGKAI_TRUST_PROXY', () => {
  it('reads a hop count or the proxies’ addresses, and refuses anything else naming it', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback')).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
    expect(() => parseTrustProxy('true')).toThrow('GONGKAI_TRUST_PROXY 有误：“true”既不是 IP 地址也不是网段');
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow('“10.0.0.0/33”');
    expect(() => parseTrustProxy('10.0.0.1,,10.0.0.2')).toThrow('“”');
    expect(loadConfig({ GONGKAI_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  // The test client stands for the proxy (it is 127.0.0.1, the server's peer): the proxy appends the address it
  // sees, so the last entry of X-Forwarded-For is the client's; the entries before it are whatever the client sent.
  const cases: [string, Config['trustProxy']][] = [
    ['a hop count', 1],
    ["the proxy's address", ['127.0.0.1']],
    ["the proxy's range", ['127.0.0.0/8']],
  ];
  describe.each(cases)('as %s', (_name, trustProxy) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer('pglite', { trustProxy, rateLimit: { intakePerHour: 20, trackPerMinute: 60, loginPerMinute: 3 } });
    });
    afterAll(() => server?.close());

    it('a forged X-Forwarded-For does not lift the login rate limit; the address the proxy saw counts', async () => {
      const c = new Client(server.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await c.post('/api/auth/login', { username: 'nobody', password: 'wrong-password-1' }, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // another client behind the same proxy has its own count
      expect((await c.post('/api/auth/login', { username: 'nobody', password: 'wrong-password-1' }, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(401);
    });
  });

  it("ignores X-Forwarded-For from a peer that is not a named proxy", async () => {
    const server = await startServer('pglite', { trustProxy: ['10.0.0.5'], rateLimit: { intakePerHour: 20, trackPerMinute: 60, loginPerMinute: 3 } });
    try {
      const c = new Client(server.url);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/auth/login', { username: 'nobody', password: 'x' }, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await server.close();
    }
  });
});

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    // a stand-in for the built web app: the headers are the server's (Chromium runs the real one below)
    const webDir = mkdtempSync(path.join(tmpdir(), 'gongkai-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>公开</title><div id="root"></div>');
    server = await startServer('pglite', { webDir });
  });
  afterAll(() => server?.close());

  const csp = (h: Headers) => Object.fromEntries((h.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));

  it.each(['/', '/admin/settings', '/index.html', '/api/public/agencies', '/api/auth/me', '/api/nothing-here', '/api/docs', '/api/docs/static/index.html', '/api/docs/json'])(
    '%s',
    async (url) => {
      const r = await new Client(server.url).get(url);
      expect(r.status).toBeLessThan(500);
      expect(csp(r.headers)).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(r.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('same-origin');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('lets the portal frame the published report page, and no other site', async () => {
    const r = await new Client(server.url).get('/api/public/agencies/1/reports/2025/page');
    expect(csp(r.headers)['frame-ancestors']).toBe("'self'");
    const other = await new Client(server.url).get('/api/public/agencies/1/reports/2025/page-not');
    expect(csp(other.headers)['frame-ancestors']).toBe("'none'");
  });

  it('sends HSTS behind TLS (GONGKAI_SECURE_COOKIES)', async () => {
    const tls = await startServer('pglite', { secureCookies: true });
    try {
      // 180 days = 15,552,000 s
      expect((await new Client(tls.url).get('/api/public/agencies')).headers.get('strict-transport-security')).toBe('max-age=15552000');
    } finally {
      await tls.close();
    }
  });
});

describe('the web app and /api/docs under the Content-Security-Policy, in Chromium', () => {
  const TODAY = '2026-03-02';
  const shots = new Screenshots('security-').clear();
  let server: E2EServer;
  let browser: E2EBrowser;
  /** every CSP violation reported in any page or frame */
  const violations: string[] = [];

  beforeAll(async () => {
    requireChromium();
    server = await startE2EServer(TODAY);
    browser = await launchBrowser(TODAY);
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    browser.context.on('console', (m) => {
      if (/Content.Security.Policy|CSP violation/i.test(m.text())) violations.push(`${m.location().url}: ${m.text()}`);
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the portal, a published report in its frame, the back office with its charts, and /api/docs', async () => {
    const { page } = browser;
    const base = server.url;
    await page.goto(`${base}/`);
    await page.getByTestId('agency-list').waitFor();
    await shots.take(page, 'home');

    // a published report of the demo, shown in the portal's frame
    const agencies = (await (await fetch(`${base}/api/public/agencies`)).json()) as { id: number }[];
    let report: { agencyId: number; year: number } | undefined;
    for (const a of agencies) {
      const years = (await (await fetch(`${base}/api/public/agencies/${a.id}/reports`)).json()) as { year: number }[];
      if (years.length > 0) {
        report = { agencyId: a.id, year: years[0].year };
        break;
      }
    }
    expect(report, 'the demo publishes annual reports').toBeDefined();
    await page.goto(`${base}/reports/${report!.agencyId}/${report!.year}`);
    await page.frameLocator('[data-testid="public-report"]').locator('table').first().waitFor();
    await expect.poll(async () => (await page.getByTestId('public-report').boundingBox())?.height ?? 0, { timeout: WAIT }).toBeGreaterThan(1000);
    await shots.take(page, 'public-report');

    // the back office: the work queue draws its chart (echarts, canvas)
    await logIn(page, base, 'wjj-admin', DEMO_PASSWORD);
    await page.locator('canvas').first().waitFor();
    await shots.take(page, 'queue');

    // /api/docs: swagger-ui renders the API description
    await page.goto(`${base}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock-tag').first().waitFor();
    await shots.take(page, 'api-docs');

    expect(violations.splice(0)).toEqual([]);
    expect(browser.pageErrors.splice(0)).toEqual([]);
  });

  it('an administrator sees a locked account in 设置 → 账号 and unlocks it with the button', async () => {
    const { page } = browser;
    const base = server.url;
    // the reviewer of the health bureau mistypes the password five times
    for (let i = 0; i < 5; i++) await new Client(base).post('/api/auth/login', { username: 'reviewer', password: 'wrong-password-1' });
    expect((await new Client(base).post('/api/auth/login', { username: 'reviewer', password: DEMO_PASSWORD })).status).toBe(429);

    await page.goto(`${base}/admin/settings?tab=accounts`);
    await page.getByTestId('account-locked-reviewer').waitFor();
    await shots.take(page, 'accounts-locked');
    await page.getByTestId('account-unlock-reviewer').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '解 锁' }).or(page.locator('.ant-popconfirm').getByRole('button', { name: '解锁' })).click();
    await page.getByText('已解锁“卫健局 王科长”的账号').waitFor();
    await page.getByTestId('account-locked-reviewer').waitFor({ state: 'detached' });
    await shots.take(page, 'accounts-unlocked');
    expect((await new Client(base).post('/api/auth/login', { username: 'reviewer', password: DEMO_PASSWORD })).status).toBe(200);

    expect(violations.splice(0)).toEqual([]);
    expect(browser.pageErrors.splice(0)).toEqual([]);
  });
});
