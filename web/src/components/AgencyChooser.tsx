/**
 * Choosing an agency on the portal. The public pages that belong to one agency (公开目录, 公开指南, 年度报告)
 * start from the agencies of GET /api/public/agencies as cards, each linking to the agency's page, and switch
 * to another agency with a select.
 */
import type { ReactNode } from 'react';
import { Alert, Card, Col, Empty, Row, Select, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { usePublicAgencies } from '../lib/agencies';
import type { Agency } from '../lib/types';

/** The agencies as cards linking to `to(id)`, each with `description` under its name (by default its office). */
export function AgencyCards({
  agencies,
  to,
  testId = 'choose-agency',
  description,
}: {
  agencies: Agency[];
  to: (id: number) => string;
  /** each card is `${testId}-${id}` */
  testId?: string;
  description?: string;
}) {
  return (
    <Row gutter={[16, 16]} data-testid="agency-chooser">
      {agencies.map((a) => {
        const under = description ?? a.contact.office;
        return (
          <Col key={a.id} xs={24} md={12} lg={8}>
            <Link to={to(a.id)} data-testid={`${testId}-${a.id}`}>
              <Card hoverable size="small" className="agency-card">
                <Typography.Text strong>{a.name}</Typography.Text>
                {under && (
                  <div>
                    <Typography.Text type="secondary" className="small-text">
                      {under}
                    </Typography.Text>
                  </div>
                )}
              </Card>
            </Link>
          </Col>
        );
      })}
    </Row>
  );
}

export function AgencyChooser({ to, hint }: { to: (id: number) => string; hint: string }) {
  const { agencies, error } = usePublicAgencies();
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!agencies) return <Skeleton active />;
  if (agencies.length === 0) return <Empty description="暂无机关" />;
  return (
    <>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <AgencyCards agencies={agencies} to={to} />
    </>
  );
}

/**
 * A portal page of one agency (`${path}/:agencyId`): the agency's page drawn by `children`, or without an
 * agency in the address, the page's title and the agencies to choose from.
 */
export function AgencyRoute({ title, path, hint, children }: { title: string; path: string; hint: string; children: (agencyId: number) => ReactNode }) {
  const { agencyId } = useParams();
  const id = Number(agencyId);
  if (agencyId && id > 0) return children(id);
  return (
    <>
      <div className="page-banner">
        <Typography.Title level={2}>{title}</Typography.Title>
      </div>
      <AgencyChooser to={(a) => `${path}/${a}`} hint={hint} />
    </>
  );
}

/** A select to switch to another agency's page. */
export function AgencySwitch({
  agencies,
  value,
  to,
  placeholder,
  minWidth = 240,
  testId = 'agency-switch',
}: {
  agencies: Agency[] | null;
  value: number | undefined;
  to: (id: number) => string;
  placeholder?: string;
  minWidth?: number;
  testId?: string;
}) {
  const navigate = useNavigate();
  return (
    <Select
      style={{ minWidth }}
      placeholder={placeholder}
      value={agencies ? value : undefined}
      loading={!agencies}
      onChange={(id: number) => navigate(to(id))}
      options={(agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
      data-testid={testId}
    />
  );
}
