/**
 * Hostile input on every route of the real server: the routes are enumerated from the server's own API
 * description (built by @fastify/swagger from every registered route and its zod schemas), and each is driven
 * by the public and by staff of every role with hostile path parameters, queries, JSON bodies, multipart
 * forms and headers. Nothing may answer 5xx, and every refusal is in Chinese. The hostile values the
 * database cannot take (NUL, lone surrogates, integers beyond a 32-bit column, amounts it would round to 0 or
 * cannot hold), a malformed Origin and a broken multipart form must each get a 400 naming the field.
 *
 * Deterministic: the values are drawn from a seeded generator (src/core/random.ts), the requests sent one at
 * a time in a fixed order, and their number is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/random';
import { DB_KINDS } from '../helpers/db';
import { startServer, type TestServer } from '../helpers/server';
import { PASSWORD, intake, makeWorld, type World } from '../helpers/world';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
}
interface Param {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}
interface Route {
  method: string;
  /** as in the API description: /api/agencies/{agencyId}/reports/{year} */
  path: string;
  params: Param[];
  body?: JsonSchema;
}
interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** A signed-in (or anonymous) caller that can send anything: JSON, raw bytes, any header. */
class Agent {
  cookie = '';
  constructor(
    readonly base: string,
    readonly name: string,
  ) {}

  async send(method: string, path: string, options: { json?: unknown; raw?: Buffer | string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | Buffer | undefined;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) body = options.raw;
    const res = await fetch(this.base + path, { method, headers, body: body as BodyInit | undefined, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      if (pair.startsWith('gk_session=')) this.cookie = /max-age=0|expires=thu, 01 jan 1970/i.test(c) || pair === 'gk_session=' ? '' : pair;
    }
    const text = Buffer.from(await res.arrayBuffer()).toString();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async login(username: string): Promise<this> {
    const r = await this.send('POST', '/api/auth/login', { json: { username, password: PASSWORD } });
    expect(r.status, `${username} signs in`).toBe(200);
    return this;
  }
}

const CJK = /[\u4e00-\u9fff]/;
/** an id no row has (ids of real rows come from the fixtures) */
const NO_SUCH_ID = '7f1c7f7e-0000-4000-8000-000000000001';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** the routes that read a multipart form (src/http/multipart.ts readForm), and who may send one */
const FORM_ROUTES: [string, 'anon' | 'officer'][] = [
  ['POST /api/public/applications', 'anon'],
  ['POST /api/public/track/{code}/correction', 'anon'],
  ['POST /api/agencies/{agencyId}/applications', 'officer'],
  ['POST /api/agencies/{agencyId}/applications/{id}/attachments', 'officer'],
  ['POST /api/agencies/{agencyId}/records/{kind}/import', 'officer'],
  ['POST /api/agencies/{agencyId}/reports/import', 'officer'],
];
/** routes that end or change the caller's own session, driven by a throwaway account only */
const OWN_SESSION = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

const key = (r: Route) => `${r.method} ${r.path}`;
const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : (s.type ?? s.anyOf?.map(typeOf).find(Boolean)));

/** A multipart body written by hand, so it can be broken in any way. */
function multipart(boundary: string, parts: { name: string; filename?: string; type?: string; content: Buffer | string }[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe.each(DB_KINDS)('hostile input on every route (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  let routes: Route[];
  let anon: Agent;
  let staff: Record<string, Agent>;
  let throwaway: Agent;
  const fixtures = { code: '', applicationId: '', reviewCaseId: '', disclosureId: '', userId: '' };

  beforeAll(async () => {
    server = await startServer(kind, { rateLimit: { intakePerHour: 1_000_000, trackPerMinute: 1_000_000, loginPerMinute: 1_000_000 } });
    w = await makeWorld(server.ctx);
    anon = new Agent(server.url, 'anon');
    staff = {};
    for (const username of ['officer', 'reviewer', 'hadmin', 'supervisor', 'padmin', 'eofficer']) staff[username] = await new Agent(server.url, username).login(username);
    // accounts of their own for the routes that end a session or change an account
    const admin = staff.hadmin;
    for (const username of ['fuzz-self', 'fuzz-target']) {
      const r = await admin.send('POST', `/api/agencies/${w.health.id}/users`, { json: { username, displayName: username, password: PASSWORD, roles: ['officer'] } });
      expect(r.status).toBe(201);
      if (username === 'fuzz-target') fixtures.userId = r.body.id;
    }
    throwaway = await new Agent(server.url, 'fuzz-self').login('fuzz-self');

    // real rows for the path parameters to point at
    const created = await anon.send('POST', '/api/public/applications', { json: intake(w.health.id) });
    expect(created.status).toBe(201);
    fixtures.code = created.body.trackingCode;
    const queue = await staff.officer.send('GET', `/api/agencies/${w.health.id}/applications`);
    fixtures.applicationId = queue.body.find((c: { trackingCode: string }) => c.trackingCode === fixtures.code).id;
    const review = await staff.officer.send('POST', `/api/agencies/${w.health.id}/review-cases`, { json: { kind: 'reconsideration', filedOn: '2026-02-02' } });
    expect(review.status).toBe(201);
    fixtures.reviewCaseId = review.body.id;
    const disclosure = await staff.officer.send('POST', `/api/agencies/${w.health.id}/disclosures`, { json: { title: '示范市卫生健康局机构职能', category: 2, formedOn: '2026-02-02' } });
    expect(disclosure.status).toBe(201);
    fixtures.disclosureId = disclosure.body.id;

    // the routes, as the server registered them
    const doc = (await anon.send('GET', '/api/docs/json')).body;
    routes = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>)) {
      for (const [method, op] of Object.entries(methods)) {
        routes.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema });
      }
    }
  }, 120_000);
  afterAll(() => server?.close());

  /** A valid value for a path parameter of a route (a real row where there is one). */
  function validParam(route: Route, p: Param): string {
    if (p.schema.enum) return String(p.schema.enum[0]);
    switch (p.name) {
      case 'agencyId':
        return String(w.health.id);
      case 'year':
        return '2025';
      case 'version':
        return '1';
      case 'code':
        return fixtures.code;
      case 'id':
        if (route.path.includes('/review-cases/')) return fixtures.reviewCaseId;
        if (route.path.includes('/disclosures/')) return fixtures.disclosureId;
        if (route.path.startsWith('/api/users/')) return fixtures.userId;
        if (route.path.includes('/applications/')) return fixtures.applicationId;
        return NO_SUCH_ID;
      default:
        return typeOf(p.schema) === 'integer' ? '1' : p.schema.format === 'uuid' ? NO_SUCH_ID : 'x';
    }
  }

  /** The route's URL with each path parameter valid, except those given (already encoded). */
  function url(route: Route, given: Record<string, string> = {}, query = ''): string {
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => given[name] ?? encodeURIComponent(validParam(route, route.params.find((p) => p.name === name)!)));
    return query ? `${path}?${query}` : path;
  }

  const pathParams = (r: Route) => r.params.filter((p) => p.in === 'path');
  const queryParams = (r: Route) => r.params.filter((p) => p.in === 'query');
  const formRoute = (r: Route) => FORM_ROUTES.some(([k]) => k === key(r));

  /** What every answer must be: not a server error, and a refusal in Chinese. */
  function expectClean(r: Answer, what: string) {
    expect(r.status, `${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(500);
    if (r.status >= 400) {
      expect(typeof r.body === 'object' && r.body !== null, `${what}: JSON refusal`).toBe(true);
      expect(r.body.error, `${what}: refusal in Chinese`).toMatch(CJK);
    }
  }

  /** A 400 whose fields name `path` and whose message names it (by its key, or by its Chinese label). */
  function expectNamed(r: Answer, path: string, names: string[], what: string) {
    expect(r.status, `${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`).toBe(400);
    expect(r.body.error, what).toMatch(CJK);
    expect(r.body.fields?.map((f: { path: string }) => f.path), what).toContain(path);
    expect(
      names.some((n) => r.body.error.includes(n)),
      `${what}: "${r.body.error}" names one of ${names.join(', ')}`,
    ).toBe(true);
  }

  it('enumerates the registered routes, public and staff, with their parameters', () => {
    expect(routes.length).toBeGreaterThanOrEqual(50);
    const keys = routes.map(key);
    for (const [k] of FORM_ROUTES) expect(keys).toContain(k);
    expect(keys).toContain('GET /api/public/agencies/{agencyId}/reports/{year}');
    expect(routes.find((r) => key(r) === 'GET /api/public/agencies/{agencyId}/reports/{year}')!.params.map((p) => `${p.in}:${p.name}`)).toEqual(['path:agencyId', 'path:year']);
  });

  it('refuses NUL and lone surrogates in every path parameter, query parameter and body field with a 400 naming it', async () => {
    let checked = 0;
    for (const route of routes) {
      const what = key(route);
      for (const p of pathParams(route)) {
        // NUL arrives through the path decoded: the field is named
        expectNamed(await anon.send(route.method, url(route, { [p.name]: 'a%00b' })), p.name, [p.name], `${what} path ${p.name}=NUL`);
        // a lone surrogate can only be sent as invalid UTF-8 (%ED%A0%80): the router refuses the whole address
        expectNamed(await anon.send(route.method, url(route, { [p.name]: '%ED%A0%80' })), 'url', ['网址'], `${what} path ${p.name}=surrogate`);
        checked += 2;
      }
      for (const p of [...queryParams(route), { name: 'extra' } as Param]) {
        expectNamed(await anon.send(route.method, url(route, {}, `${p.name}=a%00b`)), p.name, [p.name], `${what} query ${p.name}=NUL`);
        expectNamed(await anon.send(route.method, url(route, {}, `${p.name}=%ED%A0%80`)), p.name, [p.name], `${what} query ${p.name}=surrogate`);
        checked += 2;
      }
      if (!UNSAFE.has(route.method)) continue;
      const fields = Object.keys(route.body?.properties ?? {});
      for (const field of fields.length > 0 ? fields : ['text']) {
        for (const [label, value] of [
          ['NUL', 'a\u0000b'],
          ['lone high surrogate', 'x\ud800'],
          ['lone low surrogate', '\udfffy'],
        ]) {
          const agent = formRoute(route) && FORM_ROUTES.find(([k]) => k === what)![1] === 'anon' ? anon : staff.officer;
          expectNamed(await agent.send(route.method, url(route), { json: { [field]: value } }), field, [field], `${what} body ${field}=${label}`);
          checked++;
        }
      }
      // and nested: in an array inside the body, and in a key
      expectNamed(await staff.officer.send(route.method, url(route), { json: { entries: [{ name: 'ok' }, { name: 'a\u0000' }] } }), 'entries.1.name', ['entries.1.name'], `${what} nested NUL`);
      expectNamed(await staff.officer.send(route.method, url(route), { json: { ['k\u0000']: 1 } }), 'k\\u0000', ['k\\u0000'], `${what} NUL in a key`);
      checked += 2;
    }
    for (const [k, who] of FORM_ROUTES) {
      const route = routes.find((r) => key(r) === k)!;
      const agent = who === 'anon' ? anon : staff.officer;
      const boundary = 'gkFuzzBoundary';
      const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      const data = multipart(boundary, [{ name: 'data', content: JSON.stringify({ ...intake(w.health.id), applicantName: 'a\u0000b' }) }]);
      expectNamed(await agent.send('POST', url(route), { raw: data, headers }), 'applicantName', ['applicantName'], `${k} multipart data NUL`);
      // a lone surrogate reaches a form only as a JSON escape in its data field (bytes on the wire are UTF-8)
      const escaped = multipart(boundary, [{ name: 'data', content: JSON.stringify({ ...intake(w.health.id), description: '请公开\ud800文件' }) }]);
      expectNamed(await agent.send('POST', url(route), { raw: escaped, headers }), 'description', ['description'], `${k} multipart data surrogate`);
      const field = multipart(boundary, [{ name: 'text', content: '补正\u0000内容' }]);
      expectNamed(await agent.send('POST', url(route), { raw: field, headers }), 'text', ['text'], `${k} multipart field NUL`);
      const file = multipart(boundary, [{ name: 'supporting', filename: 'a\u0000.png', type: 'image/png', content: 'x' }]);
      expectNamed(await agent.send('POST', url(route), { raw: file, headers }), 'supporting', ['supporting'], `${k} multipart file name NUL`);
      checked += 4;
    }
    expect(checked).toBeGreaterThan(300);
  }, 300_000);

  it('answers a tracking code whose agency part is beyond a 32-bit agency id as not found, not 5xx', async () => {
    // "ZZZZZZ" in base 36 is 2176782335 > 2147483647: no agency can have it
    for (const route of routes.filter((r) => r.path.includes('{code}'))) {
      const r = await anon.send(route.method, url(route, { code: 'ZZZZZZ-2222222222' }), UNSAFE.has(route.method) ? { json: { text: '补正内容' } } : {});
      expectClean(r, `${key(route)} code ZZZZZZ-2222222222`);
      expect(r.status, key(route)).toBe(404);
    }
  });

  it('refuses integers beyond a 32-bit column in every integer parameter with a 400 naming it', async () => {
    let checked = 0;
    for (const route of routes) {
      for (const p of route.params.filter((q) => typeOf(q.schema) === 'integer')) {
        // the column is a PostgreSQL integer: [-2147483648, 2147483647]
        expect([p.schema.minimum ?? -Infinity, p.schema.maximum ?? Infinity], `${key(route)} ${p.name} is bounded in the description`).toSatisfy(
          ([min, max]: number[]) => min >= -2147483648 && max <= 2147483647,
        );
        for (const value of ['2147483648', '-2147483649', '9007199254740993', '99999999999999999999999', '12abc']) {
          const encoded = encodeURIComponent(value);
          const body = UNSAFE.has(route.method) ? { json: {} } : {};
          const r = p.in === 'path' ? await anon.send(route.method, url(route, { [p.name]: encoded }), body) : await anon.send(route.method, url(route, {}, `${p.name}=${encoded}`), body);
          expectNamed(r, p.name, [p.description ?? p.name], `${key(route)} ${p.in} ${p.name}=${value}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 300_000);

  it('refuses amounts of money below 0.01 元 or beyond the column, naming the field; takes the largest the column holds', async () => {
    const officer = staff.officer;
    const fees = `/api/agencies/${w.health.id}/records/fees`;
    const procurements = `/api/agencies/${w.health.id}/records/procurements`;
    const fee = (amountYuan: unknown) => ({ item: '预防性健康体检费', collectedOn: '2026-02-02', amountYuan });
    const procurement = (amountYuan: unknown) => ({ name: '办公设备采购', contractedOn: '2026-02-02', amountYuan });
    // fee_collections.amount_yuan is numeric(14, 2): at most 999,999,999,999.99
    for (const amount of [1e12, '1e12', 999_999_999_999.995, 1e308, 0.001, '0.004', 0, -5]) {
      expectNamed(await officer.send('POST', fees, { json: fee(amount) }), 'amountYuan', ['金额'], `fee ${amount}`);
    }
    // procurements.amount_yuan is numeric(16, 2): at most 99,999,999,999,999.99
    for (const amount of [1e14, 0.001, 0]) {
      expectNamed(await officer.send('POST', procurements, { json: procurement(amount) }), 'amountYuan', ['金额'], `procurement ${amount}`);
    }
    expect((await officer.send('POST', fees, { json: fee(999_999_999_999.99) })).status).toBe(201);
    expect((await officer.send('POST', fees, { json: fee(0.01) })).status).toBe(201);
    expect((await officer.send('POST', procurements, { json: procurement('12345.67') })).status).toBe(201);
    const stored = (await officer.send('GET', `${fees}?year=2026`)).body as { amountYuan: number }[];
    expect(stored.map((f) => f.amountYuan).sort((a, b) => a - b)).toEqual([0.01, 999_999_999_999.99]);
    // the public-item category is an integer column too
    const big = await officer.send('POST', `/api/agencies/${w.health.id}/disclosures`, { json: { title: '测试公开事项', category: 2147483648, formedOn: '2026-02-02' } });
    expectNamed(big, 'category', ['公开类别'], 'category 2^31');
  });

  it('refuses a change sent with Origin: null or a malformed Origin with a 400 naming the header, on every staff route that changes something', async () => {
    let checked = 0;
    for (const route of routes.filter((r) => UNSAFE.has(r.method) && !r.path.startsWith('/api/public/') && r.path !== '/api/auth/login')) {
      for (const origin of ['null', 'http://[', 'not a url', 'javascript:alert(1)', 'file:///etc/passwd']) {
        const r = await staff.officer.send(route.method, url(route), { json: {}, headers: { origin } });
        expectNamed(r, 'headers.origin', ['Origin'], `${key(route)} Origin: ${origin}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect((await staff.officer.send('GET', '/api/auth/me')).status).toBe(200);
  }, 300_000);

  it('refuses NUL inside an imported file, naming the row and the column, and imports nothing', async () => {
    const boundary = 'gkImport';
    const csv = '收费项目,收费日期,金额（元）,缴费人\n体检费,2026-01-02,100,某某公司\n体检\u0000费,2026-01-03,200,某某公司\n';
    const r = await staff.officer.send('POST', `/api/agencies/${w.health.id}/records/fees/import`, {
      raw: multipart(boundary, [{ name: 'file', filename: '收费.csv', type: 'text/csv', content: csv }]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.status).toBe(422);
    expect(r.body.fields).toEqual([{ path: 'row.3.item', message: '第 3 行“收费项目”含有空字符（U+0000），请删除后再提交' }]);
    const fees = (await staff.officer.send('GET', `/api/agencies/${w.health.id}/records/fees?year=2026`)).body as { item: string }[];
    expect(fees.filter((f) => f.item === '体检费')).toEqual([]);
  });

  it('refuses a multipart form with no boundary, or cut short, with a 400 naming what is missing', async () => {
    for (const [k, who] of FORM_ROUTES) {
      const route = routes.find((r) => key(r) === k)!;
      const agent = who === 'anon' ? anon : staff.officer;
      const noBoundary = await agent.send('POST', url(route), { raw: 'data=1', headers: { 'content-type': 'multipart/form-data' } });
      expectNamed(noBoundary, 'headers.content-type', ['boundary'], `${k} without a boundary`);
      const boundary = 'gkCut';
      const cut = multipart(boundary, [
        { name: 'data', content: JSON.stringify(intake(w.health.id)) },
        { name: 'supporting', filename: '材料.pdf', type: 'application/pdf', content: '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n' },
      ], false).subarray(0, -2);
      const r = await agent.send('POST', url(route), { raw: cut, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      expectNamed(r, 'supporting', ['supporting'], `${k} cut short`);
      const headerCut = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="da`);
      expectClean(await agent.send('POST', url(route), { raw: headerCut, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }), `${k} cut in a part header`);
      const longBoundary = 'b'.repeat(300);
      expectClean(await agent.send('POST', url(route), { raw: 'x', headers: { 'content-type': `multipart/form-data; boundary=${longBoundary}` } }), `${k} boundary of 300 characters`);
    }
  }, 120_000);

  it('answers seeded hostile input on every route, from the public and staff of every role, without a 5xx and in Chinese', async () => {
    const random = seededRandom(20261123);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const deep = (n: number): unknown => (n === 0 ? 'a\u0000' : [deep(n - 1)]);
    const STRINGS = [
      'a\u0000b', '\ud800', 'x\udfffy', '', ' ', '0', '-1', '2147483648', '-2147483649', '9007199254740993', '1e400', 'NaN', 'Infinity',
      '0x10', '1.5', 'null', 'true', '[]', '{}', '../../etc/passwd', '%00', '<script>alert(1)</script>', "' OR 1=1 --", '𠮷𠮷𠮷',
      'a'.repeat(5000), '\u202e反向', '\ufeff', '\r\n', '__proto__', 'constructor', '2026-02-30', '9999-99-99', 'Z'.repeat(6) + '-2222222222',
    ];
    const VALUES: unknown[] = [
      ...STRINGS, 0, -1, 2147483648, -2147483649, 2 ** 53 + 2, 1e12, 1e308, 0.001, 1.5, true, false, null,
      [], {}, ['a\u0000'], { nested: '\ud800' }, deep(200), Array.from({ length: 2000 }, (_, i) => i),
    ];
    const KEYS = ['text', 'reason', 'note', 'name', 'title', 'item', 'amountYuan', 'year', 'date', 'on', 'days', 'pages', 'category', 'entries', 'roles', 'password', 'username', 'body', 'kind', 'decision', '__proto__'];
    const PATH_VALUES = ['a%00b', '%ED%A0%80', '%E4', '2147483648', '-1', '0', '..', '%2e%2e%2f', 'x'.repeat(2000), '%20', encodeURIComponent('查询码'), '1e3', 'null', 'ZZZZZZ-2222222222', '1-22222222%00'];
    const encodeValue = (v: unknown) => (typeof v === 'string' && /[\ud800-\udfff]/.test(v) && !/[\ud800-\udbff][\udc00-\udfff]/.test(v) ? '%ED%A0%80' : encodeURIComponent(String(v)));

    // valid bodies, worked out by hand, for the routes that write what they are sent
    const VALID: Record<string, Record<string, unknown>> = {
      'POST /api/public/applications': intake(w.health.id),
      'POST /api/public/track/{code}/correction': { text: '补充身份证明材料' },
      'POST /api/agencies/{agencyId}/applications': { ...intake(w.health.id), channel: 'inPerson', date: '2026-03-01' },
      'POST /api/agencies/{agencyId}/review-cases': { kind: 'reconsideration', caseNumber: '示复〔2026〕1号', body: '示范市人民政府', filedOn: '2026-02-02', notes: '备注' },
      'PUT /api/agencies/{agencyId}/review-cases/{id}': { kind: 'reconsideration', filedOn: '2026-02-02', outcome: 'upheld', decidedOn: '2026-02-20', notes: '维持' },
      'POST /api/agencies/{agencyId}/disclosures': { title: '示范市卫生健康局机构职能', category: 2, formedOn: '2026-02-02', documentNumber: '示卫〔2026〕1号', summary: '摘要', url: 'https://example.gov.cn/1' },
      'PUT /api/agencies/{agencyId}/disclosures/{id}': { title: '示范市卫生健康局机构职能', category: 2, formedOn: '2026-02-02', summary: '摘要' },
      'POST /api/agencies/{agencyId}/records/{kind}': { kind: 'licensing', decisionNumber: '示卫许〔2026〕1号', subject: '某某公司', decidedOn: '2026-02-02', summary: '准予许可' },
      'PUT /api/agencies/{agencyId}/guide': { body: '一、主动公开\n二、依申请公开' },
      'PUT /api/agencies/{agencyId}/contact': { office: '办公室', address: '示范市人民路1号', postcode: '362200', phone: '0595-12345678' },
      'PUT /api/agencies/{agencyId}/reports/{year}/sections': { overview: '概述', problems: '问题', other: '其他' },
      'POST /api/agencies/{agencyId}/reports/{year}/return': { reason: '请修改第五部分' },
      'POST /api/agencies/{agencyId}/users': { username: 'fuzz-new', displayName: '新账号', password: `${PASSWORD}-new`, roles: ['officer'] },
      'PATCH /api/users/{id}': { roles: ['officer'] },
      'PUT /api/calendar/{year}': { source: '国办发明电〔2024〕12号', entries: [{ date: '2025-10-01', kind: 'holiday', name: '国庆节' }] },
      'POST /api/auth/login': { username: 'nobody', password: 'wrong-password' },
    };
    for (const k of Object.keys(VALID)) expect(routes.map(key), k).toContain(k);
    const agents: Agent[] = [anon, ...Object.values(staff)];
    let sent = 0;
    const failures: string[] = [];
    for (const route of routes) {
      const what = key(route);
      const drivers = OWN_SESSION.has(what) ? [anon, throwaway] : agents;
      for (const agent of drivers) {
        for (let n = 0; n < (VALID[what] ? 12 : 4); n++) {
          const given: Record<string, string> = {};
          const query: string[] = [];
          const headers: Record<string, string> = {};
          let json: unknown;
          let raw: Buffer | undefined;
          const where = pick(['path', 'query', 'body', 'body', 'form', 'header'] as const);
          if (where === 'path' && pathParams(route).length > 0) given[pick(pathParams(route)).name] = pick(PATH_VALUES);
          else if (where === 'query') {
            const p = queryParams(route).length > 0 && random() < 0.8 ? pick(queryParams(route)).name : pick(KEYS);
            query.push(`${encodeURIComponent(p)}=${encodeValue(pick(VALUES))}`);
          } else if (where === 'form') {
            const boundary = `gk${Math.floor(random() * 1e9)}`;
            headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
            raw = multipart(boundary, [
              { name: 'data', content: pick([JSON.stringify({ ...intake(w.health.id), [pick(KEYS)]: pick(VALUES) }), '[1,2]', 'null', '{"__proto__":{"x":1}}', 'not json', '"text"']) },
              { name: pick(['supporting', 'idCopy', 'file', 'correction', '__proto__', 'a\u0000']), filename: pick(['材料.pdf', '', 'a\u0000.pdf', '../../x.png', 'x'.repeat(300)]), type: 'application/pdf', content: pick([Buffer.from('%PDF-1.4\n/JS (x)\n%%EOF'), Buffer.alloc(0), Buffer.from('MZ\x90\x00'), Buffer.from('89504e470d0a1a0a', 'hex')]) },
            ], random() < 0.8);
          } else if (where === 'header') {
            Object.assign(headers, pick([{ origin: 'null' }, { origin: 'http://[' }, { 'content-type': 'application/json; charset=utf-16' }, { 'content-type': 'text/plain' }, { 'content-type': 'application/json' }]));
            if (UNSAFE.has(route.method)) raw = Buffer.from(pick(['{', '{"a":', '\u0000', '[]', 'null', '"x"', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}']));
          } else {
            // one field of a valid body made hostile (so the value reaches the service and the database),
            // or a body of hostile fields
            const baseline = VALID[what];
            const props = baseline ? Object.keys(baseline) : Object.keys(route.body?.properties ?? {});
            const body: Record<string, unknown> = baseline && random() < 0.8 ? { ...baseline } : {};
            body[props.length > 0 && random() < 0.8 ? pick(props) : pick(KEYS)] = pick(VALUES);
            if (random() < 0.2) body[pick(KEYS)] = pick(VALUES);
            json = random() < 0.1 ? pick(VALUES) : body;
          }
          if (!UNSAFE.has(route.method)) {
            // a GET has no body
            json = undefined;
            raw = undefined;
            delete headers['content-type'];
          }
          const target = url(route, given, query.join('&'));
          const r = await agent.send(route.method, target, { json, raw, headers });
          const sentWhat = `${agent.name} ${route.method} ${target.slice(0, 160)} ${where} ${JSON.stringify(json ?? raw?.toString('latin1') ?? '').slice(0, 160)}`;
          if (r.status >= 500) failures.push(`${sentWhat} → ${r.status}`);
          else if (r.status >= 400 && !(typeof r.body === 'object' && r.body !== null && CJK.test(String(r.body.error)))) failures.push(`${sentWhat} → ${r.status} not in Chinese: ${JSON.stringify(r.body).slice(0, 200)}`);
          sent++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1500);
    // the staff were driven signed in all along
    for (const agent of Object.values(staff)) expect((await agent.send('GET', '/api/auth/me')).status, agent.name).toBe(200);
  }, 600_000);
});
