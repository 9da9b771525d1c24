/**
 * The public tracking page shows the case to whoever holds the tracking code: never who the applicant is.
 * Its keys are asserted exactly, so a field added to it (the applicant's name, ID number, phone, e-mail, …)
 * fails here until it is added on purpose; and no text in it carries the applicant's personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, intake, makeWorld, type World } from '../helpers/world';

// the smallest valid PNG: 1×1 transparent pixel
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d00000000049454e44ae426082', 'hex');

// the applicant's personal data, each distinctive enough that no other text of the page contains it
const APPLICANT = {
  applicantName: '欧阳青禾',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  email: 'ouyang.qinghe@example.org',
  address: '示范市东城区青禾路 17 号',
};

const TOP_KEYS = ['agencyName', 'clock', 'correction', 'decisionLabel', 'description', 'notices', 'receivedOn', 'repliedOn', 'status', 'statusLabel', 'steps', 'trackingCode'];
const CLOCK_KEYS = ['due', 'dueLabel', 'limits', 'lines', 'overdue', 'state'];
const STEP_KEYS = ['detail', 'label', 'on'];
const NOTICE_KEYS = ['id', 'issuedOn', 'number', 'title'];
const CORRECTION_KEYS = ['dueOn', 'items'];

/** Every string in a JSON value, with where it is. */
function strings(x: unknown, at = '$'): { at: string; s: string }[] {
  if (typeof x === 'string') return [{ at, s: x }];
  if (Array.isArray(x)) return x.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (x !== null && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => [{ at: `${at} (key)`, s: k }, ...strings(v, `${at}.${k}`)]);
  return [];
}

/** The page's shape: its keys exactly, and those of each part. */
function expectShape(page: Record<string, unknown>) {
  expect(Object.keys(page).sort()).toEqual(TOP_KEYS);
  expect(Object.keys(page.clock as object).sort()).toEqual(CLOCK_KEYS);
  for (const step of page.steps as object[]) {
    for (const k of Object.keys(step)) expect(STEP_KEYS, `step key ${k}`).toContain(k);
  }
  for (const notice of page.notices as object[]) expect(Object.keys(notice).sort()).toEqual(NOTICE_KEYS);
  if (page.correction !== null) expect(Object.keys(page.correction as object).sort()).toEqual(CORRECTION_KEYS);
}

/** No string of the page is, or contains, any of the applicant's personal data (ID number in either case). */
function expectNoPersonalData(page: unknown) {
  const secrets = [APPLICANT.applicantName, APPLICANT.idNumber, APPLICANT.idNumber.toLowerCase(), APPLICANT.phone, APPLICANT.email, APPLICANT.address];
  const leaks = strings(page).filter(({ s }) => secrets.some((secret) => s.includes(secret)));
  expect(leaks).toEqual([]);
  // and not in any form at all, whatever the key (e.g. the ID number spread over a number)
  const raw = JSON.stringify(page);
  for (const secret of secrets) expect(raw.includes(secret), secret).toBe(false);
}

describe.each(DB_KINDS)('the public tracking page (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  let anon: Client;
  let officer: Client;
  let code: string;
  let id: string;

  beforeAll(async () => {
    server = await startServer(kind);
    w = await makeWorld(server.ctx);
    anon = new Client(server.url);
    officer = new Client(server.url);
    expect((await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD })).status).toBe(200);
    const f = new FormData();
    f.append('data', JSON.stringify(intake(w.health.id, APPLICANT)));
    f.append('idCopy', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '身份证.png');
    const r = await anon.request('POST', '/api/public/applications', f);
    expect(r.status).toBe(201);
    code = r.body.trackingCode;
    const list = await officer.get(`/api/agencies/${w.health.id}/applications?q=${encodeURIComponent(APPLICANT.applicantName)}`);
    expect(list.body).toHaveLength(1);
    id = list.body[0].id;
    // the staff side does hold the personal data (so the checks below are not vacuous)
    const staff = await officer.get(`/api/agencies/${w.health.id}/applications/${id}`);
    expect(JSON.stringify(staff.body)).toContain(APPLICANT.idNumber);
    expect(JSON.stringify(staff.body)).toContain(APPLICANT.phone);
  });
  afterAll(() => server.close());

  it('a new application: exactly the public keys, and none of the applicant\'s personal data', async () => {
    const t = await anon.get(`/api/public/track/${code}`);
    expect(t.status).toBe(200);
    expectShape(t.body);
    expect(t.body).toMatchObject({ trackingCode: code, agencyName: '示范市卫生健康局', receivedOn: '2026-03-02', statusLabel: '待办理', correction: null, notices: [] });
    expectNoPersonalData(t.body);
  });

  it('awaiting correction, with its notice, and the answer to the correction: the same', async () => {
    const a = await officer.post(`/api/agencies/${w.health.id}/applications/${id}/actions/requestCorrection`, { items: '请写明所需许可决定的年份和类别', periodDays: 15 });
    expect(a.status).toBe(200);
    const t = await anon.get(`/api/public/track/${code}`);
    expect(t.status).toBe(200);
    expectShape(t.body);
    expect(t.body.correction).toEqual({ items: '请写明所需许可决定的年份和类别', dueOn: expect.any(String) });
    expect(t.body.steps.map((s: { label: string }) => s.label)).toEqual(['收到申请', '告知补正']);
    expectNoPersonalData(t.body);

    const f = new FormData();
    f.append('data', JSON.stringify({ text: '需要 2025 年的行政许可决定目录' }));
    const c = await anon.request('POST', `/api/public/track/${code}/correction`, f);
    expect(c.status).toBe(200);
    expectShape(c.body);
    expect(c.body.correction).toBeNull();
    expectNoPersonalData(c.body);
  });
});
