/**
 * The checks of domain.md §5 on a report: rules 1–4 and 7 on one report, rule 5 across two consecutive
 * years, the soft checks on table 二, and (via ./narrative.ts) rule 6 on the text.
 */
import { formatForYear, getCell, otherFormOf, type CellValue, type Report } from './model';
import { finding, type Finding, type RuleId } from './findings';
import { cellsOf, imbalance, reportRelations, type Relation, type Values } from './relations';
import {
  APPLICANT_COLUMNS,
  PROACTIVE,
  appCellPath,
  appRows,
  describeCell,
  proactiveCells,
  reviewCells,
} from './template';
import { formatValue } from './layout';
import { checkNarrative, type NarrativeLine } from './narrative';

export interface CheckOptions {
  /** the same agency's report for the year before (rule 5) */
  previous?: Report;
  /** the report's text outside the tables (rule 6) */
  narrative?: NarrativeLine[];
}

interface CellInfo {
  path: string;
  kind: 'count' | 'signedCount' | 'money';
}

/** Every cell of the report, with its kind. */
export function reportCells(report: Report): CellInfo[] {
  const out: CellInfo[] = proactiveCells(report.format).map((c) => ({ path: c.path, kind: c.column.kind }));
  for (const row of appRows(otherFormOf(report))) {
    for (let c = 0; c < APPLICANT_COLUMNS.length; c++) out.push({ path: appCellPath(row, c), kind: 'count' });
  }
  for (const c of reviewCells()) out.push({ path: c.path, kind: 'count' });
  return out;
}

export function reportValues(report: Report, cells: readonly CellInfo[] = reportCells(report)): Values {
  const values: Values = new Map();
  for (const cell of cells) values.set(cell.path, getCell(report, cell.path) ?? null);
  return values;
}

const RULE_PRIORITY: RuleId[] = ['applications.rowTotal', 'applications.columnTotal', 'applications.balance', 'reviewLitigation.total'];

function fmt(n: CellValue | undefined): string {
  return n == null ? '空' : formatValue(n);
}

/**
 * Evaluate the relations. Where one cell, changed, would mend several failed relations and break none that
 * holds, name that cell ("三、（一）予以公开，自然人列：应为 2，实为 5"); the remaining failures are named by
 * the total they compute.
 */
export function checkRelations(relations: readonly Relation[], source: Values): Finding[] {
  const values = new Map(source);
  const findings: Finding[] = [];
  const failing = () => relations.filter((r) => (imbalance(r, values) ?? 0) !== 0);
  // Name faulty cells, as long as a single cell explains two or more failures.
  for (;;) {
    const failed = failing();
    if (failed.length < 2) break;
    const holding = new Set(cellsOfHolding(relations, values));
    const scores = new Map<string, { rels: Relation[]; delta: number | null; ok: boolean }>();
    for (const rel of failed) {
      const d = imbalance(rel, values)!;
      for (const p of cellsOf(rel)) {
        if (holding.has(p)) continue;
        const x = rel.lhs.includes(p) ? -d : d;
        const s = scores.get(p) ?? { rels: [], delta: null, ok: true };
        if (s.delta !== null && Math.abs(s.delta - x) > 1e-6) s.ok = false;
        s.delta = x;
        s.rels.push(rel);
        scores.set(p, s);
      }
    }
    // a cell explaining two or more failures is named unless another cell competes for the same failures
    const viable = [...scores.entries()]
      .filter(([path, sc]) => sc.ok && sc.delta !== null && sc.rels.length >= 2 && (values.get(path) ?? -1) + sc.delta >= 0)
      .map(([path, sc]) => ({ path, rels: sc.rels, delta: sc.delta! }));
    const accepted = viable.filter(
      (c) => !viable.some((o) => o !== c && o.rels.length >= c.rels.length && o.rels.some((r) => c.rels.includes(r))),
    );
    if (accepted.length === 0) break;
    for (const { path, rels, delta } of accepted) {
      const current = values.get(path)!;
      const expected = Math.round((current + delta) * 1e6) / 1e6;
      const rule = RULE_PRIORITY.find((r) => rels.some((rel) => rel.rule === r)) ?? rels[0].rule;
      findings.push(
        finding(rule, 'error', `${describeCell(path)}：应为 ${fmt(expected)}，实为 ${fmt(current)}（${rels.map((r) => r.statement).join('；')}）`, path),
      );
      values.set(path, expected);
    }
  }
  for (const rel of failing()) {
    const d = imbalance(rel, values)!;
    const current = values.get(rel.result)!;
    const expected = rel.lhs.includes(rel.result) ? current - d : current + d;
    const message =
      rel.lhs.length > 1
        ? `${describeCell(rel.result)}：应为 ${fmt(expected)}，实为 ${fmt(current)}（${rel.statement}，第一项加第二项之和为 ${fmt(sum(rel.lhs, values))}，第三项加第四项之和为 ${fmt(sum(rel.rhs, values))}）`
        : `${describeCell(rel.result)}：应为 ${fmt(expected)}，实为 ${fmt(current)}（${addends(rel.rhs, values)}；${rel.statement}）`;
    findings.push(finding(rel.rule, 'error', message, rel.result));
  }
  // Relations that need a cell nobody knows: say they could not be decided, one finding per rule.
  const undecided = new Map<RuleId, Relation[]>();
  for (const rel of relations) {
    if (imbalance(rel, values) !== null) continue;
    undecided.set(rel.rule, [...(undecided.get(rel.rule) ?? []), rel]);
  }
  for (const [rule, rels] of undecided) {
    const unknown = rels.flatMap((r) => cellsOf(r).filter((p) => values.get(p) == null));
    const sample = rels.slice(0, 3).map((r) => r.statement).join('；');
    findings.push(
      finding(
        'check.undecided',
        'warning',
        `有 ${rels.length} 处勾稽关系因单元格缺失无法判定（${sample}${rels.length > 3 ? '等' : ''}）`,
        unknown[0] ?? rule,
      ),
    );
  }
  return findings;
}

/**
 * The cells a total adds, in the report's words: by row where they share a column ("（一）予以公开 6 + （二）部分公开
 * 6 + …"), by column where they share a row ("自然人 6 + 商业企业 0 + …"). Parts that are 0 are left out and
 * said to be 0.
 */
function addends(paths: readonly string[], values: Values): string {
  const names = paths.map((p) => describeCell(p).split('，'));
  const sameColumn = names.every((n) => n[1] === names[0][1]);
  const label = (n: string[]) => (sameColumn ? n[0].replace(/^[一二三四]、/, '') : n[1].replace(/列$/, ''));
  const shown = paths.map((p, i) => ({ name: label(names[i]), v: values.get(p) })).filter((x) => x.v !== 0);
  const total = sum(paths, values);
  const zeros = shown.length < paths.length ? `，其余${paths.length - shown.length}项为 0` : '';
  if (shown.length === 0) return `各项均为 0`;
  return `${shown.map((x) => `${x.name} ${fmt(x.v)}`).join(' + ')} = ${fmt(total)}${zeros}`;
}

function sum(paths: readonly string[], values: Values): number {
  return paths.reduce((s, p) => s + (values.get(p) ?? 0), 0);
}

function cellsOfHolding(relations: readonly Relation[], values: Values): string[] {
  return relations.filter((r) => imbalance(r, values) === 0).flatMap(cellsOf);
}

/** Rule 7: counts are non-negative integers, money non-negative; 本年增/减 may be negative. */
export function checkValues(report: Report, cells: readonly CellInfo[] = reportCells(report)): Finding[] {
  const out: Finding[] = [];
  for (const cell of cells) {
    const v = getCell(report, cell.path);
    if (v == null) continue;
    if (cell.kind !== 'money' && !Number.isInteger(v)) {
      out.push(finding('values.integer', 'error', `${describeCell(cell.path)}：件数应为整数，实为 ${fmt(v)}`, cell.path));
    }
    if (cell.kind !== 'signedCount' && v < 0) {
      out.push(finding('values.nonNegative', 'error', `${describeCell(cell.path)}：不应为负数，实为 ${fmt(v)}`, cell.path));
    }
  }
  return out;
}

/** Soft checks on table 二 (warnings: the template does not state them, but they follow from the meaning). */
export function checkProactive(report: Report): Finding[] {
  const out: Finding[] = [];
  const docRows = PROACTIVE[report.format][0].rows;
  for (const row of docRows) {
    if (report.format === '2019') {
      const p = `proactive.${row.key}`;
      const published = getCell(report, `${p}.published`);
      const total = getCell(report, `${p}.totalPublished`);
      if (published != null && total != null && published > total) {
        // this year's newly published documents are among those published: a necessity, so an error
        out.push(
          finding(
            'proactive.publishedWithinTotal',
            'error',
            `${describeCell(`${p}.published`)} 为 ${fmt(published)}，多于${describeCell(`${p}.totalPublished`)} ${fmt(total)}`,
            `${p}.published`,
          ),
        );
      }
    } else {
      const p = `proactive.${row.key}`;
      const issued = getCell(report, `${p}.issued`);
      const repealed = getCell(report, `${p}.repealed`);
      const inForce = getCell(report, `${p}.inForce`);
      if (issued != null && repealed != null && inForce != null && inForce < issued - repealed) {
        // documents issued this year may also expire within it (a 有效期 ends, a document is superseded without a
        // formal repeal): unlikely, not impossible, so a warning
        out.push(
          finding(
            'proactive.inForceAtLeastIssued',
            'warning',
            `${describeCell(`${p}.inForce`)} 为 ${fmt(inForce)}，少于${describeCell(`${p}.issued`)} ${fmt(issued)} 减${describeCell(`${p}.repealed`)} ${fmt(repealed)}（除非本年制发的文件已到期失效，请核对）`,
            `${p}.inForce`,
          ),
        );
      } else if (issued != null && inForce != null && issued > inForce) {
        out.push(
          finding(
            'proactive.inForceAtLeastIssued',
            'warning',
            `${describeCell(`${p}.inForce`)} 为 ${fmt(inForce)}，少于${describeCell(`${p}.issued`)} ${fmt(issued)}（仅当本年制发后又废止时成立）`,
            `${p}.inForce`,
          ),
        );
      }
    }
  }
  return out;
}

/** Rule 5 and the continuity of table 二, given the same agency's report for the year before. */
export function checkAcrossYears(report: Report, previous: Report): Finding[] {
  const out: Finding[] = [];
  if (previous.year !== report.year - 1) return out;
  const prevForward = previous.applications.carriedForward;
  const carriedOver = report.applications.carriedOver;
  for (let c = 0; c < APPLICANT_COLUMNS.length; c++) {
    const a = carriedOver[c];
    const b = prevForward[c];
    if (a == null || b == null) continue;
    if (a !== b) {
      const path = appCellPath('applications.carriedOver', c);
      out.push(
        finding(
          'applications.carryOver',
          'error',
          `${describeCell(path)}：应为 ${fmt(b)}（${previous.year}年报告“四、结转下年度继续办理”${APPLICANT_COLUMNS[c].ref}），实为 ${fmt(a)}`,
          path,
        ),
      );
    }
  }
  if (report.format === '2021' && previous.format === '2021') {
    for (const key of ['regulations', 'normativeDocuments'] as const) {
      const prev = previous.proactive[key].inForce;
      const { issued, repealed, inForce } = report.proactive[key];
      if (prev == null || issued == null || repealed == null || inForce == null) continue;
      const expected = prev + issued - repealed;
      if (expected !== inForce) {
        const path = `proactive.${key}.inForce`;
        out.push(
          finding(
            'proactive.continuity',
            'warning',
            `${describeCell(path)}：按上年现行有效 ${fmt(prev)} 加本年制发 ${fmt(issued)} 减本年废止 ${fmt(repealed)} 应为 ${fmt(expected)}，实为 ${fmt(inForce)}（如有修改或清理，请在正文说明）`,
            path,
          ),
        );
      }
    }
  }
  if (report.format === '2019' && previous.format === '2019') {
    for (const key of ['licensing', 'otherServices', 'punishment', 'enforcement', 'fees'] as const) {
      const prev = previous.proactive[key];
      const cur = report.proactive[key];
      if (prev.previousItems == null || prev.change == null || cur.previousItems == null) continue;
      const expected = prev.previousItems + prev.change;
      if (expected !== cur.previousItems) {
        const path = `proactive.${key}.previousItems`;
        out.push(
          finding(
            'proactive.continuity',
            'warning',
            `${describeCell(path)}：按上年报告（${fmt(prev.previousItems)}，本年增/减 ${fmt(prev.change)}）应为 ${fmt(expected)}，实为 ${fmt(cur.previousItems)}`,
            path,
          ),
        );
      }
    }
  }
  return out;
}

/** The template version against the report year (国办公开办函〔2021〕30号: the 2021 format from the 2021 reports on). */
export function checkFormat(report: Pick<Report, 'year' | 'format'>): Finding[] {
  if (!report.year) return [];
  const due = formatForYear(report.year);
  if (due === report.format) return [];
  return [
    finding(
      'report.format',
      'warning',
      due === '2021'
        ? `${report.year} 年度报告使用了 2019 年版模板（国办公开办函〔2019〕60号）；自 2021 年度起应使用 2021 年版模板（国办公开办函〔2021〕30号）`
        : `${report.year} 年度报告使用了 2021 年版模板（国办公开办函〔2021〕30号）；该年度应使用 2019 年版模板（国办公开办函〔2019〕60号）`,
      'format',
    ),
  ];
}

/** All checks on one report. */
export function checkReport(report: Report, options: CheckOptions = {}): Finding[] {
  const own = checkReportAlone(report, options.narrative);
  return [...own.tables, ...(options.previous ? checkAcrossYears(report, options.previous) : []), ...own.narrative];
}

/**
 * The checks that need no other report (everything but the cross-year rule), in two parts that checkReport
 * puts either side of that rule: so a batch can run them where the report was read (a worker thread) and add
 * the cross-year rule once every report is in.
 */
export function checkReportAlone(report: Report, narrative?: NarrativeLine[]): { tables: Finding[]; narrative: Finding[] } {
  const cells = reportCells(report);
  const values = reportValues(report, cells);
  return {
    tables: [...checkFormat(report), ...checkValues(report, cells), ...checkRelations(reportRelations(otherFormOf(report)), values), ...checkProactive(report)],
    narrative: narrative ? checkNarrative(report, narrative) : [],
  };
}
