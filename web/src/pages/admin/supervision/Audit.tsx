/**
 * 审查 (the supervising office's audit): every finding of the reports of the agencies below, across agencies
 * and years, filterable; each confirmed or dismissed (with a reason), the decision kept across re-reads and new
 * versions while the finding is the same (沿用); a drawer shows the finding in the report as published — the
 * sentence or the row highlighted in its text, the cell marked in its table — and corrects a misread cell.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Result, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError, errorText } from '../../../lib/api';
import { client } from '../../../lib/client';
import { useCan } from '../../../lib/rights';
import { ReportTable } from '../../../components/report/ReportTable';
import { reportTables } from '../../../../../src/core/report/layout';
import { describeWhere } from '../../../../../src/core/report/template';
import { SEVERITY_COLORS, SEVERITY_LABELS, type Finding, type Severity } from '../../../components/report/types';
import { dateTime } from '../../../lib/dates';
import { DECISION_LABELS, SOURCE_LABELS, type AuditRow, type Decision, type FindingContext, type FindingsList } from './types';

interface Filter {
  rule?: string;
  severity?: Severity;
  subjectAgencyId?: number;
  year?: number;
  decision?: Decision | 'none';
}

/** One line of the text with its highlighted ranges. */
function MarkedLine({ text, marks, lineNo }: { text: string; marks: { start?: number; end?: number }[]; lineNo: number }) {
  if (marks.length === 0) return <div className="supervision-text-line">{text || '\u00a0'}</div>;
  const whole = marks.some((m) => m.start === undefined);
  if (whole) {
    return (
      <div className="supervision-text-line" data-testid={`context-line-${lineNo}`}>
        <mark data-testid="context-mark">{text || '\u00a0'}</mark>
      </div>
    );
  }
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start! - b.start!)) {
    if (m.start! > at) parts.push(text.slice(at, m.start));
    parts.push(
      <mark key={m.start} data-testid="context-mark">
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end!;
  }
  parts.push(text.slice(at));
  return (
    <div className="supervision-text-line" data-testid={`context-line-${lineNo}`}>
      {parts}
    </div>
  );
}

/** The text around the highlighted lines (a few lines either side), or all of it when asked. */
function ContextText({ text }: { text: NonNullable<FindingContext['text']> }) {
  const [all, setAll] = useState(false);
  const marked = [...new Set(text.marks.map((m) => m.line))];
  if (marked.length === 0) return <Typography.Text type="secondary">原文中未能定位到该处。</Typography.Text>;
  const from = all ? 1 : Math.max(1, Math.min(...marked) - 3);
  const to = all ? text.lines.length : Math.min(text.lines.length, Math.max(...marked) + 3);
  const lines = [];
  for (let n = from; n <= to; n++) lines.push(<MarkedLine key={n} lineNo={n} text={text.lines[n - 1] ?? ''} marks={text.marks.filter((m) => m.line === n)} />);
  return (
    <div>
      <div className="supervision-text" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', background: '#fafafa', padding: 12, border: '1px solid #f0f0f0', maxHeight: 360, overflow: 'auto' }}>
        {lines}
      </div>
      <Button type="link" size="small" onClick={() => setAll(!all)}>
        {all ? '只看相关段落' : '查看全文'}
      </Button>
    </div>
  );
}

function CorrectionForm({ ctx, onDone }: { ctx: FindingContext; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ value: number | null; reason: string }>();
  const [busy, setBusy] = useState(false);
  const path = ctx.finding.where;
  const current = ctx.corrections.find((c) => c.path === path);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      // the form is offered for a finding of an uploaded file only: its fileId is set
      await client.post('/api/supervision/corrections', { body: { fileId: ctx.finding.fileId!, path, value: v.value ?? null, reason: v.reason } });
      message.success('已更正，检查结果已按更正后的数值重新计算');
      form.resetFields();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.path === 'value' || f.path === 'reason')) {
        form.setFields(e.fields.filter((f) => f.path === 'value' || f.path === 'reason').map((f) => ({ name: f.path as 'value' | 'reason', errors: [f.message] })));
      } else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`更正读取有误的单元格：${ctx.finding.cell ?? path}`}>
      {current && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已更正：读取值 ${current.readValue ?? '空'} → ${current.value ?? '空'}（${current.correctedBy ?? ''} ${dateTime(current.correctedAt)}：${current.reason}）`}
        />
      )}
      <Form form={form} layout="inline" initialValues={{ value: ctx.read ? undefined : null }}>
        <Form.Item name="value" label="原件中的数值" rules={[{ required: true, message: '请填写原件中的数值' }]}>
          <InputNumber data-testid="correction-value" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2, message: '请填写更正理由' }]}>
          <Input data-testid="correction-reason" placeholder="如：原件第 3 页该格为 12，读取为 1" style={{ width: 280 }} />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={submit} data-testid="correction-submit">
          保存更正
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        更正只作为记录保存在读取结果旁（谁、何时、为何），不改动上传文件的读取结果；检查按更正后的数值重新进行。
      </Typography.Paragraph>
    </Card>
  );
}

function ContextDrawer({ row, onClose, onChanged }: { row: AuditRow | null; onClose: () => void; onChanged: () => void }) {
  const [ctx, setCtx] = useState<FindingContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const can = useCan();
  useEffect(() => {
    if (!row) return;
    let live = true;
    setCtx(null);
    setError(null);
    client
      .get('/api/supervision/findings/context', { query: { subjectAgencyId: row.subjectAgencyId, year: row.year, fingerprint: row.fingerprint } })
      .then((c) => live && setCtx(c))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [row, reload]);
  const table = ctx?.table ? reportTables(ctx.report).find((t) => t.key === ctx.table) : undefined;
  const cells = useMemo(() => new Map<string, Finding[]>(ctx && ctx.table ? [[ctx.finding.where, [ctx.finding as Finding]]] : []), [ctx]);
  return (
    <Drawer open={row !== null} onClose={onClose} size={820} title={row ? `${row.agency} ${row.year} 年度 · ${row.ruleLabel}` : ''} data-testid="finding-drawer" destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {ctx && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="问题">
              <Tag color={SEVERITY_COLORS[ctx.finding.severity]}>{SEVERITY_LABELS[ctx.finding.severity]}</Tag>
              {ctx.finding.message}
            </Descriptions.Item>
            <Descriptions.Item label="位置">{ctx.finding.cell ?? describeWhere(ctx.finding.where)}</Descriptions.Item>
            <Descriptions.Item label="报告">
              {SOURCE_LABELS[ctx.finding.source]}
              {ctx.finding.fileName ? `：${ctx.finding.fileName}` : ctx.finding.version ? `（第 ${ctx.finding.version} 版）` : ''}
            </Descriptions.Item>
          </Descriptions>
          {ctx.text && (
            <Card size="small" title="报告原文（高亮处为问题所在）">
              <ContextText text={ctx.text} />
            </Card>
          )}
          {table && (
            <Card size="small" title={table.heading}>
              <ReportTable table={table} findings={cells} />
            </Card>
          )}
          {ctx.finding.fileId && ctx.finding.cell && can('supervision.write') && (
            <CorrectionForm
              ctx={ctx}
              onDone={() => {
                setReload((n) => n + 1);
                onChanged();
              }}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}

export default function Audit() {
  const { message } = App.useApp();
  const can = useCan();
  const supervisor = can('supervision.read');
  const writer = can('supervision.write');
  const [filter, setFilter] = useState<Filter>({ severity: 'error' });
  const [data, setData] = useState<FindingsList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<AuditRow | null>(null);
  const [dismissing, setDismissing] = useState<AuditRow | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (!supervisor) return;
    let live = true;
    setError(null);
    client
      .get('/api/supervision/findings', { query: { ...filter } })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [filter, reload, supervisor]);

  const agencies = useMemo(() => [...new Map((data?.reports ?? []).map((r) => [r.subjectAgencyId, r.agency])).entries()], [data]);
  const years = useMemo(() => [...new Set((data?.reports ?? []).map((r) => r.year))].sort((a, b) => b - a), [data]);

  if (!supervisor) return <Result status="403" title="需要监督人员权限" subTitle="审查供政务公开办等监督人员使用。" />;

  const decide = async (row: AuditRow, decision: Decision, why?: string) => {
    setBusy(row.fingerprint);
    try {
      await client.post('/api/supervision/findings/decide', { body: { subjectAgencyId: row.subjectAgencyId, year: row.year, fingerprint: row.fingerprint, decision, reason: why } });
      message.success(decision === 'confirmed' ? '已确认该问题' : '已排除该问题');
      setReload((n) => n + 1);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.path === 'reason')) {
        setReasonError(e.fields.find((f) => f.path === 'reason')!.message);
        return false;
      }
      message.error(errorText(e));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const undo = async (row: AuditRow) => {
    try {
      await client.post('/api/supervision/findings/undecide', { body: { subjectAgencyId: row.subjectAgencyId, year: row.year, fingerprint: row.fingerprint } });
      setReload((n) => n + 1);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: TableColumnsType<AuditRow> = [
    { title: '机关', dataIndex: 'agency', width: 140, fixed: 'left' },
    { title: '年度', dataIndex: 'year', width: 56 },
    {
      title: '来源',
      key: 'source',
      width: 90,
      render: (_: unknown, r) => (
        <Tooltip title={r.fileName ?? (r.version ? `第 ${r.version} 版` : '')}>
          <span>{SOURCE_LABELS[r.source]}</span>
        </Tooltip>
      ),
    },
    { title: '严重程度', dataIndex: 'severity', width: 80, render: (s: Severity) => <Tag color={SEVERITY_COLORS[s]}>{SEVERITY_LABELS[s]}</Tag> },
    { title: '规则', dataIndex: 'ruleLabel', width: 130, ellipsis: { showTitle: true } },
    { title: '问题', dataIndex: 'message', render: (m: string) => <Typography.Text style={{ fontSize: 13 }}>{m}</Typography.Text> },
    { title: '位置', key: 'where', width: 110, render: (_: unknown, r) => r.cell ?? describeWhere(r.where) },
    {
      title: '处理意见',
      key: 'decision',
      width: 96,
      render: (_: unknown, r) =>
        r.decision ? (
          <Space size={2} wrap>
            <Tooltip title={[r.reason, r.decidedBy, r.decidedAt && dateTime(r.decidedAt)].filter(Boolean).join(' · ')}>
              <Tag color={r.decision === 'confirmed' ? 'red' : 'default'} data-testid={`decision-${r.fingerprint}`}>
                {DECISION_LABELS[r.decision]}
              </Tag>
            </Tooltip>
            {r.carriedOver && (
              <Tooltip title="该处理意见作出于同一报告的另一文件或版本，问题未变，沿用">
                <Tag color="purple" data-testid="decision-carried">
                  沿用
                </Tag>
              </Tooltip>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">未处理</Typography.Text>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setOpen(r)} data-testid="finding-open">
            原文
          </Button>
          {writer && r.decision !== 'confirmed' && (
            <Button size="small" danger loading={busy === r.fingerprint} onClick={() => decide(r, 'confirmed')} data-testid="finding-confirm">
              确认
            </Button>
          )}
          {writer && r.decision !== 'dismissed' && (
            <Button
              size="small"
              onClick={() => {
                setReason('');
                setReasonError(null);
                setDismissing(r);
              }}
              data-testid="finding-dismiss"
            >
              排除
            </Button>
          )}
          {writer && r.decision && (
            <Button size="small" type="link" onClick={() => undo(r)}>
              撤回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Select
            allowClear
            placeholder="全部规则"
            style={{ width: 260 }}
            value={filter.rule}
            onChange={(rule) => setFilter({ ...filter, rule })}
            options={(data?.rules ?? []).map((r) => ({ value: r.rule, label: `${r.label}（${r.count}）` }))}
            data-testid="audit-filter-rule"
          />
          <Select
            allowClear
            placeholder="全部严重程度"
            style={{ width: 130 }}
            value={filter.severity}
            onChange={(severity) => setFilter({ ...filter, severity })}
            options={(['error', 'warning', 'info'] as Severity[]).map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
            data-testid="audit-filter-severity"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部机关"
            style={{ width: 220 }}
            value={filter.subjectAgencyId}
            onChange={(subjectAgencyId) => setFilter({ ...filter, subjectAgencyId })}
            options={agencies.map(([id, name]) => ({ value: id, label: name }))}
            data-testid="audit-filter-agency"
          />
          <Select
            allowClear
            placeholder="全部年度"
            style={{ width: 120 }}
            value={filter.year}
            onChange={(year) => setFilter({ ...filter, year })}
            options={years.map((y) => ({ value: y, label: `${y} 年度` }))}
            data-testid="audit-filter-year"
          />
          <Select
            allowClear
            placeholder="全部处理意见"
            style={{ width: 140 }}
            value={filter.decision}
            onChange={(decision) => setFilter({ ...filter, decision })}
            options={[
              { value: 'none', label: '未处理' },
              { value: 'confirmed', label: DECISION_LABELS.confirmed },
              { value: 'dismissed', label: DECISION_LABELS.dismissed },
            ]}
            data-testid="audit-filter-decision"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
            刷新
          </Button>
          {data && (
            <Typography.Text type="secondary" data-testid="audit-summary">
              共 {data.total} 个问题：已确认 {data.decided.confirmed}，已排除 {data.decided.dismissed}，未处理 {data.decided.none}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {data && data.reports.length === 0 ? (
        <Empty description="所辖机关还没有可审查的报告：请先在“收集”中上传，或待各机关在本系统发布" />
      ) : (
        <Table<AuditRow>
          rowKey={(r) => `${r.subjectAgencyId}:${r.year}:${r.fingerprint}:${r.where}`}
          size="small"
          loading={!data && !error}
          columns={columns}
          dataSource={data?.rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1040 }}
          data-testid="audit-table"
        />
      )}
      <ContextDrawer row={open} onClose={() => setOpen(null)} onChanged={() => setReload((n) => n + 1)} />
      <Modal
        open={dismissing !== null}
        title="排除该问题"
        okText="排除"
        okButtonProps={{ loading: busy !== null, ...({ 'data-testid': 'dismiss-ok' } as Record<string, string>) }}
        onCancel={() => setDismissing(null)}
        onOk={async () => {
          if (!reason.trim()) {
            setReasonError('排除问题须填写理由');
            return;
          }
          if (dismissing && (await decide(dismissing, 'dismissed', reason.trim()))) setDismissing(null);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{dismissing?.message}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="理由" required validateStatus={reasonError ? 'error' : undefined} help={reasonError ?? '同一问题在重新读取或新版本中将沿用此意见，直至问题改变'}>
            <Input.TextArea
              rows={3}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(null);
              }}
              maxLength={1000}
              data-testid="dismiss-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
