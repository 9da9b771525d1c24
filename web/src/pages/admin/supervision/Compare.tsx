/**
 * 对比 (for the supervising office, 政务公开办): the figures of the report audited for each agency and year —
 * published or imported in Gongkai, or uploaded (as corrected by hand) — compared: applications received, the
 * outcomes mix of table 三, 复议/诉讼 and their results (table 四), table 二, per agency and across years; a
 * ranking table as reports cite it ("位列所辖 12 个机关第 2"); and the workbook an evaluator hands in (.xlsx).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Result, Row, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { errorText } from '../../../lib/api';
import { client } from '../../../lib/client';
import { useCan } from '../../../lib/rights';
import { EChart, type ChartOption } from '../../../components/EChart';
import { SOURCE_LABELS, fig, type ComparisonData, type FigureRow } from './types';

const OUTCOMES = [
  { key: 'disclosed', label: '予以公开', color: '#389e0d' },
  { key: 'partial', label: '部分公开', color: '#95de64' },
  { key: 'withheld', label: '不予公开', color: '#cf1322' },
  { key: 'unavailable', label: '无法提供', color: '#fa8c16' },
  { key: 'notProcessed', label: '不予处理', color: '#8c8c8c' },
  { key: 'otherOutcome', label: '其他处理', color: '#597ef7' },
];
const REVIEW_RESULTS = [
  { suffix: 'Upheld', label: '结果维持', color: '#389e0d' },
  { suffix: 'Corrected', label: '结果纠正', color: '#cf1322' },
  { suffix: 'Other', label: '其他结果', color: '#597ef7' },
  { suffix: 'Pending', label: '尚未审结', color: '#faad14' },
];
const PROACTIVE = [
  { key: 'documents', label: '制发规章和规范性文件', color: '#722ed1' },
  { key: 'licensing', label: '行政许可', color: '#52c41a' },
  { key: 'punishment', label: '行政处罚', color: '#eb2f96' },
  { key: 'enforcement', label: '行政强制', color: '#13a8a8' },
];
const TRENDS = [
  { key: 'applications', label: '依申请公开', series: [{ key: 'received', label: '新收申请', color: '#1d4f91' }, { key: 'answered', label: '办理总计', color: '#13a8a8' }, { key: 'carriedForward', label: '结转下年度', color: '#faad14' }] },
  { key: 'outcomes', label: '办理结果', series: OUTCOMES },
  { key: 'cases', label: '复议诉讼', series: [{ key: 'reconsideration', label: '行政复议', color: '#fa541c' }, { key: 'litigation', label: '行政诉讼', color: '#a8071a' }, { key: 'reconsiderationCorrected', label: '复议纠正', color: '#ff7875' }, { key: 'litigationCorrected', label: '诉讼纠正', color: '#ffa39e' }] },
  { key: 'proactive', label: '主动公开（表二）', series: PROACTIVE },
];

const sum = (list: (number | null)[]) => (list.some((v) => v != null) ? list.reduce<number>((s, v) => s + (v ?? 0), 0) : null);
const num = (v: number | null) => (v == null ? '—' : String(Math.round(v * 10000) / 10000));
const pct = (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The agencies' names as an axis shows them: without the place they share ("示范市人民政府", "示范市教育局" →
 * "人民政府", "教育局"), where every name keeps at least two characters. The tooltip and the chart's
 * description keep the full names.
 */
function shortNames(names: string[]): Map<string, string> {
  const out = new Map(names.map((n) => [n, n]));
  if (names.length < 2) return out;
  let prefix = names.reduce((p, n) => {
    let i = 0;
    while (i < p.length && i < n.length && p[i] === n[i]) i++;
    return p.slice(0, i);
  });
  // cut only after a place (…省, …市, …区, …县, …州, …盟, …旗)
  const end = Math.max(...['省', '市', '区', '县', '州', '盟', '旗'].map((c) => prefix.lastIndexOf(c)));
  prefix = prefix.slice(0, end + 1);
  if (prefix.length === 0 || names.some((n) => n.length - prefix.length < 2)) return out;
  for (const n of names) out.set(n, n.slice(prefix.length));
  return out;
}

/** a bar's label, left out for a zero (four series side by side would print a row of zeros) */
const nonZero = (p: { value?: unknown }) => (p.value ? String(p.value) : '');

function byAgency(names: string[]): ChartOption {
  const short = shortNames(names);
  const many = names.length > 6;
  return {
    grid: { left: 8, right: 20, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: many ? 40 : 0, width: many ? 90 : 100, overflow: 'truncate', formatter: (n: string) => short.get(n) ?? n },
    },
    yAxis: { type: 'value', minInterval: 1 },
  };
}

export default function Compare() {
  const can = useCan();
  const supervisor = can('supervision.read');
  const thisYear = dayjs().year();
  const [from, setFrom] = useState(Math.max(2019, thisYear - 4));
  const [to, setTo] = useState(thisYear);
  const [data, setData] = useState<ComparisonData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [pickedYear, setPickedYear] = useState<number | null>(null);
  const [trendAgency, setTrendAgency] = useState<number | 'all'>('all');
  const [trend, setTrend] = useState('applications');
  const [rankBy, setRankBy] = useState('received');

  useEffect(() => {
    if (!supervisor) return;
    let live = true;
    setError(null);
    client
      .get('/api/supervision/comparison', { query: { from, to } })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [from, to, reload, supervisor]);

  const rows = useMemo(() => data?.rows ?? [], [data]);
  const years = data?.years ?? [];
  const year = pickedYear && years.includes(pickedYear) ? pickedYear : (years.at(-1) ?? null);
  const inYear = useMemo(() => rows.filter((r) => r.year === year), [rows, year]);
  const agencies = useMemo(() => [...new Map(rows.map((r) => [r.subjectAgencyId, r.agency])).entries()], [rows]);
  const span = useMemo(() => (years.length === 0 ? [] : Array.from({ length: years.at(-1)! - years[0] + 1 }, (_, i) => years[0] + i)), [years]);

  const received = useMemo<ChartOption>(
    () => ({
      ...byAgency(inYear.map((r) => r.agency)),
      series: [
        { type: 'bar', name: '新收申请', barMaxWidth: 32, itemStyle: { color: '#1d4f91' }, label: { show: true, position: 'top', fontSize: 11 }, data: inYear.map((r) => ({ name: r.agency, value: fig(r, 'received') })) },
        { type: 'bar', name: '上年结转', barMaxWidth: 32, itemStyle: { color: '#91caff' }, label: { show: true, position: 'top', fontSize: 11 }, data: inYear.map((r) => ({ name: r.agency, value: fig(r, 'carriedOver') })) },
      ],
    }),
    [inYear],
  );
  const outcomes = useMemo<ChartOption>(
    () => ({
      ...byAgency(inYear.map((r) => r.agency)),
      series: OUTCOMES.map((o) => ({ type: 'bar' as const, name: o.label, stack: 'o', barMaxWidth: 36, itemStyle: { color: o.color }, data: inYear.map((r) => ({ name: r.agency, value: fig(r, o.key) })) })),
    }),
    [inYear],
  );
  const cases = useMemo<ChartOption>(
    () => ({
      ...byAgency(inYear.map((r) => r.agency)),
      series: (['reconsideration', 'litigation'] as const).flatMap((g) =>
        REVIEW_RESULTS.map((x) => ({
          type: 'bar' as const,
          name: `${g === 'reconsideration' ? '复议' : '诉讼'}${x.label}`,
          stack: g,
          barMaxWidth: 24,
          itemStyle: { color: x.color, opacity: g === 'reconsideration' ? 1 : 0.6 },
          data: inYear.map((r) => ({ name: r.agency, value: fig(r, `${g}${x.suffix}`) })),
        })),
      ),
    }),
    [inYear],
  );
  const proactive = useMemo<ChartOption>(
    () => ({
      ...byAgency(inYear.map((r) => r.agency)),
      series: PROACTIVE.map((p) => ({ type: 'bar' as const, name: p.label, barMaxWidth: 24, itemStyle: { color: p.color }, label: { show: true, position: 'top' as const, fontSize: 10, formatter: nonZero }, data: inYear.map((r) => ({ name: r.agency, value: fig(r, p.key) })) })),
    }),
    [inYear],
  );
  const trendChart = useMemo<ChartOption>(() => {
    const shown = rows.filter((r) => trendAgency === 'all' || r.subjectAgencyId === trendAgency);
    const group = TRENDS.find((t) => t.key === trend) ?? TRENDS[0];
    return {
      grid: { left: 48, right: 20, top: 40, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: span.map((y) => `${y}年`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: group.series.map((s) => ({
        type: 'line' as const,
        name: s.label,
        symbolSize: 8,
        itemStyle: { color: s.color },
        label: { show: true, position: 'top' as const, fontSize: 11 },
        data: span.map((y) => sum(shown.filter((r) => r.year === y).map((r) => fig(r, s.key)))),
      })),
    };
  }, [rows, span, trendAgency, trend]);

  if (!supervisor) return <Result status="403" title="需要监督人员权限" subTitle="对比供政务公开办等监督人员使用。" />;

  const rankDef = data?.figures.find((f) => f.key === rankBy);
  const ranking = inYear
    .map((r) => ({ row: r, rank: r.ranks[rankBy] ?? null }))
    .sort((a, b) => (a.rank?.rank ?? Infinity) - (b.rank?.rank ?? Infinity) || a.row.agency.localeCompare(b.row.agency, 'zh'));

  const detailColumns: TableColumnsType<FigureRow> = [
    { title: '机关', dataIndex: 'agency', fixed: 'left', width: 170 },
    { title: '年度', dataIndex: 'year', width: 64, sorter: (a, b) => a.year - b.year },
    { title: '来源', dataIndex: 'source', width: 100, render: (s: FigureRow['source'], r) => <Tooltip title={r.fileName ?? (r.version ? `第 ${r.version} 版` : '')}>{SOURCE_LABELS[s]}</Tooltip> },
    ...(data?.figures ?? []).map((f) => ({
      title: f.label,
      key: f.key,
      width: f.label.length > 6 ? 120 : 90,
      align: 'right' as const,
      render: (_: unknown, r: FigureRow) => (f.share ? pct(fig(r, f.key)) : num(fig(r, f.key))),
      sorter: (a: FigureRow, b: FigureRow) => (fig(a, f.key) ?? -1) - (fig(b, f.key) ?? -1),
    })),
    { title: '错误', dataIndex: 'errors', width: 64, align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
    { title: '警告', dataIndex: 'warnings', width: 64, align: 'right' },
  ];

  const yearOptions = Array.from({ length: thisYear - 2019 + 1 }, (_, i) => 2019 + i).map((y) => ({ value: y, label: `${y} 年` }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>年度：</Typography.Text>
        <Select value={from} options={yearOptions.filter((o) => o.value <= to)} onChange={setFrom} style={{ width: 110 }} data-testid="compare-from" />
        <Typography.Text>至</Typography.Text>
        <Select value={to} options={yearOptions.filter((o) => o.value >= from)} onChange={setTo} style={{ width: 110 }} data-testid="compare-to" />
        <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
          刷新
        </Button>
        <Button type="primary" icon={<DownloadOutlined />} href={client.url('/api/supervision/export.xlsx', { query: { from, to } })} data-testid="compare-export">
          导出审查工作簿（.xlsx）
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}

      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={year ? `${year} 年度报告` : '报告'} value={inYear.length} suffix="份" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="新收申请合计" value={sum(inYear.map((r) => fig(r, 'received'))) ?? 0} suffix="件" data-testid="compare-received-total" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="行政复议、诉讼合计" value={sum(inYear.map((r) => sum([fig(r, 'reconsideration'), fig(r, 'litigation')]))) ?? 0} suffix="件" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="有错误的报告" value={inYear.filter((r) => r.errors > 0).length} suffix="份" styles={{ content: { color: inYear.some((r) => r.errors > 0) ? '#cf1322' : '#389e0d' } }} />
          </Card>
        </Col>
      </Row>

      {data && rows.length === 0 && <Empty description="所选年度内没有可对比的报告" />}

      {rows.length > 0 && (
        <>
          <Card
            size="small"
            title="各机关对比"
            extra={<Select size="small" style={{ width: 120 }} value={year ?? undefined} onChange={setPickedYear} options={years.map((y) => ({ value: y, label: `${y} 年度` }))} data-testid="compare-year" />}
          >
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Typography.Title level={5}>收到申请（表三 一、二）</Typography.Title>
                <EChart option={received} height={320} testId="compare-chart-received" />
              </Col>
              <Col xs={24} xl={12}>
                <Typography.Title level={5}>办理结果构成（表三 三）</Typography.Title>
                <EChart option={outcomes} height={320} testId="compare-chart-outcomes" />
              </Col>
              <Col xs={24} xl={12}>
                <Typography.Title level={5}>行政复议、行政诉讼及结果（表四）</Typography.Title>
                <EChart option={cases} height={320} testId="compare-chart-cases" />
              </Col>
              <Col xs={24} xl={12}>
                <Typography.Title level={5}>主动公开（表二）</Typography.Title>
                <EChart option={proactive} height={320} testId="compare-chart-proactive" />
              </Col>
            </Row>
          </Card>

          <Card
            size="small"
            title="历年趋势"
            extra={
              <Space size="small" wrap>
                <Segmented size="small" value={trend} onChange={(v) => setTrend(String(v))} options={TRENDS.map((t) => ({ value: t.key, label: t.label }))} />
                <Select
                  size="small"
                  style={{ width: 200 }}
                  value={trendAgency}
                  onChange={setTrendAgency}
                  options={[{ value: 'all' as const, label: '所辖机关合计' }, ...agencies.map(([id, name]) => ({ value: id, label: name }))]}
                  data-testid="compare-trend-agency"
                />
              </Space>
            }
          >
            <EChart option={trendChart} height={300} testId="compare-chart-trend" />
          </Card>

          <Card
            size="small"
            title={`${year ?? ''} 年度排名`}
            extra={
              <Select
                size="small"
                style={{ width: 260 }}
                value={rankBy}
                onChange={setRankBy}
                options={(data?.figures ?? []).map((f) => ({ value: f.key, label: `${f.label}${f.higherFirst ? '' : '（越低越靠前）'}` }))}
                data-testid="compare-rank-by"
              />
            }
          >
            <Table
              size="small"
              rowKey={(x) => x.row.subjectAgencyId}
              pagination={false}
              dataSource={ranking}
              data-testid="compare-ranking"
              columns={[
                { title: '名次', key: 'rank', width: 80, render: (_: unknown, x) => (x.rank ? <Tag color={x.rank.rank <= 3 ? 'gold' : undefined}>{x.rank.tied ? `并列 ${x.rank.rank}` : x.rank.rank}</Tag> : '—') },
                { title: '机关', key: 'agency', render: (_: unknown, x) => x.row.agency },
                { title: rankDef?.label ?? '', key: 'value', width: 140, align: 'right', render: (_: unknown, x) => (rankDef?.share ? pct(fig(x.row, rankBy)) : num(fig(x.row, rankBy))) },
                { title: '表述', key: 'phrase', render: (_: unknown, x) => (x.rank ? `${rankDef?.label ?? ''}${x.rank.phrase}` : '无此数据，不参与排名') },
              ]}
            />
          </Card>

          <Card size="small" title="明细（机关 × 数据）">
            <Table<FigureRow>
              rowKey={(r) => `${r.subjectAgencyId}:${r.year}`}
              size="small"
              columns={detailColumns}
              dataSource={rows}
              pagination={{ pageSize: 30, hideOnSinglePage: true }}
              scroll={{ x: 3200 }}
              data-testid="compare-table"
            />
          </Card>
        </>
      )}
    </Space>
  );
}
