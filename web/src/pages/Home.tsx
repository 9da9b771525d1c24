/**
 * The portal's home page: what one may apply for, the agencies that accept applications with their contact
 * details, and the two ways in (apply, follow a case).
 */
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { FileSearchOutlined, FileTextOutlined, FormOutlined, ReadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { CONTACT_LABELS, PUBLIC_CONTACT_KEYS, usePublicAgencies } from '../lib/agencies';
import type { PublicAgency } from '../lib/client';

function AgencyCard({ agency }: { agency: PublicAgency }) {
  const navigate = useNavigate();
  // the details shown to the public are among those the API gives the public (GET /api/public/agencies)
  const shown = (k: (typeof PUBLIC_CONTACT_KEYS)[number]) => agency.contact[k as keyof PublicAgency['contact']];
  const items = PUBLIC_CONTACT_KEYS.filter((k) => shown(k)).map((k) => ({ key: k, label: CONTACT_LABELS[k], children: shown(k) }));
  return (
    <Card
      title={agency.name}
      size="small"
      className="agency-card"
      extra={
        <Button type="link" onClick={() => navigate(`/apply?agency=${agency.id}`)} data-testid={`apply-to-${agency.id}`}>
          向本机关申请
        </Button>
      }
    >
      {items.length > 0 ? <Descriptions size="small" column={1} items={items} /> : <Typography.Text type="secondary">暂未公布联系方式</Typography.Text>}
      <Space size="middle" style={{ marginTop: 8 }}>
        <Link to={`/catalogue/${agency.id}`} data-testid={`catalogue-of-${agency.id}`}>
          公开目录
        </Link>
        <Link to={`/guide/${agency.id}`} data-testid={`guide-of-${agency.id}`}>
          公开指南
        </Link>
        <Link to={`/reports/${agency.id}`} data-testid={`reports-of-${agency.id}`}>
          年度报告
        </Link>
      </Space>
    </Card>
  );
}

export default function Home() {
  const navigate = useNavigate();
  const { agencies, error } = usePublicAgencies();

  return (
    <>
      <section className="home-hero">
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          政府信息公开申请
        </Typography.Title>
        <Typography.Paragraph className="home-lead">
          {'公民、法人或者其他组织可以向行政机关申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。' +
            '行政机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内予以答复；' +
            '需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日（第三十三条）。'}
        </Typography.Paragraph>
        <Space size="large" wrap>
          <Button type="primary" size="large" icon={<FormOutlined />} onClick={() => navigate('/apply')} data-testid="home-apply">
            申请公开
          </Button>
          <Button size="large" icon={<FileSearchOutlined />} onClick={() => navigate('/track')} data-testid="home-track">
            查询办理进度
          </Button>
          <Button size="large" icon={<UnorderedListOutlined />} onClick={() => navigate('/catalogue')} data-testid="home-catalogue">
            政府信息公开目录
          </Button>
          <Button size="large" icon={<ReadOutlined />} onClick={() => navigate('/guide')} data-testid="home-guide">
            政府信息公开指南
          </Button>
          <Button size="large" icon={<FileTextOutlined />} onClick={() => navigate('/reports')} data-testid="home-reports">
            政府信息公开工作年度报告
          </Button>
        </Space>
      </section>

      <Row gutter={[24, 24]} className="home-notes">
        <Col xs={24} md={8}>
          <Card size="small" title="一、提交申请">
            在线填写申请，写明所需政府信息的名称、文号或者便于查询的其他特征性描述，并提供身份证明。提交后即获得查询码。
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title="二、补正与办理">
            申请内容不明确的，行政机关在 7 个工作日内一次性告知补正，答复期限自收到补正之日起计算；可凭查询码在线提交补正。
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title="三、查看答复">
            办理进度、答复期限及其计算方式、答复书均可凭查询码查看和下载。一般不收取费用，申请数量、频次明显超过合理范围的除外。
          </Card>
        </Col>
      </Row>

      <Typography.Title level={3} className="section-title">
        受理机关
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} />}
      {!agencies && !error && <Skeleton active />}
      {agencies && agencies.length === 0 && <Empty description="暂无受理机关" />}
      {agencies && agencies.length > 0 && (
        <Row gutter={[16, 16]} data-testid="agency-list">
          {agencies.map((a) => (
            <Col key={a.id} xs={24} md={12} lg={8}>
              <AgencyCard agency={a} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
