/**
 * The annual reports on the public portal: only the versions published in Gongkai. A report brought in from a
 * published file (source 'imported') is a record for the cross-year checks and the supervisors, read by a
 * machine from the agency's own publication: it never appears on the portal as the agency's published report
 * (issue 10: importing never publishes anything by itself).
 */
import { and, desc, eq } from 'drizzle-orm';
import { reportVersions } from '../../db/schema';
import { reportSchema } from '../../core/report/model';
import { reportHtml } from '../../render/html';
import { chinaDate, chineseDate, type Ctx } from '../context';
import { getAgency } from '../agencies';
import { notFound } from '../errors';
import { fileOfVersion, latestVersion } from './versions';

/** Each year's latest version published in Gongkai, the latest year first. */
export async function publicReports(ctx: Ctx, agencyId: number) {
  await getAgency(ctx.db, agencyId);
  const rows = await ctx.db
    .select({ year: reportVersions.year, version: reportVersions.version, source: reportVersions.source, publishedAt: reportVersions.publishedAt })
    .from(reportVersions)
    .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.source, 'published')))
    .orderBy(desc(reportVersions.year), desc(reportVersions.version));
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.year)) latest.set(r.year, r);
  return [...latest.values()];
}

async function published(ctx: Ctx, agencyId: number, year: number) {
  const v = await latestVersion(ctx.db, agencyId, year, 'published');
  if (!v) throw notFound('该年度报告尚未发布');
  return v;
}

export async function publicReportHtml(ctx: Ctx, agencyId: number, year: number): Promise<string> {
  const v = await published(ctx, agencyId, year);
  return reportHtml(reportSchema.parse(v.data), v.sections, { signatureDate: chineseDate(chinaDate(v.publishedAt)) });
}

/** The Word or Excel file of the latest version of a year published in Gongkai, for the public. */
export async function publicReportFile(ctx: Ctx, agencyId: number, year: number, kind: 'docx' | 'xlsx') {
  return fileOfVersion(ctx, await published(ctx, agencyId, year), kind);
}

export async function publicReportData(ctx: Ctx, agencyId: number, year: number) {
  const v = await published(ctx, agencyId, year);
  return { year, version: v.version, source: v.source, publishedAt: v.publishedAt, report: reportSchema.parse(v.data), sections: v.sections };
}
