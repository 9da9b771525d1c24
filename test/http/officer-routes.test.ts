/**
 * The routes of "work the way officers do" over a real socket, their answers as their response schemas
 * declare them: what waits for the reviewer, the holiday notice read for confirmation, 主动公开 items imported,
 * records edited and deleted, a file imported twice (409), 25 extension days refused (400 naming the field).
 * And every one of them in the OpenAPI description with its response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, submitOnline } from '../../src/services/applications';
import { DB_KINDS } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, intake, makeWorld, type World } from '../helpers/world';

const csv = (name: string, text: string) => {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), name);
  return form;
};

describe.each(DB_KINDS)('officer routes over HTTP (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  let officer: Client;
  let reviewer: Client;
  let platformAdmin: Client;
  const a = () => `/api/agencies/${w.health.id}`;

  beforeAll(async () => {
    server = await startServer(kind, {}, '2026-03-10');
    w = await makeWorld(server.ctx);
    const login = async (username: string) => {
      const c = new Client(server.url, { origin: server.url });
      expect((await c.post('/api/auth/login', { username, password: PASSWORD })).status).toBe(200);
      return c;
    };
    officer = await login('officer');
    reviewer = await login('reviewer');
    platformAdmin = await login('padmin');
  });
  afterAll(() => server?.close());

  it('GET …/waiting: the extension requests and reports waiting; the queue filtered by ?waiting=extension', async () => {
    const { id } = await submitOnline(server.ctx, intake(w.health.id));
    await act(server.ctx, w.officer, w.health.id, id, 'requestExtension', { days: 10, reason: '涉及多年度档案' });
    const r = await reviewer.get(`${a()}/waiting`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ extensions: 1, reports: [] });
    const list = await reviewer.get(`${a()}/applications?waiting=extension`);
    expect(list.status).toBe(200);
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await reviewer.get(`${a()}/applications?waiting=reports`)).status).toBe(400);
  });

  it('25 extension days are refused with the limit, naming the field — not changed to 20', async () => {
    const { id } = await submitOnline(server.ctx, intake(w.health.id));
    const r = await officer.post(`${a()}/applications/${id}/actions/requestExtension`, { days: 25, reason: '涉及多年度档案' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: '延长的期限最长不得超过 20 个工作日（条例第三十三条第二款）', fields: [{ path: 'days', message: '延长的期限最长不得超过 20 个工作日（条例第三十三条第二款）' }] });
    // nothing was taken
    expect((await officer.get(`${a()}/applications/${id}`)).body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted']);
    // 20 is the limit and is taken as asked; the reviewer cannot grant 25 either
    expect((await officer.post(`${a()}/applications/${id}/actions/requestExtension`, { days: 20, reason: '涉及多年度档案' })).status).toBe(200);
    const approve = await reviewer.post(`${a()}/applications/${id}/actions/approveExtension`, { days: 25 });
    expect(approve).toMatchObject({ status: 400, body: { fields: [{ path: 'days' }] } });
  });

  it('POST /api/calendar/notice reads the pasted notice for confirmation and saves nothing', async () => {
    const text = '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）放假1天，不调休。\n二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。';
    const r = await platformAdmin.post('/api/calendar/notice', { text });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2027, known: null, enteredSource: null, problems: [], notes: [] });
    // 2027-02-06 Sat … 02-12 Fri: 7 days; 02-20 is a Saturday
    expect(r.body.entries).toHaveLength(9);
    expect(r.body.festivals.map((f: { name: string; holidays: string[]; workdays: string[] }) => [f.name, f.holidays.length, f.workdays])).toEqual([
      ['元旦', 1, []],
      ['春节', 7, ['2027-02-20']],
    ]);
    expect((await platformAdmin.get('/api/calendar')).body.enteredYears).toEqual([]);
    // saved as read: the year is then known
    expect((await platformAdmin.put('/api/calendar/2027', { source: '国办发明电〔2026〕9号', entries: r.body.entries })).status).toBe(200);
    expect((await platformAdmin.post('/api/calendar/notice', { text })).body).toMatchObject({ known: 'entered', enteredSource: '国办发明电〔2026〕9号' });
    // a year chinese-days has
    expect((await platformAdmin.post('/api/calendar/notice', { text: '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。', year: 2026 })).body).toMatchObject({ known: 'package', problems: [] });
    // only the platform's administrator; an empty paste names the field
    expect((await officer.post('/api/calendar/notice', { text })).status).toBe(403);
    expect(await platformAdmin.post('/api/calendar/notice', { text: '  ' })).toMatchObject({ status: 400, body: { fields: [{ path: 'text' }] } });
  });

  it('POST …/disclosures/import, and the template to download', async () => {
    const file = csv('items.csv', '标题,公开类别,形成或变更日期,公开日期,公开渠道\n示范市卫生健康局机构职能,2,2026-03-02,2026-03-03,政府网站\n医疗机构执业许可公示,5,2026-03-04,,\n');
    const r = await officer.post(`${a()}/disclosures/import`, file);
    expect(r).toMatchObject({ status: 200, body: { inserted: 2 } });
    const list = await officer.get(`${a()}/disclosures`);
    expect(list.body.items.map((i: { title: string; status: string }) => [i.title, i.status]).sort()).toEqual([
      ['医疗机构执业许可公示', 'draft'],
      ['示范市卫生健康局机构职能', 'published'],
    ]);
    const again = await officer.post(`${a()}/disclosures/import`, csv('items-2.csv', '标题,公开类别,形成或变更日期,公开日期,公开渠道\n示范市卫生健康局机构职能,2,2026-03-02,2026-03-03,政府网站\n医疗机构执业许可公示,5,2026-03-04,,\n'));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/^该文件已于 2026年3月10日 10:00 导入/);
    const template = await officer.get('/api/import-templates/disclosures');
    expect(template.status).toBe(200);
    expect(template.headers.get('content-disposition')).toContain(encodeURIComponent('导入模板-主动公开事项.xlsx'));
  });

  it('PUT and DELETE …/records/:kind/:id; a records file imported twice is a 409', async () => {
    const imported = await officer.post(`${a()}/records/decisions/import`, csv('decisions.csv', '类别,相对人,决定日期\n行政许可,某某诊所,2026-03-02\n'));
    expect(imported).toMatchObject({ status: 200, body: { inserted: 1 } });
    expect((await officer.post(`${a()}/records/decisions/import`, csv('decisions.csv', '类别,相对人,决定日期\n行政许可,某某诊所,2026-03-02\n'))).status).toBe(409);
    const [row] = (await officer.get(`${a()}/records/decisions`)).body;
    const put = await officer.put(`${a()}/records/decisions/${row.id}`, { kind: 'punishment', subject: '某某诊所', decidedOn: '2026-03-03' });
    expect(put).toMatchObject({ status: 200, body: { ok: true } });
    expect((await officer.get(`${a()}/records/decisions`)).body[0]).toMatchObject({ id: row.id, kind: 'punishment', decidedOn: '2026-03-03' });
    expect((await officer.put(`${a()}/records/decisions/${row.id}`, { kind: 'punishment', decidedOn: '2026-03-03' })).body).toMatchObject({ fields: [{ path: 'subject' }] });
    expect((await reviewer.request('DELETE', `${a()}/records/decisions/${row.id}`)).status).toBe(403);
    expect(await officer.request('DELETE', `${a()}/records/decisions/${row.id}`)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await officer.get(`${a()}/records/decisions`)).body).toEqual([]);
    expect((await officer.request('DELETE', `${a()}/records/decisions/${row.id}`)).status).toBe(404);
    expect((await officer.request('DELETE', `${a()}/records/other/${row.id}`)).status).toBe(400);
  });

  it('the new routes are described with their responses in /api/docs', async () => {
    const doc = (await officer.get('/api/docs/json')).body;
    for (const [path, method] of [
      ['/api/agencies/{agencyId}/waiting', 'get'],
      ['/api/calendar/notice', 'post'],
      ['/api/agencies/{agencyId}/disclosures/import', 'post'],
      ['/api/agencies/{agencyId}/records/{kind}/{id}', 'put'],
      ['/api/agencies/{agencyId}/records/{kind}/{id}', 'delete'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(Object.keys(op.responses['200']?.content?.['application/json']?.schema?.properties ?? {}), `${method} ${path}`).not.toEqual([]);
    }
  });
});
