/**
 * Following an application by its tracking code: the status, the steps, the current limit and how it was
 * worked out, a correction form while one is asked for, and the notices sent to the applicant (补正告知书,
 * 延期答复告知书, 收费通知书, 答复书, …: number, title, date), each to download.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Collapse, Descriptions, Empty, Form, Input, List, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorText, multipartBody } from '../lib/api';
import { client, type TrackAnswer } from '../lib/client';
import { useFormSubmit } from '../lib/formErrors';
import { filesOf, APPLICANT_ACCEPT } from '../lib/uploads';
import { weekday } from '../lib/dates';
import { StatusTag } from '../components/StatusTag';
import { ClockLines } from '../components/Deadline';
import { FileField } from '../components/FileField';

function Deadline({ clock }: { clock: TrackAnswer['clock'] }) {
  if (clock.state === 'unknown') {
    return <Alert type="warning" showIcon title="期限暂时无法计算" description="该年度的法定节假日安排尚未录入，录入后将自动计算答复期限。" />;
  }
  if (!clock.due) return null;
  return (
    <div className="track-due" data-testid="track-due">
      <span className="deadline-label">{clock.state === 'stopped' ? '答复期限（已答复）' : clock.dueLabel}</span>
      <span className="deadline-date">
        {clock.due}（{weekday(clock.due)}）
      </span>
      {clock.overdue && <Tag color="red">已超过期限</Tag>}
      {clock.state === 'paused' && <Tag>征求意见或缴费期间不计入答复期限</Tag>}
    </div>
  );
}

function CorrectionForm({ code, items, dueOn, onDone }: { code: string; items: string; dueOn: string; onDone: (r: TrackAnswer) => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { error, busy, submit } = useFormSubmit(form);
  const onFinish = async (values: { text: string; files?: never }) => {
    const files = filesOf(values.files).map((file) => ({ kind: 'correction', file }));
    await submit(
      async () => {
        const body = { text: values.text };
        const result = await client.post('/api/public/track/:code/correction', { params: { code }, body: files.length > 0 ? multipartBody(body, files) : body });
        message.success('补正已提交，答复期限自今日起重新计算');
        onDone(result);
      },
      (p) => (p.startsWith('files') ? ['files'] : [p]),
    );
  };
  return (
    <Card title="提交补正" size="small" className="correction-card" data-testid="correction-card">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="行政机关告知您对申请作出补正"
        description={
          <>
            <div>需要补正的事项：{items}</div>
            <div>
              请于 <strong>{dueOn}</strong> 前补正。无正当理由逾期不补正的，视为放弃申请（条例第三十条）。
            </div>
          </>
        }
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="correction" form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="text"
          label="补正内容"
          rules={[
            { required: true, whitespace: true, message: '请填写补正内容' },
            { max: 4000, message: '不能超过 4000 字' },
          ]}
        >
          <Input.TextArea rows={5} showCount maxLength={4000} data-testid="correction-text" placeholder="请针对上述事项补充说明所需政府信息的名称、文号或者其他特征性描述" />
        </Form.Item>
        <FileField name="files" label="补正材料（选填）" extra="PDF、JPG、PNG，每个不超过 10 MB，最多 5 个" accept={APPLICANT_ACCEPT} />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="correction-submit">
          提交补正
        </Button>
      </Form>
    </Card>
  );
}

function TrackView({ data, onChange }: { data: TrackAnswer; onChange: (r: TrackAnswer) => void }) {
  const code = data.trackingCode;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'code', label: '查询码', children: <Typography.Text strong copyable>{code}</Typography.Text> },
            { key: 'status', label: '办理状态', children: <StatusTag status={data.status} testId="track-status" large /> },
            { key: 'agency', label: '受理机关', children: data.agencyName },
            { key: 'received', label: '收到申请日期', children: data.receivedOn },
            { key: 'desc', label: '所需政府信息', span: 2, children: data.description },
            ...(data.decisionLabel ? [{ key: 'decision', label: '答复结果', span: 2, children: `${data.decisionLabel}（${data.repliedOn ?? ''} 答复）` }] : []),
          ]}
        />
      </Card>

      {data.correction && <CorrectionForm code={code} items={data.correction.items} dueOn={data.correction.dueOn} onDone={onChange} />}

      <Row gutter={[24, 24]}>
        <Col xs={24} lg={14}>
          <Card title="办理过程" size="small">
            <div data-testid="track-steps">
            <Timeline
              titleSpan="100px"
              items={data.steps.map((s, i) => ({
                key: i,
                color: i === data.steps.length - 1 ? 'blue' : 'gray',
                title: s.on,
                content: (
                  <div className="step" data-testid="track-step">
                    <div className="step-label">{s.label}</div>
                    {s.detail && <div className="step-detail">{s.detail}</div>}
                  </div>
                ),
              }))}
            />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <div className="stack">
            <Card title="答复期限" size="small">
              <Deadline clock={data.clock} />
              {data.clock.limits.length > 0 && (
                <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={data.clock.limits.map((l, i) => ({ key: i, label: l.label, children: l.due }))} />
              )}
              <Collapse
                ghost
                size="small"
                style={{ marginTop: 8 }}
                items={[{ key: 'lines', label: '期限计算说明', children: <ClockLines lines={data.clock.lines} testId="track-clock-lines" /> }]}
              />
            </Card>
            <Card title="通知书和答复书" size="small">
              {data.notices.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未发出书面通知或答复" />
              ) : (
                <List
                  size="small"
                  dataSource={data.notices}
                  renderItem={(n) => (
                    <List.Item key={n.id} data-testid="track-notice-item">
                      <Space orientation="vertical" size={0}>
                        <a href={client.url('/api/public/track/:code/letters/:id', { params: { code, id: n.id } })} download data-testid="track-notice">
                          <DownloadOutlined /> {n.title}
                        </a>
                        <Typography.Text type="secondary" data-testid="track-notice-number">
                          {n.number}　{n.issuedOn}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </div>
        </Col>
      </Row>
    </Space>
  );
}

export default function Track() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code ?? '');
  const [data, setData] = useState<TrackAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (c: string) => {
    setLoading(true);
    setError(null);
    try {
      setData(await client.get('/api/public/track/:code', { params: { code: c } }));
    } catch (e) {
      setData(null);
      setError(e instanceof ApiError && e.status === 404 ? `${e.message}，请核对查询码` : errorText(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setInput(code ?? '');
    if (code) void load(code);
    else setData(null);
  }, [code, load]);

  const submit = () => {
    const c = input.trim().toUpperCase();
    if (!c) {
      setError('请填写查询码');
      return;
    }
    if (c === code) void load(c);
    else navigate(`/track/${encodeURIComponent(c)}`);
  };

  return (
    <div className="track-page">
      <Typography.Title level={2}>查询办理进度</Typography.Title>
      <Card size="small" style={{ marginBottom: 24 }}>
        <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
          <Input
            size="large"
            placeholder="请输入查询码，例如 2-7KQ2M9XDPA"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onPressEnter={submit}
            data-testid="track-code-input"
            aria-label="查询码"
          />
          <Button size="large" type="primary" icon={<SearchOutlined />} onClick={submit} loading={loading} data-testid="track-submit">
            查询
          </Button>
        </Space.Compact>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          查询码在提交申请时发给您，也可向受理机关询问。
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="track-error" style={{ marginBottom: 16 }} />}
      {loading && !data && <Spin />}
      {data && <TrackView data={data} onChange={setData} />}
    </div>
  );
}
