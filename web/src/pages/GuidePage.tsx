/**
 * 政府信息公开指南 (public): an agency's guide (GET /api/public/agencies/:agencyId/guide), with the ways on to
 * its 公开目录 and to applying.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Skeleton, Space, Typography } from 'antd';
import { FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { errorText } from '../lib/api';
import { client, type PublicGuide } from '../lib/client';
import { dateTime } from '../lib/dates';
import { usePublicAgencies } from '../lib/agencies';
import { AgencyRoute, AgencySwitch } from '../components/AgencyChooser';
import { GuideText } from '../components/registry/GuideText';
import '../components/registry/registry.css';

function AgencyGuide({ agencyId }: { agencyId: number }) {
  const { agencies } = usePublicAgencies();
  const [guide, setGuide] = useState<PublicGuide | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client
      .get('/api/public/agencies/:agencyId/guide', { params: { agencyId } })
      .then((g) => live && setGuide(g))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [agencyId]);

  return (
    <>
      <div className="page-banner">
        <Typography.Title level={2}>政府信息公开指南</Typography.Title>
        <Space wrap>
          <AgencySwitch agencies={agencies} value={agencyId} to={(id) => `/guide/${id}`} />
          <Link to={`/catalogue/${agencyId}`}>
            <Button icon={<UnorderedListOutlined />}>公开目录</Button>
          </Link>
          <Link to={`/apply?agency=${agencyId}`}>
            <Button type="primary" icon={<FormOutlined />}>
              申请公开
            </Button>
          </Link>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {!guide && !error && <Skeleton active paragraph={{ rows: 12 }} />}
      {guide && (
        <article className="guide-page">
          <GuideText body={guide.body} testId="guide-text" />
          {guide.updatedAt && (
            <Typography.Paragraph type="secondary" className="small-text" style={{ textAlign: 'right', marginTop: 24 }}>
              更新时间：{dateTime(guide.updatedAt)}
            </Typography.Paragraph>
          )}
        </article>
      )}
    </>
  );
}

export default function GuidePage() {
  return (
    <AgencyRoute title="政府信息公开指南" path="/guide" hint="请选择机关，查看其政府信息公开指南：公开范围、申请方式、受理机构和监督救济途径。">
      {(id) => <AgencyGuide key={id} agencyId={id} />}
    </AgencyRoute>
  );
}
