/**
 * Small pieces shared by the report pages: the state tag, the findings counts of a version, the links to a
 * version's files, and the three tables of a report with their headings.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, FileTextOutlined, FileWordOutlined } from '@ant-design/icons';
import { reportTables } from '../../../../src/core/report/layout';
import { client } from '../../lib/client';
import { findingsByCell } from './findings';
import { ReportTable } from './ReportTable';
import { STATUS_COLORS, useReportMeta, type Counts, type Finding, type Report, type VersionInfo } from './types';

export function ReportStatusTag({ status, testId }: { status: string; testId?: string }) {
  const meta = useReportMeta();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={testId}>
      {meta.reportStatuses?.[status] ?? status}
    </Tag>
  );
}

export function CountTags({ counts }: { counts: Counts }) {
  if (counts.error === 0 && counts.warning === 0) return <Tag color="green">勾稽关系无误</Tag>;
  return (
    <Space size={0}>
      {counts.error > 0 && <Tag color="red">{counts.error} 处错误</Tag>}
      {counts.warning > 0 && <Tag color="orange">{counts.warning} 处警告</Tag>}
    </Space>
  );
}

/** Links to the files of a frozen version (back office). */
export function VersionFiles({ agencyId, year, version }: { agencyId: number; year: number; version: Pick<VersionInfo, 'version' | 'source'> }) {
  const file = (kind: 'docx' | 'xlsx' | 'original') =>
    client.url('/api/agencies/:agencyId/reports/:year/versions/:version/:kind', { params: { agencyId, year, version: version.version, kind } });
  return (
    <Space size="small" wrap>
      <Typography.Link href={file('docx')} data-testid={`version-${version.version}-docx`}>
        <FileWordOutlined /> Word
      </Typography.Link>
      <Typography.Link href={file('xlsx')}>
        <FileExcelOutlined /> Excel
      </Typography.Link>
      {version.source === 'imported' && (
        <Tooltip title="导入时上传的原始文件">
          <Typography.Link href={file('original')}>
            <FileTextOutlined /> 原始文件
          </Typography.Link>
        </Tooltip>
      )}
    </Space>
  );
}

/** Sections 二, 三 and 四 of a report: its tables, with the cells the findings concern marked. */
export function ReportTablesView({ report, findings }: { report: Report; findings: Finding[] }) {
  const tables = reportTables(report);
  const cells = findingsByCell(findings, tables);
  return (
    <div className="stack">
      {tables.map((t) => (
        <div key={t.key}>
          <Typography.Title level={5}>{t.heading}</Typography.Title>
          <ReportTable table={t} findings={cells} />
        </div>
      ))}
    </div>
  );
}
