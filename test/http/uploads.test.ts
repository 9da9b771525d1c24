/**
 * Uploads over the real server: stored under the extension of what their bytes are, served back as
 * attachments that are never sniffed; PDFs that would run JavaScript or launch a program refused; one
 * application's attachments capped together, and public intake's disk use per hour capped; files a crash
 * left without their row swept away.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../../src/db/schema';
import { IntakeBudget, pdfActivity } from '../../src/services/uploads';
import { DiskStorage, sweepOrphans } from '../../src/services/storage';
import { DB_KINDS } from '../helpers/db';
import { fixturePath } from '../helpers/fixtures';
import { Client, startServer, type TestServer } from '../helpers/server';
import { PASSWORD, intake, makeWorld, type World } from '../helpers/world';

// the smallest valid PNG: 1×1 transparent pixel
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d00000000049454e44ae426082', 'hex');
const REPORT_PDF = readFileSync(fixturePath('hongze-district-2024', 'pdf'));
const MB = 1024 * 1024;

/** A PNG of `size` bytes: its signature and header, then zeros (the type is told by the first bytes). */
const bigPng = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]);

/** A PDF of the given objects (strings, or bytes for streams), numbered from 1, the first the catalog. */
function pdf(...objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  objects.forEach((o, i) => parts.push(Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'), Buffer.from('\nendobj\n')));
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n'));
  return Buffer.concat(parts);
}

/** A stream object: its dictionary entries, and its data (deflated when `flate`). */
function stream(dict: string, data: string | Buffer, flate = false): Buffer {
  const bytes = flate ? deflateSync(data) : Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  return Buffer.concat([Buffer.from(`<< ${dict}${flate ? ' /Filter /FlateDecode' : ''} /Length ${bytes.length} >>\nstream\n`), bytes, Buffer.from('\nendstream')]);
}

const CATALOG = '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>';
const PAGES = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
const PDFS = {
  javascript: pdf(CATALOG, PAGES, PAGE, "<< /S /JavaScript /JS (app.alert('x')) >>"),
  launch: pdf(CATALOG, PAGES, PAGE, '<< /S /Launch /F (cmd.exe) >>'),
  // the name written with #xx escapes: /J#61vaScript is /JavaScript
  escaped: pdf(CATALOG, PAGES, PAGE, '<< /S /J#61vaScript /J#53 (x) >>'),
  // the action packed in a compressed object stream, where the raw bytes do not show it
  packed: pdf(CATALOG, PAGES, PAGE, stream('/Type /ObjStm /N 1 /First 4', "5 0 << /S /JavaScript /JS (app.alert('x')) >>", true)),
  // an object stream that cannot be unpacked (as an encrypted one): it cannot be checked
  unreadable: pdf(CATALOG, PAGES, PAGE, stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', Buffer.from('not deflated at all, or encrypted'))),
  // "/JS" inside page content (a font named JS) and in a packed object that is no action: harmless
  harmless: pdf(
    '<< /Type /Catalog /Pages 2 0 R >>',
    PAGES,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    stream('', 'BT /JS 12 Tf 72 712 Td (Launch JavaScript) Tj ET'),
    stream('/Type /ObjStm /N 1 /First 4', '6 0 << /Title (JS and Launch) >>', true),
  ),
};

function form(data: unknown, files: { field: string; name: string; bytes: Uint8Array; type?: string }[], extra: Record<string, string> = {}): FormData {
  const f = new FormData();
  if (data !== undefined) f.append('data', JSON.stringify(data));
  for (const [k, v] of Object.entries(extra)) f.append(k, v);
  for (const file of files) f.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return f;
}

describe('what a PDF would do when opened', () => {
  it('finds JavaScript and launch actions, also escaped or packed in object streams, and nothing in harmless files', () => {
    expect(pdfActivity(PDFS.javascript)).toEqual({ kind: 'active', name: 'JavaScript' });
    expect(pdfActivity(PDFS.launch)).toEqual({ kind: 'active', name: 'Launch' });
    expect(pdfActivity(PDFS.escaped)).toEqual({ kind: 'active', name: 'JavaScript' });
    expect(pdfActivity(PDFS.packed)).toEqual({ kind: 'active', name: 'JavaScript' });
    expect(pdfActivity(PDFS.unreadable)).toEqual({ kind: 'unreadable' });
    expect(pdfActivity(PDFS.harmless)).toBeNull();
    expect(pdfActivity(REPORT_PDF)).toBeNull();
  });
});

describe('the disk budget of public intake', () => {
  it('refuses what does not fit in the hour, gives back what a failed submission reserved, and frees what is an hour old', async () => {
    let now = Date.parse('2026-03-02T10:00:00+08:00');
    const budget = new IntakeBudget(1, () => now);
    const file = (bytes: number) => [{ filename: 'a.png', bytes: new Uint8Array(bytes) }];
    await expect(budget.spend(file(700 * 1024), () => Promise.reject(new Error('refused by the service')))).rejects.toThrow('refused by the service');
    expect(await budget.spend(file(700 * 1024), async () => 'stored')).toBe('stored');
    now += 20 * 60_000;
    await expect(budget.spend(file(400 * 1024), async () => 'stored')).rejects.toMatchObject({
      status: 429,
      // the 700 KB taken at 10:00 frees at 11:00, 40 minutes from 10:20
      message: '网上提交的附件已达到本小时的接收上限（1 MB），请于 40 分钟后再试，或通过当面、邮寄方式提交',
    });
    expect(await budget.spend([], async () => 'no files')).toBe('no files');
    now += 40 * 60_000;
    expect(await budget.spend(file(400 * 1024), async () => 'stored')).toBe('stored');
  });
});

describe.each(DB_KINDS)('uploads over HTTP (%s)', (kind) => {
  let server: TestServer;
  let w: World;
  let anon: Client;
  let officer: Client;
  const cases = () => `/api/agencies/${w.health.id}/applications`;
  const submit = (data: unknown, files: Parameters<typeof form>[1]) => anon.request('POST', '/api/public/applications', form(data, files));
  const caseOf = async (trackingCode: string) => {
    const list = await officer.get(`${cases()}?status=all`);
    return list.body.find((c: { trackingCode: string }) => c.trackingCode === trackingCode) as { id: string } | undefined;
  };

  beforeAll(async () => {
    server = await startServer(kind, { rateLimit: { intakePerHour: 1000, trackPerMinute: 1000, loginPerMinute: 100 } });
    w = await makeWorld(server.ctx);
    anon = new Client(server.url);
    officer = new Client(server.url);
    expect((await officer.post('/api/auth/login', { username: 'officer', password: PASSWORD })).status).toBe(200);
  }, 60_000);
  afterAll(() => server?.close());

  it('names a stored file by the type its bytes are, and serves it back as an attachment that is never sniffed', async () => {
    const r = await submit(intake(w.health.id, { applicantName: '类型测试' }), [
      { field: 'idCopy', name: '身份证.pdf', bytes: PNG, type: 'application/pdf' },
      { field: 'supporting', name: '申请材料', bytes: REPORT_PDF },
    ]);
    expect(r.status).toBe(201);
    const c = (await caseOf(r.body.trackingCode))!;
    const page = await officer.get(`${cases()}/${c.id}`);
    expect(page.body.attachments.map((a: { filename: string; mime: string }) => `${a.filename} ${a.mime}`)).toEqual(['身份证.png image/png', '申请材料.pdf application/pdf']);
    const rows = await server.ctx.db.select().from(attachments).where(and(eq(attachments.agencyId, w.health.id), eq(attachments.applicationId, c.id)));
    expect(rows.map((a) => a.storageKey.split('.').pop()).sort()).toEqual(['pdf', 'png']);
    const [png, doc] = page.body.attachments as { id: string }[];
    const file = await officer.get(`${cases()}/${c.id}/attachments/${png.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="___.png"; filename*=UTF-8''${encodeURIComponent('身份证.png')}`);
    expect(file.raw.equals(PNG)).toBe(true);
    const second = await officer.get(`${cases()}/${c.id}/attachments/${doc.id}`);
    expect(second.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(second.raw.equals(REPORT_PDF)).toBe(true);
  });

  it('stores bytes under the extension of their type, whatever the caller calls them', async () => {
    const { storage } = server.ctx;
    expect(await storage.put(PNG, 'pdf')).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.png$/);
    expect(await storage.put(REPORT_PDF, 'exe')).toMatch(/\.pdf$/);
    expect(await storage.put(Buffer.from('2024年政府信息公开工作年度报告'), 'txt')).toMatch(/\.txt$/);
    expect(await storage.put(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'exe')).toMatch(/\.bin$/);
  });

  it('refuses a PDF that would run JavaScript or launch a program, from the public, from staff, and as an imported report', async () => {
    const refusals: Record<string, string> = {
      javascript: '附件“材料.pdf”含有 JavaScript 脚本（/JavaScript），出于安全考虑不予接收；请打印为不含脚本的 PDF 或扫描件后重新上传',
      launch: '附件“材料.pdf”含有启动外部程序的动作（/Launch），出于安全考虑不予接收；请打印为不含脚本的 PDF 或扫描件后重新上传',
      escaped: '附件“材料.pdf”含有 JavaScript 脚本（/JavaScript），出于安全考虑不予接收；请打印为不含脚本的 PDF 或扫描件后重新上传',
      packed: '附件“材料.pdf”含有 JavaScript 脚本（/JavaScript），出于安全考虑不予接收；请打印为不含脚本的 PDF 或扫描件后重新上传',
      unreadable: '附件“材料.pdf”含有无法检查的加密或压缩内容，出于安全考虑不予接收；请另存为普通 PDF 后重新上传',
    };
    for (const [name, message] of Object.entries(refusals)) {
      const r = await submit(intake(w.health.id, { applicantName: `脚本${name}` }), [{ field: 'supporting', name: '材料.pdf', bytes: PDFS[name as keyof typeof PDFS] }]);
      expect(r.status, name).toBe(415);
      expect(r.body, name).toEqual({ error: message, fields: [{ path: 'files.0', message }] });
    }
    // nothing was stored for them
    const all = await officer.get(`${cases()}?status=all`);
    expect(all.body.filter((c: { applicantName: string }) => c.applicantName.startsWith('脚本'))).toEqual([]);
    // the harmless one goes in
    expect((await submit(intake(w.health.id), [{ field: 'supporting', name: '材料.pdf', bytes: PDFS.harmless }])).status).toBe(201);

    const c = (await officer.get(`${cases()}?status=all`)).body[0] as { id: string };
    const staffUpload = await officer.request('POST', `${cases()}/${c.id}/attachments`, form(undefined, [{ field: 'file', name: '材料.pdf', bytes: PDFS.launch }]));
    expect(staffUpload.status).toBe(415);
    expect(staffUpload.body.error).toContain('（/Launch）');
    const report = await officer.request('POST', `/api/agencies/${w.health.id}/reports/import`, form(undefined, [{ field: 'file', name: '2024年报.pdf', bytes: PDFS.javascript }]));
    expect(report.status).toBe(415);
    expect(report.body.error).toBe('附件“2024年报.pdf”含有 JavaScript 脚本（/JavaScript），出于安全考虑不予接收；请打印为不含脚本的 PDF 或扫描件后重新上传');
  });

  it('caps the attachments of one application at 20 MB together, over its intake and its corrections', async () => {
    const three = await submit(intake(w.health.id, { applicantName: '超量者' }), [
      { field: 'supporting', name: '1.png', bytes: bigPng(7 * MB) },
      { field: 'supporting', name: '2.png', bytes: bigPng(7 * MB) },
      { field: 'supporting', name: '3.png', bytes: bigPng(7 * MB) },
    ]);
    expect(three.status).toBe(413);
    expect(three.body).toEqual({ error: '附件合计不能超过 20 MB', fields: [{ path: 'files', message: '附件合计不能超过 20 MB' }] });
    const all = await officer.get(`${cases()}?status=all`);
    expect(all.body.filter((c: { applicantName: string }) => c.applicantName === '超量者')).toEqual([]);

    const two = await submit(intake(w.health.id, { applicantName: '超量者' }), [
      { field: 'supporting', name: '1.png', bytes: bigPng(7 * MB) },
      { field: 'supporting', name: '2.png', bytes: bigPng(7 * MB) },
    ]);
    expect(two.status).toBe(201);
    // 14 MB sent: a correction of 7 MB more would make 21 MB
    const code = two.body.trackingCode;
    const more = await anon.request('POST', `/api/public/track/${code}/correction`, form(undefined, [{ field: 'file', name: '补正.png', bytes: bigPng(7 * MB) }], { text: '补充身份证明' }));
    expect(more.status).toBe(413);
    expect(more.body.error).toBe('一件申请的附件合计不能超过 20 MB（此前已上传 14.0 MB）');
    // 5 MB more fits (20 MB at most): it passes the cap and meets the case's state (no correction was asked for)
    const fits = await anon.request('POST', `/api/public/track/${code}/correction`, form(undefined, [{ field: 'file', name: '补正.png', bytes: bigPng(5 * MB) }], { text: '补充身份证明' }));
    expect(fits.status).toBe(409);
  }, 60_000);

  it('refuses public intake beyond its disk budget for the hour (GONGKAI_INTAKE_MB_PER_HOUR) with 429 in Chinese', async () => {
    const small = await startServer(kind, { intakeMbPerHour: 1, rateLimit: { intakePerHour: 1000, trackPerMinute: 1000, loginPerMinute: 100 } });
    try {
      const world = await makeWorld(small.ctx);
      const c = new Client(small.url);
      const send = (data: unknown, bytes: number) => c.request('POST', '/api/public/applications', form(data, [{ field: 'supporting', name: '材料.png', bytes: bigPng(bytes) }]));
      // refused by the form check: nothing stored, nothing spent
      expect((await send(intake(world.health.id, { phone: '123' }), 700 * 1024)).status).toBe(400);
      expect((await send(intake(world.health.id), 700 * 1024)).status).toBe(201);
      const over = await send(intake(world.health.id), 400 * 1024);
      expect(over.status).toBe(429);
      // the server's clock stands still in tests: the whole hour is ahead
      expect(over.body.error).toBe('网上提交的附件已达到本小时的接收上限（1 MB），请于 60 分钟后再试，或通过当面、邮寄方式提交');
      // an application without files is still taken
      expect((await c.post('/api/public/applications', intake(world.health.id))).status).toBe(201);
    } finally {
      await small.close();
    }
  }, 60_000);

  it('sweeps away stored files no row refers to once they are an hour old, and keeps every file a row refers to', async () => {
    const { db, storage } = server.ctx;
    // an import is previewed, then confirmed with the preview's token (the file sent again)
    const previewed = await officer.request('POST', `/api/agencies/${w.health.id}/reports/import`, form(undefined, [{ field: 'file', name: '2024年报.pdf', bytes: REPORT_PDF }]));
    expect(previewed.status).toBe(200);
    const imported = await officer.request('POST', `/api/agencies/${w.health.id}/reports/import/confirm`, form({ token: previewed.body.token }, [{ field: 'file', name: '2024年报.pdf', bytes: REPORT_PDF }]));
    expect(imported.status).toBe(201);
    const orphan = await storage.put(PNG, 'png');
    const referenced = (await db.select({ key: attachments.storageKey }).from(attachments)).map((a) => a.key);
    expect(referenced.length).toBeGreaterThan(3);
    // just written: it may belong to a transaction still running
    expect(await sweepOrphans(db, storage)).not.toContain(orphan);
    expect((await storage.get(orphan)).equals(PNG)).toBe(true);
    // an hour and more later, every file no row refers to goes (the orphan, and those put by the test above)
    const removed = await sweepOrphans(db, storage, { now: new Date(Date.now() + 61 * 60_000) });
    expect(removed).toContain(orphan);
    await expect(storage.get(orphan)).rejects.toMatchObject({ status: 404 }); // gone: a clean refusal (DiskStorage.get)
    for (const key of referenced) expect((await storage.get(key)).length, key).toBeGreaterThan(0);
    const version = await officer.get(`/api/agencies/${w.health.id}/reports/2024/versions/${imported.body.version}/original`);
    expect(version.status).toBe(200);
    expect(version.raw.equals(REPORT_PDF)).toBe(true);
    expect(version.headers.get('content-type')).toBe('application/pdf');
    expect(version.headers.get('x-content-type-options')).toBe('nosniff');
    expect(version.headers.get('content-disposition')).toMatch(/^attachment; /);
    // a second sweep finds nothing left
    expect(await sweepOrphans(db, storage, { now: new Date(Date.now() + 61 * 60_000) })).toEqual([]);
  }, 60_000);

  it('removes nothing when most stored files have no row: the storage belongs to another database', async () => {
    const other = new DiskStorage(mkdtempSync(path.join(tmpdir(), 'gongkai-other-')));
    const keys = [await other.put(PNG), await other.put(PNG), await other.put(REPORT_PDF)];
    const later = new Date(Date.now() + 61 * 60_000);
    await expect(sweepOrphans(server.ctx.db, other, { now: later, abortAbove: 2 })).rejects.toThrow(
      '存储中 3 个文件有 3 个没有任何记录引用，超过一半：存储目录与数据库可能不匹配（DATABASE_URL、GONGKAI_STORAGE_DIR），未删除任何文件',
    );
    for (const key of keys) expect((await other.get(key)).length).toBeGreaterThan(0);
    // a few orphans (at most 100 by default) are what a crash leaves: removed
    expect((await sweepOrphans(server.ctx.db, other, { now: later })).sort()).toEqual([...keys].sort());
  });
});
