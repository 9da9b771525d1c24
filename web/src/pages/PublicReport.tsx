/**
 * One published annual report on the portal: the server's own web page of the report (drawn from the core
 * layout, the same as the Word and Excel files) embedded, with the downloads.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Breadcrumb, Button, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, FileWordOutlined, GlobalOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorText } from '../lib/api';
import { chineseDate } from '../lib/dates';
import { reportTitle } from '../../../src/core/report/layout';
import type { Report, ReportSections } from '../components/report/types';
import '../components/report/report.css';

interface PublicReportData {
  year: number;
  version: number;
  source: string;
  publishedAt: string;
  report: Report;
  sections: ReportSections;
}

export default function PublicReport() {
  const { agencyId, year } = useParams();
  const navigate = useNavigate();
  const [data, setData] = useState<PublicReportData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [height, setHeight] = useState(900);
  const frame = useRef<HTMLIFrameElement>(null);
  const base = `/api/public/agencies/${agencyId}/reports/${year}`;

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    api
      .get<PublicReportData>(base)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [base]);

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
          <Button icon={<FileWordOutlined />} href={`${base}/download/docx`} data-testid="public-report-docx">
            下载 Word
          </Button>
          <Button icon={<FileExcelOutlined />} href={`${base}/download/xlsx`} data-testid="public-report-xlsx">
            下载 Excel
          </Button>
          <Button icon={<GlobalOutlined />} href={`${base}/page`} target="_blank">
            单独打开网页
          </Button>
        </Space>
      </div>
      {data.source === 'imported' && (
        <Alert type="info" showIcon title="本报告由机关上传的已公布报告文件读取整理，表格数据与原文一致；正文请以原公布文本为准。" />
      )}
      <div className="report-public-paper">
        <iframe ref={frame} title={title} src={`${base}/page`} className="report-public-frame" style={{ height }} onLoad={fit} data-testid="public-report" />
      </div>
    </div>
  );
}
