/**
 * Collecting the published reports of agencies that do not write them in Gongkai: the supervising office
 * (政务公开办) uploads them, many at once or as a .zip, and they are kept as uploaded, read in the background
 * (./runner.ts), matched to an agency of its tree by the name printed in them and to a year, confirmed or
 * corrected by hand. Uploading never publishes anything (nothing goes into report_versions); a file that
 * cannot be read stays in the list with its error.
 *
 * An upload is all or nothing: every file stored and every row written in one transaction, or none. What an
 * upload holds and what it refuses: ./upload.ts.
 */
import { randomUUID } from 'node:crypto';
import pMap from 'p-map';
import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { cellCorrections, rectifications, supervisedFiles, supervisionBatches, users } from '../../db/schema';
import { agencyMatcher, type ScoredAgency } from '../../core/supervision/match';
import type { Ctx, StaffActor } from '../context';
import { appendAudit } from '../audit';
import { agencyTree, assertAllowed, subtree } from '../agencies';
import { ServiceError, badInput, conflict, notFound } from '../errors';
import { sha256 } from '../storage';
import { isPdf, pdfActivity, type Upload } from '../uploads';
import { finishBatchIfDone, scansInProgress, supervisionRunner, type ScanProgress } from './runner';
import { entriesOf, extensionOf } from './upload';

export { MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_REPORT_BYTES, REPORT_EXTENSIONS } from './upload';

const WRITE = 'supervision.write' as const;
const READ = 'supervision.read' as const;

/**
 * Upload reports: one batch, one row per file (queued, or failed with the reason for an entry of a .zip that
 * is no report file), the bytes stored, all in one transaction; the reading starts in the background.
 */
export async function uploadSupervisedFiles(ctx: Ctx, actor: StaffActor, uploads: Upload[]) {
  await assertAllowed(ctx.db, actor, WRITE);
  if (uploads.length === 0) throw badInput('请选择要上传的报告文件', [{ path: 'files', message: '请选择文件' }]);
  const entries = await entriesOf(uploads);
  // every file stored (in the order of the entries), or none: what was written is removed again
  const stored: (string | undefined)[] = new Array<string | undefined>(entries.length);
  try {
    await pMap(
      entries.map((e, i) => [e, i] as const),
      async ([e, i]) => {
        stored[i] = await ctx.storage.put(e.bytes, extensionOf(e.name).slice(1));
      },
      { concurrency: 8, stopOnError: false },
    );
  } catch (e) {
    await Promise.all(stored.filter((k): k is string => k !== undefined).map((k) => ctx.storage.remove(k)));
    throw e instanceof AggregateError && e.errors.length > 0 ? e.errors[0] : e;
  }
  const ordered = stored as string[];
  const batchId = randomUUID();
  const rows = entries.map((e, i) => ({
    agencyId: actor.agencyId,
    id: randomUUID(),
    batchId,
    name: e.name,
    sha256: sha256(e.bytes),
    size: e.bytes.length,
    storageKey: ordered[i],
    status: e.error ? 'failed' : 'queued',
    error: e.error,
    createdBy: actor.userId,
  }));
  const queued = rows.some((r) => r.status === 'queued');
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(supervisionBatches).values({
        agencyId: actor.agencyId,
        id: batchId,
        status: queued ? 'reading' : 'done',
        total: rows.length,
        createdBy: actor.userId,
        finishedAt: queued ? null : new Date(),
      });
      for (let i = 0; i < rows.length; i += 200) await tx.insert(supervisedFiles).values(rows.slice(i, i + 200));
      await appendAudit(tx, actor, {
        agencyId: actor.agencyId,
        entity: 'supervisionBatch',
        entityId: batchId,
        action: 'upload',
        after: { files: rows.map((r) => ({ id: r.id, name: r.name, sha256: r.sha256, size: r.size, status: r.status, error: r.error })) },
      });
    });
  } catch (e) {
    await Promise.all(ordered.map((k) => ctx.storage.remove(k)));
    throw e;
  }
  if (queued) void supervisionRunner(ctx).enqueueBatch(actor.agencyId, batchId);
  return batchDetail(ctx, actor, batchId);
}

// ---------------------------------------------------------------------------------------------------------
// Progress and files

export type FileStatus = 'queued' | 'read' | 'failed';
export type BatchStatus = 'reading' | 'done';

export interface BatchProgress {
  id: string;
  status: BatchStatus;
  /** files of the batch now (a deleted one no longer counts) */
  total: number;
  queued: number;
  read: number;
  failed: number;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: string | null;
  /** scanned files being read by OCR now, with the page each has reached */
  scanning: ScanProgress[];
}

async function progressOf(ctx: Ctx, agencyId: number, batches: (typeof supervisionBatches.$inferSelect)[]): Promise<BatchProgress[]> {
  if (batches.length === 0) return [];
  const ids = batches.map((b) => b.id);
  const [counts, names] = await Promise.all([
    ctx.db
      .select({ batchId: supervisedFiles.batchId, status: supervisedFiles.status, n: count() })
      .from(supervisedFiles)
      .where(and(eq(supervisedFiles.agencyId, agencyId), inArray(supervisedFiles.batchId, ids)))
      .groupBy(supervisedFiles.batchId, supervisedFiles.status),
    ctx.db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, [...new Set(batches.map((b) => b.createdBy).filter((u): u is string => u !== null))].concat(['00000000-0000-4000-8000-000000000000']))),
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  return batches.map((b) => {
    const of = (status: string) => Number(counts.find((c) => c.batchId === b.id && c.status === status)?.n ?? 0);
    const [queued, read, failed] = [of('queued'), of('read'), of('failed')];
    return {
      id: b.id,
      status: b.status as BatchStatus,
      total: queued + read + failed,
      queued,
      read,
      failed,
      createdAt: b.createdAt,
      finishedAt: b.finishedAt,
      createdBy: b.createdBy ? (nameOf.get(b.createdBy) ?? null) : null,
      scanning: scansInProgress(agencyId, b.id),
    };
  });
}

/** The supervisor's uploads, newest first, with their progress. */
export async function listBatches(ctx: Ctx, actor: StaffActor, limit = 20): Promise<BatchProgress[]> {
  await assertAllowed(ctx.db, actor, READ);
  const batches = await ctx.db
    .select()
    .from(supervisionBatches)
    .where(eq(supervisionBatches.agencyId, actor.agencyId))
    .orderBy(desc(supervisionBatches.createdAt), desc(supervisionBatches.id))
    .limit(limit);
  return progressOf(ctx, actor.agencyId, batches);
}

/** A file as the list shows it (without its report, text and findings: their counts). */
const FILE_VIEW = {
  id: supervisedFiles.id,
  batchId: supervisedFiles.batchId,
  name: supervisedFiles.name,
  size: supervisedFiles.size,
  sha256: supervisedFiles.sha256,
  status: supervisedFiles.status,
  kind: supervisedFiles.kind,
  error: supervisedFiles.error,
  printedAgency: supervisedFiles.printedAgency,
  subjectAgencyId: supervisedFiles.subjectAgencyId,
  matchScore: supervisedFiles.matchScore,
  matchConfirmed: supervisedFiles.matchConfirmed,
  year: supervisedFiles.year,
  format: sql<string | null>`${supervisedFiles.data}->>'format'`,
  errors: sql<number>`(select count(*) from jsonb_array_elements(${supervisedFiles.findings}) f where f->>'severity' = 'error')::int`,
  warnings: sql<number>`(select count(*) from jsonb_array_elements(${supervisedFiles.findings}) f where f->>'severity' = 'warning')::int`,
  infos: sql<number>`(select count(*) from jsonb_array_elements(${supervisedFiles.findings}) f where f->>'severity' = 'info')::int`,
  createdAt: supervisedFiles.createdAt,
  readAt: supervisedFiles.readAt,
  version: supervisedFiles.version,
};

type FileViewRow = { [K in keyof typeof FILE_VIEW]: (typeof FILE_VIEW)[K] extends { _: { data: infer D } } ? D : never };

export interface SupervisedFileView {
  id: string;
  batchId: string;
  name: string;
  size: number;
  sha256: string;
  status: FileStatus;
  kind: string | null;
  error: string | null;
  printedAgency: string | null;
  subjectAgencyId: number | null;
  subjectAgency: string | null;
  matchScore: number | null;
  matchConfirmed: boolean;
  year: number | null;
  format: string | null;
  counts: { error: number; warning: number; info: number };
  /** the likeliest agencies for the printed name, best first (to confirm or correct the match) */
  candidates: ScoredAgency[];
  createdAt: Date;
  readAt: Date | null;
  version: number;
}

async function viewsOf(ctx: Ctx, supervisorId: number, rows: FileViewRow[]): Promise<SupervisedFileView[]> {
  const tree = await agencyTree(ctx.db);
  const match = agencyMatcher((await subtree(ctx.db, supervisorId)).map((id) => ({ id, name: tree.byId.get(id)!.name })));
  return rows.map(({ errors, warnings, infos, ...r }) => ({
    ...r,
    status: r.status as FileStatus,
    subjectAgency: r.subjectAgencyId === null ? null : (tree.byId.get(r.subjectAgencyId)?.name ?? null),
    counts: { error: Number(errors), warning: Number(warnings), info: Number(infos) },
    candidates: r.printedAgency ? match(r.printedAgency).candidates : [],
  }));
}

/** One upload: its progress and its files (in the order uploaded). 404 for another agency's batch. */
export async function batchDetail(ctx: Ctx, actor: StaffActor, batchId: string) {
  await assertAllowed(ctx.db, actor, READ);
  const [batch] = await ctx.db
    .select()
    .from(supervisionBatches)
    .where(and(eq(supervisionBatches.agencyId, actor.agencyId), eq(supervisionBatches.id, batchId)));
  if (!batch) throw notFound('未找到该批上传的文件');
  const [progress] = await progressOf(ctx, actor.agencyId, [batch]);
  const rows = (await ctx.db
    .select(FILE_VIEW)
    .from(supervisedFiles)
    .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.batchId, batchId)))
    .orderBy(supervisedFiles.name, supervisedFiles.id)) as FileViewRow[];
  return { batch: progress, files: await viewsOf(ctx, actor.agencyId, rows) };
}

/** The supervisor's files of some agencies (or of none yet: the unmatched ones), for the collection page. */
export async function filesOf(ctx: Ctx, supervisorId: number, where: { subjectAgencyIds?: number[]; year?: number; unmatched?: boolean }) {
  const conditions = [eq(supervisedFiles.agencyId, supervisorId)];
  if (where.subjectAgencyIds) conditions.push(inArray(supervisedFiles.subjectAgencyId, where.subjectAgencyIds.length ? where.subjectAgencyIds : [-1]));
  if (where.year !== undefined) conditions.push(eq(supervisedFiles.year, where.year));
  if (where.unmatched) conditions.push(or(sql`${supervisedFiles.subjectAgencyId} is null`, sql`${supervisedFiles.year} is null`)!);
  const rows = (await ctx.db
    .select(FILE_VIEW)
    .from(supervisedFiles)
    .where(and(...conditions))
    .orderBy(desc(supervisedFiles.createdAt), supervisedFiles.name)) as FileViewRow[];
  return viewsOf(ctx, supervisorId, rows);
}

async function fileRow(ctx: Ctx, actor: StaffActor, fileId: string) {
  const [row] = await ctx.db
    .select()
    .from(supervisedFiles)
    .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, fileId)));
  if (!row) throw notFound('未找到该文件');
  return row;
}

async function fileView(ctx: Ctx, actor: StaffActor, fileId: string): Promise<SupervisedFileView> {
  const rows = (await ctx.db
    .select(FILE_VIEW)
    .from(supervisedFiles)
    .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, fileId)))) as FileViewRow[];
  if (rows.length === 0) throw notFound('未找到该文件');
  return (await viewsOf(ctx, actor.agencyId, rows))[0];
}

// ---------------------------------------------------------------------------------------------------------
// Confirming or correcting the match; deleting; the original

/**
 * Set the agency and the year of a file (the suggestion confirmed, or corrected): an agency of the
 * supervisor's tree, a year up to the current one. `version`: the file's version as shown (409 if it changed).
 */
export async function confirmMatch(ctx: Ctx, actor: StaffActor, fileId: string, input: { subjectAgencyId: number; year: number; version?: number }) {
  await assertAllowed(ctx.db, actor, WRITE);
  const ids = await subtree(ctx.db, actor.agencyId);
  if (!ids.includes(input.subjectAgencyId)) {
    throw badInput('只能对应到本机关或所辖机关', [{ path: 'subjectAgencyId', message: '不是本机关或所辖机关' }]);
  }
  const thisYear = Number(ctx.clock.today().slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 2008 || input.year > thisYear) {
    throw badInput(`年度无效（2008 年至 ${thisYear} 年）`, [{ path: 'year', message: '年度无效' }]);
  }
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(supervisedFiles)
      .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, fileId)))
      .for('update');
    if (!row) throw notFound('未找到该文件');
    if (row.status === 'queued') throw conflict('该文件尚未读取完毕，请读取完成后再核对');
    if (input.version !== undefined && input.version !== row.version) throw conflict('该文件已被他人修改，请刷新后重试');
    await tx
      .update(supervisedFiles)
      .set({ subjectAgencyId: input.subjectAgencyId, year: input.year, matchConfirmed: true, version: row.version + 1 })
      .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, fileId)));
    await appendAudit(tx, actor, {
      agencyId: actor.agencyId,
      entity: 'supervisedFile',
      entityId: fileId,
      action: row.matchConfirmed || row.subjectAgencyId === null || row.subjectAgencyId === input.subjectAgencyId ? 'confirmMatch' : 'correctMatch',
      before: { subjectAgencyId: row.subjectAgencyId, year: row.year, matchConfirmed: row.matchConfirmed, matchScore: row.matchScore, printedAgency: row.printedAgency },
      after: { subjectAgencyId: input.subjectAgencyId, year: input.year, matchConfirmed: true },
    });
  });
  return fileView(ctx, actor, fileId);
}

/**
 * Delete an uploaded file (uploaded by mistake): its row and its stored bytes; the audit trail keeps what it
 * was. Refused while a correction of its cells or a 整改 refers to it.
 */
export async function deleteSupervisedFile(ctx: Ctx, actor: StaffActor, fileId: string): Promise<void> {
  await assertAllowed(ctx.db, actor, WRITE);
  const key = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(supervisedFiles)
      .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, fileId)))
      .for('update');
    if (!row) throw notFound('未找到该文件');
    const [corrections, followUps] = await Promise.all([
      tx.select({ n: count() }).from(cellCorrections).where(and(eq(cellCorrections.agencyId, actor.agencyId), eq(cellCorrections.fileId, fileId))),
      tx
        .select({ n: count() })
        .from(rectifications)
        .where(and(eq(rectifications.agencyId, actor.agencyId), or(eq(rectifications.originalFileId, fileId), eq(rectifications.correctedFileId, fileId)))),
    ]);
    if (Number(corrections[0]?.n ?? 0) > 0) throw conflict('该文件已有人工更正的单元格，不能删除');
    if (Number(followUps[0]?.n ?? 0) > 0) throw conflict('该文件已用于整改通知，不能删除');
    await tx.delete(supervisedFiles).where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, fileId)));
    await finishBatchIfDone(tx, actor.agencyId, row.batchId);
    await appendAudit(tx, actor, {
      agencyId: actor.agencyId,
      entity: 'supervisedFile',
      entityId: fileId,
      action: 'delete',
      before: { batchId: row.batchId, name: row.name, sha256: row.sha256, size: row.size, status: row.status, subjectAgencyId: row.subjectAgencyId, year: row.year },
    });
    return row.storageKey;
  });
  await ctx.storage.remove(key).catch(() => undefined);
}

/** The file as uploaded (a PDF that would run a script when opened is not handed out). */
export async function supervisedOriginal(ctx: Ctx, actor: StaffActor, fileId: string): Promise<{ bytes: Buffer; filename: string }> {
  await assertAllowed(ctx.db, actor, READ);
  const row = await fileRow(ctx, actor, fileId);
  const bytes = await ctx.storage.get(row.storageKey);
  if (isPdf(bytes) && pdfActivity(bytes) !== null) {
    throw new ServiceError(415, '该 PDF 含有脚本或无法检查的内容，出于安全考虑不提供下载');
  }
  return { bytes, filename: row.name.slice(row.name.lastIndexOf('/') + 1) };
}
