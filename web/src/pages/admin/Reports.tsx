/**
 * 年度报告: the agency's annual reports by year — the state of each year's report, its published versions
 * and their files — and bringing in an earlier year's published report (txt, .docx, .pdf, .html) read by the
 * report reader: what was read and the findings of the checks are shown first, and saved on confirmation.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, InputNumber, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { EditOutlined, EyeOutlined, ImportOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../lib/api';
import { client } from '../../lib/client';
import { dateTime } from '../../lib/dates';
import { useCan } from '../../lib/rights';
import { AgencyPicker, useAgencyScope } from '../../components/AgencyPicker';
import { CountTags, ReportStatusTag, ReportTablesView, VersionFiles } from '../../components/report/ReportBits';
import { FindingsList, whereLabel } from '../../components/report/FindingsPanel';
import { useReportMeta, type ImportPreview, type ImportResult, type ReportYear } from '../../components/report/types';

const ACCEPT = '.txt,.text,.docx,.pdf,.html,.htm';
const MAX_MB = 20;

/** The key figures read from a report, as the preview shows them. */
const FIGURES: [keyof ImportPreview['figures'], string][] = [
  ['received', '本年新收申请'],
  ['carriedOver', '上年结转'],
  ['answered', '办理结果总计'],
  ['carriedForward', '结转下年度'],
  ['reviews', '行政复议'],
  ['suits', '行政诉讼'],
  ['documents', '规章和规范性文件'],
  ['licensing', '行政许可'],
  ['punishment', '行政处罚'],
];

/**
 * Bringing in an earlier year's published report, in two steps: the file is read and what was read is shown
 * (year, agency as printed, key figures, findings, tables) without saving anything; "确认导入" sends the same
 * file with the preview's token and saves it as an imported version. Nothing is published on the portal.
 */
function ImportModal({ agencyId, open, onClose, onDone }: { agencyId: number; open: boolean; onClose: () => void; onDone: () => void }) {
  const meta = useReportMeta();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [year, setYear] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  useEffect(() => {
    if (!open) {
      setFiles([]);
      setYear(null);
      setError(null);
      setPreview(null);
      setResult(null);
    }
  }, [open]);

  const form = (token?: string) => {
    const file = files[0]?.originFileObj;
    if (!file) return null;
    const f = new FormData();
    if (year) f.append('year', String(year));
    if (token) f.append('token', token);
    f.append('file', file, file.name);
    return f;
  };

  const send = async <T,>(body: FormData | null, post: (body: FormData) => Promise<T>, done: (r: T) => void) => {
    if (!body) {
      setError('请选择要导入的报告文件');
      return;
    }
    setSending(true);
    setError(null);
    try {
      done(await post(body));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };
  const read = () => send(form(), (body) => client.post('/api/agencies/:agencyId/reports/import', { params: { agencyId }, body }), setPreview);
  const confirm = () =>
    send(form(preview!.token), (body) => client.post('/api/agencies/:agencyId/reports/import/confirm', { params: { agencyId }, body }), (r) => {
      setResult(r);
      onDone();
    });

  const shown = result ?? preview;
  const footer = result ? (
    <Button type="primary" onClick={onClose} data-testid="report-import-done">
      完成
    </Button>
  ) : preview ? (
    <Space>
      <Button onClick={onClose}>取消</Button>
      <Button
        onClick={() => {
          setPreview(null);
          setError(null);
        }}
      >
        重新选择文件
      </Button>
      <Button type="primary" loading={sending} onClick={() => void confirm()} data-testid="report-import-confirm">
        确认导入
      </Button>
    </Space>
  ) : (
    <Space>
      <Button onClick={onClose}>取消</Button>
      <Button type="primary" loading={sending} onClick={() => void read()} data-testid="report-import-submit">
        读取并核对
      </Button>
    </Space>
  );

  return (
    <Modal open={open} title="导入以往年度报告" width={shown ? 1100 : 640} onCancel={onClose} destroyOnHidden footer={footer}>
      {!shown && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            上传本机关以往年度已公布的政府信息公开工作年度报告（文本、Word、PDF 或网页）。系统先读取其中的表格数据并检查勾稽关系，供您核对；确认后作为该年度的一个“导入”版本保存，用于与下一年度报告的跨年度衔接检查（上年结转等）和监督检查。导入的报告不会在门户网站公开。
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
      {preview && !result && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="report-import-preview">
          <Alert
            type={preview.counts.error > 0 ? 'warning' : 'info'}
            showIcon
            title={`读取结果：${preview.year} 年度报告（尚未保存）`}
            description={`请核对下列读取结果和检查结果；确认无误后点击“确认导入”，保存为 ${preview.year} 年度第 ${(preview.existing.at(-1)?.version ?? 0) + 1} 版（导入）。${
              preview.counts.error > 0 ? `检查发现 ${preview.counts.error} 处错误、${preview.counts.warning} 处警告：报告原文如此的，导入后如实记录。` : ''
            }`}
          />
          {preview.printedAgency !== preview.agency.name && (
            <Alert
              type="warning"
              showIcon
              data-testid="report-import-agency-warning"
              title={preview.printedAgency ? `报告中的机关名称“${preview.printedAgency}”与本机关“${preview.agency.name}”不一致` : '未能从报告中读出机关名称'}
              description="请确认这是本机关的报告；确认导入后，按本机关的报告保存。"
            />
          )}
          {preview.existing.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={`${preview.year} 年度已有 ${preview.existing.length} 个版本（${preview.existing.map((v) => `第 ${v.version} 版 ${meta.reportSources?.[v.source] ?? v.source}`).join('、')}），导入将新增一个版本`}
            />
          )}
          <ImportSummary data={preview} />
        </Space>
      )}
      {result && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="report-import-result">
          <Alert
            type={result.counts.error > 0 ? 'warning' : 'success'}
            showIcon
            title={`已导入 ${result.year} 年度报告（第 ${result.version} 版）`}
            description="已保存为导入版本，用于跨年度衔接检查和监督检查；不在门户网站公开。"
          />
          <ImportSummary data={{ ...result, printedAgency: preview?.printedAgency ?? null, figures: preview?.figures ?? null }} />
        </Space>
      )}
    </Modal>
  );
}

/** What was read: the year, the agency as printed, the template, the key figures, the findings and the tables. */
function ImportSummary({ data }: { data: Pick<ImportPreview, 'year' | 'format' | 'report' | 'findings' | 'printedAgency'> & { figures: ImportPreview['figures'] | null } }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'agency', label: '报告中的机关', children: data.printedAgency ?? <Typography.Text type="secondary">未读出</Typography.Text> },
          { key: 'year', label: '报告年度', children: data.year },
          { key: 'format', label: '模板', children: `${data.format} 年版` },
        ]}
      />
      {data.figures && (
        <Descriptions
          size="small"
          bordered
          title="主要数据"
          column={{ xs: 1, sm: 3, lg: 5 }}
          data-testid="report-import-figures"
          items={FIGURES.map(([key, label]) => ({ key, label, children: data.figures![key] ?? '—' }))}
        />
      )}
      <Card size="small" title={`检查结果（${data.findings.length} 条）`}>
        <FindingsList findings={data.findings} where={(f) => whereLabel(f)} />
      </Card>
      <Card size="small" title="读取的表格">
        <ReportTablesView report={data.report} findings={data.findings} />
      </Card>
    </Space>
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
      setRows(await client.get('/api/agencies/:agencyId/reports', { params: { agencyId: scope.agencyId } }));
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
