/**
 * The records a table cell counts (GET …/reports/:year/cells?path=): which applications, documents,
 * decisions, fees or cases make up the figure.
 */
import { useEffect, useState } from 'react';
import { Alert, Descriptions, Drawer, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { errorText } from '../../lib/api';
import { client } from '../../lib/client';
import { describeCell } from '../../../../src/core/report/template';
import { formatValue } from '../../../../src/core/report/layout';
import { getCell } from '../../../../src/core/report/model';
import type { CellRecord, Report } from './types';

export function CellDrawer({
  agencyId,
  year,
  path,
  report,
  own,
  onClose,
}: {
  agencyId: number;
  year: number;
  path: string | null;
  report: Report;
  own: boolean;
  onClose: () => void;
}) {
  const [rows, setRows] = useState<CellRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!path) return;
    let live = true;
    setRows(null);
    setError(null);
    client
      .get('/api/agencies/:agencyId/reports/:year/cells', { params: { agencyId, year }, query: { path } })
      .then((r) => live && setRows(r))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [agencyId, year, path]);

  const agencyQuery = own ? '' : `?agency=${agencyId}`;
  const columns: TableColumnsType<CellRecord> = [
    { title: '类别', dataIndex: 'kindLabel', width: 150 },
    {
      title: '记录',
      dataIndex: 'label',
      render: (v: string, r) =>
        r.kind === 'applications' ? (
          <Link to={`/admin/applications/${r.id}${agencyQuery}`}>{v}</Link>
        ) : r.kind === 'reviewCases' ? (
          <Link to={`/admin/review-cases${agencyQuery}`}>{v}</Link>
        ) : (
          v
        ),
    },
    { title: '日期', dataIndex: 'date', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '说明', dataIndex: 'detail' },
    { title: '计入', dataIndex: 'amount', width: 80, align: 'right', render: (v: number) => formatValue(v) },
  ];
  const value = path ? getCell(report, path) : undefined;
  return (
    <Drawer open={path !== null} onClose={onClose} size={820} title="单元格对应的记录" destroyOnHidden>
      {path && (
        <div data-testid="report-cell-drawer">
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'cell', label: '单元格', children: describeCell(path) },
              { key: 'value', label: '表中数值', children: <Typography.Text strong>{formatValue(value ?? null) || '空'}</Typography.Text> },
            ]}
          />
          {error && <Alert type="error" showIcon title={error} />}
          <Table<CellRecord>
            rowKey={(r) => `${r.kind}:${r.id}`}
            size="small"
            loading={rows === null && !error}
            columns={columns}
            dataSource={rows ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条记录` }}
            locale={{ emptyText: '没有计入该单元格的记录' }}
          />
        </div>
      )}
    </Drawer>
  );
}
