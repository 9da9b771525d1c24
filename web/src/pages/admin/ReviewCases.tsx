/**
 * 行政复议 and 行政诉讼 cases about the agency's disclosure work (table 四 of the annual report): the list,
 * and a form to register or update a case, linked to the application it concerns.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../lib/api';
import { client, type CaseSummary, type ReviewCase, type ReviewCaseBody } from '../../lib/client';
import { useCan } from '../../lib/rights';
import { useFormSubmit } from '../../lib/formErrors';
import { labelOf, optionsOf, useMeta } from '../../lib/meta';
import { dayOf, isoOf, notFuture } from '../../lib/dates';
import { AgencyPicker, useAgencyScope } from '../../components/AgencyPicker';
import { FormModal } from '../../components/FormModal';

const OUTCOME_COLORS: Record<string, string> = { upheld: 'green', corrected: 'red', other: 'default', pending: 'gold' };

interface FormValues {
  kind: string;
  applicationId?: string | null;
  caseNumber?: string;
  body?: string;
  filedOn: Dayjs;
  outcome: NonNullable<ReviewCaseBody['outcome']>;
  decidedOn?: Dayjs | null;
  notes?: string;
}

function ReviewCaseForm({
  open,
  editing,
  agencyId,
  applications,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: ReviewCase | null;
  agencyId: number;
  applications: CaseSummary[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const meta = useMeta();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const outcome = Form.useWatch('outcome', form);
  const { error, setError, busy, submit } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        kind: editing.kind,
        applicationId: editing.applicationId,
        caseNumber: editing.caseNumber ?? undefined,
        body: editing.body ?? undefined,
        filedOn: dayOf(editing.filedOn),
        outcome: editing.outcome as FormValues['outcome'],
        decidedOn: dayOf(editing.decidedOn) ?? null,
        notes: editing.notes ?? undefined,
      });
    }
  }, [open, editing, form]);

  const onFinish = async (v: FormValues) => {
    const body: ReviewCaseBody = {
      kind: v.kind,
      applicationId: v.applicationId || null,
      caseNumber: v.caseNumber?.trim() || null,
      body: v.body?.trim() || null,
      // required by the form (the server names it when missing)
      filedOn: isoOf(v.filedOn) ?? '',
      outcome: v.outcome,
      decidedOn: v.outcome === 'pending' ? null : (isoOf(v.decidedOn) ?? null),
      notes: v.notes?.trim() || null,
    };
    await submit(async () => {
      if (editing) await client.put('/api/agencies/:agencyId/review-cases/:id', { params: { agencyId, id: editing.id }, body });
      else await client.post('/api/agencies/:agencyId/review-cases', { params: { agencyId }, body });
      message.success(editing ? '案件已更新' : '案件已登记');
      onClose();
      onSaved();
    });
  };

  return (
    <FormModal
      open={open}
      title={editing ? '更新案件' : '登记行政复议或行政诉讼案件'}
      onCancel={onClose}
      width={640}
      forceRender
      form={form}
      busy={busy}
      error={error}
      okTestId="review-submit"
    >
      <Form<FormValues> name="reviewCase" form={form} layout="vertical" onFinish={onFinish} initialValues={{ outcome: 'pending', filedOn: dayjs() }}>
        <Form.Item name="kind" label="案件类型" rules={[{ required: true, message: '请选择案件类型' }]}>
          <Select options={optionsOf(meta.reviewKinds)} placeholder="行政复议、直接起诉或复议后起诉" />
        </Form.Item>
        <Form.Item name="applicationId" label="关联的申请（按查询码）">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="输入查询码或申请人查找"
            options={applications.map((a) => ({ value: a.id, label: `${a.trackingCode}　${a.applicantName}　${a.receivedOn}` }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="caseNumber" label="案号">
              <Input maxLength={100} placeholder="例如：示府复〔2026〕12号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="body" label="复议机关或人民法院">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="filedOn" label="立案（受理）日期" rules={[{ required: true, message: '请填写立案日期' }]}>
              <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
              <Select options={optionsOf(meta.reviewOutcomes)} />
            </Form.Item>
          </Col>
          {outcome && outcome !== 'pending' && (
            <Col xs={24} md={8}>
              <Form.Item name="decidedOn" label="审结日期" rules={[{ required: true, message: '请填写审结日期' }]}>
                <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="notes" label="备注">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export default function ReviewCases() {
  const meta = useMeta();
  const navigate = useNavigate();
  const can = useCan();
  const scope = useAgencyScope();
  const [cases, setCases] = useState<ReviewCase[]>([]);
  const [applications, setApplications] = useState<CaseSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ReviewCase | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const canEdit = can('reviewCase.write', scope.agencyId);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [list, apps] = await Promise.all([
        client.get('/api/agencies/:agencyId/review-cases', { params: { agencyId: scope.agencyId } }),
        client.get('/api/agencies/:agencyId/applications', { params: { agencyId: scope.agencyId }, query: { status: 'all', limit: 1000 } }),
      ]);
      setCases(list);
      setApplications([...apps].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn)));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [scope.agencyId]);

  useEffect(() => {
    void load();
  }, [load]);

  const byId = useMemo(() => new Map(applications.map((a) => [a.id, a])), [applications]);

  const columns: TableColumnsType<ReviewCase> = [
    { title: '案件类型', dataIndex: 'kind', width: 170, render: (k: string, r) => r.kindLabel ?? labelOf(meta.reviewKinds, k) },
    { title: '案号', dataIndex: 'caseNumber', width: 150, render: (v: string | null) => v ?? '—' },
    { title: '复议机关或人民法院', dataIndex: 'body', width: 150, render: (v: string | null) => v ?? '—' },
    {
      title: '关联申请',
      dataIndex: 'applicationId',
      width: 136,
      render: (v: string | null) => {
        if (!v) return '—';
        const a = byId.get(v);
        return (
          <a
            onClick={(e) => {
              e.stopPropagation();
              navigate(`/admin/applications/${v}${scope.own ? '' : `?agency=${scope.agencyId}`}`);
            }}
          >
            {a?.trackingCode ?? '查看申请'}
          </a>
        );
      },
    },
    { title: '立案日期', dataIndex: 'filedOn', width: 104 },
    { title: '结果', dataIndex: 'outcome', width: 96, render: (o: string, r) => <Tag color={OUTCOME_COLORS[o] ?? 'default'}>{r.outcomeLabel ?? labelOf(meta.reviewOutcomes, o)}</Tag> },
    { title: '审结日期', dataIndex: 'decidedOn', width: 104, render: (v: string | null) => v ?? '—' },
    { title: '备注', dataIndex: 'notes', ellipsis: true, render: (v: string | null) => v ?? '' },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'edit',
            width: 70,
            render: (_: unknown, r: ReviewCase) => (
              <Button
                type="link"
                size="small"
                onClick={() => {
                  setEditing(r);
                  setFormOpen(true);
                }}
                data-testid={`review-edit-${r.id}`}
              >
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          行政复议与行政诉讼 · {scope.agencyName}
        </Typography.Title>
        <Space wrap>
          <AgencyPicker scope={scope} />
          {canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
              data-testid="review-new"
            >
              登记案件
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        因政府信息公开工作被申请行政复议、提起行政诉讼的案件，计入年度报告第四部分。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<ReviewCase>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={cases}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无案件' }}
        scroll={{ x: 1080 }}
      />
      <ReviewCaseForm open={formOpen} editing={editing} agencyId={scope.agencyId} applications={applications} onClose={() => setFormOpen(false)} onSaved={() => void load()} />
    </Space>
  );
}
