/**
 * The collection routes over HTTP (src/http/routes/supervision.ts): an upload as a multipart form, its progress
 * polled until read, the match confirmed, the original downloaded, the collection of the year and the
 * deadlines — every answer through its declared response schema — and the routes in the API description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from '../../src/demo/city';
import { renderReport } from '../../src/demo/write';
import { DB_KINDS } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, makeWorld, type World } from '../helpers/world';

const city = generateCity({ agencies: 2, years: [2024], seed: 5 });

describe.each(DB_KINDS)('the supervising office\'s collection over HTTP (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  let supervisor: Client;
  let officer: Client;

  beforeAll(async () => {
    server = await startServer(kind);
    w = await makeWorld(server.ctx);
    supervisor = new Client(server.url, { origin: server.url });
    officer = new Client(server.url, { origin: server.url });
    expect((await supervisor.post('/api/auth/login', { username: 'supervisor', password: PASSWORD })).status).toBe(200);
    expect((await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD })).status).toBe(200);
  }, 60_000);
  afterAll(() => server?.close());

  it('upload, progress, match, original, collection and deadlines', async () => {
    const education = city.reports.find((r) => r.agency === w.education.name)!;
    const government = city.reports.find((r) => r.agency === w.city.name)!;
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(await renderReport(education, 'txt'))]), '教育局2024年报告.txt');
    form.append('files', new Blob([new Uint8Array(await renderReport(government, 'html'))]), '市政府2024年报告.html');
    const up = await supervisor.post('/api/supervision/batches', form);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.batch).toMatchObject({ total: 2, status: 'reading' });

    // the officer may neither upload nor look
    const refused = new FormData();
    refused.append('files', new Blob(['x']), 'a.txt');
    expect((await officer.post('/api/supervision/batches', refused)).status).toBe(403);
    expect((await officer.get(`/api/supervision/batches/${up.body.batch.id}`)).status).toBe(403);

    // polled as the page does, until read
    let detail = (await supervisor.get(`/api/supervision/batches/${up.body.batch.id}`)).body;
    while (detail.batch.status === 'reading') {
      await new Promise((r) => setTimeout(r, 200));
      detail = (await supervisor.get(`/api/supervision/batches/${up.body.batch.id}`)).body;
    }
    expect(detail.batch).toMatchObject({ status: 'done', total: 2, read: 2, failed: 0 });
    const txt = detail.files.find((f: { name: string }) => f.name === '教育局2024年报告.txt');
    expect(txt).toMatchObject({ status: 'read', subjectAgencyId: w.education.id, subjectAgency: w.education.name, year: 2024, matchScore: 100, kind: 'text' });
    expect(typeof txt.createdAt).toBe('string');

    const list = await supervisor.get('/api/supervision/batches');
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ id: up.body.batch.id, status: 'done', read: 2 });

    const confirmed = await supervisor.put(`/api/supervision/files/${txt.id}/match`, { subjectAgencyId: w.education.id, year: 2024, version: txt.version });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ matchConfirmed: true, version: txt.version + 1 });

    const original = await supervisor.get(`/api/supervision/files/${txt.id}/original`);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-disposition')).toContain(encodeURIComponent('教育局2024年报告.txt'));
    expect(original.raw.equals(await renderReport(education, 'txt'))).toBe(true);

    const collection = await supervisor.get('/api/supervision/collection?year=2024');
    expect(collection.status, JSON.stringify(collection.body).slice(0, 300)).toBe(200);
    const rowOf = (id: number) => collection.body.rows.find((r: { agencyId: number }) => r.agencyId === id);
    expect(rowOf(w.education.id)).toMatchObject({ published: true, source: 'upload', fileId: txt.id, dueOn: '2025-01-31', late: false });
    expect(rowOf(w.city.id)).toMatchObject({ published: true, source: 'upload', dueOn: '2025-03-31' });
    expect(rowOf(w.health.id)).toMatchObject({ published: false, late: true });
    expect((await officer.get('/api/supervision/collection?year=2024')).status).toBe(403);

    const deadlines = await supervisor.put('/api/supervision/deadlines', { department: '01-20', government: null });
    expect(deadlines.body).toEqual({ department: '01-20', government: '03-31', custom: true });
    expect((await supervisor.put('/api/supervision/deadlines', { department: '13-01' })).status).toBe(400);
  }, 120_000);

  it('the routes are described in the API documentation', async () => {
    const docs = await supervisor.get('/api/docs/json');
    expect(docs.status).toBe(200);
    for (const p of ['/api/supervision/batches', '/api/supervision/batches/{id}', '/api/supervision/files/{id}/match', '/api/supervision/collection', '/api/supervision/deadlines']) {
      expect(Object.keys(docs.body.paths)).toContain(p);
    }
  });
});
