/**
 * The work queue (工作台): the agency's applications, sorted by the limit the agency must act by (as the API
 * returns them), with filters, the deadline marking of each row, and a chart of the open cases by time left.
 * Tabs above the list show what waits for the reviewer: 延期待审核 (cases whose extension request is not yet
 * approved or rejected) and 待审批 annual reports (GET …/waiting).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Col, Input, Row, Select, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { errorText } from '../../lib/api';
import { client, type Options, type WaitingAnswer } from '../../lib/client';
import { dateTime } from '../../lib/dates';
import { optionsOf, useMeta } from '../../lib/meta';
import { useFilterParams } from '../../lib/searchParams';
import type { CaseSummary } from '../../lib/types';
import { DUE_SOON_WORKDAYS } from '../../../../src/core/applications/clock';
import { AgencyPicker, useAgencyScope } from '../../components/AgencyPicker';
import { DeadlineTags } from '../../components/Deadline';
import { StatusTag } from '../../components/StatusTag';
import { EChart, type ChartOption } from '../../components/EChart';

const BUCKETS = [
  { key: 'overdue', label: '已逾期', color: '#cf1322' },
  { key: 'soon', label: `${DUE_SOON_WORKDAYS}日内`, color: '#fa8c16' },
  { key: 'mid', label: `${DUE_SOON_WORKDAYS + 1}–10日`, color: '#1d4f91' },
  { key: 'far', label: '10日以上', color: '#52c41a' },
  { key: 'paused', label: '暂停或待补正', color: '#8c8c8c' },
  { key: 'unknown', label: '期限未知', color: '#faad14' },
] as const;

type BucketKey = (typeof BUCKETS)[number]['key'];

/** Where an open case stands (working days left to the limit the agency must act by). */
function bucketOf(c: CaseSummary): BucketKey {
  const k = c.clock;
  if (k.state === 'unknown') return 'unknown';
  if (k.state === 'paused' || k.state === 'waitingCorrection') return 'paused';
  if (k.overdue) return 'overdue';
  const left = k.workdaysLeft ?? 0;
  if (left <= DUE_SOON_WORKDAYS) return 'soon';
  if (left <= 10) return 'mid';
  return 'far';
}

function OpenCasesChart({ open, onPick }: { open: CaseSummary[]; onPick: (b: BucketKey) => void }) {
  const option = useMemo<ChartOption>(() => {
    const counts = new Map<BucketKey, number>();
    for (const c of open) counts.set(bucketOf(c), (counts.get(bucketOf(c)) ?? 0) + 1);
    const shown = BUCKETS.filter((b) => b.key !== 'unknown' || (counts.get('unknown') ?? 0) > 0);
    return {
      grid: { left: 36, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: shown.map((b) => b.label), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: '件数',
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: shown.map((b) => ({ value: counts.get(b.key) ?? 0, itemStyle: { color: b.color } })),
        },
      ],
    };
  }, [open]);
  return (
    <EChart
      option={option}
      height={190}
      testId="queue-chart"
      onClickCategory={(name) => {
        const b = BUCKETS.find((x) => x.label === name);
        if (b) onPick(b.key);
      }}
    />
  );
}

/** The cases a list request answers (none asked while `url` is null), asked again when `reload` changes. */
type QueueFilter = NonNullable<Options<'GET', '/api/agencies/:agencyId/applications'>['query']>;

/** The cases of the agency under a filter (none fetched while the filter is null). */
function useCases(agencyId: number, filter: QueueFilter | null, reload: number) {
  const [state, setState] = useState<{ list: CaseSummary[]; loading: boolean; error: string | null }>({ list: [], loading: true, error: null });
  const key = filter && JSON.stringify(filter);
  useEffect(() => {
    if (!key) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    client
      .get('/api/agencies/:agencyId/applications', { params: { agencyId }, query: JSON.parse(key) as QueueFilter })
      .then((list) => live && setState({ list, loading: false, error: null }))
      .catch((e: unknown) => live && setState((s) => ({ ...s, loading: false, error: errorText(e) })));
    return () => {
      live = false;
    };
  }, [agencyId, key, reload]);
  return state;
}

function useWaiting(agencyId: number, reload: number): WaitingAnswer | null {
  const [waiting, setWaiting] = useState<WaitingAnswer | null>(null);
  useEffect(() => {
    let live = true;
    client
      .get('/api/agencies/:agencyId/waiting', { params: { agencyId } })
      .then((w) => live && setWaiting(w))
      .catch(() => live && setWaiting(null));
    return () => {
      live = false;
    };
  }, [agencyId, reload]);
  return waiting;
}

type View = 'all' | 'extension' | 'reports';


/** The annual reports submitted and waiting for the reviewer's approval. */
function ReportsWaiting({ reports, agencyParam }: { reports: WaitingAnswer['reports']; agencyParam: string }) {
  return (
    <Table
      rowKey="year"
      size="middle"
      dataSource={reports}
      pagination={false}
      locale={{ emptyText: '没有待审批的年度报告' }}
      data-testid="queue-reports-waiting"
      columns={[
        { title: '年度', dataIndex: 'year', width: 120, render: (y: number) => <Link to={`/admin/reports/${y}${agencyParam}`}>{y} 年度报告</Link> },
        { title: '提交人', dataIndex: 'submittedBy', width: 160, render: (v: string | null) => v ?? '—' },
        { title: '提交时间', dataIndex: 'submittedAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
        { title: '', key: 'open', width: 120, render: (_: unknown, r: { year: number }) => <Link to={`/admin/reports/${r.year}${agencyParam}`}>审核</Link> },
      ]}
    />
  );
}

export default function Queue() {
  const meta = useMeta();
  const navigate = useNavigate();
  const scope = useAgencyScope();
  const [params, set] = useFilterParams();
  const status = params.get('status') ?? 'open';
  const q = params.get('q') ?? '';
  const mine = params.get('mine') === '1';
  const overdue = params.get('overdue') === '1';
  const dueSoon = params.get('dueSoon') === '1';
  const view: View = params.get('view') === 'extension' || params.get('view') === 'reports' ? (params.get('view') as View) : 'all';
  const [search, setSearch] = useState(q);
  const [reload, setReload] = useState(0);
  const open = useCases(scope.agencyId, { status: 'open', limit: 1000 }, reload);
  const waiting = useWaiting(scope.agencyId, reload);
  // the open cases are the list too, unless a search, 我承办的 or 延期待审核 has the server choose others
  const ofOpen = view === 'all' && status === 'open' && !q && !mine;
  const chosen = useCases(
    scope.agencyId,
    ofOpen || view === 'reports' ? null : view === 'extension' ? { waiting: 'extension', q, mine, overdue, dueSoon } : { status: status as QueueFilter['status'], q, mine, overdue, dueSoon },
    reload,
  );
  const { loading, error } = ofOpen ? open : chosen;
  const rows = ofOpen ? open.list.filter((c) => (!overdue || c.clock.overdue) && (!dueSoon || c.clock.dueSoon)) : chosen.list;

  useEffect(() => setSearch(q), [q]);

  const columns: TableColumnsType<CaseSummary> = [
    { title: '查询码', dataIndex: 'trackingCode', width: 138, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: '申请人', dataIndex: 'applicantName', width: 130, ellipsis: true },
    { title: '申请人类型', dataIndex: 'applicantTypeLabel', width: 130, ellipsis: true },
    { title: '收到日期', dataIndex: 'receivedOn', width: 104 },
    { title: '所需信息', dataIndex: 'description', ellipsis: true },
    { title: '状态', dataIndex: 'status', width: 96, render: (s: string) => <StatusTag status={s} /> },
    {
      title: '期限',
      key: 'due',
      width: 196,
      render: (_: unknown, c: CaseSummary) => (
        <div className="queue-due">
          <div>
            {c.clock.due ?? '—'} <Typography.Text type="secondary">{c.clock.dueLabel}</Typography.Text>
          </div>
          <DeadlineTags clock={c.clock} />
        </div>
      ),
    },
    { title: '承办人', dataIndex: 'assigneeName', width: 110, ellipsis: true, render: (v: string | null) => v ?? <Typography.Text type="secondary">未分配</Typography.Text> },
  ];

  const statusOptions = [
    { value: 'open', label: '未办结（全部在办）' },
    ...optionsOf(meta.statuses),
    { value: 'all', label: '全部' },
  ];
  const overdueCount = open.list.filter((c) => c.clock.overdue).length;
  const soonCount = open.list.filter((c) => c.clock.dueSoon).length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          工作台 · {scope.agencyName}
        </Typography.Title>
        <Space wrap>
          <AgencyPicker scope={scope} />
          {scope.own && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/register')}>
              登记申请
            </Button>
          )}
        </Space>
      </div>

      <Card size="small">
        <Row gutter={24} align="middle">
          <Col xs={24} md={6}>
            <Space orientation="vertical" size="small">
              <Statistic title="在办申请" value={open.list.length} suffix="件" />
              <Space size="large">
                <Statistic title="已逾期" value={overdueCount} styles={{ content: { color: overdueCount > 0 ? '#cf1322' : undefined } }} />
                <Statistic title="3日内到期" value={soonCount} styles={{ content: { color: soonCount > 0 ? '#fa8c16' : undefined } }} />
              </Space>
            </Space>
          </Col>
          <Col xs={24} md={18}>
            <Typography.Text type="secondary">在办申请按剩余工作日分布（点击柱形筛选）</Typography.Text>
            <OpenCasesChart
              open={open.list}
              onPick={(b) => set({ view: null, status: 'open', overdue: b === 'overdue' ? '1' : null, dueSoon: b === 'soon' ? '1' : null })}
            />
          </Col>
        </Row>
      </Card>

      <Card size="small">
        <Tabs
          activeKey={view}
          onChange={(k) => set({ view: k === 'all' ? null : k })}
          style={{ marginTop: -8 }}
          items={[
            { key: 'all', label: <span data-testid="queue-view-all">全部申请</span> },
            {
              key: 'extension',
              label: (
                <span data-testid="queue-view-extension">
                  延期待审核 <Badge count={waiting?.extensions ?? 0} showZero color={waiting?.extensions ? '#fa8c16' : '#bfbfbf'} />
                </span>
              ),
            },
            {
              key: 'reports',
              label: (
                <span data-testid="queue-view-reports">
                  待审批年度报告 <Badge count={waiting?.reports.length ?? 0} showZero color={waiting?.reports.length ? '#fa8c16' : '#bfbfbf'} />
                </span>
              ),
            },
          ]}
        />
        {view === 'reports' ? (
          <ReportsWaiting reports={waiting?.reports ?? []} agencyParam={scope.own ? '' : `?agency=${scope.agencyId}`} />
        ) : (
        <>
        {view === 'extension' && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            已申请延长答复期限、尚待政府信息公开工作机构负责人同意的申请（条例第三十三条第二款）。
          </Typography.Paragraph>
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          {view === 'all' && <Select style={{ width: 190 }} value={status} options={statusOptions} onChange={(v) => set({ status: v === 'open' ? null : v })} data-testid="queue-status" />}
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder="查询码、申请人或所需信息"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || null })}
            data-testid="queue-search"
          />
          {scope.own && (
            <Checkbox checked={mine} onChange={(e) => set({ mine: e.target.checked ? '1' : null })} data-testid="queue-mine">
              我承办的
            </Checkbox>
          )}
          <Checkbox checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? '1' : null })} data-testid="queue-overdue">
            已逾期
          </Checkbox>
          <Checkbox checked={dueSoon} onChange={(e) => set({ dueSoon: e.target.checked ? '1' : null })} data-testid="queue-due-soon">
            3日内到期
          </Checkbox>
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
            刷新
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 件` }}
          rowClassName={(c) => (c.clock.overdue ? 'row-overdue' : c.clock.dueSoon ? 'row-due-soon' : '')}
          onRow={(c) =>
            ({
              'data-testid': `case-row-${c.trackingCode}`,
              onClick: () => navigate(`/admin/applications/${c.id}${scope.own ? '' : `?agency=${scope.agencyId}`}`),
              style: { cursor: 'pointer' },
            }) as React.HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: view === 'extension' ? '没有待审核的延期申请' : '没有符合条件的申请' }}
          scroll={{ x: 1060 }}
        />
        </>
        )}
      </Card>
    </Space>
  );
}
