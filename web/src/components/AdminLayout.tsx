/**
 * The back office's frame: the side menu, and a header with the user, the agency, the roles, 修改密码 and 退出.
 */
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { AuditOutlined, DashboardOutlined, FormOutlined, LogoutOutlined, SettingOutlined, KeyOutlined, UserOutlined } from '@ant-design/icons';
import { BookOutlined, NotificationOutlined, ProfileOutlined } from '@ant-design/icons';
import { BarChartOutlined, FileTextOutlined } from '@ant-design/icons';
import { Link, Outlet, matchPath, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useUser } from '../lib/auth';
import { useCan } from '../lib/rights';
import { labelOf, useMeta } from '../lib/meta';

/**
 * The pages each menu entry stands for (the routes of web/src/main.tsx): an entry is highlighted only on one
 * of them, so a page that does not exist (the 404) highlights nothing.
 */
const MENU_PAGES: Record<string, string[]> = {
  '/admin': ['/admin', '/admin/applications/:id'],
  '/admin/register': ['/admin/register'],
  '/admin/review-cases': ['/admin/review-cases'],
  '/admin/registry': ['/admin/registry'],
  '/admin/records': ['/admin/records'],
  '/admin/guide': ['/admin/guide'],
  '/admin/reports': ['/admin/reports', '/admin/reports/:year'],
  '/admin/supervision': ['/admin/supervision', '/admin/supervision/*'],
  '/admin/settings': ['/admin/settings'],
};

/** The menu entries of a path (none for a page that does not exist). */
export function selectedMenuKeys(pathname: string, keys: string[]): string[] {
  return keys.filter((k) => (MENU_PAGES[k] ?? [k]).some((p) => matchPath({ path: p, end: true }, pathname) !== null));
}

export function AdminLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const can = useCan();
  const meta = useMeta();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  const items = [
    { key: '/admin', icon: <DashboardOutlined />, label: <Link to="/admin">工作台</Link> },
    { key: '/admin/register', icon: <FormOutlined />, label: <Link to="/admin/register">登记申请</Link> },
    { key: '/admin/review-cases', icon: <AuditOutlined />, label: <Link to="/admin/review-cases">行政复议与诉讼</Link> },
    { key: '/admin/registry', icon: <NotificationOutlined />, label: <Link to="/admin/registry">主动公开</Link> },
    { key: '/admin/records', icon: <ProfileOutlined />, label: <Link to="/admin/records">行政决定与收费</Link> },
    { key: '/admin/guide', icon: <BookOutlined />, label: <Link to="/admin/guide">公开指南</Link> },
    { key: '/admin/reports', icon: <FileTextOutlined />, label: <Link to="/admin/reports">年度报告</Link> },
    ...(can('supervision.read') ? [{ key: '/admin/supervision', icon: <BarChartOutlined />, label: <Link to="/admin/supervision">监督检查</Link> }] : []),
    ...(can('agency.write') ? [{ key: '/admin/settings', icon: <SettingOutlined />, label: <Link to="/admin/settings">设置</Link> }] : []),
  ];
  const selected = selectedMenuKeys(pathname, items.map((i) => i.key));

  return (
    <Layout className="admin-layout">
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={200} theme="light" className="admin-sider">
        <Link to="/admin" className="admin-logo">
          <span className="portal-emblem small">公</span>
          <span>政府信息公开</span>
        </Link>
        <Menu mode="inline" selectedKeys={selected} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="admin-header">
          <Space size="middle" wrap className="admin-user">
            <Space size={4}>
              <UserOutlined />
              <Typography.Text strong data-testid="user-name">
                {user.name}
              </Typography.Text>
            </Space>
            <Typography.Text type="secondary">{user.agencyName}</Typography.Text>
            <Space size={0}>
              {user.roles.map((r) => (
                <Tag key={r} color="blue">
                  {labelOf(meta.roles, r)}
                </Tag>
              ))}
            </Space>
          </Space>
          <Space>
            <Button type="text" icon={<KeyOutlined />} onClick={() => navigate('/admin/password')}>
              修改密码
            </Button>
            <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="admin-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
