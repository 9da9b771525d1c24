/**
 * 行政决定与收费: the records table 二 of the annual report counts (行政许可、处罚、强制 decisions, fees
 * collected, 事项, 政府集中采购项目), one tab per kind: the list, adding one record, changing or deleting one
 * (each kept in the audit trail), and bulk import from .xlsx or .csv (the template to download; all rows or
 * none, with the wrong rows named; the same file twice refused).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Result, Select, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { errorText } from '../../lib/api';
import { client } from '../../lib/client';
import { useCan } from '../../lib/rights';
import { useFilterParams } from '../../lib/searchParams';
import { labelOf, optionsOf } from '../../lib/meta';
import { AgencyPicker, useAgencyScope } from '../../components/AgencyPicker';
import { RecordForm } from '../../components/registry/RecordForm';
import { ImportButtons, ImportResult, type ImportOutcome } from '../../components/registry/ImportResult';
import { useRegistryMeta, yearFilterOptions, type RecordKindMeta, type RecordRow } from '../../components/registry/types';
import '../../components/registry/registry.css';

const MONEY = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function RecordsTab({ kind, agencyId, canEdit }: { kind: RecordKindMeta; agencyId: number; canEdit: boolean }) {
  const { message } = App.useApp();
  const [year, setYear] = useState<number>(0);
  const [enumFilter, setEnumFilter] = useState<string | undefined>();
  const [rows, setRows] = useState<RecordRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<RecordRow | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await client.get('/api/agencies/:agencyId/records/:kind', { params: { agencyId, kind: kind.key }, query: { year: year || undefined } }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [agencyId, kind.key, year]);

  useEffect(() => {
    void load();
  }, [load]);

  const enumColumn = kind.columns.find((c) => c.kind === 'enum');
  const moneyColumn = kind.columns.find((c) => c.kind === 'money');
  const shown = useMemo(() => (enumColumn && enumFilter ? rows.filter((r) => r[enumColumn.key] === enumFilter) : rows), [rows, enumColumn, enumFilter]);
  const total = moneyColumn ? shown.reduce((s, r) => s + (Number(r[moneyColumn.key]) || 0), 0) : 0;

  const columns: TableColumnsType<RecordRow> = kind.columns.map((c) => ({
    title: c.header,
    dataIndex: c.key,
    key: c.key,
    width: c.kind === 'date' ? 110 : c.kind === 'money' ? 130 : c.kind === 'enum' ? 150 : undefined,
    align: c.kind === 'money' ? ('right' as const) : undefined,
    ellipsis: c.kind === 'text',
    render: (v: unknown) => {
      if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">—</Typography.Text>;
      if (c.kind === 'enum') return labelOf(c.options ?? {}, String(v));
      if (c.kind === 'money') return MONEY.format(Number(v));
      return String(v);
    },
  }));

  const remove = async (r: RecordRow) => {
    try {
      await client.del('/api/agencies/:agencyId/records/:kind/:id', { params: { agencyId, kind: kind.key, id: r.id } });
      message.success('已删除');
    } catch (e) {
      message.error(errorText(e));
    }
    void load();
  };

  if (canEdit) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_: unknown, r: RecordRow) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            onClick={() => {
              setEditing(r);
              setFormOpen(true);
            }}
            data-testid="records-edit"
          >
            修改
          </Button>
          <Popconfirm title="删除这条记录？" description="删除后不计入年度报告，操作记入审计日志。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(r)}>
            <Button size="small" type="link" danger data-testid="records-delete">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const required = kind.columns.filter((c) => c.required).map((c) => c.header);
  const optional = kind.columns.filter((c) => !c.required).map((c) => c.header);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {kind.label}。必填列：{required.join('、')}
        {optional.length > 0 ? `；选填列：${optional.join('、')}` : ''}。
      </Typography.Paragraph>
      <div className="page-head">
        <Space wrap>
          <Select
            style={{ width: 130 }}
            value={year}
            onChange={setYear}
            options={yearFilterOptions()}
            data-testid="records-year"
          />
          {enumColumn && (
            <Select
              style={{ width: 200 }}
              allowClear
              placeholder={`全部${enumColumn.header}`}
              value={enumFilter}
              onChange={setEnumFilter}
              options={optionsOf(enumColumn.options ?? {})}
            />
          )}
        </Space>
        {canEdit && (
          <Space wrap>
            <Button
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
              data-testid="records-new"
            >
              逐条登记
            </Button>
            <ImportButtons
              templateUrl={client.url('/api/import-templates/:kind', { params: { kind: kind.key } })}
              importTo={(form) => client.post('/api/agencies/:agencyId/records/:kind/import', { params: { agencyId, kind: kind.key }, body: form })}
              onOutcome={setOutcome}
              onImported={() => void load()}
            />
          </Space>
        )}
      </div>
      {outcome && <ImportResult columns={kind.columns} outcome={outcome} onClose={() => setOutcome(null)} />}
      {error && <Alert type="error" showIcon title={error} />}
      <Space size={40}>
        <Statistic title={year ? `${year}年记录` : '全部记录'} value={shown.length} suffix="条" />
        {moneyColumn && <Statistic title="金额合计（元）" value={MONEY.format(total)} />}
      </Space>
      <Table<RecordRow>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条`, hideOnSinglePage: true }}
        locale={{ emptyText: canEdit ? '暂无记录，可逐条登记或下载模板批量导入' : '暂无记录' }}
        scroll={{ x: canEdit ? 1020 : 900 }}
        data-testid={`records-table-${kind.key}`}
      />
      <RecordForm open={formOpen} kind={kind} agencyId={agencyId} editing={editing} onClose={() => setFormOpen(false)} onSaved={() => void load()} />
    </Space>
  );
}

export default function Records() {
  const meta = useRegistryMeta();
  const can = useCan();
  const scope = useAgencyScope();
  const [params, set] = useFilterParams();
  const kinds = meta.recordKinds ?? [];
  if (kinds.length === 0) return <Result status="warning" title="暂无可登记的记录类别" />;
  const tab = kinds.some((k) => k.key === params.get('tab')) ? params.get('tab')! : kinds[0].key;
  const canEdit = can('record.write', scope.agencyId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          行政决定与收费 · {scope.agencyName}
        </Typography.Title>
        <AgencyPicker scope={scope} />
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        行政许可、行政处罚、行政强制决定，行政事业性收费，事项和政府集中采购项目，计入年度报告第二部分“主动公开政府信息情况”。
      </Typography.Paragraph>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k })}
          destroyOnHidden
          items={kinds.map((k) => ({
            key: k.key,
            label: <span data-testid={`records-tab-${k.key}`}>{k.label.split('（')[0]}</span>,
            children: <RecordsTab kind={k} agencyId={scope.agencyId} canEdit={canEdit} />,
          }))}
        />
      </Card>
    </Space>
  );
}
