/**
 * 整改 (follow-up): from the confirmed findings of an agency's report, a 整改通知 (.docx) with a due date; the
 * status of every agency's follow-up at a glance (已下发, 逾期未整改, 已整改, 已办结); and the agency's corrected
 * report (a newer upload, or a version republished in Gongkai) compared with the first: the listed findings
 * fixed or remaining, other findings new, the cells whose values changed.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Drawer, Empty, Form, List, Result, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, errorText } from '../../../lib/api';
import { client } from '../../../lib/client';
import { useCan } from '../../../lib/rights';
import { SEVERITY_COLORS, SEVERITY_LABELS } from '../../../components/report/types';
import { RECTIFICATION_COLORS, type AuditRow, type ComparedFinding, type Rectification, type Rectifications, type RectificationStatus } from './types';

const STATUS_ORDER: RectificationStatus[] = ['issued', 'overdue', 'corrected', 'closed'];
const STATUS_TITLES: Record<RectificationStatus, string> = { issued: '已下发', overdue: '逾期未整改', corrected: '已整改', closed: '已办结' };

function FindingList({ title, list, color, testId }: { title: string; list: ComparedFinding[]; color: string; testId: string }) {
  return (
    <Card size="small" title={<Space>{title}<Tag color={color}>{list.length}</Tag></Space>} data-testid={testId}>
      {list.length === 0 ? (
        <Typography.Text type="secondary">无</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={list}
          renderItem={(f) => (
            <List.Item>
              <Space align="start">
                <Tag color={SEVERITY_COLORS[f.severity]}>{SEVERITY_LABELS[f.severity]}</Tag>
                <span>{f.message}</span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function ComparisonDrawer({ r, onClose }: { r: Rectification | null; onClose: () => void }) {
  const c = r?.comparison ?? null;
  return (
    <Drawer open={r !== null} onClose={onClose} size={820} title={r ? `${r.agency} ${r.year} 年度 · 更正后的报告与原报告对比` : ''} destroyOnHidden data-testid="comparison-drawer">
      {r && c && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={`整改通知 ${r.number} 所列问题`}>
            <List
              size="small"
              dataSource={r.findings}
              renderItem={(f) => {
                const fixed = c.listed.find((l) => l.fingerprint === f.fingerprint)?.fixed;
                return (
                  <List.Item data-testid="listed-finding">
                    <Space align="start">
                      <Tag color={fixed ? 'green' : 'red'}>{fixed ? '已改正' : '仍存在'}</Tag>
                      <span>
                        {f.words}。{f.message}
                      </span>
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Card>
          <Row gutter={[12, 12]}>
            <Col span={24}>
              <FindingList title="已改正的问题" list={c.fixed} color="green" testId="comparison-fixed" />
            </Col>
            <Col span={24}>
              <FindingList title="仍存在的问题" list={c.remaining} color="red" testId="comparison-remaining" />
            </Col>
            <Col span={24}>
              <FindingList title="新出现的问题" list={c.added} color="orange" testId="comparison-added" />
            </Col>
          </Row>
          <Card size="small" title={`数值有变化的单元格（${c.changedCells.length}）`}>
            <Table
              size="small"
              rowKey="path"
              pagination={false}
              dataSource={c.changedCells}
              columns={[
                { title: '单元格', dataIndex: 'cell' },
                { title: '原报告', dataIndex: 'before', width: 100, align: 'right', render: (v: number | null) => v ?? '空' },
                { title: '更正后', dataIndex: 'after', width: 100, align: 'right', render: (v: number | null) => v ?? '空' },
              ]}
              data-testid="comparison-cells"
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

function IssueForm({ onIssued }: { onIssued: (r: Rectification) => void }) {
  const { message } = App.useApp();
  const [confirmed, setConfirmed] = useState<AuditRow[]>([]);
  const [target, setTarget] = useState<string | undefined>();
  const [picked, setPicked] = useState<string[]>([]);
  const [due, setDue] = useState<Dayjs | null>(dayjs().add(30, 'day'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client
      .get('/api/supervision/findings', { query: { decision: 'confirmed' } })
      .then((d) => setConfirmed(d.rows))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  const groups = useMemo(() => {
    const m = new Map<string, AuditRow[]>();
    for (const r of confirmed) m.set(`${r.subjectAgencyId}:${r.year}`, [...(m.get(`${r.subjectAgencyId}:${r.year}`) ?? []), r]);
    return m;
  }, [confirmed]);
  const rows = target ? (groups.get(target) ?? []) : [];
  const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()];
  const choose = (k: string) => {
    setTarget(k);
    // every confirmed finding of the report, to begin with
    setPicked([...new Set((groups.get(k) ?? []).map((r) => r.fingerprint))]);
  };

  const issue = async () => {
    if (!target) return;
    const [subjectAgencyId, year] = target.split(':').map(Number);
    setBusy(true);
    setError(null);
    try {
      const r = await client.post('/api/supervision/rectifications', { body: { subjectAgencyId, year, dueOn: due?.format('YYYY-MM-DD') ?? '', fingerprints: picked } });
      message.success(`已下发整改通知 ${r.number}`);
      onIssued(r);
    } catch (e) {
      setError(e instanceof ApiError && e.fields.length > 0 ? e.fields.map((f) => f.message).join('；') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="下发整改通知">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {groups.size === 0 ? (
        <Typography.Text type="secondary">还没有已确认的问题：请先在“审查”中确认问题。</Typography.Text>
      ) : (
        <Form layout="vertical">
          <Form.Item label="报告" required>
            <Select
              value={target}
              onChange={choose}
              placeholder="选择机关和年度"
              style={{ maxWidth: 420 }}
              options={[...groups.entries()].map(([k, list]) => ({ value: k, label: `${list[0].agency} ${list[0].year} 年度（已确认 ${new Set(list.map((r) => r.fingerprint)).size} 个问题）` }))}
              data-testid="issue-target"
            />
          </Form.Item>
          {unique.length > 0 && (
            <Form.Item label="通知所列问题">
              <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                {unique.map((r) => (
                  <Checkbox key={r.fingerprint} value={r.fingerprint}>
                    <Tag color={SEVERITY_COLORS[r.severity]}>{SEVERITY_LABELS[r.severity]}</Tag>
                    {r.message}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          )}
          <Form.Item label="整改期限" required>
            <DatePicker value={due} onChange={setDue} disabledDate={(d) => !d.isAfter(dayjs(), 'day')} data-testid="issue-due" />
          </Form.Item>
          <Button type="primary" disabled={!target || picked.length === 0 || !due} loading={busy} onClick={issue} data-testid="issue-submit">
            下发整改通知
          </Button>
        </Form>
      )}
    </Card>
  );
}

export default function Followup() {
  const { message } = App.useApp();
  const can = useCan();
  const supervisor = can('supervision.read');
  const writer = can('supervision.write');
  const [data, setData] = useState<Rectifications | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [showing, setShowing] = useState<Rectification | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (!supervisor) return;
    let live = true;
    client
      .get('/api/supervision/rectifications')
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [reload, supervisor]);

  if (!supervisor) return <Result status="403" title="需要监督人员权限" subTitle="整改供政务公开办等监督人员使用。" />;

  const attach = async (r: Rectification) => {
    setBusy(r.id);
    try {
      const updated = await client.post('/api/supervision/rectifications/:id/corrected', { params: { id: r.id }, body: {} });
      message.success(updated.status === 'closed' ? '所列问题均已改正，整改已办结' : `已关联更正后的报告：所列 ${updated.findings.length} 个问题中已改正 ${updated.fixed ?? 0} 个`);
      setReload((n) => n + 1);
      setShowing(updated);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Rectification> = [
    { title: '文号', dataIndex: 'number', width: 240 },
    { title: '机关', dataIndex: 'agency', width: 180 },
    { title: '报告年度', dataIndex: 'year', width: 86 },
    { title: '下发日期', dataIndex: 'issuedOn', width: 110 },
    { title: '整改期限', dataIndex: 'dueOn', width: 110 },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_: unknown, r) => (
        <Space size={2}>
          <Tag color={RECTIFICATION_COLORS[r.status]} data-testid={`rectification-status-${r.id}`}>
            {r.statusLabel}
          </Tag>
          {r.fixed !== null && r.status !== 'closed' && <Typography.Text type="secondary">{`已改正 ${r.fixed}/${r.findings.length}`}</Typography.Text>}
        </Space>
      ),
    },
    { title: '问题数', key: 'n', width: 70, align: 'right', render: (_: unknown, r) => r.findings.length },
    {
      title: '操作',
      key: 'actions',
      width: 300,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Button size="small" icon={<DownloadOutlined />} href={client.url('/api/supervision/rectifications/:id/notice.docx', { params: { id: r.id } })} data-testid="rectification-docx">
            通知（.docx）
          </Button>
          {writer && r.status !== 'closed' && (
            <Button size="small" loading={busy === r.id} onClick={() => attach(r)} data-testid="rectification-attach">
              关联更正后的报告
            </Button>
          )}
          {r.comparison && (
            <Button size="small" type="link" onClick={() => setShowing(r)} data-testid="rectification-compare">
              对比
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const counts = data?.status.counts;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={[16, 16]}>
        {STATUS_ORDER.map((s) => (
          <Col xs={12} md={6} key={s}>
            <Card size="small">
              <Statistic title={STATUS_TITLES[s]} value={counts?.[s] ?? 0} suffix="份" styles={{ content: { color: s === 'overdue' && (counts?.overdue ?? 0) > 0 ? '#cf1322' : undefined } }} />
            </Card>
          </Col>
        ))}
      </Row>
      {writer && <IssueForm onIssued={() => setReload((n) => n + 1)} />}
      <Card
        size="small"
        title="各机关整改情况"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
            刷新
          </Button>
        }
      >
        {data && data.status.rows.length === 0 ? (
          <Empty description="尚未下发整改通知" />
        ) : (
          <Table<Rectification> rowKey="id" size="small" columns={columns} dataSource={data?.status.rows ?? []} pagination={false} scroll={{ x: 1200 }} data-testid="followup-status" />
        )}
      </Card>
      {data && data.rows.length > data.status.rows.length && (
        <Card size="small" title="全部整改通知">
          <Table<Rectification> rowKey="id" size="small" columns={columns} dataSource={data.rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1200 }} />
        </Card>
      )}
      <ComparisonDrawer r={showing} onClose={() => setShowing(null)} />
    </Space>
  );
}
