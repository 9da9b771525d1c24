/**
 * The findings of the checks, summed up by severity and listed (errors first); a click scrolls to the cell
 * or the sentence the finding concerns.
 */
import { Card, Empty, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { countBySeverity } from '../../../../src/core/report/findings';
import { describeCell } from '../../../../src/core/report/template';
import { narrativeLine, sortFindings } from './findings';
import { SEVERITY_COLORS, SEVERITY_LABELS, useReportMeta, type Finding } from './types';

export function FindingsList({ findings, onPick, where }: { findings: Finding[]; onPick?: (f: Finding) => void; where?: (f: Finding) => string | null }) {
  const meta = useReportMeta();
  if (findings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有发现问题" />;
  return (
    <ul className="report-findings-list">
      {sortFindings(findings).map((f, i) => (
        <li key={i} onClick={onPick ? () => onPick(f) : undefined} data-testid={`finding-${f.rule}`} style={onPick ? undefined : { cursor: 'default' }}>
          <Tag color={SEVERITY_COLORS[f.severity]}>{SEVERITY_LABELS[f.severity]}</Tag>
          <span>{f.message}</span>
          <div className="report-findings-rule">
            {meta.rules[f.rule] ?? f.rule}
            {where?.(f) ? ` · ${where(f)}` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Where a finding is, for people: the table cell by its template name, or the narrative section. */
export function whereLabel(f: Finding, sectionOfLine?: (line: number) => string | null): string | null {
  const line = narrativeLine(f);
  if (line !== null) return sectionOfLine?.(line) ?? null;
  if (/^(applications|proactive|reviewLitigation)\./.test(f.where)) {
    const name = describeCell(f.where);
    // most messages name their cell already
    return name === f.where || f.message.includes(name) ? null : name;
  }
  return null;
}

export function FindingsPanel({ findings, onPick, sectionOfLine }: { findings: Finding[]; onPick: (f: Finding) => void; sectionOfLine: (line: number) => string | null }) {
  const counts = countBySeverity(findings);
  return (
    <Card
      size="small"
      title="检查结果（勾稽关系）"
      className="report-findings"
      data-testid="report-findings"
      extra={counts.error === 0 ? <Tag color="green" icon={<CheckCircleOutlined />}>无错误</Tag> : <Tag color="red">有错误，须改正后才能审核通过</Tag>}
    >
      <div className="report-counts">
        <span data-testid="report-count-error">
          <span className="n" style={{ color: counts.error > 0 ? '#cf1322' : '#389e0d' }}>
            {counts.error}
          </span>
          错误
        </span>
        <span data-testid="report-count-warning">
          <span className="n" style={{ color: counts.warning > 0 ? '#d46b08' : undefined }}>{counts.warning}</span>
          警告
        </span>
        <span>
          <span className="n" style={{ color: '#1d4f91' }}>
            {counts.info}
          </span>
          提示
        </span>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        点击一条可定位到相应单元格或语句。正文随输入自动重新检查。
      </Typography.Paragraph>
      <FindingsList findings={findings} onPick={onPick} where={(f) => whereLabel(f, sectionOfLine)} />
    </Card>
  );
}
