/**
 * The annual report as a Word document (.docx) in the layout of a government document (GB/T 9704-2012):
 * A4, 版心 156 mm × 225 mm (天头 37 mm, 订口 28 mm), title in 2号小标宋, body in 3号仿宋 at 22 lines a page,
 * first-level headings in 3号黑体, page numbers "— 1 —" in 4号宋体 at the foot. Tables are drawn from the core
 * layout with their merged cells, in 五号宋体 so that table 三's ten columns fit the type area.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { Report } from '../core/report/model';
import { reportTables, reportTitle, sectionHeading, type LayoutTable, type ReportSections } from '../core/report/layout';
import { SECTIONS } from '../core/report/template';
import { placeCells } from './grid';
import { LINE_TWIPS, a4Page, fontOf } from './page';

const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  table: '宋体',
};
/** half-points */
const SIZE = { title: 44, body: 32, table: 21, pageNumber: 28 };
const TYPE_AREA_MM = 156;

function run(text: string, font: string, size: number, bold = false): TextRun {
  return new TextRun({ text, font: fontOf(font), size, bold });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, FONT.body, SIZE.body)],
    indent: { firstLine: 640 }, // two characters of 3号 (16 pt)
    spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.JUSTIFIED,
  });
}

function headingParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, FONT.heading, SIZE.body)],
    indent: { firstLine: 640 },
    spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT },
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function tableOf(layout: LayoutTable): Table {
  const totalWidth = convertMillimetersToTwip(TYPE_AREA_MM);
  const sum = layout.widths.reduce((a, b) => a + b, 0);
  const colWidths = layout.widths.map((w) => Math.round((w / sum) * totalWidth));
  // a spanned cell is as wide as the columns it covers
  const rows = placeCells(layout.rows).map((cells, r) => {
    const tableCells = cells.map(({ cell: c, col, rowSpan: rs, colSpan: cs }) => {
      const width = colWidths.slice(col, col + cs).reduce((a, b) => a + b, 0);
      return new TableCell({
        children: [
          new Paragraph({
            children: [run(c.text, FONT.table, SIZE.table, c.header === true)],
            alignment: c.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
          }),
        ],
        columnSpan: cs > 1 ? cs : undefined,
        rowSpan: rs > 1 ? rs : undefined,
        verticalAlign: VerticalAlignTable.CENTER,
        width: { size: width, type: WidthType.DXA },
        borders,
        margins: { left: 57, right: 57, top: 28, bottom: 28 },
      });
    });
    return new TableRow({ children: tableCells, cantSplit: true, tableHeader: r < layout.headerRows, height: { value: 360, rule: HeightRule.ATLEAST } });
  });
  return new Table({
    rows,
    columnWidths: colWidths,
    width: { size: totalWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
  });
}

export async function reportDocx(report: Report, sections: ReportSections = {}, options: { signatureDate?: string } = {}): Promise<Buffer> {
  const tables = new Map(reportTables(report).map((t) => [t.key, t]));
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [run(reportTitle(report), FONT.title, SIZE.title)],
      alignment: AlignmentType.CENTER,
      spacing: { before: LINE_TWIPS, after: LINE_TWIPS, line: LINE_TWIPS * 1.4, lineRule: LineRuleType.AT_LEAST },
    }),
  ];
  for (const s of SECTIONS) {
    children.push(headingParagraph(sectionHeading(s.key)));
    const table = tables.get(s.key as LayoutTable['key']);
    if (table) {
      children.push(tableOf(table));
      children.push(new Paragraph({ children: [] }));
      continue;
    }
    const text = sections[s.key as keyof ReportSections] ?? '';
    for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0)) children.push(bodyParagraph(line));
  }
  if (options.signatureDate) {
    for (const line of [report.agency, options.signatureDate]) {
      children.push(
        new Paragraph({
          children: [run(line, FONT.body, SIZE.body)],
          alignment: AlignmentType.RIGHT,
          indent: { right: 1280 },
          spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT },
        }),
      );
    }
  }
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fontOf('宋体'), size: SIZE.pageNumber }),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'Gongkai',
    title: reportTitle(report),
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: a4Page(28),
        },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
