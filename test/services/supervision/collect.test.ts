/**
 * The supervising office's collection (src/services/supervision/collect.ts, runner.ts, collection.ts): a .zip
 * of generated reports in four formats uploaded, read in the worker pool, matched to the agencies of the tree;
 * a file that is no report kept with its error; nothing published; progress kept in the database and taken
 * up again by a fresh runner (a restart); the collection of a year with its deadlines; the refusals.
 *
 * The tree is the world's city (示范市人民政府, 示范市卫生健康局, 示范市教育局) and the departments of the generated
 * city it lacks, created under it by name, so every generated report has its agency in the tree.
 */
import { readFileSync } from 'node:fs';
import { zipOf } from '../../helpers/zip';
import { CAN_SCAN, makeScan } from '../../helpers/scans';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, reportVersions, supervisedFiles, supervisionBatches } from '../../../src/db/schema';
import { generateCity, type City } from '../../../src/demo/city';
import { renderReport, type DemoFormat } from '../../../src/demo/write';
import { createAgency, type Agency } from '../../../src/services/agencies';
import { createUser } from '../../../src/services/accounts';
import type { StaffActor } from '../../../src/services/context';
import { MAX_REPORT_BYTES, batchDetail, confirmMatch, deleteSupervisedFile, listBatches, supervisedOriginal, uploadSupervisedFiles } from '../../../src/services/supervision/collect';
import { collectionStatus, setReportDeadlines } from '../../../src/services/supervision/collection';
import { SupervisionRunner, supervisionRunner } from '../../../src/services/supervision/runner';
import { DB_KINDS } from '../../helpers/db';
import { PASSWORD, worldPerSuite, type World } from '../../helpers/world';
import type { TestCtx } from '../../helpers/db';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2f1c5a10000000049454e44ae426082', 'hex');
const FORMATS: DemoFormat[] = ['txt', 'docx', 'html', 'pdf'];
const NOT_A_REPORT = '关于做好政务公开工作的通知\n各单位：请按时报送材料。';

/** 2 years × (the government and 4 departments): 10 reports, whose planted mistakes the checks find. */
const city: City = generateCity({ agencies: 4, years: [2023, 2024], seed: 11 });

async function storedCount(ctx: TestCtx): Promise<number> {
  let n = 0;
  for await (const _ of ctx.storage.list!()) n++;
  return n;
}

describe.each(DB_KINDS)('collecting the reports of the agencies below (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));
  /** the agency of each generated report's name */
  const byName = new Map<string, Agency>();
  /** a supervisor of another agency (the department), for the refusals */
  let otherSupervisor: StaffActor;
  let zip: Buffer;
  /** the report files in the .zip */
  let entries: { name: string; bytes: Buffer }[];
  let firstBatch: string;

  beforeAll(async () => {
    byName.set(w.city.name, w.city);
    byName.set(w.education.name, w.education);
    for (const name of city.agencies) {
      if (!byName.has(name)) byName.set(name, await createAgency(ctx.db, { name, kind: 'department', parentId: w.city.id }));
    }
    const { id } = await createUser(ctx.db, { agencyId: w.health.id, username: 'hsupervisor', displayName: '卫健监督', password: PASSWORD, roles: ['supervisor'] });
    otherSupervisor = { kind: 'staff', userId: id, name: '卫健监督', agencyId: w.health.id, roles: ['supervisor'] };
    entries = await Promise.all(
      city.reports.map(async (r, i) => {
        const format = FORMATS[i % FORMATS.length];
        return { name: `${r.year}/${r.agency}${r.year}年报告.${format}`, bytes: await renderReport(r, format) };
      }),
    );
    zip = zipOf([
      ...entries,
      { name: '说明.txt', bytes: Buffer.from(NOT_A_REPORT) },
      { name: '封面.png', bytes: PNG },
      { name: '扫描件.pdf', bytes: PNG },
      { name: '__MACOSX/2024/._说明.txt', bytes: Buffer.from('mac') },
    ]);
  }, 120_000);
  afterAll(() => supervisionRunner(ctx).close());

  it('a .zip of reports in four formats: each read and matched to its agency and year; the others failed with their reason; nothing published', async () => {
    const uploaded = await uploadSupervisedFiles(ctx, w.supervisor, [{ filename: '各部门2023-2024年报告.zip', bytes: zip }]);
    firstBatch = uploaded.batch.id;
    // 10 reports, the note and the two pictures (the system file left out)
    expect(uploaded.batch.total).toBe(13);
    expect(uploaded.files.find((f) => f.name.endsWith('封面.png'))).toMatchObject({ status: 'failed', error: '不是年度报告文件（仅接受 .txt、.md、.html、.htm、.docx、.pdf 文件或其 .zip 压缩包）' });
    expect(uploaded.files.find((f) => f.name.endsWith('扫描件.pdf'))).toMatchObject({ status: 'failed', error: '文件内容是 PNG 文件，不是年度报告' });
    expect(uploaded.files.some((f) => f.name.includes('__MACOSX'))).toBe(false);

    await supervisionRunner(ctx).idle();
    const { batch, files } = await batchDetail(ctx, w.supervisor, firstBatch);
    expect(batch).toMatchObject({ status: 'done', total: 13, queued: 0, read: 10, failed: 3 });
    expect(batch.finishedAt).not.toBeNull();
    for (const r of city.reports) {
      const f = files.find((x) => x.name.includes(`/${r.year}/${r.agency}${r.year}年报告.`));
      expect(f, `${r.agency} ${r.year}`).toBeDefined();
      // the title prints the agency's very name
      expect(f).toMatchObject({ status: 'read', printedAgency: r.agency, subjectAgencyId: byName.get(r.agency)!.id, matchScore: 100, matchConfirmed: false, year: r.year });
      // what the plant must give is an error here only where it needs no other report (the cross-year rule needs one)
      const own = (r.plant?.findings ?? []).filter((p) => p.severity === 'error' && p.rule !== 'applications.carryOver');
      expect(f!.counts.error > 0, `${f!.name}: ${r.plant?.kind ?? 'clean'}`).toBe(own.length > 0);
    }
    const note = files.find((f) => f.name.endsWith('说明.txt'))!;
    expect(note.status).toBe('failed');
    expect(note.error).toMatch(/^未找到年度报告的表格/);
    expect(note.subjectAgencyId).toBeNull();
    // uploading publishes nothing
    const [versions] = await ctx.db.select({ n: count() }).from(reportVersions);
    expect(Number(versions.n)).toBe(0);
    // the upload is in the audit trail with every file
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entity, 'supervisionBatch'), eq(auditLog.entityId, firstBatch)));
    expect(audit).toHaveLength(1);
    expect((audit[0].after as { files: unknown[] }).files).toHaveLength(13);
  }, 180_000);

  it('the progress survives a restart: queued files are read by a fresh runner', async () => {
    // a crash in the middle of reading: the batch's files back to queued, as they were before being read
    await ctx.db
      .update(supervisedFiles)
      .set({ status: 'queued', subjectAgencyId: null, matchScore: null, year: null, data: null, findings: [], narrative: [], text: null, readAt: null, printedAgency: null })
      .where(and(eq(supervisedFiles.batchId, firstBatch), eq(supervisedFiles.status, 'read')));
    await ctx.db.update(supervisionBatches).set({ status: 'reading', finishedAt: null }).where(eq(supervisionBatches.id, firstBatch));
    expect((await batchDetail(ctx, w.supervisor, firstBatch)).batch).toMatchObject({ status: 'reading', queued: 10, read: 0, failed: 3 });

    const fresh = new SupervisionRunner(ctx);
    expect(await fresh.resume()).toBe(10);
    await fresh.idle();
    const { batch, files } = await batchDetail(ctx, w.supervisor, firstBatch);
    expect(batch).toMatchObject({ status: 'done', queued: 0, read: 10, failed: 3 });
    expect(files.filter((f) => f.status === 'read').every((f) => f.subjectAgencyId !== null && f.year !== null)).toBe(true);
    fresh.close();
  }, 180_000);

  it.skipIf(!CAN_SCAN)('a scanned report is read by OCR in the pool, the batch showing the page it has reached, then read like any other', async () => {
    // three pages of Hongze 2024 (its title, tables 三 and 四) as a 150-dpi image-only PDF
    const scan = await makeScan({ fixture: 'hongze-district-2024', dpi: 150, pages: [1, 3, 4] });
    const uploaded = await uploadSupervisedFiles(ctx, w.supervisor, [{ filename: '洪泽区2024年报告（扫描件）.pdf', bytes: readFileSync(scan.pdf) }]);
    const seen: string[] = [];
    const runner = supervisionRunner(ctx);
    let idle = false;
    const done = runner.idle().then(() => (idle = true));
    while (!idle) {
      const { batch } = await batchDetail(ctx, w.supervisor, uploaded.batch.id);
      for (const s of batch.scanning) if (!seen.includes(`${s.page}/${s.pages}`)) seen.push(`${s.page}/${s.pages}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await done;
    // the pages done are shown as they are done, in order
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen[0]).toBe('1/3');
    expect(seen).toEqual(['1/3', '2/3', '3/3'].slice(0, seen.length));
    const { batch, files } = await batchDetail(ctx, w.supervisor, uploaded.batch.id);
    expect(batch).toMatchObject({ status: 'done', read: 1, failed: 0, scanning: [] });
    expect(files[0]).toMatchObject({ status: 'read', year: 2024, printedAgency: '淮安市洪泽区人民政府' });
  }, 180_000);

  it('re-uploading the same file makes a new file and a new read', async () => {
    // the same bytes as in the .zip (a .docx: its own name)
    const r = city.reports[1];
    const again = await uploadSupervisedFiles(ctx, w.supervisor, [{ filename: '重新上传.docx', bytes: entries[1].bytes }]);
    await supervisionRunner(ctx).idle();
    const { files } = await batchDetail(ctx, w.supervisor, again.batch.id);
    expect(files).toHaveLength(1);
    const first = (await batchDetail(ctx, w.supervisor, firstBatch)).files.find((f) => f.sha256 === files[0].sha256);
    expect(first).toBeDefined();
    expect(files[0].id).not.toBe(first!.id);
    expect(files[0]).toMatchObject({ status: 'read', subjectAgencyId: byName.get(r.agency)!.id, year: r.year });
    const batches = await listBatches(ctx, w.supervisor);
    expect(batches[0].id).toBe(again.batch.id);
    expect(batches.map((b) => b.id)).toContain(firstBatch);
  }, 60_000);

  it('a match confirmed or corrected (audited), only to an agency of the tree; the original downloaded', async () => {
    const { files } = await batchDetail(ctx, w.supervisor, firstBatch);
    const f = files.find((x) => x.status === 'read' && x.subjectAgencyId === w.education.id)!;
    const corrected = await confirmMatch(ctx, w.supervisor, f.id, { subjectAgencyId: w.health.id, year: 2024, version: f.version });
    expect(corrected).toMatchObject({ subjectAgencyId: w.health.id, subjectAgency: w.health.name, year: 2024, matchConfirmed: true, version: f.version + 1 });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entity, 'supervisedFile'), eq(auditLog.entityId, f.id)));
    expect(audit.map((a) => a.action)).toEqual(['correctMatch']);
    expect(audit[0].before).toMatchObject({ subjectAgencyId: w.education.id, matchConfirmed: false });
    // a stale version, an agency outside the tree, a year not yet over
    await expect(confirmMatch(ctx, w.supervisor, f.id, { subjectAgencyId: w.education.id, year: 2024, version: f.version })).rejects.toMatchObject({ status: 409 });
    const elsewhere = await createAgency(ctx.db, { name: '另一市人民政府', kind: 'government' });
    await expect(confirmMatch(ctx, w.supervisor, f.id, { subjectAgencyId: elsewhere.id, year: 2024 })).rejects.toMatchObject({ status: 400 });
    await expect(confirmMatch(ctx, w.supervisor, f.id, { subjectAgencyId: w.education.id, year: 2027 })).rejects.toMatchObject({ status: 400 });
    // back to where it belongs
    await confirmMatch(ctx, w.supervisor, f.id, { subjectAgencyId: w.education.id, year: f.year! });

    const original = await supervisedOriginal(ctx, w.supervisor, f.id);
    expect(original.filename).toBe(f.name.slice(f.name.lastIndexOf('/') + 1));
    expect(original.bytes.length).toBe(f.size);
  }, 30_000);

  it('the collection of a year: every agency of the tree, published or not, late or not, with its counts; deadlines set by the office', async () => {
    // 卫生健康局 published its 2024 report in Gongkai on 10 February 2025, after 31 January
    const clean = city.reports.find((r) => r.year === 2024 && r.plant === null)!;
    await ctx.db.insert(reportVersions).values({
      agencyId: w.health.id,
      year: 2024,
      version: 1,
      source: 'published',
      data: { ...clean.report, agency: w.health.name },
      findings: [],
      publishedAt: new Date('2025-02-10T10:00:00+08:00'),
    });
    const c = await collectionStatus(ctx, w.supervisor, 2024);
    expect(c.deadlines).toEqual({ department: '01-31', government: '03-31', custom: false });
    // the world's three agencies and the three departments created: the supervisor's own government included
    expect(c.rows.map((r) => r.agencyId).sort((a, b) => a - b)).toEqual([...new Set([w.city.id, w.health.id, w.education.id, ...[...byName.values()].map((a) => a.id)])].sort((a, b) => a - b));
    const row = (a: Agency) => c.rows.find((r) => r.agencyId === a.id)!;
    expect(row(w.city)).toMatchObject({ depth: 0, dueOn: '2025-03-31', published: true, late: false, source: 'upload', gongkaiStatus: 'none' });
    expect(row(w.health)).toMatchObject({ depth: 1, dueOn: '2025-01-31', published: true, late: true, source: 'published', gongkaiStatus: 'published', version: 1 });
    expect(row(w.education)).toMatchObject({ published: true, late: false, source: 'upload' });
    // the 2024 report of 科学技术局 has a row total off by one (its plant): an error
    const science = byName.get('示范市科学技术局')!;
    expect(row(science).counts!.error).toBeGreaterThan(0);
    expect(row(byName.get('示范市发展和改革委员会')!).counts).toMatchObject({ error: 0 });
    expect(c.summary).toMatchObject({ agencies: c.rows.length, late: 1 });

    // the office's own deadline: departments by 15 February
    expect(await setReportDeadlines(ctx, w.supervisor, { department: '02-15' })).toEqual({ department: '02-15', government: '03-31', custom: true });
    const later = await collectionStatus(ctx, w.supervisor, 2024);
    expect(later.rows.find((r) => r.agencyId === w.health.id)).toMatchObject({ dueOn: '2025-02-15', late: false });
    await expect(setReportDeadlines(ctx, w.supervisor, { department: '02-30' })).rejects.toMatchObject({ status: 400 });
    await expect(setReportDeadlines(ctx, w.officer, { department: '02-10' })).rejects.toMatchObject({ status: 403 });
    // a year without any report: every agency late once the deadline has passed (today is 2 March 2026)
    const empty = await collectionStatus(ctx, w.supervisor, 2025);
    expect(empty.rows.filter((r) => r.kind === 'department').every((r) => !r.published && r.late)).toBe(true);
    expect(empty.rows.find((r) => r.agencyId === w.city.id)).toMatchObject({ published: false, late: false, dueOn: '2026-03-31' });
    await setReportDeadlines(ctx, w.supervisor, {});
  }, 60_000);

  it('refusals: roles, another agency, sizes and types, and nothing written by a refused upload', async () => {
    const before = { batches: (await ctx.db.select({ n: count() }).from(supervisionBatches))[0].n, stored: await storedCount(ctx) };
    const txt = (name: string, text = NOT_A_REPORT) => ({ filename: name, bytes: Buffer.from(text) });
    await expect(uploadSupervisedFiles(ctx, w.officer, [txt('a.txt')])).rejects.toMatchObject({ status: 403 });
    await expect(listBatches(ctx, w.officer)).rejects.toMatchObject({ status: 403 });
    await expect(collectionStatus(ctx, w.officer, 2024)).rejects.toMatchObject({ status: 403 });
    // the batch and the files of another supervising agency are not found
    const { files } = await batchDetail(ctx, w.supervisor, firstBatch);
    await expect(batchDetail(ctx, otherSupervisor, firstBatch)).rejects.toMatchObject({ status: 404 });
    await expect(confirmMatch(ctx, otherSupervisor, files[0].id, { subjectAgencyId: w.health.id, year: 2024 })).rejects.toMatchObject({ status: 404 });
    await expect(supervisedOriginal(ctx, otherSupervisor, files[0].id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteSupervisedFile(ctx, otherSupervisor, files[0].id)).rejects.toMatchObject({ status: 404 });
    // too large, not a report file (by name, by bytes), empty, nothing at all: the whole upload refused
    await expect(uploadSupervisedFiles(ctx, w.supervisor, [txt('a.txt'), { filename: '大.txt', bytes: Buffer.alloc(MAX_REPORT_BYTES + 1, 0x41) }])).rejects.toMatchObject({ status: 413 });
    await expect(uploadSupervisedFiles(ctx, w.supervisor, [txt('a.txt'), txt('统计表.xlsx')])).rejects.toMatchObject({ status: 415 });
    await expect(uploadSupervisedFiles(ctx, w.supervisor, [txt('a.txt'), { filename: '报告.pdf', bytes: PNG }])).rejects.toMatchObject({ status: 415, message: '“报告.pdf”：文件内容是 PNG 文件，不是年度报告' });
    await expect(uploadSupervisedFiles(ctx, w.supervisor, [txt('a.txt'), txt('空.txt', '')])).rejects.toMatchObject({ status: 400 });
    await expect(uploadSupervisedFiles(ctx, w.supervisor, [{ filename: '坏.zip', bytes: Buffer.from('not a zip') }])).rejects.toMatchObject({ status: 400 });
    await expect(uploadSupervisedFiles(ctx, w.supervisor, [])).rejects.toMatchObject({ status: 400 });
    const after = { batches: (await ctx.db.select({ n: count() }).from(supervisionBatches))[0].n, stored: await storedCount(ctx) };
    expect(after).toEqual(before);
  }, 60_000);

  it('a file uploaded by mistake is deleted (audited), its batch still adds up', async () => {
    const mistake = await uploadSupervisedFiles(ctx, w.supervisor, [{ filename: '误传.txt', bytes: Buffer.from(NOT_A_REPORT) }, { filename: '另一份.txt', bytes: Buffer.from(`${NOT_A_REPORT}二`) }]);
    await supervisionRunner(ctx).idle();
    const id = mistake.files.find((f) => f.name === '误传.txt')!.id;
    await deleteSupervisedFile(ctx, w.supervisor, id);
    expect((await batchDetail(ctx, w.supervisor, mistake.batch.id)).batch).toMatchObject({ total: 1, status: 'done' });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entity, 'supervisedFile'), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.action)).toEqual(['delete']);
    await expect(supervisedOriginal(ctx, w.supervisor, id)).rejects.toMatchObject({ status: 404 });
  }, 60_000);
});
