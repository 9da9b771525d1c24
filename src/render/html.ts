/**
 * The annual report as a web page (HTML), drawn from the core layout: title, the six sections in order,
 * the three tables with their merged cells.
 */
import type { Report } from '../core/report/model';
import { reportTables, reportTitle, sectionHeading, type LayoutTable, type ReportSections } from '../core/report/layout';
import { SECTIONS } from '../core/report/template';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function tableHtml(table: LayoutTable): string {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const cols = table.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('');
  const body = table.rows
    .map((row) => {
      const cells = row
        .map((c) => {
          const tag = c.header ? 'th' : 'td';
          const attrs = [
            c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
            c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
            c.path ? ` data-path="${escapeHtml(c.path)}"` : '',
            c.align === 'left' ? ' class="label"' : '',
          ].join('');
          return `<${tag}${attrs}>${escapeHtml(c.text)}</${tag}>`;
        })
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="report-table report-${table.key}"><colgroup>${cols}</colgroup>\n<tbody>\n${body}\n</tbody></table>`;
}

function paragraphs(text: string | undefined): string {
  const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
}

export const REPORT_CSS = `
body{font-family:"FangSong","仿宋","STFangsong",serif;font-size:16pt;line-height:1.75;max-width:960px;margin:2em auto;padding:0 1em;color:#000}
h1{font-family:"SimSun","宋体","STSong",serif;font-size:22pt;text-align:center;font-weight:bold;margin:1em 0}
h2{font-family:"SimHei","黑体","STHeiti",sans-serif;font-size:16pt;font-weight:normal;margin:1em 0 .5em}
p{text-indent:2em;margin:0}
.report-table{border-collapse:collapse;width:100%;font-size:10.5pt;line-height:1.4;margin:.5em 0 1em;font-family:"SimSun","宋体",serif}
.report-table th,.report-table td{border:1px solid #000;padding:4px;text-align:center;vertical-align:middle}
.report-table th{font-weight:bold}
.report-table td.label{text-align:left}
.signature{text-align:right;margin-top:2em}
`;

/** A whole report page. */
export function reportHtml(report: Report, sections: ReportSections = {}, options: { signatureDate?: string } = {}): string {
  const tables = new Map(reportTables(report).map((t) => [t.key, t]));
  const body = SECTIONS.map((s) => {
    const heading = `<h2>${escapeHtml(sectionHeading(s.key))}</h2>`;
    const table = tables.get(s.key as LayoutTable['key']);
    if (table) return `${heading}\n${tableHtml(table)}`;
    return `${heading}\n${paragraphs(sections[s.key as keyof ReportSections])}`;
  }).join('\n');
  const title = reportTitle(report);
  const signature = options.signatureDate
    ? `<p class="signature">${escapeHtml(report.agency)}<br>${escapeHtml(options.signatureDate)}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
${signature}
</body></html>
`;
}
