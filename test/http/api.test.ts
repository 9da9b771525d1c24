/**
 * The HTTP API over a real socket: sessions, refusals, public intake with uploads, rate limits, OpenAPI.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../helpers/db';
import { fixturePath } from '../helpers/fixtures';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, intake, makeWorld, type World } from '../helpers/world';

const PDF = readFileSync(fixturePath('hongze-district-2024', 'pdf'));
// the smallest valid PNG: 1×1 transparent pixel
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d00000000049454e44ae426082', 'hex');

function form(data: unknown, files: { field: string; name: string; bytes: Uint8Array; type?: string }[]): FormData {
  const f = new FormData();
  f.append('data', JSON.stringify(data));
  for (const file of files) f.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return f;
}

describe.each(DB_KINDS)('HTTP API (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  let anon: Client;
  let officer: Client;
  let reviewer: Client;
  let other: Client;
  let supervisor: Client;
  const agencyPath = () => `/api/agencies/${w.health.id}/applications`;

  beforeAll(async () => {
    // behind a proxy (X-Forwarded-For names the address), as a deployment would be
    server = await startServer(kind, { trustProxy: 1, rateLimit: { intakePerHour: 5, trackPerMinute: 200, loginPerMinute: 50 } });
    w = await makeWorld(server.ctx);
    anon = new Client(server.url);
    const login = async (username: string) => {
      const c = new Client(server.url);
      const r = await c.post('/api/auth/login', { username, password: PASSWORD });
      expect(r.status).toBe(200);
      return c;
    };
    officer = await login('officer');
    reviewer = await login('reviewer');
    other = await login('eofficer');
    supervisor = await login('supervisor');
  });
  afterAll(() => server.close());

  describe('sessions', () => {
    it('sets an http-only, same-site cookie and knows who is signed in', async () => {
      const c = new Client(server.url);
      const r = await c.post('/api/auth/login', { username: 'officer', password: PASSWORD });
      const cookie = r.headers.getSetCookie()[0];
      expect(cookie).toMatch(/^gk_session=[\w-]{43}; /);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect((await c.get('/api/auth/me')).body.user).toMatchObject({ name: 'officer', agencyName: '示范市卫生健康局', roles: ['officer'] });
      await c.post('/api/auth/logout');
      expect((await c.get('/api/auth/me')).status).toBe(401);
    });

    it('refuses a wrong password in Chinese, and every staff route without a session', async () => {
      expect((await anon.post('/api/auth/login', { username: 'officer', password: 'nope-nope-1' })).body).toEqual({ error: '用户名或密码错误' });
      const login = await anon.post('/api/auth/login', { username: '', password: '' });
      expect(login.status).toBe(400);
      expect(login.body.fields).toEqual([
        { path: 'username', message: '请填写用户名' },
        { path: 'password', message: '请填写密码' },
      ]);
      for (const path of [agencyPath(), '/api/colleagues', '/api/calendar', `/api/agencies/${w.health.id}/users`, `/api/agencies/${w.health.id}/review-cases`]) {
        const r = await anon.get(path);
        expect(r.status, path).toBe(401);
        expect(r.body).toEqual({ error: '请先登录' });
      }
    });

    it('refuses a change sent with the session from another site (CSRF)', async () => {
      const r = await officer.post(agencyPath(), intake(w.health.id), { origin: 'https://evil.example' });
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('跨站请求被拒绝');
    });
  });

  describe('public intake', () => {
    it('takes a JSON application and returns the tracking code; the tracking page follows it', async () => {
      const r = await anon.post('/api/public/applications', intake(w.health.id));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ receivedOn: '2026-03-02', agencyName: '示范市卫生健康局' });
      const t = await anon.get(`/api/public/track/${r.body.trackingCode}`);
      expect(t.body).toMatchObject({ statusLabel: '待办理', steps: [{ label: '收到申请' }], clock: { due: '2026-03-30' } });
      expect((await anon.get('/api/public/track/9-XXXXXXXXXX')).status).toBe(404);
      expect((await anon.get('/api/public/track/garbage')).body.error).toBe('查询码无效');
    });

    it('takes uploads checked by their bytes: a PDF and a PNG', async () => {
      const r = await anon.request(
        'POST',
        '/api/public/applications',
        form(intake(w.health.id, { applicantName: '上传者' }), [
          { field: 'idCopy', name: '身份证.png', bytes: PNG, type: 'image/png' },
          { field: 'supporting', name: '材料.pdf', bytes: PDF, type: 'application/pdf' },
        ]),
      );
      expect(r.status).toBe(201);
      const list = await officer.get(`${agencyPath()}?q=${encodeURIComponent('上传者')}`);
      const page = await officer.get(`${agencyPath()}/${list.body[0].id}`);
      expect(page.body.attachments.map((a: { kind: string; mime: string }) => `${a.kind}:${a.mime}`)).toEqual(['idCopy:image/png', 'supporting:application/pdf']);
      // the tracking code opens the case's reply letters, not the applicant's ID copy or other files
      for (const a of page.body.attachments as { id: string }[]) {
        const file = await anon.get(`/api/public/track/${r.body.trackingCode}/letters/${a.id}`);
        expect(file.status).toBe(404);
        expect(file.body).toEqual({ error: '未找到该文书' });
      }
    });

    it('refuses oversize files, files that are not what they claim, and too many files', async () => {
      const big = await anon.request('POST', '/api/public/applications', form(intake(w.health.id), [{ field: 'supporting', name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]) }]));
      expect(big.status).toBe(413);
      expect(big.body.error).toBe('附件超过 10 MB');
      const fake = await anon.request('POST', '/api/public/applications', form(intake(w.health.id), [{ field: 'supporting', name: '材料.pdf', bytes: Buffer.from('MZ\x90\x00 this is a windows program'), type: 'application/pdf' }]));
      expect(fake.status).toBe(415);
      expect(fake.body.error).toBe('附件“材料.pdf”的文件类型不支持，仅接受 PDF、JPG、PNG 文件');
      const many = await anon.request(
        'POST',
        '/api/public/applications',
        form(intake(w.health.id), Array.from({ length: 6 }, (_, i) => ({ field: 'supporting', name: `${i}.png`, bytes: PNG }))),
      );
      expect(many.status).toBe(413);
      expect(many.body.error).toBe('附件最多 5 个');
      // nothing half-written: none of the refused submissions left an application
      const all = await officer.get(`${agencyPath()}?status=all`);
      expect(all.body.filter((c: { applicantName: string }) => c.applicantName === '张三')).toHaveLength(1);
    });
  });

  describe('bad input on every field of the public form is refused with the Chinese message for that field', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['agency', { agencyId: 0 }, 'agencyId', '请选择受理机关'],
      ['applicant type', { applicantType: 'alien' }, 'applicantType', '请选择申请人类型'],
      ['name', { applicantName: '  ' }, 'applicantName', '请填写姓名或名称'],
      ['name too long', { applicantName: '名'.repeat(101) }, 'applicantName', '姓名或名称不能超过 100 字'],
      ['id type', { idType: 'badge' }, 'idType', '请选择证件类型'],
      ['id number checksum', { idNumber: '110105194912310021' }, 'idNumber', '居民身份证号码不正确（应为 18 位，校验位有误或出生日期无效）'],
      ['organisation id type', { applicantType: 'commercial', legalRepresentative: '某' }, 'idType', '法人或其他组织请填写统一社会信用代码'],
      ['credit code checksum', { applicantType: 'legal', idType: 'uscc', idNumber: '91350100M000100Y44', legalRepresentative: '某' }, 'idNumber', '统一社会信用代码不正确（应为 18 位，校验位有误）'],
      ['legal representative', { applicantType: 'commercial', idType: 'uscc', idNumber: '91350100M000100Y43' }, 'legalRepresentative', '请填写法定代表人或者负责人'],
      ['phone', { phone: '12345' }, 'phone', '请填写正确的联系电话（手机号或带区号的固定电话）'],
      ['email', { email: 'not-an-email' }, 'email', '电子邮箱格式不正确'],
      ['postcode', { postcode: '1234' }, 'postcode', '邮政编码应为 6 位数字'],
      ['description', { description: '信息' }, 'description', '请描述所需政府信息的名称、文号或者便于查询的其他特征性描述（至少 5 个字）'],
      ['purpose too long', { purpose: '用'.repeat(501) }, 'purpose', '用途不能超过 500 字'],
      ['form', { form: 'stone tablet' }, 'form', '请选择获取信息的形式（纸质或电子）'],
      ['delivery', { delivery: 'pigeon' }, 'delivery', '请选择获取信息的方式'],
      ['email needed for email delivery', { email: '' }, 'email', '选择电子邮件获取时，请填写电子邮箱'],
      ['address needed for post', { delivery: 'post', postcode: '350001' }, 'address', '选择邮寄获取时，请填写通信地址'],
    ];
    it.each(cases.map((c, i) => [...c, i] as const))('%s', async (_name, change, path, message, i) => {
      const r = await anon.post('/api/public/applications', intake(w.health.id, change), { 'x-forwarded-for': `10.0.1.${i}` });
      expect(r.status).toBe(400);
      expect(r.body.fields).toContainEqual({ path, message });
      expect(r.body.error).toMatch(/^申请内容有误：/);
    });
  });

  describe('staff refusals', () => {
    let id = '';
    let version = 0;
    beforeAll(async () => {
      const r = await officer.post(agencyPath(), { ...intake(w.health.id, { applicantName: '登记人' }), channel: 'inPerson', date: '2026-03-02' });
      expect(r.status).toBe(201);
      id = r.body.id;
      version = (await officer.get(`${agencyPath()}/${id}`)).body.version;
    });

    it("another agency's case: not visible, not changeable", async () => {
      expect((await other.get(`${agencyPath()}/${id}`)).body).toEqual({ error: '无权查看其他机关的数据' });
      const r = await other.post(`${agencyPath()}/${id}/actions/close`, {});
      expect(r.status).toBe(403);
      expect((await other.get(agencyPath())).status).toBe(403);
    });

    it("another agency's settings: its reply-letter template, 公开指南 and details are not shown to other agencies' staff", async () => {
      for (const path of [`/api/agencies/${w.health.id}/letter-template`, `/api/agencies/${w.health.id}/guide`, `/api/agencies/${w.health.id}`]) {
        const r = await other.get(path);
        expect(r.status, path).toBe(403);
        expect(r.body, path).toEqual({ error: '无权查看其他机关的数据' });
        // the city's supervisor reads them (the health bureau is below the city), its own staff too
        expect((await supervisor.get(path)).status, path).toBe(200);
        expect((await officer.get(path)).status, path).toBe(200);
      }
    });

    it('the wrong role, a step not allowed now, a stale version', async () => {
      const a = await reviewer.post(`${agencyPath()}/${id}/actions/requestCorrection`, { items: '请明确' });
      expect(a.status).toBe(403);
      expect(a.body.error).toBe('“告知补正”需要信息公开工作人员或管理员权限');
      const b = await officer.post(`${agencyPath()}/${id}/actions/close`, {});
      expect(b).toMatchObject({ status: 409, body: { error: '申请当前状态为“待办理”，不能办结' } });
      const c = await officer.post(`${agencyPath()}/${id}/actions/assign?version=${version}`, { assigneeId: w.officer.userId });
      expect(c.status).toBe(200);
      const d = await officer.post(`${agencyPath()}/${id}/actions/assign?version=${version}`, { assigneeId: w.officer.userId });
      expect(d).toMatchObject({ status: 409, body: { error: '该申请已被他人更新，请刷新页面后重试' } });
    });

    it('a supervisor reads the departments below, and changes nothing', async () => {
      expect((await supervisor.get(`${agencyPath()}/${id}`)).body.allowedActions).toEqual([]);
      expect((await supervisor.post(`${agencyPath()}/${id}/actions/close`, {})).status).toBe(403);
    });

    it('malformed ids and unknown steps are refused in Chinese', async () => {
      expect((await officer.get(`${agencyPath()}/not-a-uuid`)).body.error).toBe('输入有误：申请编号无效');
      expect((await officer.post(`${agencyPath()}/${id}/actions/teleport`, {})).body.error).toBe('输入有误：无效的办理步骤');
      expect((await officer.get(`${agencyPath()}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    });

    it('only administrators manage accounts; only the platform administrator the calendar', async () => {
      const r = await officer.post(`/api/agencies/${w.health.id}/users`, { username: 'sneaky', displayName: 'x', password: PASSWORD, roles: ['admin'] });
      expect(r.status).toBe(403);
      const cal = await officer.put('/api/calendar/2027', { source: 'x', entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
      expect(cal.status).toBe(403);
    });
  });

  describe('the reply letter', () => {
    it('is downloadable by staff and, with the tracking code, by the applicant', async () => {
      const created = await anon.post('/api/public/applications', intake(w.health.id, { applicantName: '取信人' }), { 'x-forwarded-for': '10.0.0.2' });
      const list = await officer.get(`${agencyPath()}?q=${encodeURIComponent('取信人')}`);
      const id = list.body[0].id;
      expect((await officer.post(`${agencyPath()}/${id}/actions/reply`, { decision: 'alreadyPublic' })).status).toBe(200);
      const t = await anon.get(`/api/public/track/${created.body.trackingCode}`);
      const letter = t.body.notices.at(-1);
      const file = await anon.get(`/api/public/track/${created.body.trackingCode}/letters/${letter.id}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''%E6%94%BF%E5%BA%9C");
      expect(file.raw.subarray(0, 2).toString()).toBe('PK');
      // the code is the key: another code cannot fetch this letter
      expect((await anon.get(`/api/public/track/${w.health.id.toString(36).toUpperCase()}-AAAAAAAAAA/letters/${letter.id}`)).status).toBe(404);
    });
  });

  describe('rate limits on public endpoints', () => {
    it('too many submissions from one address are refused in Chinese', async () => {
      const statuses: number[] = [];
      let last: { body: { error?: string } } | null = null;
      for (let i = 0; i < 7; i++) {
        last = await anon.post('/api/public/applications', intake(w.health.id, { applicantName: `频繁${i}` }), { 'x-forwarded-for': '10.9.9.9' });
        statuses.push((last as unknown as { status: number }).status);
      }
      // the limit is per address (5 an hour in this test); earlier tests used other addresses
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(5);
      expect(statuses.at(-1)).toBe(429);
      expect(last!.body.error).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    });
  });

  it('serves the OpenAPI description', async () => {
    const r = await anon.get('/api/docs/json');
    expect(r.body.openapi).toMatch(/^3\./);
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/public/applications', '/api/agencies/{agencyId}/applications/{id}/actions/{action}', '/api/auth/login']));
    expect((await anon.get('/api/docs')).status).toBeLessThan(400);
  });
});
