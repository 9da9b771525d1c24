/**
 * The supervision audit, follow-up and comparison routes (src/http/routes/supervision-audit.ts) end to end over
 * HTTP, with real data: every answer passes its declared response schema (a mismatch would be a 500), a
 * dismissal without a reason is a 400 naming the field, and the downloads are a .docx and an .xlsx.
 *
 * The data: 卫生健康局's 2025 report uploaded as a file, its 一、本年新收 自然人 cell three more than the row's
 * 总计 allows; the city's own 2025 report published in Gongkai, clean.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportVersions, supervisedFiles, supervisionBatches } from '../../src/db/schema';
import { checkReportAlone } from '../../src/core/report/checks';
import { blankReportOf } from '../../src/core/report/blank';
import type { Report2021 } from '../../src/core/report/model';
import { reportText } from '../../src/demo/text';
import { readReportFile } from '../../src/services/report-files';
import { DB_KINDS } from '../helpers/db';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, makeWorld, type World } from '../helpers/world';

/** A small consistent 2021-format report: 10 applications from natural persons, 8 disclosed, 2 carried forward. */
function report(agency: string): Report2021 {
  const r = blankReportOf('2021', 'split', agency, 2025, 0) as Report2021;
  r.applications.received[0] = 10;
  r.applications.received[6] = 10;
  r.applications.disclosed[0] = 8;
  r.applications.disclosed[6] = 8;
  r.applications.total[0] = 8;
  r.applications.total[6] = 8;
  r.applications.carriedForward[0] = 2;
  r.applications.carriedForward[6] = 2;
  return r;
}

describe.each(DB_KINDS)('supervision audit routes (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  const supervisor = () => new Client(server.url, { origin: server.url });
  let c: Client;
  let fileId: string;

  beforeAll(async () => {
    server = await startServer(kind);
    w = await makeWorld(server.ctx);
    const { db } = server.ctx;
    const batchId = randomUUID();
    await db.insert(supervisionBatches).values({ agencyId: w.city.id, id: batchId, status: 'done', total: 1 });
    const planted = report(w.health.name);
    planted.applications.received[0] = 13;
    const text = reportText(planted, { overview: '本机关认真贯彻落实政府信息公开条例。' }, { signatureDate: '2026年1月20日' });
    const read = await readReportFile('卫健局2025.txt', Buffer.from(text));
    const own = checkReportAlone(read.report!, read.narrative);
    fileId = randomUUID();
    await db.insert(supervisedFiles).values({
      agencyId: w.city.id,
      id: fileId,
      batchId,
      name: '卫健局2025.txt',
      sha256: createHash('sha256').update(text).digest('hex'),
      size: text.length,
      storageKey: `test/${fileId}`,
      status: 'read',
      kind: 'text',
      subjectAgencyId: w.health.id,
      matchConfirmed: true,
      year: 2025,
      data: read.report,
      findings: [...read.findings, ...own.tables, ...own.narrative],
      narrative: read.narrative,
      text,
      createdAt: new Date('2026-02-01T10:00:00+08:00'),
    });
    await db.insert(reportVersions).values({ agencyId: w.city.id, year: 2025, version: 1, source: 'published', data: report(w.city.name), sections: {}, findings: [], publishedAt: new Date('2026-01-30T10:00:00+08:00') });
    c = supervisor();
    expect((await c.post('/api/auth/login', { username: 'supervisor', password: PASSWORD })).status).toBe(200);
  }, 60_000);
  afterAll(() => server?.close());

  it('findings, context, decisions, corrections, 整改 and the comparison, each as its schema declares', async () => {
    const list = await c.get('/api/supervision/findings?severity=error');
    expect(list.status).toBe(200);
    const cell = list.body.rows.find((r: { where: string }) => r.where === 'applications.received[0]');
    // 13 printed where the 总计 of 10 allows 10
    expect(cell).toMatchObject({ agency: '示范市卫生健康局', year: 2025, source: 'upload', fileId, rule: 'applications.rowTotal', cell: '一、本年新收政府信息公开申请数量，自然人列', decision: null });
    expect(cell.message).toContain('应为 10，实为 13');

    const key = { subjectAgencyId: w.health.id, year: 2025, fingerprint: cell.fingerprint };
    const ctx = await c.get(`/api/supervision/findings/context?subjectAgencyId=${key.subjectAgencyId}&year=2025&fingerprint=${encodeURIComponent(key.fingerprint)}`);
    expect(ctx.status).toBe(200);
    expect(ctx.body.table).toBe('applications');
    const marked = ctx.body.text.lines[ctx.body.text.marks[0].line - 1] as string;
    expect(marked.split('\t').slice(0, 2)).toEqual(['一、本年新收政府信息公开申请数量', '13']);

    const noReason = await c.post('/api/supervision/findings/decide', { ...key, decision: 'dismissed' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toEqual([{ path: 'reason', message: '排除问题须填写理由' }]);
    const confirmed = await c.post('/api/supervision/findings/decide', { ...key, decision: 'confirmed' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ decision: 'confirmed', carriedOver: false, decidedBy: 'supervisor' });

    const issued = await c.post('/api/supervision/rectifications', { subjectAgencyId: w.health.id, year: 2025, dueOn: '2026-04-30' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ number: '示范市人民政府政务公开整改〔2026〕1号', status: 'issued', findings: [{ words: '一、本年新收政府信息公开申请数量，自然人列填报为 13' }] });
    const docx = await c.get(`/api/supervision/rectifications/${issued.body.id}/notice.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.raw.subarray(0, 2).toString()).toBe('PK');

    // the cell was in fact misread: corrected by hand, the finding goes, and the follow-up compares the report as corrected
    const corrected = await c.post('/api/supervision/corrections', { fileId, path: 'applications.received[0]', value: 10, reason: '原件该格为 10' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ readValue: 13, value: 10, correctedBy: 'supervisor' });
    expect((await c.get(`/api/supervision/corrections?fileId=${fileId}`)).body).toHaveLength(1);
    const after = await c.get('/api/supervision/findings?severity=error');
    expect(after.body.rows.filter((r: { where: string }) => r.where === 'applications.received[0]')).toEqual([]);

    const same = await c.post(`/api/supervision/rectifications/${issued.body.id}/corrected`, {});
    // the report audited now is the very file the notice is about
    expect(same.status).toBe(400);
    const listed = await c.get('/api/supervision/rectifications');
    expect(listed.status).toBe(200);
    expect(listed.body.status.counts).toEqual({ issued: 1, overdue: 0, corrected: 0, closed: 0 });
    expect((await c.get(`/api/supervision/rectifications/${issued.body.id}/comparison`)).status).toBe(404);

    // the agency's corrected report comes back as a new upload: the notice's finding is fixed, the follow-up done
    const text = reportText(report(w.health.name), { overview: '本机关认真贯彻落实政府信息公开条例。' }, { signatureDate: '2026年3月20日' });
    const read = await readReportFile('卫健局2025（整改后）.txt', Buffer.from(text));
    const id = randomUUID();
    const [batch] = await server.ctx.db.select().from(supervisionBatches);
    await server.ctx.db.insert(supervisedFiles).values({
      agencyId: w.city.id,
      id,
      batchId: batch.id,
      name: '卫健局2025（整改后）.txt',
      sha256: createHash('sha256').update(text).digest('hex'),
      size: text.length,
      storageKey: `test/${id}`,
      status: 'read',
      kind: 'text',
      subjectAgencyId: w.health.id,
      matchConfirmed: true,
      year: 2025,
      data: read.report,
      findings: read.findings,
      narrative: read.narrative,
      text,
      createdAt: new Date('2026-03-20T10:00:00+08:00'),
    });
    const done = await c.post(`/api/supervision/rectifications/${issued.body.id}/corrected`, {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'closed', statusLabel: '已办结', corrected: { fileId: id, version: null }, fixed: 1 });
    const comparison = await c.get(`/api/supervision/rectifications/${issued.body.id}/comparison`);
    expect(comparison.status).toBe(200);
    // the first report as corrected by hand (10) against the corrected upload (10): no cell changed
    expect(comparison.body.changedCells).toEqual([]);
    expect(comparison.body.listed).toEqual([{ fingerprint: key.fingerprint, fixed: true }]);
  });

  it('the comparison and the workbook', async () => {
    const cmp = await c.get('/api/supervision/comparison?from=2025&to=2025');
    expect(cmp.status).toBe(200);
    expect(cmp.body.rows.map((r: { agency: string; received: number; ranks: { received: { phrase: string } } }) => [r.agency, r.received, r.ranks.received.phrase])).toEqual([
      ['示范市人民政府', 10, '位列所辖 2 个机关并列第 1'],
      ['示范市卫生健康局', 10, '位列所辖 2 个机关并列第 1'],
    ]);
    const xlsx = await c.get('/api/supervision/export.xlsx?from=2025&to=2025');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain('xlsx');
  });

  it('an officer is refused; a notice of another supervisor is not found', async () => {
    const officer = supervisor();
    await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD });
    expect((await officer.get('/api/supervision/findings')).status).toBe(403);
    expect((await officer.post('/api/supervision/findings/decide', { subjectAgencyId: w.health.id, year: 2025, fingerprint: 'x|y|z', decision: 'confirmed' })).status).toBe(403);
    expect((await c.get(`/api/supervision/rectifications/${randomUUID()}`)).status).toBe(404);
    expect((await c.get('/api/supervision/rectifications/not-a-uuid')).status).toBe(404);
  });
});
