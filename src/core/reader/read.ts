/**
 * The report reader: lines of a published report → the report model, plus findings that say what was
 * inferred and what could not be read. It never invents a number: a cell is read, forced by the table's
 * relations (with a warning), or null (with a finding).
 */
import * as OpenCC from 'opencc-js/t2cn';
import { compact } from '../normalize';
import { blankReportOf } from '../report/blank';
import { finding, type Finding } from '../report/findings';
import { formatForYear, otherFormFor, setCell, type Format, type OtherForm, type Report } from '../report/model';
import type { NarrativeLine } from '../report/narrative';
import { applicationRelations, cellsOf, reviewRelations } from '../report/relations';
import {
  APPLICANT_COLUMNS,
  PROACTIVE,
  REVIEW_COLUMNS,
  appCellPath,
  appRows,
  reviewCells,
  type AppRowDef,
  type ValueKind,
} from '../report/template';
import { detectMeta } from './meta';
import { solveTable, type RowInput } from './solve';
import { findApplicationsTable, findProactiveTable, findReviewTable, formatSigns, otherFormFound } from './tables';
import { buildRuns, tokenize } from './tokens';
import { lineText, textSource, type SourceDoc } from './source';

export interface ReadResult {
  /** null when the source is not an annual report (no table of one was found) */
  report: Report | null;
  findings: Finding[];
  /** the text outside the tables, for the narrative checks */
  narrative: NarrativeLine[];
}

/**
 * The template's cell paths and column names of a row, made once per row of the template: the same strings
 * on every read (their hashes are kept, so the solver's and the model's maps find them at once).
 */
const rowShapes = new WeakMap<object, WeakMap<object, RowShape>>();
type RowShape = { cells: string[]; columnRefs: string[]; kinds: ValueKind[] };
/** The shape of `row` in `table` (a block of table 二, or table 三's template). */
function rowShape(table: object, row: object, make: () => RowShape): RowShape {
  let shapes = rowShapes.get(table);
  if (!shapes) {
    shapes = new WeakMap();
    rowShapes.set(table, shapes);
  }
  let shape = shapes.get(row);
  if (!shape) {
    shape = make();
    shapes.set(row, shape);
  }
  return shape;
}
let reviewShape: RowShape | null = null;

export function readReportText(text: string): ReadResult {
  return readReport(textSource(text));
}

/** Characters found only in traditional texts, among the commonest of a report (開, 請, 報, 機, 務, …). */
const TRADITIONAL = /[開請報機務處發數條關結轉審總計規範資復議訴訟維糾項個類統與應當執權產書區縣]/;

/** TRADITIONAL as a table of UTF-16 code units (its characters are all in the BMP): one look-up a character. */
const TRADITIONAL_CHAR = (() => {
  const table = new Uint8Array(0x10000);
  for (const ch of TRADITIONAL.source.slice(1, -1)) table[ch.charCodeAt(0)] = 1;
  return table;
})();

let toSimplified: ((s: string) => string) | null = null;

/**
 * A report in traditional characters (a government site's 繁體 copy) is read through OpenCC's
 * traditional → simplified conversion (character by character, so lines and offsets stay as printed).
 * Returns null for a text in simplified characters.
 */
function simplified(doc: SourceDoc, plain: string[]): SourceDoc | null {
  // the lines as printed (cells joined by tabs) hold the same characters as the cells: the same hits
  let hits = 0;
  for (let l = 0; l < plain.length && hits < 8; l++) {
    const line = plain[l];
    for (let i = 0; i < line.length; i++) if (TRADITIONAL_CHAR[line.charCodeAt(i)] === 1 && ++hits >= 8) break;
  }
  if (hits < 8) return null;
  toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  const convert = toSimplified;
  return { ...doc, lines: doc.lines.map((l) => ({ cells: l.cells.map((c) => convert(c)) })) };
}

/** The agency name as printed: the span of the original text where the simplified name was read. */
function asPrinted(agency: string, original: string[], converted: string[]): string {
  for (let i = 0; i < converted.length; i++) {
    const a = compact(converted[i]);
    const at = a.indexOf(agency);
    if (at < 0) continue;
    const b = compact(original[i]);
    if (b.length === a.length) return b.slice(at, at + agency.length);
  }
  return agency;
}

/** The longest text read: an annual report is some ten thousand characters; a hundred times that is no report. */
export const MAX_TEXT_CHARS = 2_000_000;

export function readReport(source: SourceDoc): ReadResult {
  let chars = 0;
  for (const line of source.lines) for (const cell of line.cells) chars += cell.length;
  if (chars > MAX_TEXT_CHARS) {
    const message = `文本过长（约 ${Math.round(chars / 10_000)} 万字，上限 ${MAX_TEXT_CHARS / 10_000} 万字），不像一份政府信息公开工作年度报告，未读取`;
    return { report: null, findings: [finding('read.notReport', 'error', message, 'line 1')], narrative: [] };
  }
  const printed = source.lines.map(lineText);
  const doc = simplified(source, printed) ?? source;
  const tokens = tokenize(doc);
  const runs = buildRuns(tokens, doc.structured);
  const findings: Finding[] = [];

  const t3 = findApplicationsTable(runs);
  const t2 = findProactiveTable(runs, (r) => t3 !== null && r === t3.firstRun);
  const t4 = findReviewTable(runs);
  const plain = doc === source ? printed : doc.lines.map(lineText);

  if (!t2 && !t3 && !t4) {
    findings.push(
      finding('read.notReport', 'error', '未找到年度报告的表格（主动公开、依申请公开、行政复议行政诉讼情况表），不是可读取的政府信息公开工作年度报告', 'line 1'),
    );
    return { report: null, findings, narrative: [] };
  }

  const meta = detectMeta(plain);
  findings.push(...meta.findings);
  if (doc !== source && meta.agency) meta.agency = asPrinted(meta.agency, printed, plain);

  // template version: from table 二's header words and rows, then (六), then the year
  const printedForm = t3 ? otherFormFound(t3) : null;
  let format: Format | null = null;
  if (t2) {
    const signs = formatSigns(runs, t2);
    if (signs['2021'] > signs['2019']) format = '2021';
    else if (signs['2019'] > signs['2021']) format = '2019';
    else if (t2.rows.has('proactive.otherServices') || t2.rows.has('proactive.procurement')) format = '2019';
    else {
      const licensing = t2.rows.get('proactive.licensing');
      const n = licensing?.slots.filter((s) => s.kind === 'num').length ?? 0;
      if (n === 3) format = '2019';
      else if (n === 1) format = '2021';
    }
  }
  if (format === null && printedForm === 'split') format = '2021';
  if (format === null) {
    format = meta.year !== null ? formatForYear(meta.year) : '2021';
    findings.push(finding('read.format', 'warning', `未能从表头判断模板版本，按报告年度推定为 ${format} 年版格式`, 'format'));
  }
  // (六) as printed; where the table stops before it, as the template prints it
  const otherForm: OtherForm = printedForm ?? otherFormFor(format);

  const report = blankReportOf(format, otherForm, meta.agency ?? '', meta.year ?? 0);

  // table 二
  if (t2) {
    const rows: RowInput[] = PROACTIVE[format].flatMap((block) =>
      block.rows.map((row): RowInput => {
        const raw = t2.rows.get(`proactive.${row.key}`);
        const shape = rowShape(block, row, () => ({
          cells: block.columns.map((c) => `proactive.${row.key}.${c.key}`),
          columnRefs: block.columns.map((c) => c.label),
          kinds: block.columns.map((c) => c.kind),
        }));
        return {
          path: `proactive.${row.key}`,
          ref: `${block.article} ${row.label}`,
          cells: shape.cells,
          columnRefs: shape.columnRefs,
          kinds: shape.kinds,
          slots: raw?.slots ?? [],
          found: raw !== undefined,
          structured: doc.structured,
          line: raw?.line ?? t2.firstLine,
        };
      }),
    );
    const solved = solveTable(rows, [], new Set());
    for (const [path, v] of solved.values) setCell(report, path, v);
    findings.push(...solved.findings);
  } else {
    findings.push(finding('read.tableMissing', 'error', '未找到“二、主动公开政府信息情况”表', 'proactive'));
  }

  // table 三
  if (t3) {
    const defs = appRows(otherForm);
    const rows: RowInput[] = defs.map((def: AppRowDef, i): RowInput => {
      const raw = t3.rows.get(def.path);
      const shape = rowShape(APPLICANT_COLUMNS, def, () => ({
        cells: APPLICANT_COLUMNS.map((_, c) => appCellPath(def, c)),
        columnRefs: APPLICANT_COLUMNS.map((c) => c.ref),
        kinds: APPLICANT_COLUMNS.map((): ValueKind => 'count'),
      }));
      return {
        path: def.path,
        ref: def.ref,
        cells: shape.cells,
        columnRefs: shape.columnRefs,
        kinds: shape.kinds,
        slots: raw?.slots ?? [],
        found: raw !== undefined,
        structured: doc.structured,
        nextNo: defs[i + 1]?.no,
        line: raw?.line ?? t3.firstLine,
      };
    });
    // A text that ends inside table 三 (a report cut off, a single page of it): the rows after the last one
    // read are not in the text, so no relation through them is decided and they are never restored.
    // The same for a text that starts inside it: the rows before the first one read are not in the text.
    const lastFound = rows.reduce((k, row, i) => (row.found ? i : k), -1);
    const firstFound = rows.findIndex((row) => row.found);
    const endsHere = plain.slice(t3.lastLine).every((l) => l.trim().length === 0);
    const cut = new Set([
      ...(endsHere ? rows.slice(lastFound + 1).map((r) => r.path) : []),
      ...(t3.partial ? rows.slice(0, Math.max(0, firstFound)).map((r) => r.path) : []),
    ]);
    const cutCells = new Set(rows.filter((r) => cut.has(r.path)).flatMap((r) => r.cells));
    const { relations, totals } = applicationRelations(otherForm);
    const solved = solveTable(
      rows,
      cut.size > 0 ? relations.filter((rel) => !cellsOf(rel).some((p) => cutCells.has(p))) : relations,
      totals,
    );
    for (const [path, v] of solved.values) setCell(report, path, v);
    findings.push(
      ...solved.findings.map((f) =>
        cut.has(f.where) && f.rule === 'read.rowMissing'
          ? {
              ...f,
              message: `${rows.find((r) => r.path === f.where)!.ref}：${
                rows.findIndex((r) => r.path === f.where) < firstFound ? '原文从此行之后开始' : '原文在此行之前中断'
              }（文件不完整），此行缺失`,
            }
          : f,
      ),
    );
  } else {
    findings.push(finding('read.tableMissing', 'error', '未找到“三、收到和处理政府信息公开申请情况”表', 'applications'));
  }

  // table 四
  if (t4) {
    reviewShape ??= (() => {
      const cells = reviewCells();
      return {
        cells: cells.map((c) => c.path),
        columnRefs: cells.map((c) => `${c.group.ref}·${c.column.label}`),
        kinds: cells.map((): ValueKind => 'count'),
      };
    })();
    const row: RowInput = {
      path: 'reviewLitigation',
      ref: '四、政府信息公开行政复议、行政诉讼情况表',
      cells: reviewShape.cells,
      columnRefs: reviewShape.columnRefs,
      kinds: reviewShape.kinds,
      slots: t4.slots,
      found: true,
      structured: doc.structured,
      line: t4.firstLine,
    };
    const { relations, totals } = reviewRelations();
    const solved = solveTable([row], relations, totals);
    for (const [path, v] of solved.values) setCell(report, path, v);
    findings.push(...solved.findings);
  } else {
    findings.push(finding('read.tableMissing', 'error', `未找到“四、政府信息公开行政复议、行政诉讼情况”表（${REVIEW_COLUMNS.length * 3} 格）`, 'reviewLitigation'));
  }

  // the narrative: every line outside the tables
  const inTable = (line: number) =>
    (t2 && line >= t2.firstLine && line <= t2.lastLine) ||
    (t3 && line >= t3.firstLine && line <= t3.lastLine) ||
    (t4 && line >= t4.firstLine && line <= t4.lastLine);
  const narrative: NarrativeLine[] = [];
  plain.forEach((text, i) => {
    if (!inTable(i + 1) && text.trim().length > 0) narrative.push({ line: i + 1, text });
  });

  return { report, findings, narrative };
}


