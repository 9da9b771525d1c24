/**
 * The year's figures of 主动公开 (GET …/registry-stats): 公开率, 及时率 (Art. 26, 20 working days), items
 * published, 政策解读, items per channel, and a bar chart of the items published per Art. 20 category.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { EChart, type ChartOption } from '../EChart';
import { percent, useRegistryMeta, type RegistryStats } from './types';

function rateColor(rate: number | null): string | undefined {
  if (rate === null) return undefined;
  return rate >= 0.999 ? '#389e0d' : rate >= 0.9 ? '#d48806' : '#cf1322';
}

export function RegistryStatsCard({ year, stats, onPickCategory }: { year: number; stats: RegistryStats | null; onPickCategory: (no: number) => void }) {
  const meta = useRegistryMeta();
  const option = useMemo<ChartOption>(() => {
    const cats = meta.categoryTexts;
    return {
      grid: { left: 36, right: 12, top: 20, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number; value: number };
          const c = cats[p.dataIndex];
          return `第二十条第（${c.numeral}）项<br/>${c.text}<br/><b>${p.value}</b> 条`;
        },
      },
      xAxis: { type: 'category', data: cats.map((c) => `（${c.numeral}）`), axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: '公开条数',
          barMaxWidth: 32,
          itemStyle: { color: '#1d4f91' },
          label: { show: true, position: 'top', fontSize: 11 },
          data: cats.map((c) => stats?.byCategory[String(c.no)] ?? 0),
        },
      ],
    };
  }, [meta.categoryTexts, stats]);

  const channels = Object.entries(stats?.byChannel ?? {}).sort((a, b) => b[1] - a[1]);

  return (
    <Card size="small" title={`${year}年度主动公开情况`} data-testid="registry-stats">
      <Row gutter={24}>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space size={40} wrap>
              <Statistic
                title={
                  <Tooltip title={`应当公开的事项（已公开，或形成已超过 ${meta.onTimeWorkdays} 个工作日）中已公开的比例`}>
                    公开率 <QuestionCircleOutlined />
                  </Tooltip>
                }
                value={percent(stats?.publicationRate)}
                styles={{ content: { color: rateColor(stats?.publicationRate ?? null) } }}
              />
              <Statistic
                title={
                  <Tooltip title={`本年公开的事项中，自形成或变更之日起 ${meta.onTimeWorkdays} 个工作日内公开的比例（条例第二十六条）`}>
                    及时率 <QuestionCircleOutlined />
                  </Tooltip>
                }
                value={percent(stats?.onTimeRate)}
                styles={{ content: { color: rateColor(stats?.onTimeRate ?? null) } }}
              />
            </Space>
            <Space size={40} wrap>
              <Statistic title="本年公开" value={stats?.published ?? 0} suffix="条" />
              <Statistic title="其中政策解读" value={stats?.interpretations ?? 0} suffix="篇" />
            </Space>
            <div>
              <Typography.Text type="secondary">按公开渠道：</Typography.Text>
              <div className="channel-counts">
                {channels.length === 0 && <Typography.Text type="secondary">本年暂无公开事项</Typography.Text>}
                {channels.map(([k, n]) => (
                  <Tag key={k} color="blue">
                    {meta.publicationChannels[k] ?? k} {n}
                  </Tag>
                ))}
              </div>
            </div>
          </Space>
        </Col>
        <Col xs={24} lg={16}>
          <Typography.Text type="secondary">本年公开条数，按条例第二十条所列类别（点击柱形筛选）</Typography.Text>
          <EChart
            option={option}
            height={220}
            testId="registry-chart"
            onClickCategory={(name) => {
              const c = meta.categoryTexts.find((x) => `（${x.numeral}）` === name);
              if (c) onPickCategory(c.no);
            }}
          />
        </Col>
      </Row>
    </Card>
  );
}
