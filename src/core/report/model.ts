/**
 * The annual report as data: the canonical JSON of ../shared/docs/report-model.md.
 *
 * This module holds only the shape (keys and value kinds). Every Chinese label, the layout of the tables and
 * the relations between cells live in ./template.ts, which refers to cells by the JSON paths defined here.
 *
 * A figure is `null` where the source left it blank or unreadable and no rule forces its value.
 */
import { z } from 'zod';

export const FORMATS = ['2019', '2021'] as const;
export type Format = (typeof FORMATS)[number];

/** A count: non-negative integer, or null when unknown. Range checks are findings (checks.ts), not parse errors. */
const count = z.number().nullable();
/** Money as printed (no unit conversion). */
const money = z.number().nullable();
/** One row of table 三: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]. */
export const appRow = z.array(count).length(7);
export type AppRow = z.infer<typeof appRow>;

const docs2019 = z.strictObject({ made: count, published: count, totalPublished: count });
const items2019 = z.strictObject({ previousItems: count, change: count, decisions: count });
export const proactive2019 = z.strictObject({
  regulations: docs2019,
  normativeDocuments: docs2019,
  licensing: items2019,
  otherServices: items2019,
  punishment: items2019,
  enforcement: items2019,
  fees: z.strictObject({ previousItems: count, change: count }),
  procurement: z.strictObject({ projects: count, amount: money }),
});

const docs2021 = z.strictObject({ issued: count, repealed: count, inForce: count });
const decisions2021 = z.strictObject({ decisions: count });
export const proactive2021 = z.strictObject({
  regulations: docs2021,
  normativeDocuments: docs2021,
  licensing: decisions2021,
  punishment: decisions2021,
  enforcement: decisions2021,
  fees: z.strictObject({ amountWan: money }),
});

export const otherSplit = z.strictObject({ noCorrection: appRow, feeUnpaid: appRow, other: appRow });

export const applications = z.strictObject({
  received: appRow,
  carriedOver: appRow,
  disclosed: appRow,
  partial: appRow,
  withheld: z.strictObject({
    stateSecret: appRow,
    prohibitedByLaw: appRow,
    endangersSafety: appRow,
    thirdPartyRights: appRow,
    internalAffairs: appRow,
    processInfo: appRow,
    enforcementFile: appRow,
    administrativeQuery: appRow,
  }),
  unavailable: z.strictObject({ notHeld: appRow, needsCreation: appRow, unclear: appRow }),
  notProcessed: z.strictObject({
    complaint: appRow,
    duplicate: appRow,
    publication: appRow,
    excessive: appRow,
    confirmation: appRow,
  }),
  /** (六) 其他处理: one row where the report prints one row, else the 2021 format's three sub-rows. */
  other: z.union([appRow, otherSplit]),
  total: appRow,
  carriedForward: appRow,
});

const reviewGroup = z.strictObject({ upheld: count, corrected: count, other: count, pending: count, total: count });
export const reviewLitigation = z.strictObject({
  reconsideration: reviewGroup,
  litigationDirect: reviewGroup,
  litigationAfterReconsideration: reviewGroup,
});

const base = {
  agency: z.string(),
  year: z.number().int(),
  applications,
  reviewLitigation,
};
export const report2019 = z.strictObject({ ...base, format: z.literal('2019'), proactive: proactive2019 });
export const report2021 = z.strictObject({ ...base, format: z.literal('2021'), proactive: proactive2021 });
export const reportSchema = z.discriminatedUnion('format', [report2019, report2021]);

export type Report2019 = z.infer<typeof report2019>;
export type Report2021 = z.infer<typeof report2021>;
export type Report = z.infer<typeof reportSchema>;
export type OtherForm = 'single' | 'split';

// ---------------------------------------------------------------------------------------------------------
// Paths: a cell is addressed by its JSON path, e.g. "applications.total[6]" or "proactive.fees.amountWan".

export type CellValue = number | null;

const parsedPaths = new Map<string, (string | number)[]>();

/** Split "a.b[3]" into ["a", "b", 3]. */
export function parsePath(path: string): (string | number)[] {
  const cached = parsedPaths.get(path);
  if (cached) return cached;
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`bad path ${path}`);
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  if (parsedPaths.size < 10_000) parsedPaths.set(path, out);
  return out;
}

export function getCell(report: unknown, path: string): CellValue | undefined {
  let cur: unknown = report;
  for (const key of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  if (cur === null) return null;
  return typeof cur === 'number' ? cur : undefined;
}

export function setCell(report: unknown, path: string, value: CellValue): void {
  const keys = parsePath(path);
  let cur = report as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== 'object') throw new Error(`no cell at ${path}`);
    cur = next as Record<string | number, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

export function otherFormOf(report: Pick<Report, 'applications'>): OtherForm {
  return Array.isArray(report.applications.other) ? 'single' : 'split';
}

/** The template in force for a report year: the 2019 format up to 2020, the 2021 format from 2021. */
export function formatForYear(year: number): Format {
  return year <= 2020 ? '2019' : '2021';
}

/** The layout of (六) a format prints: one row (2019) or three sub-rows (2021). */
export function otherFormFor(format: Format): OtherForm {
  return format === '2019' ? 'single' : 'split';
}
