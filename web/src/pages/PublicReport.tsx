/**
 * One published annual report on the portal: the server's own web page of the report (drawn from the core
 * layout, the same as the Word and Excel files) embedded, with the downloads.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Breadcrumb, Button, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, FileWordOutlined, GlobalOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../lib/api';
import { client, type PublicReportAnswer } from '../lib/client';
import { chineseDate } from '../lib/dates';
import { reportTitle } from '../../../src/core/report/layout';
import '../components/report/report.css';

export default function PublicReport() {
  const { agencyId, year } = useParams();
  const navigate = useNavigate();
  const [data, setData] = useState<PublicReportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [height, setHeight] = useState(900);
  const frame = useRef<HTMLIFrameElement>(null);
  const params = { agencyId: agencyId ?? '', year: year ?? '' };
  const docx = client.url('/api/public/agencies/:agencyId/reports/:year/download/:kind', { params: { ...params, kind: 'docx' } });
  const xlsx = client.url('/api/public/agencies/:agencyId/reports/:year/download/:kind', { params: { ...params, kind: 'xlsx' } });
  const page = client.url('/api/public/agencies/:agencyId/reports/:year/page', { params });

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    client
      .get('/api/public/agencies/:agencyId/reports/:year', { params: { agencyId: agencyId ?? '', year: year ?? '' } })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [agencyId, year]);

  // the embedded page is as tall as its content (same origin)
  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (doc?.body) setHeight(Math.max(600, doc.documentElement.scrollHeight + 16));
  };
  useEffect(() => {
    const onResize = () => fit();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  if (error) {
    return (
      <Result
        status="404"
        title={error}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/reports/${agencyId ?? ''}`)}>
            返回年度报告列表
          </Button>
        }
      />
    );
  }
  if (!data) return <Skeleton active paragraph={{ rows: 12 }} />;

  const title = reportTitle(data.report);
  return (
    <div className="stack">
      <Breadcrumb
        items={[
          { title: <Link to="/">首页</Link> },
          { title: <Link to="/reports">年度报告</Link> },
          { title: <Link to={`/reports/${agencyId}`}>{data.report.agency}</Link> },
          { title: `${data.year}年度` },
        ]}
      />
      <div className="page-head">
        <Space wrap size="small">
          <Typography.Text type="secondary">
            {data.source === 'imported' ? '收录日期' : '发布日期'}：{chineseDate(data.publishedAt)}
          </Typography.Text>
          {data.version > 1 && <Tag color="blue">第 {data.version} 版</Tag>}
          {data.source === 'imported' && <Tag>依已公布文本整理</Tag>}
        </Space>
        <Space wrap>
          <Button icon={<FileWordOutlined />} href={docx} data-testid="public-report-docx">
            下载 Word
          </Button>
          <Button icon={<FileExcelOutlined />} href={xlsx} data-testid="public-report-xlsx">
            下载 Excel
          </Button>
          <Button icon={<GlobalOutlined />} href={page} target="_blank">
            单独打开网页
          </Button>
        </Space>
      </div>
      {data.source === 'imported' && (
        <Alert type="info" showIcon title="本报告由机关上传的已公布报告文件读取整理，表格数据与原文一致；正文请以原公布文本为准。" />
      )}
      <div className="report-public-paper">
        <iframe ref={frame} title={title} src={page} className="report-public-frame" style={{ height }} onLoad={fit} data-testid="public-report" />
      </div>
    </div>
  );
}
