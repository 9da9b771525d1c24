/**
 * The comparison of the supervisor's agencies: the figures of each agency-year's audited report (as corrected
 * by hand), across years; each figure ranked among the agencies of the same year, as reports cite it
 * ("位列所辖 12 个机关第 2"); and the evaluator's workbook (.xlsx): agencies × figures, the findings with the
 * reviewer's decisions, the follow-ups.
 */
import { z } from 'zod';
import { int32, positiveInt32 } from '../../core/safe-input';
import { FIGURES, rank, rankPhrase, reportFigures, type FigureKey, type ReportFigures } from '../../core/supervision/ranking';
import { supervisionWorkbook } from '../../render/supervision-workbook';
import type { Ctx, StaffActor } from '../context';
import { assertAllowed, getAgency } from '../agencies';
import { parseInput } from '../errors';
import { auditRows } from './audit';
import { listRectifications } from './followup';
import { supervisedReports, type SupervisedReport } from './reports';

export interface FigureRow extends ReportFigures {
  subjectAgencyId: number;
  agency: string;
  year: number;
  source: SupervisedReport['source'];
  version: number | null;
  fileName: string | null;
  errors: number;
  warnings: number;
  /** per figure: the rank among the agencies of the same year, and the phrase */
  ranks: Partial<Record<FigureKey, { rank: number; tied: boolean; of: number; phrase: string }>>;
}

export const comparisonQuerySchema = z.object({
  from: int32('年度', { min: 2019, max: 2100 }).optional(),
  to: int32('年度', { min: 2019, max: 2100 }).optional(),
});

export function figureRows(reports: SupervisedReport[]): FigureRow[] {
  const rows: FigureRow[] = reports.map((r) => ({
    subjectAgencyId: r.subjectAgencyId,
    agency: r.agency,
    year: r.year,
    source: r.source,
    version: r.version,
    fileName: r.fileName,
    ...reportFigures(r.report),
    errors: r.counts.error,
    warnings: r.counts.warning,
    ranks: {},
  }));
  for (const year of new Set(rows.map((r) => r.year))) {
    const same = rows.filter((r) => r.year === year);
    for (const fig of FIGURES) {
      const ranked = rank(same, (r) => r[fig.key], fig.higherFirst);
      const of = ranked.filter((x) => x.rank !== null).length;
      for (const x of ranked) if (x.rank !== null) x.item.ranks[fig.key] = { rank: x.rank, tied: x.tied, of, phrase: rankPhrase(x, of) };
    }
  }
  return rows;
}

/** The figures of every agency-year, with their ranks, and the figures' definitions. */
export async function comparison(ctx: Ctx, actor: StaffActor, query: unknown = {}) {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const q = parseInput(comparisonQuerySchema, query, '查询条件有误：');
  const reports = await supervisedReports(ctx, actor, { years: [q.from ?? 2019, q.to ?? 2100] });
  const rows = figureRows(reports);
  return {
    figures: FIGURES.map((f) => ({ key: f.key, label: f.label, higherFirst: f.higherFirst, share: f.share ?? false })),
    years: [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b),
    rows,
  };
}

/** The evaluator's workbook: agencies × figures, findings with decisions, follow-ups. */
export async function comparisonWorkbook(ctx: Ctx, actor: StaffActor, query: unknown = {}): Promise<{ bytes: Buffer; filename: string }> {
  await assertAllowed(ctx.db, actor, 'supervision.read');
  const q = parseInput(comparisonQuerySchema, query, '查询条件有误：');
  const [reports, follow, office] = await Promise.all([
    supervisedReports(ctx, actor, { years: [q.from ?? 2019, q.to ?? 2100] }),
    listRectifications(ctx, actor),
    getAgency(ctx.db, actor.agencyId),
  ]);
  const years = [...new Set(reports.map((r) => r.year))];
  const span = years.length === 0 ? '' : Math.min(...years) === Math.max(...years) ? `${years[0]}年度` : `${Math.min(...years)}—${Math.max(...years)}年度`;
  const bytes = await supervisionWorkbook({
    figures: figureRows(reports),
    findings: auditRows(reports),
    rectifications: follow.filter((r) => (q.from ?? 0) <= r.year && r.year <= (q.to ?? 9999)),
  });
  return { bytes, filename: `${office.name}${span}政府信息公开工作年度报告审查.xlsx` };
}
