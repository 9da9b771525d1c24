/**
 * One of the report's three tables, drawn from the core layout (src/core/report/layout.ts) — the same grid
 * the web page, Word and Excel renderers draw, so every label comes from the single template. A value cell
 * carries its JSON path; the cells a finding concerns are marked (red: error, orange: warning) with the
 * messages in a tooltip, and a click opens the records the cell counts.
 */
import { Tooltip } from 'antd';
import { formatValue, type LayoutTable } from '../../../../src/core/report/layout';
import { getCell } from '../../../../src/core/report/model';
import { worstSeverity } from './findings';
import { SEVERITY_LABELS, type Finding, type Report } from './types';
import './report.css';

export interface ReportTableProps {
  table: LayoutTable;
  findings?: Map<string, Finding[]>;
  /** the previous year's report: its figure is shown under each value */
  previous?: Report | null;
  previousYear?: number;
  onCellClick?: (path: string) => void;
}

function CellTip({ list, prev, previousYear }: { list: Finding[]; prev: string | null; previousYear?: number }) {
  return (
    <div className="report-cell-tip">
      {list.map((f, i) => (
        <div key={i}>
          <strong>{SEVERITY_LABELS[f.severity]}：</strong>
          {f.message}
        </div>
      ))}
      {prev !== null && (
        <div className="report-cell-tip-prev">
          {previousYear ?? '上'}年：{prev === '' ? '空' : prev}
        </div>
      )}
    </div>
  );
}

export function ReportTable({ table, findings, previous, previousYear, onCellClick }: ReportTableProps) {
  const total = table.widths.reduce((a, b) => a + b, 0);
  return (
    <div className="report-table-wrap">
      <table className={`report-grid report-grid-${table.key}`}>
        <colgroup>
          {table.widths.map((w, i) => (
            <col key={i} style={{ width: `${((w / total) * 100).toFixed(1)}%` }} />
          ))}
        </colgroup>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => {
                const span = { rowSpan: cell.rowSpan && cell.rowSpan > 1 ? cell.rowSpan : undefined, colSpan: cell.colSpan && cell.colSpan > 1 ? cell.colSpan : undefined };
                if (!cell.path) {
                  const Tag = cell.header ? 'th' : 'td';
                  return (
                    <Tag key={c} {...span} className={cell.align === 'left' ? 'label' : undefined}>
                      {cell.text}
                    </Tag>
                  );
                }
                const path = cell.path;
                const list = findings?.get(path) ?? [];
                const severity = worstSeverity(list);
                const before = previous ? getCell(previous, path) : undefined;
                const prev = before === undefined ? null : formatValue(before);
                const changed = prev !== null && prev !== cell.text;
                const td = (
                  <td
                    key={c}
                    {...span}
                    data-testid={`report-cell-${path}`}
                    data-path={path}
                    className={['value', severity ? `finding-${severity}` : '', onCellClick ? 'clickable' : ''].join(' ')}
                    onClick={onCellClick ? () => onCellClick(path) : undefined}
                    tabIndex={onCellClick ? 0 : undefined}
                    onKeyDown={onCellClick ? (e) => e.key === 'Enter' && onCellClick(path) : undefined}
                  >
                    <span className="report-value">{cell.text === '' ? '\u00a0' : cell.text}</span>
                    {previous && prev !== null && <span className={`report-prev${changed ? ' changed' : ''}`}>{prev === '' ? '—' : prev}</span>}
                  </td>
                );
                if (list.length === 0 && prev === null) return td;
                return (
                  <Tooltip key={c} title={<CellTip list={list} prev={previous ? prev : null} previousYear={previousYear} />} color={severity === 'error' ? '#a8071a' : undefined}>
                    {td}
                  </Tooltip>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
