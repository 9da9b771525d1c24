/**
 * 监督检查 (for the supervising office, 政务公开办): the annual reports of every agency below, compared —
 * whether each year's report was published, the findings of the checks, the trend of applications and of
 * table 二 over the years, and the agencies side by side for one year.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Result, Row, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { api, errorText, query } from '../../lib/api';
import { useUser } from '../../lib/auth';
import { useCan } from '../../lib/rights';
import { EChart, type ChartOption } from '../../components/EChart';
import { ReportStatusTag } from '../../components/report/ReportBits';
import { describeCell } from '../../../../src/core/report/template';
import { useReportMeta, type Supervision as SupervisionData, type SupervisionRow } from '../../components/report/types';
import { percent } from '../../components/registry/types';

type Metric = 'received' | 'answered' | 'carriedForward' | 'documents' | 'licensing' | 'punishment' | 'cases' | 'reviews' | 'suits';

/** What the charts plot; the tooltip of each names the report cell it comes from (template wording). */
const METRICS: { key: Metric; label: string; cells: string[]; color: string }[] = [
  { key: 'received', label: '新收申请', cells: ['applications.received[6]'], color: '#1d4f91' },
  { key: 'answered', label: '办理答复', cells: ['applications.total[6]'], color: '#13a8a8' },
  { key: 'carriedForward', label: '结转下年度', cells: ['applications.carriedForward[6]'], color: '#faad14' },
  { key: 'documents', label: '制发规章和规范性文件', cells: ['proactive.regulations.issued', 'proactive.normativeDocuments.issued'], color: '#722ed1' },
  { key: 'licensing', label: '行政许可决定', cells: ['proactive.licensing.decisions'], color: '#52c41a' },
  { key: 'punishment', label: '行政处罚决定', cells: ['proactive.punishment.decisions'], color: '#eb2f96' },
  { key: 'cases', label: '行政复议、诉讼', cells: ['reviewLitigation.reconsideration.total', 'reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReconsideration.total'], color: '#cf1322' },
  { key: 'reviews', label: '行政复议', cells: ['reviewLitigation.reconsideration.total'], color: '#fa541c' },
  { key: 'suits', label: '行政诉讼', cells: ['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReconsideration.total'], color: '#a8071a' },
];

/** The trend chart's groups of figures (of one scale each). */
const TREND_GROUPS = [
  { key: 'applications', label: '依申请公开', metrics: ['received', 'answered', 'carriedForward'] as Metric[] },
  { key: 'proactive', label: '主动公开（表二）', metrics: ['documents', 'licensing', 'punishment'] as Metric[] },
  { key: 'cases', label: '复议诉讼', metrics: ['reviews', 'suits'] as Metric[] },
];

function value(r: SupervisionRow, m: Metric): number | null {
  if (m === 'cases') return r.reviews == null && r.suits == null ? null : (r.reviews ?? 0) + (r.suits ?? 0);
  return r[m];
}

const sum = (list: (number | null)[]) => (list.some((v) => v != null) ? list.reduce<number>((s, v) => s + (v ?? 0), 0) : null);
const num = (v: number | null) => (v == null ? '—' : String(v));

/** The frame of a bar chart with one group of bars per agency. */
function byAgency(names: string[]): ChartOption {
  return {
    grid: { left: 44, right: 20, top: 40, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, width: 110, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1 },
  };
}

export default function Supervision() {
  const user = useUser();
  const can = useCan();
  const supervisor = can('supervision.read');
  const meta = useReportMeta();
  const navigate = useNavigate();
  const thisYear = dayjs().year();
  const [from, setFrom] = useState(Math.max(2019, thisYear - 5));
  const [to, setTo] = useState(thisYear);
  const [data, setData] = useState<SupervisionData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [trendAgency, setTrendAgency] = useState<number | 'all'>('all');
  const [trendGroup, setTrendGroup] = useState('applications');
  const [compareYear, setCompareYear] = useState<number | null>(null);

  useEffect(() => {
    if (!supervisor) return;
    let live = true;
    setError(null);
    api
      .get<SupervisionData>(`/api/supervision${query({ from, to })}`)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [from, to, reload, supervisor]);

  const rows = useMemo(() => data?.rows ?? [], [data]);
  const years = useMemo(() => [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b), [rows]);
  /** every year from the first to the last with a report (a gap shows as a gap) */
  const span = useMemo(() => (years.length === 0 ? [] : Array.from({ length: years.at(-1)! - years[0] + 1 }, (_, i) => years[0] + i)), [years]);
  /** the latest year with a published or brought-in report, the default year to compare */
  const latest = useMemo(() => {
    const frozen = rows.filter((r) => r.source !== 'draft').map((r) => r.year);
    return frozen.length > 0 ? Math.max(...frozen) : years.at(-1) ?? null;
  }, [rows, years]);
  const year = compareYear && years.includes(compareYear) ? compareYear : latest;
  /** agencies that write annual reports: those below the supervisor's, and its own if it has any */
  const reporting = useMemo(
    () => (data?.agencies ?? []).filter((a) => a.id !== user.agencyId || rows.some((r) => r.agencyId === a.id)),
    [data, rows, user.agencyId],
  );

  const trend = useMemo<ChartOption>(() => {
    const shown = rows.filter((r) => trendAgency === 'all' || r.agencyId === trendAgency);
    const group = TREND_GROUPS.find((g) => g.key === trendGroup) ?? TREND_GROUPS[0];
    return {
      grid: { left: 48, right: 20, top: 40, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: span.map((y) => `${y}年`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: METRICS.filter((m) => group.metrics.includes(m.key)).map((m) => ({
        type: 'line' as const,
        name: m.label,
        connectNulls: false,
        symbolSize: 8,
        itemStyle: { color: m.color },
        label: { show: true, position: 'top' as const, fontSize: 11 },
        data: span.map((y) => sum(shown.filter((r) => r.year === y).map((r) => value(r, m.key)))),
      })),
    };
  }, [rows, span, trendAgency, trendGroup]);

  const inYear = useMemo(() => rows.filter((r) => r.year === year), [rows, year]);

  const compare = useMemo<ChartOption>(() => {
    const shown = METRICS.filter((m) => ['received', 'answered', 'carriedForward', 'cases'].includes(m.key));
    return {
      ...byAgency(inYear.map((r) => r.agency)),
      series: shown.map((m) => ({
        type: 'bar' as const,
        name: m.label,
        barMaxWidth: 28,
        itemStyle: { color: m.color },
        label: { show: true, position: 'top' as const, fontSize: 11 },
        data: inYear.map((r) => value(r, m.key)),
      })),
    };
  }, [inYear]);

  const findingsChart = useMemo<ChartOption>(() => {
    const of = (id: number, key: 'errors' | 'warnings') => rows.filter((r) => r.agencyId === id).reduce((s, r) => s + r[key], 0);
    return {
      ...byAgency(reporting.map((a) => a.name)),
      series: [
        { type: 'bar', name: '错误', stack: 'f', barMaxWidth: 36, itemStyle: { color: '#ff4d4f' }, data: reporting.map((a) => of(a.id, 'errors')) },
        { type: 'bar', name: '警告', stack: 'f', barMaxWidth: 36, itemStyle: { color: '#fa8c16' }, data: reporting.map((a) => of(a.id, 'warnings')) },
      ],
    };
  }, [rows, reporting]);

  if (!supervisor) {
    return <Result status="403" title="需要监督人员权限" subTitle="监督检查供政务公开办等监督人员使用。" />;
  }

  const open = (r: { agencyId: number; year: number }) => navigate(`/admin/reports/${r.year}${r.agencyId === user.agencyId ? '' : `?agency=${r.agencyId}`}`);

  // 报送情况: every reporting agency against every year in range that has a report somewhere
  const matrixYears = span;
  const matrix = reporting.map((a) => ({ agency: a, cells: new Map(rows.filter((r) => r.agencyId === a.id).map((r) => [r.year, r])) }));
  const published = latest ? rows.filter((r) => r.year === latest && r.source !== 'draft').length : 0;
  const withErrors = rows.filter((r) => r.errors > 0).length;

  const columns: TableColumnsType<SupervisionRow> = [
    { title: '机关', dataIndex: 'agency', fixed: 'left', width: 170 },
    { title: '年度', dataIndex: 'year', width: 70, sorter: (a, b) => a.year - b.year },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <ReportStatusTag status={s} /> },
    {
      title: '版本',
      key: 'version',
      width: 150,
      render: (_: unknown, r) => (r.version ? `第 ${r.version} 版 · ${meta.reportSources?.[r.source] ?? r.source}` : <Typography.Text type="secondary">编写中（实时统计）</Typography.Text>),
    },
    ...METRICS.filter((m) => !['cases', 'reviews', 'suits'].includes(m.key)).map((m) => ({
      title: <Tooltip title={m.cells.map(describeCell).join('；')}>{m.label}</Tooltip>,
      key: m.key,
      width: 92,
      align: 'right' as const,
      render: (_: unknown, r: SupervisionRow) => num(value(r, m.key)),
      sorter: (a: SupervisionRow, b: SupervisionRow) => (value(a, m.key) ?? -1) - (value(b, m.key) ?? -1),
    })),
    { title: <Tooltip title="（予以公开 + 部分公开）÷ 办理答复">公开率</Tooltip>, dataIndex: 'disclosedShare', width: 80, align: 'right', render: (v: number | null) => percent(v) },
    { title: '行政复议', dataIndex: 'reviews', width: 80, align: 'right', render: num },
    { title: '行政诉讼', dataIndex: 'suits', width: 80, align: 'right', render: num },
    {
      title: '错误',
      dataIndex: 'errors',
      width: 70,
      align: 'right',
      sorter: (a, b) => a.errors - b.errors,
      render: (v: number) => (v > 0 ? <Typography.Text type="danger" strong>{v}</Typography.Text> : 0),
    },
    { title: '警告', dataIndex: 'warnings', width: 70, align: 'right', render: (v: number) => (v > 0 ? <Typography.Text style={{ color: '#d46b08' }}>{v}</Typography.Text> : 0) },
    {
      title: '操作',
      key: 'open',
      fixed: 'right',
      width: 80,
      render: (_: unknown, r) => (
        <Button size="small" onClick={() => open(r)} data-testid={`supervision-open-${r.agencyId}-${r.year}`}>
          查看
        </Button>
      ),
    },
  ];

  const yearOptions = Array.from({ length: thisYear - 2019 + 1 }, (_, i) => 2019 + i).map((y) => ({ value: y, label: `${y} 年` }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          监督检查 · 年度报告
        </Typography.Title>
        <Space wrap>
          <Typography.Text>年度：</Typography.Text>
          <Select value={from} options={yearOptions.filter((o) => o.value <= to)} onChange={setFrom} style={{ width: 110 }} data-testid="supervision-from" />
          <Typography.Text>至</Typography.Text>
          <Select value={to} options={yearOptions.filter((o) => o.value >= from)} onChange={setTo} style={{ width: 110 }} data-testid="supervision-to" />
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
            刷新
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} />}

      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="所辖报告机关" value={reporting.length} suffix="个" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={latest ? `${latest} 年度已公布报告` : '已公布报告'} value={published} suffix={`/ ${reporting.length}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="存在错误的报告" value={withErrors} suffix="份" styles={{ content: { color: withErrors > 0 ? '#cf1322' : '#389e0d' } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="所选年度新收申请合计" value={sum(rows.map((r) => r.received)) ?? 0} suffix="件" />
          </Card>
        </Col>
      </Row>

      {data && rows.length === 0 && <Empty description="所选年度内没有已发布、导入或正在编写的年度报告" />}

      {rows.length > 0 && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card
                size="small"
                title="历年趋势"
                extra={
                  <Space size="small" wrap>
                    <Segmented size="small" value={trendGroup} onChange={(v) => setTrendGroup(String(v))} options={TREND_GROUPS.map((g) => ({ value: g.key, label: g.label }))} />
                  <Select
                    size="small"
                    style={{ width: 200 }}
                    value={trendAgency}
                    onChange={setTrendAgency}
                    options={[{ value: 'all' as const, label: '所辖机关合计' }, ...reporting.map((a) => ({ value: a.id, label: a.name }))]}
                    data-testid="supervision-trend-agency"
                  />
                  </Space>
                }
              >
                <EChart option={trend} height={300} testId="supervision-chart" />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title="检查发现的问题（各机关，所选年度合计）">
                <EChart option={findingsChart} height={300} testId="supervision-chart-findings" />
              </Card>
            </Col>
          </Row>

          <Card
            size="small"
            title="机关对比"
            extra={
              <Select
                size="small"
                style={{ width: 120 }}
                value={year ?? undefined}
                onChange={setCompareYear}
                options={years.map((y) => ({ value: y, label: `${y} 年度` }))}
                data-testid="supervision-compare-year"
              />
            }
          >
            {inYear.length > 0 ? <EChart option={compare} height={300} testId="supervision-chart-agencies" /> : <Empty description="该年度没有报告" />}
          </Card>

          <Card size="small" title="报送情况">
            <Table
              size="small"
              rowKey={(r) => r.agency.id}
              pagination={false}
              dataSource={matrix}
              scroll={{ x: 200 + matrixYears.length * 150 }}
              columns={[
                { title: '机关', key: 'agency', width: 200, render: (_: unknown, r) => r.agency.name },
                ...matrixYears.map((y) => ({
                  title: `${y} 年度`,
                  key: String(y),
                  width: 150,
                  render: (_: unknown, r: (typeof matrix)[number]) => {
                    const c = r.cells.get(y);
                    if (!c) return <Tag>未发布</Tag>;
                    return (
                      <Space size={2} wrap className="report-matrix-cell">
                        <a onClick={() => open(c)}>
                          <ReportStatusTag status={c.status} />
                        </a>
                        {c.errors > 0 && <Tag color="red">{c.errors} 错</Tag>}
                        {c.warnings > 0 && <Tag color="orange">{c.warnings} 警</Tag>}
                      </Space>
                    );
                  },
                })),
              ]}
            />
          </Card>

          <Card size="small" title="明细">
            <Table<SupervisionRow>
              rowKey={(r) => `${r.agencyId}:${r.year}`}
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={{ pageSize: 30, hideOnSinglePage: true }}
              scroll={{ x: 1700 }}
              rowClassName={(r) => (r.errors > 0 ? 'row-overdue' : '')}
              data-testid="supervision-table"
            />
          </Card>
        </>
      )}
    </Space>
  );
}
