/**
 * A cell the reader misread, corrected by hand: kept as a correction beside what was read (who, when, why),
 * never written over the file's data. The checks of the file then use the corrected value (reports.ts applies
 * the latest correction of each cell, also to a re-upload of the same bytes).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { cellCorrections, supervisedFiles, users } from '../../db/schema';
import { reportCells } from '../../core/report/checks';
import { getCell, reportSchema } from '../../core/report/model';
import { describeCell } from '../../core/report/template';
import type { Ctx, StaffActor } from '../context';
import { appendAudit } from '../audit';
import { assertAllowed, subtree } from '../agencies';
import { badInput, notFound, parseInput } from '../errors';
import type { CellCorrectionView } from './reports';

export const correctionSchema = z.object({
  fileId: z.uuid({ error: '文件标识无效' }),
  path: z.string({ error: '请选择单元格' }).min(3).max(100),
  value: z.number({ error: '请填写更正后的数值' }).finite().nullable(),
  reason: z.string({ error: '请填写更正理由' }).trim().min(2, '请填写更正理由（如“原文第 3 页该格为 12，读取为 1”）').max(1000, '理由不能超过 1000 字'),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

/** The supervisor's read file with its report (404 when it is not the supervisor's, or not read). */
async function readFile(ctx: Ctx, actor: StaffActor, fileId: string) {
  const [f] = await ctx.db
    .select({ id: supervisedFiles.id, status: supervisedFiles.status, data: supervisedFiles.data, subjectAgencyId: supervisedFiles.subjectAgencyId, year: supervisedFiles.year, name: supervisedFiles.name })
    .from(supervisedFiles)
    .where(and(eq(supervisedFiles.agencyId, actor.agencyId), eq(supervisedFiles.id, fileId)));
  if (!f) throw notFound('未找到该文件');
  const report = reportSchema.safeParse(f.data);
  if (f.status !== 'read' || !report.success) throw badInput('该文件未能读取为年度报告，无法更正单元格', [{ path: 'fileId', message: '文件未读取' }]);
  if (f.subjectAgencyId !== null && !(await subtree(ctx.db, actor.agencyId)).includes(f.subjectAgencyId)) throw notFound('未找到该文件');
  return { ...f, report: report.data };
}

/** Correct one cell of an uploaded file's report; audited. */
export async function correctCell(ctx: Ctx, actor: StaffActor, input: unknown): Promise<CellCorrectionView> {
  await assertAllowed(ctx.db, actor, 'supervision.write');
  const v = parseInput(correctionSchema, input, '');
  const file = await readFile(ctx, actor, v.fileId);
  const cell = reportCells(file.report).find((c) => c.path === v.path);
  if (!cell) throw badInput(`该报告没有单元格“${v.path}”`, [{ path: 'path', message: '单元格无效' }]);
  if (v.value !== null && cell.kind !== 'money' && !Number.isInteger(v.value)) throw badInput('件数应为整数', [{ path: 'value', message: '件数应为整数' }]);
  if (v.value !== null && cell.kind !== 'signedCount' && v.value < 0) throw badInput('数值不应为负数', [{ path: 'value', message: '不应为负数' }]);
  const readValue = getCell(file.report, v.path) ?? null;
  const row = {
    agencyId: actor.agencyId,
    id: randomUUID(),
    fileId: v.fileId,
    path: v.path,
    readValue,
    value: v.value,
    reason: v.reason,
    correctedBy: actor.userId,
    correctedAt: ctx.clock.now(),
  };
  await ctx.db.transaction(async (tx) => {
    await tx.insert(cellCorrections).values(row);
    await appendAudit(tx, actor, {
      agencyId: actor.agencyId,
      entity: 'supervisedFile',
      entityId: v.fileId,
      action: 'correctCell',
      before: { path: v.path, value: readValue },
      after: { path: v.path, value: v.value, reason: v.reason },
    });
  });
  return { id: row.id, fileId: row.fileId, path: row.path, cell: describeCell(row.path), readValue, value: row.value, reason: row.reason, correctedBy: actor.name, correctedAt: row.correctedAt.toISOString() };
}

/** Every correction made on a file, oldest first (the history; the latest of each cell is in force). */
export async function fileCorrections(ctx: Ctx, actor: StaffActor, fileId: string): Promise<CellCorrectionView[]> {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  await readFile(ctx, actor, fileId);
  const rows = await ctx.db
    .select()
    .from(cellCorrections)
    .where(and(eq(cellCorrections.agencyId, actor.agencyId), eq(cellCorrections.fileId, fileId)))
    .orderBy(asc(cellCorrections.correctedAt), asc(cellCorrections.id));
  const ids = [...new Set(rows.map((r) => r.correctedBy).filter((x): x is string => x !== null))];
  const names = new Map(ids.length ? (await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : []);
  return rows.map((r) => ({
    id: r.id,
    fileId: r.fileId,
    path: r.path,
    cell: describeCell(r.path),
    readValue: r.readValue,
    value: r.value,
    reason: r.reason,
    correctedBy: r.correctedBy ? (names.get(r.correctedBy) ?? null) : null,
    correctedAt: r.correctedAt.toISOString(),
  }));
}
