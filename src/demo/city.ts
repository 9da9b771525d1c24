/**
 * Demo data: a realistic city (示范市) — its government and up to 40 departments under it — with every agency's
 * annual report for a run of consecutive years, computed by the report engine from generated records (so every
 * relation holds and consecutive years agree), each with a full narrative, and some with a planted mistake of a
 * kind the checker finds. Each plant says which finding it must give (rule, severity, cell or sentence), so a
 * test can assert that every planted mistake is found and nothing else is.
 *
 * `generateCity` is pure (seeded: the same options give the same city); `writeCity` renders it to files
 * (.txt, .docx, .html, .pdf) with a manifest.json.
 */
import { seededRandom } from '../core/random';
import { computeReport, type EngineRecords } from '../core/report/engine';
import type { Severity, RuleId } from '../core/report/findings';
import type { ReportSections } from '../core/report/layout';
import { formatForYear, otherFormOf, type Format, type Report } from '../core/report/model';
import { appRows } from '../core/report/template';
import { cityAgencies } from './agencies';
import { agencyRecords, type Random } from './records';
import { demoSections } from './sections';

export const PLANT_KINDS = ['rowTotal', 'columnTotal', 'carryOver', 'narrative', 'negative', 'format'] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

/** What the checker must say about a planted mistake. */
export interface ExpectedFinding {
  rule: RuleId;
  severity: Severity;
  /** the cell's JSON path, "format", or "narrative" for a sentence (then `text` is in the sentence) */
  where: string;
  /** for a sentence: words of the sentence as printed */
  text?: string;
}

export interface Plant {
  kind: PlantKind;
  /** in Chinese, what was done */
  description: string;
  findings: ExpectedFinding[];
}

export interface CityReport {
  agency: string;
  year: number;
  /** the report as printed (with its plant, if any) */
  report: Report;
  sections: ReportSections;
  signatureDate: string;
  plant: Plant | null;
}

export interface CityOptions {
  /** departments under the government (0–40); the government's own report is always included */
  agencies?: number;
  /** consecutive years, ascending */
  years?: number[];
  seed?: number;
  /** share of reports given a planted mistake (at least one of each kind when there are enough reports) */
  plantRate?: number;
}

export interface City {
  seed: number;
  years: number[];
  agencies: string[];
  reports: CityReport[];
}

/** The years by default: both formats (2020 in the 2019 format, 2021–2022 in the 2021 format). */
export const DEFAULT_YEARS = [2020, 2021, 2022];

export function generateCity(options: CityOptions = {}): City {
  const seed = options.seed ?? 1;
  const years = [...(options.years ?? DEFAULT_YEARS)].sort((a, b) => a - b);
  if (years.length === 0 || years.some((y, i) => !Number.isInteger(y) || (i > 0 && y !== years[i - 1] + 1))) {
    throw new RangeError(`年度应为连续的年份，实为 ${years.join(',')}`);
  }
  const profiles = cityAgencies(options.agencies ?? 40);
  const random = seededRandom(seed);
  const reports: CityReport[] = [];
  const recordsOf = new Map<string, EngineRecords>();
  for (const profile of profiles) {
    // one stream per agency, so an agency's reports do not change when another agency is added
    const own = seededRandom(Math.floor(random() * 2 ** 32));
    const records = agencyRecords(profile, years, own);
    recordsOf.set(profile.name, records);
    for (const year of years) {
      reports.push({
        agency: profile.name,
        year,
        report: computeReport(records, profile.name, year),
        sections: {},
        signatureDate: `${year + 1}年1月${10 + Math.floor(own() * 18)}日`,
        plant: null,
      });
    }
  }
  plantMistakes(reports, seededRandom(seed ^ 0x5eed), options.plantRate ?? 0.2, (r) => recordsOf.get(r.agency)!);
  // the narrative last: it states the figures as printed (a planted cell included), except where the plant is in it
  const textRandom = seededRandom(seed ^ 0x7e47);
  for (const r of reports) {
    const previous = reports.find((p) => p.agency === r.agency && p.year === r.year - 1)?.report ?? null;
    r.sections = demoSections(r.report, previous, textRandom);
    if (r.plant?.kind === 'narrative') plantInNarrative(r, textRandom);
  }
  return { seed, years, agencies: profiles.map((p) => p.name), reports };
}

// ---------------------------------------------------------------------------------------------------------
// Planted mistakes

const T = 6; // the 总计 column

function shuffle<T>(xs: T[], random: Random): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The outcome rows of table 三 with an application in a column (the column's index), or any outcome row. */
function outcomeRowsOf(report: Report): { path: string; row: (number | null)[] }[] {
  return appRows(otherFormOf(report))
    .filter((d) => d.role === 'outcome')
    .map((d) => ({ path: d.path, row: rowAt(report, d.path) }));
}

function rowAt(report: Report, path: string): (number | null)[] {
  let cur: unknown = report;
  for (const k of path.split('.')) cur = (cur as Record<string, unknown>)[k];
  return cur as (number | null)[];
}

const received = (r: Report) => r.applications.received[T] ?? 0;
const answered = (r: Report) => r.applications.total[T] ?? 0;

/** Whether a plant of this kind fits the report (and what it needs is there). */
function fits(kind: PlantKind, r: CityReport, first: number): boolean {
  switch (kind) {
    case 'carryOver':
      return r.year > first && received(r.report) > 0;
    case 'narrative':
      return answered(r.report) > 0;
    case 'rowTotal':
    case 'columnTotal':
      return answered(r.report) > 0;
    default:
      return true;
  }
}

function plantMistakes(reports: CityReport[], random: Random, rate: number, recordsOf: (r: CityReport) => EngineRecords): void {
  const first = Math.min(...reports.map((r) => r.year));
  const count = Math.min(reports.length, Math.max(PLANT_KINDS.length, Math.round(reports.length * rate)));
  const candidates = shuffle(reports, random);
  const taken = new Set<CityReport>();
  for (let i = 0; i < count; i++) {
    const kind = PLANT_KINDS[i % PLANT_KINDS.length];
    const target = candidates.find((r) => !taken.has(r) && fits(kind, r, first));
    if (!target) continue;
    taken.add(target);
    target.plant = plantIn(kind, target, random, recordsOf);
  }
}

function plantIn(kind: PlantKind, r: CityReport, random: Random, recordsOf: (r: CityReport) => EngineRecords): Plant {
  const report = r.report;
  const a = report.applications;
  switch (kind) {
    case 'rowTotal': {
      // a row's 总计 one more than its columns add up to (the (七)总计 row left as it was)
      const rows = outcomeRowsOf(report);
      const withData = rows.filter((x) => (x.row[T] ?? 0) > 0);
      const { path, row } = withData[Math.floor(random() * withData.length)];
      row[T] = (row[T] ?? 0) + 1;
      return {
        kind,
        description: `表三“${path}”行的总计比各列之和多 1`,
        findings: [{ rule: 'applications.rowTotal', severity: 'error', where: `${path}[${T}]` }],
      };
    }
    case 'columnTotal': {
      // one cell of an outcome row typed one too high (its row total follows): the (七)总计 row no longer adds up
      const rows = outcomeRowsOf(report);
      const { path, row } = rows[Math.floor(random() * rows.length)];
      const c = Math.floor(random() * T);
      row[c] = (row[c] ?? 0) + 1;
      row[T] = (row[T] ?? 0) + 1;
      return {
        kind,
        description: `表三“${path}”第 ${c + 1} 列多填 1（该行总计随之加 1），（七）总计行与各项之和不符`,
        findings: [
          { rule: 'applications.columnTotal', severity: 'error', where: `applications.total[${c}]` },
          { rule: 'applications.columnTotal', severity: 'error', where: `applications.total[${T}]` },
        ],
      };
    }
    case 'carryOver': {
      // last year's applications counted partly as new ones: 上年结转 no longer equals last year's 结转下年度
      const cols = [0, 1, 2, 3, 4, 5].filter((c) => (a.received[c] ?? 0) > 0);
      const c = cols[Math.floor(random() * cols.length)];
      const k = Math.min(a.received[c] ?? 0, 1 + Math.floor(random() * 2));
      a.carriedOver[c] = (a.carriedOver[c] ?? 0) + k;
      a.carriedOver[T] = (a.carriedOver[T] ?? 0) + k;
      a.received[c] = (a.received[c] ?? 0) - k;
      a.received[T] = (a.received[T] ?? 0) - k;
      return {
        kind,
        description: `表三“二、上年结转”第 ${c + 1} 列多计 ${k} 件（“一、本年新收”相应少计），与上年报告“结转下年度继续办理”不符`,
        findings: [
          { rule: 'applications.carryOver', severity: 'error', where: `applications.carriedOver[${c}]` },
          { rule: 'applications.carryOver', severity: 'error', where: `applications.carriedOver[${T}]` },
        ],
      };
    }
    case 'negative': {
      const v = -(1 + Math.floor(random() * 5));
      (report.proactive.enforcement as { decisions: number | null }).decisions = v;
      return {
        kind,
        description: `表二 行政强制 处理决定数量填为 ${v}`,
        findings: [{ rule: 'values.nonNegative', severity: 'error', where: 'proactive.enforcement.decisions' }],
      };
    }
    case 'format': {
      // the template of the other version (the report's figures computed again for it, so they still add up)
      const wrong: Format = formatForYear(r.year) === '2019' ? '2021' : '2019';
      r.report = computeReport(recordsOf(r), r.agency, r.year, wrong);
      return {
        kind,
        description: `${r.year} 年度报告使用了 ${wrong} 年版模板`,
        findings: [{ rule: 'report.format', severity: 'warning', where: 'format' }],
      };
    }
    case 'narrative':
      // written once the narrative is (plantInNarrative)
      return { kind, description: '', findings: [] };
  }
}

/** A figure in the text that disagrees with the table: the applications received, or a sum of outcomes. */
function plantInNarrative(r: CityReport, random: Random): void {
  const overview = r.sections.overview ?? '';
  const a = r.report.applications;
  const sum = (rows: (number | null)[][]) => rows.reduce((s, x) => s + (x[T] ?? 0), 0);
  const options = [
    { re: /收到政府信息公开申请(\d+)件/, rule: 'narrative.received' as const, taken: [received(r.report), received(r.report) + (a.carriedOver[T] ?? 0)] },
    { re: /不予公开(\d+)件/, rule: 'narrative.outcome' as const, taken: [sum(Object.values(a.withheld))] },
    { re: /无法提供(\d+)件/, rule: 'narrative.outcome' as const, taken: [sum(Object.values(a.unavailable))] },
  ].filter((o) => o.re.test(overview));
  const o = options[Math.floor(random() * options.length)];
  const m = o.re.exec(overview)!;
  let wrong = Number(m[1]) + 1 + Math.floor(random() * 9);
  while (o.taken.includes(wrong)) wrong++;
  const phrase = m[0].replace(m[1], String(wrong));
  r.sections = { ...r.sections, overview: overview.slice(0, m.index) + phrase + overview.slice(m.index + m[0].length) };
  r.plant = {
    kind: 'narrative',
    description: `正文“${m[0]}”改为“${phrase}”，与表三不符`,
    findings: [{ rule: o.rule, severity: 'error', where: 'narrative', text: phrase }],
  };
}
