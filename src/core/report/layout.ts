/**
 * The printed layout of the three tables, as grids of cells with row and column spans, derived from the
 * template. Every renderer (web page, Word, Excel) draws these grids; none knows a label of its own.
 */
import { getCell, otherFormOf, type Report } from './model';
import {
  APP_GROUPS,
  APPLICANT_COLUMNS,
  APPLICANT_HEADER,
  PROACTIVE,
  REPORT_TITLE_SUFFIX,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SECTIONS,
  TABLE3_NOTE,
  appCellPath,
  appRows,
  reviewCellPath,
  type AppRowDef,
} from './template';

export interface LayoutCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** header cell (bold, centred) */
  header?: boolean;
  /** a value cell: its JSON path */
  path?: string;
  align?: 'left' | 'center';
}

export interface LayoutTable {
  key: 'proactive' | 'applications' | 'reviewLitigation';
  /** the section heading the table belongs to, e.g. "二、主动公开政府信息情况" */
  heading: string;
  columns: number;
  /** relative column widths */
  widths: number[];
  /** rows at the top that form the header (repeated on each page when the table breaks) */
  headerRows: number;
  rows: LayoutCell[][];
}

/** A value as printed in a table cell: integers plain, money as given, unknown blank. */
export function formatValue(v: number | null | undefined): string {
  if (v == null) return '';
  if (Number.isInteger(v)) return String(v);
  return String(Math.round(v * 1e6) / 1e6);
}

export function sectionHeading(key: (typeof SECTIONS)[number]['key']): string {
  const s = SECTIONS.find((x) => x.key === key)!;
  return `${s.numeral}、${s.title}`;
}

const value = (report: Report, path: string, colSpan?: number): LayoutCell => ({
  text: formatValue(getCell(report, path)),
  path,
  colSpan,
  align: 'center',
});

export function proactiveTable(report: Report): LayoutTable {
  const rows: LayoutCell[][] = [];
  const columns = 4;
  for (const block of PROACTIVE[report.format]) {
    rows.push([{ text: block.article, colSpan: columns, header: true }]);
    const span = (i: number) => (i === block.columns.length - 1 ? columns - block.columns.length : 1);
    const header: LayoutCell[] = [{ text: '信息内容', header: true }];
    block.columns.forEach((c, i) => header.push({ text: c.label, header: true, colSpan: span(i) > 1 ? span(i) : undefined }));
    rows.push(header);
    for (const row of block.rows) {
      const cells: LayoutCell[] = [{ text: row.label, align: 'left' }];
      block.columns.forEach((c, i) => cells.push(value(report, `proactive.${row.key}.${c.key}`, span(i) > 1 ? span(i) : undefined)));
      rows.push(cells);
    }
  }
  return { key: 'proactive', heading: sectionHeading('proactive'), columns, widths: [3, 2, 2, 2], headerRows: 0, rows };
}

export function applicationsTable(report: Report): LayoutTable {
  const defs = appRows(otherFormOf(report));
  const rows: LayoutCell[][] = [];
  rows.push([
    { text: TABLE3_NOTE, colSpan: 3, rowSpan: 3, header: true },
    { text: APPLICANT_HEADER.applicant, colSpan: 7, header: true },
  ]);
  const orgs = APPLICANT_COLUMNS.filter((c) => c.organisation);
  rows.push([
    { text: APPLICANT_COLUMNS[0].label, rowSpan: 2, header: true },
    { text: APPLICANT_HEADER.organisations, colSpan: orgs.length, header: true },
    { text: APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1].label, rowSpan: 2, header: true },
  ]);
  rows.push(orgs.map((c) => ({ text: c.label, header: true })));

  const values = (def: AppRowDef) => APPLICANT_COLUMNS.map((_, c) => value(report, appCellPath(def, c)));
  const results = defs.filter((d) => d.groups[0] === APP_GROUPS.results);
  defs.forEach((def) => {
    const cells: LayoutCell[] = [];
    if (def.groups.length === 0) {
      cells.push({ text: def.label, colSpan: 3, align: 'left' });
    } else {
      if (def === results[0]) cells.push({ text: APP_GROUPS.results.label, rowSpan: results.length, header: true });
      const sub = def.groups[1];
      if (!sub) cells.push({ text: def.label, colSpan: 2, align: 'left' });
      else {
        const members = defs.filter((d) => d.groups[1] === sub);
        if (def === members[0]) cells.push({ text: sub.label, rowSpan: members.length, header: true });
        cells.push({ text: def.label, align: 'left' });
      }
    }
    rows.push([...cells, ...values(def)]);
  });
  return {
    key: 'applications',
    heading: sectionHeading('applications'),
    columns: 10,
    widths: [1.2, 1.6, 4, 1, 1, 1, 1, 1, 1, 1],
    headerRows: 3,
    rows,
  };
}

export function reviewTable(report: Report): LayoutTable {
  const n = REVIEW_COLUMNS.length;
  const [reconsideration, ...litigation] = REVIEW_GROUPS;
  const rows: LayoutCell[][] = [
    [
      { text: reconsideration.header[0], colSpan: n, header: true },
      { text: litigation[0].header[0], colSpan: n * litigation.length, header: true },
    ],
    [
      ...REVIEW_COLUMNS.map((c) => ({ text: c.label, rowSpan: 2, header: true })),
      ...litigation.map((g) => ({ text: g.header[1], colSpan: n, header: true })),
    ],
    litigation.flatMap(() => REVIEW_COLUMNS.map((c) => ({ text: c.label, header: true }))),
    REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => value(report, reviewCellPath(g.key, c.key)))),
  ];
  return { key: 'reviewLitigation', heading: sectionHeading('reviewLitigation'), columns: n * 3, widths: Array(n * 3).fill(1), headerRows: 3, rows };
}

export function reportTables(report: Report): LayoutTable[] {
  return [proactiveTable(report), applicationsTable(report), reviewTable(report)];
}

/** The narrative sections a report carries beside its tables (edited by staff, or read from a published report). */
export interface ReportSections {
  overview?: string;
  problems?: string;
  other?: string;
}

export const NARRATIVE_KEYS = ['overview', 'problems', 'other'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];

/** One line of the narrative as the checks number it: line n is paragraph `paragraph` of section `section`. */
export interface NarrativeLineRef {
  line: number;
  section: NarrativeKey;
  paragraph: number;
  text: string;
}

/**
 * The narrative sections as numbered lines (一, 五, 六 in order, one line per paragraph): what the narrative
 * checks read, and how a finding's "line N" is traced back to its section and paragraph.
 */
export function narrativeLines(sections: ReportSections): NarrativeLineRef[] {
  const out: NarrativeLineRef[] = [];
  let n = 0;
  for (const section of NARRATIVE_KEYS) {
    (sections[section] ?? '').split(/\r?\n/).forEach((text, paragraph) => out.push({ line: ++n, section, paragraph, text }));
  }
  return out;
}

/** The report's title as printed. */
export function reportTitle(report: Pick<Report, 'agency' | 'year'>): string {
  return `${report.agency}${report.year}年${REPORT_TITLE_SUFFIX}`;
}
