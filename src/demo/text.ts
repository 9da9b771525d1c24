/**
 * A report as plain text, the way a report copied out of a web page or a Word file reads: the title, the
 * headings and paragraphs one to a line, each table row on one line with its cells separated by tabs, and the
 * signature (agency over date) at the end.
 */
import { reportTables, reportTitle, sectionHeading, type LayoutTable, type ReportSections } from '../core/report/layout';
import type { Report } from '../core/report/model';
import { SECTIONS } from '../core/report/template';

export function reportText(report: Report, sections: ReportSections = {}, options: { signatureDate?: string } = {}): string {
  const tables = new Map(reportTables(report).map((t) => [t.key, t]));
  const lines: string[] = [reportTitle(report), ''];
  for (const s of SECTIONS) {
    lines.push(sectionHeading(s.key));
    const table = tables.get(s.key as LayoutTable['key']);
    if (table) {
      for (const row of table.rows) lines.push(row.map((c) => c.text).join('\t'));
    } else {
      for (const p of (sections[s.key as keyof ReportSections] ?? '').split(/\r?\n/)) if (p.trim() !== '') lines.push(p.trim());
    }
    lines.push('');
  }
  if (options.signatureDate) lines.push(report.agency, options.signatureDate);
  return `${lines.join('\n')}\n`;
}
