/**
 * 收集情况: for a year, every agency of the supervisor's tree (its own included) — whether its annual report is
 * published (in Gongkai, or received as an uploaded file), whether it is late, and how many errors and warnings
 * its checks give — and the deadlines the supervising office sets.
 *
 * Deadlines (条例第四十九条): a department publishes its report by 31 January of the next year, a government's
 * is published by 31 March; a supervising office may set earlier dates (local rules often do). A report
 * published in Gongkai is late when published after its deadline; one without any report is late once the
 * deadline has passed. The day an uploaded report was published elsewhere is not known: it is not called late.
 *
 * The counts are those of the supervising office's read model (./reports.ts `supervisedReports`): the report
 * chosen from all sources of the agency-year, checked with the cross-year rules and the corrections made.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { agencies, reportDrafts, reportVersions } from '../../db/schema';
import { chinaDate, type Ctx, type StaffActor } from '../context';
import { appendAudit } from '../audit';
import { agencyTree, assertAllowed, forgetAgencyTree, subtree, type Agency } from '../agencies';
import { badInput, notFound } from '../errors';
import { filesOf, type SupervisedFileView } from './collect';
import { supervisedReports } from './reports';

/** 条例第四十九条: departments by 31 January, governments by 31 March of the next year. */
export const DEFAULT_DEADLINES = { department: '01-31', government: '03-31' } as const;

export interface Deadlines {
  department: string;
  government: string;
  /** set by the supervising office (else the 条例's) */
  custom: boolean;
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A valid 'MM-DD' of every year (02-29 is not: it does not come every year). */
export function validMonthDay(s: string): boolean {
  if (!MONTH_DAY.test(s)) return false;
  const [m, d] = s.split('-').map(Number);
  return d <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function deadlinesOf(supervisor: Agency): Deadlines {
  const set = supervisor.contact.reportDeadlines ?? {};
  return {
    department: set.department && validMonthDay(set.department) ? set.department : DEFAULT_DEADLINES.department,
    government: set.government && validMonthDay(set.government) ? set.government : DEFAULT_DEADLINES.government,
    custom: Boolean(set.department || set.government),
  };
}

/** The day a year's report of an agency is due. */
export function dueOn(agency: Pick<Agency, 'kind'>, year: number, deadlines: Deadlines): string {
  return `${year + 1}-${agency.kind === 'government' ? deadlines.government : deadlines.department}`;
}

/** The supervising office's deadlines: 'MM-DD' each, or left out for the 条例's. */
export async function setReportDeadlines(ctx: Ctx, actor: StaffActor, input: { department?: string | null; government?: string | null }): Promise<Deadlines> {
  await assertAllowed(ctx.db, actor, 'supervision.write');
  const next: { department?: string; government?: string } = {};
  for (const k of ['department', 'government'] as const) {
    const v = input[k]?.trim();
    if (!v) continue;
    if (!validMonthDay(v)) throw badInput(`${k === 'department' ? '部门' : '政府'}报告的截止日期无效：应为“月-日”，如 01-31`, [{ path: k, message: '应为“月-日”，如 01-31' }]);
    next[k] = v;
  }
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ contact: agencies.contact }).from(agencies).where(eq(agencies.id, actor.agencyId)).for('update');
    if (!row) throw notFound('未找到该机关');
    const { reportDeadlines: before, ...rest } = row.contact;
    const contact = Object.keys(next).length > 0 ? { ...rest, reportDeadlines: next } : rest;
    await tx.update(agencies).set({ contact }).where(eq(agencies.id, actor.agencyId));
    await appendAudit(tx, actor, { agencyId: actor.agencyId, entity: 'agency', entityId: String(actor.agencyId), action: 'reportDeadlines', before: before ?? null, after: next });
  });
  forgetAgencyTree(ctx.db);
  return deadlinesOf((await agencyTree(ctx.db)).byId.get(actor.agencyId)!);
}

export interface CollectionRow {
  agencyId: number;
  name: string;
  kind: string;
  parentId: number | null;
  /** levels below the supervisor's agency (0: its own) */
  depth: number;
  dueOn: string;
  /** the report written in Gongkai: none | draft | submitted | approved | published | imported */
  gongkaiStatus: string;
  /** its first publication in Gongkai */
  publishedAt: Date | null;
  /** the report the counts are of: where it comes from, or null when there is none */
  source: 'published' | 'imported' | 'upload' | null;
  version: number | null;
  fileId: string | null;
  /** a report is there: published in Gongkai, brought in there, or received as a file */
  published: boolean;
  late: boolean;
  counts: { error: number; warning: number; info: number } | null;
  /** files uploaded for this agency and year (read, failed; confirmed or only suggested) */
  files: SupervisedFileView[];
}

/** Every agency of the supervisor's tree for a year, with the state of its report. */
export async function collectionStatus(ctx: Ctx, actor: StaffActor, year: number) {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const thisYear = Number(ctx.clock.today().slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > thisYear) throw badInput(`年度无效（2008 年至 ${thisYear} 年）`, [{ path: 'year', message: '年度无效' }]);
  const tree = await agencyTree(ctx.db);
  const ids = await subtree(ctx.db, actor.agencyId);
  const supervisor = tree.byId.get(actor.agencyId)!;
  const deadlines = deadlinesOf(supervisor);
  const [drafts, versions, reports, files, unmatched] = await Promise.all([
    ctx.db
      .select({ agencyId: reportDrafts.agencyId, status: reportDrafts.status })
      .from(reportDrafts)
      .where(and(inArray(reportDrafts.agencyId, ids), eq(reportDrafts.year, year))),
    ctx.db
      .select({ agencyId: reportVersions.agencyId, version: reportVersions.version, source: reportVersions.source, publishedAt: reportVersions.publishedAt })
      .from(reportVersions)
      .where(and(inArray(reportVersions.agencyId, ids), eq(reportVersions.year, year))),
    supervisedReports(ctx, actor, { years: [year, year], subjectAgencyIds: ids }),
    filesOf(ctx, actor.agencyId, { subjectAgencyIds: ids, year }),
    filesOf(ctx, actor.agencyId, { unmatched: true }),
  ]);
  const depthOf = (id: number) => {
    let d = 0;
    for (let a = tree.byId.get(id); a && a.id !== actor.agencyId && a.parentId !== null && d < tree.byId.size; a = tree.byId.get(a.parentId)) d++;
    return d;
  };
  const today = ctx.clock.today();
  const rows: CollectionRow[] = ids.map((id) => {
    const agency = tree.byId.get(id)!;
    const due = dueOn(agency, year, deadlines);
    const own = versions.filter((v) => v.agencyId === id);
    const published = own.filter((v) => v.source === 'published').sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    const draft = drafts.find((d) => d.agencyId === id);
    const gongkaiStatus = published.length > 0 ? 'published' : (draft?.status ?? (own.length > 0 ? 'imported' : 'none'));
    const report = reports.find((r) => r.subjectAgencyId === id && r.year === year) ?? null;
    const agencyFiles = files.filter((f) => f.subjectAgencyId === id);
    const publishedAt = published[0]?.publishedAt ?? null;
    // a report is there when one was published or brought in, or a file of it received (even one that could not be read)
    const has = report !== null || agencyFiles.some((f) => f.status !== 'queued');
    const late = publishedAt ? chinaDate(publishedAt) > due : !has && today > due;
    return {
      agencyId: id,
      name: agency.name,
      kind: agency.kind,
      parentId: agency.parentId,
      depth: depthOf(id),
      dueOn: due,
      gongkaiStatus,
      publishedAt,
      source: report?.source ?? null,
      version: report?.version ?? null,
      fileId: report?.fileId ?? null,
      published: has,
      late,
      counts: report ? report.counts : null,
      files: agencyFiles,
    };
  });
  return {
    year,
    today,
    deadlines,
    rows,
    /** uploaded files not yet matched to an agency and a year (any year) */
    unmatched,
    summary: {
      agencies: rows.length,
      published: rows.filter((r) => r.published).length,
      late: rows.filter((r) => r.late).length,
      withErrors: rows.filter((r) => (r.counts?.error ?? 0) > 0).length,
      unmatched: unmatched.length,
    },
  };
}
