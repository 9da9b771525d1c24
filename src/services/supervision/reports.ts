/**
 * The supervising office's read model: for each agency-year of the supervisor's subtree (its own agency
 * included), the one report to audit, its findings and the reviewer's decisions on them.
 *
 * Which report: an agency-year may have a version in Gongkai (published from the system, or an earlier
 * year's report imported into the agency) and files uploaded by the supervisor (supervised_files read, with
 * agency and year set). The report audited is the newest of the latest version (by its publication time) and
 * the latest upload (by its upload time); on a tie the version in Gongkai. A newer upload of the same
 * agency-year thus replaces the one before it (a re-upload, or the corrected report of a 整改), and a version
 * republished in Gongkai after an upload replaces the upload.
 *
 * Its findings: every check (tables, text, and the cross-year rules wherever the previous year of the same
 * agency is present here, whatever its source), each with its fingerprint (src/core/supervision/fingerprint.ts)
 * and the reviewer's decision on that fingerprint, carried over from another file or version of the same
 * agency-year while the finding is the same. An uploaded file's figures are checked as corrected by hand
 * (cell_corrections: the latest correction of a cell wins), the report as read kept beside.
 */
import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { cellCorrections, findingDecisions, reportVersions, supervisedFiles, users } from '../../db/schema';
import { checkAcrossYears, checkReportAlone } from '../../core/report/checks';
import { countBySeverity, type Finding, type Severity } from '../../core/report/findings';
import { narrativeLines } from '../../core/report/layout';
import { getCell, reportSchema, setCell, type CellValue, type Report } from '../../core/report/model';
import type { NarrativeLine } from '../../core/report/narrative';
import { describeCell } from '../../core/report/template';
import { fingerprint } from '../../core/supervision/fingerprint';
import type { Ctx, StaffActor } from '../context';
import { agencyTree, assertAllowed, subtree } from '../agencies';

export type { Decision, ReportSource } from '../../core/supervision/labels';
import type { Decision, ReportSource } from '../../core/supervision/labels';

/** Rules whose findings need the previous year's report: computed here, never taken from a stored list. */
export const CROSS_YEAR_RULES: readonly string[] = ['applications.carryOver', 'proactive.continuity'];
/** Findings of reading a file (not of checking its figures), kept as the reader gave them. */
const isReaderFinding = (f: Finding) => f.rule.startsWith('read.') || f.rule.startsWith('file.');

export interface SupervisedFinding extends Finding {
  fingerprint: string;
  decision: Decision | null;
  reason: string | null;
  /** the reviewer's name */
  decidedBy: string | null;
  decidedAt: string | null;
  /** the decision was made on another file or version of this agency-year (沿用) */
  carriedOver: boolean;
}

export interface CellCorrectionView {
  id: string;
  fileId: string;
  path: string;
  /** the cell as the report names it */
  cell: string;
  readValue: CellValue;
  value: CellValue;
  reason: string;
  correctedBy: string | null;
  correctedAt: string;
}

export interface SupervisedReport {
  subjectAgencyId: number;
  /** the agency's name in the tree */
  agency: string;
  year: number;
  source: ReportSource;
  /** the Gongkai version (published or imported), or null for an uploaded file */
  version: number | null;
  fileId: string | null;
  fileName: string | null;
  /** when it reached Gongkai: published or imported, or uploaded */
  at: string;
  /** the report checked: as read, with the corrections applied */
  report: Report;
  /** an uploaded file's report as read, before any correction (null for a version in Gongkai) */
  read: Report | null;
  /** the corrections in force, one per cell (the latest) */
  corrections: CellCorrectionView[];
  /** the text outside the tables, as the checks numbered its lines */
  narrative: NarrativeLine[];
  findings: SupervisedFinding[];
  counts: Record<Severity, number>;
}

export interface SupervisedReportFilter {
  years?: [number, number];
  subjectAgencyIds?: number[];
}

/** One report as found in the database, before it is checked. */
export interface ReportSourceRow {
  subjectAgencyId: number;
  year: number;
  source: ReportSource;
  version: number | null;
  fileId: string | null;
  fileName: string | null;
  sha256: string | null;
  at: Date;
  read: Report;
  /** the findings kept from the source: a file's reader findings, an imported version's stored ones */
  kept: Finding[];
  narrative: NarrativeLine[];
}

// ---------------------------------------------------------------------------------------------------------
// Loading

function versionSource(v: typeof reportVersions.$inferSelect): ReportSourceRow | null {
  const parsed = reportSchema.safeParse(v.data);
  if (!parsed.success) return null;
  const imported = v.source === 'imported';
  return {
    subjectAgencyId: v.agencyId,
    year: v.year,
    source: imported ? 'imported' : 'published',
    version: v.version,
    fileId: null,
    fileName: imported ? v.originalName : null,
    sha256: null,
    at: v.publishedAt,
    read: parsed.data,
    // an imported report's text is not kept, only what its reading and checks found; the cross-year rules are
    // computed again against the previous year present now
    kept: imported ? (v.findings as Finding[]).filter((f) => !CROSS_YEAR_RULES.includes(f.rule)) : [],
    narrative: imported ? [] : narrativeLines(v.sections).map(({ line, text }) => ({ line, text })),
  };
}

type FileRow = Pick<
  typeof supervisedFiles.$inferSelect,
  'id' | 'name' | 'sha256' | 'subjectAgencyId' | 'year' | 'data' | 'findings' | 'narrative' | 'createdAt'
>;

const FILE_COLUMNS = {
  id: supervisedFiles.id,
  name: supervisedFiles.name,
  sha256: supervisedFiles.sha256,
  subjectAgencyId: supervisedFiles.subjectAgencyId,
  year: supervisedFiles.year,
  data: supervisedFiles.data,
  findings: supervisedFiles.findings,
  narrative: supervisedFiles.narrative,
  createdAt: supervisedFiles.createdAt,
};

function fileSource(f: FileRow): ReportSourceRow | null {
  if (f.subjectAgencyId === null || f.year === null) return null;
  const parsed = reportSchema.safeParse(f.data);
  if (!parsed.success) return null;
  return {
    subjectAgencyId: f.subjectAgencyId,
    year: f.year,
    source: 'upload',
    version: null,
    fileId: f.id,
    fileName: f.name,
    sha256: f.sha256,
    at: f.createdAt,
    read: parsed.data,
    kept: (f.findings as Finding[]).filter(isReaderFinding),
    narrative: f.narrative as NarrativeLine[],
  };
}

/** The newest of a version and an upload (on a tie, the version in Gongkai). */
function newer(a: ReportSourceRow | undefined, b: ReportSourceRow | undefined): ReportSourceRow | undefined {
  if (!a || !b) return a ?? b;
  const rank = (s: ReportSourceRow) => s.at.getTime() * 2 + (s.source === 'upload' ? 0 : 1);
  return rank(b) > rank(a) ? b : a;
}

const key = (agencyId: number, year: number) => `${agencyId}:${year}`;

/** The report to audit of each agency-year of `ids` within the years, for the supervising agency. */
export async function loadSources(db: Db, supervisorId: number, ids: number[], from: number, to: number): Promise<Map<string, ReportSourceRow>> {
  if (ids.length === 0) return new Map();
  const [versions, files] = await Promise.all([
    db
      .selectDistinctOn([reportVersions.agencyId, reportVersions.year])
      .from(reportVersions)
      .where(and(inArray(reportVersions.agencyId, ids), gte(reportVersions.year, from), lte(reportVersions.year, to)))
      .orderBy(asc(reportVersions.agencyId), asc(reportVersions.year), desc(reportVersions.version)),
    db
      .selectDistinctOn([supervisedFiles.subjectAgencyId, supervisedFiles.year], FILE_COLUMNS)
      .from(supervisedFiles)
      .where(
        and(
          eq(supervisedFiles.agencyId, supervisorId),
          eq(supervisedFiles.status, 'read'),
          inArray(supervisedFiles.subjectAgencyId, ids),
          gte(supervisedFiles.year, from),
          lte(supervisedFiles.year, to),
        ),
      )
      .orderBy(asc(supervisedFiles.subjectAgencyId), asc(supervisedFiles.year), desc(supervisedFiles.createdAt), desc(supervisedFiles.id)),
  ]);
  const out = new Map<string, ReportSourceRow>();
  for (const s of [...versions.map(versionSource), ...files.map(fileSource)]) {
    if (!s) continue;
    const k = key(s.subjectAgencyId, s.year);
    out.set(k, newer(out.get(k), s)!);
  }
  return out;
}

/** One uploaded file of the supervisor as a report source (null: not read, or no agency and year). */
export async function fileSourceById(db: Db, supervisorId: number, fileId: string): Promise<ReportSourceRow | null> {
  const [f] = await db
    .select(FILE_COLUMNS)
    .from(supervisedFiles)
    .where(and(eq(supervisedFiles.agencyId, supervisorId), eq(supervisedFiles.id, fileId), eq(supervisedFiles.status, 'read')));
  return f ? fileSource(f) : null;
}

/** One version in Gongkai as a report source. */
export async function versionSourceOf(db: Db, agencyId: number, year: number, version: number): Promise<ReportSourceRow | null> {
  const [v] = await db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.agencyId, agencyId), eq(reportVersions.year, year), eq(reportVersions.version, version)));
  return v ? versionSource(v) : null;
}

async function userNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

type DecisionRow = typeof findingDecisions.$inferSelect;
type CorrectionRow = typeof cellCorrections.$inferSelect & { sha256: string };

/**
 * The corrections of the files: a file's own, and those made on another upload of the same bytes (the same
 * misread comes back with a re-upload of the same file). Per file, the latest correction of each cell.
 */
async function correctionsOf(db: Db, supervisorId: number, sources: ReportSourceRow[]): Promise<Map<string, CorrectionRow[]>> {
  const shas = [...new Set(sources.map((s) => s.sha256).filter((s): s is string => s !== null))];
  const out = new Map<string, CorrectionRow[]>();
  if (shas.length === 0) return out;
  const rows = await db
    .select({ c: cellCorrections, sha256: supervisedFiles.sha256 })
    .from(cellCorrections)
    .innerJoin(supervisedFiles, and(eq(supervisedFiles.agencyId, cellCorrections.agencyId), eq(supervisedFiles.id, cellCorrections.fileId)))
    .where(and(eq(cellCorrections.agencyId, supervisorId), inArray(supervisedFiles.sha256, shas)))
    .orderBy(asc(cellCorrections.correctedAt), asc(cellCorrections.id));
  const bySha = new Map<string, Map<string, CorrectionRow>>();
  for (const { c, sha256 } of rows) {
    const paths = bySha.get(sha256) ?? new Map<string, CorrectionRow>();
    paths.set(c.path, { ...c, sha256 });
    bySha.set(sha256, paths);
  }
  for (const s of sources) if (s.fileId && s.sha256 && bySha.has(s.sha256)) out.set(s.fileId, [...bySha.get(s.sha256)!.values()]);
  return out;
}

async function decisionsOf(db: Db, supervisorId: number, ids: number[], from: number, to: number): Promise<Map<string, DecisionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(findingDecisions)
    .where(
      and(
        eq(findingDecisions.agencyId, supervisorId),
        inArray(findingDecisions.subjectAgencyId, ids),
        gte(findingDecisions.year, from),
        lte(findingDecisions.year, to),
      ),
    );
  return new Map(rows.map((d) => [`${d.subjectAgencyId}:${d.year}:${d.fingerprint}`, d]));
}

// ---------------------------------------------------------------------------------------------------------
// Checking

/** The report with the corrections applied (a copy: the report as read is kept). */
export function applyCorrections(read: Report, corrections: readonly { path: string; value: CellValue }[]): Report {
  const out = structuredClone(read);
  for (const c of corrections) if (getCell(out, c.path) !== undefined) setCell(out, c.path, c.value);
  return out;
}

/**
 * Every finding of a report, in the order of `gongkai report check`: what the reading found, the tables, the
 * cross-year rules, the text. Reader findings about a cell corrected by hand are settled by the correction.
 */
export function findingsOf(source: ReportSourceRow, report: Report, previous: Report | null, correctedPaths: ReadonlySet<string> = new Set()): Finding[] {
  const cross = previous ? checkAcrossYears(report, previous) : [];
  if (source.source === 'imported') return [...source.kept, ...cross];
  const kept = source.kept.filter((f) => !correctedPaths.has(f.where));
  const own = checkReportAlone(report, source.narrative);
  return [...kept, ...own.tables, ...cross, ...own.narrative];
}

/** The report, checked against its previous year, with the corrections and decisions given. */
export function assemble(
  source: ReportSourceRow,
  agencyName: string,
  previous: Report | null,
  corrections: CorrectionRow[],
  decisions: Map<string, DecisionRow>,
  names: Map<string, string>,
): SupervisedReport {
  const report = applyCorrections(source.read, corrections);
  const raw = findingsOf(source, report, previous, new Set(corrections.map((c) => c.path)));
  const findings: SupervisedFinding[] = raw.map((f) => {
    const fp = fingerprint(f);
    const d = decisions.get(`${source.subjectAgencyId}:${source.year}:${fp}`);
    if (!d) return { ...f, fingerprint: fp, decision: null, reason: null, decidedBy: null, decidedAt: null, carriedOver: false };
    const same = source.fileId !== null ? d.decidedOnFileId === source.fileId : d.decidedOnFileId === null && d.decidedOnVersion === source.version;
    return {
      ...f,
      fingerprint: fp,
      decision: d.decision as Decision,
      reason: d.reason,
      decidedBy: d.decidedBy ? (names.get(d.decidedBy) ?? null) : null,
      decidedAt: d.decidedAt.toISOString(),
      carriedOver: !same,
    };
  });
  return {
    subjectAgencyId: source.subjectAgencyId,
    agency: agencyName,
    year: source.year,
    source: source.source,
    version: source.version,
    fileId: source.fileId,
    fileName: source.fileName,
    at: source.at.toISOString(),
    report,
    read: source.source === 'upload' ? source.read : null,
    corrections: corrections.map((c) => ({
      id: c.id,
      fileId: c.fileId,
      path: c.path,
      cell: describeCell(c.path),
      readValue: c.readValue,
      value: c.value,
      reason: c.reason,
      correctedBy: c.correctedBy ? (names.get(c.correctedBy) ?? null) : null,
      correctedAt: c.correctedAt.toISOString(),
    })),
    narrative: source.narrative,
    findings,
    counts: countBySeverity(findings),
  };
}

/** The agencies of the supervisor's subtree the filter asks for (all of them without a filter). */
export async function supervisedIds(db: Db, actor: StaffActor, subjectAgencyIds?: number[]): Promise<number[]> {
  const ids = await subtree(db, actor.agencyId);
  if (!subjectAgencyIds) return ids;
  const wanted = new Set(subjectAgencyIds);
  return ids.filter((i) => wanted.has(i));
}

const FIRST_YEAR = 2019;
const LAST_YEAR = 2100;

/**
 * The reports of the supervisor's subtree, one per agency-year with a report, sorted by agency (tree order)
 * and year. Only supervisors (supervision.read).
 */
export async function supervisedReports(ctx: Ctx, actor: StaffActor, filter: SupervisedReportFilter = {}): Promise<SupervisedReport[]> {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const ids = await supervisedIds(ctx.db, actor, filter.subjectAgencyIds);
  const [from, to] = filter.years ?? [FIRST_YEAR, LAST_YEAR];
  return buildReports(ctx.db, actor.agencyId, ids, from, to, (s) => s.year >= from && s.year <= to);
}

/** The same for the given sources (e.g. a file not the latest of its agency-year), each against the previous year present. */
export async function buildReports(
  db: Db,
  supervisorId: number,
  ids: number[],
  from: number,
  to: number,
  wanted: (s: ReportSourceRow) => boolean,
  extra: ReportSourceRow[] = [],
): Promise<SupervisedReport[]> {
  // the year before the first too: the cross-year rules of the first year need it
  const chosen = await loadSources(db, supervisorId, ids, from - 1, to);
  const targets = [...[...chosen.values()].filter(wanted), ...extra];
  if (targets.length === 0) return [];
  const years = targets.map((t) => t.year);
  const subjects = [...new Set(targets.map((t) => t.subjectAgencyId))];
  const [corrections, decisions, tree] = await Promise.all([
    correctionsOf(db, supervisorId, [...chosen.values(), ...extra]),
    decisionsOf(db, supervisorId, subjects, Math.min(...years), Math.max(...years)),
    agencyTree(db),
  ]);
  // the previous year's report as checked: with its own corrections
  const previousOf = (t: ReportSourceRow): Report | null => {
    const p = chosen.get(key(t.subjectAgencyId, t.year - 1));
    return p ? applyCorrections(p.read, (p.fileId && corrections.get(p.fileId)) || []) : null;
  };
  const names = await userNames(db, [
    ...[...decisions.values()].map((d) => d.decidedBy),
    ...[...corrections.values()].flat().map((c) => c.correctedBy),
  ]);
  const order = new Map(ids.map((id, i) => [id, i]));
  return targets
    .map((t) => assemble(t, tree.byId.get(t.subjectAgencyId)?.name ?? String(t.subjectAgencyId), previousOf(t), (t.fileId && corrections.get(t.fileId)) || [], decisions, names))
    .sort((a, b) => (order.get(a.subjectAgencyId) ?? 0) - (order.get(b.subjectAgencyId) ?? 0) || a.year - b.year);
}

/** One agency-year's report to audit (null: none yet). */
export async function supervisedReport(ctx: Ctx, actor: StaffActor, subjectAgencyId: number, year: number): Promise<SupervisedReport | null> {
  const [r] = await supervisedReports(ctx, actor, { years: [year, year], subjectAgencyIds: [subjectAgencyId] });
  return r ?? null;
}

/**
 * A given file or version (not necessarily the one audited now: the report a 整改 notice was about, or its
 * corrected version), checked against the previous year present, with its corrections and the decisions.
 */
export async function reportOfSource(ctx: Ctx, actor: StaffActor, source: ReportSourceRow): Promise<SupervisedReport> {
  const ids = await supervisedIds(ctx.db, actor, [source.subjectAgencyId]);
  const [r] = await buildReports(ctx.db, actor.agencyId, ids, source.year, source.year, () => false, [source]);
  return r;
}
