/**
 * 年度报告: the agency's annual reports by year — the state of each year's report, its published versions
 * and their files — and bringing in an earlier year's published report (txt, .docx, .pdf, .html) read by the
 * report reader, with what was read and the findings of the checks.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, InputNumber, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { EditOutlined, EyeOutlined, ImportOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../lib/api';
import { dateTime } from '../../lib/dates';
import { useCan } from '../../lib/rights';
import { AgencyPicker, useAgencyScope } from '../../components/AgencyPicker';
import { CountTags, ReportStatusTag, ReportTablesView, VersionFiles } from '../../components/report/ReportBits';
import { FindingsList, whereLabel } from '../../components/report/FindingsPanel';
import { useReportMeta, type ImportResult, type ReportYear } from '../../components/report/types';

const ACCEPT = '.txt,.text,.docx,.pdf,.html,.htm';
const MAX_MB = 20;

function ImportModal({ agencyId, open, onClose, onDone }: { agencyId: number; open: boolean; onClose: () => void; onDone: () => void }) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [year, setYear] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  useEffect(() => {
    if (!open) {
      setFiles([]);
      setYear(null);
      setError(null);
      setResult(null);
    }
  }, [open]);

  const send = async () => {
    const file = files[0]?.originFileObj;
    if (!file) {
      setError('请选择要导入的报告文件');
      return;
    }
    setSending(true);
    setError(null);
    try {
      const form = new FormData();
      if (year) form.append('year', String(year));
      form.append('file', file, file.name);
      const r = await api.post<ImportResult>(`/api/agencies/${agencyId}/reports/import`, form);
      setResult(r);
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title="导入以往年度报告"
      width={result ? 1100 : 640}
      onCancel={onClose}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={sending} onClick={() => void send()} data-testid="report-import-submit">
              读取并导入
            </Button>
          </Space>
        )
      }
    >
      {!result && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            上传本机关以往年度已公布的政府信息公开工作年度报告（文本、Word、PDF 或网页），系统读取其中的表格数据并检查勾稽关系，作为该年度的一个版本保存，用于与下一年度报告的跨年度衔接检查（上年结转等）。
          </Typography.Paragraph>
          <Upload.Dragger
            accept={ACCEPT}
            maxCount={1}
            fileList={files}
            beforeUpload={(f) => {
              if (f.size > MAX_MB * 1024 * 1024) {
                setError(`文件不能超过 ${MAX_MB} MB`);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              setError(null);
            }}
            data-testid="report-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入报告文件</p>
            <p className="ant-upload-hint">支持 .txt、.docx、.pdf、.html，不超过 {MAX_MB} MB</p>
          </Upload.Dragger>
          <Space>
            <Typography.Text>报告年度（可选，用于核对）：</Typography.Text>
            <InputNumber min={2019} max={2100} precision={0} value={year} onChange={(v) => setYear(v)} placeholder="如 2024" style={{ width: 120 }} />
          </Space>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="report-import-error" />}
      {result && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="report-import-result">
          <Alert
            type={result.counts.error > 0 ? 'warning' : 'success'}
            showIcon
            title={`已导入 ${result.year} 年度报告（第 ${result.version} 版）`}
            description={
              result.counts.error > 0
                ? `读取后检查发现 ${result.counts.error} 处错误、${result.counts.warning} 处警告（报告原文如此，已如实记录）。`
                : result.counts.warning > 0
                  ? `读取时有 ${result.counts.warning} 处需要留意（如按 0 读取的空白单元格），请核对。`
                  : '读取完整，勾稽关系无误。'
            }
          />
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'agency', label: '报告机关', children: result.report.agency },
              { key: 'year', label: '报告年度', children: result.year },
              { key: 'format', label: '模板', children: `${result.format} 年版` },
            ]}
          />
          <Card size="small" title={`检查结果（${result.findings.length} 条）`}>
            <FindingsList findings={result.findings} where={(f) => whereLabel(f)} />
          </Card>
          <Card size="small" title="读取的表格">
            <ReportTablesView report={result.report} findings={result.findings} />
          </Card>
        </Space>
      )}
    </Modal>
  );
}

/** A year's frozen versions, the latest first; earlier ones on request. */
function Versions({ agencyId, row }: { agencyId: number; row: ReportYear }) {
  const meta = useReportMeta();
  const [all, setAll] = useState(false);
  if (row.versions.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const list = [...row.versions].reverse();
  return (
    <Space orientation="vertical" size={4}>
      {(all ? list : list.slice(0, 1)).map((v) => (
        <Space key={v.version} wrap size={6}>
          <Typography.Text>第 {v.version} 版</Typography.Text>
          <Tag color={v.source === 'published' ? 'green' : 'purple'}>{meta.reportSources?.[v.source] ?? v.source}</Tag>
          <Typography.Text type="secondary">{dayjs(v.publishedAt).format('YYYY-MM-DD')}</Typography.Text>
          <CountTags counts={v.counts} />
          <VersionFiles agencyId={agencyId} year={row.year} version={v} />
        </Space>
      ))}
      {list.length > 1 && (
        <Typography.Link onClick={() => setAll(!all)} style={{ fontSize: 12 }}>
          {all ? '只看最新版本' : `另有 ${list.length - 1} 个早期版本`}
        </Typography.Link>
      )}
    </Space>
  );
}

export default function Reports() {
  const scope = useAgencyScope();
  const can = useCan();
  const navigate = useNavigate();
  const [rows, setRows] = useState<ReportYear[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const canImport = can('report.write', scope.agencyId);
  const suffix = scope.own ? '' : `?agency=${scope.agencyId}`;

  const load = useCallback(async () => {
    try {
      setRows(await api.get<ReportYear[]>(`/api/agencies/${scope.agencyId}/reports`));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.agencyId]);

  useEffect(() => {
    setRows(null);
    void load();
  }, [load]);

  const columns: TableColumnsType<ReportYear> = [
    { title: '年度', dataIndex: 'year', width: 110, render: (y: number) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{y} 年度</Typography.Text> },
    { title: '模板', dataIndex: 'format', width: 100, render: (f: string) => `${f} 年版` },
    { title: '状态', dataIndex: 'status', width: 100, render: (s: string, r) => <ReportStatusTag status={s} testId={`report-status-${r.year}`} /> },
    { title: '报送期限', dataIndex: 'dueOn', width: 120, render: (d: string, r) => (r.versions.length === 0 && d < dayjs().format('YYYY-MM-DD') ? <Typography.Text type="danger">{d}</Typography.Text> : d) },
    {
      title: '已发布版本',
      key: 'versions',
      render: (_: unknown, r) => <Versions agencyId={scope.agencyId} row={r} />,
    },
    {
      title: '最后修改',
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string | null) => (v ? dateTime(v) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '操作',
      key: 'open',
      width: 120,
      render: (_: unknown, r) => {
        const write = can('report.write', scope.agencyId) && ['none', 'draft'].includes(r.status);
        const review = r.status === 'submitted' && can('report.review', scope.agencyId);
        return (
          <Button
            type={review ? 'primary' : 'default'}
            icon={write ? <EditOutlined /> : <EyeOutlined />}
            onClick={() => navigate(`/admin/reports/${r.year}${suffix}`)}
            data-testid={`report-year-${r.year}`}
          >
            {write ? (r.status === 'none' ? '编写' : '继续编写') : review ? '审核' : '打开'}
          </Button>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          年度报告 · {scope.agencyName}
        </Typography.Title>
        <Space wrap>
          <AgencyPicker scope={scope} />
          {canImport && (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="report-import">
              导入以往年度报告
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
        </Space>
      </div>
      <Alert
        type="info"
        showIcon
        title="政府信息公开工作年度报告"
        description="行政机关应于每年1月31日前公布本机关上一年度的政府信息公开工作年度报告（县级以上人民政府为3月31日前，条例第四十九条）。报告的表格根据本系统登记的申请、主动公开文件、行政决定和复议诉讼案件自动统计；正文由系统生成初稿，经修改、审核后发布。"
      />
      {error && <Alert type="error" showIcon title={error} />}
      <Card size="small">
        <Table<ReportYear>
          rowKey="year"
          loading={rows === null && !error}
          columns={columns}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="暂无年度报告" /> }}
          scroll={{ x: 1000 }}
        />
      </Card>
      <ImportModal agencyId={scope.agencyId} open={importing} onClose={() => setImporting(false)} onDone={() => void load()} />
    </Space>
  );
}
