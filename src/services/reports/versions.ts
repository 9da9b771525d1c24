/**
 * Frozen versions of a year's report (published in Gongkai, or brought in from a published file): the latest,
 * the previous year's for the cross-year rule, their files, and the figures compared across agencies and years.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { reportVersions } from '../../db/schema';
import { reportSchema, type Report } from '../../core/report/model';
import { reportDocx } from '../../render/docx';
import { reportXlsx } from '../../render/xlsx';
import type { Ctx } from '../context';
import { getAgency } from '../agencies';
import { notFound } from '../errors';

export type VersionRow = typeof reportVersions.$inferSelect;

/** The latest frozen version of a year, of any source, or only of one ('published': what the portal shows). */
export async function latestVersion(db: Db, agencyId: number, year: number, source?: 'published' | 'imported'): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, year), source ? eq(reportVersions.source, source) : undefined))
    .orderBy(desc(reportVersions.version))
    .limit(1);
  return row ?? null;
}

/** The previous year's report for the cross-year rule: its latest frozen version (published or brought in). */
export async function previousReport(db: Db, agencyId: number, year: number): Promise<{ report: Report; source: string; version: number } | null> {
  const v = await latestVersion(db, agencyId, year - 1);
  if (!v) return null;
  const parsed = reportSchema.safeParse(v.data);
  return parsed.success ? { report: parsed.data, source: v.source, version: v.version } : null;
}

/** A file of a frozen version: stored at publication, or (imported reports have none) rendered from its data. */
export async function fileOfVersion(ctx: Ctx, row: VersionRow, kind: 'docx' | 'xlsx' | 'original') {
  const agency = await getAgency(ctx.db, row.agencyId);
  const filename = `${agency.name}${row.year}年政府信息公开工作年度报告.${kind}`;
  const key = kind === 'docx' ? row.docxKey : kind === 'xlsx' ? row.xlsxKey : row.originalKey;
  if (key) return { bytes: await ctx.storage.get(key), filename: kind === 'original' ? (row.originalName ?? `report-${row.year}`) : filename };
  if (kind === 'original') throw notFound('该版本没有原始文件');
  const report = reportSchema.parse(row.data);
  return { bytes: kind === 'docx' ? await reportDocx(report, row.sections) : await reportXlsx(report, row.sections), filename };
}

/** The figures of a report compared across agencies and years (and shown when a report is brought in). */
export function figures(report: Report) {
  const a = report.applications;
  const answered = a.total[6];
  const r = report.reviewLitigation;
  const p = report.proactive;
  const documents =
    report.format === '2021'
      ? sumKnown([report.proactive.regulations.issued, report.proactive.normativeDocuments.issued])
      : sumKnown([report.proactive.regulations.made, report.proactive.normativeDocuments.made]);
  return {
    format: report.format,
    received: a.received[6],
    carriedOver: a.carriedOver[6],
    answered,
    carriedForward: a.carriedForward[6],
    disclosedShare: answered ? ((a.disclosed[6] ?? 0) + (a.partial[6] ?? 0)) / answered : null,
    reviews: r.reconsideration.total,
    suits: sumKnown([r.litigationDirect.total, r.litigationAfterReconsideration.total]),
    /** 表二: rules and normative documents made (2019) or issued (2021) in the year */
    documents,
    licensing: p.licensing.decisions,
    punishment: p.punishment.decisions,
    enforcement: p.enforcement.decisions,
  };
}

function sumKnown(values: (number | null)[]): number | null {
  return values.some((v) => v == null) ? null : values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
}
