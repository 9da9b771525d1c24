/**
 * 收集情况 (the supervising office's collection): for a year, every agency below (its own government included)
 * — whether its annual report is published (in Gongkai or received as a file), late, or breaks a rule — and the
 * upload of the reports of agencies outside Gongkai: many files or a .zip, read in the background with a
 * progress bar that survives a reload (the latest unfinished upload is found again and polled), each file
 * matched to an agency by the name printed in it, to confirm or correct with the year.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Progress, Result, Select, Space, Statistic, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, DeleteOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { errorText } from '../../../lib/api';
import { client } from '../../../lib/client';
import { useCan } from '../../../lib/rights';
import { chineseDate, dateTime } from '../../../lib/dates';
import { sizeText } from '../../../lib/uploads';
import type { z } from 'zod';
import type * as schemas from '../../../../../src/http/schemas/supervision';
import { SOURCE_LABELS } from './types';
import { MAX_BATCH_BYTES, MAX_BATCH_FILES, MB } from '../../../../../src/core/supervision/limits';

// ---------------------------------------------------------------------------------------------------------
// The API's shapes: the answers of the collection as they travel (src/http/schemas/supervision.ts)

type Counts = z.input<typeof schemas.fileView>['counts'];
type FileView = z.input<typeof schemas.fileView>;
type BatchProgress = z.input<typeof schemas.progress>;
type BatchDetail = z.input<typeof schemas.batchDetailSchema>;
type Collection = z.input<typeof schemas.collectionSchema>;
type CollectionRow = Collection['rows'][number];

// ---------------------------------------------------------------------------------------------------------

/** What the server reads (it checks again, by the bytes). */
const ACCEPT = '.txt,.md,.html,.htm,.docx,.pdf,.zip';
const ACCEPTED = /\.(txt|md|html?|docx|pdf|zip)$/i;
/** The server's limits (src/services/supervision/collect.ts). */
const POLL_MS = 1500;

const GONGKAI_STATUS: Record<string, string> = { none: '未编写', draft: '草稿', submitted: '待审核', approved: '已批准', published: '已发布', imported: '已导入' };
const FILE_STATUS: Record<FileView['status'], { label: string; color: string }> = {
  queued: { label: '待读取', color: 'processing' },
  read: { label: '已读取', color: 'green' },
  failed: { label: '无法读取', color: 'red' },
};

function scoreColor(score: number | null): string {
  if (score === null) return 'default';
  return score >= 95 ? 'green' : score >= 75 ? 'blue' : 'orange';
}

/** '01-31' → 1月31日 */
function monthDay(md: string): string {
  const [m, d] = md.split('-').map(Number);
  return `${m}月${d}日`;
}

function fileLabel(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function CountsCell({ counts }: { counts: Counts | null }) {
  if (!counts) return <Typography.Text type="secondary">—</Typography.Text>;
  if (counts.error === 0 && counts.warning === 0) return <Tag color="green">未发现问题</Tag>;
  return (
    <Space size={0}>
      {counts.error > 0 && <Tag color="red">{counts.error} 处错误</Tag>}
      {counts.warning > 0 && <Tag color="orange">{counts.warning} 处警告</Tag>}
    </Space>
  );
}

/** The agency and the year of a file: the suggestion shown, confirmed or corrected here. */
function MatchEditor({ file, agencies, years, canWrite, onSaved }: { file: FileView; agencies: { value: number; label: string }[]; years: number[]; canWrite: boolean; onSaved: () => void }) {
  const { message } = App.useApp();
  const [agencyId, setAgencyId] = useState<number | null>(file.subjectAgencyId ?? file.candidates[0]?.id ?? null);
  const [year, setYear] = useState<number | null>(file.year);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setAgencyId(file.subjectAgencyId ?? file.candidates[0]?.id ?? null);
    setYear(file.year);
  }, [file.id, file.version, file.subjectAgencyId, file.year, file.candidates]);
  if (file.status === 'queued') return <Typography.Text type="secondary">读取后给出建议</Typography.Text>;
  const scoreOf = new Map(file.candidates.map((c) => [c.id, c.score]));
  const options = [
    ...file.candidates.map((c) => ({ value: c.id, label: `${c.name}（相似度 ${c.score}）` })),
    ...agencies.filter((a) => !scoreOf.has(a.value)),
  ];
  const save = async () => {
    if (agencyId === null || year === null) return;
    setBusy(true);
    try {
      await client.put('/api/supervision/files/:id/match', { params: { id: file.id }, body: { subjectAgencyId: agencyId, year, version: file.version } });
      message.success(file.subjectAgencyId === agencyId ? '已确认' : '已更正');
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const changed = agencyId !== file.subjectAgencyId || year !== file.year;
  return (
    <Space wrap size="small">
      <Select
        style={{ width: 260 }}
        showSearch
        optionFilterProp="label"
        placeholder="选择机关"
        value={agencyId ?? undefined}
        onChange={setAgencyId}
        options={options}
        disabled={!canWrite}
        data-testid={`match-agency-${file.id}`}
      />
      <Select style={{ width: 100 }} placeholder="年度" value={year ?? undefined} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年` }))} disabled={!canWrite} data-testid={`match-year-${file.id}`} />
      {canWrite && (
        <Button
          size="small"
          type={file.matchConfirmed && !changed ? 'default' : 'primary'}
          icon={<CheckOutlined />}
          loading={busy}
          disabled={agencyId === null || year === null || (file.matchConfirmed && !changed)}
          onClick={() => void save()}
          data-testid={`match-confirm-${file.id}`}
        >
          {file.matchConfirmed && !changed ? '已确认' : changed && file.subjectAgencyId !== null ? '更正' : '确认'}
        </Button>
      )}
    </Space>
  );
}

/** Delete a file uploaded by mistake (the server refuses one with corrections or a 整改). */
function DeleteFile({ file, onDeleted }: { file: FileView; onDeleted: () => void }) {
  const { message } = App.useApp();
  return (
    <Popconfirm
      title="删除误传的文件？"
      description="删除后该文件不再参与收集与审核；删除记录保留在操作日志中。"
      okText="删除"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={async () => {
        try {
          await client.del('/api/supervision/files/:id', { params: { id: file.id } });
          message.success('已删除');
          onDeleted();
        } catch (e) {
          message.error(errorText(e));
        }
      }}
    >
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除" data-testid={`file-delete-${file.id}`} />
    </Popconfirm>
  );
}

/** The files of an upload (or the unmatched ones): state, what was read, the match. */
function FilesTable({ files, agencies, years, canWrite, onSaved, testId }: { files: FileView[]; agencies: { value: number; label: string }[]; years: number[]; canWrite: boolean; onSaved: () => void; testId: string }) {
  const columns: TableColumnsType<FileView> = [
    {
      title: '文件',
      dataIndex: 'name',
      render: (name: string, f) => (
        <Space orientation="vertical" size={0}>
          <Tooltip title={name}>
            <Typography.Link href={client.url('/api/supervision/files/:id/original', { params: { id: f.id } })} data-testid={`file-name-${f.id}`}>
              {fileLabel(name)}
            </Typography.Link>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sizeText(f.size)}
            {f.kind ? ` · ${f.kind}` : ''}
            {f.format ? ` · ${f.format} 年版格式` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 200,
      render: (s: FileView['status'], f) => (
        <Space orientation="vertical" size={0}>
          <Tag color={FILE_STATUS[s].color} data-testid={`file-status-${f.id}`}>
            {FILE_STATUS[s].label}
          </Tag>
          {f.error && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`file-error-${f.id}`}>
              {f.error}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '报告中的机关名称',
      dataIndex: 'printedAgency',
      render: (p: string | null, f) =>
        p ? (
          <Space orientation="vertical" size={0}>
            <span>{p}</span>
            {f.subjectAgencyId !== null && (
              <Tag color={f.matchConfirmed ? 'green' : scoreColor(f.matchScore)}>{f.matchConfirmed ? '已确认' : `建议：相似度 ${f.matchScore}`}</Tag>
            )}
            {f.subjectAgencyId === null && f.status === 'read' && <Tag color="orange">未能确定，请选择</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: '问题', key: 'counts', width: 150, render: (_, f) => (f.status === 'read' ? <CountsCell counts={f.counts} /> : '—') },
    { title: '对应机关与年度', key: 'match', render: (_, f) => <MatchEditor file={f} agencies={agencies} years={years} canWrite={canWrite} onSaved={onSaved} /> },
    ...(canWrite
      ? [
          {
            title: '',
            key: 'delete',
            width: 56,
            render: (_: unknown, f: FileView) => <DeleteFile file={f} onDeleted={onSaved} />,
          },
        ]
      : []),
  ];
  return (
    <Table<FileView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={files}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 个文件` }}
      scroll={{ x: 1000 }}
      onRow={(f) => ({ 'data-testid': `file-row-${f.id}` }) as React.HTMLAttributes<HTMLElement>}
      data-testid={testId}
    />
  );
}

/** The office's deadlines ('MM-DD'; empty for the 条例's). */
function DeadlinesModal({ open, current, onClose, onSaved }: { open: boolean; current: Collection['deadlines']; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ department?: string; government?: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue(current.custom ? { department: current.department, government: current.government } : {});
  }, [open, current, form]);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await client.put('/api/supervision/deadlines', { body: { department: v.department || null, government: v.government || null } });
      message.success('截止日期已保存');
      onSaved();
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const rule = { pattern: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: '应为“月-日”，如 01-31' };
  return (
    <Modal title="年度报告截止日期" open={open} onCancel={onClose} onOk={() => void save()} confirmLoading={busy} okText="保存" destroyOnHidden>
      <Typography.Paragraph type="secondary">
        《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年 1 月 31 日前提交并公布上一年度报告，本级政府的年度报告在每年 3 月 31 日前公布。本办可规定更早的日期；留空即按条例。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="department" label="部门报告（次年，月-日）" rules={[rule]}>
          <Input placeholder="01-31" maxLength={5} data-testid="deadline-department" />
        </Form.Item>
        <Form.Item name="government" label="政府报告（次年，月-日）" rules={[rule]}>
          <Input placeholder="03-31" maxLength={5} data-testid="deadline-government" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function Collection() {
  const { message } = App.useApp();
  const can = useCan();
  const canRead = can('supervision.read');
  const canWrite = can('supervision.write');
  const thisYear = dayjs().year();
  const years = useMemo(() => Array.from({ length: thisYear - 2018 }, (_, i) => thisYear - i), [thisYear]);
  const [year, setYear] = useState(thisYear - 1);
  const [data, setData] = useState<Collection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [batches, setBatches] = useState<BatchProgress[]>([]);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [batch, setBatch] = useState<BatchDetail | null>(null);
  const [uploading, setUploading] = useState(false);
  const [deadlinesOpen, setDeadlinesOpen] = useState(false);

  const loadCollection = useCallback(async () => {
    setLoading(true);
    try {
      setData(await client.get('/api/supervision/collection', { query: { year } }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [year]);

  const loadBatches = useCallback(async (select?: string) => {
    const list = await client.get('/api/supervision/batches', { query: { limit: 20 } });
    setBatches(list);
    // after a reload: the latest upload still being read, else the latest one
    setBatchId((current) => select ?? current ?? (list.find((b) => b.status === 'reading') ?? list[0])?.id ?? null);
  }, []);

  useEffect(() => {
    if (canRead) void loadCollection();
  }, [canRead, loadCollection]);
  useEffect(() => {
    if (canRead) loadBatches().catch((e: unknown) => setError(errorText(e)));
  }, [canRead, loadBatches]);

  // the selected upload, polled while it is being read
  useEffect(() => {
    if (!batchId) {
      setBatch(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const b = await client.get('/api/supervision/batches/:id', { params: { id: batchId } });
        if (!live) return;
        setBatch(b);
        setBatches((list) => list.map((x) => (x.id === b.batch.id ? b.batch : x)));
        if (b.batch.status === 'reading') timer = setTimeout(() => void poll(), POLL_MS);
        else void loadCollection();
      } catch (e) {
        if (live) setError(errorText(e));
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [batchId, loadCollection]);

  const refreshBatch = useCallback(async () => {
    if (batchId) setBatch(await client.get('/api/supervision/batches/:id', { params: { id: batchId } }));
    await loadCollection();
  }, [batchId, loadCollection]);

  const upload = async (files: File[]) => {
    const wrong = files.filter((f) => !ACCEPTED.test(f.name));
    if (wrong.length > 0) {
      message.error(`“${wrong[0].name}”不是年度报告文件：仅接受 .txt、.md、.html、.docx、.pdf 文件或其 .zip 压缩包`);
      return;
    }
    const total = files.reduce((s, f) => s + f.size, 0);
    if (total > MAX_BATCH_BYTES) {
      message.error(`一次上传的文件合计不能超过 ${MB(MAX_BATCH_BYTES)}，请分批上传`);
      return;
    }
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    setUploading(true);
    try {
      const created = await client.post('/api/supervision/batches', { body: form });
      message.success(`已上传 ${created.batch.total} 个文件，正在读取`);
      setBatch(created);
      await loadBatches(created.batch.id);
      setBatchId(created.batch.id);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setUploading(false);
    }
  };

  const agencies = useMemo(() => (data?.rows ?? []).map((r) => ({ value: r.agencyId, label: r.name })), [data]);
  const [confirming, setConfirming] = useState(false);
  /** suggestions as sure as the very name (or its short form written out), not yet confirmed */
  const sure = (batch?.files ?? []).filter((f) => f.status === 'read' && !f.matchConfirmed && f.subjectAgencyId !== null && f.year !== null && (f.matchScore ?? 0) >= 95);
  const confirmSure = async () => {
    setConfirming(true);
    let done = 0;
    try {
      for (const f of sure) {
        await client.put('/api/supervision/files/:id/match', { params: { id: f.id }, body: { subjectAgencyId: f.subjectAgencyId, year: f.year, version: f.version } });
        done++;
      }
      message.success(`已确认 ${done} 个文件的对应关系`);
    } catch (e) {
      message.error(`已确认 ${done} 个，其余未确认：${errorText(e)}`);
    } finally {
      setConfirming(false);
      void refreshBatch();
    }
  };

  if (!canRead) return <Result status="403" title="需要监督人员权限" subTitle="收集情况仅供政务公开办的监督人员使用。" />;

  const columns: TableColumnsType<CollectionRow> = [
    {
      title: '机关',
      dataIndex: 'name',
      render: (name: string, r) => (
        <span style={{ paddingLeft: r.depth * 16 }}>
          {name}
          {r.kind === 'government' && (
            <Tag style={{ marginLeft: 8 }} color="blue">
              政府
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 220,
      filters: [
        { text: '已发布', value: 'published' },
        { text: '未发布', value: 'unpublished' },
        { text: '逾期', value: 'late' },
        { text: '有错误', value: 'errors' },
      ],
      onFilter: (v, r) => (v === 'published' ? r.published : v === 'unpublished' ? !r.published : v === 'late' ? r.late : (r.counts?.error ?? 0) > 0),
      render: (_, r) => (
        <Space size={0} wrap data-testid={`collection-state-${r.agencyId}`}>
          {r.published ? <Tag color="green">已发布</Tag> : <Tag>未发布</Tag>}
          {r.late && <Tag color="red">逾期</Tag>}
          {(r.counts?.error ?? 0) > 0 && <Tag color="volcano">有错误</Tag>}
        </Space>
      ),
    },
    { title: '截止日期', dataIndex: 'dueOn', width: 130, render: (d: string) => chineseDate(d) },
    {
      title: '来源',
      key: 'source',
      render: (_, r) => {
        if (r.source === 'upload' && r.fileId) {
          const f = r.files.find((x) => x.id === r.fileId);
          return (
            <Space orientation="vertical" size={0}>
              <Tag color="purple">{SOURCE_LABELS.upload}</Tag>
              {f && (
                <Typography.Link href={client.url('/api/supervision/files/:id/original', { params: { id: f.id } })} style={{ fontSize: 12 }}>
                  <DownloadOutlined /> {fileLabel(f.name)}
                </Typography.Link>
              )}
              {f && !f.matchConfirmed && (
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  对应关系待确认
                </Typography.Text>
              )}
            </Space>
          );
        }
        if (r.source) {
          return (
            <Space orientation="vertical" size={0}>
              <Tag color="geekblue">{SOURCE_LABELS[r.source]}</Tag>
              {r.publishedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(r.publishedAt)} 发布
                </Typography.Text>
              )}
            </Space>
          );
        }
        if (r.files.length > 0) return <Tag color="red">上传的文件无法读取</Tag>;
        return <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
    { title: '本系统中的报告', dataIndex: 'gongkaiStatus', width: 120, render: (s: string) => <Tag>{GONGKAI_STATUS[s] ?? s}</Tag> },
    { title: '问题', key: 'counts', width: 170, render: (_, r) => <CountsCell counts={r.counts} /> },
  ];

  const progress = batch?.batch;
  const done = progress ? progress.read + progress.failed : 0;
  const failedFiles = batch?.files.filter((f) => f.status === 'failed') ?? [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <span>年度</span>
        <Select style={{ width: 120 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年` }))} data-testid="collection-year" />
        <Button icon={<ReloadOutlined />} onClick={() => void loadCollection()}>
          刷新
        </Button>
        {data && (
          <Typography.Text type="secondary">
            截止日期：部门 {monthDay(data.deadlines.department)}、政府 {monthDay(data.deadlines.government)}（次年）{data.deadlines.custom ? '，本办规定' : '，条例第四十九条'}
          </Typography.Text>
        )}
        {canWrite && data && (
          <Button icon={<SettingOutlined />} onClick={() => setDeadlinesOpen(true)} data-testid="deadlines-edit">
            设置截止日期
          </Button>
        )}
      </Space>

      {error && <Alert type="error" showIcon title={error} />}

      {data && (
        <Space size={40} wrap data-testid="collection-summary">
          <Statistic title="所辖机关" value={data.summary.agencies} />
          <Statistic title="已发布" value={data.summary.published} />
          <Statistic title="未发布" value={data.summary.agencies - data.summary.published} />
          <Statistic title="逾期" value={data.summary.late} styles={data.summary.late > 0 ? { content: { color: '#cf1322' } } : undefined} />
          <Statistic title="有错误" value={data.summary.withErrors} />
          <Statistic title="待核对的文件" value={data.summary.unmatched} />
        </Space>
      )}

      {canWrite && (
        <Card size="small" title="上传报告文件">
          <div data-testid="collection-upload">
            <Upload.Dragger
              accept={ACCEPT}
              multiple
              showUploadList={false}
              disabled={uploading}
              beforeUpload={(file, list) => {
                // one upload for everything chosen or dropped at once
                if (file === list[list.length - 1]) void upload(list as File[]);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{uploading ? '正在上传…' : '点击或拖入所辖机关已公布的年度报告'}</p>
              <p className="ant-upload-hint">可多选，支持 .txt、.md、.html、.docx、.pdf 文件及其 .zip 压缩包（一次至多 {MAX_BATCH_FILES} 个、合计 {MB(MAX_BATCH_BYTES)}）。上传不会发布任何报告。</p>
            </Upload.Dragger>
          </div>
        </Card>
      )}

      {batches.length > 0 && (
        <Card
          size="small"
          title="上传的文件"
          extra={
            <Select
              style={{ width: 300 }}
              value={batchId ?? undefined}
              onChange={setBatchId}
              options={batches.map((b) => ({
                value: b.id,
                label: `${dateTime(b.createdAt)} · ${b.total} 个文件${b.status === 'reading' ? '（读取中）' : ''}${b.createdBy ? ` · ${b.createdBy}` : ''}`,
              }))}
              data-testid="batch-select"
            />
          }
        >
          {progress && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <div data-testid="batch-progress" data-batch-id={progress.id}>
                <Progress percent={progress.total ? Math.floor((100 * done) / progress.total) : 100} status={progress.status === 'reading' ? 'active' : progress.failed > 0 ? 'normal' : 'success'} />
                <Typography.Text data-testid="batch-progress-text">
                  {progress.status === 'reading' ? '正在读取' : '读取完成'}：已读取 {done} / {progress.total} 个文件
                  {progress.failed > 0 ? `，其中 ${progress.failed} 个无法读取` : ''}
                </Typography.Text>
              </div>
              {progress.scanning.length > 0 && (
                <div data-testid="batch-scanning">
                  {progress.scanning.map((s) => (
                    <div key={s.file} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                      <Typography.Text type="secondary" style={{ flex: 'none', maxWidth: '50%' }} ellipsis>
                        扫描件文字识别（OCR）：{fileLabel(s.file)} 第 {s.page} / {s.pages} 页
                      </Typography.Text>
                      <Progress size="small" percent={Math.floor((100 * s.page) / s.pages)} style={{ flex: 1, margin: 0 }} />
                    </div>
                  ))}
                </div>
              )}
              {failedFiles.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title={`${failedFiles.length} 个文件无法读取，已保留在列表中`}
                  description={
                    <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="batch-failed">
                      {failedFiles.slice(0, 20).map((f) => (
                        <li key={f.id}>
                          {fileLabel(f.name)}：{f.error}
                        </li>
                      ))}
                      {failedFiles.length > 20 && <li>……另有 {failedFiles.length - 20} 个</li>}
                    </ul>
                  }
                />
              )}
              {canWrite && sure.length > 0 && (
                <Button icon={<CheckOutlined />} loading={confirming} onClick={() => void confirmSure()} data-testid="confirm-sure">
                  确认全部相似度不低于 95 的建议（{sure.length} 个）
                </Button>
              )}
              {batch && <FilesTable files={batch.files} agencies={agencies} years={years} canWrite={canWrite} onSaved={() => void refreshBatch()} testId="batch-files" />}
            </Space>
          )}
        </Card>
      )}

      {data && data.unmatched.length > 0 && (
        <Card size="small" title={`待核对的文件（未能确定机关或年度，共 ${data.unmatched.length} 个）`}>
          <FilesTable files={data.unmatched} agencies={agencies} years={years} canWrite={canWrite} onSaved={() => void refreshBatch()} testId="unmatched-files" />
        </Card>
      )}

      <Card size="small" title={`${year}年度报告收集情况`}>
        {data && data.rows.length === 0 ? (
          <Empty description="没有所辖机关" />
        ) : (
          <Table<CollectionRow>
            rowKey="agencyId"
            size="middle"
            loading={loading}
            columns={columns}
            dataSource={data?.rows ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            onRow={(r) => ({ 'data-testid': `collection-row-${r.agencyId}` }) as React.HTMLAttributes<HTMLElement>}
            data-testid="collection-table"
          />
        )}
      </Card>
      {data && <DeadlinesModal open={deadlinesOpen} current={data.deadlines} onClose={() => setDeadlinesOpen(false)} onSaved={() => void loadCollection()} />}
    </Space>
  );
}
