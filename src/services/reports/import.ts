/**
 * An earlier year's published report brought into an agency by reading its file, so the cross-year rule holds
 * from the first year of use. Two steps (issue 10, item 6):
 *
 * 1. the preview reads the file and shows what was read — the year, the agency as printed, the key figures, the
 *    findings — and stores nothing (no row, no file);
 * 2. the confirmation sends the same file again with the preview's token (a digest of the agency and the
 *    bytes: the file confirmed is the file previewed), reads it again and saves it as an `imported` version.
 *
 * A report whose printed agency is another agency of the target's tree is refused at both steps; a printed name
 * that is no agency of the tree passes with a warning. An imported version is never shown on the public portal
 * (./public.ts): importing publishes nothing.
 */
import { createHash } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { reportVersions } from '../../db/schema';
import { compact } from '../../core/normalize';
import { checkReport } from '../../core/report/checks';
import { countBySeverity, finding } from '../../core/report/findings';
import { sharedReadPool } from '../../workers/read-pool';
import type { Ctx, StaffActor } from '../context';
import { appendAudit } from '../audit';
import { agencyTree, assertAllowed, getAgency, subtree, type Agency } from '../agencies';
import { badInput, conflict } from '../errors';
import type { Upload } from '../uploads';
import { figures, previousReport } from './versions';

/** The token of a preview: the target agency and the file's bytes. */
function importToken(agencyId: number, bytes: Uint8Array): string {
  return createHash('sha256').update(`gongkai-report-import:${agencyId}:`).update(bytes).digest('hex');
}

/** The agencies of the target's tree (from its root down), the target excepted, whose name is `printed`. */
async function otherAgencyNamed(db: Db, target: Agency, printed: string): Promise<Agency | null> {
  const name = compact(printed);
  if (name === '' || name === compact(target.name)) return null;
  const tree = await agencyTree(db);
  let root = target;
  while (root.parentId !== null && tree.byId.has(root.parentId)) root = tree.byId.get(root.parentId)!;
  for (const id of await subtree(db, root.id)) {
    const a = tree.byId.get(id);
    if (a && a.id !== target.id && compact(a.name) === name) return a;
  }
  return null;
}

/** Read and check the file for the agency; refuse what cannot be brought in. Stores nothing. */
async function readForImport(ctx: Ctx, actor: StaffActor, agencyId: number, upload: Upload, expectedYear?: number) {
  await assertAllowed(ctx.db, actor, 'report.write', agencyId);
  const agency = await getAgency(ctx.db, agencyId);
  // read in a worker thread with memory and time limits: a hostile file costs that worker, not the server
  const read = await sharedReadPool().read(upload.filename, upload.bytes);
  const why = read.findings.find((f) => f.severity === 'error') ?? read.findings[0];
  if (!read.report) throw badInput(`无法读取为年度报告：${why?.message ?? ''}`, [{ path: 'file', message: why?.message ?? '无法读取' }]);
  const report = read.report;
  if (expectedYear && report.year !== expectedYear) throw badInput(`文件是 ${report.year} 年度的报告，不是 ${expectedYear} 年度`, [{ path: 'year', message: '年度不符' }]);
  if (report.year >= Number(ctx.clock.today().slice(0, 4))) throw badInput('只能导入以往年度已公布的报告');
  const printedAgency = report.agency.trim() || null;
  if (printedAgency) {
    const other = await otherAgencyNamed(ctx.db, agency, printedAgency);
    if (other) throw conflict(`报告所载机关为“${printedAgency}”，是本系统中的另一机关，不能导入为“${agency.name}”的报告`);
  }
  const previous = await previousReport(ctx.db, agencyId, report.year);
  const findings = [...read.findings, ...checkReport(report, { previous: previous?.report, narrative: read.narrative })];
  if (printedAgency && compact(printedAgency) !== compact(agency.name)) {
    findings.push(finding('read.agency', 'warning', `报告中的机关名称为“${printedAgency}”，与本机关“${agency.name}”不一致，也不是本系统中的其他机关；请确认是本机关的报告`, 'agency'));
  }
  report.agency = agency.name;
  return { agency, report, printedAgency, findings, token: importToken(agencyId, upload.bytes) };
}

/** Step 1: what the file says, and the token that confirms it. Nothing is stored. */
export async function previewImport(ctx: Ctx, actor: StaffActor, agencyId: number, upload: Upload, expectedYear?: number) {
  const { agency, report, printedAgency, findings, token } = await readForImport(ctx, actor, agencyId, upload, expectedYear);
  const existing = await ctx.db
    .select({ version: reportVersions.version, source: reportVersions.source })
    .from(reportVersions)
    .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, report.year)))
    .orderBy(reportVersions.version);
  return {
    token,
    year: report.year,
    format: report.format,
    /** the agency as printed in the report (null when none was read) */
    printedAgency,
    agency: { id: agency.id, name: agency.name },
    figures: figures(report),
    report,
    findings,
    counts: countBySeverity(findings),
    /** the year's versions already in the system: the import would add the next one */
    existing,
  };
}

/** Step 2: the file of the preview, confirmed by its token, saved as an imported version of its year. */
export async function confirmImport(ctx: Ctx, actor: StaffActor, agencyId: number, upload: Upload, token: string | undefined, expectedYear?: number) {
  await assertAllowed(ctx.db, actor, 'report.write', agencyId);
  if (!token) throw badInput('请先读取报告并核对读取结果，再确认导入', [{ path: 'token', message: '缺少读取结果的确认码' }]);
  const r = await readForImport(ctx, actor, agencyId, upload, expectedYear);
  if (token !== r.token) throw conflict('文件与预览时的不一致，请重新读取并确认');
  const { report, findings } = r;
  const key = await ctx.storage.put(upload.bytes, upload.filename.split('.').pop()?.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8));
  try {
    return await ctx.db.transaction(async (tx) => {
      const [{ v }] = await tx
        .select({ v: max(reportVersions.version) })
        .from(reportVersions)
        .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, report.year)));
      const version = (v ?? 0) + 1;
      await tx.insert(reportVersions).values({
        agencyId,
        year: report.year,
        version,
        source: 'imported',
        data: report,
        sections: {},
        findings,
        originalKey: key,
        originalName: upload.filename.slice(-120),
        publishedBy: actor.userId,
        publishedAt: ctx.clock.now(),
      });
      await appendAudit(tx, actor, {
        agencyId,
        entity: 'report',
        entityId: String(report.year),
        action: 'import',
        after: { version, file: upload.filename, printedAgency: r.printedAgency, data: report },
      });
      return { year: report.year, version, format: report.format, report, findings, counts: countBySeverity(findings) };
    });
  } catch (e) {
    await ctx.storage.remove(key);
    throw e;
  }
}
