/**
 * The case page: status, the deadline and how it was worked out, the applicant and the request, the
 * timeline, the files (the reply letter first), the audit history, and the steps the user may take now.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/api';
import { client, type CaseDetail } from '../../lib/client';
import { useUser } from '../../lib/auth';
import { useCan } from '../../lib/rights';
import { labelOf, useMeta } from '../../lib/meta';
import { EXTENSION_STATES } from '../../../../src/core/applications/labels';
import { decisionLabel, fieldLabel } from '../../lib/describe';
import { StatusTag } from '../../components/StatusTag';
import { DeadlineCard } from '../../components/Deadline';
import { CaseTimeline } from '../../components/CaseTimeline';
import { AuditHistory } from '../../components/AuditHistory';
import { Attachments } from '../../components/Attachments';
import { ActionModal } from '../../components/ActionModal';

function ApplicantDetails({ detail }: { detail: CaseDetail }) {
  const meta = useMeta();
  const a = detail.application;
  const organisation = a.applicantType !== 'natural';
  const opt = (v: string | null) => v ?? '—';
  return (
    <Card title="申请人与申请内容" size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: organisation ? '名称' : '姓名', children: a.applicantName },
          { key: 'type', label: fieldLabel('applicantType'), children: labelOf(meta.applicantTypes, a.applicantType) },
          { key: 'idType', label: fieldLabel('idType'), children: labelOf(meta.idTypes, a.idType) },
          { key: 'idNumber', label: fieldLabel('idNumber'), children: a.idNumber },
          ...(organisation ? [{ key: 'legal', label: fieldLabel('legalRepresentative'), children: opt(a.legalRepresentative) }] : []),
          { key: 'contact', label: fieldLabel('contactPerson'), children: opt(a.contactPerson) },
          { key: 'phone', label: fieldLabel('phone'), children: a.phone },
          { key: 'email', label: fieldLabel('email'), children: opt(a.email) },
          { key: 'address', label: fieldLabel('address'), children: [a.address, a.postcode].filter(Boolean).join('　') || '—' },
          { key: 'channel', label: fieldLabel('channel'), children: a.channelLabel },
          { key: 'received', label: fieldLabel('receivedOn'), children: a.receivedOn },
          { key: 'reason', label: fieldLabel('receiptReason'), span: 2, children: a.receiptReason },
          { key: 'desc', label: fieldLabel('description'), span: 2, children: <Typography.Text strong>{a.description}</Typography.Text> },
          { key: 'doc', label: fieldLabel('documentNumber'), children: opt(a.documentNumber) },
          { key: 'purpose', label: fieldLabel('purpose'), children: opt(a.purpose) },
          { key: 'form', label: fieldLabel('form'), children: labelOf(meta.forms, a.form) },
          { key: 'delivery', label: fieldLabel('delivery'), children: labelOf(meta.deliveries, a.delivery) },
          ...(a.feeYuan !== null ? [{ key: 'fee', label: '信息处理费', children: `${a.feeYuan} 元` }] : []),
          ...(a.outcome
            ? [
                { key: 'outcome', label: fieldLabel('outcome'), span: 2, children: decisionLabel(meta, a.outcome) },
                { key: 'basis', label: fieldLabel('outcomeBasis'), span: 2, children: opt(a.outcomeBasis) },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** Names of the people a case's records refer to by id (assignees). */
function peopleOf(detail: CaseDetail): Map<string, string> {
  const people = new Map<string, string>();
  for (const e of detail.timeline) {
    if (typeof e.data.assigneeId === 'string' && typeof e.data.assigneeName === 'string') people.set(e.data.assigneeId, e.data.assigneeName);
  }
  if (detail.assigneeId && detail.assigneeName) people.set(detail.assigneeId, detail.assigneeName);
  return people;
}

export default function CasePage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const user = useUser();
  const can = useCan();
  const meta = useMeta();
  const navigate = useNavigate();
  const agencyId = Number(params.get('agency')) || user.agencyId;
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [tab, setTab] = useState(params.get('tab') ?? 'timeline');

  const load = useCallback(async () => {
    try {
      setDetail(await client.get('/api/agencies/:agencyId/applications/:id', { params: { agencyId, id: id ?? '' } }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [agencyId, id]);

  useEffect(() => {
    setDetail(null);
    void load();
  }, [load]);

  if (error && !detail) {
    return (
      <Result
        status="warning"
        title={error}
        extra={
          <Button onClick={() => navigate('/admin')} icon={<ArrowLeftOutlined />}>
            返回工作台
          </Button>
        }
      />
    );
  }
  if (!detail) return <Skeleton active paragraph={{ rows: 12 }} />;

  const own = agencyId === user.agencyId;
  const canUpload = can('application.attach', agencyId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Space wrap align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(own ? '/admin' : `/admin?agency=${agencyId}`)} aria-label="返回" />
          <Typography.Title level={3} style={{ margin: 0 }}>
            政府信息公开申请 <Typography.Text code className="case-code">{detail.trackingCode}</Typography.Text>
          </Typography.Title>
          <StatusTag status={detail.status} testId="case-status" large />
          {detail.extension !== 'none' && <Tag color={detail.extension === 'requested' ? 'gold' : detail.extension === 'approved' ? 'blue' : 'default'}>{EXTENSION_STATES[detail.extension]}</Tag>}
          <Typography.Text type="secondary">承办人：{detail.assigneeName ?? '未分配'}</Typography.Text>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </div>

      {!own && <Alert type="info" showIcon title="您正在查看下级机关的申请（只读）" />}
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} />}

      {detail.allowedActions.length > 0 && (
        <Card size="small" title="可办理的步骤" className="actions-card">
          <Space wrap>
            {detail.allowedActions.map((a) => (
              <Button key={a} type={a === 'reply' ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`action-${a}`}>
                {labelOf(meta.actions, a)}
              </Button>
            ))}
          </Space>
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <div className="stack">
            <ApplicantDetails detail={detail} />
            <Card size="small">
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  { key: 'timeline', label: '办理过程', children: <CaseTimeline events={detail.timeline} /> },
                  { key: 'audit', label: <span data-testid="case-audit-tab">审计记录</span>, forceRender: true, children: <AuditHistory entries={detail.audit} people={peopleOf(detail)} /> },
                ]}
              />
            </Card>
          </div>
        </Col>
        <Col xs={24} xl={9}>
          <div className="stack">
            <DeadlineCard clock={detail.clock} calendarLink={can('agency.write')} />
            <Attachments detail={detail} agencyId={agencyId} canUpload={canUpload} onChange={() => void load()} />
          </div>
        </Col>
      </Row>

      <ActionModal action={action} detail={detail} agencyId={agencyId} onClose={() => setAction(null)} onDone={() => void load()} />
    </Space>
  );
}
