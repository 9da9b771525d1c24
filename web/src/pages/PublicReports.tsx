/**
 * 政府信息公开工作年度报告 on the portal: choose an agency, then its reports by year (the latest published
 * version of each), to read on the page or download.
 */
import { useEffect, useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined, ReadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../lib/api';
import { client, type PublicAgency, type PublicReportEntry } from '../lib/client';
import { usePublicAgencies } from '../lib/agencies';
import { chineseDate } from '../lib/dates';
import { AgencyCards, AgencySwitch } from '../components/AgencyChooser';
import { reportTitle } from '../../../src/core/report/layout';

function AgencyReports({ agency }: { agency: PublicAgency }) {
  const navigate = useNavigate();
  const [list, setList] = useState<PublicReportEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setList(null);
    client
      .get('/api/public/agencies/:agencyId/reports', { params: { agencyId: agency.id } })
      .then((l) => live && setList(l))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [agency.id]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!list) return <Skeleton active />;
  if (list.length === 0) return <Empty description="该机关暂未公布年度报告" />;
  const download = (year: number, kind: 'docx' | 'xlsx') => client.url('/api/public/agencies/:agencyId/reports/:year/download/:kind', { params: { agencyId: agency.id, year, kind } });
  return (
    <List
      itemLayout="horizontal"
      dataSource={list}
      data-testid="public-report-list"
      renderItem={(r) => (
        <List.Item
          data-testid={`public-report-${r.year}`}
          actions={[
            <Button key="read" type="primary" icon={<ReadOutlined />} onClick={() => navigate(`/reports/${agency.id}/${r.year}`)}>
              阅读
            </Button>,
            <Button key="docx" icon={<FileWordOutlined />} href={download(r.year, 'docx')}>
              Word
            </Button>,
            <Button key="xlsx" icon={<FileExcelOutlined />} href={download(r.year, 'xlsx')}>
              Excel
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={<Link to={`/reports/${agency.id}/${r.year}`}>{reportTitle({ agency: agency.name, year: r.year })}</Link>}
            description={
              <Space size="small" wrap>
                <span>{r.source === 'imported' ? '收录日期' : '发布日期'}：{chineseDate(r.publishedAt)}</span>
                {r.version > 1 && <Tag color="blue">第 {r.version} 版（已更正）</Tag>}
                {r.source === 'imported' && <Tag>依已公布文本整理</Tag>}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

export default function PublicReports() {
  const { agencyId } = useParams();
  const { agencies, error } = usePublicAgencies();
  const agency = agencies?.find((a) => a.id === Number(agencyId));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/">首页</Link> }, { title: agency ? <Link to="/reports">年度报告</Link> : '年度报告' }, ...(agency ? [{ title: agency.name }] : [])]} />
      <div>
        <Typography.Title level={2} className="section-title" style={{ marginTop: 0 }}>
          政府信息公开工作年度报告
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          各级行政机关应当在每年1月31日前向社会公布本机关上一年度政府信息公开工作年度报告（《中华人民共和国政府信息公开条例》第四十九条）。
        </Typography.Paragraph>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {!agencies && !error && <Skeleton active />}
      {agencies && (
        <Space wrap>
          <Typography.Text>选择机关：</Typography.Text>
          <AgencySwitch agencies={agencies} value={agency?.id} to={(id) => `/reports/${id}`} placeholder="请选择机关" minWidth={260} testId="public-report-agency" />
        </Space>
      )}
      {agencies && agencyId && !agency && <Alert type="warning" showIcon title="未找到该机关" />}
      {agency && (
        <Card title={agency.name} size="small">
          <AgencyReports agency={agency} />
        </Card>
      )}
      {agencies && !agencyId && (
        <AgencyCards agencies={agencies} to={(id) => `/reports/${id}`} testId="public-report-agency" description="查看历年政府信息公开工作年度报告" />
      )}
    </Space>
  );
}
